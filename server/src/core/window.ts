// Editor features on big documents without touching the whole text: completion and hover look at the
// item under the cursor (plus the skeleton around it), never at the other items.
//
// - `completionWindow`: a small document made of the head, the item and the tail. Completion parses its
//   text (with a placeholder at the cursor), so it must be small; its offsets and positions are
//   translated to and from the real document, so ranges come out right. Inside it the item is the list's
//   first entry (`/dataset/0/…`), which changes nothing for a schema whose items all have one schema
//   (the fast path's schema split requires that).
// - `hoverView`: the real document (real pointers, value and positions) with an index restricted to the
//   skeleton and the item under the cursor: hover's lookup then scans one item, not all of them.

import type { ChunkedDocument } from './chunked';
import { parseDocument, type NodeInfo, type ParsedDocument } from './document';
import { LineIndex } from './lineIndex';
import type { OffsetRange, Position, Range } from './types';

function itemFor(doc: ChunkedDocument, offset: number): number {
  const k = doc.pieceAt(offset);
  return Math.max(0, Math.min(doc.pieces.length - 1, k));
}

export function completionWindow(doc: ChunkedDocument, position: Position): ParsedDocument {
  const realOffset = doc.offsetAt(position);
  const k = itemFor(doc, realOffset);
  const piece = doc.pieces[k];
  const f = doc.frame;
  const head = doc.layout.head;
  const tail = doc.layout.tail;
  const base = f.bases[k];
  const content = doc.format === 'json' ? piece.text.slice(0, piece.content) : piece.text;
  // JSON: put the item in its own column so that its first line keeps its characters' positions.
  const gap = f.headTailColumn === f.baseCols[k] && (doc.format === 'yaml' || k === 0) ? '' : `\n${' '.repeat(f.baseCols[k])}`;
  const itemAt = head.length + gap.length;
  const tailAt = itemAt + content.length;
  const realTail = f.bases[doc.pieces.length];
  const text = head + gap + content + tail;
  const inner = parseDocument(doc.uri, text, { precise: true, languageId: doc.format });

  const toWindow = (o: number): number => {
    if (o < head.length) return o;
    if (o >= base && o <= base + content.length) return itemAt + (o - base);
    if (o >= realTail) return tailAt + (o - realTail);
    return o < base ? itemAt : tailAt;
  };
  const toReal = (w: number): number => {
    if (w < head.length) return w;
    if (w < itemAt) return base;
    if (w <= tailAt) return base + (w - itemAt);
    return realTail + (w - tailAt);
  };
  const positionAt = (w: number): Position => doc.positionAt(toReal(w));
  const offsetAt = (p: Position): number => toWindow(doc.offsetAt(p));
  const rangeOf = (r: OffsetRange): Range => ({ start: positionAt(r.start), end: positionAt(r.end) });
  const lines = new (class extends LineIndex {
    override get lineCount(): number {
      return doc.lines.lineCount;
    }
    override positionAt(o: number): Position {
      return positionAt(o);
    }
    override offsetAt(p: Position): number {
      return offsetAt(p);
    }
    override rangeOf(r: OffsetRange): Range {
      return rangeOf(r);
    }
    override lineText(line: number): string {
      return doc.lines.lineText(line);
    }
  })('');
  return { ...inner, lines, positionAt, offsetAt, rangeOf };
}

export function hoverView(doc: ChunkedDocument, position: Position): ParsedDocument {
  const k = itemFor(doc, doc.offsetAt(position));
  const list = doc.layout.array;
  const nodes = new Map<string, NodeInfo>();
  for (const [p, info] of doc.skeleton.doc.nodes) {
    const real = doc.lookup(p);
    if (real) nodes.set(p, real);
  }
  nodes.set(list, doc.listInfo());
  nodes.set('', doc.rootInfo());
  const base = doc.frame.bases[k];
  for (const [p, info] of doc.pieces[k].index()) {
    nodes.set(`${list}/${k}${p}`, { ...info, ...(info.key ? { key: { start: info.key.start + base, end: info.key.end + base } } : {}), value: { start: info.value.start + base, end: info.value.end + base } });
  }
  return Object.create(doc, { nodes: { value: nodes, enumerable: true } }) as ParsedDocument;
}
