// Document symbols (the outline): a tree built from the parsed document's value and pointer index. Keys
// are named by the key, list items by their `name`/`title`/`identifier` (else `[i]`); the detail is the
// value's kind or a short form of the scalar. Pure: plain data shaped like LSP's DocumentSymbol.
//
// Huge documents (a data.json with thousands of datasets) are capped: a depth limit, a limit on the
// children listed per node (the rest summarised in the parent's detail) and on the total number of symbols.

import type { ParsedDocument } from './document';
import { joinPointer } from './pointer';
import type { Range } from './types';

/** LSP SymbolKind values used here. */
export const SymbolKinds = { Module: 2, String: 15, Number: 16, Boolean: 17, Array: 18, Object: 19, Null: 21 } as const;

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: (typeof SymbolKinds)[keyof typeof SymbolKinds];
  range: Range;
  selectionRange: Range;
  children?: OutlineSymbol[];
}

export interface SymbolLimits {
  /** Levels below the root that are listed. */
  maxDepth: number;
  /** Children listed per object or list. */
  maxChildren: number;
  /** Symbols in the whole tree. */
  maxSymbols: number;
}

export const DEFAULT_SYMBOL_LIMITS: SymbolLimits = { maxDepth: 8, maxChildren: 500, maxSymbols: 5000 };

const NAME_KEYS = ['name', 'title', 'identifier'] as const;
const DETAIL_CHARS = 60;

export function documentSymbols(doc: ParsedDocument, limits: Partial<SymbolLimits> = {}): OutlineSymbol[] {
  const lim = { ...DEFAULT_SYMBOL_LIMITS, ...limits };
  let budget = lim.maxSymbols;
  const value = doc.value;
  if (!value || typeof value !== 'object') return [];

  // Breadth first, so that the budget goes to the upper levels (all datasets before their keywords).
  const root: OutlineSymbol[] = [];
  const queue: { v: object; pointer: string; depth: number; into: OutlineSymbol[]; owner?: OutlineSymbol }[] = [{ v: value, pointer: '', depth: 1, into: root }];
  for (let q = 0; q < queue.length; q++) {
    const { v, pointer, depth, into, owner } = queue[q];
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [seg, child] of entries) {
      if (into.length >= lim.maxChildren || budget <= 0) break;
      const childPointer = joinPointer(pointer, seg);
      const s = symbol(child, childPointer, seg);
      if (!s) continue;
      budget--;
      into.push(s);
      if (child && typeof child === 'object' && !(child instanceof Date) && depth < lim.maxDepth) {
        s.children = [];
        queue.push({ v: child, pointer: childPointer, depth: depth + 1, into: s.children, owner: s });
      }
    }
    if (owner) {
      const total = entries.length;
      if (into.length === 0) delete owner.children;
      if (into.length < total) owner.detail = `${owner.detail} (${into.length} of ${total} shown)`;
    }
  }
  return root;

  function symbol(v: unknown, pointer: string, seg: string | number): OutlineSymbol | undefined {
    const info = doc.nodes.get(pointer);
    if (!info) return undefined;
    const selection = info.key ?? info.value;
    const start = Math.min(selection.start, info.value.start);
    const end = Math.max(selection.end, info.value.end);
    const s: OutlineSymbol = {
      name: typeof seg === 'number' ? itemName(v, seg) : seg === '' ? '""' : seg,
      kind: kindOf(v),
      range: doc.rangeOf({ start, end }),
      selectionRange: doc.rangeOf(selection),
    };
    const detail = detailOf(v);
    if (detail) s.detail = detail;
    return s;
  }
}

function itemName(v: unknown, i: number): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const k of NAME_KEYS) {
      const n = (v as Record<string, unknown>)[k];
      if (typeof n === 'string' && n.trim()) return `[${i}] ${short(n.trim())}`;
    }
  }
  return `[${i}]`;
}

function kindOf(v: unknown): OutlineSymbol['kind'] {
  if (Array.isArray(v)) return SymbolKinds.Array;
  if (v === null || v === undefined) return SymbolKinds.Null;
  if (v instanceof Date) return SymbolKinds.String;
  switch (typeof v) {
    case 'object':
      return SymbolKinds.Object;
    case 'number':
    case 'bigint':
      return SymbolKinds.Number;
    case 'boolean':
      return SymbolKinds.Boolean;
    default:
      return SymbolKinds.String;
  }
}

function detailOf(v: unknown): string {
  if (Array.isArray(v)) return `list of ${v.length}`;
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const n = Object.keys(v).length;
    return `object, ${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  return short(String(v));
}

function short(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > DETAIL_CHARS ? `${one.slice(0, DETAIL_CHARS - 1)}…` : one;
}
