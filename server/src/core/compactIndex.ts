// The pointer index of one item of a big document (chunked.ts), kept as numbers: the readers record
// about a hundred nodes per dataset, and a NodeInfo with two range objects per node, in a map by
// pointer, was most of what reading a 10,000-dataset catalog allocated and kept. Here a node is five
// 32-bit numbers in one typed array (outside the collected heap: the collector neither scans nor moves
// it), recorded in document order (a node before its children) with its parent; a key is named by its
// text (inside its quotes) unless the reader gave another name, a list item by its place among its siblings. A lookup walks
// the tree segment by segment; pointer strings and a map by pointer are made only for an item looked
// into often (completion, hover, symbols), a NodeInfo when someone asks for it.

import type { NodeInfo, ScalarStyle } from './document';
import { escapeSegment, isArrayIndex, unescapeSegment } from './pointer';

/** What the index of an item offers (a `Map<string, NodeInfo>` is one too). */
export interface PointerIndex {
  get(pointer: string): NodeInfo | undefined;
  has(pointer: string): boolean;
  readonly size: number;
  keys(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, NodeInfo]>;
}

/** Style codes, as the readers record them; 0: a collection (no style, no source). */
const STYLES: readonly (ScalarStyle | undefined)[] = [undefined, 'plain', 'single-quoted', 'double-quoted', 'block', 'json'];
export const STYLE = { collection: 0, plain: 1, singleQuoted: 2, doubleQuoted: 3, block: 4, json: 5 } as const;

/** The parent of a root node (the item itself). */
export const ROOT = -1;

const FIELDS = 5;
const KEY_START = 0;
const KEY_END = 1;
const VALUE_START = 2;
const VALUE_END = 3;
/** (parent + 1) × 8 + style code. */
const PARENT_STYLE = 4;

/**
 * Lookups answered by a walk of the nodes before the map by pointer is made: most items of a catalog
 * are looked into a few times (to place a finding or two), which a walk answers for less than making
 * the pointers and the map.
 */
const WALKS_BEFORE_MAP = 16;

/** Where readers record (one item at a time, synchronously); each index keeps an exact copy. */
let scratch = new Int32Array(1 << 14);
let scratchOwner: CompactIndex | undefined;

export class CompactIndex implements PointerIndex {
  /** The nodes, once `finish` is called; until then they are in `scratch`. */
  private data?: Int32Array;
  private count = 0;
  /** Nodes recorded with no parent (one, the item, unless it was recorded twice): where walks start. */
  private readonly roots: number[] = [];
  /** Names given by the reader (a key whose name is not its text), by node. */
  private names?: Map<number, string>;
  /** Per node, its pointer, and pointer → node as a Map would hold them (first place, last node); made on demand. */
  private byPointer?: Map<string, number>;
  private walks = 0;

  /** `text`: the item's text; a scalar's source is the text of its value range. */
  constructor(private readonly text: string) {
    scratchOwner = this;
  }

  /**
   * Records a node and returns its number, for `setValueEnd` and as the parent of its children.
   * `keyStart` is -1 when the node is not a key's value (a list item, the root); `name` is given only
   * when the key's name is not its text (inside its quotes, if quoted); `style` is a STYLE code.
   */
  add(parent: number, name: string | undefined, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, style: number): number {
    if (scratchOwner !== this) throw new Error('CompactIndex: one index is recorded at a time, and none after finish()');
    const node = this.count++;
    const at = node * FIELDS;
    if (at + FIELDS > scratch.length) {
      const bigger = new Int32Array(scratch.length * 2);
      bigger.set(scratch);
      scratch = bigger;
    }
    scratch[at + KEY_START] = keyStart;
    scratch[at + KEY_END] = keyEnd;
    scratch[at + VALUE_START] = valueStart;
    scratch[at + VALUE_END] = valueEnd;
    scratch[at + PARENT_STYLE] = (parent + 1) * 8 + style;
    if (name !== undefined) (this.names ??= new Map()).set(node, name);
    if (parent === ROOT) this.roots.push(node);
    return node;
  }

  /** A collection's end, known once its entries are read. */
  setValueEnd(node: number, end: number): void {
    if (scratchOwner !== this) throw new Error('CompactIndex: one index is recorded at a time, and none after finish()');
    scratch[node * FIELDS + VALUE_END] = end;
  }

  /** The recording is complete: the index keeps its own copy of the nodes. */
  finish(): this {
    if (scratchOwner !== this) throw new Error('CompactIndex: one index is recorded at a time, and none after finish()');
    this.data = scratch.slice(0, this.count * FIELDS);
    scratchOwner = undefined;
    return this;
  }

