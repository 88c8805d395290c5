// The fast path for big documents: a catalog is split at the items of its biggest list (`dataset: [...]`,
// or a root list), each item is parsed on its own and cached by its text, and the document is the
// sum of: a small skeleton (everything but the items, parsed precisely) + the items. Offsets, lines and
// the pointer index are composed on demand, so nothing is rebuilt for the whole text when one item
// changes: an edit re-splits and re-parses only the items it touched.
//
// Exactness: the fast path yields the same value, index and findings as `parseDocument`'s precise path.
// Whatever it cannot prove the same (anchors and aliases, several documents, directives, a syntax error
// when a whole text is parsed, unusual layouts) makes it step aside (`undefined`): the caller then parses
// precisely. Inside an editing session a syntax error stays local to its item (see `allowLocalErrors`).

import { Char } from './charCodes';
import { CompactIndex, ROOT, STYLE, type PointerIndex } from './compactIndex';
import { DEFAULT_LIMITS, parseDocument, type DocumentFormat, type NodeInfo, type ParsedDocument } from './document';
import { LineIndex } from './lineIndex';
import { escapeSegment, isArrayIndex } from './pointer';
import type { Finding, OffsetRange, Position, Range } from './types';
import { fastYamlItem } from './yamlChunks';

/** Texts at least this long take the fast path when their layout allows it. */
export const FAST_PATH_MIN_CHARS = 256 * 1024;

/** One item of the split list: its text (content + the separator after it) and what parsing it gave. */
export interface Piece {
  readonly text: string;
  /** Length of the item itself (JSON: without the `,` and spaces after it). */
  readonly content: number;
  readonly breaks: number;
  /** Characters after the last line break (all of them when there is none). */
  readonly tailColumn: number;
  readonly value: unknown;
  /** Syntax findings, positions relative to the piece (line 0 starts at the piece's first character). */
  readonly syntax: Finding[];
  readonly hasErrors: boolean;
  /** Range of the item as an entry of its list, relative to the piece. */
  readonly extent: OffsetRange;
  /** Pointer index of the item ('' = the item), offsets relative to the piece; built on first use. */
  index(): PointerIndex;
  lines(): LineIndex;
  /**
   * What the session's incremental analyzer knows of this item (incremental.ts). Kept on the piece: a
   * WeakMap by piece, with ten thousand weak entries after a catalog's open, cost the collector ~20 ms.
   */
  analysis: unknown;
}

export interface ChunkOptions {
  languageId?: string;
  /**
   * Read each item only when something asks for it (its value, index or syntax findings). For a parse
   * that serves requests about one item at a time (the language server's main loop, while a worker
   * checks the whole document): opening a catalog then costs its split, not the reading of every item.
   * An item outside what the fast path reads exactly is read by the precise parser alone, when asked.
   */
  lazyItems?: boolean;
  /** Keep going when an item has a syntax error (editing sessions); otherwise step aside. */
  allowLocalErrors?: boolean;
  /** Pieces by text, shared by the versions of one document. */
  cache?: Map<string, Piece>;
}

interface Layout {
  format: DocumentFormat;
  /** Pointer of the split list: '' (a root list) or `/key`. */
  array: string;
  head: string;
  tail: string;
  /** Item boundaries: starts[i] … starts[i] + contents[i] is the item, the rest up to starts[i+1] its separator. */
  starts: number[];
  contents: number[];
  /** YAML: indentation of the list's `-`. */
  indent: number;
}

// ------------------------------------------------------------------------------------------ utilities

/** A copy of `s` that does not keep a larger string alive (V8 slices point into their parent). */
function own(s: string): string {
  return s.length < 16 ? s : (` ${s}`).slice(1);
}

function countBreaks(s: string): { breaks: number; tailColumn: number } {
  let breaks = 0;
  let last = -1;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) {
    breaks++;
    last = i;
  }
  return { breaks, tailColumn: s.length - last - 1 };
}

function shiftRange(r: OffsetRange, by: number): OffsetRange {
  return { start: r.start + by, end: r.end + by };
}

/** NodeInfo with its fields in the order the precise parser writes them. */
function nodeInfo(key: OffsetRange | undefined, value: OffsetRange, style?: NodeInfo['style'], source?: string): NodeInfo {
  const out: NodeInfo = key ? { key, value } : { value };
  if (style !== undefined) out.style = style;
  if (source !== undefined) out.source = source;
  return out;
}

function shiftInfo(info: NodeInfo, by: number): NodeInfo {
  return nodeInfo(info.key && shiftRange(info.key, by), shiftRange(info.value, by), info.style, info.source);
}

function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ------------------------------------------------------------------------------------------ JSON layout


const isSpace = (c: number) => c === Char.Space || c === Char.LF || c === Char.CR || c === Char.Tab;

/** End of the string starting at `i` (the opening quote), just after the closing quote; -1 if unclosed on its line. */
function stringEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return -1;
    let b = q - 1;
    while (text.charCodeAt(b) === Char.Backslash) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * The items of the biggest list: a root list, or the biggest list-valued key of a root object.
 * Steps aside on comments, unbalanced brackets, unclosed strings, or nesting near the depth limit.
 */
