// Quick fixes that need more than the finding itself: inserting a missing required key (with a
// placeholder the schema accepts, at the indentation of its siblings) and "upgrade this file to the
// latest version" (every migration fix of the file in one edit). Pure; edits come from the current text.

import { stringify as yamlStringify } from 'yaml';
import type { ParsedDocument } from './document';
import { joinPointer, valueAt } from './pointer';
import { schemaFacts, schemasAt, type SchemaFacts } from './schemaWalk';
import { yamlScalar } from './complete';
import type { Finding, TextEdit } from './types';
import * as l10n from './l10n';

/** Rule ids whose fixes move a file from an older version of its standard to the current one. */
export const MIGRATION_RULES: ReadonlySet<string> = new Set([
  // publiccode.yml 0.x → 0.7 (and the keys 1.0 removes)
  'publiccode/old-version',
  'publiccode/legacy-version-key',
  'publiccode/version-not-string',
  'publiccode/deprecated-key',
  'publiccode/renamed-key',
  'publiccode/removed-key',
  'publiccode/lowercase-country',
  'publiccode/country-section-deprecated',
  // Data Package v1 → v2
  'datapackage/deprecated-property',
  // Project Open Data 1.0 → DCAT-US 1.1
  'dcat-us/version-1-0',
  'dcat-us/conforms-to',
  'dcat-us/renamed-key',
  'dcat-us/legacy-shape',
  'dcat-us/format-is-media-type',
  'dcat-us/access-url-download',
]);

const LATEST: Record<string, string> = {
  publiccode: 'publiccode.yml 0.7',
  datapackage: 'Data Package v2',
  'dcat-us': 'DCAT-US 1.1',
};

interface Span {
  start: number;
  end: number;
}

function overlaps(a: Span, b: Span): boolean {
  // Two insertions at one point would race for the order; an insertion inside a replaced span too.
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/**
 * One edit that applies every migration fix of the file (each finding's preferred fix, else its
 * first), skipping fixes that would overlap one already taken. Undefined when there is nothing to do.
 */
export function upgradeEdits(doc: ParsedDocument, findings: readonly Finding[]): { edits: TextEdit[]; count: number; target?: string } | undefined {
  const taken: Span[] = [];
  const edits: TextEdit[] = [];
  let count = 0;
  let standard: string | undefined;
  for (const f of findings) {
    if (!MIGRATION_RULES.has(f.ruleId) || !f.fixes?.length) continue;
    const fix = f.fixes.find((x) => x.isPreferred) ?? f.fixes[0];
    const spans = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }));
    if (spans.some((s) => taken.some((t) => overlaps(s, t)))) continue;
    // The fix's own edits must not overlap each other either (they never should).
    taken.push(...spans);
    edits.push(...fix.edits);
    count++;
    standard ??= f.ruleId.split('/')[0];
  }
  if (count === 0) return undefined;
  return { edits, count, target: standard ? LATEST[standard] : undefined };
}

// ------------------------------------------------------------------------------ missing keys

