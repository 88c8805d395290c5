// Every rule id the core can report, with its default severity and its documentation page.
import type { RuleMeta } from './standard';
import type { Severity } from './types';
import { STANDARDS } from './standards';
import { LIMIT_RULES } from './limits';

export const DOCS_BASE = 'https://github.com/civic-schemas/civic-schemas/blob/main/docs/rules';

export const CORE_RULES: RuleMeta[] = [
  { id: 'yaml/syntax', severity: 'error', title: 'The YAML text cannot be parsed' },
  { id: 'json/syntax', severity: 'error', title: 'The JSON text cannot be parsed' },
  { id: 'yaml/alias-limit', severity: 'error', title: 'Aliases expand to too many nodes' },
  { id: 'yaml/depth-limit', severity: 'error', title: 'The document nests too deeply' },
  { id: 'json/depth-limit', severity: 'error', title: 'The document nests too deeply' },
  { id: 'core/no-standard', severity: 'warning', title: 'No standard applies to this file' },
  { id: 'core/unknown-standard', severity: 'error', title: 'A modeline names a standard this tool does not know' },
  { id: 'core/internal-error', severity: 'error', title: 'A check failed unexpectedly' },
  ...LIMIT_RULES,
];

/** Rule ids the schema layer reports, under each standard's prefix. */
export const SCHEMA_RULES: { name: string; severity: Severity; title: string }[] = [
  { name: 'unknown-key', severity: 'error', title: 'A key the standard does not define' },
  { name: 'required-key', severity: 'error', title: 'A required key is missing' },
  { name: 'wrong-type', severity: 'error', title: 'A value has the wrong type' },
  { name: 'invalid-value', severity: 'error', title: 'A value is not one the standard allows' },
  { name: 'length', severity: 'error', title: 'A text is too short or too long' },
  { name: 'count', severity: 'error', title: 'A list has too few or too many items' },
  { name: 'not-allowed', severity: 'error', title: 'A key is not allowed in this context' },
];

let all: Map<string, RuleMeta> | undefined;

export function allRules(): Map<string, RuleMeta> {
  if (all) return all;
  all = new Map();
  for (const r of CORE_RULES) all.set(r.id, r);
  for (const s of STANDARDS) {
    for (const r of SCHEMA_RULES) all.set(`${s.schemaRulePrefix}/${r.name}`, { id: `${s.schemaRulePrefix}/${r.name}`, severity: r.severity, title: r.title });
    for (const rule of s.rules) for (const m of rule.meta) all.set(m.id, m);
  }
  return all;
}

export function ruleMeta(id: string): RuleMeta | undefined {
  return allRules().get(id);
}

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE}/${id}.md`;
}
