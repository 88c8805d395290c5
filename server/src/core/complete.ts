// Completion: keys valid at the cursor that are not there yet (required first, deprecated last) and
// values (enum/const, true/false, examples), with documentation from the schema. Pure: returns plain data
// that a host maps to its own completion items.
//
// Finding the place is done from the text, because the text is usually invalid while typing:
// - YAML: the current line says whether the cursor is on a key, after `key: `, or in a `- ` item. The
//   token under the cursor is then replaced by a placeholder that always parses (`<ph>:` for keys,
//   `<ph>` for values), the patched text is parsed with the tolerant YAML parser, and the placeholder's
//   JSON Pointer is read from the index. Indentation, sequences, indentless sequences, quoted keys and
//   comments are thereby understood exactly as the parser understands them; inside a block scalar or a
//   multi-line string the placeholder is just more text, so nothing is proposed there.
// - JSON: jsonc-parser's `getLocation` (made for this) gives the path and whether a key is being typed.

import { getLocation } from 'jsonc-parser';
import { parseDocument, type ParsedDocument } from './document';
import { documentationMarkdown, isDeprecatedFor, scalarText, type EditorContext } from './hover';
import { joinPointer, parentPointer, splitPointer, valueAt } from './pointer';
import { childSchemas, expandSchema, instanceType, isSchemaObject, objectProperties, schemaFacts, schemasAt, type SchemaFacts } from './schemaWalk';
import type { OffsetRange, Position, Range } from './types';
import { providedValues, providerFor } from './valueProviders';
import { itemSnippets, skeletonSnippet, type RenderedSnippet } from './snippets';

export type CompletionKind = 'property' | 'enum' | 'value' | 'keyword' | 'example' | 'snippet';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  /** One line next to the label: `required · text`, `deprecated · list`… */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** The text replacing `range`; a snippet (tab stops, choices) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  /** Continuation lines already carry their full indentation: insert as is, do not re-indent. */
  keepIndentation: boolean;
  filterText?: string;
  sortText: string;
  deprecated: boolean;
  preselect?: boolean;
  /** The range to replace (single line, contains the cursor). */
  range: Range;
}

export interface CompletionResult {
  items: CompletionEntry[];
  isIncomplete: boolean;
}

export interface CompletionOptions {
  /** The client accepts snippets (tab stops, choices). Default true. */
  snippets?: boolean;
  /** The character that triggered completion, if any; ` ` only counts right after `: ` or `- `. */
  triggerCharacter?: string;
  /** The clock for date fields (today's date is offered); default: the system clock. */
  now?: () => Date;
}

const EMPTY: CompletionResult = { items: [], isIncomplete: false };
const PH = '__civic_completion__';

interface Site {
  /** Key completion: the object whose keys are proposed. */
  keys?: { pointer: string; present: Set<string>; hasColon: boolean };
  /** Value completion: the node whose value is proposed. */
  values?: { pointer: string };
  /** Replaced text (offsets in the real document). */
  range: OffsetRange;
  /** The token being replaced starts with this quote. */
  quote?: '"' | "'";
  /** The cursor is right after `:` or `-`: insert a space first. */
  leadingSpace: boolean;
  /** JSON: another entry follows; append a comma. */
  trailingComma: boolean;
  /** The document's value as best known (with the placeholder where the cursor is), for conditionals. */
  document: unknown;
  /** YAML: column where an inserted key starts, the indentation unit and the sequence style. */
  column: number;
}

