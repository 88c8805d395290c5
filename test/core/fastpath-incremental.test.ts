// Incremental sessions (incremental.ts): after each edit, the findings equal a fresh precise analysis of
// the new text, while only the edited items are parsed again.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { ChunkedDocument, mergeChange, windowChange, type ChangeWindow } from '../../server/src/core/chunked';
import { parseDocument } from '../../server/src/core/document';
import { DocumentSession, IncrementalAnalyzer } from '../../server/src/core/incremental';
import { completionWindow, hoverView } from '../../server/src/core/window';
import { complete } from '../../server/src/core/complete';
import { hover } from '../../server/src/core/hover';
import { catalogJson, catalogYaml } from '../../bench/generate.mjs';

async function precise(uri: string, text: string): Promise<string> {
  return JSON.stringify((await analyzePrepared(prepareDocument(parseDocument(uri, text, { precise: true })))).findings);
}

interface Edit {
  what: string;
  /** Where (searching from the middle of the text) and what to replace. */
  find: string;
  replace: string;
}

const JSON_EDITS: Edit[] = [
  { what: 'a value', find: '"accessLevel": "public"', replace: '"accessLevel": "publicX"' },
  { what: 'the value back', find: '"accessLevel": "publicX"', replace: '"accessLevel": "public"' },
  { what: 'a key', find: '"title":', replace: '"titel":' },
  { what: 'a new line inside an item', find: '"keyword": [', replace: '"keyword": [\n' },
  { what: 'a whole new item', find: '\n    {\n', replace: '\n    {"identifier": "new", "title": "New"},\n    {\n' },
  { what: 'an item removed', find: '    {"identifier": "new", "title": "New"},\n', replace: '' },
  { what: 'an identifier made a duplicate', find: '"identifier": "DOL-', replace: '"identifier": "DHS-' },
];

const YAML_EDITS: Edit[] = [
  { what: 'a value', find: 'accessLevel: public\n', replace: 'accessLevel: publicX\n' },
  { what: 'the value back', find: 'accessLevel: publicX\n', replace: 'accessLevel: public\n' },
  { what: 'a key', find: '    title:', replace: '    titel:' },
  { what: 'a blank line inside an item', find: '    keyword:\n', replace: '\n    keyword:\n' },
  { what: 'a whole new item', find: '\n  - ', replace: '\n  - identifier: new\n    title: New\n  - ' },
  { what: 'an item removed', find: '  - identifier: new\n    title: New\n', replace: '' },
  { what: 'an identifier made a duplicate', find: 'identifier: DOL-', replace: 'identifier: DHS-' },
];

for (const [name, make, edits] of [
  ['data.json', () => catalogJson(120, 11), JSON_EDITS],
  ['data.yaml', () => catalogYaml(120, 11), YAML_EDITS],
] as const) {
  test(`${name}: after each edit the incremental findings equal a fresh precise analysis`, async () => {
    const uri = `file:///w/${name}`;
    let text = make();
    const session = new DocumentSession(uri, undefined, 0);
    const analyzer = new IncrementalAnalyzer();
    let doc = session.update(text);
    assert.ok(doc instanceof ChunkedDocument);
    assert.equal(JSON.stringify((await analyzer.analyze(doc)).findings), await precise(uri, text), 'first version');
    for (const e of edits) {
      const at = text.indexOf(e.find, Math.floor(text.length / 2));
      assert.ok(at !== -1, `${e.what}: "${e.find}" not found`);
      const before = doc as ChunkedDocument;
      text = text.slice(0, at) + e.replace + text.slice(at + e.find.length);
      doc = session.update(text, [{ start: at, end: at + e.find.length, text: e.replace }]);
      assert.ok(doc instanceof ChunkedDocument, e.what);
      // Items away from the edit keep their parse.
      assert.equal(doc.pieces[0], before.pieces[0], `${e.what}: the first item was parsed again`);
      assert.equal(doc.pieces[doc.pieces.length - 1], before.pieces[before.pieces.length - 1], `${e.what}: the last item was parsed again`);
      assert.equal(JSON.stringify((await analyzer.analyze(doc)).findings), await precise(uri, text), e.what);
    }
  });
}

