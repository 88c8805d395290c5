// The numbers-only pointer index of big documents' items (compactIndex.ts) behaves as the
// Map<string, NodeInfo> it replaced: same entries, order and shapes, whether a lookup walks the nodes
// or the map by pointer answers it, and whenever that map is made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactIndex, ROOT, STYLE, type Segment } from '../../server/src/core/compactIndex';
import type { NodeInfo } from '../../server/src/core/document';
import { escapeSegment } from '../../server/src/core/pointer';
import { seededRandom } from '../helpers/random';

const TEXT = '{"a": [1, "x"], "b": {}, "c~/d": 2}';

/** The same nodes recorded in a CompactIndex and in a Map, `lookEarly` asking the index before the last ones. */
function both(lookEarly: boolean): { index: CompactIndex; map: Map<string, NodeInfo> } {
  const index = new CompactIndex(TEXT);
  const map = new Map<string, NodeInfo>();
  const root = index.add(ROOT, undefined, -1, -1, 0, 0, STYLE.collection);
  // A JSON key named by its text (no segment given), a list, its items by number.
  const a = index.add(root, undefined, 1, 4, 6, 6, STYLE.collection);
  index.add(a, 0, -1, -1, 7, 8, STYLE.json);
  index.add(a, 1, -1, -1, 10, 13, STYLE.json);
  index.setValueEnd(a, 14);
  if (lookEarly) assert.equal(index.has('/a/1'), true);
  index.add(root, 'b', 16, 19, 21, 23, STYLE.collection);
  // A key that needs escaping in a pointer.
  index.add(root, 'c~/d', 25, 31, 33, 34, STYLE.json);
  // A key written twice: the first place, the last node (Map.set).
  const a2 = index.add(root, 'a', 1, 4, 6, 14, STYLE.collection);
  index.add(a2, 0, -1, -1, 7, 8, STYLE.plain);
  index.setValueEnd(root, 35);
  map.set('', { value: { start: 0, end: 35 } });
  map.set('/a', { key: { start: 1, end: 4 }, value: { start: 6, end: 14 } });
  map.set('/a/0', { value: { start: 7, end: 8 }, style: 'plain', source: '1' });
  map.set('/a/1', { value: { start: 10, end: 13 }, style: 'json', source: '"x"' });
  map.set('/b', { key: { start: 16, end: 19 }, value: { start: 21, end: 23 } });
  map.set('/c~0~1d', { key: { start: 25, end: 31 }, value: { start: 33, end: 34 }, style: 'json', source: '2' });
  return { index, map };
}

for (const lookEarly of [false, true]) {
  test(`compact index = Map of NodeInfo (looked into ${lookEarly ? 'before' : 'after'} the last nodes)`, () => {
    // Walks first (a fresh index per question), then the map by pointer.
    for (const p of both(lookEarly).map.keys()) {
      const { index, map } = both(lookEarly);
      assert.deepEqual(index.get(p), map.get(p), `walk to ${p}`);
    }
    const { index, map } = both(lookEarly);
    assert.equal(index.get('/c'), undefined);
    assert.equal(index.has('/a/2'), false);
    assert.equal(index.has('/b/0'), false);
    assert.deepEqual([...index], [...map]);
    assert.deepEqual([...index.keys()], [...map.keys()]);
    assert.equal(index.size, map.size);
    for (const p of map.keys()) assert.deepEqual(index.get(p), map.get(p));
    // Shapes as the precise parser writes them: no `key` on list items, no style on collections.
    assert.equal(JSON.stringify(index.get('/a/1')), JSON.stringify(map.get('/a/1')));
    assert.equal(JSON.stringify(index.get('/a')), JSON.stringify(map.get('/a')));
  });
}

test('compact index: walks and the map answer as a Map filled in recording order (random trees, keys written twice)', () => {
  const rand = seededRandom(11);
  const names = ['a', 'b', '0', '1', 'x/y', '~'];
  for (let round = 0; round < 300; round++) {
    const index = new CompactIndex('x'.repeat(1000));
    const model = new Map<string, number>();
    const pointers: string[] = [];
    const asked: string[] = [];
    // Nodes in document order: each new node's parent is the last node or one of its ancestors.
    const path: number[] = [];
    const count = 1 + rand(40);
    for (let node = 0; node < count; node++) {
      while (path.length && rand(3) === 0) path.pop();
      const parent = path.length ? path[path.length - 1] : ROOT;
      const byNumber = rand(2) === 0;
      const segment: Segment = parent === ROOT ? undefined : byNumber ? rand(3) : names[rand(names.length)];
      const pointer = parent === ROOT ? '' : `${pointers[parent]}/${escapeSegment(String(segment))}`;
      const start = rand(500);
      assert.equal(index.add(parent, segment, -1, -1, start, start + 1, STYLE.plain), node);
      pointers.push(pointer);
      model.set(pointer, start);
      path.push(node);
      if (rand(8) === 0) asked.push(pointers[rand(pointers.length)]);
    }
    // Lookups while recording are made again at the end (the model is final only then).
    for (const p of [...asked, ...pointers, '/zz', '/a/zz', '/5']) {
      assert.equal(index.get(p)?.value.start, model.get(p), `round ${round}: ${p}`);
      assert.equal(index.has(p), model.has(p), `round ${round}: has ${p}`);
    }
    assert.deepEqual([...index.keys()], [...model.keys()], `round ${round}`);
  }
});
