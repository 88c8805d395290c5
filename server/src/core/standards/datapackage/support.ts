// Small helpers shared by the Data Package rules: rule metadata, readable places, quoting, fixes.

import type { ParsedDocument } from '../../document';
import { suggest } from '../../messages';
import { pointerToPath } from '../../pointer';
import type { RuleContext, RuleMeta } from '../../standard';
import type { Fix } from '../../types';
import { yamlString } from '../../rules/kit';
import { declarationOf, deleteKeyEdit, versionOf, type FieldAt } from './descriptor';
import { defaultFieldType, fieldTypes, type Kind, type Version } from './vocabulary';

export const M = (id: string, severity: RuleMeta['severity'], title: string): RuleMeta => ({ id, severity, title });

export const KIND_WORDS: Record<Kind, string> = { package: 'Data Package', resource: 'Data Resource', schema: 'Table Schema', dialect: 'Table Dialect' };

/** Readable place: `resources[0].schema.fields[2].name`, or "the descriptor" for the root. */
export function at(pointer: string): string {
  return pointer === '' ? 'the descriptor' : pointerToPath(pointer);
}

export function quoteFor(doc: ParsedDocument, pointer: string, text: string): string {
  return doc.format === 'json' ? JSON.stringify(text) : yamlString(text, doc.nodes.get(pointer));
}

/** A JSON array of strings, valid as YAML flow too. */
export function flowList(items: string[]): string {
  return `[${items.map((s) => JSON.stringify(s)).join(', ')}]`;
}

export function deleteFix(doc: ParsedDocument, pointer: string, title: string): Fix[] | undefined {
  const edit = deleteKeyEdit(doc, pointer);
  return edit ? [{ title, isPreferred: true, edits: [edit] }] : undefined;
}

export function keyOffsets(doc: ParsedDocument, pointer: string): { start: number; end: number } | undefined {
  const info = doc.nodes.get(pointer);
  return info?.key ? { start: info.key.start, end: info.key.end } : undefined;
}

/** A close candidate for a name: same letters in another case, or (for names of 4+ letters) a near spelling. */
export function near(value: string, candidates: string[]): string | undefined {
  const ci = candidates.find((c) => c.toLowerCase() === value.toLowerCase());
  if (ci) return ci;
  if (value.length < 4) return undefined;
  const s = suggest(value, candidates);
  return s && s.length >= 4 ? s : undefined;
}

export function isV2(ctx: RuleContext): boolean {
  return versionOf(ctx.detection) === '2';
}

/** Was the version chosen by default (no `$schema`, no `profile`, no modeline, no --standard version)? */
export function versionByDefault(ctx: RuleContext): boolean {
  return declarationOf(ctx.value).by === 'none' && !/modeline|--standard \w+@/.test(ctx.detection.reason);
}

export function effectiveType(f: FieldAt, v: Version): string | undefined {
  const t = f.value.type;
  if (t === undefined) return defaultFieldType(v);
  return typeof t === 'string' && fieldTypes(v).includes(t) ? t : undefined;
}
