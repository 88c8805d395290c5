// The pointer index of one item of a big document (chunked.ts), kept as numbers: the readers record
// about a hundred nodes per dataset, and a NodeInfo with two range objects per node, in a map by
// pointer, was most of what reading a 10,000-dataset catalog allocated and kept. Here a node is five
// numbers in one array and its pointer in another; the map by pointer is made on the first lookup
// (an item nobody looks into never has one), and a NodeInfo when someone asks for it.

import type { NodeInfo, ScalarStyle } from './document';
import type { OffsetRange } from './types';

/** What the index of an item offers (a `Map<string, NodeInfo>` is one too). */
export interface PointerIndex {
  get(pointer: string): NodeInfo | undefined;
  has(pointer: string): boolean;
  readonly size: number;
  keys(): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<[string, NodeInfo]>;
}

/** Style codes; 0: a collection (no style, no source). */
const STYLES: readonly (ScalarStyle | undefined)[] = [undefined, 'plain', 'single-quoted', 'double-quoted', 'block', 'json'];
const STYLE_CODE = new Map<ScalarStyle, number>(STYLES.flatMap((s, i) => (s ? [[s, i] as [ScalarStyle, number]] : [])));
const FIELDS = 5;
/**
 * Lookups answered by a scan of the pointers before the map is made: most items of a catalog are
 * looked into a few times (to place a finding or two), which a scan of ~100 pointers answers for less
 * than making a map of them.
 */
const SCANS_BEFORE_MAP = 16;

export class CompactIndex implements PointerIndex {
  /** Per node: key start and end (-1 when the node is not a key's value), value start and end, style code. */
  private readonly data: number[] = [];
  /** Per node: its pointer. */
  private readonly pointers: string[] = [];
  /** Deletions before the map was made: the pointer, and how many nodes had been recorded then. */
  private removed?: { pointer: string; at: number }[];
  /** Pointer → node, as a Map would hold them (a pointer recorded twice keeps its first place and its last node). */
  private byPointer?: Map<string, number>;
  private scans = 0;

  /** `text`: the item's text; a scalar's source is the text of its value range. */
  constructor(private readonly text: string) {}

  /** Records a node (a scalar when `style` is given) and returns its number, for `setValueEnd`. */
  add(pointer: string, key: OffsetRange | undefined, valueStart: number, valueEnd: number, style?: ScalarStyle): number {
    const node = this.pointers.length;
    this.data.push(key ? key.start : -1, key ? key.end : -1, valueStart, valueEnd, style ? STYLE_CODE.get(style)! : 0);
    this.pointers.push(pointer);
    this.byPointer?.set(pointer, node);
    return node;
  }

  /** A collection's end, known once its entries are read. */
  setValueEnd(node: number, end: number): void {
    this.data[node * FIELDS + 3] = end;
  }

  delete(pointer: string): void {
    if (this.byPointer) this.byPointer.delete(pointer);
    else (this.removed ??= []).push({ pointer, at: this.pointers.length });
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
    if (this.byPointer || ++this.scans > SCANS_BEFORE_MAP) return this.nodes().get(pointer);
    // The last recording of the pointer, unless it was deleted after that recording.
    const node = this.pointers.lastIndexOf(pointer);
    if (node === -1 || this.removed?.some((r) => r.pointer === pointer && r.at > node)) return undefined;
    return node;
  }

  private nodes(): Map<string, number> {
    if (!this.byPointer) {
      // The recordings and deletions replayed in their order.
      const map = new Map<string, number>();
      const removed = this.removed ?? [];
      let r = 0;
      for (let node = 0; node <= this.pointers.length; node++) {
        for (; r < removed.length && removed[r].at === node; r++) map.delete(removed[r].pointer);
        if (node < this.pointers.length) map.set(this.pointers[node], node);
      }
      this.byPointer = map;
      this.removed = undefined;
    }
    return this.byPointer;
  }

  /** The node's NodeInfo, shaped as the precise parser writes it. */
  private info(node: number): NodeInfo {
    const d = this.data;
    const i = node * FIELDS;
    const value = { start: d[i + 2], end: d[i + 3] };
    const out: NodeInfo = d[i] >= 0 ? { key: { start: d[i], end: d[i + 1] }, value } : { value };
    const style = STYLES[d[i + 4]];
    if (style !== undefined) {
      out.style = style;
      out.source = this.text.slice(value.start, value.end);
    }
    return out;
  }
}
