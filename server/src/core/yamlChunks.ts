// A fast reader for the block-YAML items of big catalogs (chunked.ts), for the layout that catalogs
// are written in: block mappings and lists, plain and quoted scalars (also over several lines), `[]` and
// `{}`, block scalars (`|`, `>`), blank lines inside scalars, comments at the end of a line. It reads
// YAML 1.2 exactly as the `yaml` package does for that subset (scalar resolution, line folding and
// escapes are the package's, copied below; a block scalar is handed to the package alone, in a document
// that reproduces its indentation), and it gives up (undefined) on anything else: anchors, aliases, tags,
// flow collections with content, complex keys, tabs, CRs, comment lines and blank lines between entries,
// duplicate keys, anything the package would flag. The item then goes through the `yaml` package. The
// equivalence tests compare both readers.

import { parseDocument as parseYamlDocument, isMap, isScalar } from 'yaml';
import { CompactIndex } from './compactIndex';
import type { ScalarStyle } from './document';
import { escapeSegment } from './pointer';
import type { OffsetRange } from './types';

export interface FastItem {
  value: unknown;
  /** The item as an entry of its list: from its `-` to the end of its last line. */
  extent: OffsetRange;
  /** Pointer ('' = the item) → ranges in the item's text; only when asked for. */
  index?: CompactIndex;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

// ---------------------------------------------------------------------------------- scalars (yaml 2.x)

const PLAIN_NON_STRING_START = new Set([...'~nNtTfF0123456789+-.'].map((c) => c.charCodeAt(0)));

/** Core schema resolution of a plain scalar (yaml/dist/schema/core: null, bool, int, float, else string). */
export function resolvePlain(s: string): unknown {
  // Only these first characters can make anything but a string (null, bool, number, .inf/.nan).
  if (s.length > 0 && !PLAIN_NON_STRING_START.has(s.charCodeAt(0))) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s)) return parseFloat(s);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

/** yaml's unfoldLines (resolve-flow-scalar.js); the parts joined once, into a flat string. */
function unfoldLines(source: string): string {
  const line = /(.*?)\r?\n/sy;
  let match = line.exec(source);
  if (!match) return source;
  const trimEnd = /(?<![ \t])[ \t]+$/;
  const trimBoth = /^[ \t]+|(?<![ \t])[ \t]+$/g;
  const parts = [match[1].replace(trimEnd, '')];
  let sep = ' ';
  let pos = line.lastIndex;
  while ((match = line.exec(source))) {
    const lm = match[1].replace(trimBoth, '');
    if (lm === '') {
      if (sep === '\n') parts.push(sep);
      else sep = '\n';
    } else {
      parts.push(sep, lm);
      sep = ' ';
    }
    pos = line.lastIndex;
  }
  const last = /[ \t]*(.*)/sy;
  last.lastIndex = pos;
  match = last.exec(source);
  parts.push(sep, match?.[1] ?? '');
  return parts.join('');
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\', '\t': '\t',
};

/**
 * yaml's doubleQuotedValue, for sources it accepts without complaint (anything odd gives up). Text
 * between line breaks and escapes is copied a run at a time, and the parts joined once: the result is
 * a flat string (a chain of per-character concatenations made every later read of it slower).
 */
function doubleQuoted(source: string): string {
  const end = source.length - 1;
  const parts: string[] = [];
  let i = 1;
  while (i < end) {
    let j = i;
    for (let c = source.charCodeAt(j); j < end && c !== 10 /* \n */ && c !== 92 /* \\ */; c = source.charCodeAt(++j));
    if (j === end) {
      parts.push(source.slice(i, end));
      break;
    }
    if (source.charCodeAt(j) === 10) {
      // Spaces before a line break are dropped; the break and the indentation after it fold to one
      // space, or to the blank lines between.
      let k = j;
      while (k > i && (source[k - 1] === ' ' || source[k - 1] === '\t')) k--;
      if (k > i) parts.push(source.slice(i, k));
      let fold = '';
      let next = source[j + 1];
      while (next === ' ' || next === '\t' || next === '\n') {
        if (next === '\n') fold += '\n';
        j += 1;
        next = source[j + 1];
      }
      parts.push(fold || ' ');
      i = j + 1;
      continue;
    }
    if (j > i) parts.push(source.slice(i, j));
    const next = source[++j];
    const cc = ESCAPES[next];
    if (cc) parts.push(cc);
    else if (next === '\n') {
      let n = source[j + 1];
      while (n === ' ' || n === '\t') n = source[++j + 1];
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const code = source.substr(j + 1, length);
      if (code.length !== length || !/^[0-9a-fA-F]+$/.test(code)) giveUp();
      const cp = parseInt(code, 16);
      if (cp > 0x10ffff) giveUp();
      parts.push(String.fromCodePoint(cp));
      j += length;
    } else giveUp();
    i = j + 1;
  }
  return parts.length === 1 ? parts[0] : parts.join('');
}

