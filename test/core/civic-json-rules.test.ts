// civic.json rules, each with a failing and a passing example (from the corpus where one exists; the
// inline examples are taken from real civic.json files named in the comments), driven through analyze().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { ruleMeta } from '../../server/src/core/ruleRegistry';
import { civicJson } from '../../server/src/core/standards/civic-json';
import type { Finding, Fix } from '../../server/src/core/types';

const corpus = resolve(__dirname, '../../../shared/corpus/civic-json');
const URI = 'file:///repo/civic.json';

function read(name: string): string {
  return readFileSync(join(corpus, name), 'utf8');
}

async function check(value: unknown | string, options: AnalyzeOptions = {}): Promise<{ text: string; findings: Finding[]; dialect?: string }> {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const r = await analyze(URI, text, options);
  return { text, findings: r.findings, dialect: r.detection?.version };
}

function only(findings: Finding[], ruleId: string): Finding[] {
  return findings.filter((f) => f.ruleId === ruleId);
}

/** The text after applying a fix (edits in reverse document order). */
function apply(text: string, fix: Fix): string {
  const doc = parseDocument(URI, text);
  const edits = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const DC = 'https://raw.githubusercontent.com/DCgov/civic.json/master/schemas/schema-v1.json';

test('rule ids: declared once, with severities and titles', () => {
  const ids = civicJson.rules.flatMap((r) => r.meta.map((m) => m.id));
  assert.equal(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^civic-json\//);
  assert.equal(ruleMeta('civic-json/unknown-key')?.severity, 'hint', 'unknown keys are allowed: a hint, not the schema layer\'s error');
  assert.equal(ruleMeta('civic-json/recommended-value')?.severity, 'information');
  assert.equal(ruleMeta('civic-json/invalid-status')?.severity, 'error');
});

test('not-a-manifest: a civic.json with none of the keys (a graph called civic.json, MicrosoftTCE/civic-graph-API)', async () => {
  const bad = await check({ nodes: [{ ID: 0, name: 'Knight Foundation' }], links: [{ source: 0, target: 1 }] });
  assert.equal(bad.dialect, 'cfapi');
  const [f] = only(bad.findings, 'civic-json/not-a-manifest');
  assert.match(f.message, /none of the keys civic\.json defines .*: it has "nodes", "links"/);
  assert.deepEqual(bad.findings.map((x) => x.ruleId), ['civic-json/not-a-manifest'], 'nothing else: no unknown-key flood, no required keys');
  const good = await check(read('OpenSTL__stl-datasets__civic.json'));
  assert.deepEqual(only(good.findings, 'civic-json/not-a-manifest'), []);
});

test('unknown-key: a hint naming the dialect that has the key, a rename for near-misses and equivalents', async () => {
  // codefordc/code-corps-api: DC extended keys with BetaNYC's thumbnailUrl.
  const corps = await check({ name: 'Code Corps', status: 'Beta', homepage: 'https://www.codecorps.org', geography: [], tags: ['open source'], thumbnailUrl: 'https://d3pgew4wbk2vb1.cloudfront.net/projects/1/thumb.png' });
  assert.equal(corps.dialect, 'dc');
  const [thumb] = only(corps.findings, 'civic-json/unknown-key');
  assert.equal(thumb.severity, 'hint');
  assert.match(thumb.message, /"thumbnailUrl" is not a key of the DC extended civic\.json \(it is a key of the BetaNYC civic\.json or Code for DC civic\.json\)\. Extra keys are allowed.*calls it "thumbnail"/);
  assert.match(apply(corps.text, thumb.fixes![0]), /"thumbnail": "https:/);
  const typo = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, repositroy: 'https://github.com/a/b', contact: { name: 'A', emial: 'a@b.org' } });
  const hints = only(typo.findings, 'civic-json/unknown-key');
  assert.deepEqual(hints.map((h) => h.pointer), ['/repositroy', '/contact/emial']);
  assert.match(hints[0].message, /Did you mean "repository"\?/);
  assert.match(hints[1].message, /in contact\. .*Did you mean "email"\?/);
  // Lichfield-District-Council/Ratemyplace: linked-data extension keys.
  const lichfield = await check({ status: 'Production', geography: 'Staffordshire', categories: [{ category: 'Food Safety' }], owner: { name: 'Lichfield District Council', '@id': 'http://gov.uk/councils/lichfield-district-council' } });
  assert.match(only(lichfield.findings, 'civic-json/unknown-key')[0].message, /"owner" is not a key of the BetaNYC civic\.json \(it comes from LocalGov Digital's linked-data extension/);
  // Keys inside name → URL mappings are free.
  const pass = await check(read('JustFixNYC__tenants__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/unknown-key'), []);
  const map = await check({ conformsTo: 'http://codefordc.org/resources/specification.html', communityPartner: { 'WAMU 88.5': 'http://wamu.org' } });
  assert.deepEqual(only(map.findings, 'civic-json/unknown-key'), []);
});

test('invalid-status (DC extended): one of five values, with the near miss as a fix; the schema finding gives way', async () => {
  const bad = await check({ name: 'x', status: 'production', tags: ['a'], id: DC });
  const [f] = only(bad.findings, 'civic-json/invalid-status');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /status must be one of Ideation, Alpha, Beta, Production, Archival in the DC extended civic\.json, with this capitalisation; found "production"\. Did you mean "Production"\?/);
  assert.equal(f.fixes?.[0].isPreferred, true);
  assert.match(apply(bad.text, f.fixes![0]), /"status": "Production"/);
  assert.deepEqual(only(bad.findings, 'civic-json/invalid-value'), [], 'no second finding from the schema enum');
  // A status from another vocabulary: a suggestion, not a sure repair.
  const official = await check({ name: 'x', status: 'Official', tags: ['a'], id: DC });
  assert.equal(only(official.findings, 'civic-json/invalid-status')[0].fixes?.[0].isPreferred, false);
  assert.match(only(official.findings, 'civic-json/invalid-status')[0].message, /Did you mean "Production"\?/);
  const template = await check(read('DCgov__civic.json__template.json'));
  assert.equal(only(template.findings, 'civic-json/invalid-status').length, 1);
  const good = await check(read('DCgov__civic.json__civic.json'));
  assert.deepEqual(only(good.findings, 'civic-json/invalid-status'), []);
});

test('recommended-value: free-text status and type, information with the recommended list', async () => {
  // citygram/citygram-services: "In Development" in a BetaNYC file.
  const citygram = await check({ status: 'In Development', bornAt: 'BetaNYC Hacknights', geography: 'NYC', type: 'API' });
  const [status, type] = only(citygram.findings, 'civic-json/recommended-value');
  assert.equal(status.severity, 'information');
  assert.match(status.message, /status "In Development" is not one of the values the BetaNYC civic\.json recommends: Ideation, Alpha, Beta, Production, Archival\. Any text is allowed.*Did you mean "Alpha"\?/);
  assert.match(type.message, /type "API" is not one of the values the BetaNYC civic\.json recommends: Web App, Mobile App, Policy Document, Dataset/);
  assert.equal(type.fixes, undefined);
  // cmgiven/dc-handguns: "Web app" → "Web App", a sure repair.
  const handguns = await check({ conformsTo: 'http://codefordc.org/resources/specification.html', status: 'Archival', type: 'Web app' });
  const [webApp] = only(handguns.findings, 'civic-json/recommended-value');
  assert.equal(webApp.fixes?.[0].isPreferred, true);
  assert.match(apply(handguns.text, webApp.fixes![0]), /"type": "Web App"/);
  // CfAPI: Code for America's stages.
  const cfapi = await check({ status: 'production', tags: ['budget'] });
  assert.equal(cfapi.dialect, 'cfapi');
  assert.match(only(cfapi.findings, 'civic-json/recommended-value')[0].message, /Experiment, Alpha, Beta, Official \(Code for America's project stages\).*Did you mean "Official"\?/);
  const pass = await check(read('CodeForAsheville__look-at-asheville__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/recommended-value'), []);
  const passNyc = await check(read('JustFixNYC__tenants__civic.json'));
  assert.deepEqual(only(passNyc.findings, 'civic-json/recommended-value'), []);
});

test('shape: geography text vs list — the DC / BetaNYC clash — with the repair for each dialect', async () => {
  const dc = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, geography: 'NYC' });
  const [f] = only(dc.findings, 'civic-json/shape');
  assert.equal(f.pointer, '/geography');
  assert.match(f.message, /geography must be a list of places in the DC extended civic\.json; found the text "NYC", the BetaNYC form\. Write \["NYC"\]/);
  assert.match(apply(dc.text, f.fixes![0]), /"geography": \["NYC"\]/);
  assert.deepEqual(only(dc.findings, 'civic-json/wrong-type'), [], 'the schema finding gives way');
  const nyc = await check({ status: 'Beta', bornAt: 'x', needs: [], geography: ['Baltimore', 'MD'] }, { settings: { 'civic-json': { dialect: 'betanyc' } } });
  const [g] = only(nyc.findings, 'civic-json/shape');
  assert.match(g.message, /geography must be one text in the BetaNYC civic\.json; found a list, the DC extended form\. Write "Baltimore, MD"/);
  assert.equal(g.fixes?.[0].edits[0].newText, '"Baltimore, MD"');
  const pass = await check(read('DCgov__dc-madison__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/shape'), []);
});

test('shape: contact as a list, tags as a text, data in the other dialect\'s form, an empty partner text', async () => {
  const anc = await check(read('civictechdc__districthousing__civic.json'));
  const [contact] = only(anc.findings, 'civic-json/shape');
  assert.equal(contact.pointer, '/contact');
  const fixed = apply(anc.text, contact.fixes![0]);
  assert.equal(JSON.parse(fixed).contact.name, 'Marcus Louie');
  const tags = await check({ status: 'Beta', tags: 'budget, open data' }, { settings: { 'civic-json': { dialect: 'cfapi' } } });
  const [t] = only(tags.findings, 'civic-json/shape');
  assert.match(t.message, /tags must be a list of texts in the Code for America API civic\.json; found the text "budget, open data", which the CfAPI ignores/);
  assert.equal(t.fixes?.[0].edits[0].newText, '["budget", "open data"]');
  const dataMap = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, data: { 'DC handgun ownership': 'https://example.org/data' } });
  const [d] = only(dataMap.findings, 'civic-json/shape');
  assert.deepEqual(JSON.parse(apply(dataMap.text, d.fixes![0])).data, [{ name: 'DC handgun ownership', url: 'https://example.org/data' }]);
  const dataList = await check({ conformsTo: 'http://codefordc.org/resources/specification.html', data: [{ name: 'Permits', url: 'https://example.org/p.csv' }] });
  const [l] = only(dataList.findings, 'civic-json/shape');
  assert.deepEqual(JSON.parse(apply(dataList.text, l.fixes![0])).data, { Permits: 'https://example.org/p.csv' });
  const ancfinder = await check(read('civictechdc__ancfinder__civic.json'));
  const partner = only(ancfinder.findings, 'civic-json/shape').find((x) => x.pointer === '/communityPartner');
  assert.match(partner?.message ?? '', /communityPartner must be a mapping of names to URLs.*found the text ""\. Write \{\}/);
  const entity = await check({ status: 'Alpha', bornAt: 'Code FOR DC', geography: 'DC', politicalEntity: { 'DC Council': 'dccouncil.us' } }, { settings: { 'civic-json': { dialect: 'betanyc' } } });
  assert.match(only(entity.findings, 'civic-json/shape')[0].message, /politicalEntity must be one text in the BetaNYC civic\.json; found a mapping of names to URLs, the Code for DC form\. Write "DC Council"/);
  const pass = await check(read('CodeForBaltimore__codeforbaltimore__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/shape'), []);
});

