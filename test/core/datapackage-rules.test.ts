// The Data Package rules beyond the schema: for each rule a passing and a failing example, taken
// from the real files of shared/corpus/datapackage (unmodified) where one exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import type { Finding, Fix, Workspace } from '../../server/src/core/types';
import { fsWorkspace } from '../helpers/fsWorkspace';

const corpus = resolve(__dirname, '../../../shared/corpus/datapackage');
const EXAMPLE = 'frictionlessdata__example-data-packages__';

function corpusText(name: string): string {
  return readFileSync(join(corpus, name), 'utf8');
}

async function lint(text: string, name = 'datapackage.json', workspace?: Workspace): Promise<Finding[]> {
  return (await analyze(`file:///repo/${name}`, text, { workspace })).findings;
}

async function lintCorpus(file: string): Promise<Finding[]> {
  const name = file.endsWith('.yaml') ? 'datapackage.yaml' : 'datapackage.json';
  return lint(corpusText(file), name);
}

const pkg = (extra: object, resources: object[] = [{ name: 'a', path: 'a.csv' }]) => JSON.stringify({ ...extra, resources }, null, 2);
const V2 = { $schema: 'https://datapackage.org/profiles/2.0/datapackage.json' };
const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

function only(fs: Finding[], id: string, pointer?: string): Finding {
  const hits = byRule(fs, id).filter((f) => pointer === undefined || f.pointer === pointer);
  assert.equal(hits.length, 1, `expected one ${id}${pointer ? ` at ${pointer}` : ''}, got ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.severity, f.message]), null, 1)}`);
  return hits[0];
}

function none(fs: Finding[], id: string): void {
  assert.deepEqual(byRule(fs, id).map((f) => [f.pointer, f.message]), [], `unexpected ${id}`);
}

/** Apply a fix's edits to the text (edits do not overlap). */
function apply(text: string, fix: Fix, name = 'datapackage.json'): string {
  const doc = parseDocument(`file:///repo/${name}`, text);
  const edits = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

test('a clean v2 package has no findings', async () => {
  const text = pkg({ ...V2, name: 'gdp', version: '1.0.0', created: '2024-05-31T12:00:00Z', licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }] }, [
    { name: 'gdp', type: 'table', path: 'data/gdp.csv', schema: { fields: [{ name: 'country', type: 'string' }, { name: 'year', type: 'year' }, { name: 'gdp', type: 'number', constraints: { minimum: 0 } }], primaryKey: ['country', 'year'] } },
  ]);
  assert.deepEqual(await lint(text), []);
});

// ------------------------------------------------------------------------------ version, profile

test('unsupported-version: $schema 3.0 is reported and the file is checked as v2', async () => {
  const f = only(await lint(pkg({ $schema: 'https://datapackage.org/profiles/3.0/datapackage.json' })), 'datapackage/unsupported-version');
  assert.equal(f.pointer, '/$schema');
  assert.match(f.message, /versions are 1 and 2/);
  none(await lint(pkg(V2)), 'datapackage/unsupported-version');
});

test('profile: an unregistered or wrong-kind profile, with a fix; the corpus profiles pass', async () => {
  const typo = only(await lint(pkg({ profile: 'tabular-data-packages' })), 'datapackage/profile');
  assert.match(typo.message, /Did you mean "tabular-data-package"/);
  assert.equal(apply(pkg({ profile: 'tabular-data-packages' }), typo.fixes![0]).includes('"tabular-data-package"'), true);
  const kind = only(await lint(pkg({ profile: 'tabular-data-resource' })), 'datapackage/profile');
  assert.match(kind.message, /Data Resource, but the descriptor is a Data Package/);
  const page = only(await lint(pkg({ $schema: 'https://datapackage.org/standard/data-package/' })), 'datapackage/profile');
  assert.match(page.message, /not a Data Package profile URL/);
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/profile');
});

test('custom-profile: an extension profile is named as not checked (information)', async () => {
  const f = only(await lint(pkg({ $schema: 'https://example.org/camtrap/profile.json' })), 'datapackage/custom-profile');
  assert.equal(f.severity, 'information');
  none(await lint(pkg(V2)), 'datapackage/custom-profile');
  assert.match(only(await lint(pkg({ profile: 'fiscal-data-package' })), 'datapackage/custom-profile').message, /Fiscal Data Package rules/);
  none(await lint(pkg({ profile: 'tabular-data-package' }, [{ name: 'a', path: 'a.csv', profile: 'tabular-data-resource', schema: { fields: [{ name: 'x' }] } }])), 'datapackage/custom-profile');
});

