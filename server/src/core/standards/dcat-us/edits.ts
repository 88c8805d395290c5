// Text edits for DCAT-US quick fixes that add or remove a member of a mapping, in JSON (data.json) and
// in block-style YAML (single dataset entries). When the layout is not one these helpers understand
// (flow-style YAML, members sharing a line), they return undefined and no fix is offered.

import type { ParsedDocument } from '../../document';
import { joinPointer } from '../../pointer';
import type { TextEdit } from '../../types';

/** A JSON or YAML rendering of a value for insertion (JSON is also valid flow-style YAML). */
export function render(doc: ParsedDocument, value: unknown): string {
  if (doc.format === 'yaml' && typeof value === 'string' && /^[A-Za-z][\w ./:@+-]*$/.test(value) && !/:\s|\s#|:$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value)) {
    return value;
  }
  return JSON.stringify(value);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEndOf(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/** The indentation before a key, when the key is the first thing on its line. */
function indentBefore(doc: ParsedDocument, keyStart: number): string | undefined {
  const ls = lineStartOf(doc.text, keyStart);
  const before = doc.text.slice(ls, keyStart);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/** Insert `key: value` as a new member right after the member at `siblingPointer`. */
export function insertAfter(doc: ParsedDocument, siblingPointer: string, key: string, value: unknown): TextEdit | undefined {
  const info = doc.nodes.get(siblingPointer);
  if (!info?.key) return undefined;
  const indent = indentBefore(doc, info.key.start);
  const at = doc.positionAt(info.value.end);
  if (doc.format === 'json') {
    const sep = indent === undefined ? ', ' : `,\n${indent}`;
    return { range: { start: at, end: at }, newText: `${sep}${JSON.stringify(key)}: ${render(doc, value)}` };
  }
  // The first key of a sequence item (`  - downloadURL: …`): its siblings align with the key.
  const itemPrefix = doc.text.slice(lineStartOf(doc.text, info.key.start), info.key.start);
  const yamlIndent = indent ?? (/^[ \t]*(?:- +)+$/.test(itemPrefix) ? ' '.repeat(itemPrefix.length) : undefined);
  if (yamlIndent === undefined) return undefined;
  // After the last line of the sibling's value (a nested block ends where its last line ends).
  const end = lineEndOf(doc.text, Math.max(info.value.end - 1, info.key.end));
  const pos = doc.positionAt(end);
  return { range: { start: pos, end: pos }, newText: `\n${yamlIndent}${key}: ${render(doc, value)}` };
}

/**
 * Remove the member `key` of the mapping at `parentPointer` (whose value is `parent`), with its
 * separator, leaving the neighbours intact.
 */
export function removeMember(doc: ParsedDocument, parentPointer: string, parent: Record<string, unknown>, key: string): TextEdit | undefined {
  const pointer = joinPointer(parentPointer, key);
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const keys = Object.keys(parent);
  const i = keys.indexOf(key);
  if (i === -1) return undefined;
  const range = (start: number, end: number): TextEdit => ({ range: doc.rangeOf({ start, end }), newText: '' });
  if (doc.format === 'json') {
    const prev = i > 0 ? doc.nodes.get(joinPointer(parentPointer, keys[i - 1])) : undefined;
    if (prev) return range(prev.value.end, info.value.end);
    const next = i + 1 < keys.length ? doc.nodes.get(joinPointer(parentPointer, keys[i + 1])) : undefined;
    if (next?.key) return range(info.key.start, next.key.start);
    return range(info.key.start, info.value.end);
  }
  // YAML: whole lines, when the member has its lines to itself.
  if (indentBefore(doc, info.key.start) === undefined) return undefined;
  const start = lineStartOf(doc.text, info.key.start);
  const lastLineEnd = lineEndOf(doc.text, Math.max(info.value.end - 1, info.key.end));
  const rest = doc.text.slice(Math.max(info.value.end, info.key.end), lastLineEnd);
  if (!/^\s*(#.*)?$/.test(rest)) return undefined;
  return range(start, Math.min(lastLineEnd + 1, doc.text.length));
}