test('keywords-for-tags (DC): keywords from the prose specification instead of the tags the schema requires', async () => {
  // DCgov/open-source-guidelines
  const bad = await check({ name: 'Open Source Guidelines', status: 'Beta', keywords: ['open source', 'guide'], id: 'https://raw.githubusercontent.com/DCgov/civic.json/master/schema.json' });
  const [f] = only(bad.findings, 'civic-json/keywords-for-tags');
  assert.equal(f.severity, 'error');
  assert.match(f.message, /Missing required key "tags".*lists them under "keywords" \(the name specification\.html uses\)/);
  assert.deepEqual(only(bad.findings, 'civic-json/required-key'), [], 'replaces the schema finding');
  assert.equal(bad.text.split('\n')[f.range.start.line].trim().startsWith('"keywords"'), true, 'underlines keywords');
  assert.deepEqual(JSON.parse(apply(bad.text, f.fixes![0])).tags, ['open source', 'guide']);
  const pass = await check(read('DCgov__civic.json__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/keywords-for-tags'), []);
});

test('license: SPDX identifier or URL; a licence name gets its SPDX id as a fix; deprecated ids; severity by dialect', async () => {
  const name = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, license: 'Apache License 2.0' });
  const [f] = only(name.findings, 'civic-json/license');
  assert.equal(f.severity, 'information', 'DC extended says SHOULD');
  assert.match(f.message, /license "Apache License 2\.0" is not an SPDX licence identifier; civic\.json extended says it SHOULD be an identifier from https:\/\/spdx\.org\/licenses\/ .* Did you mean "Apache-2\.0"\?/);
  assert.match(apply(name.text, f.fixes![0]), /"license": "Apache-2\.0"/);
  const nyc = await check({ status: 'Beta', bornAt: 'x', geography: 'NYC', license: 'GNU General Public License v3.0' });
  assert.equal(only(nyc.findings, 'civic-json/license')[0].severity, 'hint', 'license is not a BetaNYC key: a hint');
  const lower = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, license: 'mit' });
  const [c] = only(lower.findings, 'civic-json/license');
  assert.equal(c.severity, 'hint');
  assert.equal(c.fixes?.[0].edits[0].newText, '"MIT"');
  const madison = await check(read('DCgov__dc-madison__civic.json'));
  assert.equal(only(madison.findings, 'civic-json/license').length, 1);
  for (const passing of ['DCgov__civic.json__civic.json', 'CodeForBaltimore__codeforbaltimore__civic.json', 'DemocracyLab__CivicTechExchange__civic.json']) {
    assert.deepEqual(only((await check(read(passing))).findings, 'civic-json/license'), [], passing);
  }
  const expr = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, license: 'MIT OR Apache-2.0' });
  assert.deepEqual(only(expr.findings, 'civic-json/license'), []);
});