test('a syntax error while editing stays in its item; fixing it gives the precise findings back', async () => {
  const uri = 'file:///w/data.json';
  const good = catalogJson(60, 5);
  const session = new DocumentSession(uri, undefined, 0);
  const analyzer = new IncrementalAnalyzer();
  await analyzer.analyze(session.update(good));
  const at = good.indexOf('"title":', Math.floor(good.length / 2));
  const broken = `${good.slice(0, at)}"title" ${good.slice(at + '"title":'.length)}`;
  const doc = session.update(broken, [{ start: at, end: at + 8, text: '"title" ' }]);
  assert.ok(doc instanceof ChunkedDocument);
  const findings = (await analyzer.analyze(doc)).findings;
  const syntax = findings.filter((f) => f.ruleId === 'json/syntax');
  assert.equal(syntax.length, 1);
  assert.equal(syntax[0].range.start.line, broken.slice(0, at).split('\n').length - 1);
  const fixed = session.update(good, [{ start: at, end: at + 8, text: '"title":' }]);
  assert.equal(JSON.stringify((await analyzer.analyze(fixed)).findings), await precise(uri, good));
});

test('edits folded into one window describe the same change', () => {
  let text = 'abcdefghij';
  const original = text;
  let w: ChangeWindow | undefined;
  for (const [start, end, insert] of [[2, 4, 'XY'], [8, 9, ''], [0, 1, 'QQQ'], [5, 5, '-']] as const) {
    text = text.slice(0, start) + insert + text.slice(end);
    w = mergeChange(w, { start, end, length: insert.length });
  }
  const change = windowChange(w!, text);
  assert.equal(original.slice(0, change.start) + change.text + original.slice(change.end), text);
});

test('completion and hover on a big document see only the item under the cursor, with the same results', () => {
  for (const [name, text] of [['data.json', catalogJson(40, 9)], ['data.yaml', catalogYaml(40, 9)]] as const) {
    const uri = `file:///w/${name}`;
    const p = prepareDocument(parseDocument(uri, text, { precise: true }));
    const c = prepareDocument(parseDocument(uri, text, { fast: 'always' }));
    assert.ok(c.doc instanceof ChunkedDocument);
    const lines = text.split('\n');
    for (let line = 2; line < lines.length; line += 97) {
      for (const character of [0, 5, 12, lines[line].length]) {
        const pos = { line, character: Math.min(character, lines[line].length) };
        const ctx = { schema: p.schema, standard: p.standard, detection: p.detection };
        assert.deepEqual(complete({ ...ctx, doc: completionWindow(c.doc, pos) }, pos), complete({ ...ctx, doc: p.doc }, pos), `${name} completion at ${JSON.stringify(pos)}`);
        assert.deepEqual(hover({ ...ctx, doc: hoverView(c.doc, pos) }, pos), hover({ ...ctx, doc: p.doc }, pos), `${name} hover at ${JSON.stringify(pos)}`);
      }
    }
  }
});

