// A fast reader for the block-YAML items of big catalogs (chunked.ts), for the layout that catalogs
// are written in: block mappings and lists, plain and quoted scalars (also over several lines), `[]` and
// `{}`, block scalars (`|`, `>`), blank lines inside scalars, comments at the end of a line. It reads
// YAML 1.2 exactly as the `yaml` package does for that subset (scalar resolution, line folding and
// escapes are the package's, copied below; a block scalar in the simple form catalogs use is resolved
// here, any other one is handed to the package alone, in a document that reproduces its indentation),
// and it gives up (undefined) on anything else: anchors, aliases, tags,
// flow collections with content, complex keys, tabs, CRs, comment lines and blank lines between entries,
// duplicate keys, anything the package would flag. The item then goes through the `yaml` package. The
// equivalence tests compare both readers.

import { parseDocument as parseYamlDocument, isMap, isScalar, isSeq } from 'yaml';
import { Char } from './charCodes';
import { CompactIndex, ROOT, STYLE } from './compactIndex';
import type { OffsetRange } from './types';

export interface FastItem {
  value: unknown;
  /** The item as an entry of its list: from its `-` to the end of its last line. */
  extent: OffsetRange;
  /** Line breaks in the text, and the characters after the last one (chunked.ts `Piece`). */
  breaks: number;
  tailColumn: number;
  /** Pointer ('' = the item) → ranges in the item's text; only when asked for. */
  index?: CompactIndex;
}

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

// ---------------------------------------------------------------------------------- scalars (yaml 2.x)

const PLAIN_NON_STRING_START = new Set([...'~nNtTfF0123456789+-.'].map((c) => c.charCodeAt(0)));

/** Every form of number resolvePlain knows, in one test: most plain scalars that start like one (dates, codes) are not. */
const ANY_NUMBER = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

