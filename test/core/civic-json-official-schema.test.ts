// The official DC extended schema (DCgov/civic.json schemas/schema-v1.json, draft-04) against this tool,
// over the corpus files of the DC dialect: the verdicts (error or not) must agree, and every place where
// they differ by design is listed here with the reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { draftOf, validateAgainst } from '../../server/src/core/validate';
import type { Finding } from '../../server/src/core/types';

const corpus = resolve(__dirname, '../../../shared/corpus');
const official = JSON.parse(readFileSync(join(corpus, 'schemas/DCgov__civic.json__schemas__schema-v1.json'), 'utf8')) as object;
const DC = 'https://raw.githubusercontent.com/DCgov/civic.json/master/schemas/schema-v1.json';

function officialErrors(value: unknown): string[] {
  const r = validateAgainst(official, value);
  assert.equal(r.schemaError, undefined, r.schemaError);
  return r.errors.map((e) => `${e.instancePath || '/'} ${e.keyword}`);
}

function errors(findings: Finding[]): string[] {
  return findings.filter((f) => f.severity === 'error').map((f) => `${f.pointer || '/'} ${f.ruleId}`);
}

test('the official schema is draft-04 and compiles', () => {
  assert.equal(draftOf(official), 'draft-04');
  assert.deepEqual(officialErrors({ name: 'x', status: 'Beta', tags: [] }), []);
  assert.deepEqual(officialErrors({ name: 'x', status: 'beta', tags: [] }), ['/status enum']);
});

test('DC-dialect corpus files: the official schema and this tool give the same verdict', async () => {
  const dir = join(corpus, 'civic-json');
  let compared = 0;
  for (const name of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const r = await analyze('file:///repo/civic.json', text);
    if (r.detection?.version !== 'dc') continue;
    compared++;
    const theirs = officialErrors(r.doc.value);
    const ours = errors(r.findings);
    assert.equal(ours.length > 0, theirs.length > 0, `${name}: official ${JSON.stringify(theirs)} vs ours ${JSON.stringify(ours)}`);
    // Same places: each official error has an error of ours at the same pointer.
    for (const t of theirs) assert.ok(ours.some((o) => o.split(' ')[0] === t.split(' ')[0]), `${name}: official ${t} has no counterpart in ${JSON.stringify(ours)}`);
  }
  assert.ok(compared >= 5, `only ${compared} DC files compared`);
});

test('DCgov template: both reject the placeholder status; this tool adds warnings the schema cannot express', async () => {
  const text = readFileSync(join(corpus, 'civic-json/DCgov__civic.json__template.json'), 'utf8');
  const r = await analyze('file:///repo/template.json', text);
  assert.deepEqual(officialErrors(r.doc.value), ['/status enum']);
  assert.deepEqual(errors(r.findings), ['/status civic-json/invalid-status']);
  // Disagreement by design (not at error level): the official schema types URLs and e-mails as plain
  // strings, so "project homepage" passes; the specification says they are URLs and addresses.
  assert.ok(r.findings.some((f) => f.ruleId === 'civic-json/invalid-url' && f.pointer === '/homepage' && f.severity === 'warning'));
});

test('DCgov/dc-madison: valid for both; warnings for a homepage without a scheme and a deprecated licence id', async () => {
  const text = readFileSync(join(corpus, 'civic-json/DCgov__dc-madison__civic.json'), 'utf8');
  const r = await analyze('file:///repo/civic.json', text);
  assert.deepEqual(officialErrors(r.doc.value), []);
  assert.deepEqual(errors(r.findings), []);
  // The specification: license SHOULD be a *current* SPDX identifier; homepage is a URL.
  assert.deepEqual(r.findings.map((f) => f.ruleId), ['civic-json/license', 'civic-json/invalid-url']);
});

/**
 * Where the verdicts differ, and why. Each case is a DC-dialect file (it carries the DC id).
 * `official`/`ours`: is there an error?
 */
const DISAGREEMENTS: { why: string; value: Record<string, unknown>; official: string[]; ours: string[] }[] = [
  {
    why: 'contact.twitter was added in schema-v1.1.json (same id); v1 leaves it undefined, so any type passes',
    value: { id: DC, name: 'x', status: 'Beta', tags: ['a'], contact: { name: 'A', twitter: 42 } },
    official: [],
    ours: ['/contact/twitter civic-json/wrong-type'],
  },
  {
    why: 'keywords is listed in specification.html as a list of strings; the published schema does not define it',
    value: { id: DC, name: 'x', status: 'Beta', tags: ['a'], keywords: 'budget' },
    official: [],
    ours: ['/keywords civic-json/wrong-type'],
  },
  {
    why: 'a repeated tag is an error for both; this tool underlines the repetition (the official error points at the first occurrence) and offers to remove it',
    value: { id: DC, name: 'x', status: 'Beta', tags: ['housing', 'housing'] },
    official: ['/tags uniqueItems'],
    ours: ['/tags/1 civic-json/duplicate-item'],
  },
  {
    why: 'tags that differ only in case pass the official uniqueItems; this tool warns (not an error), so the verdict is the same',
    value: { id: DC, name: 'x', status: 'Beta', tags: ['Housing', 'housing'] },
    official: [],
    ours: [],
  },
  {
    why: 'geography as one text (the BetaNYC form) fails both; this tool says why and offers the list',
    value: { id: DC, name: 'x', status: 'Beta', tags: ['a'], geography: 'NYC' },
    official: ['/geography type'],
    ours: ['/geography civic-json/shape'],
  },
];

for (const d of DISAGREEMENTS) {
  test(`official vs this tool: ${d.why}`, async () => {
    const r = await analyze('file:///repo/civic.json', JSON.stringify(d.value, null, 2));
    assert.equal(r.detection?.version, 'dc');
    assert.deepEqual(officialErrors(d.value), d.official);
    assert.deepEqual(errors(r.findings), d.ours);
  });
}

test('files of the other dialects fail the official schema by design: it only describes DC extended', async () => {
  // BetaNYC (no name, no tags, geography as a text) and CfAPI ("Official" status) files are valid in
  // their own dialect; the official schema rejects them because it is the DC dialect's schema.
  for (const [name, dialect, official] of [
    ['JustFixNYC__tenants__civic.json', 'betanyc', ['/ required', '/ required', '/geography type']],
    ['OpenSTL__stl-datasets__civic.json', 'cfapi', ['/ required', '/status enum']],
    ['BetaNYC__civic.json__civic.json', 'betanyc', ['/ required', '/geography type']],
  ] as const) {
    const text = readFileSync(join(corpus, 'civic-json', name), 'utf8');
    const r = await analyze('file:///repo/civic.json', text);
    assert.equal(r.detection?.version, dialect);
    assert.deepEqual(officialErrors(r.doc.value), [...official], name);
    assert.deepEqual(errors(r.findings), [], name);
    // Forced to the DC dialect, this tool agrees with the official schema again.
    const forced = await analyze('file:///repo/civic.json', text, { settings: { 'civic-json': { dialect: 'dc' } } });
    assert.ok(errors(forced.findings).length > 0, `${name} forced to dc`);
  }
});
