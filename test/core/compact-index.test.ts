// The numbers-only pointer index of big documents' items (compactIndex.ts) behaves as the
// Map<string, NodeInfo> it replaced: same entries, order and shapes, whenever its map is first made.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactIndex } from '../../server/src/core/compactIndex';
import type { NodeInfo } from '../../server/src/core/document';
import { seededRandom } from '../helpers/random';

const TEXT = '{"a": [1, "x"], "b": {}}';

/** The same nodes recorded in a CompactIndex and in a Map, `lookEarly` asking the index before the last ones. */
function both(lookEarly: boolean): { index: CompactIndex; map: Map<string, NodeInfo> } {
  const index = new CompactIndex(TEXT);
  const map = new Map<string, NodeInfo>();
  const root = index.add('', undefined, 0, 0);
  const a = index.add('/a', { start: 1, end: 4 }, 6, 6);
  index.add('/a/0', undefined, 7, 8, 'json');
  index.add('/a/1', undefined, 10, 13, 'json');
  index.setValueEnd(a, 14);
  if (lookEarly) assert.equal(index.has('/a/1'), true);
  index.add('/b', { start: 16, end: 19 }, 21, 23);
  // A key written twice: the first place, the last node (Map.set).
  index.add('/a/0', undefined, 7, 8, 'plain');
  index.setValueEnd(root, 24);
  map.set('', { value: { start: 0, end: 24 } });
  map.set('/a', { key: { start: 1, end: 4 }, value: { start: 6, end: 14 } });
  map.set('/a/0', { value: { start: 7, end: 8 }, style: 'plain', source: '1' });
  map.set('/a/1', { value: { start: 10, end: 13 }, style: 'json', source: '"x"' });
  map.set('/b', { key: { start: 16, end: 19 }, value: { start: 21, end: 23 } });
  return { index, map };
}

for (const lookEarly of [false, true]) {
  test(`compact index = Map of NodeInfo (map made ${lookEarly ? 'before' : 'after'} the last nodes)`, () => {
    const { index, map } = both(lookEarly);
    assert.deepEqual([...index], [...map]);
    assert.deepEqual([...index.keys()], [...map.keys()]);
    assert.equal(index.size, map.size);
    for (const p of map.keys()) assert.deepEqual(index.get(p), map.get(p));
    assert.equal(index.get('/c'), undefined);
    assert.equal(index.has('/c'), false);
    // Shapes as the precise parser writes them: no `key` on list items, no style on collections.
    assert.equal(JSON.stringify(index.get('/a/1')), JSON.stringify(map.get('/a/1')));
    assert.equal(JSON.stringify(index.get('/a')), JSON.stringify(map.get('/a')));
  });
}

test('compact index: a deleted pointer is gone, before or after the map is made', () => {
  const early = new CompactIndex('[]');
  early.add('#list', undefined, 0, 2);
  early.add('', undefined, 0, 2);
  early.delete('#list');
  assert.deepEqual([...early.keys()], ['']);
  const late = new CompactIndex('[]');
  late.add('#list', undefined, 0, 2);
  assert.equal(late.size, 1);
  late.delete('#list');
  late.add('', undefined, 0, 2);
  assert.deepEqual([...late.keys()], ['']);
});

test('compact index: a pointer deleted and recorded again comes back at the end, as in a Map', () => {
  const index = new CompactIndex('[1]');
  const map = new Map<string, NodeInfo>();
  index.add('/x', undefined, 0, 3);
  index.add('/y', undefined, 1, 2, 'json');
  index.delete('/x');
  index.add('/x', undefined, 0, 1, 'json');
  map.set('/y', { value: { start: 1, end: 2 }, style: 'json', source: '1' });
  map.set('/x', { value: { start: 0, end: 1 }, style: 'json', source: '[' });
  assert.deepEqual([...index], [...map]);
});

test('compact index: lookups before and after its map is made answer as a Map (random recordings, deletions, lookups)', () => {
  const rand = seededRandom(7);
  const pointers = ['', '/a', '/a/0', '/b', '/b/x', '/c'];
  for (let round = 0; round < 200; round++) {
    const index = new CompactIndex('x'.repeat(100));
    const model = new Map<string, number>();
    for (let step = 0; step < 60; step++) {
      const p = pointers[rand(pointers.length)];
      const op = rand(4);
      if (op === 0) {
        const start = rand(50);
        index.add(p, undefined, start, start + 1);
        model.set(p, start);
      } else if (op === 1) {
        index.delete(p);
        model.delete(p);
      } else {
        const want = model.get(p);
        assert.equal(index.has(p), want !== undefined, `round ${round} step ${step} has(${p})`);
        assert.equal(index.get(p)?.value.start, want, `round ${round} step ${step} get(${p})`);
      }
    }
    assert.deepEqual([...index.keys()], [...model.keys()], `round ${round}`);
  }
});