function jsonLayout(text: string, maxDepth: number): Layout | undefined {
  for (let r = text.indexOf('\r'); r !== -1; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== Char.LF) return undefined;
  let i = 0;
  const n = text.length;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  const rootChar = text.charCodeAt(i);
  if (rootChar !== Char.OpenBrace && rootChar !== Char.OpenBracket) return undefined;
  // Lists at depth 1 (inside a root object: the value of a key) or the root list itself.
  interface Candidate { key?: string; open: number; starts: number[]; ends: number[]; close: number }
  const candidates: Candidate[] = [];
  let current: Candidate | undefined;
  const stack: number[] = [];
  let lastKey: string | undefined;
  let expectingItem = false;
  let lastValueEnd = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) continue;
    const depth = stack.length;
    // An item of the candidate list begins here?
    if (current && depth === (current.key === undefined ? 1 : 2) && expectingItem && c !== Char.CloseBracket) {
      current.starts.push(i);
      expectingItem = false;
    }
    switch (c) {
      case Char.Quote: {
        const e = stringEnd(text, i);
        if (e === -1) return undefined;
        const nl = text.indexOf('\n', i);
        if (nl !== -1 && nl < e) return undefined; // a raw line break in a string: let the precise parser explain
        if (depth === 1 && rootChar === Char.OpenBrace) {
          // Maybe a key of the root object.
          let k = e;
          while (k < n && isSpace(text.charCodeAt(k))) k++;
          if (text.charCodeAt(k) === Char.Colon) {
            try {
              lastKey = JSON.parse(text.slice(i, e)) as string;
            } catch {
              return undefined;
            }
          }
        }
        i = e - 1;
        lastValueEnd = e;
        break;
      }
      case Char.OpenBrace:
      case Char.OpenBracket:
        stack.push(c);
        if (stack.length > maxDepth) return undefined;
        if (c === Char.OpenBracket && ((rootChar === Char.OpenBracket && stack.length === 1) || (rootChar === Char.OpenBrace && stack.length === 2 && lastKey !== undefined))) {
          current = { key: stack.length === 1 ? undefined : lastKey, open: i, starts: [], ends: [], close: -1 };
          expectingItem = true;
        }
        break;
      case Char.CloseBrace:
      case Char.CloseBracket: {
        const open = stack.pop();
        if (open === undefined || (open === Char.OpenBrace) !== (c === Char.CloseBrace)) return undefined;
        if (current && c === Char.CloseBracket && stack.length === (current.key === undefined ? 0 : 1)) {
          if (current.starts.length > current.ends.length) current.ends.push(lastValueEnd);
          current.close = i;
          if (current.starts.length !== current.ends.length) return undefined;
          candidates.push(current);
          current = undefined;
        }
        lastValueEnd = i + 1;
        if (stack.length === 0) {
          // Only white space may follow the root value.
          for (let k = i + 1; k < n; k++) if (!isSpace(text.charCodeAt(k))) return undefined;
          i = n;
        }
        break;
      }
      case Char.Comma:
        if (current && depth === (current.key === undefined ? 1 : 2)) {
          if (current.starts.length !== current.ends.length + 1) return undefined;
          current.ends.push(lastValueEnd);
          expectingItem = true;
        }
        break;
      case Char.Slash:
        return undefined; // a comment
      case Char.Colon:
        break;
      default: {
        // A literal or number: up to the next delimiter.
        let k = i + 1;
        while (k < n) {
          const d = text.charCodeAt(k);
          if (isSpace(d) || d === Char.Comma || d === Char.CloseBrace || d === Char.CloseBracket || d === Char.Colon || d === Char.Quote || d === Char.OpenBrace || d === Char.OpenBracket) break;
          k++;
        }
        i = k - 1;
        lastValueEnd = k;
      }
    }
  }
  if (stack.length !== 0) return undefined;
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || c.close - c.open > best.close - best.open) best = c;
  if (!best || best.starts.length < 2) return undefined;
  const starts = best.starts;
  const contents = starts.map((s, k) => best!.ends[k] - s);
  const lastEnd = starts[starts.length - 1] + contents[contents.length - 1];
  return {
    format: 'json',
    array: best.key === undefined ? '' : `/${escapeSegment(best.key)}`,
    head: text.slice(0, starts[0]),
    tail: text.slice(lastEnd),
    starts,
    contents,
    indent: 0,
  };
}

// ------------------------------------------------------------------------------------------ YAML layout

function indentOf(line: string): number {
  let k = 0;
  while (line.charCodeAt(k) === Char.Space) k++;
  return k;
}

const isBlank = (line: string, indent: number) => indent === line.length || (line[indent] === '\r' && indent === line.length - 1);
const isBlankOrComment = (line: string, indent: number) => isBlank(line, indent) || line[indent] === '#';
const isItemLine = (line: string, indent: number) => line[indent] === '-' && (indent + 1 === line.length || line[indent + 1] === ' ' || line[indent + 1] === '\r');

/**
 * The same questions about a line of `text` read in place (the layout of a 10,000-item catalog looks at
 * every one of its ~350,000 lines): the line is [start, end), `at` the offset after its indentation.
 */
const lineIn = {
  contentAt(text: string, start: number): number {
    let p = start;
    while (text.charCodeAt(p) === Char.Space) p++;
    return p;
  },
  isBlank: (text: string, at: number, end: number) => at === end || (text.charCodeAt(at) === Char.CR && at === end - 1),
  /**
   * Inside a list whose `-` are in column `col`: a line that ends nothing. A `#` line indented deeper may
   * be the continuation of a quoted text (`"… \n      #9"`), so it counts as the item's content.
   */
  isGap: (text: string, at: number, end: number, indent: number, col: number) => lineIn.isBlank(text, at, end) || (text.charCodeAt(at) === Char.Hash && indent <= col),
  isItem(text: string, at: number, end: number): boolean {
    if (text.charCodeAt(at) !== Char.Dash) return false;
    const next = text.charCodeAt(at + 1);
    return at + 1 === end || next === Char.Space || next === Char.CR;
  },
};

/**
 * The items of the biggest block list: a root list, or the list under a top-level `key:` of a root
 * mapping. Line-based: an item starts at a `-` in the list's column; the list ends at the next line that
 * starts in column 0. Steps aside on directives, document markers, tabs in indentation, lone CRs, and any
 * top-level line that is not `key:`.
 */
