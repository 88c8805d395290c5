// Code actions for findings: each finding's own fixes, plus "Did you mean …?" for unknown keys and for
// values that nearly match an allowed one. Pure; edits are computed from the current text.

import { distance } from 'fastest-levenshtein';
import type { ParsedDocument } from './document';
import { yamlPlainSafe, yamlScalar } from './complete';
import { lastSegment, parentPointer, valueAt } from './pointer';
import type { Finding, OffsetRange, TextEdit } from './types';
import { MIGRATION_RULES, requiredKeyAction, upgradeEdits } from './fileActions';
import * as l10n from './l10n';

export interface ActionData {
  title: string;
  kind: 'quickfix';
  edits: TextEdit[];
  isPreferred?: boolean;
  /** The finding this action repairs. */
  finding: Finding;
}

export interface Candidate {
  value: string;
  distance: number;
}

/**
 * Plausible intended spellings of `typed` among `allowed`, best first: case-insensitive matches
 * (distance 0), then edit distance up to about a third of the word's length.
 */
export function nearest(typed: string, allowed: readonly string[], limit = 3): Candidate[] {
  const lower = typed.toLowerCase();
  const out: Candidate[] = [];
  for (const a of new Set(allowed)) {
    if (a === typed) continue;
    const al = a.toLowerCase();
    if (al === lower) {
      out.push({ value: a, distance: 0 });
      continue;
    }
    // Levenshtein counts a swap of two neighbours (`nmae`) as 2; people make it as one slip.
    const d = isAdjacentSwap(lower, al) ? 1 : distance(lower, al);
    const budget = Math.max(1, Math.floor(Math.max(a.length, typed.length) / 3));
    if (d <= budget) out.push({ value: a, distance: d });
  }
  out.sort((x, y) => x.distance - y.distance || x.value.localeCompare(y.value));
  return out.slice(0, limit);
}

function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Is the best candidate clearly better than the rest? */
function isClear(cands: Candidate[]): boolean {
  return cands.length === 1 || (cands.length > 1 && cands[0].distance < cands[1].distance);
}

function offsetsOf(doc: ParsedDocument, f: Finding): OffsetRange {
  return { start: doc.offsetAt(f.range.start), end: doc.offsetAt(f.range.end) };
}

function sameEdits(a: TextEdit[], b: TextEdit[]): boolean {
  return (
    a.length === b.length &&
    a.every((e, i) => e.newText === b[i].newText && JSON.stringify(e.range) === JSON.stringify(b[i].range))
  );
}

/** The quote style a key or value was written in. */
function quoteOf(source: string): '"' | "'" | undefined {
  return source[0] === '"' || source[0] === "'" ? (source[0] as '"' | "'") : undefined;
}

function keyText(doc: ParsedDocument, name: string, source: string): string {
  if (doc.format === 'json') return JSON.stringify(name);
  const q = quoteOf(source);
  if (q) return yamlScalar(name, q);
  return yamlPlainSafe(name) ? name : JSON.stringify(name);
}

function unknownKeyActions(doc: ParsedDocument, f: Finding): ActionData[] {
  const allowed = Array.isArray(f.data?.allowed) ? (f.data!.allowed as unknown[]).filter((a): a is string => typeof a === 'string') : [];
  if (allowed.length === 0) return [];
  const info = doc.nodes.get(f.pointer);
  const keyRange = info?.key ?? offsetsOf(doc, f);
  const source = doc.text.slice(keyRange.start, keyRange.end);
  const name = typeof f.data?.key === 'string' ? (f.data.key as string) : lastSegment(f.pointer);
  // The finding must still describe the text (diagnostics can lag behind typing).
  if (source !== name && source.slice(1, -1) !== name && doc.format !== 'json') return [];
  if (doc.format === 'json' && source !== JSON.stringify(name)) return [];
  // Renaming onto a key that is already there would only trade this finding for a duplicate key.
  const siblings = valueAt(doc.value, parentPointer(f.pointer));
  const taken = new Set(siblings && typeof siblings === 'object' && !Array.isArray(siblings) ? Object.keys(siblings) : []);
  const cands = nearest(name, allowed.filter((a) => !taken.has(a)));
  const clear = isClear(cands);
  return cands.map((c, i) => ({
    title: l10n.t('Did you mean "{0}"?', c.value),
    kind: 'quickfix',
    edits: [{ range: doc.rangeOf(keyRange), newText: keyText(doc, c.value, source) }],
    isPreferred: i === 0 && clear ? true : undefined,
    finding: f,
  }));
}

