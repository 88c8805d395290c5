// Limits that keep the core answering: documents too big to validate in full, nesting too deep for the
// parser, merge-conflict markers, too many findings, the time budget, alias bombs and `__proto__` keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { capFindings, capRuns, limitsFromSettings, nestingBeyond, resolveLimits } from '../../server/src/core/limits';
import { IncrementalAnalyzer } from '../../server/src/core/incremental';
import { DocumentSession } from '../../server/src/core/incremental';
import { catalogJson } from '../../bench/generate.mjs';
import type { Finding } from '../../server/src/core/types';

const CORPUS = resolve(__dirname, '../../../shared/corpus');
const corpus = (p: string) => readFileSync(resolve(CORPUS, p), 'utf8');
const PUBLICCODE = corpus('publiccode/4Science__parer__publiccode.yml');
const DATA_JSON = corpus('data-json/laurelkorwin__gov-datajson-diff__fcc.json');
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);

function assertInside(text: string, findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${f.ruleId} line ${p.line} outside the document`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line].length, `${f.ruleId} character ${p.character} outside line ${p.line}`);
    }
  }
}

test('a YAML document over the size limit gets a summary pass and a finding that says so', async () => {
  const text = PUBLICCODE + '\n# padding\n'.repeat(200);
  const { findings } = await analyze('file:///w/publiccode.yml', text, { limits: { maxYamlChars: 1000 } });
  assert.deepEqual(ids(findings), ['core/too-large']);
  assert.match(findings[0].message, /YAML document is \d+ KB, more than the 1 KB validated in full, so it was not parsed/);
  assert.match(findings[0].message, /civicSchemas\.limits\.maxYamlSizeMB/);
  assert.deepEqual(findings[0].range.start, { line: 0, character: 0 });
  // Under the default limit the same text is validated in full.
  const full = await analyze('file:///w/publiccode.yml', text);
  assert.ok(!ids(full.findings).includes('core/too-large'));
});

test('a JSON document over the size limit gets a syntax-only pass', async () => {
  const broken = DATA_JSON.replace(/"title"/, '"title" "x",');
  const { findings } = await analyze('file:///w/data.json', broken, { limits: { maxJsonChars: 1000 } });
  assert.equal(findings[0].ruleId, 'core/too-large');
  assert.match(findings[0].message, /only its JSON syntax was checked \(\d+ errors?\)/);
  assert.ok(ids(findings).includes('json/syntax'));
  assert.ok(!findings.some((f) => f.ruleId.startsWith('dcat-us/')), 'no schema or rule check ran');
  const fine = await analyze('file:///w/data.json', DATA_JSON, { limits: { maxJsonChars: 1000 } });
  assert.deepEqual(ids(fine.findings), ['core/too-large']);
  assert.match(fine.findings[0].message, /its JSON syntax was checked and is fine/);
});

test('depth-10,000 nesting is refused before parsing, with a depth finding and no stack overflow', async () => {
  const n = 10_000;
  const cases: [string, string, string][] = [
    ['file:///w/publiccode.yml', '['.repeat(n) + ']'.repeat(n), 'yaml/depth-limit'],
    ['file:///w/publiccode.yml', 'a: ' + '{b: '.repeat(n) + '1' + '}'.repeat(n), 'yaml/depth-limit'],
    // Indentation grows quadratically: 2,000 levels are already 2-4 MB of spaces.
    ['file:///w/publiccode.yml', Array.from({ length: 2000 }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n', 'yaml/depth-limit'],
    ['file:///w/publiccode.yml', Array.from({ length: 2000 }, (_, i) => ' '.repeat(i * 2) + '-').join('\n') + ' 1\n', 'yaml/depth-limit'],
    ['file:///w/publiccode.yml', '- '.repeat(n) + 'x\n', 'yaml/depth-limit'],
    ['file:///w/datapackage.json', '{"a":'.repeat(n) + '1' + '}'.repeat(n), 'json/depth-limit'],
    ['file:///w/data.json', '['.repeat(n) + ']'.repeat(n), 'json/depth-limit'],
  ];
  for (const [uri, text, rule] of cases) {
    const { findings } = await analyze(uri, text);
    assert.ok(ids(findings).includes(rule), `${rule} for ${text.slice(0, 20)}: ${ids(findings)}`);
    for (const f of findings) assert.doesNotMatch(f.message, /call stack/i);
    assert.match(findings.find((f) => f.ruleId === rule)!.message, /nests deeper than 500 levels/);
    assertInside(text, findings);
  }
  // Ordinary documents, and strings full of brackets, are not mistaken for deep ones.
  assert.equal(nestingBeyond(PUBLICCODE, 'yaml', 500), undefined);
  assert.equal(nestingBeyond(DATA_JSON, 'json', 500), undefined);
  assert.equal(nestingBeyond(`a: "${'['.repeat(2000)}"\nb: '${'{'.repeat(2000)}'\n# ${'['.repeat(2000)}\n`, 'yaml', 500), undefined);
  assert.equal(nestingBeyond(`{"a": "${'['.repeat(2000)}"}`, 'json', 500), undefined);
});