/** Core schema resolution of a plain scalar (yaml/dist/schema/core: null, bool, int, float, else string). */
export function resolvePlain(s: string): unknown {
  // Only these first characters can make anything but a string (null, bool, number, .inf/.nan).
  if (s.length > 0 && !PLAIN_NON_STRING_START.has(s.charCodeAt(0))) return s;
  // A digit, a sign or a dot first: a number or a string.
  const c = s.charCodeAt(0);
  if (((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) && !ANY_NUMBER.test(s)) return s;
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

const isBlankChar = (c: number) => c === Char.Space || c === Char.Tab;

/**
 * yaml's unfoldLines (resolve-flow-scalar.js): each line break with the spaces and tabs around it folds
 * to a space, blank lines between to line breaks. Read with indexOf rather than its regular
 * expressions; the parts joined once, into a flat string.
 */
function unfoldLines(source: string): string {
  let nl = source.indexOf('\n');
  if (nl === -1) return source;
  /** The end of the line that `\n` at `at` ends (a `\r` before it is not part of the line). */
  const lineEnd = (at: number) => (at > 0 && source.charCodeAt(at - 1) === 13 ? at - 1 : at);
  let e = lineEnd(nl);
  while (e > 0 && isBlankChar(source.charCodeAt(e - 1))) e--;
  const parts = [source.slice(0, e)];
  let sep = ' ';
  let pos = nl + 1;
  while ((nl = source.indexOf('\n', pos)) !== -1) {
    let a = pos;
    let b = lineEnd(nl);
    while (a < b && isBlankChar(source.charCodeAt(a))) a++;
    while (b > a && isBlankChar(source.charCodeAt(b - 1))) b--;
    if (a === b) {
      if (sep === '\n') parts.push(sep);
      else sep = '\n';
    } else {
      parts.push(sep, source.slice(a, b));
      sep = ' ';
    }
    pos = nl + 1;
  }
  while (pos < source.length && isBlankChar(source.charCodeAt(pos))) pos++;
  parts.push(sep, source.slice(pos));
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

/**
 * The value of a block scalar in the simple form catalogs use: a header `|` or `>` with maybe `-` or `+`
 * (no indentation indicator) after a key in column `col`, and its body (the lines after the header, each
 * without its line break, up to the first line it cannot hold): the first and last lines hold text,
 * indented past `col`, no line is indented less than the first, blank lines are empty. Resolved as
 * yaml's resolve-block-scalar does; undefined for anything else (the package reads that).
 */
export function blockScalarValue(header: string, body: readonly string[], col: number): string | undefined {
  if (!/^[|>][-+]?$/.test(header) || body.length === 0) return undefined;
  const indentOf = (line: string) => {
    let i = 0;
    while (line.charCodeAt(i) === Char.Space) i++;
    return i;
  };
  const trim = indentOf(body[0]);
  if (trim <= col || trim === body[0].length || indentOf(body[body.length - 1]) === body[body.length - 1].length) return undefined;
  for (const line of body) {
    if (line.includes('\t') || line.includes('\r')) return undefined;
    if (line.length === 0) continue;
    const indent = indentOf(line);
    if (indent === line.length || indent < trim) return undefined; // spaces-only or less indented
  }
  const parts: string[] = [];
  if (header[0] === '|') {
    for (let i = 0; i < body.length; i++) parts.push(i === 0 ? '' : '\n', body[i].slice(trim));
  } else {
    // Folding: text lines joined by a space, an empty line is a line break, more-indented lines keep theirs.
    let sep = '';
    let prevMoreIndented = false;
    for (const line of body) {
      if (line.length === 0) {
        if (sep === '\n') parts.push('\n');
        else sep = '\n';
      } else if (indentOf(line) > trim) {
        if (sep === ' ') sep = '\n';
        else if (!prevMoreIndented && sep === '\n') sep = '\n\n';
        parts.push(sep, line.slice(trim));
        sep = '\n';
        prevMoreIndented = true;
      } else {
        parts.push(sep, line.slice(trim));
        sep = ' ';
        prevMoreIndented = false;
      }
    }
  }
  // No trailing blank lines: keeping (`+`) and clipping both end the value with one line break.
  if (header[1] !== '-') parts.push('\n');
  return parts.join('');
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
const BAD_START = new Set([..."-?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Plain keys seen before, by length and first character: a catalog repeats a few dozen keys in every
 * dataset, and a key found here is compared in place instead of cut out of the text (a property name
 * the engine already knows is also cheaper to look up and set than a new string).
 */
const knownKeys = new Map<number, string[]>();
let knownKeyCount = 0;
const KNOWN_KEYS_MAX = 4096;

function knownKey(text: string, start: number, end: number): string | undefined {
  const bucket = knownKeys.get((end - start) * 128 + (text.charCodeAt(start) & 127));
  if (bucket) for (const k of bucket) if (text.startsWith(k, start)) return k;
  return undefined;
}

function rememberKey(name: string): void {
  if (knownKeyCount >= KNOWN_KEYS_MAX) return;
  const slot = name.length * 128 + (name.charCodeAt(0) & 127);
  const bucket = knownKeys.get(slot);
  if (bucket && bucket.length >= 8) return;
  // The engine's own copy of the name (a property key), not a slice that keeps the item's text alive.
  const own = Object.keys({ [name]: 0 })[0];
  if (bucket) bucket.push(own);
  else knownKeys.set(slot, [own]);
  knownKeyCount++;
}

/**
 * Reads one item; each value method returns the value and leaves in `next` the line after it. The
 * index (when asked for) gets one node per value, with its parent (and a key's name when it is not its text).
 */
class Reader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  /** Lines whose first character (after the indentation) is `#`. */
  private hashLines?: Set<number>;
  readonly index?: CompactIndex;
  /** The line after the value read last. */
  next = 0;
  /** Whether the last `plainKey` is the key's own text. */
  private keyIsText = false;
  /** Whether the last `closeQuote` passed an escape (`\\…` or `''`). */
  private escaped = false;
  /** The first ` #` at or after `hashFrom` (-1: none, -2: not looked for): one search serves many scalars. */
  private hashFrom = 0;
  private hashAt = -2;

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
      while (text.charCodeAt(ind) === Char.Space) ind++;
      // Tabs: the `yaml` package handles those. Blank lines may continue a scalar; a line that starts
      // with `#` is text inside a quoted or block scalar, and a comment elsewhere (where this reader stops).
      if (ind < end) {
        const c = text.charCodeAt(ind);
        if (c === Char.Tab) giveUp();
        if (c === Char.Hash) (this.hashLines ??= new Set()).add(this.starts.length);
      }
      this.starts.push(at);
      this.ends.push(end);
      this.indents.push(ind === end ? BLANK : ind - at);
      at = nl === -1 ? text.length : nl + 1;
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Where the line after the `breaks`-th line break starts (0 with none). */
  lastLineStart(breaks: number): number {
    return breaks === 0 ? 0 : breaks < this.starts.length ? this.starts[breaks] : this.text.length;
  }

  /** Offset just after line `l` (its line break included). */
  private after(l: number): number {
    return l + 1 < this.starts.length ? this.starts[l + 1] : this.text.length;
  }

  /** Records a node (its parent, its name when not its text, its key's range or -1, its value's range, a STYLE code); returns its number. */
  private record(parent: number, name: string | undefined, keyStart: number, keyEnd: number, start: number, end: number, style: number): number {
    return this.index ? this.index.add(parent, name, keyStart, keyEnd, start, end, style) : -1;
  }

  /** A collection's end, once its entries are read. */
  private recordEnd(node: number, end: number): void {
    if (node !== -1) this.index!.setValueEnd(node, end);
  }

  /** Where the structure reads line `l` (the next entry or the end of a collection), a blank or comment line is out of the subset. */
  private structural(l: number): void {
    if (l < this.starts.length && (this.indents[l] === BLANK || this.hashLines?.has(l) === true)) giveUp();
  }

  private isDashEntry(at: number, lineEnd: number): boolean {
    return this.text.charCodeAt(at) === Char.Dash && (this.text.charCodeAt(at + 1) === Char.Space || at + 1 === lineEnd);
  }

  /**
   * The list whose `-` are in column `col`, from line `l`. `item`: the list is the item's own (cut out
   * by chunked.ts): not recorded, its entries are the index's roots.
   */
  seq(l: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number, item = false): unknown[] {
    const out: unknown[] = [];
    const start = this.starts[l] + col;
    const node = item ? ROOT : this.record(parent, name, keyStart, keyEnd, start, start, STYLE.collection);
    let line = l;
    while (line < this.lineCount && this.indents[line] === col && this.text.charCodeAt(this.starts[line] + col) === Char.Dash) {
      const dash = this.starts[line] + col;
      if (this.text.charCodeAt(dash + 1) !== Char.Space) giveUp(); // `-` alone on its line, or `-x`
      let c = dash + 1;
      while (this.text.charCodeAt(c) === Char.Space) c++;
      if (c >= this.ends[line]) giveUp();
      out.push(this.entryValue(line, c, col, node, undefined, -1, -1, true));
      line = this.next;
    }
    this.structural(line);
    if (line < this.lineCount && this.indents[line] > col) giveUp();
    if (!item) this.recordEnd(node, this.after(line - 1));
    this.next = line;
    // An array grown by push keeps room for 16 or more: most lists of a dataset hold a few entries, and a
    // catalog's are all kept, so each is kept as an exact copy (the grown one dies young, at no cost).
    return out.length < 16 ? out.slice() : out;
  }

  /** The mapping whose keys are in column `col`; its first key starts at offset `first` on line `l`. */
  map(l: number, col: number, first: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const node = this.record(parent, name, keyStart, keyEnd, first, first, STYLE.collection);
    let line = l;
    let at = first;
    for (;;) {
      const end = this.ends[line];
      let key: string;
      let nameEnd: number;
      let colon: number;
      // The index names a key by its text (inside its quotes) unless told otherwise (`given`).
      let given: string | undefined;
      const c = this.text.charCodeAt(at);
      if (c === Char.Quote || c === Char.SingleQuote) {
        colon = this.closeQuote(c, at + 1, end);
        if (colon === -1 || this.text.charCodeAt(colon) !== Char.Colon) giveUp();
        const source = this.text.slice(at, colon);
        key = c === Char.Quote ? doubleQuoted(source) : singleQuoted(source);
        nameEnd = colon;
        given = key.length === nameEnd - at - 2 && this.text.startsWith(key, at + 1) ? undefined : key;
      } else {
        if (BAD_START.has(c)) giveUp();
        colon = this.findColon(at, end);
        if (colon === -1) giveUp();
        nameEnd = colon;
        while (this.text.charCodeAt(nameEnd - 1) === Char.Space) nameEnd--;
        if (nameEnd - at > 1000) giveUp();
        key = this.plainKey(at, nameEnd);
        // Nearly every plain key is its text, which plainKey has just compared: no second comparison.
        given = this.keyIsText || (key.length === nameEnd - at && this.text.startsWith(key, at)) ? undefined : key;
      }
      if (hasOwn(out, key)) giveUp(); // the package reports duplicates
      const value = this.valueAfterColon(line, colon, col, node, given, at, nameEnd);
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      line = this.next;
      this.structural(line);
      if (line >= this.lineCount || this.indents[line] < col) break;
      if (this.indents[line] > col) giveUp();
      at = this.starts[line] + col;
      if (this.isDashEntry(at, this.ends[line])) break; // an indentless list ends here
    }
    this.recordEnd(node, this.after(line - 1));
    this.next = line;
    return out;
  }

  /** A plain key's name, as the package reads it (`null:` is '', `1:` is '1'); `keyIsText` says whether it is its text. */
  private plainKey(start: number, end: number): string {
    this.keyIsText = true;
    const known = knownKey(this.text, start, end);
    if (known !== undefined) return known;
    const source = this.text.slice(start, end);
    const v = resolvePlain(source);
    if (v === source) {
      rememberKey(source);
      return source;
    }
    this.keyIsText = false;
    return v === null ? '' : String(v);
  }

  /** The first `:` followed by a space or the line end, before any comment; -1 if none. */
  private findColon(from: number, end: number): number {
    const t = this.text;
    for (let i = from; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === Char.Colon && (i + 1 === end || t.charCodeAt(i + 1) === Char.Space)) return i;
      if (ch === Char.Hash && t.charCodeAt(i - 1) === Char.Space) return -1;
    }
    return -1;
  }

  /** Whether [from, end) holds `: ` or ends with `:` (a plain scalar cannot). */
  private hasMappingColon(from: number, end: number): boolean {
    const t = this.text;
    for (let i = t.indexOf(':', from); i !== -1 && i < end; i = t.indexOf(':', i + 1)) {
      if (i + 1 === end || t.charCodeAt(i + 1) === Char.Space) return true;
    }
    return false;
  }

  /** The first ` #` at or after `from`, or -1. */
  private spaceHash(from: number): number {
    if (this.hashAt === -2 || from < this.hashFrom || (this.hashAt !== -1 && this.hashAt < from)) {
      this.hashFrom = from;
      // `#` is rare and found fast; a space is everywhere.
      let i = this.text.indexOf('#', from + 1);
      while (i !== -1 && this.text.charCodeAt(i - 1) !== Char.Space) i = this.text.indexOf('#', i + 1);
      this.hashAt = i === -1 ? -1 : i - 1;
    }
    return this.hashAt;
  }

  /** Where a comment (` #`) starts in [from, end), or -1. */
  private commentStart(from: number, end: number): number {
    const at = this.spaceHash(from);
    return at !== -1 && at + 1 < end ? at : -1;
  }

  /** The value of the key whose `:` is at `colon` on line `l` (keys in column `col`). */
  private valueAfterColon(l: number, colon: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number): unknown {
    let c = colon + 1;
    while (this.text.charCodeAt(c) === Char.Space) c++;
    if (c < this.ends[l]) return this.entryValue(l, c, col, parent, name, keyStart, keyEnd, false);
    if (c !== colon + 1) giveUp(); // `key: ` with trailing spaces and nothing else
    // The value is on the next lines: a nested block, an indentless list, or nothing.
    const n = l + 1;
    this.structural(n);
    if (n < this.lineCount) {
      const ind = this.indents[n];
      const at = this.starts[n] + ind;
      const isDash = this.isDashEntry(at, this.ends[n]);
      if (ind > col || (ind === col && isDash)) {
        if (isDash) return this.seq(n, ind, parent, name, keyStart, keyEnd);
        if (ind === col) giveUp();
        return this.map(n, ind, at, parent, name, keyStart, keyEnd);
      }
    }
    this.record(parent, name, keyStart, keyEnd, colon + 1, colon + 1, STYLE.plain);
    this.next = n;
    return null;
  }

  /**
   * A value that starts at offset `c` on line `l`, inside a collection whose entries are in column `col`:
   * a compact mapping (`- key: v`, only in a list), a quoted or plain scalar (maybe over several lines),
   * `[]` or `{}`.
   */
  private entryValue(l: number, c: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number, inList: boolean): unknown {
    const end = this.ends[l];
    const ch = this.text.charCodeAt(c);
    if (inList) {
      // `- key: value` starts a mapping in the item's column.
      const colon = ch === Char.Quote || ch === Char.SingleQuote ? this.closeQuote(ch, c + 1, end) : this.findColon(c, end);
      if (colon !== -1 && this.text.charCodeAt(colon) === Char.Colon && (colon + 1 === end || this.text.charCodeAt(colon + 1) === Char.Space)) {
        return this.map(l, c - this.starts[l], c, parent, name, keyStart, keyEnd);
      }
    }
    if (ch === Char.OpenBracket || ch === Char.OpenBrace) {
      if (this.text.charCodeAt(c + 1) !== (ch === Char.OpenBracket ? Char.CloseBracket : Char.CloseBrace)) giveUp();
      this.trailing(c + 2, end);
      this.record(parent, name, keyStart, keyEnd, c, c + 2, STYLE.collection);
      this.next = l + 1;
      return ch === Char.OpenBracket ? [] : {};
    }
    if (ch === Char.Quote || ch === Char.SingleQuote) return this.quoted(l, c, col, parent, name, keyStart, keyEnd);
    if (ch === Char.Pipe || ch === Char.Greater) return this.block(l, c, col, parent, name, keyStart, keyEnd);
    if (BAD_START.has(ch) && !((ch === Char.Dash || ch === Char.Question || ch === Char.Colon) && this.text.charCodeAt(c + 1) !== Char.Space && c + 1 < end)) giveUp();
    return this.plain(l, c, col, parent, name, keyStart, keyEnd);
  }

  /** Only spaces, maybe a comment, may follow a value. */
  private trailing(from: number, end: number): void {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === Char.Space) i++;
    if (i < end && !(this.text.charCodeAt(i) === Char.Hash && i > from)) giveUp();
  }

  private plain(l: number, c: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number): unknown {
    const t = this.text;
    let end = this.ends[l];
    const hash = this.commentStart(c, end);
    if (hash !== -1) end = hash;
    while (t.charCodeAt(end - 1) === Char.Space) end--;
    if (this.hasMappingColon(c, end)) giveUp();
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
        // (No tabs here: fastYamlItem leaves texts with tabs to the package.)
        if (!this.continuesPlain(line, s) || this.commentStart(s, e) !== -1 || this.hasMappingColon(s, e)) giveUp();
        while (t.charCodeAt(e - 1) === Char.Space) e--;
        scalarEnd = e;
        line++;
      }
    } else if (line < this.lineCount && this.indents[line] > col) giveUp();
    const source = t.slice(c, scalarEnd);
    const value = line === l + 1 ? resolvePlain(source) : resolvePlain(unfoldLines(source));
    this.record(parent, name, keyStart, keyEnd, c, scalarEnd, STYLE.plain);
    this.next = line;
    return value;
  }

  /**
   * Whether line `line`, its text from `s`, can go on a plain scalar begun on an earlier line: indicators
   * start a scalar, not its later lines (the package reads `- x` or `[x` there as text), except a comment
   * (`#`); `: ` is left to the package (hasMappingColon), and so is a line in the first column (maybe a
   * document marker).
   */
  private continuesPlain(line: number, s: number): boolean {
    return this.text.charCodeAt(s) !== Char.Hash && this.indents[line] !== 0;
  }

  /**
   * A block scalar (`key: |`, `key: >-`…, or a list entry `- |`) whose header is at `c` on line `l`, the
   * key (or the `-`) in column `col`. Its content (the following lines that are blank or indented past
   * `col`) is resolved here in the simple form (`blockScalarValue`), else by the `yaml` package in a
   * small document that puts the same header under a key (or after a `-`) in the same column, so value
   * and range are the package's own; offsets are mapped back.
   */
  private block(l: number, c: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number): unknown {
    const header = this.text.slice(c, this.ends[l]);
    if (!BLOCK_HEADER.test(header)) giveUp(); // comments or spaces after the header: the package decides
    const inList = keyStart < 0;
    // In a list, only `- |` (one space after the dash, not a compact nested entry) is put in a small document.
    if (inList && c !== this.starts[l] + col + 2) giveUp();
    let m = l + 1;
    while (m < this.lineCount && (this.indents[m] === BLANK || this.indents[m] > col)) m++;
    const body: string[] = [];
    for (let k = l + 1; k < m; k++) body.push(this.text.slice(this.starts[k], this.ends[k]));
    const simple = blockScalarValue(header, body, col);
    if (simple !== undefined) {
      // Its range runs from the header to the end of its last line, line break included.
      this.record(parent, name, keyStart, keyEnd, c, this.after(m - 1), STYLE.block);
      this.next = m;
      return simple;
    }
    const lead = inList ? '- ' : 'k: ';
    const prefix = `${' '.repeat(col)}${lead}${header}\n`;
    const bodyStart = l + 1 < this.lineCount ? this.starts[l + 1] : this.text.length;
    const bodyEnd = m > l + 1 ? this.after(m - 1) : bodyStart;
    // What follows in the real text is a line indented to `col` or less, or the item's end.
    const sentinel = m < this.lineCount ? `${' '.repeat(col)}${inList ? '- 0' : 'z: 0'}\n` : '';
    const mini = prefix + this.text.slice(bodyStart, bodyEnd) + sentinel;
    const doc = parseYamlDocument(mini, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
    if (doc.errors.length || doc.warnings.length || !(inList ? isSeq(doc.contents) : isMap(doc.contents))) giveUp();
    const first = (doc.contents as { items: unknown[] }).items[0];
    const node = inList ? first : (first as { value: unknown } | undefined)?.value;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) giveUp();
    const scalar = node as { value: string; range: [number, number, number] };
    const toReal = (o: number) => (o < prefix.length ? o - (col + lead.length) + c : o - prefix.length + bodyStart);
    const start = toReal(scalar.range[0]);
    const end = Math.max(start, toReal(scalar.range[1]));
    if (start !== c || end > bodyEnd) giveUp();
    // Blank lines the scalar does not keep end the enclosing collection where the scalar ends, which
    // this reader's collections (ending at a line end) cannot say: only when the collection goes on.
    if (end !== bodyEnd && !(m < this.lineCount && this.indents[m] === col && (!inList || this.isDashEntry(this.starts[m] + col, this.ends[m])))) giveUp();
    this.record(parent, name, keyStart, keyEnd, start, end, STYLE.block);
    this.next = m;
    return scalar.value;
  }

  private quoted(l: number, c: number, col: number, parent: number, name: string | undefined, keyStart: number, keyEnd: number): unknown {
    const q = this.text.charCodeAt(c);
    let line = l;
    this.escaped = false;
    let close = this.closeQuote(q, c + 1, this.ends[l]);
    while (close === -1) {
      line++;
      if (line >= this.lineCount || (this.indents[line] !== BLANK && this.indents[line] <= col)) giveUp();
      close = this.closeQuote(q, this.starts[line], this.ends[line]);
    }
    this.trailing(close, this.ends[line]);
    // On one line and without escapes (most quoted texts), the value is the text between the quotes.
    const value =
      line === l && !this.escaped ? this.text.slice(c + 1, close - 1)
      : q === Char.Quote ? doubleQuoted(this.text.slice(c, close))
      : singleQuoted(this.text.slice(c, close));
    this.record(parent, name, keyStart, keyEnd, c, close, q === Char.Quote ? STYLE.doubleQuoted : STYLE.singleQuoted);
    this.structural(line + 1);
    if (line + 1 < this.lineCount && this.indents[line + 1] > col) giveUp();
    this.next = line + 1;
    return value;
  }

  /** The offset after the quote `q` (a character code) that closes a scalar, scanning [from, end); -1 if not on this line. */
  private closeQuote(q: number, from: number, end: number): number {
    const t = this.text;
    for (let i = from; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (q === Char.Quote && ch === Char.Backslash) {
        i++;
        this.escaped = true;
      } else if (ch === q) {
        if (q === Char.SingleQuote && t.charCodeAt(i + 1) === Char.SingleQuote) {
          i++;
          this.escaped = true;
        } else return i + 1;
      }
    }
    return -1;
  }
}

/**
 * Read one item of a block list (`  - …` lines, as chunked.ts cuts them) the way the `yaml` package
 * would read a document holding just that list; undefined when the item is outside the subset.
 */
export function fastYamlItem(text: string, withIndex = false): FastItem | undefined {
  if (text.includes('\r') || text.includes('\t')) return undefined;
  try {
    const reader = new Reader(text, withIndex);
    if (reader.lineCount === 0) return undefined;
    const first = text.length - text.trimStart().length;
    // The item's entries are recorded relative to the item (its node is the index's root).
    const value = reader.seq(0, first, ROOT, undefined, -1, -1, true);
    if (reader.next !== reader.lineCount || value.length !== 1) return undefined;
    const breaks = text.charCodeAt(text.length - 1) === Char.LF ? reader.lineCount : reader.lineCount - 1;
    return { value: value[0], extent: { start: first, end: text.length }, breaks, tailColumn: text.length - reader.lastLineStart(breaks), index: reader.index?.finish() };
  } catch (err) {
    if (err instanceof GiveUp) return undefined;
    throw err;
  }
}
