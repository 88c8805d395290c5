// Every real civic.json in the corpus: the dialect detected (and why), a verdict without a crash, ranges
// inside the file, syntax errors at the right place; and civic-json never claims another standard's files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { detect } from '../../server/src/core/detect';
import { parseDocument } from '../../server/src/core/document';
import type { Finding } from '../../server/src/core/types';

const corpus = resolve(__dirname, '../../../shared/corpus');
const dir = join(corpus, 'civic-json');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The dialect of each real file, and what the reason must say. */
const EXPECTED: Record<string, { dialect: string; reason: RegExp }> = {
  'BetaNYC__civic.json__civic.json': { dialect: 'betanyc', reason: /BetaNYC dialect by its keys: geography is a text, thumbnailUrl; mixed evidence: also name from DC extended/ },
  'CodeForAsheville__look-at-asheville__civic.json': { dialect: 'cfapi', reason: /Code for America API dialect: only status and tags/ },
  'CodeForBaltimore__codeforbaltimore__civic.json': { dialect: 'dc', reason: /id "https:\/\/raw\.githubusercontent\.com\/DCgov\/civic\.json\/master\/schemas\/schema-v1\.json" names the DC extended schema/ },
  'DCgov__civic.json__civic.json': { dialect: 'dc', reason: /id ".*" names the DC extended schema/ },
  'DCgov__civic.json__template.json': { dialect: 'dc', reason: /id ".*" names the DC extended schema/ },
  'DCgov__dc-madison__civic.json': { dialect: 'dc', reason: /id ".*" names the DC extended schema/ },
  'DemocracyLab__CivicTechExchange__civic.json': { dialect: 'dc', reason: /id ".*" names the DC extended schema/ },
  'JustFixNYC__tenants__civic.json': { dialect: 'betanyc', reason: /BetaNYC dialect by its keys: geography is a text, needs, categories, bornAt/ },
  'OpenSTL__stl-datasets__civic.json': { dialect: 'cfapi', reason: /only status and tags/ },
  'caciviclab__disclosure-backend__civic.json': { dialect: 'betanyc', reason: /BetaNYC dialect by its keys: geography is a text, needs, categories, thumbnailUrl$/ },
  'civictechdc__ancfinder__civic.json': { dialect: 'codefordc', reason: /Code for DC dialect by its keys: contact is a list, communityPartner, moreInfoLink/ },
  'civictechdc__districthousing__civic.json': { dialect: 'codefordc', reason: /Code for DC dialect by its keys: contact is a list, communityPartner, moreInfo/ },
};

function read(name: string): string {
  return readFileSync(join(dir, name), 'utf8');
}

function within(text: string, f: Finding): boolean {
  const lines = text.split('\n');
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].replace(/\r$/, '').length + 1;
  const ordered = f.range.start.line < f.range.end.line || (f.range.start.line === f.range.end.line && f.range.start.character <= f.range.end.character);
  return ok(f.range.start) && ok(f.range.end) && ordered;
}

test('the corpus folder is there and every file has an expected dialect', () => {
  assert.ok(files.length >= 12, `only ${files.length} files in ${dir}`);
  for (const name of Object.keys(EXPECTED)) assert.ok(files.includes(name), `${name} is missing from the corpus`);
});

