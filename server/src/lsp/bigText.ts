// The editor's text of big documents on the server's main loop. `vscode-languageserver-textdocument`
// applies each edit to the whole string (`substring + text + substring`), and V8 then copies the
// concatenated string whole the next time it is read: one copy of a 15 MB catalog per keystroke, on the
// loop that answers completion and hover. Here an edit only updates the line table; the edits are applied
// to the string when the whole text is asked for (the analysis never asks: it works from the change).
// Small documents keep the library's TextDocument. Same positions, offsets and text as the library.

import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver';
import { BIG_DOCUMENT_CHARS } from './scheduler';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Edits kept unapplied before the text is put together anyway. Reading a character walks them (twice per
 * change), which is cheap; putting a 15 MB text together costs 30–50 ms, so it should happen rarely.
 */
const MAX_EDITS = 4096;

const isEOL = (c: number) => c === 13 || c === 10;

function lineOffsetsOf(text: string, isAtLineStart: boolean, textOffset = 0): number[] {
  const result: number[] = isAtLineStart ? [textOffset] : [];
  if (text.indexOf('\r') === -1) {
    // Only \n breaks (the usual case): found by indexOf, much faster than reading every character.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) result.push(textOffset + i + 1);
    return result;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isEOL(ch)) {
      if (ch === 13 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) i++;
      result.push(textOffset + i + 1);
    }
  }
  return result;
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** A run of the text being rebuilt: `[start, end)` of the old text, or an inserted string. */
type Piece = string | [number, number];

const pieceLength = (p: Piece) => (typeof p === 'string' ? p.length : p[1] - p[0]);

function cutPiece(p: Piece, from: number, to: number): Piece {
  return typeof p === 'string' ? p.slice(from, to) : [p[0] + from, p[0] + to];
}

/** `pieces` with `[edit.start, edit.end)` of the text they make replaced by `edit.text`. */
function replacePieces(pieces: Piece[], edit: Edit): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  let inserted = false;
  for (const p of pieces) {
    const len = pieceLength(p);
    const end = at + len;
    if (end <= edit.start || at >= edit.end) {
      if (!inserted && at >= edit.end) {
        if (edit.text) out.push(edit.text);
        inserted = true;
      }
      out.push(p);
    } else {
      if (at < edit.start) out.push(cutPiece(p, 0, edit.start - at));
      if (!inserted) {
        if (edit.text) out.push(edit.text);
        inserted = true;
      }
      if (end > edit.end) out.push(cutPiece(p, edit.end - at, len));
    }
    at = end;
  }
  if (!inserted && edit.text) out.push(edit.text);
  return out;
}

/** Shifts of the line table kept pending: reading a line start sums them. */
const MAX_PENDING_SHIFTS = 32;

/**
 * Line start offsets where an edit that keeps the number of lines costs the lines it touches: the shift of
 * every later line by the edit's length is recorded, not applied, until many are pending (then all at once).
 */
class LineTable {
  /** Offsets before the pending shifts. */
  private readonly base: number[];
  /** Pending shifts: lines from `from[i]` on move by `by[i]`. */
  private from: number[] = [];
  private by: number[] = [];

  constructor(offsets: number[]) {
    this.base = offsets;
  }

  get length(): number {
    return this.base.length;
  }

  private shiftAt(line: number): number {
    let d = 0;
    for (let i = 0; i < this.from.length; i++) if (this.from[i] <= line) d += this.by[i];
    return d;
  }

  get(line: number): number {
    return this.base[line] + (this.from.length ? this.shiftAt(line) : 0);
  }

  set(line: number, offset: number): void {
    this.base[line] = offset - (this.from.length ? this.shiftAt(line) : 0);
  }

  /** Lines from `from` on move by `by`. */
  shift(from: number, by: number): void {
    if (by === 0 || from >= this.base.length) return;
    this.from.push(from);
    this.by.push(by);
    if (this.from.length > MAX_PENDING_SHIFTS) this.flush();
  }

  /** Lines `start`… (`count` of them) replaced by lines starting at `offsets`. */
  splice(start: number, count: number, offsets: number[]): void {
    this.flush();
    if (offsets.length < 10000) this.base.splice(start, count, ...offsets);
    else {
      const tail = this.base.splice(start, this.base.length - start);
      for (const o of offsets) this.base.push(o);
      for (let i = count; i < tail.length; i++) this.base.push(tail[i]);
    }
  }

  private flush(): void {
    if (this.from.length === 0) return;
    // One pass over the lines, adding up the shifts as their first lines are passed.
    const order = this.from.map((_, i) => i).sort((a, b) => this.from[a] - this.from[b]);
    const base = this.base;
    let d = 0;
    let next = 0;
    for (let line = this.from[order[0]]; line < base.length; line++) {
      while (next < order.length && this.from[order[next]] <= line) d += this.by[order[next++]];
      base[line] += d;
    }
    this.from = [];
    this.by = [];
  }
}

