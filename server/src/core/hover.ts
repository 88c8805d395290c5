// Hover: what the standard says about the key or value under the cursor — title, description, allowed
// values, an example, since/deprecated, and a link to the specification. Pure; returns markdown.

import { stringify as yamlStringify } from 'yaml';
import type { ParsedDocument } from './document';
import { isArrayIndex, parentPointer, splitPointer } from './pointer';
import { schemaFacts, schemasAt, type CivicAnnotation, type SchemaFacts } from './schemaWalk';
import type { Detection, OffsetRange, Position, Range } from './types';
import * as l10n from './l10n';

export interface EditorContext {
  doc: ParsedDocument;
  /** Root JSON Schema of the detected standard and version (`prepare().schema`). */
  schema?: object;
  standard?: { title: string; specUrl: string };
  detection?: Detection;
}

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  range: Range;
}

export interface NodeHit {
  pointer: string;
  on: 'key' | 'value';
  range: OffsetRange;
}

/** The key or scalar value at an offset (the innermost one); undefined on whitespace and punctuation. */
export function nodeAt(doc: ParsedDocument, offset: number): NodeHit | undefined {
  let best: NodeHit | undefined;
  const better = (r: OffsetRange) => !best || r.end - r.start < best.range.end - best.range.start;
  for (const [pointer, info] of doc.nodes) {
    if (info.key && info.key.start <= offset && offset <= info.key.end && info.key.end > info.key.start) {
      if (!best || best.on === 'value' || better(info.key)) best = { pointer, on: 'key', range: info.key };
    }
  }
  if (best) return best;
  for (const [pointer, info] of doc.nodes) {
    if (info.style === undefined) continue; // collections: only their keys and scalars are hover targets
    const r = info.value;
    if (r.start <= offset && offset <= r.end && r.end > r.start && better(r)) best = { pointer, on: 'value', range: r };
  }
  return best;
}

export function hover(ctx: EditorContext, position: Position): HoverResult | undefined {
  const { doc, schema } = ctx;
  if (!schema) return undefined;
  const offset = doc.offsetAt(position);
  const hit = nodeAt(doc, offset);
  if (!hit) return undefined;
  const applicable = schemasAt(schema, hit.pointer, { document: doc.value });
  if (applicable.length === 0) return undefined;
  let facts = schemaFacts(applicable);
  const segs = splitPointer(hit.pointer);
  const isItem = segs.length > 0 && isArrayIndex(segs[segs.length - 1]) && Array.isArray(valueAtParent(doc, hit.pointer));
  // An item without its own documentation: describe the list it belongs to.
  let listFacts: SchemaFacts | undefined;
  if (isItem) {
    listFacts = schemaFacts(schemasAt(schema, parentPointer(hit.pointer), { document: doc.value }));
    if (!facts.description && !facts.markdownDescription) facts = { ...facts, description: listFacts.description, markdownDescription: listFacts.markdownDescription, title: facts.title ?? listFacts.title };
  }
  const name = displayName(hit.pointer);
  const parts: string[] = [];
  if (hit.on === 'value') {
    const value = valueAtPointer(doc, hit.pointer);
    const valueDoc = facts.enumDescriptions.get(JSON.stringify(value));
    if (valueDoc) parts.push(`${code(scalarText(value))} — ${valueDoc}`);
  }
  parts.push(
    documentationMarkdown(facts, {
      name,
      format: doc.format,
      version: ctx.detection?.version,
      standard: ctx.standard,
      heading: true,
    }),
  );
  const markdown = parts.filter(Boolean).join('\n\n---\n\n');
  if (!markdown.trim()) return undefined;
  return { markdown, range: doc.rangeOf(hit.range) };
}

function valueAtPointer(doc: ParsedDocument, pointer: string): unknown {
  let cur: unknown = doc.value;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg)) cur = (cur as Record<string, unknown>)[seg];
    else return undefined;
  }
  return cur;
}

function valueAtParent(doc: ParsedDocument, pointer: string): unknown {
  return valueAtPointer(doc, parentPointer(pointer));
}

