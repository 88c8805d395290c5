// The pointer index of one item of a big document (chunked.ts), kept as numbers: the readers record
// about a hundred nodes per dataset, and a NodeInfo with two range objects per node, in a map by
// pointer, was most of what reading a 10,000-dataset catalog allocated and kept. Here a node is six
// numbers in one array and its segment (a key's name, a list item's number) in another; nodes are
// recorded in document order (a node before its children), each with its parent, so a lookup walks
// the tree segment by segment. Pointer strings and the map by pointer are made only when an item is
// looked into often (completion, hover, symbols); a NodeInfo when someone asks for it.

import type { NodeInfo, ScalarStyle } from './document';
import { escapeSegment, unescapeSegment } from './pointer';

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

/**
 * A node's segment below its parent: a key's name, a list item's number, or undefined for a JSON key
 * whose name is the text between its quotes (no escapes), read from the text when needed.
 */
export type Segment = string | number | undefined;

const FIELDS = 6;
const PARENT = 0;
const KEY_START = 1;
const KEY_END = 2;
const VALUE_START = 3;
const VALUE_END = 4;
const STYLE_CODE = 5;

/**
 * Lookups answered by a walk of the nodes before the map by pointer is made: most items of a catalog
 * are looked into a few times (to place a finding or two), which a walk answers for less than making
 * the pointers and the map.
 */
const WALKS_BEFORE_MAP = 16;

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

export class CompactIndex implements PointerIndex {
  /** Per node: parent, key start and end (-1 when the node is not a key's value), value start and end, style code. */
  private readonly data: number[] = [];
  private readonly segments: Segment[] = [];
  /** Nodes recorded with no parent: each has the pointer '' (the last one recorded answers for it). */
  private readonly roots: number[] = [];
  /** Per node, its pointer, and pointer → node as a Map would hold them (first place, last node); made on demand. */
  private pointers?: string[];
  private byPointer?: Map<string, number>;
  private walks = 0;

  /** `text`: the item's text; a scalar's source is the text of its value range. */
  constructor(private readonly text: string) {}

  /**
   * Records a node (`style`: a STYLE code) and returns its number, for `setValueEnd` and as the parent
   * of its children. `keyStart` is -1 when the node is not a key's value.
   */
  add(parent: number, segment: Segment, keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, style: number): number {
    const node = this.segments.length;
    this.data.push(parent, keyStart, keyEnd, valueStart, valueEnd, style);
    this.segments.push(segment);
    if (parent === ROOT) this.roots.push(node);
    if (this.byPointer) {
      const pointer = this.pointerOf(node);
      this.pointers!.push(pointer);
      this.byPointer.set(pointer, node);
    }
    return node;
  }

  /** A collection's end, known once its entries are read. */
  setValueEnd(node: number, end: number): void {
    this.data[node * FIELDS + VALUE_END] = end;
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

  private find(pointer: string): number | undefined {
    if (this.byPointer || ++this.walks > WALKS_BEFORE_MAP) return this.nodes().get(pointer);
    const segments = pointer === '' ? [] : pointer.slice(1).split('/').map(unescapeSegment);
    const numbers = segments.map((s) => (ARRAY_INDEX.test(s) ? Number(s) : -1));
    let best = -1;
    for (const root of this.roots) best = Math.max(best, this.search(root, segments, numbers, 0));
    return best === -1 ? undefined : best;
  }

  /**
   * The last node (in recording order) below `node` whose path from it is `segments[depth..]`: as a Map
   * filled in recording order would answer, also when a key was written twice (each of its values may
   * hold part of what is looked for).
   */
  private search(node: number, segments: readonly string[], numbers: readonly number[], depth: number): number {
    if (depth === segments.length) return node;
    const d = this.data;
    const count = this.segments.length;
    let best = -1;
    // The subtree of `node` is the run of nodes after it whose parents are `node` or later nodes.
    for (let j = node + 1; j < count; j++) {
      const parent = d[j * FIELDS + PARENT];
      if (parent < node) break;
      if (parent === node && this.matches(j, segments[depth], numbers[depth])) best = Math.max(best, this.search(j, segments, numbers, depth + 1));
    }
    return best;
  }

  private matches(node: number, segment: string, number: number): boolean {
    const s = this.segments[node];
    if (typeof s === 'string') return s === segment;
    if (typeof s === 'number') return s === number;
    const start = this.data[node * FIELDS + KEY_START] + 1;
    return this.data[node * FIELDS + KEY_END] - 1 - start === segment.length && this.text.startsWith(segment, start);
  }

  private nameOf(node: number): string {
    const s = this.segments[node];
    if (typeof s === 'string') return s;
    if (typeof s === 'number') return String(s);
    return this.text.slice(this.data[node * FIELDS + KEY_START] + 1, this.data[node * FIELDS + KEY_END] - 1);
  }

  /** A node's pointer, from its parent's (made already: parents are recorded first). */
  private pointerOf(node: number): string {
    const parent = this.data[node * FIELDS + PARENT];
    return parent === ROOT ? '' : `${this.pointers![parent]}/${escapeSegment(this.nameOf(node))}`;
  }

  private nodes(): Map<string, number> {
    if (!this.byPointer) {
      const count = this.segments.length;
      this.pointers = [];
      const map = new Map<string, number>();
      for (let node = 0; node < count; node++) {
        const pointer = this.pointerOf(node);
        this.pointers.push(pointer);
        map.set(pointer, node);
      }
      this.byPointer = map;
    }
    return this.byPointer;
  }

  /** The node's NodeInfo, shaped as the precise parser writes it. */
  private info(node: number): NodeInfo {
    const d = this.data;
    const i = node * FIELDS;
    const value = { start: d[i + VALUE_START], end: d[i + VALUE_END] };
    const out: NodeInfo = d[i + KEY_START] >= 0 ? { key: { start: d[i + KEY_START], end: d[i + KEY_END] }, value } : { value };
    const style = STYLES[d[i + STYLE_CODE]];
    if (style !== undefined) {
      out.style = style;
      out.source = this.text.slice(value.start, value.end);
    }
    return out;
  }
}