test('yml-extension: datapackage.yml gets an information finding on its first line; .yaml does not', async () => {
  const text = 'resources:\n  - name: a\n    path: a.csv\n';
  const f = only(await lint(text, 'datapackage.yml'), 'datapackage/yml-extension');
  assert.equal(f.severity, 'information');
  assert.equal(f.range.start.line, 0);
  assert.match(f.message, /frictionless-py/);
  none(await lint(text, 'datapackage.yaml'), 'datapackage/yml-extension');
});

test('undeclared-v2: a real file using type: table without $schema; the fix declares v2', async () => {
  const file = 'opendatasicilia__emergenza-idrica-sicilia__datapackage.yaml';
  const text = corpusText(file);
  const f = only(await lintCorpus(file), 'datapackage/undeclared-v2');
  assert.equal(f.severity, 'information');
  assert.equal(f.pointer, '/resources/0/type');
  const fixed = apply(text, f.fixes![0], 'datapackage.yaml');
  assert.match(fixed, /^\$schema: https:\/\/datapackage\.org\/profiles\/2\.0\/datapackage\.json\ntitle:/m);
  const after = await analyze('file:///repo/datapackage.yaml', fixed);
  assert.equal(after.detection?.version, '2');
  assert.deepEqual(after.findings.filter((x) => x.severity === 'error'), []);
  none(await lint(pkg(V2, [{ name: 'a', type: 'table', path: 'a.csv', schema: { fields: [{ name: 'x' }] } }])), 'datapackage/undeclared-v2');
  // A modeline declares the version too.
  none(await lint(`# civic-schemas: datapackage@1\n${text}`, 'datapackage.yaml'), 'datapackage/undeclared-v2');
  // In JSON the fix adds $schema as the first member, with the file's indentation.
  const json = pkg({ name: 'x' }, [{ name: 'a', path: 'a.csv', type: 'table', schema: { fields: [{ name: 'x', categories: ['a', 'b'] }] } }]);
  const jf = only(await lint(json), 'datapackage/undeclared-v2');
  const fixedJson = apply(json, jf.fixes![0]);
  assert.deepEqual(Object.keys(JSON.parse(fixedJson)), ['$schema', 'name', 'resources']);
  assert.match(fixedJson, /^\{\n  "\$schema": "https:\/\/datapackage\.org\/profiles\/2\.0\/datapackage\.json",\n  "name"/);
  assert.deepEqual((jf.data as { features: string[] }).features, ['/resources/0/type', '/resources/0/schema/fields/0/categories']);
});

// ---------------------------------------------------------------------------------- deprecations

test('deprecated-property: v1 forms are warnings in a v2 file, with fixes', async () => {
  const text = pkg({ ...V2, profile: 'tabular-data-package', contributors: [{ title: 'Joe', role: 'author' }] }, [
    { name: 'a', path: 'a.csv', profile: 'tabular-data-resource', dialect: { caseSensitiveHeader: false }, schema: { fields: [{ name: 'id' }, { name: 'p' }], primaryKey: 'id', foreignKeys: [{ fields: 'p', reference: { resource: '', fields: 'id' } }] } },
  ]);
  const fs = byRule(await lint(text), 'datapackage/deprecated-property');
  assert.deepEqual(fs.map((f) => f.pointer).sort(), [
    '/contributors/0/role',
    '/profile',
    '/resources/0/dialect/caseSensitiveHeader',
    '/resources/0/profile',
    '/resources/0/schema/foreignKeys/0/fields',
    '/resources/0/schema/foreignKeys/0/reference/fields',
    '/resources/0/schema/foreignKeys/0/reference/resource',
    '/resources/0/schema/primaryKey',
  ]);
  assert.ok(fs.every((f) => f.severity === 'warning'));
  let fixed = text;
  // Apply every fix, last first so earlier ranges stay valid.
  const all = [...fs].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  for (const f of all) fixed = apply(fixed, f.fixes![0]);
  const value = JSON.parse(fixed);
  assert.equal(value.profile, undefined);
  assert.deepEqual(value.contributors[0], { title: 'Joe', roles: ['author'] });
  assert.equal(value.resources[0].type, 'table');
  assert.deepEqual(value.resources[0].schema.primaryKey, ['id']);
  assert.deepEqual(value.resources[0].schema.foreignKeys[0], { fields: ['p'], reference: { fields: ['id'] } });
  assert.deepEqual(value.resources[0].dialect, {});
  assert.deepEqual(byRule(await lint(fixed), 'datapackage/deprecated-property'), []);
});

test('deprecated-property: in a real v1 file the v1 forms are hints that move the file to v2', async () => {
  const file = 'ministero-salute__it-dgc-opendata__datapackage.yaml';
  const fs = byRule(await lintCorpus(file), 'datapackage/deprecated-property');
  assert.ok(fs.length >= 6);
  assert.ok(fs.every((f) => f.severity === 'hint'));
  const pk = only(fs, 'datapackage/deprecated-property', '/resources/0/schema/primaryKey');
  assert.equal(pk.fixes?.[0].edits[0].newText, '["data"]');
  const prof = only(fs, 'datapackage/deprecated-property', '/profile');
  assert.equal(prof.fixes?.[0].edits[0].newText, '$schema: https://datapackage.org/profiles/2.0/datapackage.json');
  const role = only(fs, 'datapackage/deprecated-property', '/contributors/0/role');
  assert.equal(role.fixes?.[0].edits[0].newText, 'roles: ["author"]');
});

test('deprecated-property: pre-1.0 leftovers in a real file (CT Data Collaborative)', async () => {
  const fs = await lintCorpus('CT-Data-Collaborative__alcohol-use__datapackage.json');
  const dep = byRule(fs, 'datapackage/deprecated-property');
  assert.ok(dep.some((f) => f.pointer === '/datapackage_version'));
  assert.ok(dep.some((f) => f.pointer === '/author'));
  const url = only(dep, 'datapackage/deprecated-property', '/licenses/0/url');
  assert.equal(url.fixes?.[0].edits[0].newText, '"path"');
  // sources[0].name stands in for the v1-required title: an error where the schema's would be.
  const title = only(fs, 'datapackage/deprecated-property', '/sources/0/title');
  assert.equal(title.severity, 'error');
  assert.equal(byRule(fs, 'datapackage/required-key').filter((f) => f.pointer === '/sources/0/title').length, 0);
});

test('deprecated-property: a licence with only id and url (official examples) gets one error and one warning', async () => {
  const fs = byRule(await lintCorpus(`${EXAMPLE}geo-countries__datapackage.json`), 'datapackage/deprecated-property');
  assert.deepEqual(fs.map((f) => [f.pointer, f.severity]), [['/licenses/0/path', 'error'], ['/licenses/0/url', 'warning']]);
  assert.match(fs[0].message, /licenses\[0\]\.id is the pre-1\.0 name of name/);
});

test('deprecated-property: the fmt: prefix of a date format is stripped', async () => {
  const text = pkg(V2, [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'd', type: 'date', format: 'fmt:%d/%m/%Y' }] } }]);
  const f = only(await lint(text), 'datapackage/deprecated-property');
  assert.equal(JSON.parse(apply(text, f.fixes![0])).resources[0].schema.fields[0].format, '%d/%m/%Y');
});

