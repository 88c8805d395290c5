// Small helpers every standard's rules use: safe reads of the parsed value, pointers, quoting, and
// fixes that replace a key or a value in place.

import type { NodeInfo, ParsedDocument } from '../document';
import { joinPointer, pointerToPath } from '../pointer';
import type { RuleMeta } from '../standard';
import type { Fix } from '../types';
import * as l10n from '../l10n';

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function get(root: unknown, ...path: (string | number)[]): unknown {
  let cur = root;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObj(cur) && typeof seg === 'string' && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** `table[key]` when `key` is the table's own key: never a member of Object.prototype (`constructor`, `__proto__`…). */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function ptr(...segs: (string | number)[]): string {
  return segs.reduce<string>((p, s) => joinPointer(p, s), '');
}

/** `maintenance.contacts[0].email`, the way messages name places. */
export function place(pointer: string): string {
  return pointer === '' ? l10n.t('the document') : pointerToPath(pointer);
}

export function q(v: string): string {
  const s = v.length > 80 ? `${v.slice(0, 77)}…` : v;
  return JSON.stringify(s);
}

export function valueFix(doc: ParsedDocument, pointer: string, newText: string, title: string, isPreferred = true): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info) return undefined;
  return [{ title, isPreferred, edits: [{ range: doc.rangeOf(info.value), newText }] }];
}

export function keyFix(doc: ParsedDocument, pointer: string, newKey: string, title: string): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  return [{ title, isPreferred: true, edits: [{ range: doc.rangeOf(info.key), newText: newKey }] }];
}

/** A YAML scalar for `text` that keeps the original quoting style where it can. */
export function yamlString(text: string, like?: NodeInfo): string {
  if (like?.style === 'single-quoted' && !text.includes("'")) return `'${text}'`;
  if (like?.style === 'plain' && /^[A-Za-z0-9][\w ./()+,-]*$/.test(text) && !/:\s|\s#/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text) && !/^[\d.+-]+$/.test(text)) return text;
  return JSON.stringify(text);
}

export function each<T>(list: unknown, fn: (item: unknown, index: number) => T): void {
  if (Array.isArray(list)) list.forEach((item, i) => fn(item, i));
}

export function entries(obj: unknown): [string, unknown][] {
  return isObj(obj) ? Object.entries(obj) : [];
}

/** Pointers of every node whose pointer matches `re`, with their info (keys first seen only). */
export function nodesMatching(doc: ParsedDocument, re: RegExp): [string, NodeInfo][] {
  const out: [string, NodeInfo][] = [];
  for (const [p, info] of doc.nodes) if (re.test(p)) out.push([p, info]);
  return out;
}

/** Rule metadata in one line: `M('publiccode/old-version', 'warning', 'what it flags')`. */
export const M = (id: string, severity: RuleMeta['severity'], title: string): RuleMeta => ({ id, severity, title });