function yamlLayout(text: string): Layout | undefined {
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  for (let r = text.indexOf('\r'); r !== -1; r = text.indexOf('\r', r + 1)) if (text.charCodeAt(r + 1) !== Char.LF) return undefined;
  // Line starts.
  const lineStarts: number[] = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) lineStarts.push(k + 1);
  if (lineStarts[lineStarts.length - 1] === text.length) lineStarts.pop();
  /** Where line k ends (its `\n` not included). */
  const lineEndOf = (k: number) => (k + 1 < lineStarts.length ? lineStarts[k + 1] - 1 : text.length);
  const lineAt = (k: number) => text.slice(lineStarts[k], lineEndOf(k));

  interface Candidate { key?: string; keyLine: number; first: number; last: number; indent: number; items: number[] }
  const candidates: Candidate[] = [];
  let rootIsList: boolean | undefined;
  let k = 0;
  const total = lineStarts.length;
  while (k < total) {
    const line = lineAt(k);
    const ind = indentOf(line);
    if (line[ind] === '\t') return undefined;
    if (isBlankOrComment(line, ind)) {
      k++;
      continue;
    }
    if (ind !== 0) {
      k++;
      continue; // content of the previous top-level entry
    }
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line[0] === '%') return undefined;
    if (isItemLine(line, 0)) {
      // A root list.
      if (rootIsList === false) return undefined;
      rootIsList = true;
      const c: Candidate = { keyLine: -1, first: k, last: k, indent: 0, items: [] };
      while (k < total) {
        const start = lineStarts[k];
        const end = lineEndOf(k);
        const at = lineIn.contentAt(text, start);
        const li = at - start;
        if (lineIn.isGap(text, at, end, li, 0)) {
          k++;
          continue;
        }
        if (text.charCodeAt(at) === Char.Tab) return undefined;
        if (li === 0) {
          if (!lineIn.isItem(text, at, end)) return undefined;
          c.items.push(k);
        }
        c.last = k;
        k++;
      }
      candidates.push(c);
      continue;
    }
    if (rootIsList === true) return undefined;
    rootIsList = false;
    // A top-level key: `key:` alone (maybe a comment) opens a block value on the next lines.
    const m = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s#'"\-?:,[\]{}&*!|>%@`][^#\n]*?)[ \t]*:(?:[ \t]+(#.*)?)?\r?$/.exec(line);
    k++;
    if (!m) continue; // `key: value` and friends: part of the skeleton
    // Where does the block value start, and is it a list?
    let j = k;
    while (j < total) {
      const l = lineAt(j);
      const li = indentOf(l);
      if (!isBlankOrComment(l, li)) break;
      j++;
    }
    if (j >= total) continue;
    const firstLine = lineAt(j);
    const fi = indentOf(firstLine);
    if (!isItemLine(firstLine, fi)) continue;
    const c: Candidate = { key: m[1], keyLine: k - 1, first: j, last: j, indent: fi, items: [] };
    let q = j;
    for (; q < total; q++) {
      const start = lineStarts[q];
      const end = lineEndOf(q);
      const at = lineIn.contentAt(text, start);
      const li = at - start;
      if (lineIn.isGap(text, at, end, li, fi)) continue;
      if (text.charCodeAt(at) === Char.Tab) return undefined;
      if (li < fi || (fi === 0 && li === 0 && !lineIn.isItem(text, at, end))) {
        if (li !== 0) return undefined;
        break;
      }
      if (li === fi) {
        if (!lineIn.isItem(text, at, end)) return undefined;
        c.items.push(q);
      }
      c.last = q;
    }
    candidates.push(c);
    k = q;
  }
  let best: Candidate | undefined;
  for (const c of candidates) if (!best || c.last - c.first > best.last - best.first) best = c;
  if (!best || best.items.length < 2) return undefined;
  let key: string | undefined;
  if (best.key !== undefined) {
    // The key as the YAML parser reads it (quoted keys unescaped).
    const probe = parseDocument('key.yaml', `${best.key}:`, { precise: true });
    if (probe.syntaxFindings.length || !probe.value || typeof probe.value !== 'object') return undefined;
    const keys = Object.keys(probe.value as object);
    if (keys.length !== 1) return undefined;
    key = keys[0];
  }
  const lineEnd = (q: number) => (q + 1 < lineStarts.length ? lineStarts[q + 1] : text.length);
  const starts = best.items.map((q) => lineStarts[q]);
  const itemEnd = lineEnd(best.last);
  const contents = starts.map((s, q) => (q + 1 < starts.length ? starts[q + 1] : itemEnd) - s);
  return {
    format: 'yaml',
    array: key === undefined ? '' : `/${escapeSegment(key)}`,
    head: text.slice(0, starts[0]),
    tail: text.slice(itemEnd),
    starts,
    contents,
    indent: best.indent,
  };
}

// ------------------------------------------------------------------------------------------ pieces

class ParsedPiece implements Piece {
  readonly breaks: number;
  readonly tailColumn: number;
  analysis: unknown = undefined;
  private idx?: PointerIndex;
  private li?: LineIndex;

  constructor(
    readonly text: string,
    readonly content: number,
    readonly value: unknown,
    readonly syntax: Finding[],
    readonly extent: OffsetRange,
    private readonly build: () => PointerIndex,
    index?: PointerIndex,
    /** Its line breaks, when the reader counted them. */
    counted?: { breaks: number; tailColumn: number },
  ) {
    const b = counted ?? countBreaks(text);
    this.breaks = b.breaks;
    this.tailColumn = b.tailColumn;
    this.idx = index;
  }

  get hasErrors(): boolean {
    return this.syntax.some((f) => f.severity === 'error');
  }

  index(): PointerIndex {
    if (!this.idx) this.idx = this.build();
    return this.idx;
  }

  lines(): LineIndex {
    if (!this.li) this.li = new LineIndex(this.text);
    return this.li;
  }
}

/** Marks a piece the fast path cannot treat exactly (an alias, a depth limit, an odd shape). */
const UNSAFE = Symbol('unsafe');

function jsonPiece(text: string, content: number): Piece | typeof UNSAFE {
  const body = text.slice(0, content);
  const precise = () => parseDocument('item.json', body, { precise: true, limits: { maxDepth: DEFAULT_LIMITS.maxDepth - 2 } });
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const doc = precise();
    if (doc.syntaxFindings.some((f) => f.ruleId !== 'json/syntax')) return UNSAFE;
    return new ParsedPiece(text, content, doc.value, doc.syntaxFindings, { start: 0, end: content }, () => doc.nodes, doc.nodes);
  }
  return new ParsedPiece(text, content, value, [], { start: 0, end: content }, () => jsonIndex(body, DEFAULT_LIMITS.maxDepth - 2) ?? precise().nodes);
}

const isJsonSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

function hasBackslash(text: string, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (text.charCodeAt(j) === Char.Backslash) return true;
  return false;
}

/**
 * The pointer index of a JSON text known to be valid (JSON.parse read it), in one scan without building
 * a tree: the same entries, in the same order, as the precise parser's (document.ts `parseJson`).
 * Undefined past the depth limit (the precise parser reports that).
 */
function jsonIndex(text: string, maxDepth: number): CompactIndex | undefined {
  const nodes = new CompactIndex(text);
  const n = text.length;
  let i = 0;
  const ws = () => {
    while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
  };
  /** From an opening quote at `i`: the offset after the closing one. */
  const stringEnd = (): number => {
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q === -1) return n;
      let b = q - 1;
      while (text.charCodeAt(b) === 92 /* \ */) b--;
      if ((q - 1 - b) % 2 === 0) return q + 1;
      j = q + 1;
    }
  };
  const value = (parent: number, name: string | undefined, keyStart: number, keyEnd: number, depth: number): boolean => {
    if (depth > maxDepth) return false;
    ws();
    const start = i;
    const c = text.charCodeAt(i);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const node = nodes.add(parent, name, keyStart, keyEnd, start, start, STYLE.collection);
      i++;
      ws();
      const close = c === 123 ? 125 : 93;
      while (text.charCodeAt(i) !== close) {
        if (c === 123) {
          const ks = i;
          const ke = stringEnd();
          // A key without escapes is named by its text, read from there when a lookup needs it.
          const key = hasBackslash(text, ks + 1, ke - 1) ? (JSON.parse(text.slice(ks, ke)) as string) : undefined;
          i = ke;
          ws();
          i++; // ':'
          if (!value(node, key, ks, ke, depth + 1)) return false;
        } else if (!value(node, undefined, -1, -1, depth + 1)) return false;
        ws();
        if (text.charCodeAt(i) === 44 /* , */) {
          i++;
          ws();
        }
        if (i >= n) return false;
      }
      i++;
      nodes.setValueEnd(node, i);
      return true;
    }
    let end: number;
    if (c === 34 /* " */) end = stringEnd();
    else {
      end = i;
      while (end < n) {
        const d = text.charCodeAt(end);
        if (d === 44 || d === 125 || d === 93 || isJsonSpace(d)) break;
        end++;
      }
    }
    i = end;
    nodes.add(parent, name, keyStart, keyEnd, start, end, STYLE.json);
    return true;
  };
  return value(ROOT, undefined, -1, -1, 0) ? nodes.finish() : undefined;
}