// -------------------------------------------------------------------------------------- resources

test('path-or-data: neither, both, and the pre-1.0 url (renamed by the fix)', async () => {
  const neither = only(await lint(pkg({}, [{ name: 'a' }])), 'datapackage/path-or-data');
  assert.match(neither.message, /add path .* or data/);
  assert.equal(byRule(await lint(pkg({}, [{ name: 'a' }])), 'datapackage/required-key').length, 0, 'the schema finding at the same place is dropped');
  only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', data: [] }])), 'datapackage/path-or-data', '/resources/0/data');
  const text = pkg({}, [{ name: 'a', url: 'https://example.org/a.csv' }]);
  const url = only(await lint(text), 'datapackage/path-or-data');
  assert.match(url.message, /url is the pre-1\.0 name of path/);
  assert.equal(JSON.parse(apply(text, url.fixes![0])).resources[0].path, 'https://example.org/a.csv');
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/path-or-data');
});

test('invalid-path: absolute, parent, hidden (v2 only), ./, backslashes, schemes; real paths pass', async () => {
  const bad = async (path: string, extra: object = V2) => only(await lint(pkg(extra, [{ name: 'a', path }])), 'datapackage/invalid-path');
  assert.match((await bad('/etc/passwd')).message, /absolute path/);
  assert.match((await bad('../secret.csv')).message, /climbs out of the package/);
  assert.match((await bad('data/.git/x.csv')).message, /hidden folder ".git"/);
  none(await lint(pkg({}, [{ name: 'a', path: 'data/.git/x.csv' }])), 'datapackage/invalid-path'); // v1 forbids only a leading dot
  assert.match((await bad('.data/x.csv', {})).message, /must not start with a dot/);
  const dot = await bad('./data/x.csv');
  assert.equal(dot.fixes?.[0].edits[0].newText, '"data/x.csv"');
  const bs = await bad('data\\x.csv');
  assert.equal(bs.fixes?.[0].edits[0].newText, '"data/x.csv"');
  assert.match((await bad('s3://bucket/x.csv')).message, /http, https, ftp or ftps/);
  assert.match((await bad('file:///home/me/x.csv')).message, /file: URL/);
  assert.match((await bad('C:\\data\\x.csv')).message, /absolute Windows path/);
  const lic = only(await lint(pkg({ licenses: [{ name: 'CC0-1.0', path: '../LICENSE' }] })), 'datapackage/invalid-path');
  assert.equal(lic.pointer, '/licenses/0/path');
  assert.equal(lic.severity, 'error');
  // A metadata link with another scheme reads no file: a warning; a data path with it: an error.
  assert.equal(only(await lint(pkg({ contributors: [{ title: 'Jo', path: 'mailto:jo@example.org' }] })), 'datapackage/invalid-path').severity, 'warning');
  assert.equal((await bad('gs://bucket/x.csv')).severity, 'error');
  none(await lintCorpus(`${EXAMPLE}cpi-data-via-url__datapackage.json`), 'datapackage/invalid-path');
  none(await lintCorpus(`${EXAMPLE}periodic-table__datapackage.json`), 'datapackage/invalid-path');
});