test('a file with merge-conflict markers gets one friendly finding per conflict instead of parser noise', async () => {
  const lines = PUBLICCODE.split('\n');
  const at = lines.findIndex((l) => l.startsWith('name:'));
  const conflicted = [...lines.slice(0, at), '<<<<<<< HEAD', lines[at], '=======', 'name: Their name', '>>>>>>> feature/rename', ...lines.slice(at + 1)].join('\n');
  const { findings } = await analyze('file:///w/publiccode.yml', conflicted);
  const conflicts = findings.filter((f) => f.ruleId === 'yaml/merge-conflict');
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].range.start.line, at);
  assert.match(conflicts[0].message, new RegExp(`unresolved merge-conflict markers \\(lines ${at + 1}–${at + 5}\\)`));
  assert.match(conflicts[0].message, /delete the lines <<<<<<<, ======= and >>>>>>>/);
  for (const f of findings) {
    if (f.ruleId === 'yaml/syntax') assert.ok(![at, at + 2, at + 4].includes(f.range.start.line), `syntax noise on a marker line: ${f.message}`);
  }
  // JSON too.
  const json = corpus('civic-json/BetaNYC__civic.json__civic.json');
  const jl = json.split('\n');
  const jsonConflicted = [jl[0], '<<<<<<< ours', ...jl.slice(1, 3), '=======', ...jl.slice(1, 3), '>>>>>>> theirs', ...jl.slice(3)].join('\n');
  const j = await analyze('file:///w/civic.json', jsonConflicted);
  assert.equal(j.findings.filter((f) => f.ruleId === 'json/merge-conflict').length, 1);
  assertInside(jsonConflicted, j.findings);
});

test('a billion-laughs document stops expanding with an alias-limit finding', async () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = `publiccodeYmlVersion: "0.4"\n${levels.join('\n')}\n`;
  const { findings } = await analyze('file:///w/publiccode.yml', text);
  assert.ok(ids(findings).includes('yaml/alias-limit'));
  assertInside(text, findings);
});

test('too many findings: the first N are shown, errors first, and one finding counts the rest', async () => {
  const all = (await analyze('file:///w/data.json', DATA_JSON)).findings;
  assert.ok(all.length > 20, `the fixture has ${all.length} findings`);
  const { findings } = await analyze('file:///w/data.json', DATA_JSON, { limits: { maxFindings: 10 } });
  assert.equal(findings.length, 11);
  const note = findings[10];
  assert.equal(note.ruleId, 'core/too-many-findings');
  assert.equal(note.data?.hidden, all.length - 10);
  assert.match(note.message, new RegExp(`^${all.length - 10} more findings? not shown \\(\\d+ [a-z-]+/[a-z-]+`));
  const errors = all.filter((f) => f.severity === 'error').length;
  assert.equal(findings.slice(0, 10).filter((f) => f.severity === 'error').length, Math.min(10, errors));
  // The editor's cap is 1,000 (settings can change it); the CLI and plain `analyze` report everything.
  const many: Finding[] = Array.from({ length: 1500 }, (_, i) => ({ ruleId: 'x/y', severity: 'warning', message: 'm', pointer: '', range: { start: { line: i, character: 0 }, end: { line: i, character: 1 } } }));
  assert.equal(capFindings(many, resolveLimits().maxFindings).length, 1500);
  assert.equal(resolveLimits(limitsFromSettings({ maxFindings: 20, timeBudgetSeconds: 2.5, maxYamlSizeMB: 1 })).maxFindings, 20);
  assert.equal(resolveLimits(limitsFromSettings({ maxFindings: 'lots', timeBudgetSeconds: -1 })).timeBudgetMs, 10_000);
  assert.equal(resolveLimits(limitsFromSettings({ maxYamlSizeMB: 1 })).maxYamlChars, 1024 * 1024);
  const capped = capFindings(many, resolveLimits(limitsFromSettings({})).maxFindings);
  assert.equal(capped.length, 1001);
  assert.match(capped[1000].message, /^500 more findings not shown \(500 x\/y\)/);
});

test('the cap over runs (an incremental analysis): the same findings as over the whole list; runs kept whole or cut alike are the same arrays', async () => {
  const all = (await analyze('file:///w/data.json', DATA_JSON)).findings;
  // Runs of 1 to 5 findings, as items give them.
  const runs: Finding[][] = [];
  for (let i = 0, n = 1; i < all.length; i += n, n = (n % 5) + 1) runs.push(all.slice(i, i + n));
  for (const max of [1, 7, 20, Math.floor(all.length / 2), all.length - 1]) {
    const capped = capRuns(runs, max);
    assert.deepEqual(capped.flat(), capFindings(all, max), `max ${max}`);
    assert.equal(capped.flat().length, max + 1);
    // Every run but the note and the one the cap falls inside is the same array as in the last call.
    const again = capRuns(runs, max);
    const fresh = again.slice(0, -1).filter((run, i) => run !== capped[i]);
    assert.ok(fresh.length <= 1, `max ${max}: ${fresh.length} runs copied again`);
  }
  assert.equal(capRuns(runs, all.length), runs, 'under the cap, nothing changes');
});

