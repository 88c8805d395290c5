// The numbers-only pointer index of big documents' items (compactIndex.ts) behaves as the
// Map<string, NodeInfo> it replaced: same entries, order and shapes, whether a lookup walks the nodes
// or the map by pointer answers it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompactIndex, ROOT, STYLE } from '../../server/src/core/compactIndex';
import type { NodeInfo } from '../../server/src/core/document';
import { escapeSegment } from '../../server/src/core/pointer';
import { seededRandom } from '../helpers/random';

const TEXT = '{"a": [1, "x"], "b": {}, "c~/d": 2, x: 1}';

/** The same nodes recorded in a CompactIndex and in a Map. */
function both(): { index: CompactIndex; map: Map<string, NodeInfo> } {
  const index = new CompactIndex(TEXT);
  const map = new Map<string, NodeInfo>();
  const root = index.add(ROOT, undefined, -1, -1, 0, 0, STYLE.collection);
  // Keys named by their text (inside the quotes), list items by their place.
  const a = index.add(root, undefined, 1, 4, 6, 6, STYLE.collection);
  index.add(a, undefined, -1, -1, 7, 8, STYLE.json);
  index.add(a, undefined, -1, -1, 10, 13, STYLE.json);
  index.setValueEnd(a, 14);
  index.add(root, undefined, 16, 19, 21, 23, STYLE.collection);
  // A key that needs escaping in a pointer; a key without quotes; a key named otherwise than its text.
  index.add(root, undefined, 25, 31, 33, 34, STYLE.json);
  index.add(root, undefined, 36, 37, 39, 40, STYLE.plain);
  index.add(root, 'renamed', 36, 37, 39, 40, STYLE.plain);
  // A key written twice: the first place, the last node (Map.set).
  const a2 = index.add(root, 'a', 1, 4, 6, 14, STYLE.collection);
  index.add(a2, undefined, -1, -1, 7, 8, STYLE.plain);
  index.setValueEnd(root, 41);
  index.finish();
  map.set('', { value: { start: 0, end: 41 } });
  map.set('/a', { key: { start: 1, end: 4 }, value: { start: 6, end: 14 } });
  map.set('/a/0', { value: { start: 7, end: 8 }, style: 'plain', source: '1' });
  map.set('/a/1', { value: { start: 10, end: 13 }, style: 'json', source: '"x"' });
  map.set('/b', { key: { start: 16, end: 19 }, value: { start: 21, end: 23 } });
  map.set('/c~0~1d', { key: { start: 25, end: 31 }, value: { start: 33, end: 34 }, style: 'json', source: '2' });
  map.set('/x', { key: { start: 36, end: 37 }, value: { start: 39, end: 40 }, style: 'plain', source: '1' });
  map.set('/renamed', { key: { start: 36, end: 37 }, value: { start: 39, end: 40 }, style: 'plain', source: '1' });
  return { index, map };
}

test('compact index = Map of NodeInfo (walks, then the map by pointer)', () => {
  // Walks first (a fresh index per question), then the map by pointer.
  for (const p of both().map.keys()) assert.deepEqual(both().index.get(p), both().map.get(p), `walk to ${p}`);
  const { index, map } = both();
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

test('compact index: one is recorded at a time, and looked into only once finished', () => {
  const first = new CompactIndex('[]');
  first.add(ROOT, undefined, -1, -1, 0, 2, STYLE.collection);
  assert.throws(() => first.get(''), /before finish/);
  const second = new CompactIndex('[]');
  assert.throws(() => first.add(0, undefined, -1, -1, 1, 1, STYLE.plain), /one index is recorded at a time/);
  second.add(ROOT, undefined, -1, -1, 0, 2, STYLE.collection);
  second.finish();
  assert.throws(() => second.add(0, undefined, -1, -1, 1, 1, STYLE.plain), /none after finish/);
  assert.deepEqual(second.get(''), { value: { start: 0, end: 2 } });
});

test('compact index: walks and the map answer as a Map filled in recording order (random trees, keys written twice, names from the text or given)', () => {
  const rand = seededRandom(11);
  const names = ['a', 'b', '0', '1', 'x/y', '~', 'é'];
  // Each name written plain and in quotes, for keys named by their text.
  let text = '';
  const plainAt = new Map<string, number>();
  const quotedAt = new Map<string, number>();
  for (const n of names) {
    plainAt.set(n, text.length);
    text += `${n} `;
    quotedAt.set(n, text.length);
    text += `"${n}" `;
  }
  for (let round = 0; round < 300; round++) {
    const index = new CompactIndex(text);
    const model = new Map<string, number>();
    const pointers: string[] = [];
    const isList: boolean[] = [];
    const ordinals: number[] = [];
    // Nodes in document order: each new node's parent is the last node or one of its ancestors.
    const path: number[] = [];
    const count = 1 + rand(40);
    for (let node = 0; node < count; node++) {
      while (path.length && rand(3) === 0) path.pop();
      const parent = path.length ? path[path.length - 1] : ROOT;
      let pointer = '';
      let keyStart = -1;
      let keyEnd = -1;
      let given: string | undefined;
      if (parent !== ROOT && isList[parent]) pointer = `${pointers[parent]}/${ordinals[parent]++}`;
      else if (parent !== ROOT) {
        const name = names[rand(names.length)];
        pointer = `${pointers[parent]}/${escapeSegment(name)}`;
        const how = rand(3);
        if (how === 0) {
          given = name;
          keyStart = rand(10);
          keyEnd = keyStart + 1;
        } else {
          keyStart = how === 1 ? plainAt.get(name)! : quotedAt.get(name)!;
          keyEnd = keyStart + name.length + (how === 1 ? 0 : 2);
        }
      }
      const start = rand(500);
      assert.equal(index.add(parent, given, keyStart, keyEnd, start, start + 1, STYLE.plain), node);
      pointers.push(pointer);
      isList.push(rand(2) === 0);
      ordinals.push(0);
      model.set(pointer, start);
      path.push(node);
    }
    index.finish();
    for (const p of [...pointers, '/zz', '/a/zz', '/5', '/0/0']) {
      assert.equal(index.get(p)?.value.start, model.get(p), `round ${round}: ${p}`);
      assert.equal(index.has(p), model.has(p), `round ${round}: has ${p}`);
    }
    assert.deepEqual([...index.keys()], [...model.keys()], `round ${round}`);
  }
});