  get(pointer: string): NodeInfo | undefined {
    const node = this.find(pointer);
    return node === undefined ? undefined : this.info(node);
  }

  has(pointer: string): boolean {
    return this.find(pointer) !== undefined;
  }

  get size(): number {
    return this.nodes().size;
  }

  keys(): IterableIterator<string> {
    return this.nodes().keys();
  }

  *[Symbol.iterator](): IterableIterator<[string, NodeInfo]> {
    for (const [pointer, node] of this.nodes()) yield [pointer, this.info(node)];
  }

  private nodeData(): Int32Array {
    if (!this.data) throw new Error('CompactIndex: looked into before finish()');
    return this.data;
  }

  private parentOf(d: Int32Array, node: number): number {
    return (d[node * FIELDS + PARENT_STYLE] >> 3) - 1;
  }

  private find(pointer: string): number | undefined {
    if (this.byPointer || ++this.walks > WALKS_BEFORE_MAP) return this.nodes().get(pointer);
    const d = this.nodeData();
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
    const numbers = segments.map((s) => (isArrayIndex(s) ? Number(s) : -1));
    let best = -1;
    for (const root of this.roots) best = Math.max(best, this.search(d, root, segments, numbers, 0));
    return best === -1 ? undefined : best;
  }

  /**
   * The last node (in recording order) below `node` whose path from it is `segments[depth..]`: as a Map
   * filled in recording order would answer, also when a key was written twice (each of its values may
   * hold part of what is looked for).
   */
  private search(d: Int32Array, node: number, segments: readonly string[], numbers: readonly number[], depth: number): number {
    if (depth === segments.length) return node;
    let best = -1;
    let ordinal = 0;
    // The subtree of `node` is the run of nodes after it whose parents are `node` or later nodes.
    for (let j = node + 1; j < this.count; j++) {
      const parent = this.parentOf(d, j);
      if (parent < node) break;
      if (parent !== node) continue;
      const keyStart = d[j * FIELDS + KEY_START];
      const matches = keyStart === -1 ? ordinal++ === numbers[depth] : this.keyIs(d, j, segments[depth]);
      if (matches) best = Math.max(best, this.search(d, j, segments, numbers, depth + 1));
    }
    return best;
  }

  private keyIs(d: Int32Array, node: number, name: string): boolean {
    const given = this.names?.get(node);
    if (given !== undefined) return given === name;
    const q = this.quoteWidth(d, node);
    const start = d[node * FIELDS + KEY_START] + q;
    return d[node * FIELDS + KEY_END] - q - start === name.length && this.text.startsWith(name, start);
  }

  /** 1 when the key is written in quotes (JSON's always; a plain key never starts with one). */
  private quoteWidth(d: Int32Array, node: number): number {
    const c = this.text.charCodeAt(d[node * FIELDS + KEY_START]);
    return c === 34 /* " */ || c === 39 /* ' */ ? 1 : 0;
  }

  private keyName(d: Int32Array, node: number): string {
    const given = this.names?.get(node);
    if (given !== undefined) return given;
    const q = this.quoteWidth(d, node);
    return this.text.slice(d[node * FIELDS + KEY_START] + q, d[node * FIELDS + KEY_END] - q);
  }

  private nodes(): Map<string, number> {
    if (!this.byPointer) {
      const d = this.nodeData();
      const pointers: string[] = new Array(this.count);
      const children = new Int32Array(this.count);
      const map = new Map<string, number>();
      for (let node = 0; node < this.count; node++) {
        const parent = this.parentOf(d, node);
        let pointer = '';
        if (parent !== ROOT) {
          const ordinal = children[parent]++;
          const segment = d[node * FIELDS + KEY_START] === -1 ? String(ordinal) : escapeSegment(this.keyName(d, node));
          pointer = `${pointers[parent]}/${segment}`;
        }
        pointers[node] = pointer;
        map.set(pointer, node);
      }
      this.byPointer = map;
    }
    return this.byPointer;
  }

  /** The node's NodeInfo, shaped as the precise parser writes it. */
  private info(node: number): NodeInfo {
    const d = this.nodeData();
    const i = node * FIELDS;
    const value = { start: d[i + VALUE_START], end: d[i + VALUE_END] };
    const out: NodeInfo = d[i + KEY_START] >= 0 ? { key: { start: d[i + KEY_START], end: d[i + KEY_END] }, value } : { value };
    const style = STYLES[d[i + PARENT_STYLE] & 7];
    if (style !== undefined) {
      out.style = style;
      out.source = this.text.slice(value.start, value.end);
    }
    return out;
  }
}