function valueText(doc: ParsedDocument, value: unknown, source: string, style: string | undefined): string {
  if (doc.format === 'json' || style === 'json') return JSON.stringify(value);
  const q = quoteOf(source);
  return yamlScalar(value, q);
}

function invalidValueActions(doc: ParsedDocument, f: Finding): ActionData[] {
  const allowed = Array.isArray(f.data?.allowed) ? (f.data!.allowed as unknown[]) : [];
  if (allowed.length === 0) return [];
  const info = doc.nodes.get(f.pointer);
  if (!info || info.style === undefined || info.style === 'block' || info.source === undefined) return [];
  const current = valueAt(doc.value, f.pointer);
  if (current === undefined || (current !== null && typeof current === 'object')) return [];
  const source = doc.text.slice(info.value.start, info.value.end);
  if (source !== info.source) return [];
  const typed = typeof current === 'string' ? current : String(current);
  const byText = new Map<string, unknown>();
  for (const a of allowed) if (a === null || typeof a !== 'object') byText.set(typeof a === 'string' ? a : JSON.stringify(a), a);
  // A value of the wrong type that reads like an allowed one (`0.4` for "0.4") is the clearest candidate.
  const exact = typeof current !== 'string' ? byText.get(typed) : undefined;
  const cands: { value: unknown; distance: number }[] = exact !== undefined && typeof exact === 'string'
    ? [{ value: exact, distance: 0 }]
    : nearest(typed, [...byText.keys()]).map((c) => ({ value: byText.get(c.value), distance: c.distance }));
  const clear = cands.length === 1 || (cands.length > 1 && cands[0].distance < cands[1].distance);
  return cands.map((c, i) => {
    const shown = typeof c.value === 'string' ? c.value : JSON.stringify(c.value);
    return {
      title: typeof current !== 'string' && c.value === typed ? l10n.t('Write {0} as text', JSON.stringify(shown)) : l10n.t('Did you mean "{0}"?', shown),
      kind: 'quickfix' as const,
      edits: [{ range: doc.rangeOf(info.value), newText: valueText(doc, c.value, source, info.style) }],
      isPreferred: i === 0 && clear ? true : undefined,
      finding: f,
    };
  });
}

export interface CodeActionOptions {
  /** Every finding of the file: enables "upgrade this file" (all migration fixes in one action). */
  allFindings?: readonly Finding[];
  /** The document's root schema: placeholders for inserted keys. */
  schema?: object;
}

/** Code actions for the given findings (typically those under the cursor or in the requested range). */
export function codeActions(doc: ParsedDocument, findings: readonly Finding[], options: CodeActionOptions = {}): ActionData[] {
  const out: ActionData[] = [];
  let upgradeOffered = false;
  for (const f of findings) {
    const own: ActionData[] = (f.fixes ?? []).map((fix) => ({
      title: fix.title,
      kind: 'quickfix' as const,
      edits: fix.edits,
      isPreferred: fix.isPreferred || undefined,
      finding: f,
    }));
    let extra: ActionData[] = [];
    if (f.ruleId.endsWith('/unknown-key')) extra = unknownKeyActions(doc, f);
    else if (f.ruleId.endsWith('/invalid-value')) extra = invalidValueActions(doc, f);
    else if (f.ruleId.endsWith('/required-key') && own.length === 0) {
      const add = requiredKeyAction(doc, f, options.schema);
      if (add) extra = [{ ...add, kind: 'quickfix', isPreferred: true, finding: f }];
    }
    // Drop suggestions that repeat one of the finding's own fixes; one preferred action per finding.
    extra = extra.filter((a) => !own.some((o) => sameEdits(o.edits, a.edits)));
    if (own.some((o) => o.isPreferred)) extra = extra.map((a) => ({ ...a, isPreferred: undefined }));
    out.push(...own, ...extra);
    // One "upgrade the whole file" action, next to the first migration finding asked about, when
    // the file has more than one migration fix to apply.
    if (!upgradeOffered && options.allFindings && MIGRATION_RULES.has(f.ruleId)) {
      const up = upgradeEdits(doc, options.allFindings);
      if (up && up.count > 1) {
        upgradeOffered = true;
        out.push({
          title: up.target ? l10n.t('Upgrade this file to {0} ({1} changes)', up.target, up.count) : l10n.t('Upgrade this file ({0} changes)', up.count),
          kind: 'quickfix',
          edits: up.edits,
          finding: f,
        });
      }
    }
  }
  return out;
}