function yamlPiece(text: string): Piece | typeof UNSAFE {
  // The index is built in the same reading: nearly every dataset of a real catalog has a finding to
  // place, and a second reading cost more than keeping what the first one saw.
  const fast = fastYamlItem(text, true);
  if (fast) {
    const index = fast.index!;
    return new ParsedPiece(text, text.length, fast.value, [], fast.extent, () => index, index, fast);
  }
  const doc = parseDocument('item.yaml', text, { precise: true, limits: { maxDepth: DEFAULT_LIMITS.maxDepth - 1 } });
  if (doc.documentCount !== 1 || !Array.isArray(doc.value) || doc.value.length !== 1) return UNSAFE;
  if (doc.syntaxFindings.some((f) => f.ruleId !== 'yaml/syntax')) return UNSAFE;
  if (text.includes('*') && doc.yaml && hasAlias(doc.yaml.contents)) return UNSAFE;
  const root = doc.nodes.get('');
  if (!root) return UNSAFE;
  const index = new Map<string, NodeInfo>();
  for (const [p, info] of doc.nodes) if (p.startsWith('/0')) index.set(p.slice(2), info);
  return new ParsedPiece(text, text.length, doc.value[0], doc.syntaxFindings, root.value, () => index, index);
}

function hasAlias(node: unknown): boolean {
  if (!node || typeof node !== 'object') return false;
  const n = node as { type?: string; items?: unknown[]; key?: unknown; value?: unknown; source?: unknown };
  if ((node as { constructor?: { name?: string } }).constructor?.name === 'Alias') return true;
  if (Array.isArray(n.items)) return n.items.some(hasAlias);
  if ('key' in n || 'value' in n) return hasAlias(n.key) || hasAlias(n.value);
  return false;
}

/** An item read on first use (`ChunkOptions.lazyItems`); its text, line breaks and lines need no reading. */
class LazyPiece implements Piece {
  readonly breaks: number;
  readonly tailColumn: number;
  analysis: unknown = undefined;
  private read?: Piece;
  private li?: LineIndex;

  constructor(
    private readonly format: DocumentFormat,
    readonly text: string,
    readonly content: number,
  ) {
    const b = countBreaks(text);
    this.breaks = b.breaks;
    this.tailColumn = b.tailColumn;
  }

  get isRead(): boolean {
    return this.read !== undefined;
  }

  private get piece(): Piece {
    if (!this.read) {
      const piece = this.format === 'json' ? jsonPiece(this.text, this.content) : yamlPiece(this.text);
      this.read = piece === UNSAFE ? looseItem(this.format, this.text, this.content) : piece;
    }
    return this.read;
  }

  get value(): unknown {
    return this.piece.value;
  }
  get syntax(): Finding[] {
    return this.piece.syntax;
  }
  get hasErrors(): boolean {
    return this.piece.hasErrors;
  }
  get extent(): OffsetRange {
    return this.piece.extent;
  }
  index(): PointerIndex {
    return this.piece.index();
  }
  lines(): LineIndex {
    if (!this.li) this.li = new LineIndex(this.text);
    return this.li;
  }
}

/** An item the fast path would not take (an alias, a depth limit…), read alone by the precise parser. */
function looseItem(format: DocumentFormat, text: string, content: number): Piece {
  const body = text.slice(0, content);
  const doc = parseDocument(format === 'json' ? 'item.json' : 'item.yaml', format === 'json' ? body : text, { precise: true });
  if (format === 'json') return new ParsedPiece(text, content, doc.value, doc.syntaxFindings, { start: 0, end: content }, () => doc.nodes, doc.nodes);
  const index = new Map<string, NodeInfo>();
  for (const [p, info] of doc.nodes) if (p.startsWith('/0')) index.set(p.slice(2), info);
  const extent = doc.nodes.get('')?.value ?? { start: 0, end: content };
  return new ParsedPiece(text, text.length, Array.isArray(doc.value) ? doc.value[0] : undefined, doc.syntaxFindings, extent, () => index, index);
}

/** The items' values as a list; items not read yet are read when their element is. */
function itemValues(pieces: readonly Piece[]): unknown[] {
  const out: unknown[] = new Array(pieces.length);
  pieces.forEach((p, k) => {
    if (p instanceof LazyPiece && !p.isRead) Object.defineProperty(out, k, { get: () => p.value, enumerable: true, configurable: true });
    else out[k] = p.value;
  });
  return out;
}

/** Without a cache (the first text of a session, see build) the piece keeps its slice of that text. */
function makePiece(format: DocumentFormat, text: string, content: number, cache: Map<string, Piece> | undefined, lazy = false): Piece | typeof UNSAFE {
  const hit = cache?.get(text);
  if (hit && hit.content === content) return hit;
  const copy = cache ? own(text) : text;
  const piece = lazy ? new LazyPiece(format, copy, content) : format === 'json' ? jsonPiece(copy, content) : yamlPiece(copy);
  if (piece !== UNSAFE && cache) cache.set(copy, piece);
  return piece;
}

// ------------------------------------------------------------------------------------------ the document

interface Skeleton {
  doc: ParsedDocument;
  /** Length of the head (skeleton offsets below it are real offsets). */
  head: number;
}

/** Line bookkeeping of one version: where each piece starts (offset, line, column). */
class Frame {
  readonly bases: Float64Array;
  readonly baseLines: Float64Array;
  readonly baseCols: Float64Array;
  readonly itemsLength: number;
  readonly headBreaks: number;
  readonly headTailColumn: number;

