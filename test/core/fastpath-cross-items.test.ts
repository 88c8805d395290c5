// Rules that compare the datasets of a catalog (duplicate identifiers, collections, the profile hint) on
// the incremental path: they run again only when what they compare changes, findings of the other items
// are reused as they are (the same runs), and every version equals a fresh precise analysis, including
// when lines move under a finding that names another dataset's line. Edits are applied both with the new
// text (`update`) and without it (`apply`, as the worker and the main loop do).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { ChunkedDocument } from '../../server/src/core/chunked';
import { parseDocument } from '../../server/src/core/document';
import { DocumentSession, IncrementalAnalyzer } from '../../server/src/core/incremental';
import { dcatUsRules } from '../../server/src/core/standards/dcat-us/rules';
import type { Finding } from '../../server/src/core/types';
import { catalogJson, catalogYaml } from '../../bench/generate.mjs';

async function precise(uri: string, text: string): Promise<Finding[]> {
  return (await analyzePrepared(prepareDocument(parseDocument(uri, text, { precise: true })))).findings;
}

interface Step {
  what: string;
  /** Replace the first `find` at or after the middle of the text (or from the start with `fromStart`). */
  find: string;
  replace: string;
  fromStart?: boolean;
  /** Rule ids that must (or must not) be reported after this step. */
  has?: string;
  hasNot?: string;
}

const id = (k: number, json: boolean) => {
  const agency = ['DHS', 'DOL', 'DOE', 'GSA', 'OPM', 'TREAS', 'USAID', 'FDA', 'FCC', 'CFPB'][k % 10];
  const v = `${agency}-${String(k).padStart(6, '0')}`;
  return json ? `"identifier": "${v}"` : `identifier: ${v}`;
};

function steps(json: boolean): Step[] {
  const mid = id(30, json);
  const first = id(0, json);
  const dup = json ? `"identifier": "DOL-000001"` : `identifier: DOL-000001`;
  return [
    { what: 'a value inside one dataset', find: json ? '"accessLevel": "public"' : 'accessLevel: public\n', replace: json ? '"accessLevel": "publicX"' : 'accessLevel: publicX\n' },
    { what: 'a duplicate identifier introduced', find: mid, replace: dup, has: 'dcat-us/duplicate-identifier' },
    { what: 'lines inserted before both datasets (the message names a line)', fromStart: true, find: first, replace: json ? `${first},\n      "keyword2": 1` : `${first}\n    x-note: moved`, has: 'dcat-us/duplicate-identifier' },
    { what: 'the duplicate removed', find: dup, replace: mid, hasNot: 'dcat-us/duplicate-identifier' },
    { what: 'isPartOf naming a dataset that does not exist', find: mid, replace: json ? `${mid},\n      "isPartOf": "NOPE-1"` : `${mid}\n    isPartOf: NOPE-1`, has: 'dcat-us/unknown-collection' },
    { what: 'isPartOf fixed to an existing dataset', find: 'NOPE-1', replace: 'DOL-000001' },
    { what: 'the inserted lines removed', fromStart: true, find: json ? `${first},\n      "keyword2": 1` : `${first}\n    x-note: moved`, replace: first },
  ];
}

for (const [name, make, json] of [
  ['data.json', () => catalogJson(60, 7), true],
  ['data.yaml', () => catalogYaml(60, 7), false],
] as const) {
  for (const mode of ['update', 'apply'] as const) {
    test(`${name} (${mode}): cross-dataset rules while editing equal a fresh precise analysis`, async () => {
      const uri = `file:///w/${name}`;
      let text = make();
      const session = new DocumentSession(uri, undefined, 0);
      const analyzer = new IncrementalAnalyzer();
      let doc = session.update(text);
      assert.ok(doc instanceof ChunkedDocument);
      let last = await analyzer.analyze(doc);
      assert.deepEqual(last.findings, await precise(uri, text), 'first version');
      for (const s of steps(json)) {
        const at = text.indexOf(s.find, s.fromStart ? 0 : Math.floor(text.length / 2));
        assert.ok(at !== -1, `${s.what}: "${s.find}" not found`);
        const change = { start: at, end: at + s.find.length, text: s.replace };
        text = text.slice(0, at) + s.replace + text.slice(at + s.find.length);
        doc = mode === 'apply' ? session.apply(change) : session.update(text, [change]);
        assert.ok(doc instanceof ChunkedDocument, s.what);
        assert.equal((doc as ChunkedDocument).textLength, text.length, `${s.what}: length`);
        const result = await analyzer.analyze(doc);
        const expected = await precise(uri, text);
        assert.deepEqual(result.findings, expected, s.what);
        assert.ok(result.chunks, `${s.what}: the findings come in runs`);
        assert.deepEqual(result.chunks!.flat(), result.findings, `${s.what}: the runs make the findings`);
        if (s.has) assert.ok(result.findings.some((f) => f.ruleId === s.has), `${s.what}: ${s.has} expected`);
        if (s.hasNot) assert.ok(!result.findings.some((f) => f.ruleId === s.hasNot), `${s.what}: ${s.hasNot} not expected`);
        // The first item's findings do not depend on the edit (it is before it): the same findings, reused.
        const ofFirst = (fs: Finding[]) => fs.filter((f) => f.pointer.startsWith('/dataset/0/'));
        const reused = new Set(result.findings);
        if (!s.fromStart) assert.ok(ofFirst(last.findings).length > 0 && ofFirst(last.findings).every((f) => reused.has(f)), `${s.what}: the first dataset's findings were made again`);
        last = result;
      }
      assert.equal(doc.text, text, 'the text put together from the pieces');
    });
  }
}