test('invalid-url: URL keys of each dialect, with the repair when it is clear', async () => {
  const madison = await check(read('DCgov__dc-madison__civic.json'));
  const [home] = only(madison.findings, 'civic-json/invalid-url');
  assert.equal(home.pointer, '/homepage');
  assert.equal(home.severity, 'warning');
  assert.equal(home.fixes?.[0].edits[0].newText, '"https://drafts.dc.gov"');
  // DCCouncil/dc-law: Code for DC name → URL mappings without a scheme.
  const dcLaw = await check({ status: 'Alpha', bornAt: 'Code FOR DC', geography: 'DC', politicalEntity: { 'DC Council': 'dccouncil.us' }, governmentPartner: { 'DC Council': 'dccouncil.us' } });
  assert.equal(dcLaw.dialect, 'codefordc');
  assert.deepEqual(only(dcLaw.findings, 'civic-json/invalid-url').map((f) => f.pointer), ['/politicalEntity/DC Council', '/governmentPartner/DC Council']);
  assert.match(only(dcLaw.findings, 'civic-json/invalid-url')[0].message, /politicalEntity\["DC Council"\] must be an absolute URL/);
  const typo = await check({ status: 'Beta', geography: 'NYC', bornAt: 'x', thumbnailUrl: 'http;//example.org/logo.png' });
  const [t] = only(typo.findings, 'civic-json/invalid-url');
  assert.equal(t.fixes?.[0].edits[0].newText, '"http://example.org/logo.png"');
  assert.equal(t.fixes?.[0].isPreferred, true);
  const pass = await check(read('DemocracyLab__CivicTechExchange__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/invalid-url'), []);
});