test('mixed-paths: URLs and relative paths in one list', async () => {
  only(await lint(pkg({}, [{ name: 'a', path: ['data/a.csv', 'https://example.org/b.csv'] }])), 'datapackage/mixed-paths');
  none(await lint(pkg({}, [{ name: 'a', path: ['data/a.csv', 'data/b.csv'] }])), 'datapackage/mixed-paths');
});

test('duplicate-resource-name: a second resource with the same name; the real two-resource file passes', async () => {
  const f = only(await lint(pkg({}, [{ name: 'gdp', path: 'a.csv' }, { name: 'gdp', path: 'b.csv' }])), 'datapackage/duplicate-resource-name');
  assert.equal(f.pointer, '/resources/1/name');
  none(await lintCorpus(`${EXAMPLE}inflation__datapackage.json`), 'datapackage/duplicate-resource-name');
});

test('duplicate-field-name: an error in v2, a warning in v1', async () => {
  const schema = { fields: [{ name: 'id' }, { name: 'id' }] };
  assert.equal(only(await lint(pkg(V2, [{ name: 'a', path: 'a.csv', schema }])), 'datapackage/duplicate-field-name').severity, 'error');
  assert.equal(only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', schema }])), 'datapackage/duplicate-field-name').severity, 'warning');
  none(await lint(pkg(V2, [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'id' }, { name: 'ID' }] } }])), 'datapackage/duplicate-field-name');
});

// ------------------------------------------------------------------------------------------- keys

const TWO = (fk: object, extraFields: object[] = []) =>
  pkg(V2, [
    { name: 'codes', path: 'codes.csv', schema: { fields: [{ name: 'code' }, { name: 'label' }], primaryKey: ['code'] } },
    { name: 'donations', path: 'donations.csv', schema: { fields: [{ name: 'id' }, { name: 'code' }, ...extraFields], primaryKey: ['id'], foreignKeys: [fk] } },
  ]);

test('key-field: keys naming missing fields, with a case fix; the real primaryKey passes', async () => {
  const text = pkg(V2, [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'Office' }, { name: 'Town' }], primaryKey: ['office'], uniqueKeys: [['Town', 'zip']] } }]);
  const fs = await lint(text);
  const pk = only(fs, 'datapackage/key-field', '/resources/0/schema/primaryKey/0');
  assert.match(pk.message, /did you mean "Office"/);
  assert.deepEqual(JSON.parse(apply(text, pk.fixes![0])).resources[0].schema.primaryKey, ['Office']);
  only(fs, 'datapackage/key-field', '/resources/0/schema/uniqueKeys/0/1');
  const ref = only(await lint(TWO({ fields: ['code'], reference: { resource: 'codes', fields: ['kode'] } })), 'datapackage/key-field');
  assert.equal(ref.pointer, '/resources/1/schema/foreignKeys/0/reference/fields/0');
  assert.match(ref.message, /the resource "codes" has no field/);
  none(await lint(TWO({ fields: ['code'], reference: { resource: 'codes', fields: ['code'] } })), 'datapackage/key-field');
  none(await lintCorpus('ministero-salute__it-dgc-opendata__datapackage.yaml'), 'datapackage/key-field');
});