test('an edit that touches neither identifiers nor lines reuses every other dataset\'s findings', async () => {
  const uri = 'file:///w/data.json';
  let text = catalogJson(80, 3);
  const session = new DocumentSession(uri, undefined, 0);
  const analyzer = new IncrementalAnalyzer();
  const before = await analyzer.analyze(session.update(text));
  const at = text.indexOf('"accessLevel": "public"', Math.floor(text.length / 2)) + '"accessLevel": "public'.length;
  text = `${text.slice(0, at)}X${text.slice(at)}`;
  const after = await analyzer.analyze(session.apply({ start: at, end: at, text: 'X' }));
  assert.deepEqual(after.findings, await precise(uri, text));
  const reused = after.chunks!.filter((c) => before.chunks!.includes(c)).length;
  // Every run but the edited dataset's (and the document's own, which is rebuilt each time) is reused.
  assert.ok(reused >= after.chunks!.length - 3, `${reused} of ${after.chunks!.length} runs reused`);
});

test('every DCAT-US rule declares what it looks at; rules that compare datasets declare what they read', () => {
  for (const rule of dcatUsRules) {
    assert.ok(rule.scope === 'item' || rule.scope === 'document', `${rule.meta[0].id}: no scope`);
    if (rule.scope === 'document' && rule.meta.some((m) => m.id !== 'dcat-us/conforms-to')) assert.equal(typeof rule.itemKey, 'function', `${rule.meta[0].id}: no itemKey`);
  }
});

test('slices of an edited document read from its pieces equal slices of its text', () => {
  const uri = 'file:///w/data.yaml';
  let text = catalogYaml(30, 2);
  const session = new DocumentSession(uri, undefined, 0);
  session.update(text);
  const at = text.indexOf('title:', Math.floor(text.length / 2));
  text = `${text.slice(0, at)}titel:${text.slice(at + 6)}`;
  const doc = session.apply({ start: at, end: at + 6, text: 'titel:' }) as ChunkedDocument;
  for (const [s, e] of [[0, 10], [at - 50, at + 50], [text.length - 30, text.length], [5, text.length - 5], [at, at]]) {
    assert.equal(doc.slice(s, e), text.slice(s, e), `${s}..${e}`);
  }
  for (const line of [0, 3, Math.floor(doc.lines.lineCount / 2), doc.lines.lineCount - 2]) {
    assert.equal(doc.lines.lineText(line), text.split('\n')[line], `line ${line}`);
  }
});

test('the JSON pointer index of an item, read in one scan, equals the precise parser\'s on awkward JSON', async () => {
  const { parseChunked } = await import('../../server/src/core/chunked');
  const items = [
    '{"a\\"b": "x\\\\", "c": [[], {}, [1, -2.5e3, true, null]], "d": {"e": "\\u00e9 \\"q\\""}, "a\\"b": 2}',
    '{ "k~/": { "": [ { "deep": [ [ "s" ] ] } ] } , "n" : 0 }',
    '{}',
    '[]',
    '"just a string \\\\"',
  ];
  const text = `{\n  "dataset": [\n    ${items.join(',\n    ')}\n  ]\n}\n`;
  const fast = parseChunked('file:///w/data.json', text, 'json');
  assert.ok(fast, 'takes the fast path');
  const precise = parseDocument('file:///w/data.json', text, { precise: true });
  const a = [...precise.nodes.entries()].map((e) => JSON.stringify(e));
  const b = [...fast!.nodes.entries()].map((e) => JSON.stringify(e));
  assert.deepEqual(b, a);
});

test('findings that name a line, or lie outside their dataset, are made again when lines move, not shifted', async () => {
  // A rule of this test only: on every tenth dataset a finding whose message names the line the dataset
  // starts on, and on every tenth from the fifth one placed at the catalog's first line.
  const namesLine: (typeof dcatUsRules)[number] = {
    scope: 'item',
    meta: [{ id: 'test/names-line', severity: 'warning', title: 'names a line' }],
    run(ctx) {
      const list = (ctx.value as { dataset?: unknown[] }).dataset;
      list?.forEach((_, i) => {
        const at = ctx.doc.nodes.get(`/dataset/${i}`);
        if (!at) return;
        if (i % 10 === 0) ctx.report({ ruleId: 'test/names-line', pointer: `/dataset/${i}/title`, message: `dataset ${i} starts on line ${ctx.doc.positionAt(at.value.start).line + 1}` });
        if (i % 10 === 5) ctx.report({ ruleId: 'test/names-line', pointer: `/dataset/${i}/identifier`, message: `dataset ${i}, seen from the top`, data: { offsets: { start: 0, end: 1 } } });
      });
    },
  };
  dcatUsRules.push(namesLine);
  try {
    for (const json of [true, false]) {
      const uri = json ? 'file:///w/data.json' : 'file:///w/data.yaml';
      let text = json ? catalogJson(60, 7) : catalogYaml(60, 7);
      const session = new DocumentSession(uri, undefined, 0);
      const analyzer = new IncrementalAnalyzer();
      const first = await analyzer.analyze(session.update(text));
      assert.deepEqual(first.findings, await precise(uri, text));
      assert.ok(first.findings.some((f) => /starts on line \d+/.test(f.message)), 'the rule reports');
      // Two lines more inside the first dataset: every later dataset moves down.
      const anchor = id(0, json);
      const at = text.indexOf(anchor) + anchor.length;
      const insert = json ? ',\n      "x-a": 1,\n      "x-b": 2' : '\n    x-a: 1\n    x-b: 2';
      text = text.slice(0, at) + insert + text.slice(at);
      const after = await analyzer.analyze(session.apply({ start: at, end: at, text: insert }));
      assert.deepEqual(after.findings, await precise(uri, text), json ? 'JSON' : 'YAML');
    }
  } finally {
    dcatUsRules.splice(dcatUsRules.indexOf(namesLine), 1);
  }
});