test('invalid-email: contact and partner e-mail addresses', async () => {
  const template = await check(read('DCgov__civic.json__template.json'));
  assert.deepEqual(only(template.findings, 'civic-json/invalid-email').map((f) => f.pointer), ['/contact/email', '/partners/0/email']);
  const mailto = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, contact: { name: 'A', email: 'mailto:open@dc.gov' } });
  const [m] = only(mailto.findings, 'civic-json/invalid-email');
  assert.match(m.message, /contact\.email must be an e-mail address such as name@example\.org; found "mailto:open@dc\.gov"\. Write "open@dc\.gov"/);
  assert.equal(m.fixes?.[0].edits[0].newText, '"open@dc.gov"');
  const pass = await check(read('DCgov__civic.json__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/invalid-email'), []);
});

test('duplicate-item: a tag twice (an error where DC requires unique items), differing case (a warning), with removal', async () => {
  const exact = await check({ name: 'x', status: 'Beta', id: DC, tags: ['housing', 'budget', 'housing'] });
  const [e] = only(exact.findings, 'civic-json/duplicate-item');
  assert.equal(e.severity, 'error');
  assert.equal(e.pointer, '/tags/2');
  assert.match(e.message, /tags lists "housing" twice, as items 1 and 3; civic\.json extended requires each item once/);
  assert.deepEqual(JSON.parse(apply(exact.text, e.fixes![0])).tags, ['housing', 'budget']);
  assert.deepEqual(only(exact.findings, 'civic-json/invalid-value'), [], 'the schema uniqueItems finding gives way');
  const cased = await check({ status: 'Beta', bornAt: 'x', geography: 'DC', categories: [{ category: 'Housing' }, { category: 'housing ' }] });
  const [c] = only(cased.findings, 'civic-json/duplicate-item');
  assert.equal(c.severity, 'warning');
  assert.match(c.message, /differ only in case or spaces/);
  assert.deepEqual(JSON.parse(apply(cased.text, c.fixes![0])).categories, [{ category: 'Housing' }]);
  const pass = await check(read('DCgov__civic.json__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/duplicate-item'), []);
});