function singleQuoted(source: string): string {
  return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}

// ---------------------------------------------------------------------------------- the reader

/** The indent recorded for a blank (empty or spaces-only) line: such lines belong only inside scalars. */
const BLANK = -1;

/** A block scalar's header: `|` or `>`, then chomping and indentation indicators in either order. */
const BLOCK_HEADER = /^[|>](?:[-+][1-9]?|[1-9][-+]?)?$/;

/** Characters that may not start a plain scalar or key here (or that start what this reader skips). */
const BAD_START = new Set([..."-?:,[]{}#&*!|>'\"%@`"]);
const badStart = (ch: string | undefined): boolean => ch !== undefined && BAD_START.has(ch);

class Reader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** Lines whose first character (after the indentation) is `#`. */
  private hashLines?: Set<number>;
  readonly index?: CompactIndex;

  constructor(
    private readonly text: string,
    withIndex: boolean,
  ) {
    if (withIndex) this.index = new CompactIndex(text);
    let at = 0;
    while (at < text.length) {
      const nl = text.indexOf('\n', at);
      const end = nl === -1 ? text.length : nl;
      let ind = at;
      while (text.charCodeAt(ind) === 32) ind++;
      // Tabs: the `yaml` package handles those. Blank lines may continue a scalar; a line that starts
      // with `#` is text inside a quoted or block scalar, and a comment elsewhere (where this reader stops).
      if (ind < end && text[ind] === '\t') giveUp();
      if (ind < end && text[ind] === '#') (this.hashLines ??= new Set()).add(this.starts.length);
      this.starts.push(at);
      this.ends.push(end);
      this.indents.push(ind === end ? BLANK : ind - at);
      at = nl === -1 ? text.length : nl + 1;
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset just after line `l` (its line break included). */
  private after(l: number): number {
    return l + 1 < this.starts.length ? this.starts[l + 1] : this.text.length;
  }

  /** Records a node (a scalar when `style` is given; its source is the text of its range); returns its number. */
  private record(pointer: string, key: OffsetRange | undefined, start: number, end: number, style?: ScalarStyle): number {
    return this.index ? this.index.add(pointer, key, start, end, style) : -1;
  }

  /** A collection's end, once its entries are read. */
  private recordEnd(node: number, end: number): void {
    if (node !== -1) this.index!.setValueEnd(node, end);
  }

  /** Where the structure reads line `l` (the next entry or the end of a collection), a blank or comment line is out of the subset. */
  private structural(l: number): void {
    if (l < this.starts.length && (this.indents[l] === BLANK || this.hashLines?.has(l) === true)) giveUp();
  }

  /** The list whose `-` are in column `col`, from line `l`. Returns the value and the next line. */
  seq(l: number, col: number, pointer: string, key?: OffsetRange, itemPointer?: string): { value: unknown[]; next: number } {
    const out: unknown[] = [];
    const start = this.starts[l] + col;
    const node = this.record(pointer, key, start, start);
    let line = l;
    while (line < this.lineCount && this.indents[line] === col && this.text[this.starts[line] + col] === '-') {
      const dash = this.starts[line] + col;
      const afterDash = this.text[dash + 1];
      if (afterDash !== ' ') giveUp(); // `-` alone on its line, or `-x`
      let c = dash + 1;
      while (this.text[c] === ' ') c++;
      if (c >= this.ends[line]) giveUp();
      const child = itemPointer ?? `${pointer}/${out.length}`;
      const r = this.entryValue(line, c, col, child, undefined, true);
      out.push(r.value);
      line = r.next;
    }
    this.structural(line);
    if (line < this.lineCount && this.indents[line] > col) giveUp();
    this.recordEnd(node, this.after(line - 1));
    return { value: out, next: line };
  }

  /** The mapping whose keys are in column `col`; its first key starts at offset `first` on line `l`. */
  map(l: number, col: number, first: number, pointer: string, key?: OffsetRange): { value: Record<string, unknown>; next: number } {
    const out: Record<string, unknown> = {};
    const node = this.record(pointer, key, first, first);
    let line = l;
    let at = first;
    for (;;) {
      const k = this.key(line, at);
      if (Object.prototype.hasOwnProperty.call(out, k.name)) giveUp(); // the package reports duplicates
      const child = `${pointer}/${escapeSegment(k.name)}`;
      const r = this.valueAfterColon(line, k.colon, col, child, k.range);
      if (k.name === '__proto__') Object.defineProperty(out, k.name, { value: r.value, enumerable: true, writable: true, configurable: true });
      else out[k.name] = r.value;
      line = r.next;
      this.structural(line);
      if (line >= this.lineCount || this.indents[line] < col) break;
      if (this.indents[line] > col) giveUp();
      at = this.starts[line] + col;
      if (this.text[at] === '-' && (this.text[at + 1] === ' ' || at + 1 === this.ends[line])) break; // an indentless list ends here
    }
    this.recordEnd(node, this.after(line - 1));
    return { value: out, next: line };
  }

  /** A key at `at` on line `l`: its name (as the package reads it), range, and where its `:` is. */
  private key(l: number, at: number): { name: string; range: OffsetRange; colon: number } {
    const end = this.ends[l];
    const c = this.text[at];
    if (c === '"' || c === "'") {
      const close = this.quoteEnd(at, end);
      if (close === -1 || this.text[close] !== ':') giveUp();
      const source = this.text.slice(at, close);
      return { name: c === '"' ? doubleQuoted(source) : singleQuoted(source), range: { start: at, end: close }, colon: close };
    }
    if (badStart(c)) giveUp();
    const colon = this.findColon(at, end);
    if (colon === -1) giveUp();
    let e = colon;
    while (this.text[e - 1] === ' ') e--;
    const source = this.text.slice(at, e);
    if (source.includes(' #') || source.length > 1000) giveUp();
    const v = resolvePlain(source);
    return { name: v === null ? '' : String(v), range: { start: at, end: e }, colon };
  }

  /** The first `:` followed by a space or the line end, outside quotes; -1 if none. */
  private findColon(from: number, end: number): number {
    for (let i = from; i < end; i++) {
      const ch = this.text[i];
      if (ch === ':' && (i + 1 === end || this.text[i + 1] === ' ')) return i;
      if (ch === '#' && this.text[i - 1] === ' ') return -1;
    }
    return -1;
  }

  /** After a quoted scalar starting at `at` on one line: the offset after its closing quote, or -1. */
  private quoteEnd(at: number, end: number): number {
    return this.closeQuote(this.text[at], at + 1, end);
  }

  /** The value of the key whose `:` is at `colon` on line `l` (keys in column `col`). */
  private valueAfterColon(l: number, colon: number, col: number, pointer: string, key: OffsetRange): { value: unknown; next: number } {
    let c = colon + 1;
    while (this.text[c] === ' ') c++;
    if (c < this.ends[l]) return this.entryValue(l, c, col, pointer, key, false);
    if (c !== colon + 1) giveUp(); // `key: ` with trailing spaces and nothing else
    // The value is on the next lines: a nested block, an indentless list, or nothing.
    const n = l + 1;
    this.structural(n);
    if (n < this.lineCount) {
      const ind = this.indents[n];
      const at = this.starts[n] + ind;
      const isDash = this.text[at] === '-' && (this.text[at + 1] === ' ' || at + 1 === this.ends[n]);
      if (ind > col || (ind === col && isDash)) {
        if (isDash) return this.seq(n, ind, pointer, key);
        if (ind === col) giveUp();
        return this.map(n, ind, at, pointer, key);
      }
    }
    this.record(pointer, key, colon + 1, colon + 1, 'plain');
    return { value: null, next: n };
  }

  /**
   * A value that starts at offset `c` on line `l`, inside a collection whose entries are in column `col`:
   * a compact mapping (`- key: v`, only in a list), a quoted or plain scalar (maybe over several lines),
   * `[]` or `{}`.
   */
  private entryValue(l: number, c: number, col: number, pointer: string, key: OffsetRange | undefined, inList: boolean): { value: unknown; next: number } {
    const end = this.ends[l];
    const ch = this.text[c];
    if (inList) {
      // `- key: value` starts a mapping in the item's column.
      const colon = ch === '"' || ch === "'" ? this.quoteEnd(c, end) : this.findColon(c, end);
      if (colon !== -1 && this.text[colon] === ':' && (colon + 1 === end || this.text[colon + 1] === ' ')) {
        return this.map(l, c - this.starts[l], c, pointer, key);
      }
    }
    if (ch === '[' || ch === '{') {
      const close = ch === '[' ? ']' : '}';
      if (this.text[c + 1] !== close) giveUp();
      this.trailing(c + 2, end);
      this.record(pointer, key, c, c + 2);
      return { value: ch === '[' ? [] : {}, next: l + 1 };
    }
    if (ch === '"' || ch === "'") return this.quoted(l, c, col, pointer, key);
    if ((ch === '|' || ch === '>') && key) return this.block(l, c, col, pointer, key);
    if (badStart(ch) && !((ch === '-' || ch === '?' || ch === ':') && this.text[c + 1] !== ' ' && c + 1 < end)) giveUp();
    return this.plain(l, c, col, pointer, key);
  }

  /** Only spaces, maybe a comment, may follow a value. */
  private trailing(from: number, end: number): void {
    let i = from;
    while (i < end && this.text[i] === ' ') i++;
    if (i < end && !(this.text[i] === '#' && i > from)) giveUp();
  }

  private plain(l: number, c: number, col: number, pointer: string, key: OffsetRange | undefined): { value: unknown; next: number } {
    let end = this.ends[l];
    const hash = this.commentStart(c, end);
    if (hash !== -1) end = hash;
    while (this.text[end - 1] === ' ') end--;
    const first = this.text.slice(c, end);
    if (/: |:$/.test(first)) giveUp();
    let line = l + 1;
    let scalarEnd = end;
    if (hash === -1) {
      // Continuation lines: more indented than the collection, plain text only; blank lines between
      // them fold to line breaks (blank lines after the last one end the scalar).
      while (line < this.lineCount) {
        if (this.indents[line] === BLANK) {
          let m = line + 1;
          while (m < this.lineCount && this.indents[m] === BLANK) m++;
          if (m < this.lineCount && this.indents[m] > col) {
            line = m;
            continue;
          }
          break;
        }
        if (this.indents[line] <= col) break;
        const s = this.starts[line] + this.indents[line];
        let e = this.ends[line];
        const t = this.text.slice(s, e);
        if (badStart(t[0]) || / #|: |:$|\t/.test(t)) giveUp();
        while (this.text[e - 1] === ' ') e--;
        scalarEnd = e;
        line++;
      }
    } else if (line < this.lineCount && this.indents[line] > col) giveUp();
    const source = this.text.slice(c, scalarEnd);
    const value = line === l + 1 ? resolvePlain(source) : resolvePlain(unfoldLines(source));
    this.record(pointer, key, c, scalarEnd, 'plain');
    return { value, next: line };
  }

  /** Where a comment (` #`) starts in [from, end), or -1: never searches past the line. */
  private commentStart(from: number, end: number): number {
    for (let i = from + 1; i < end; i++) if (this.text.charCodeAt(i) === 35 /* # */ && this.text.charCodeAt(i - 1) === 32) return i - 1;
    return -1;
  }

  /**
   * A block scalar (`key: |`, `key: >-`…) whose header is at `c` on line `l`, the key in column `col`.
   * Its content (the following lines that are blank or indented past `col`) is resolved by the `yaml`
   * package in a small document that puts the same header under a key in the same column, so value and
   * range are the package's own; offsets are mapped back.
   */
  private block(l: number, c: number, col: number, pointer: string, key: OffsetRange): { value: unknown; next: number } {
    const header = this.text.slice(c, this.ends[l]);
    if (!BLOCK_HEADER.test(header)) giveUp(); // comments or spaces after the header: the package decides
    let m = l + 1;
    while (m < this.lineCount && (this.indents[m] === BLANK || this.indents[m] > col)) m++;
    const prefix = `${' '.repeat(col)}k: ${header}\n`;
    const bodyStart = l + 1 < this.lineCount ? this.starts[l + 1] : this.text.length;
    const bodyEnd = m > l + 1 ? this.after(m - 1) : bodyStart;
    // What follows in the real text is a line indented to `col` or less, or the item's end.
    const sentinel = m < this.lineCount ? `${' '.repeat(col)}z: 0\n` : '';
    const mini = prefix + this.text.slice(bodyStart, bodyEnd) + sentinel;
    const doc = parseYamlDocument(mini, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    if (doc.errors.length || doc.warnings.length || !isMap(doc.contents)) giveUp();
    const node = (doc.contents as { items: { value: unknown }[] }).items[0]?.value;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) giveUp();
    const scalar = node as { value: string; range: [number, number, number] };
    const toReal = (o: number) => (o < prefix.length ? o - (col + 3) + c : o - prefix.length + bodyStart);
    const start = toReal(scalar.range[0]);
    const end = Math.max(start, toReal(scalar.range[1]));
    if (start !== c || end > bodyEnd) giveUp();
    // Blank lines the scalar does not keep end the enclosing collection where the scalar ends, which
    // this reader's collections (ending at a line end) cannot say: only when the collection goes on.
    if (end !== bodyEnd && !(m < this.lineCount && this.indents[m] === col)) giveUp();
    this.record(pointer, key, start, end, 'block');
    return { value: scalar.value, next: m };
  }

  private quoted(l: number, c: number, col: number, pointer: string, key: OffsetRange | undefined): { value: unknown; next: number } {
    const q = this.text[c];
    let line = l;
    let close = this.closeQuote(q, c + 1, this.ends[l]);
    while (close === -1) {
      if (q === '"' && this.text[this.ends[line] - 1] === '\\') giveUp(); // an escaped line break
      line++;
      if (line >= this.lineCount || (this.indents[line] !== BLANK && this.indents[line] <= col)) giveUp();
      close = this.closeQuote(q, this.starts[line], this.ends[line]);
    }
    this.trailing(close, this.ends[line]);
    const source = this.text.slice(c, close);
    const value = q === '"' ? doubleQuoted(source) : singleQuoted(source);
    this.record(pointer, key, c, close, q === '"' ? 'double-quoted' : 'single-quoted');
    this.structural(line + 1);
    if (line + 1 < this.lineCount && this.indents[line + 1] > col) giveUp();
    return { value, next: line + 1 };
  }

  /** The offset after the quote `q` that closes a scalar, scanning [from, end); -1 if not on this line. */
  private closeQuote(q: string, from: number, end: number): number {
    for (let i = from; i < end; i++) {
      const ch = this.text[i];
      if (q === '"' && ch === '\\') i++;
      else if (ch === q) {
        if (q === "'" && this.text[i + 1] === "'") i++;
        else return i + 1;
      }
    }
    return -1;
  }
}

/**
 * Read one item of a block list (`  - …` lines, as chunked.ts cuts them) the way the `yaml` package
 * would read a document holding just that list; undefined when the item is outside the subset.
 */
const LIST = '#list';

export function fastYamlItem(text: string, withIndex = false): FastItem | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  try {
    const reader = new Reader(text, withIndex);
    if (reader.lineCount === 0) return undefined;
    const first = text.length - text.trimStart().length;
    // The list is recorded under a pointer no item uses; its one item's entries are relative to the item.
    const { value, next } = reader.seq(0, first, LIST, undefined, '');
    if (next !== reader.lineCount || value.length !== 1) return undefined;
    const index = reader.index;
    const extent = index?.get(LIST)?.value ?? { start: first, end: text.length };
    index?.delete(LIST);
    return { value: value[0], extent, index };
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}