// An edit that moves no line changes the last analysis' per-item state in place (incremental.ts): a
// version abandoned half-way (a newer one arrived) must leave nothing of itself for the next.
test('an analysis cancelled half-way leaves no half-updated state: the next version is exact', async () => {
  const uri = 'file:///w/data.json';
  let text = catalogJson(120, 11);
  const session = new DocumentSession(uri, undefined, 0);
  const analyzer = new IncrementalAnalyzer();
  await analyzer.analyze(session.update(text));
  const edit = (find: string, replace: string) => {
    const at = text.indexOf(find, Math.floor(text.length / 2));
    assert.ok(at !== -1, find);
    text = text.slice(0, at) + replace + text.slice(at + find.length);
    return session.apply({ start: at, end: at + find.length, text: replace });
  };
  // The edit is cancelled at its first checkpoint, then its second, … until it runs to the end.
  let cancelled = 0;
  for (let cancelAt = 1; ; cancelAt++) {
    // A value made invalid, its analysis abandoned at the n-th checkpoint…
    let checkpoints = 0;
    const doc = edit('"accessLevel": "public"', '"accessLevel": "publicX"');
    const done = await analyzer.analyze(doc, {}, () => ++checkpoints >= cancelAt).then(
      () => true,
      (err: Error) => (assert.match(err.message, /cancelled/), false),
    );
    if (done) {
      assert.equal(JSON.stringify((await analyzer.analyze(doc)).findings), await precise(uri, text), 'the edit run to the end');
      break;
    }
    cancelled++;
    // …then typed back: the item is as it was when last analysed to the end.
    const back = edit('"accessLevel": "publicX"', '"accessLevel": "public"');
    assert.equal(JSON.stringify((await analyzer.analyze(back)).findings), await precise(uri, text), `cancelled at checkpoint ${cancelAt}`);
    // A duplicate of that dataset's identifier elsewhere: its findings are made again, from its state.
    const valueAt = text.indexOf('"accessLevel": "public"', Math.floor(text.length / 2));
    const idKey = '"identifier": "';
    const idAt = text.indexOf(idKey, valueAt) + idKey.length; // keys are sorted: identifier after accessLevel
    const id = text.slice(idAt, text.indexOf('"', idAt));
    const firstId = text.indexOf(idKey) + idKey.length;
    const otherId = text.slice(firstId, text.indexOf('"', firstId));
    const setFirstId = (value: string, old: string) => {
      text = text.slice(0, firstId) + value + text.slice(firstId + old.length);
      return session.apply({ start: firstId, end: firstId + old.length, text: value });
    };
    assert.equal(JSON.stringify((await analyzer.analyze(setFirstId(id, otherId))).findings), await precise(uri, text), `a duplicate identifier after the cancel at ${cancelAt}`);
    await analyzer.analyze(setFirstId(otherId, id));
    // And a completed edit after it is exact too.
    const again = edit('"accessLevel": "public"', '"accessLevel": "publicX"');
    assert.equal(JSON.stringify((await analyzer.analyze(again)).findings), await precise(uri, text), `the edit after (checkpoint ${cancelAt})`);
    edit('"accessLevel": "publicX"', '"accessLevel": "public"');
    await analyzer.analyze(session.document!);
  }
  assert.ok(cancelled >= 2, `an edit asks at least twice whether it is stale (${cancelled})`);
});

test('pieces are found again by their text: an undone edit and a re-split of the whole text reuse them', () => {
  const uri = 'file:///w/data.json';
  const text = catalogJson(60, 5);
  const session = new DocumentSession(uri, undefined, 0);
  const first = session.update(text) as ChunkedDocument;
  const at = text.indexOf('"accessLevel": "public"', Math.floor(text.length / 2));
  const k = first.pieceAt(at);
  const edited = session.apply({ start: at, end: at + 23, text: '"accessLevel": "publicX"' }) as ChunkedDocument;
  assert.notEqual(edited.pieces[k], first.pieces[k]);
  const undone = session.apply({ start: at, end: at + 24, text: '"accessLevel": "public"' }) as ChunkedDocument;
  assert.equal(undone.pieces[k], first.pieces[k], 'the undone item is its first piece again');
  // An edit of the top level (outside the items) splits the whole text again: each item is found by its text.
  const top = text.indexOf('"conformsTo"');
  const resplit = session.apply({ start: top, end: top, text: '"x": 1, ' }) as ChunkedDocument;
  assert.ok(resplit instanceof ChunkedDocument);
  assert.equal(resplit.pieces.length, first.pieces.length);
  resplit.pieces.forEach((p, i) => assert.equal(p, first.pieces[i], `item ${i}`));
});