  /** `same`: the first `same.count` pieces are those of `same.frame`'s document, at the same places. */
  constructor(head: string, pieces: readonly Piece[], same?: { frame: Frame; count: number }) {
    const n = pieces.length;
    this.bases = new Float64Array(n + 1);
    this.baseLines = new Float64Array(n + 1);
    this.baseCols = new Float64Array(n + 1);
    const h = countBreaks(head);
    this.headBreaks = h.breaks;
    this.headTailColumn = h.tailColumn;
    let off = head.length;
    let line = h.breaks;
    let col = h.tailColumn;
    let from = 0;
    if (same && same.count > 0) {
      from = same.count;
      this.bases.set(same.frame.bases.subarray(0, from));
      this.baseLines.set(same.frame.baseLines.subarray(0, from));
      this.baseCols.set(same.frame.baseCols.subarray(0, from));
      const p = pieces[from - 1];
      off = this.bases[from - 1] + p.text.length;
      line = this.baseLines[from - 1] + p.breaks;
      col = p.breaks > 0 ? p.tailColumn : this.baseCols[from - 1] + p.text.length;
    }
    for (let k = from; k < n; k++) {
      this.bases[k] = off;
      this.baseLines[k] = line;
      this.baseCols[k] = col;
      const p = pieces[k];
      off += p.text.length;
      if (p.breaks > 0) {
        line += p.breaks;
        col = p.tailColumn;
      } else col += p.text.length;
    }
    // The tail, as a last pseudo-piece.
    this.bases[n] = off;
    this.baseLines[n] = line;
    this.baseCols[n] = col;
    this.itemsLength = off - head.length;
  }
}

export class ChunkedDocument implements ParsedDocument {
  readonly documentCount = 1;
  readonly extraDocumentOffsets: number[] = [];
  readonly yaml = undefined;
  private built?: { value: unknown };
  readonly nodes: Map<string, NodeInfo>;
  private syntax?: Finding[];
  /** Some items may be read only when asked for (`lazyItems`). */
  private readonly lazy: boolean;
  readonly lines: LineIndex;
  readonly frame: Frame;
  private readonly headLines: LineIndex;
  private readonly tailLines: LineIndex;
  private arrayInfo?: NodeInfo;
  private flat?: string;

  constructor(
    readonly uri: string,
    /** The whole text, or undefined after an edit: then it is put together from the pieces when asked. */
    text: string | undefined,
    readonly format: DocumentFormat,
    readonly layout: Omit<Layout, 'starts' | 'contents'>,
    readonly skeleton: Skeleton,
    readonly pieces: readonly Piece[],
    readonly cache: Map<string, Piece>,
    /** The previous version, when only pieces from `edited.first` on (`edited.count` of them) are new. */
    edited?: { prev: ChunkedDocument; first: number; count: number },
  ) {
    this.flat = text;
    this.frame = new Frame(layout.head, pieces, edited && { frame: edited.prev.frame, count: edited.first });
    this.headLines = new LineIndex(layout.head);
    this.tailLines = new LineIndex(layout.tail);
    this.nodes = new ChunkedNodes(this);
    this.lines = new ChunkedLines(this);
    if (edited) {
      const fresh = pieces.slice(edited.first, edited.first + edited.count);
      this.lazy = edited.prev.lazy || fresh.some((p) => p instanceof LazyPiece);
      // Nothing to report before, nothing in the new pieces: nothing now (the skeleton is the same).
      if (!this.lazy && edited.prev.syntax?.length === 0 && fresh.every((p) => p.syntax.length === 0)) this.syntax = [];
    } else this.lazy = pieces.some((p) => p instanceof LazyPiece);
    // Items read lazily are read when the syntax findings are asked for; others have them already.
    if (!this.lazy && !this.syntax) this.syntax = this.collectSyntax();
  }