test('foreign-key-resource: a reference to a resource the package lacks; self-references pass', async () => {
  const f = only(await lint(TWO({ fields: ['code'], reference: { resource: 'code', fields: ['code'] } })), 'datapackage/foreign-key-resource');
  assert.match(f.message, /did you mean "codes"/);
  none(await lint(TWO({ fields: ['code'], reference: { fields: ['id'] } })), 'datapackage/foreign-key-resource');
  none(await lint(TWO({ fields: ['code'], reference: { package: 'https://example.org/datapackage.json', resource: 'elsewhere', fields: ['x'] } })), 'datapackage/foreign-key-resource');
  // v1 self-reference: resource ""
  none(await lint(pkg({}, [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'id' }, { name: 'parent' }], foreignKeys: [{ fields: 'parent', reference: { resource: '', fields: 'id' } }] } }])), 'datapackage/foreign-key-resource');
});

test('foreign-key-count: different numbers of fields on the two sides', async () => {
  only(await lint(TWO({ fields: ['code', 'id'], reference: { resource: 'codes', fields: ['code'] } })), 'datapackage/foreign-key-count');
  none(await lint(TWO({ fields: ['code'], reference: { resource: 'codes', fields: ['code'] } })), 'datapackage/foreign-key-count');
});

// ------------------------------------------------------------------------------------- licences

test('license-name: titles and SPDX ids get the Open Definition id; real ids pass', async () => {
  const text = pkg({ licenses: [{ name: 'Creative Commons Attribution 4.0' }, { name: 'GPL-3.0-only' }, { name: 'CC-BY-3.0' }, { title: 'x' }] });
  const fs = await lint(text);
  const title = only(fs, 'datapackage/license-name', '/licenses/0/name');
  assert.equal(title.severity, 'error', 'a name with spaces fails the id syntax');
  assert.equal(JSON.parse(apply(text, title.fixes![0])).licenses[0].name, 'CC-BY-4.0');
  const spdx = only(fs, 'datapackage/license-name', '/licenses/1/name');
  assert.equal(spdx.severity, 'warning');
  assert.match(spdx.message, /SPDX identifier.*"GPL-3\.0"/);
  assert.match(only(fs, 'datapackage/license-name', '/licenses/2/name').message, /not on the Open Definition licence list/);
  assert.equal(only(fs, 'datapackage/license-name', '/licenses/3/path').severity, 'error');
  assert.equal(byRule(fs, 'datapackage/required-key').length, 0);
  const ct = only(await lintCorpus('CT-Data-Collaborative__alcohol-use__datapackage.json'), 'datapackage/license-name');
  assert.equal(ct.severity, 'error');
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/license-name');
  none(await lintCorpus(`${EXAMPLE}simple-geojson__datapackage.json`), 'datapackage/license-name'); // ODC-PDDL-1.0, a legacy id
});

// ---------------------------------------------------------------------------------------- created

test('created: RFC 3339 date-times; the real value passes', async () => {
  const date = only(await lint(pkg({ created: '2018-03-04' })), 'datapackage/created');
  assert.match(date.message, /date without a time/);
  assert.equal(date.fixes?.[0].isPreferred, false);
  assert.match(only(await lint(pkg({ created: '2018-03-04T05:45:00' })), 'datapackage/created').message, /no time zone/);
  assert.match(only(await lint(pkg({ created: '2018-02-30T05:45:00Z' })), 'datapackage/created').message, /February 2018 has 28 days/);
  assert.match(only(await lint(pkg({ created: '08/27/2018' })), 'datapackage/created').message, /not an RFC 3339/);
  assert.equal(byRule(await lint(pkg({ created: '08/27/2018' })), 'datapackage/invalid-value').length, 0);
  none(await lintCorpus(`${EXAMPLE}text-file__datapackage.json`), 'datapackage/created');
  none(await lint(pkg({ created: '1985-04-12T23:20:50.52+02:00' })), 'datapackage/created');
});