export class BigTextDocument implements TextDocument {
  private content: string;
  /** Applied to `content` in order, not yet. */
  private edits: Edit[] = [];
  private length: number;
  private lineOffsets?: LineTable;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.content = content;
    this.length = content.length;
  }

  getText(range?: Range): string {
    this.flush();
    if (range) return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
    return this.content;
  }

  /** The length of the current text (without putting it together). */
  get textLength(): number {
    return this.length;
  }

  // Applying the edits one after the other (`slice + text + slice`) would copy the whole text once per
  // edit, since V8 flattens the concatenation at the next slice: 33 edits to a 12 MB catalog took 0.5–1.7 s.
  // The edits are composed into pieces of the old text and inserted strings instead, joined in one copy.
  private flush(): void {
    if (this.edits.length === 0) return;
    let pieces: Piece[] = [[0, this.content.length]];
    for (const e of this.edits) pieces = replacePieces(pieces, e);
    const content = this.content;
    this.content = pieces.map((p) => (typeof p === 'string' ? p : content.slice(p[0], p[1]))).join('');
    this.edits = [];
  }

  /** The character code at `offset` of the current text (NaN outside), through the edits not applied. */
  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    let o = offset;
    for (let i = this.edits.length - 1; i >= 0; i--) {
      const e = this.edits[i];
      if (o < e.start) continue;
      if (o < e.start + e.text.length) return e.text.charCodeAt(o - e.start);
      o = o - e.text.length + (e.end - e.start);
    }
    return this.content.charCodeAt(o);
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if (!('range' in change) || change.range === undefined) {
        this.content = change.text;
        this.edits = [];
        this.length = change.text.length;
        this.lineOffsets = undefined;
        continue;
      }
      const range = wellFormed(change.range);
      const startOffset = this.offsetAt(range.start);
      const endOffset = this.offsetAt(range.end);
      this.edits.push({ start: startOffset, end: endOffset, text: change.text });
      const diff = change.text.length - (endOffset - startOffset);
      this.length += diff;
      if (this.edits.length > MAX_EDITS) this.flush();
      const insertedEndOffset = startOffset + change.text.length;
      const crlfAtStart = this.charCodeAt(startOffset - 1) === 13 && this.charCodeAt(startOffset) === 10;
      const crlfAtEnd = this.charCodeAt(insertedEndOffset - 1) === 13 && this.charCodeAt(insertedEndOffset) === 10;
      if (crlfAtStart || crlfAtEnd || this.lineOffsets === undefined) {
        this.lineOffsets = undefined;
        continue;
      }
      const startLine = Math.max(range.start.line, 0);
      const endLine = Math.max(range.end.line, 0);
      const lineOffsets = this.lineOffsets;
      const added = lineOffsetsOf(change.text, false, startOffset);
      if (endLine - startLine === added.length) {
        for (let i = 0; i < added.length; i++) lineOffsets.set(i + startLine + 1, added[i]);
        lineOffsets.shift(startLine + 1 + added.length, diff);
      } else {
        // The lines after the edit move by `diff` first, then the edited ones are replaced.
        lineOffsets.shift(endLine + 1, diff);
        lineOffsets.splice(startLine + 1, endLine - startLine, added);
      }
    }
    this.version = version;
  }

  private getLineOffsets(): LineTable {
    if (this.lineOffsets === undefined) {
      this.flush();
      this.lineOffsets = new LineTable(lineOffsetsOf(this.content, true));
    }
    return this.lineOffsets;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const lineOffsets = this.getLineOffsets();
    let low = 0;
    let high = lineOffsets.length;
    if (high === 0) return { line: 0, character: offset };
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if (lineOffsets.get(mid) > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    offset = this.ensureBeforeEOL(offset, lineOffsets.get(line));
    return { line, character: offset - lineOffsets.get(line) };
  }

  offsetAt(position: Position): number {
    const lineOffsets = this.getLineOffsets();
    if (position.line >= lineOffsets.length) return this.length;
    if (position.line < 0) return 0;
    const lineOffset = lineOffsets.get(position.line);
    if (position.character <= 0) return lineOffset;
    const nextLineOffset = position.line + 1 < lineOffsets.length ? lineOffsets.get(position.line + 1) : this.length;
    const offset = Math.min(lineOffset + position.character, nextLineOffset);
    return this.ensureBeforeEOL(offset, lineOffset);
  }

  getLineRange(line: number): Range {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length) {
      const last = lineOffsets.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lineOffsets.get(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lineOffsets.get(line);
    const next = line + 1 < lineOffsets.length ? lineOffsets.get(line + 1) : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.ensureBeforeEOL(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lineOffsets = this.getLineOffsets();
    if (line >= lineOffsets.length || line < 0) return '';
    const next = line + 1 < lineOffsets.length ? lineOffsets.get(line + 1) : this.length;
    const eol = this.ensureBeforeEOL(next, lineOffsets.get(line));
    let out = '';
    for (let o = eol; o < next; o++) out += String.fromCharCode(this.charCodeAt(o));
    return out;
  }

  private ensureBeforeEOL(offset: number, lineOffset: number): number {
    while (offset > lineOffset && isEOL(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }

  get lineCount(): number {
    return this.getLineOffsets().length;
  }
}

/** A document for TextDocuments: big ones as BigTextDocument, the rest as the library's. */
export function createTextDocument(uri: string, languageId: string, version: number, content: string): TextDocument {
  return content.length >= BIG_DOCUMENT_CHARS ? new BigTextDocument(uri, languageId, version, content) : TextDocument.create(uri, languageId, version, content);
}

export function updateTextDocument(doc: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
  if (doc instanceof BigTextDocument) {
    doc.update(changes, version);
    return doc;
  }
  return TextDocument.update(doc, changes, version);
}

/** The text of a document, or for a big one a way to get it when needed (the analysis works from changes). */
export function lazyText(doc: TextDocument): string | (() => string) {
  return doc instanceof BigTextDocument ? () => doc.getText() : doc.getText();
}