  /**
   * The document's value, put together when first asked: a version the main loop only keeps current
   * (an edit, no request yet) never pays for a list of 10,000 items.
   */
  get value(): unknown {
    if (!this.built) {
      const items = itemValues(this.pieces);
      if (this.layout.array === '') this.built = { value: items };
      else {
        const root = this.skeleton.doc.value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const key of Object.keys(root)) defineKey(out, key, root[key]);
        defineKey(out, this.layout.array.slice(1).replace(/~1/g, '/').replace(/~0/g, '~'), items);
        this.built = { value: out };
      }
    }
    return this.built.value;
  }

  get syntaxFindings(): Finding[] {
    if (!this.syntax) this.syntax = this.collectSyntax();
    return this.syntax;
  }

  private collectSyntax(): Finding[] {
    const syntax: Finding[] = [];
    for (const f of this.skeleton.doc.syntaxFindings) syntax.push({ ...f, range: this.rangeOf(this.fromSkeleton(this.skeletonOffsets(f.range))) });
    this.pieces.forEach((p, k) => {
      for (const f of p.syntax) syntax.push({ ...f, range: this.pieceRange(k, f.range) });
    });
    return syntax;
  }

  /**
   * The whole text. After an edit it is not kept (the pieces hold it): keeping it would mean applying
   * each edit to a copy of the document (V8 copies a concatenated string whole when it is next read).
   */
  get text(): string {
    if (this.flat === undefined) {
      const parts: string[] = [this.layout.head];
      for (const p of this.pieces) parts.push(p.text);
      parts.push(this.layout.tail);
      this.flat = parts.join('');
    }
    return this.flat;
  }

  /** The length of the text, without putting it together. */
  get textLength(): number {
    return this.frame.bases[this.pieces.length] + this.layout.tail.length;
  }

  /** `text.slice(start, end)`, read from the pieces it spans. */
  slice(start: number, end: number): string {
    if (this.flat !== undefined) return this.flat.slice(start, end);
    const len = this.textLength;
    start = Math.max(0, Math.min(start, len));
    end = Math.max(start, Math.min(end, len));
    const n = this.pieces.length;
    let out = '';
    for (let k = this.pieceAt(start); start < end; k++) {
      const base = k === -1 ? 0 : this.frame.bases[k];
      const part = k === -1 ? this.layout.head : k === n ? this.layout.tail : this.pieces[k].text;
      out += part.slice(start - base, end - base);
      start = base + part.length;
      if (k === n) break;
    }
    return out;
  }

  /** The first `chars` characters (or all), from the head and the first items: the whole text is not read. */
  head(chars: number): string {
    let out = this.layout.head;
    for (let k = 0; k < this.pieces.length && out.length < chars; k++) out += this.pieces[k].text;
    if (out.length < chars) out += this.layout.tail;
    return out.length > chars ? out.slice(0, chars) : out;
  }

  // --- offsets

  /** Skeleton offsets → real offsets. */
  fromSkeleton(r: OffsetRange): OffsetRange {
    const h = this.skeleton.head;
    const t = this.frame.itemsLength;
    return { start: r.start < h ? r.start : r.start + t, end: r.end <= h ? r.end : r.end + t };
  }

  private skeletonOffsets(r: Range): OffsetRange {
    return { start: this.skeleton.doc.offsetAt(r.start), end: this.skeleton.doc.offsetAt(r.end) };
  }

  /** A piece-relative range (line 0 = the piece's first line) → document range. */
  pieceRange(k: number, r: Range): Range {
    const line = this.frame.baseLines[k];
    const col = this.frame.baseCols[k];
    const pos = (p: Position): Position => ({ line: line + p.line, character: p.line === 0 ? col + p.character : p.character });
    return { start: pos(r.start), end: pos(r.end) };
  }

  /** Index of the piece containing `offset` (-1: the head, pieces.length: the tail). */
  pieceAt(offset: number): number {
    const bases = this.frame.bases;
    const n = this.pieces.length;
    if (offset < bases[0]) return -1;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bases[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  rangeOf(r: OffsetRange): Range {
    const start = Math.max(0, Math.min(r.start, this.textLength));
    const end = Math.max(0, Math.min(r.end, this.textLength));
    const k = this.pieceAt(start);
    // The end nearly always lies in the same piece: no second search.
    const sameK = k !== -1 && end >= start && (k === this.pieces.length || end < this.frame.bases[k + 1]);
    return { start: this.positionIn(k, start), end: this.positionIn(sameK ? k : this.pieceAt(end), end) };
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.textLength));
    return this.positionIn(this.pieceAt(o), o);
  }

  /** The position of offset `o` (within the text), which lies in piece `k` (`pieceAt`). */
  private positionIn(k: number, o: number): Position {
    if (k === -1) return this.headLines.positionAt(o);
    const local = o - this.frame.bases[k];
    const li = k === this.pieces.length ? this.tailLines : this.pieces[k].lines();
    const p = li.positionAt(local);
    return { line: this.frame.baseLines[k] + p.line, character: p.line === 0 ? this.frame.baseCols[k] + p.character : p.character };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    const f = this.frame;
    const n = this.pieces.length;
    const before = (k: number) => f.baseLines[k] < position.line || (f.baseLines[k] === position.line && f.baseCols[k] <= position.character);
    if (!before(0)) return this.headLines.offsetAt(position);
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (before(mid)) lo = mid;
      else hi = mid - 1;
    }
    const li = lo === n ? this.tailLines : this.pieces[lo].lines();
    const localLine = position.line - f.baseLines[lo];
    const character = localLine === 0 ? position.character - f.baseCols[lo] : position.character;
    return f.bases[lo] + li.offsetAt({ line: localLine, character });
  }

  get lineCount(): number {
    const n = this.pieces.length;
    return this.frame.baseLines[n] + countBreaks(this.layout.tail).breaks + 1;
  }

  // --- the pointer index

  /** Info of the split list itself (its key from the skeleton, its extent from the first and last items). */
  listInfo(): NodeInfo {
    if (this.arrayInfo) return this.arrayInfo;
    const f = this.frame;
    const n = this.pieces.length;
    let info: NodeInfo;
    if (this.format === 'json') {
      const sk = this.skeleton.doc.nodes.get(this.layout.array)!;
      info = nodeInfo(sk.key && this.fromSkeleton(sk.key), this.fromSkeleton(sk.value));
    } else {
      const value = { start: f.bases[0] + this.pieces[0].extent.start, end: f.bases[n - 1] + this.pieces[n - 1].extent.end };
      const sk = this.layout.array === '' ? undefined : this.skeleton.doc.nodes.get(this.layout.array);
      info = nodeInfo(sk?.key && this.fromSkeleton(sk.key), value);
    }
    this.arrayInfo = info;
    return info;
  }

  rootInfo(): NodeInfo {
    if (this.layout.array === '') return this.format === 'json' ? { value: this.fromSkeleton(this.skeleton.doc.nodes.get('')!.value) } : this.listInfo();
    const root = this.skeleton.doc.nodes.get('')!;
    const value = this.fromSkeleton(root.value);
    if (this.format === 'yaml') value.end = Math.max(value.end, this.listInfo().value.end);
    return { value };
  }

  /** Info for `pointer`, composed from the skeleton or an item. */
  lookup(pointer: string): NodeInfo | undefined {
    const a = this.layout.array;
    if (pointer === '') return this.rootInfo();
    if (pointer === a) return this.listInfo();
    if (pointer.startsWith(a) && pointer.charCodeAt(a.length) === 47 /* / */) {
      const rest = pointer.slice(a.length + 1);
      const slash = rest.indexOf('/');
      const seg = slash === -1 ? rest : rest.slice(0, slash);
      if (!isArrayIndex(seg)) return undefined;
      const k = Number(seg);
      if (k >= this.pieces.length) return undefined;
      const local = this.pieces[k].index().get(slash === -1 ? '' : rest.slice(slash));
      return local ? shiftInfo(local, this.frame.bases[k]) : undefined;
    }
    if (a === '') return undefined;
    const sk = this.skeleton.doc.nodes.get(pointer);
    if (!sk) return undefined;
    return nodeInfo(sk.key && this.fromSkeleton(sk.key), this.fromSkeleton(sk.value), sk.style, sk.source);
  }

  *entries(): IterableIterator<[string, NodeInfo]> {
    const a = this.layout.array;
    const items = function* (doc: ChunkedDocument): IterableIterator<[string, NodeInfo]> {
      for (let k = 0; k < doc.pieces.length; k++) {
        const prefix = `${a}/${k}`;
        const base = doc.frame.bases[k];
        for (const [p, info] of doc.pieces[k].index()) yield [prefix + p, shiftInfo(info, base)];
      }
    };
    if (a === '') {
      yield ['', this.rootInfo()];
      yield* items(this);
      return;
    }
    for (const [p] of this.skeleton.doc.nodes) {
      yield [p, this.lookup(p)!];
      if (p === a) yield* items(this);
    }
  }

  /** The first entry (in document order) that is a direct child of `pointer` and has a key. */
  firstChildKey(pointer: string): OffsetRange | undefined {
    for (const [p, info] of this.childrenOf(pointer)) {
      if (info.key && p.startsWith(`${pointer}/`) && p.indexOf('/', pointer.length + 1) === -1) return info.key;
    }
    return undefined;
  }

  /** Entries under `pointer` only (an item's own index when the pointer is inside an item). */
  private *childrenOf(pointer: string): IterableIterator<[string, NodeInfo]> {
    const a = this.layout.array;
    if (pointer.startsWith(`${a}/`)) {
      const rest = pointer.slice(a.length + 1);
      const seg = rest.split('/')[0];
      const k = Number(seg);
      if (isArrayIndex(seg) && k < this.pieces.length) {
        const prefix = `${a}/${k}`;
        const base = this.frame.bases[k];
        for (const [p, info] of this.pieces[k].index()) yield [prefix + p, shiftInfo(info, base)];
        return;
      }
    }
    yield* this.entries();
  }
}