test('inline-data: a string needs format or mediatype; tabular data must be rows', async () => {
  only(await lint(pkg({}, [{ name: 'a', data: 'a,b\n1,2' }])), 'datapackage/inline-data');
  none(await lint(pkg({}, [{ name: 'a', data: 'a,b\n1,2', format: 'csv' }])), 'datapackage/inline-data');
  only(await lint(pkg(V2, [{ name: 'a', type: 'table', data: { a: 1 }, schema: { fields: [{ name: 'a' }] } }])), 'datapackage/inline-data');
  only(await lint(pkg(V2, [{ name: 'a', type: 'table', data: [['a'], { a: 1 }, ['b']], schema: { fields: [{ name: 'a' }] } }])), 'datapackage/inline-data', '/resources/0/data/1');
  none(await lint(pkg(V2, [{ name: 'a', type: 'table', data: [{ a: 1 }, { a: 2 }], schema: { fields: [{ name: 'a' }] } }])), 'datapackage/inline-data');
});

// ------------------------------------------------------------------------------------ Table Schema

const field = (f: object, extra: object = V2) => pkg(extra, [{ name: 'a', path: 'a.csv', schema: { fields: [f] } }]);

test('field-type: common names for types get the Table Schema type; list is v2 only', async () => {
  const f = only(await lint(field({ name: 'x', type: 'float' })), 'datapackage/field-type');
  assert.equal(f.fixes?.[0].edits[0].newText, '"number"');
  assert.equal(byRule(await lint(field({ name: 'x', type: 'float' })), 'datapackage/invalid-value').length, 0);
  assert.equal(only(await lint(field({ name: 'x', type: 'String' })), 'datapackage/field-type').fixes?.[0].edits[0].newText, '"string"');
  assert.match(only(await lint(field({ name: 'x', type: 'list' }, {})), 'datapackage/field-type').message, /only in Data Package v2/);
  none(await lint(field({ name: 'x', type: 'list' })), 'datapackage/field-type');
  none(await lintCorpus(`${EXAMPLE}units-and-prefixes__datapackage.json`), 'datapackage/field-type');
});

test('date-format: strptime patterns from real files pass; pictures and bad directives fail', async () => {
  none(await lintCorpus(`${EXAMPLE}finance-vix__datapackage.json`), 'datapackage/date-format');
  none(await lintCorpus('opendatasicilia__emergenza-idrica-sicilia__datapackage.yaml'), 'datapackage/date-format');
  const pic = only(await lint(field({ name: 'd', type: 'date', format: 'DD/MM/YYYY' })), 'datapackage/date-format');
  assert.equal(pic.fixes?.[0].edits[0].newText, '"%d/%m/%Y"');
  assert.equal(only(await lint(field({ name: 'd', type: 'date', format: 'iso8601' })), 'datapackage/date-format').fixes?.[0].edits[0].newText, '"default"');
  assert.match(only(await lint(field({ name: 'd', type: 'datetime', format: '%Y-%m-%d %Q' })), 'datapackage/date-format').message, /%Q is not a strptime directive/);
  const c = only(await lint(field({ name: 'd', type: 'time', format: '%T' })), 'datapackage/date-format');
  assert.equal(c.severity, 'warning');
  assert.equal(c.fixes?.[0].edits[0].newText, '"%H:%M:%S"');
  assert.match(only(await lint(field({ name: 'd', type: 'string', format: '%Y' })), 'datapackage/date-format').message, /type is string/);
  none(await lint(field({ name: 'd', type: 'date', format: 'any' })), 'datapackage/date-format');
});

test('constraint-type: constraints that do not apply to the field type', async () => {
  const f = only(await lint(field({ name: 'x', type: 'string', constraints: { minimum: 0 } })), 'datapackage/constraint-type');
  assert.equal(f.pointer, '/resources/0/schema/fields/0/constraints/minimum');
  assert.match(f.message, /does not apply to string fields/);
  only(await lint(field({ name: 'x', type: 'integer', constraints: { pattern: '^1' } })), 'datapackage/constraint-type');
  assert.match(only(await lint(field({ name: 'x', constraints: { maximum: 3 } })), 'datapackage/constraint-type').message, /no type/);
  assert.equal(only(await lint(field({ name: 'x', type: 'number', constraints: { exclusiveMinimum: 0 } }, {})), 'datapackage/constraint-type').severity, 'warning');
  none(await lint(field({ name: 'x', type: 'number', constraints: { exclusiveMinimum: 0 } })), 'datapackage/constraint-type');
  none(await lintCorpus(`${EXAMPLE}geo-lat-lon-as-numbers__datapackage.json`), 'datapackage/constraint-type');
  none(await lintCorpus('ministero-salute__it-dgc-opendata__datapackage.yaml'), 'datapackage/constraint-type');
});