for (const name of files) {
  test(`corpus ${name}: dialect, reason, verdict, ranges`, async () => {
    const text = read(name);
    // Analyzed under its real name: civic.json (the DC template is template.json, detected by its id).
    const uri = `file:///repo/${name.endsWith('__template.json') ? 'template.json' : 'civic.json'}`;
    const r = await analyze(uri, text);
    assert.equal(r.detection?.standardId, 'civic-json');
    const expected = EXPECTED[name];
    if (expected) {
      assert.equal(r.detection?.version, expected.dialect, r.detection?.reason);
      assert.match(r.detection?.reason ?? '', expected.reason);
    } else {
      assert.match(r.detection?.version ?? '', /^(betanyc|codefordc|dc|cfapi)$/);
    }
    assert.ok(!r.findings.some((f) => f.ruleId === 'core/internal-error'), JSON.stringify(r.findings.filter((f) => f.ruleId === 'core/internal-error')));
    for (const f of r.findings) {
      assert.ok(within(text, f), `${f.ruleId} range ${JSON.stringify(f.range)} outside the file`);
      assert.ok(f.message.length > 20 && !/\^|\\[dws]|\[\^/.test(f.message), `message looks raw: ${f.message}`);
      for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(within(text, { ...f, range: e.range }), 'fix edit outside the file');
    }
  });
}

/** Findings as "line:col ruleId" (1-based), for exact verdicts. */
function summary(findings: Finding[]): string[] {
  return findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId}`);
}

test('verdicts of the real files that are clean, or nearly', async () => {
  for (const name of ['CodeForBaltimore__codeforbaltimore__civic.json', 'DCgov__civic.json__civic.json', 'JustFixNYC__tenants__civic.json', 'OpenSTL__stl-datasets__civic.json', 'CodeForAsheville__look-at-asheville__civic.json']) {
    const r = await analyze('file:///repo/civic.json', read(name));
    assert.deepEqual(summary(r.findings), [], name);
  }
  const democracyLab = await analyze('file:///repo/civic.json', read('DemocracyLab__CivicTechExchange__civic.json'));
  assert.deepEqual(summary(democracyLab.findings), ['14:12 hint civic-json/empty-value']);
  const betanyc = await analyze('file:///repo/civic.json', read('BetaNYC__civic.json__civic.json'));
  assert.deepEqual(summary(betanyc.findings), ['5:5 hint civic-json/unknown-key']);
  assert.match(betanyc.findings[0].message, /"name" is not a key of the BetaNYC civic\.json \(it is a key of the DC extended civic\.json\)/);
});

test('DCgov/dc-madison: a homepage without a scheme and a deprecated GPL identifier', async () => {
  const text = read('DCgov__dc-madison__civic.json');
  const r = await analyze('file:///repo/civic.json', text);
  assert.deepEqual(summary(r.findings), ['16:14 information civic-json/license', '17:15 warning civic-json/invalid-url']);
  const [license, homepage] = r.findings;
  assert.match(license.message, /"GPL-3\.0" uses the deprecated SPDX identifier "GPL-3\.0".*"GPL-3\.0-only" or "GPL-3\.0-or-later"/);
  assert.deepEqual(license.fixes?.map((f) => f.edits[0].newText), ['"GPL-3.0-only"', '"GPL-3.0-or-later"']);
  assert.match(homepage.message, /homepage must be an absolute URL.*found "drafts\.dc\.gov"\. Did you mean "https:\/\/drafts\.dc\.gov"\?/);
});

test('caciviclab/disclosure-backend: needs and categories written as texts, each with its repair', async () => {
  const text = read('caciviclab__disclosure-backend__civic.json');
  const r = await analyze('file:///repo/civic.json', text);
  const shape = r.findings.filter((f) => f.ruleId === 'civic-json/shape');
  assert.deepEqual(shape.map((f) => f.pointer), ['/needs/0', '/needs/1', '/needs/2', '/categories/0', '/categories/1']);
  assert.ok(!r.findings.some((f) => f.ruleId === 'civic-json/wrong-type'), 'the shape finding replaces the schema one');
  assert.equal(shape[0].fixes?.[0].edits[0].newText, '{"need": "django"}');
  assert.equal(shape[4].fixes?.[0].edits[0].newText, '{"category": "open data"}');
});

test('civictechdc/ancfinder: invalid JSON (trailing comma) found at the comma, and the rest still checked', async () => {
  const text = read('civictechdc__ancfinder__civic.json');
  const r = await analyze('file:///repo/civic.json', text);
  const syntax = r.findings.filter((f) => f.ruleId === 'json/syntax');
  assert.equal(syntax.length, 1);
  // `{"need":"Python"},` on line 6 (1-based): the comma after the last item.
  assert.deepEqual(syntax[0].range, { start: { line: 5, character: 25 }, end: { line: 5, character: 26 } });
  assert.equal(text.split('\n')[5].slice(25, 26), ',');
  assert.match(syntax[0].message, /Trailing comma/);
  assert.deepEqual(summary(r.findings.filter((f) => f.ruleId !== 'json/syntax')), [
    '16:16 error civic-json/shape',
    '18:21 hint civic-json/empty-value',
    '23:25 error civic-json/shape',
    '25:5 hint civic-json/unknown-key',
    '25:21 hint civic-json/empty-value',
  ]);
  const contact = r.findings.find((f) => f.pointer === '/contact');
  assert.match(contact?.message ?? '', /contact must be one object \(name, email, twitter\) in the Code for DC civic\.json; found a list of 1/);
  const moreInfo = r.findings.find((f) => f.ruleId === 'civic-json/unknown-key');
  assert.match(moreInfo?.message ?? '', /The Code for DC civic\.json calls it "moreInfo"/);
});

test('the DC template: placeholders are reported, without a crash', async () => {
  const r = await analyze('file:///repo/template.json', read('DCgov__civic.json__template.json'));
  const ids = new Set(r.findings.map((f) => f.ruleId));
  assert.ok(ids.has('civic-json/invalid-status'));
  assert.ok(ids.has('civic-json/invalid-url'));
  assert.ok(ids.has('civic-json/invalid-email'));
  assert.equal(r.findings.filter((f) => f.severity === 'error').length, 1, 'only the status is an error');
});

/** Every file under a folder, with the name it had in its repository. */
function walk(folder: string, out: string[] = []): string[] {
  for (const e of readdirSync(folder)) {
    const p = join(folder, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

test('civic-json claims no file of another corpus folder (the official DC schema included)', () => {
  const others = readdirSync(corpus).filter((d) => d !== 'civic-json' && statSync(join(corpus, d)).isDirectory());
  assert.ok(others.length >= 4);
  let checked = 0;
  for (const folder of others) {
    for (const p of walk(join(corpus, folder))) {
      if (!/\.(json|ya?ml)$/i.test(p)) continue;
      const realName = p.split('/').pop()!.split('__').pop()!;
      const uri = `file:///repo/${realName}`;
      const text = readFileSync(p, 'utf8');
      const doc = parseDocument(uri, text);
      const found = detect(uri, text, doc.value);
      assert.notEqual(found?.standard.id, 'civic-json', `${folder}/${p.split('/').pop()} detected as civic.json (${found?.detection.reason})`);
      checked++;
    }
  }
  assert.ok(checked > 50, `only ${checked} files checked`);
});