/** The pointer index of a chunked document: a read-only Map view, composed on each lookup. */
class ChunkedNodes extends Map<string, NodeInfo> {
  constructor(private readonly doc: ChunkedDocument) {
    super();
  }

  override get(pointer: string): NodeInfo | undefined {
    return super.get(pointer) ?? this.doc.lookup(pointer);
  }

  override has(pointer: string): boolean {
    return super.has(pointer) || this.doc.lookup(pointer) !== undefined;
  }

  override get size(): number {
    let n = 0;
    for (const _ of this.doc.entries()) n++;
    return n;
  }

  override *entries(): MapIterator<[string, NodeInfo]> {
    yield* this.doc.entries();
  }

  override *keys(): MapIterator<string> {
    for (const [k] of this.doc.entries()) yield k;
  }

  override *values(): MapIterator<NodeInfo> {
    for (const [, v] of this.doc.entries()) yield v;
  }

  override [Symbol.iterator](): MapIterator<[string, NodeInfo]> {
    return this.entries();
  }

  override forEach(fn: (value: NodeInfo, key: string, map: Map<string, NodeInfo>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.doc.entries()) fn.call(thisArg, v, k, this);
  }

  /** Fast lookup of a missing key's place (see analyze's locateReport). */
  firstChildKey(pointer: string): OffsetRange | undefined {
    return this.doc.firstChildKey(pointer);
  }
}

/** Positions of a chunked document: per-piece line tables, never one for the whole text. */
class ChunkedLines extends LineIndex {
  constructor(private readonly doc: ChunkedDocument) {
    super('');
  }

  override get lineCount(): number {
    return this.doc.lineCount;
  }

  override positionAt(offset: number): Position {
    return this.doc.positionAt(offset);
  }

  override offsetAt(position: Position): number {
    return this.doc.offsetAt(position);
  }

  override rangeOf(r: OffsetRange): Range {
    return this.doc.rangeOf(r);
  }

  override lineText(line: number): string {
    if (line < 0 || line >= this.lineCount) return '';
    const start = this.doc.offsetAt({ line, character: 0 });
    const end = line + 1 < this.lineCount ? this.doc.offsetAt({ line: line + 1, character: 0 }) : this.doc.textLength;
    return this.doc.slice(start, end).replace(/\r?\n$|\r$/, '');
  }
}

// ------------------------------------------------------------------------------------------ building

