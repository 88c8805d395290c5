// Text edits for the quick fixes that move, remove or replace whole keys of a publiccode.yml (block
// YAML). Each helper returns undefined when the layout is not the plain one it understands (flow
// mappings, several keys on a line, JSON): a fix is offered only when its result is certain.

import type { ParsedDocument } from '../../document';
import type { Fix, OffsetRange, TextEdit } from '../../types';

/** The line ending the document uses. */
export function eol(doc: ParsedDocument): string {
  return doc.text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStart(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** Offset just after the end of the line holding `offset` (after its line break, or the end of text). */
function afterLine(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i + 1;
}

/**
 * The whole lines a key and its value occupy, when the key starts its line (after indentation only)
 * and nothing but a comment follows the value on its last line.
 */
export function keyLines(doc: ParsedDocument, pointer: string): OffsetRange | undefined {
  if (doc.format !== 'yaml') return undefined;
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const { text } = doc;
  const start = lineStart(text, info.key.start);
  if (text.slice(start, info.key.start).trim() !== '') return undefined;
  let end = Math.max(info.value.end, info.key.end);
  if (end > 0 && text[end - 1] === '\n') return { start, end };
  const rest = text.slice(end, afterLine(text, end)).replace(/\r?\n$/, '');
  if (rest.trim() !== '' && !/^\s+#/.test(rest)) return undefined;
  end = afterLine(text, end);
  return { start, end };
}

/** The column (indentation) of the key at `pointer`, when it starts its line. */
export function keyIndent(doc: ParsedDocument, pointer: string): number | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const start = lineStart(doc.text, info.key.start);
  const before = doc.text.slice(start, info.key.start);
  return before.trim() === '' ? before.length : undefined;
}

export function edit(doc: ParsedDocument, range: OffsetRange, newText: string): TextEdit {
  return { range: doc.rangeOf(range), newText };
}

/** An edit that deletes the lines of the key at `pointer`. */
export function removeKeyEdit(doc: ParsedDocument, pointer: string): TextEdit | undefined {
  const lines = keyLines(doc, pointer);
  return lines ? edit(doc, lines, '') : undefined;
}

export function removeKeyFix(doc: ParsedDocument, pointer: string, title: string, isPreferred = false): Fix[] | undefined {
  const e = removeKeyEdit(doc, pointer);
  return e ? [{ title, isPreferred, edits: [e] }] : undefined;
}

/** Lines of YAML for a new top-level block, ending with the document's line break. */
export function yamlBlock(doc: ParsedDocument, lines: string[]): string {
  const nl = eol(doc);
  return lines.map((l) => l + nl).join('');
}

/** An edit that appends top-level lines at the end of the document. */
export function appendTopLevelEdit(doc: ParsedDocument, lines: string[]): TextEdit | undefined {
  if (doc.format !== 'yaml') return undefined;
  const end = doc.text.length;
  const needsBreak = end > 0 && !doc.text.endsWith('\n');
  return edit(doc, { start: end, end }, (needsBreak ? eol(doc) : '') + yamlBlock(doc, lines));
}

/**
 * An edit that adds `line` (e.g. `uri: "urn:…"`) as the first key of the block mapping at
 * `mappingPointer`, with the indentation of its existing keys.
 */
export function insertIntoMappingEdit(doc: ParsedDocument, mappingPointer: string, line: string): TextEdit | undefined {
  if (doc.format !== 'yaml') return undefined;
  const first = [...doc.nodes.entries()].find(
    ([p, i]) => i.key && p.startsWith(`${mappingPointer}/`) && p.indexOf('/', mappingPointer.length + 1) === -1,
  );
  if (!first) return undefined;
  const indent = keyIndent(doc, first[0]);
  if (indent === undefined) return undefined;
  const at = lineStart(doc.text, first[1].key!.start);
  return edit(doc, { start: at, end: at }, `${' '.repeat(indent)}${line}${eol(doc)}`);
}

/** A YAML double-quoted scalar (JSON strings are valid YAML). */
export function quoted(text: string): string {
  return JSON.stringify(text);
}

/** A fix that deletes the line of a block-sequence item (`  - government`). */
export function removeItemFix(doc: ParsedDocument, pointer: string, title: string): Fix[] | undefined {
  if (doc.format !== 'yaml') return undefined;
  const info = doc.nodes.get(pointer);
  if (!info || info.key) return undefined;
  const { text } = doc;
  const start = lineStart(text, info.value.start);
  if (!/^\s*-\s+$/.test(text.slice(start, info.value.start))) return undefined;
  const end = afterLine(text, info.value.end);
  const rest = text.slice(info.value.end, end).replace(/\r?\n$/, '');
  if (rest.trim() !== '' && !/^\s+#/.test(rest)) return undefined;
  return [{ title, isPreferred: true, edits: [edit(doc, { start, end }, '')] }];
}