export function complete(ctx: EditorContext, position: Position, options: CompletionOptions = {}): CompletionResult {
  const { doc, schema } = ctx;
  if (!schema) return EMPTY;
  const style = doc.format === 'yaml' ? yamlStyle(doc) : { unit: '  ', indentlessSequences: false };
  const skeleton = doc.text.trim() === '' && options.snippets !== false ? skeletonItem(ctx, position, style) : undefined;
  const site = doc.format === 'json' ? jsonSite(doc, position, options.triggerCharacter) : yamlSite(doc, position, options.triggerCharacter);
  if (!site && doc.format === 'json' && doc.text.trim() === '') return { items: [...(skeleton ? [skeleton] : []), ...emptyJsonKeyItems(ctx, options, style)], isIncomplete: false };
  if (!site) return skeleton ? { items: [skeleton], isIncomplete: false } : EMPTY;
  const items: CompletionEntry[] = skeleton ? [skeleton] : [];
  if (site.keys) items.push(...keyItems(ctx, site, options, style));
  if (options.snippets !== false) items.push(...snippetItems(ctx, site, style));
  const typed = doc.text.slice(site.range.start, Math.max(site.range.start, doc.offsetAt(position))).replace(/^["']/, '');
  if (site.values) items.push(...valueItems(ctx, site, options, typed));
  return { items, isIncomplete: false };
}

/** An empty JSON file: the root keys, each inserted inside the braces of a new object. */
function emptyJsonKeyItems(ctx: EditorContext, options: CompletionOptions, style: { unit: string; indentlessSequences: boolean }): CompletionEntry[] {
  const site: Site = { keys: { pointer: '', present: new Set(), hasColon: false }, range: { start: 0, end: ctx.doc.text.length }, leadingSpace: false, trailingComma: false, document: {}, column: 0 };
  return keyItems(ctx, site, options, style).map((item) => ({
    ...item,
    insertText: `{\n${style.unit}${item.snippet ? item.insertText : escapeSnippet(item.insertText)}\n}`,
    snippet: true,
  }));
}

// -------------------------------------------------------------------------------------- snippets

function snippetEntry(r: RenderedSnippet, range: Range, sortText: string): CompletionEntry {
  return { label: r.label, kind: 'snippet', detail: r.detail, insertText: r.text, snippet: true, keepIndentation: true, sortText, deprecated: false, range };
}

/** A whole object for a list item being started (YAML: a fresh `- ` line; JSON: a new array element). */
function snippetItems(ctx: EditorContext, site: Site, style: { unit: string; indentlessSequences: boolean }): CompletionEntry[] {
  const { doc } = ctx;
  let pointer: string;
  if (doc.format === 'yaml') {
    if (!site.keys || site.keys.present.size > 0 || site.keys.hasColon || site.range.end > site.range.start) return [];
    pointer = site.keys.pointer;
  } else {
    if (!site.values || site.range.end > site.range.start || site.quote) return [];
    pointer = site.values.pointer;
  }
  if (!/\/\d+$/.test(pointer)) return [];
  const column = doc.format === 'yaml' ? site.column : indentOf(doc.lines.lineText(doc.positionAt(site.range.start).line));
  const rendered = itemSnippets(ctx.detection?.standardId, ctx.detection?.version ?? '', pointer, site.document, { format: doc.format, column, ...style, yamlScalar: (v) => yamlScalar(v) });
  const range = doc.rangeOf(site.range);
  if (site.leadingSpace) for (const r of rendered) r.text = ` ${r.text}`;
  if (site.trailingComma) for (const r of rendered) r.text = r.text.replace(/\$0$/, ',$0');
  return rendered.map((r) => snippetEntry(r, range, '0'));
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

/** The skeleton of an empty document of the detected standard. */
function skeletonItem(ctx: EditorContext, position: Position, style: { unit: string; indentlessSequences: boolean }): CompletionEntry | undefined {
  const { doc, detection, standard } = ctx;
  if (!detection || !standard) return undefined;
  const r = skeletonSnippet(detection.standardId, detection.version, standard.title, { format: doc.format, column: 0, ...style, yamlScalar: (v) => yamlScalar(v) });
  if (!r) return undefined;
  const line = doc.lines.lineText(position.line);
  const range = { start: { line: position.line, character: 0 }, end: { line: position.line, character: line.length } };
  return { ...snippetEntry(r, range, '!'), preselect: true };
}

// ------------------------------------------------------------------------------------------ YAML

/** Offset just after the indentation and any `- ` sequence markers. */
function structureEnd(line: string): { indent: number; content: number } {
  let i = 0;
  while (line[i] === ' ') i++;
  const indent = i;
  let c = i;
  while (line[c] === '-' && (c + 1 === line.length || line[c + 1] === ' ' || line[c + 1] === '\t')) {
    c++;
    while (line[c] === ' ' || line[c] === '\t') c++;
  }
  return { indent, content: c };
}

/** The first mapping colon (`: ` or `:` at the end) and the start of a comment, outside quotes. */
function scanLine(line: string, from: number): { colon?: number; comment?: number } {
  let quote: string | undefined;
  let colon: number | undefined;
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = undefined;
      }
      continue;
    }
    const tokenStart = i === from || /[\s[{,]/.test(line[i - 1]);
    if ((c === '"' || c === "'") && tokenStart) quote = c;
    else if (c === '#' && (i === from || /\s/.test(line[i - 1]))) return { colon, comment: i };
    else if (c === ':' && colon === undefined && (i + 1 === line.length || /\s/.test(line[i + 1]))) colon = i;
  }
  return { colon };
}

function trimEndAt(line: string, end: number): number {
  while (end > 0 && /\s/.test(line[end - 1])) end--;
  return end;
}

function yamlSite(doc: ParsedDocument, pos: Position, trigger?: string): Site | undefined {
  const line = doc.lines.lineText(pos.line);
  const ch = Math.max(0, Math.min(pos.character, line.length));
  const lineStart = doc.offsetAt({ line: pos.line, character: 0 });
  const before = line.slice(0, ch);
  if (/^(---|\.\.\.)(\s|$)/.test(line) || /^\s*%/.test(line)) return undefined;
  if (trigger === ' ' && !/(^|\s)-\s$|:\s$/.test(before)) return undefined;
  const { indent, content } = structureEnd(line);
  const scan = scanLine(line, Math.min(content, line.length));
  if (scan.comment !== undefined && ch > scan.comment) return undefined;

  if (scan.colon !== undefined && ch > scan.colon) return yamlValueSite(doc, line, ch, lineStart, scan.colon, scan.comment);

  // Key position (or a scalar item after `- `, or a value continued on its own line).
  let start = content;
  if (ch < content) {
    if (line.slice(ch).trim() !== '' && line.slice(indent, content).trim() === '') return undefined; // cursor in the indentation of a line with content
    if (line.slice(indent, content).includes('-') && ch < content) return undefined; // cursor before a `- `
    start = ch;
  }
  const hasColon = scan.colon !== undefined;
  const end = hasColon ? trimEndAt(line, scan.colon!) : trimEndAt(line, scan.comment ?? line.length);
  const tokenEnd = Math.max(end, ch);
  const token = line.slice(start, tokenEnd);
  if (/^[[{&*!|>%@`]/.test(token)) return undefined;
  const rest = hasColon ? line.slice(scan.colon!) : `:${scan.comment !== undefined ? ` ${line.slice(scan.comment)}` : ''}`;
  // Right after `-` (no space yet) the placeholder needs a space to stay a sequence item.
  const gap = start > 0 && line[start - 1] === '-' ? ' ' : '';
  const patchedLine = `${line.slice(0, start)}${gap}${PH}${rest}`;
  const patched = doc.text.slice(0, lineStart) + patchedLine + doc.text.slice(lineStart + line.length);
  const parsed = parseDocument(doc.uri, patched, { languageId: 'yaml' });
  const phOffset = lineStart + start + gap.length;
  let keyPointer: string | undefined;
  for (const [pointer, info] of parsed.nodes) {
    if (info.key?.start === phOffset && splitPointer(pointer).pop() === PH) {
      keyPointer = pointer;
      break;
    }
  }
  if (keyPointer === undefined) return undefined;
  const objectPointer = parentPointer(keyPointer);
  const obj = valueAt(parsed.value, objectPointer);
  const present = new Set(isSchemaObject(obj) ? Object.keys(obj).filter((k) => k !== PH) : []);
  const quote = token[0] === '"' || token[0] === "'" ? (token[0] as '"' | "'") : undefined;
  const site: Site = {
    keys: { pointer: objectPointer, present, hasColon },
    range: { start: lineStart + start, end: lineStart + tokenEnd },
    quote,
    leadingSpace: start > 0 && (line[start - 1] === '-' || line[start - 1] === ':'),
    trailingComma: false,
    document: parsed.value,
    column: start + (start > 0 && (line[start - 1] === '-' || line[start - 1] === ':') ? 1 : 0),
  };
  // A fresh line under a key or after `- ` may also be that node's scalar value.
  if (present.size === 0 && !hasColon) site.values = { pointer: objectPointer };
  return site;
}

function yamlValueSite(doc: ParsedDocument, line: string, ch: number, lineStart: number, colon: number, comment?: number): Site | undefined {
  let valueStart = colon + 1;
  while (valueStart < line.length && (line[valueStart] === ' ' || line[valueStart] === '\t')) valueStart++;
  const valueEnd = trimEndAt(line, comment ?? line.length);
  if (ch < valueStart) {
    if (valueEnd > valueStart) return undefined; // cursor in the spaces before an existing value
    valueStart = ch;
  }
  const value = line.slice(valueStart, Math.max(valueEnd, valueStart));
  if (/^[|>&!*{]/.test(value)) return undefined;
  let from = valueStart;
  let to = Math.max(valueEnd, ch);
  if (value.startsWith('[')) {
    // A one-line flow sequence: complete the item under the cursor.
    const item = flowItem(line, valueStart, ch);
    if (!item) return undefined;
    [from, to] = item;
  }
  const token = line.slice(from, to);
  // Right after `key:` (no space yet) the placeholder needs a space to stay the key's value.
  const gap = from > 0 && line[from - 1] === ':' ? ' ' : '';
  const patched = doc.text.slice(0, lineStart + from) + gap + PH + doc.text.slice(lineStart + to);
  const parsed = parseDocument(doc.uri, patched, { languageId: 'yaml' });
  const phOffset = lineStart + from + gap.length;
  let valuePointer: string | undefined;
  for (const [pointer, info] of parsed.nodes) {
    if (info.value.start === phOffset && info.source?.startsWith(PH)) {
      valuePointer = pointer;
      break;
    }
  }
  if (valuePointer === undefined) return undefined;
  return {
    values: { pointer: valuePointer },
    range: { start: lineStart + from, end: lineStart + to },
    quote: token[0] === '"' || token[0] === "'" ? (token[0] as '"' | "'") : undefined,
    leadingSpace: from > 0 && line[from - 1] === ':',
    trailingComma: false,
    document: parsed.value,
    column: from,
  };
}

function flowItem(line: string, open: number, ch: number): [number, number] | undefined {
  let quote: string | undefined;
  let sep = open;
  let depth = 0;
  for (let i = open; i < ch; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) sep = i;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth <= 0) return undefined; // the cursor is after the closing bracket
    } else if (c === ',' && depth === 1) sep = i;
  }
  if (depth !== 1) return undefined;
  let start = sep + 1;
  while (start < ch && line[start] === ' ') start++;
  let end = ch;
  while (end < line.length && !/[,\]#]/.test(line[end])) end++;
  end = trimEndAt(line, end);
  return [start, Math.max(end, ch)];
}

/** The document's indentation unit and whether its sequences are indentless (`key:\n- item`). */
function yamlStyle(doc: ParsedDocument): { unit: string; indentlessSequences: boolean } {
  const lines = doc.text.split(/\r?\n/, 400);
  let unit = 0;
  let indentless: boolean | undefined;
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^( *)[^\s#-][^#]*:\s*(#.*)?$/.exec(lines[i]);
    if (!m) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*(#.*)?$/.test(lines[j])) j++;
    if (j >= lines.length) break;
    const next = /^( *)(-\s|-$)?/.exec(lines[j])!;
    const delta = next[1].length - m[1].length;
    if (next[2] && indentless === undefined) indentless = delta === 0;
    if (!next[2] && delta > 0 && unit === 0) unit = delta;
    if (unit && indentless !== undefined) break;
  }
  return { unit: ' '.repeat(unit > 0 && unit <= 8 ? unit : 2), indentlessSequences: indentless ?? false };
}

// ------------------------------------------------------------------------------------------ JSON

function jsonSite(doc: ParsedDocument, pos: Position, trigger?: string): Site | undefined {
  const text = doc.text;
  const offset = doc.offsetAt(pos);
  if (trigger === ' ' && !/:\s$/.test(text.slice(Math.max(0, offset - 2), offset))) return undefined;
  if (text.trim() === '') return undefined;
  const loc = getLocation(text, offset);
  const prev = loc.previousNode;
  const covers = prev !== undefined && prev.offset < offset && offset <= prev.offset + prev.length;
  const word = wordAround(text, offset);
  if (loc.isAtPropertyKey) {
    const path = loc.path.slice(0, -1);
    const pointer = path.reduce<string>((p, s) => joinPointer(p, s), '');
    const range = covers && prev!.type === 'property' ? { start: prev!.offset, end: prev!.offset + prev!.length } : word;
    const after = nextNonSpace(text, range.end);
    const hasColon = after === ':';
    const obj = valueAt(doc.value, pointer);
    const present = new Set(isSchemaObject(obj) ? Object.keys(obj) : []);
    if (covers && prev!.type === 'property') present.delete(String(prev!.value));
    if (!covers && word.end > word.start) present.delete(text.slice(word.start, word.end));
    return {
      keys: { pointer, present, hasColon },
      range,
      quote: text[range.start] === '"' ? '"' : undefined,
      leadingSpace: false,
      trailingComma: !hasColon && (after === '"' || after === '{' || after === '['),
      document: doc.value,
      column: 0,
    };
  }
  if (loc.path.length === 0) return undefined;
  if (prev && !covers && ['string', 'number', 'boolean', 'null'].includes(prev.type)) return undefined; // after a complete value
  const pointer = loc.path.reduce<string>((p, s) => joinPointer(p, s), '');
  const range = covers ? { start: prev!.offset, end: prev!.offset + prev!.length } : word;
  const after = nextNonSpace(text, range.end);
  return {
    values: { pointer },
    range,
    quote: text[range.start] === '"' ? '"' : undefined,
    leadingSpace: false,
    trailingComma: after === '"' || after === '{' || after === '[',
    document: doc.value,
    column: 0,
  };
}

function wordAround(text: string, offset: number): OffsetRange {
  let start = offset;
  while (start > 0 && /[\w$.\-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w$.\-]/.test(text[end])) end++;
  return { start, end };
}

function nextNonSpace(text: string, from: number): string | undefined {
  for (let i = from; i < text.length; i++) if (!/\s/.test(text[i])) return text[i];
  return undefined;
}

// ----------------------------------------------------------------------------------------- items

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(s: string): string {
  return s.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

const YAML_SPECIAL_PLAIN = /^(?:[-?:,[\]{}#&*!|>'"%@`]|$)|: |\s#|^\s|\s$|[\u0000-\u001f]/;
const YAML_NON_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|[0-9]+(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|\d{4}-\d\d?-\d\d?(?:[Tt ].*)?)$/;

/** Can this string be written as a plain (unquoted) YAML scalar and read back as the same string? */
export function yamlPlainSafe(s: string): boolean {
  return !YAML_SPECIAL_PLAIN.test(s) && !YAML_NON_STRING.test(s) && !s.includes('\n');
}

/** A value as YAML text, quoted only when needed (or in the quote style asked for). */
export function yamlScalar(v: unknown, quote?: '"' | "'"): string {
  if (typeof v !== 'string') {
    if (quote) return quote === '"' ? JSON.stringify(scalarText(v)) : `'${scalarText(v).replace(/'/g, "''")}'`;
    return v === null ? 'null' : scalarText(v);
  }
  if (quote === "'") return `'${v.replace(/'/g, "''")}'`;
  if (quote === '"') return JSON.stringify(v);
  return yamlPlainSafe(v) ? v : JSON.stringify(v);
}

function yamlKey(name: string): string {
  return yamlPlainSafe(name) ? name : JSON.stringify(name);
}

function typeSummary(facts: SchemaFacts): string | undefined {
  const t = new Set(facts.types);
  if (facts.enum && facts.enum.length > 0) return facts.enum.length === 1 ? scalarText(facts.enum[0]) : `one of ${facts.enum.length} values`;
  const words: string[] = [];
  if (t.has('string')) words.push('text');
  if (t.has('integer') && !t.has('number')) words.push('whole number');
  if (t.has('number')) words.push('number');
  if (t.has('boolean')) words.push('true/false');
  if (t.has('array')) words.push('list');
  if (t.has('object')) words.push('mapping');
  return words.length ? words.join(' or ') : undefined;
}

function scalarChoices(facts: SchemaFacts): unknown[] | undefined {
  if (facts.enum && facts.enum.length > 0) {
    const scalars = facts.enum.filter((v) => v === null || typeof v !== 'object');
    return scalars.length ? scalars : undefined;
  }
  const types = meantTypes(facts);
  if (types.length === 1 && types[0] === 'boolean') return [true, false];
  return undefined;
}

/** Does the schema want text that YAML would read as something else (`"0.7"`, `"1"`)? */
function wantsQuotedText(facts: SchemaFacts): boolean {
  const types = meantTypes(facts);
  if (!types.includes('string') || types.some((t) => t !== 'string')) return false;
  const samples = [...(facts.enum ?? []), ...facts.examples, ...(facts.default !== undefined ? [facts.default] : [])];
  return samples.some((s) => typeof s === 'string' && !yamlPlainSafe(s));
}

interface Tabs {
  n: number;
}

/** The types a value is meant to have; an allowed `null` (an empty value) is not what one inserts. */
function meantTypes(f: SchemaFacts): string[] {
  const t = f.types.filter((x) => x !== 'null');
  return t.length ? t : f.types;
}

function isObjectFacts(f: SchemaFacts): boolean {
  const t = meantTypes(f);
  return t.length > 0 ? t.every((x) => x === 'object') : f.hasProperties && !f.hasItems && !f.enum;
}

function isArrayFacts(f: SchemaFacts): boolean {
  const t = meantTypes(f);
  return t.length > 0 ? t.every((x) => x === 'array') : f.hasItems && !f.hasProperties && !f.enum;
}

/** YAML text after `key:` for a value of this shape (a snippet when `snippets`). */
function yamlValueText(
  ctx: EditorContext,
  facts: SchemaFacts,
  propSchemas: ReturnType<typeof schemasAt>,
  column: number,
  style: { unit: string; indentlessSequences: boolean },
  snippets: boolean,
  tabs: Tabs,
  depth: number,
): string {
  const stop = () => (snippets ? `$${++tabs.n}` : '');
  const childIndent = ' '.repeat(column) + style.unit;
  if (isObjectFacts(facts)) {
    // Fill in the required keys of the new mapping (one level), each with its own value stop.
    const props = depth < 1 && ctx.schema ? objectProperties(ctx.schema, propSchemas).filter((p) => p.required) : [];
    if (props.length === 0 || !snippets) return `\n${childIndent}${stop()}`;
    const lines = props.map((p) => {
      const f = schemaFacts(p.schemas);
      return `${childIndent}${escapeSnippet(yamlKey(p.name))}:${yamlValueText(ctx, f, p.schemas, childIndent.length, style, snippets, tabs, depth + 1)}`;
    });
    return `\n${lines.join('\n')}`;
  }
  if (isArrayFacts(facts)) {
    const dashIndent = ' '.repeat(column) + (style.indentlessSequences ? '' : style.unit);
    return `\n${dashIndent}- ${stop()}`;
  }
  const choices = scalarChoices(facts);
  if (choices && snippets) {
    if (choices.length === 1) return ` \${${++tabs.n}:${escapeSnippet(yamlScalar(choices[0]))}}`;
    return ` \${${++tabs.n}|${choices.map((c) => escapeChoice(yamlScalar(c))).join(',')}|}`;
  }
  if (wantsQuotedText(facts)) return snippets ? ` "${stop()}"` : ' ""';
  return ` ${stop()}`;
}

function jsonValueText(facts: SchemaFacts, snippets: boolean, tabs: Tabs): string {
  const stop = () => (snippets ? `$${++tabs.n}` : '');
  if (isObjectFacts(facts)) return `{${stop()}}`;
  if (isArrayFacts(facts)) return `[${stop()}]`;
  const choices = scalarChoices(facts);
  if (choices && snippets) {
    if (choices.length === 1) return `\${${++tabs.n}:${escapeSnippet(JSON.stringify(choices[0]))}}`;
    return `\${${++tabs.n}|${choices.map((c) => escapeChoice(JSON.stringify(c))).join(',')}|}`;
  }
  const types = meantTypes(facts);
  if (types.length === 1 && types[0] === 'string') return `"${stop()}"`;
  if (types.length === 1 && (types[0] === 'number' || types[0] === 'integer')) return snippets ? `\${${++tabs.n}:0}` : '0';
  return stop() || 'null';
}

function keyItems(ctx: EditorContext, site: Site, options: CompletionOptions, style: { unit: string; indentlessSequences: boolean }): CompletionEntry[] {
  const { doc, schema } = ctx;
  const keys = site.keys!;
  const snippets = options.snippets !== false;
  const applicable = schemasAt(schema!, keys.pointer, { document: site.document });
  const instance = valueAt(site.document, keys.pointer);
  const props = objectProperties(schema!, applicable, instance);
  // Free-form keys (patternProperties/additionalProperties) can take their names from elsewhere in the
  // document: `x-civic.keysFrom` is a JSON Pointer to a list (publiccode: description languages come
  // from localisation.availableLanguages).
  const keysFrom = schemaFacts(applicable).civic.keysFrom;
  if (typeof keysFrom === 'string') {
    const names = valueAt(site.document, keysFrom);
    if (Array.isArray(names)) {
      for (const name of names) {
        if (typeof name !== 'string' || name === '' || props.some((p) => p.name === name)) continue;
        const schemas = childSchemas(applicable, name, instance).flatMap((c) => expandSchema(schema!, c.schema, undefined, c.certain));
        if (schemas.length) props.push({ name, schemas, required: false, order: props.length });
      }
    }
  }
  const range = doc.rangeOf(site.range);
  const version = ctx.detection?.version;
  const out: CompletionEntry[] = [];
  for (const p of props) {
    if (keys.present.has(p.name)) continue;
    const facts = schemaFacts(p.schemas);
    const deprecated = isDeprecatedFor(facts, version);
    const tabs: Tabs = { n: 0 };
    let insertText: string;
    let isSnippet = false;
    if (doc.format === 'json') {
      const name = JSON.stringify(p.name);
      insertText = keys.hasColon ? name : `${snippets ? escapeSnippet(name) : name}: ${jsonValueText(facts, snippets, tabs)}`;
      if (site.trailingComma) insertText += ',';
      isSnippet = snippets && !keys.hasColon;
    } else {
      const name = site.quote ? yamlScalar(p.name, site.quote) : yamlKey(p.name);
      if (keys.hasColon) insertText = name;
      else {
        insertText = `${snippets ? escapeSnippet(name) : name}:${yamlValueText(ctx, facts, p.schemas, site.column, style, snippets, tabs, 0)}`;
        isSnippet = snippets;
      }
      if (site.leadingSpace) insertText = ` ${insertText}`;
    }
    const detail = [p.required ? 'required' : undefined, deprecated ? 'deprecated' : undefined, typeSummary(facts)].filter(Boolean).join(' · ');
    out.push({
      label: p.name,
      kind: 'property',
      detail: detail || undefined,
      documentation: documentationMarkdown(facts, { format: doc.format, version, standard: ctx.standard }) || undefined,
      insertText,
      snippet: isSnippet,
      keepIndentation: doc.format === 'yaml',
      filterText: site.quote ? `${site.quote}${p.name}${site.quote}` : p.name,
      sortText: `${p.required && !deprecated ? 'a' : deprecated ? 'y' : 'b'}${String(p.order).padStart(4, '0')}`,
      deprecated,
      range,
    });
  }
  return out;
}

function valueItems(ctx: EditorContext, site: Site, options: CompletionOptions, typed: string): CompletionEntry[] {
  const { doc, schema } = ctx;
  const pointer = site.values!.pointer;
  const applicable = schemasAt(schema!, pointer, { document: site.document, unknownAt: pointer });
  if (applicable.length === 0) return [];
  const facts = schemaFacts(applicable);
  const range = doc.rangeOf(site.range);
  const out: CompletionEntry[] = [];
  const seen = new Set<string>();
  // In a list, values the other items already have are not offered again.
  const segs = splitPointer(pointer);
  const list = segs.length ? valueAt(site.document, parentPointer(pointer)) : undefined;
  if (Array.isArray(list)) {
    list.forEach((v, i) => {
      if (String(i) !== segs[segs.length - 1] && (v === null || typeof v !== 'object')) seen.add(JSON.stringify(v));
    });
  }
  const add = (value: unknown, kind: CompletionKind, sortGroup: string, index: number, detail?: string, documentation?: string) => {
    if (value !== null && typeof value === 'object') return;
    const key = JSON.stringify(value);
    if (seen.has(key)) return;
    seen.add(key);
    let text = doc.format === 'json' ? JSON.stringify(value) : yamlScalar(value, site.quote);
    if (doc.format === 'json' && site.trailingComma) text += ',';
    if (site.leadingSpace) text = ` ${text}`;
    const label = scalarText(value);
    out.push({
      label,
      kind,
      detail,
      documentation,
      insertText: text,
      snippet: false,
      keepIndentation: false,
      filterText: site.quote ? `${site.quote}${label}${site.quote}` : label,
      sortText: `${sortGroup}${String(index).padStart(4, '0')}`,
      deprecated: false,
      preselect: facts.default !== undefined && JSON.stringify(facts.default) === key ? true : undefined,
      range,
    });
  };
  const choices = scalarChoices(facts);
  // Several words typed: prose, unless it is the start of an allowed value (`restricted p…`).
  const prose = /\s/.test(typed.trim());
  if (prose) {
    const lower = typed.toLowerCase();
    (choices ?? []).forEach((v, i) => scalarText(v).toLowerCase().startsWith(lower) && add(v, 'enum', 'a', i, facts.title, facts.enumDescriptions.get(JSON.stringify(v))));
    return out;
  }
  if (choices) {
    choices.forEach((v, i) => add(v, typeof v === 'boolean' ? 'keyword' : 'enum', 'a', i, facts.title, facts.enumDescriptions.get(JSON.stringify(v))));
  } else if (facts.types.includes('boolean')) {
    add(true, 'keyword', 'a', 0);
    add(false, 'keyword', 'a', 1);
  }
  // Values that know the world (SPDX ids, language tags, countries, media types…), when the schema has no closed list.
  const provider = choices ? undefined : providerFor(ctx.detection?.standardId, pointer);
  if (provider) {
    providedValues(provider, options.now).forEach((p, i) => add(p.value, 'value', p.common ? 'a' : 'b', i, p.detail ?? provider));
  }
  // Examples and the default are suggestions, not the only choices: offered only before anything is typed.
  if (!choices && typed === '') {
    const scalarTypes = facts.types.length === 0 || facts.types.some((t) => t !== 'object' && t !== 'array');
    if (scalarTypes) {
      if (facts.default !== undefined) add(facts.default, 'value', 'b', 0, 'default');
      facts.examples.forEach((e, i) => {
        if (facts.types.length === 0 || facts.types.includes(instanceType(e) ?? 'null') || (instanceType(e) === 'integer' && facts.types.includes('number'))) add(e, 'example', 'c', i, 'example');
      });
    }
  }
  return out;
}