function buildSkeleton(uri: string, layout: Layout, languageId?: string): Skeleton | undefined {
  if (layout.array === '' && layout.format === 'yaml') {
    // A root list: head and tail hold only blank lines and comments.
    if (/^[ \t]*[^\s#]/m.test(layout.head) || /^[ \t]*[^\s#]/m.test(layout.tail)) return undefined;
    const doc = parseDocument(uri, '[]', { precise: true, languageId: 'yaml' });
    return { doc, head: layout.head.length };
  }
  const text = layout.head + layout.tail;
  const doc = parseDocument(uri, text, { precise: true, languageId: languageId ?? layout.format });
  if (doc.syntaxFindings.length > 0 || doc.documentCount !== 1) return undefined;
  if (layout.format === 'yaml' && text.includes('*') && doc.yaml && hasAlias(doc.yaml.contents)) return undefined;
  const list = doc.nodes.get(layout.array);
  if (!list) return undefined;
  const value = layout.array === '' ? doc.value : (doc.value as Record<string, unknown> | undefined)?.[layout.array.slice(1).replace(/~1/g, '/').replace(/~0/g, '~')];
  if (layout.format === 'json' ? !(Array.isArray(value) && value.length === 0) : !(value === null && list.source === '')) return undefined;
  return { doc, head: layout.head.length };
}

function build(uri: string, text: string, layout: Layout, options: ChunkOptions): ChunkedDocument | undefined {
  const skeleton = buildSkeleton(uri, layout, options.languageId);
  if (!skeleton) return undefined;
  const cache = options.cache ?? new Map<string, Piece>();
  // The first text of a session (nothing cached) is kept whole by its document anyway: its items are
  // slices of it (a copy of a 15 MB catalog cost the open its allocation and the collector's copying),
  // and they are not put in the cache (which hashes each item's whole text) until an edit needs them
  // there (updateChunked). A later text is split into copies, so that it does not stay alive through a
  // few of its items once it is replaced.
  const first = cache.size === 0;
  const pieces: Piece[] = new Array(layout.starts.length);
  const n = layout.starts.length;
  for (let k = 0; k < n; k++) {
    const end = k + 1 < n ? layout.starts[k + 1] : layout.starts[k] + layout.contents[k];
    const piece = makePiece(layout.format, text.slice(layout.starts[k], end), layout.contents[k], first ? undefined : cache, options.lazyItems);
    if (piece === UNSAFE) return undefined;
    if (!options.lazyItems && piece.hasErrors && !options.allowLocalErrors) return undefined;
    pieces[k] = piece;
  }
  const { starts: _s, contents: _c, ...shape } = layout;
  return new ChunkedDocument(uri, text, layout.format, { ...shape, head: own(layout.head), tail: own(layout.tail) }, skeleton, pieces, cache);
}

/** Parse `text` on the fast path, or undefined when its layout does not allow it (parse precisely then). */
export function parseChunked(uri: string, text: string, format: DocumentFormat, options: ChunkOptions = {}): ChunkedDocument | undefined {
  const layout = format === 'json' ? jsonLayout(text, DEFAULT_LIMITS.maxDepth - 3) : yamlLayout(text);
  if (!layout) return undefined;
  return build(uri, text, layout, options);
}

export interface TextChange {
  /** Offsets in the previous text. */
  start: number;
  end: number;
  text: string;
}

/** The changed window of two texts: common prefix and suffix. */
export function diffWindow(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

/**
 * The next version of a chunked document. Only the items a change touches (and their neighbours, where
 * a change sits on a boundary) are split and parsed again; the others keep their piece. Changes in the
 * skeleton, or that change the layout, rebuild from the text (still reusing cached pieces).
 */
export function updateChunked(prev: ChunkedDocument, text: string | undefined, changes?: readonly TextChange[], options: ChunkOptions = {}): ChunkedDocument | undefined {
  const opts: ChunkOptions = { ...options, cache: prev.cache, allowLocalErrors: options.allowLocalErrors ?? true };
  // Without the new text, one change gives it (put together only if the fast update cannot be used).
  if (text === undefined && changes?.length !== 1) return undefined;
  const newText = (): string => text ?? prev.slice(0, changes![0].start) + changes![0].text + prev.slice(changes![0].end, prev.textLength);
  const cache = opts.cache!;
  /** The previous version's pieces `from`…`to`, found by their text from now on (see build). */
  const remember = (from: number, to: number) => {
    for (let k = from; k <= to; k++) if (!cache.has(prev.pieces[k].text)) cache.set(prev.pieces[k].text, prev.pieces[k]);
  };
  const full = () => {
    remember(0, prev.pieces.length - 1);
    return parseChunked(prev.uri, newText(), prev.format, opts);
  };
  // One window in previous-text offsets that covers every change.
  let window: TextChange;
  if (!changes || changes.length !== 1) window = diffWindow(prev.text, text!);
  else window = changes[0];
  const delta = window.text.length - (window.end - window.start);
  if (text !== undefined && prev.textLength + delta !== text.length) return full();
  if (window.start < 0 || window.end < window.start || window.end > prev.textLength) return undefined;
  const f = prev.frame;
  const n = prev.pieces.length;
  const itemsStart = f.bases[0];
  const itemsEnd = f.bases[n];
  if (window.start < itemsStart || window.end > itemsEnd) return full();
  let first = prev.pieceAt(window.start);
  let last = prev.pieceAt(Math.max(window.start, window.end - 1));
  if (first < 0 || last >= n) return full();
  // On a boundary, the neighbour may change too.
  if (window.start === f.bases[first] && first > 0) first--;
  if (window.end >= f.bases[last + 1] - (prev.format === 'json' ? 0 : 1) && last + 1 < n) last++;
  const from = f.bases[first];
  const to = f.bases[last + 1] + delta;
  // The region's new text from the old pieces and the change: slicing the new text instead would make
  // V8 flatten the whole (concatenated) text, a copy of the document on every edit.
  let region: string;
  if (changes && changes.length === 1) {
    let old = '';
    for (let k = first; k <= last; k++) old += prev.pieces[k].text;
    region = old.slice(0, window.start - from) + window.text + old.slice(window.end - from);
  } else region = newText().slice(from, to);
  if (region.length !== to - from) return full();
  const isLast = last === n - 1;
  const split = prev.format === 'json' ? splitJsonRegion(region, isLast) : splitYamlRegion(region, prev.layout.indent);
  if (!split) return full();
  // The pieces before and after the region are kept as they are; the region's are made (or found in the
  // cache) from its text.
  remember(first, last);
  const fresh: Piece[] = [];
  for (let k = 0; k < split.starts.length; k++) {
    const pieceText = region.slice(split.starts[k], k + 1 < split.starts.length ? split.starts[k + 1] : region.length);
    const piece = makePiece(prev.format, pieceText, split.contents[k], opts.cache, opts.lazyItems);
    if (piece === UNSAFE || (!opts.lazyItems && piece.hasErrors && !opts.allowLocalErrors)) return undefined;
    fresh.push(piece);
  }
  if (first + fresh.length + (n - last - 1) < 2) return full();
  let pieces: Piece[];
  if (fresh.length === last - first + 1) {
    pieces = prev.pieces.slice();
    for (let k = 0; k < fresh.length; k++) pieces[first + k] = fresh[k];
  } else pieces = prev.pieces.slice(0, first).concat(fresh, prev.pieces.slice(last + 1));
  return new ChunkedDocument(prev.uri, text, prev.format, prev.layout, prev.skeleton, pieces, prev.cache, { prev, first, count: fresh.length });
}

/** JSON: `value, value, … value` (and a trailing separator unless the region ends the list). */
function splitJsonRegion(region: string, endsList: boolean): { starts: number[]; contents: number[] } | undefined {
  const wrapped = `[${region}${endsList ? '' : 'null'}]`;
  const layout = jsonLayout(wrapped, DEFAULT_LIMITS.maxDepth - 3);
  if (!layout || layout.array !== '') {
    // Fewer than two values (jsonLayout wants two): one item alone.
    const body = region.trimEnd();
    if (endsList && body.length > 0 && !/,\s*$/.test(region)) {
      try {
        JSON.parse(body);
      } catch {
        return undefined;
      }
      return { starts: [0], contents: [body.length] };
    }
    return undefined;
  }
  const starts = layout.starts.map((s) => s - 1);
  const contents = [...layout.contents];
  if (!endsList) {
    starts.pop();
    contents.pop();
  }
  if (starts[0] !== 0) return undefined;
  return { starts, contents };
}

/** YAML: whole lines, the first a `-` item line in the list's column; nothing less indented. */
function splitYamlRegion(region: string, indent: number): { starts: number[]; contents: number[] } | undefined {
  const starts: number[] = [];
  let at = 0;
  while (at < region.length) {
    const nl = region.indexOf('\n', at);
    const end = nl === -1 ? region.length : nl + 1;
    const line = region.slice(at, nl === -1 ? region.length : nl);
    const li = indentOf(line);
    if (line[li] === '\t' || /\r(?!$)/.test(line)) return undefined;
    if (!isBlankOrComment(line, li)) {
      if (li < indent || (li === 0 && !isItemLine(line, 0))) return undefined;
      if (li === indent) {
        if (!isItemLine(line, li)) return undefined;
        starts.push(at);
      }
    } else if (starts.length === 0) return undefined;
    at = end;
  }
  if (starts.length === 0 || starts[0] !== 0) return undefined;
  const contents = starts.map((s, k) => (k + 1 < starts.length ? starts[k + 1] : region.length) - s);
  return { starts, contents };
}

/**
 * Edits since a version, as one window: `start`/`end` in that version's offsets, `newStart`/`newEnd`
 * the same region in the current text. Several edits merge into one window; its new text is sliced
 * from the current text only when it is used.
 */
export interface ChangeWindow {
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
}

/** `next` (offsets in the text after `prev`'s edits) folded into `prev`. */
export function mergeChange(prev: ChangeWindow | undefined, next: { start: number; end: number; length: number }): ChangeWindow {
  const after = next.start + next.length;
  if (!prev) return { start: next.start, end: next.end, newStart: next.start, newEnd: after };
  const newStart = Math.min(next.start, prev.newStart);
  const endBefore = Math.max(next.end, prev.newEnd);
  const start = next.start < prev.newStart ? next.start : prev.start;
  const end = next.end > prev.newEnd ? next.end - (prev.newEnd - prev.end) : prev.end;
  return { start, end, newStart, newEnd: endBefore + (next.length - (next.end - next.start)) };
}

/** The window as a change of the earlier text, with its new text taken from `text`. */
export function windowChange(w: ChangeWindow, text: string): TextChange {
  return { start: w.start, end: w.end, text: text.slice(w.newStart, w.newEnd) };
}