test('constraint-value: values the field cannot compare with, crossed bounds, bad patterns', async () => {
  only(await lint(field({ name: 'x', type: 'number', constraints: { minimum: 'ninety' } })), 'datapackage/constraint-value');
  only(await lint(field({ name: 'x', type: 'integer', constraints: { minimum: 10, maximum: 1 } })), 'datapackage/constraint-value', '/resources/0/schema/fields/0/constraints/maximum');
  only(await lint(field({ name: 'x', type: 'string', constraints: { minLength: 5, maxLength: 2 } })), 'datapackage/constraint-value');
  only(await lint(field({ name: 'x', type: 'string', constraints: { pattern: '([a-z' } })), 'datapackage/constraint-value');
  only(await lint(field({ name: 'x', type: 'date', constraints: { minimum: '01/01/2020' } })), 'datapackage/constraint-value');
  only(await lint(field({ name: 'x', type: 'integer', constraints: { enum: [1, 'two'] } })), 'datapackage/constraint-value', '/resources/0/schema/fields/0/constraints/enum/1');
  none(await lintCorpus(`${EXAMPLE}geo-lat-lon-as-numbers__datapackage.json`), 'datapackage/constraint-value'); // "minimum": "-90": a numeric string
});

// ------------------------------------------------------------------------------------------- keys