test('the cap keeps the findings of the item being edited: an error typed in the middle of a catalog shows among the capped findings', async () => {
  let text = catalogJson(300, 11);
  const session = new DocumentSession('file:///w/data.json', undefined, 0);
  const analyzer = new IncrementalAnalyzer();
  const options = { limits: { maxFindings: 40 } };
  const first = await analyzer.analyze(session.update(text), options);
  const precise = await analyze('file:///w/data.json', text, options);
  assert.deepEqual(first.findings, precise.findings, 'before any edit: the plain cap');
  const key = '"accessLevel": "';
  const at = text.indexOf(key, Math.floor(text.length * 0.7)) + key.length;
  const line = text.slice(0, at).split('\n').length - 1;
  assert.ok(!first.findings.some((f) => f.range.start.line === line));
  const edited = await analyzer.analyze(session.apply({ start: at, end: at + 'public'.length, text: 'publicX' }), options);
  text = text.slice(0, at) + 'publicX' + text.slice(at + 'public'.length);
  assert.equal(edited.findings.length, 41);
  assert.ok(edited.findings.some((f) => f.range.start.line === line && f.severity === 'error'), 'the typed error is shown');
  assert.match(edited.findings[40].message, /always listed/);
  // Every finding of that dataset is shown, as the uncapped analysis has them.
  const uncapped = (await analyze('file:///w/data.json', text)).findings;
  const index = /^\/dataset\/(\d+)/.exec(edited.findings.find((f) => f.range.start.line === line)!.pointer)![1];
  const ofItem = (fs: Finding[]) => fs.filter((f) => f.pointer.startsWith(`/dataset/${index}/`) || f.pointer === `/dataset/${index}`);
  assert.ok(ofItem(uncapped).length > 0);
  assert.deepEqual(ofItem(edited.findings), ofItem(uncapped));
});

test('the time budget: once spent, the remaining checks are skipped and the partial findings say so', async () => {
  let t = 0;
  const now = () => (t += 1000); // every look at the clock: one more second
  const broken = PUBLICCODE.replace(/^name:.*$/m, 'name: [unclosed');
  const { findings } = await analyze('file:///w/publiccode.yml', broken, { limits: { timeBudgetMs: 2500, now } });
  const budget = findings.filter((f) => f.ruleId === 'core/time-budget');
  assert.equal(budget.length, 1);
  assert.match(budget[0].message, /took longer than its budget of 2\.5 s, so \d+ of the \d+ checks did not run; the findings shown are partial/);
  assert.ok(ids(findings).includes('yaml/syntax'), 'syntax findings are kept');
  assert.ok(!ids((await analyze('file:///w/publiccode.yml', broken)).findings).includes('core/time-budget'));
  // A budget spent before the first rule: the rules' own findings are missing, the schema's are kept.
  t = 0;
  const partial = await analyze('file:///w/data.json', DATA_JSON, { limits: { timeBudgetMs: 0, now } });
  const full = await analyze('file:///w/data.json', DATA_JSON);
  assert.match(partial.findings.find((f) => f.ruleId === 'core/time-budget')!.message, /so (\d+) of the \1 checks did not run/);
  const schemaIds = new Set(['dcat-us/unknown-key', 'dcat-us/required-key', 'dcat-us/wrong-type', 'dcat-us/invalid-value', 'dcat-us/length', 'dcat-us/count', 'dcat-us/not-allowed']);
  const ruleOnly = full.findings.filter((f) => !schemaIds.has(f.ruleId));
  assert.ok(ruleOnly.length > 0, 'the fixture has rule findings');
  assert.ok(!partial.findings.some((f) => ruleOnly.some((r) => r.ruleId === f.ruleId && r.pointer === f.pointer && r.message === f.message)), 'no rule ran');
  assert.ok(partial.findings.some((f) => schemaIds.has(f.ruleId)) === full.findings.some((f) => schemaIds.has(f.ruleId)));
});

test('__proto__ and constructor keys stay data in JSON and YAML documents, nested, and never reach prototypes', async () => {
  const yaml = 'publiccodeYmlVersion: "0.4"\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\nlegal:\n  __proto__: {polluted: 1}\n  list:\n    - __proto__: {polluted: 1}\n';
  const json = '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, "resources": [{"__proto__": {"polluted": 1}, "path": "a.csv"}]}';
  const y = await analyze('file:///w/publiccode.yml', yaml);
  const j = await analyze('file:///w/datapackage.json', json);
  for (const doc of [y.doc, j.doc]) {
    const v = doc.value as Record<string, unknown>;
    assert.ok(Object.prototype.hasOwnProperty.call(v, '__proto__'));
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(v.constructor, 'prototype'));
    assert.equal(typeof v.constructor, 'object');
  }
  const nested = ((y.doc.value as Record<string, Record<string, unknown>>).legal.list as Record<string, unknown>[])[0];
  assert.ok(Object.prototype.hasOwnProperty.call(nested, '__proto__'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  // The schema layer reports the stray keys like any other unknown key.
  assert.ok(y.findings.some((f) => f.ruleId === 'publiccode/unknown-key' && f.pointer === '/__proto__'));
});