/** `maintenance.contacts[0].email` style name of the node, or its key for top-level keys. */
function displayName(pointer: string): string {
  const segs = splitPointer(pointer);
  if (segs.length === 0) return '';
  let out = '';
  for (const seg of segs) out += isArrayIndex(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

// ------------------------------------------------------------------------------------ markdown

export interface DocOptions {
  /** The key or path being described (shown as a heading). */
  name?: string;
  format: 'yaml' | 'json';
  /** The version the document declares (to say whether a since/deprecated applies to it). */
  version?: string;
  standard?: { title: string; specUrl: string };
  heading?: boolean;
  /** Leave out the allowed-values list (completion items of values do not need it). */
  omitValues?: boolean;
  /** Leave out the specification link. */
  omitLink?: boolean;
}

/** Inline code that survives backticks inside the text. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ');
  const runs = oneLine.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

export function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Compare dotted versions; `0` alone means "the latest 0.x" and sorts after every 0.x. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => Number.parseInt(x, 10));
  const pb = b.split('.').map((x) => Number.parseInt(x, 10));
  const n = Math.max(pa.length, pb.length);
  for (let i = 0; i < n; i++) {
    const x = i < pa.length ? pa[i] : pa.length === 1 ? Infinity : 0;
    const y = i < pb.length ? pb[i] : pb.length === 1 ? Infinity : 0;
    if (Number.isNaN(x) || Number.isNaN(y)) return 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Deprecated for the document's version (or at all, when the document's version is unknown)? */
export function isDeprecatedFor(facts: Pick<SchemaFacts, 'deprecated' | 'civic'>, version?: string): boolean {
  if (facts.deprecated) return true;
  const since = facts.civic.deprecatedSince;
  if (typeof since !== 'string') return false;
  return version === undefined || compareVersions(version, since) >= 0;
}

function renderExample(example: unknown, name: string | undefined, format: 'yaml' | 'json'): string {
  if (example === null || typeof example !== 'object') return code(scalarText(example));
  const key = name && !name.includes('[') ? name.split('.').pop() : undefined;
  if (format === 'json') {
    const body = JSON.stringify(key ? { [key]: example } : example, null, 2);
    return `\n\n\`\`\`json\n${body}\n\`\`\``;
  }
  const body = yamlStringify(key ? { [key]: example } : example, { lineWidth: 0 }).trimEnd();
  return `\n\n\`\`\`yaml\n${body}\n\`\`\``;
}

function valueList(values: unknown[]): string {
  const shown = values.slice(0, 30).map((v) => code(scalarText(v)));
  return values.length > 30 ? l10n.t('{0}, … ({1} in all)', shown.join(', '), values.length) : shown.join(', ');
}

function typeWords(facts: SchemaFacts): string | undefined {
  const words: Record<string, string> = {
    string: l10n.t('text'),
    number: l10n.t('number'),
    integer: l10n.t('whole number'),
    boolean: l10n.t('true or false'),
    object: l10n.t('mapping'),
    array: l10n.t('list'),
    null: l10n.t('empty'),
  };
  if (facts.types.length === 0) return undefined;
  return facts.types.map((t) => words[t] ?? t).join(` ${l10n.t('or')} `);
}

/** `/organisation/name` (a JSON Pointer replacement) → `organisation.name`; other text stays. */
function replacementText(r: string): string {
  if (!r.startsWith('/')) return r;
  return splitPointer(r).reduce((out, seg) => (isArrayIndex(seg) ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

function civicNotes(civic: CivicAnnotation, facts: SchemaFacts, version: string | undefined, description: string): string[] {
  const notes: string[] = [];
  if (typeof civic.since === 'string') {
    const tooNew = version !== undefined && compareVersions(version, civic.since) < 0;
    // The description may say it already; then only what it cannot know (this file's version) is added.
    const said = new RegExp(`\\b(since|added in) (version |publiccode\\.yml )?${civic.since.replace(/\./g, '\\.')}\\b`, 'i').test(description);
    const note = tooNew ? l10n.t('This file declares {0}, which does not have it yet.', version) : '';
    if (!said) notes.push(l10n.t('Since version {0}.', civic.since) + (note ? ` ${note}` : ''));
    else if (note) notes.push(note);
  }
  const deprecatedSince = typeof civic.deprecatedSince === 'string' ? civic.deprecatedSince : undefined;
  if ((facts.deprecated || deprecatedSince) && !/deprecated/i.test(description)) {
    let text = deprecatedSince ? l10n.t('**Deprecated** since version {0}.', deprecatedSince) : l10n.t('**Deprecated.**');
    if (typeof civic.replacement === 'string' && civic.replacement) text += ` ${l10n.t('Use {0} instead.', code(replacementText(civic.replacement)))}`;
    else if (facts.deprecationMessage) text += ` ${facts.deprecationMessage}`;
    notes.push(text);
  }
  return notes;
}

/** Markdown describing a node from its schema facts (used by hover and by completion items). */
export function documentationMarkdown(facts: SchemaFacts, opts: DocOptions): string {
  const out: string[] = [];
  if (opts.heading && opts.name) {
    const type = typeWords(facts);
    out.push(`**${code(opts.name)}**${facts.title ? ` — ${facts.title}` : ''}${type ? ` *(${type})*` : ''}`);
  } else if (opts.heading && facts.title) {
    out.push(`**${facts.title}**`);
  }
  const description = facts.markdownDescription ?? facts.description;
  if (description) out.push(description.trim());
  if (!opts.omitValues && facts.enum && facts.enum.length > 0) {
    out.push(l10n.t('Allowed values: {0}', valueList(facts.enum)));
  }
  if (facts.examples.length > 0) {
    out.push(l10n.t('Example: {0}', renderExample(facts.examples[0], opts.name, opts.format)));
  } else if (facts.default !== undefined) {
    out.push(l10n.t('Default: {0}', code(scalarText(facts.default))));
  }
  out.push(...civicNotes(facts.civic, facts, opts.version, description ?? ''));
  if (!opts.omitLink) {
    const url = typeof facts.civic.specUrl === 'string' ? facts.civic.specUrl : opts.standard?.specUrl;
    // Descriptions often end with their own link to the spec; do not add a second one.
    if (url && !(description ?? '').includes(`](${url})`)) out.push(opts.standard?.title ? l10n.t('[{0} specification]({1})', opts.standard.title, url) : l10n.t('[Specification]({0})', url));
  }
  return out.join('\n\n');
}