test('misplaced-key: keys of the schema on the resource (official examples), constraints on the field', async () => {
  const f = only(await lintCorpus(`${EXAMPLE}geopoint-array__datapackage.json`), 'datapackage/misplaced-key');
  assert.equal(f.pointer, '/resources/0/primaryKeys');
  assert.match(f.message, /inside the Table Schema.*spell it primaryKey/);
  assert.match(only(await lint(field({ name: 'x', required: true })), 'datapackage/misplaced-key').message, /is a constraint/);
  assert.match(only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', delimiter: ';' }])), 'datapackage/misplaced-key').message, /inside the dialect/);
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/misplaced-key');
});

test('misspelled-key: schema.primaryKeys in a real file, renamed by the fix', async () => {
  const file = `${EXAMPLE}units-and-prefixes__datapackage.json`;
  const fs = byRule(await lintCorpus(file), 'datapackage/misspelled-key');
  assert.deepEqual(fs.map((f) => f.pointer), ['/resources/0/schema/primaryKeys', '/resources/1/schema/primaryKeys']);
  const fixed = apply(corpusText(file), fs[0].fixes![0]);
  assert.deepEqual(JSON.parse(fixed).resources[0].schema.primaryKey, ['UID']);
  assert.equal(only(await lint(field({ name: 'x', type: 'integer', constraints: { min: 0 } })), 'datapackage/misspelled-key').fixes?.[0].edits[0].newText, '"minimum"');
  assert.equal(only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', mediaType: 'text/csv' }])), 'datapackage/misspelled-key').fixes?.[0].edits[0].newText, '"mediatype"');
  // Custom properties that are not near a standard key are fine (frictionless-py writes scheme and hashing).
  none(await lintCorpus('Andrelamor__crimes-violentos__datapackage.yaml'), 'datapackage/misspelled-key');
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/misspelled-key');
});

test('tabular-resource: a Tabular Data Package needs tabular resources with schemas', async () => {
  const fs = await lint(pkg({ profile: 'tabular-data-package' }, [{ name: 'a', path: 'a.csv' }]));
  assert.deepEqual(byRule(fs, 'datapackage/tabular-resource').map((f) => [f.pointer, f.severity]), [['/resources/0/profile', 'error'], ['/resources/0/schema', 'error']]);
  assert.equal(only(await lint(pkg(V2, [{ name: 'a', type: 'table', path: 'a.csv' }])), 'datapackage/tabular-resource').severity, 'warning');
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/tabular-resource');
  none(await lintCorpus(`${EXAMPLE}donation-codes-via-url__datapackage.json`), 'datapackage/tabular-resource'); // schema given as a URL
});

test('missing-file: relative data paths are looked up in the workspace; URLs and no workspace are skipped', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dp-'));
  const text = corpusText(`${EXAMPLE}cpi__datapackage.json`);
  writeFileSync(join(dir, 'datapackage.json'), text);
  const uri = pathToFileURL(join(dir, 'datapackage.json')).href;
  const ws = fsWorkspace(dir);
  const missing = (await analyze(uri, text, { workspace: ws })).findings;
  const f = only(missing, 'datapackage/missing-file');
  assert.equal(f.pointer, '/resources/0/path');
  assert.equal(f.severity, 'warning');
  mkdirSync(join(dir, 'data'));
  writeFileSync(join(dir, 'data', 'cpi.csv'), 'Country Name,Country Code,Year,CPI\n');
  none((await analyze(uri, text, { workspace: ws })).findings, 'datapackage/missing-file');
  none((await analyze(uri, text)).findings, 'datapackage/missing-file');
  none((await analyze(uri, corpusText(`${EXAMPLE}cpi-data-via-url__datapackage.json`), { workspace: ws })).findings, 'datapackage/missing-file');
  // A path that leaves the workspace is never looked up (invalid-path reports it).
  none((await analyze(uri, pkg({}, [{ name: 'a', path: '../outside.csv' }]), { workspace: ws })).findings, 'datapackage/missing-file');
});

test('hash: digest length and algorithm case', async () => {
  only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', hash: 'sha256:8843d7f92416211de9ebb963ff4ce28125932878' }])), 'datapackage/hash');
  only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', hash: 'abcdef' }])), 'datapackage/hash');
  const upper = only(await lint(pkg({}, [{ name: 'a', path: 'a.csv', hash: 'SHA1:8843d7f92416211de9ebb963ff4ce28125932878' }])), 'datapackage/hash');
  assert.equal(upper.severity, 'warning');
  none(await lint(pkg({}, [{ name: 'a', path: 'a.csv', hash: 'sha1:8843d7f92416211de9ebb963ff4ce28125932878' }])), 'datapackage/hash');
  none(await lint(pkg({}, [{ name: 'a', path: 'a.csv', hash: 'd25c9c77f588f5dc32059d2da1136c02' }])), 'datapackage/hash');
});

test('version-format: v0.1.0 in a real file, with a fix; 2.0.0 passes', async () => {
  const f = only(await lintCorpus(`${EXAMPLE}countries-and-currencies__datapackage.json`), 'datapackage/version-format');
  assert.equal(f.severity, 'information');
  assert.equal(f.fixes?.[0].edits[0].newText, '"0.1.0"');
  none(await lintCorpus(`${EXAMPLE}cpi__datapackage.json`), 'datapackage/version-format');
});

test('contributor-role: v1 roles; real roles pass', async () => {
  const f = only(await lint(pkg({ contributors: [{ title: 'Joe', role: 'Author' }] })), 'datapackage/contributor-role');
  assert.equal(f.fixes?.[0].edits[0].newText, '"author"');
  none(await lint(pkg({ ...V2, contributors: [{ title: 'Joe', role: 'creator' }] })), 'datapackage/contributor-role');
  none(await lintCorpus(`${EXAMPLE}text-file__datapackage.json`), 'datapackage/contributor-role');
});

test('yaml-type: unquoted numbers where text is expected, with a quoting fix; real YAML files pass', async () => {
  const text = 'version: 1.0\nresources:\n  - name: a\n    path: a.csv\n    schema:\n      fields:\n        - name: 2020\n      missingValues: ["", -99]\n';
  const fs = byRule(await lint(text, 'datapackage.yaml'), 'datapackage/yaml-type');
  assert.deepEqual(fs.map((f) => f.pointer), ['/version', '/resources/0/schema/fields/0/name', '/resources/0/schema/missingValues/1']);
  assert.match(fs[0].message, /reads 1\.0 as the number 1/);
  assert.equal(fs[0].fixes?.[0].edits[0].newText, '"1.0"');
  assert.equal(byRule(await lint(text, 'datapackage.yaml'), 'datapackage/wrong-type').length, 0);
  for (const file of ['ministero-salute__it-dgc-opendata__datapackage.yaml', 'opendatasicilia__emergenza-idrica-sicilia__datapackage.yaml', 'Andrelamor__crimes-violentos__datapackage.yaml']) {
    none(await lintCorpus(file), 'datapackage/yaml-type');
  }
});