/** A value the schema accepts for a key that has to be filled in (the first allowed value or example, else an empty one of the right type). */
export function placeholderFor(facts: SchemaFacts | undefined): unknown {
  if (!facts) return '';
  if (facts.enum?.length) return facts.enum[0];
  if (facts.default !== undefined) return facts.default;
  const types = facts.types.filter((t) => t !== 'null');
  const t = types[0];
  const example = facts.examples.find((e) => t === undefined || typeOf(e) === t || (t === 'number' && typeof e === 'number'));
  if (example !== undefined) return example;
  switch (t) {
    case 'object':
      return {};
    case 'array':
      return [];
    case 'boolean':
      return false;
    case 'number':
    case 'integer':
      return 0;
    default:
      return facts.hasProperties ? {} : facts.hasItems ? [] : '';
  }
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

function renderInline(doc: ParsedDocument, value: unknown): string {
  if (doc.format === 'json') return JSON.stringify(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value); // `{}` / `[]` / a small flow value
  return yamlScalar(value);
}

/** YAML text after `key:` — a block for a non-empty mapping or list, one level below `indent`. */
function renderYamlValue(doc: ParsedDocument, value: unknown, indent: string): string {
  const empty = value === null || typeof value !== 'object' || Object.keys(value as object).length === 0;
  if (empty) return ` ${renderInline(doc, value)}`;
  const inner = indent + indentUnit(doc);
  const body = yamlStringify(value, { indent: indentUnit(doc).length, lineWidth: 0 }).replace(/\n$/, '');
  return `\n${body.split('\n').map((l) => inner + l).join('\n')}`;
}

function renderKey(doc: ParsedDocument, key: string): string {
  return doc.format === 'json' ? JSON.stringify(key) : yamlScalar(key);
}

/** The document's indentation unit (the smallest indentation of a nested key), two spaces by default. */
function indentUnit(doc: ParsedDocument): string {
  let unit = 0;
  for (const info of doc.nodes.values()) {
    if (!info.key) continue;
    const ls = lineStartOf(doc.text, info.key.start);
    const before = doc.text.slice(ls, info.key.start);
    if (/^ +$/.test(before) && (unit === 0 || before.length < unit)) unit = before.length;
  }
  return ' '.repeat(unit > 0 && unit <= 8 ? unit : doc.format === 'json' ? 2 : 2);
}

/** Insert `key: placeholder` into the mapping at `parent`, after its last member, at its members' indentation. */
export function insertMemberEdit(doc: ParsedDocument, parent: string, key: string, value: unknown): TextEdit | undefined {
  const obj = valueAt(doc.value, parent);
  if (obj === null && doc.format === 'yaml' && parent !== '') return insertUnderEmptyKey(doc, parent, key, value);
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  let last: { key: Span; value: Span } | undefined;
  let first: { key: Span } | undefined;
  for (const k of Object.keys(obj)) {
    const info = doc.nodes.get(joinPointer(parent, k));
    if (!info?.key) continue;
    if (!last || info.key.start > last.key.start) last = { key: info.key, value: info.value };
    if (!first || info.key.start < first.key.start) first = { key: info.key };
  }
  const entryAt = (indent: string) => `${renderKey(doc, key)}:${renderYamlValue(doc, value, indent)}`;
  const entry = `${renderKey(doc, key)}: ${renderInline(doc, value)}`;
  if (doc.format === 'json') {
    if (!last) {
      const node = doc.nodes.get(parent);
      if (!node || doc.text[node.value.start] !== '{') return undefined;
      const at = doc.positionAt(node.value.start + 1);
      return { range: { start: at, end: at }, newText: entry };
    }
    const ls = lineStartOf(doc.text, last.key.start);
    const before = doc.text.slice(ls, last.key.start);
    const sep = /^[ \t]*$/.test(before) ? `,\n${before}` : ', ';
    const at = doc.positionAt(last.value.end);
    return { range: { start: at, end: at }, newText: `${sep}${entry}` };
  }
  if (!last || !first) {
    if (parent === '' && doc.text.trim() === '') return { range: { start: doc.positionAt(0), end: doc.positionAt(0) }, newText: `${entry}\n` };
    return undefined;
  }
  // Members' indentation: the column of the first key (a `- ` before it counts as indentation).
  const ls = lineStartOf(doc.text, first.key.start);
  const prefix = doc.text.slice(ls, first.key.start);
  if (!/^[ \t]*(?:- +)*$/.test(prefix)) return undefined; // flow mapping or keys sharing a line
  const indent = ' '.repeat(prefix.length);
  const lastPrefix = doc.text.slice(lineStartOf(doc.text, last.key.start), last.key.start);
  if (!/^[ \t]*(?:- +)*$/.test(lastPrefix)) return undefined;
  const end = lineEndOf(doc.text, Math.max(last.value.end - 1, last.key.end));
  // Trailing comments or blank lines inside the value are left where they are.
  const at = doc.positionAt(end);
  return { range: { start: at, end: at }, newText: `\n${indent}${entryAt(indent)}` };
}

/** `legal:` with nothing under it: the new member goes on the next line, one level deeper. */
function insertUnderEmptyKey(doc: ParsedDocument, parent: string, key: string, value: unknown): TextEdit | undefined {
  const info = doc.nodes.get(parent);
  if (!info?.key) return undefined;
  const ls = lineStartOf(doc.text, info.key.start);
  const prefix = doc.text.slice(ls, info.key.start);
  if (!/^[ \t]*(?:- +)*$/.test(prefix)) return undefined;
  const end = lineEndOf(doc.text, info.key.end);
  const rest = doc.text.slice(info.key.end, end);
  if (!/^\s*:\s*(#.*)?$/.test(rest)) return undefined;
  const at = doc.positionAt(end);
  const indent = ' '.repeat(prefix.length) + indentUnit(doc);
  return { range: { start: at, end: at }, newText: `\n${indent}${renderKey(doc, key)}:${renderYamlValue(doc, value, indent)}` };
}

/** "Add the missing key" for a `…/required-key` finding. */
export function requiredKeyAction(doc: ParsedDocument, f: Finding, schema?: object): { title: string; edits: TextEdit[] } | undefined {
  const missing = typeof f.data?.missing === 'string' ? (f.data.missing as string) : undefined;
  const parent = typeof f.data?.parent === 'string' ? (f.data.parent as string) : undefined;
  if (missing === undefined || parent === undefined) return undefined;
  const obj = valueAt(doc.value, parent);
  if (obj && typeof obj === 'object' && !Array.isArray(obj) && missing in obj) return undefined; // stale finding
  let facts: SchemaFacts | undefined;
  if (schema) {
    const applicable = schemasAt(schema, joinPointer(parent, missing), { document: doc.value });
    if (applicable.length) facts = schemaFacts(applicable);
  }
  const value = placeholderFor(facts);
  const edit = insertMemberEdit(doc, parent, missing, value);
  if (!edit) return undefined;
  const filled = value !== '' && !(value !== null && typeof value === 'object' && Object.keys(value as object).length === 0);
  return { title: filled ? l10n.t('Add the missing key "{0}" (with an example value to replace)', missing) : l10n.t('Add the missing key "{0}"', missing), edits: [edit] };
}