test('empty-value: placeholders left empty; the removal keeps the JSON valid', async () => {
  const dl = await check(read('DemocracyLab__CivicTechExchange__civic.json'));
  const [f] = only(dl.findings, 'civic-json/empty-value');
  assert.equal(f.pointer, '/contact/url');
  assert.equal(f.severity, 'hint');
  const after = JSON.parse(apply(dl.text, f.fixes![0]));
  assert.deepEqual(after.contact, { name: 'Mark Frischmuth', email: 'hello@democracylab.org' });
  const first = await check('{\n  "status": "Beta",\n  "x": {"a": "", "b": 1}\n}', { settings: { 'civic-json': { dialect: 'betanyc' } } });
  assert.deepEqual(JSON.parse(apply(first.text, only(first.findings, 'civic-json/empty-value')[0].fixes![0])).x, { b: 1 });
  const pass = await check(read('JustFixNYC__tenants__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/empty-value'), []);
});

test('recommended-key (DC): strongly recommended keys; adding "id" keeps the JSON valid', async () => {
  const corps = await check({ name: 'Code Corps', status: 'Beta', homepage: 'https://www.codecorps.org', repository: 'https://github.com/code-corps/code-corps-api', license: 'MIT', description: 'x', geography: [], contact: { name: 'Josh Smith', email: 'josh@codecorps.org' }, tags: ['open source'] });
  const [f] = only(corps.findings, 'civic-json/recommended-key');
  assert.match(f.message, /strongly recommends "id", which is missing/);
  assert.equal(JSON.parse(apply(corps.text, f.fixes![0])).id, DC);
  const pass = await check(read('CodeForBaltimore__codeforbaltimore__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/recommended-key'), []);
});

test('unreachable-contact: a contact or partner with a name only', async () => {
  const dc = await check({ name: 'x', status: 'Beta', tags: ['a'], id: DC, contact: { name: 'Emanuel Feld' }, partners: [{ name: 'OCTO', email: 'open@dc.gov' }, { name: 'Someone' }] });
  assert.deepEqual(only(dc.findings, 'civic-json/unreachable-contact').map((f) => f.pointer), ['/contact', '/partners/1']);
  const cfdc = await check({ conformsTo: 'http://codefordc.org/resources/specification.html', contact: { name: 'Chris Given' } });
  assert.match(only(cfdc.findings, 'civic-json/unreachable-contact')[0].message, /no e-mail address or Twitter handle/);
  const pass = await check(read('DCgov__civic.json__civic.json'));
  assert.deepEqual(only(pass.findings, 'civic-json/unreachable-contact'), []);
});

test('schema layer: required keys, types and lengths of the DC dialect, in words', async () => {
  const r = await check({ id: DC, name: '', status: 3, contact: { email: 'a@b.org' } });
  const by = (id: string) => only(r.findings, id).map((f) => `${f.pointer} ${f.message}`);
  assert.deepEqual(by('civic-json/required-key'), ['/tags Missing required key "tags" at the top level; add it.', '/contact/name Missing required key "name" in contact; add it.']);
  assert.deepEqual(by('civic-json/wrong-type'), ['/status status must be a text; found the number 3.']);
  assert.deepEqual(by('civic-json/length'), ['/name name must be at least 1 characters long; it has 0. It must not be empty.']);
  const cfapi = await check({ status: 'Beta', tags: ['a', { tag: 'b' }, 3] });
  assert.match(only(cfapi.findings, 'civic-json/wrong-type')[0].message, /tags\[2\] must be a text or a \{"tag": …\} object; found the number 3/);
});
