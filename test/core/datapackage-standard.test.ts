// The Data Package StandardDefinition: association (file names, declarations), version dispatch
// (v1 by default, as the v2 standard says), descriptor kinds, and which corpus files it claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { analyze, prepare } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { datapackage } from '../../server/src/core/standards/datapackage';
import { declarationOf, kindOf } from '../../server/src/core/standards/datapackage/descriptor';
import { normalizeVersion, parseProfileUrl } from '../../server/src/core/standards/datapackage/vocabulary';

const corpus = resolve(__dirname, '../../../shared/corpus');

test('identity: id, file names, versions, schema prefix, schemas', () => {
  assert.equal(datapackage.id, 'datapackage');
  assert.equal(datapackage.schemaRulePrefix, 'datapackage');
  for (const n of ['datapackage.json', 'datapackage.yaml', 'datapackage.yml']) assert.ok(datapackage.matchesFileName(n), n);
  for (const n of ['data.json', 'publiccode.yml', 'civic.json', 'my-datapackage.json', 'datapackage.json.bak', 'tableschema.json']) assert.ok(!datapackage.matchesFileName(n), n);
  assert.deepEqual(datapackage.versions, ['1', '2']);
  assert.equal(datapackage.defaultVersion, '1');
  assert.deepEqual(Object.keys(datapackage.schemas).sort(), ['dialect-1', 'dialect-2', 'package-1', 'package-2', 'resource-1', 'resource-2', 'schema-1', 'schema-2']);
});

test('profile URLs and versions', () => {
  assert.deepEqual(parseProfileUrl('https://datapackage.org/profiles/2.0/datapackage.json'), { major: '2', minor: '0', kind: 'package' });
  assert.deepEqual(parseProfileUrl('https://datapackage.org/profiles/1.0/tableschema.json'), { major: '1', minor: '0', kind: 'schema' });
  assert.deepEqual(parseProfileUrl('https://specs.frictionlessdata.io/schemas/tabular-data-package.json'), { major: '1', kind: 'package', registryId: 'tabular-data-package' });
  assert.equal(parseProfileUrl('https://example.org/profile.json'), undefined);
  assert.equal(normalizeVersion('1.0'), '1');
  assert.equal(normalizeVersion('2.1'), '2');
  assert.equal(normalizeVersion('3'), undefined);
});

test('detectFromContent: $schema, profile, pre-1.0 markers; nothing for other JSON', () => {
  const d = (v: unknown) => datapackage.detectFromContent(v);
  assert.deepEqual(d({ $schema: 'https://datapackage.org/profiles/2.0/datapackage.json', resources: [] }), {
    version: '2',
    reason: '$schema: "https://datapackage.org/profiles/2.0/datapackage.json"',
  });
  assert.equal(d({ $schema: 'https://datapackage.org/profiles/1.0/datapackage.json' })?.version, '1');
  assert.equal(d({ $schema: 'https://datapackage.org/profiles/2.0/tableschema.json', fields: [] })?.version, '2');
  assert.equal(d({ profile: 'tabular-data-package', resources: [] })?.version, '1');
  assert.equal(d({ profile: 'tabular-data-resource', name: 'a', path: 'a.csv' })?.version, '1');
  assert.equal(d({ profile: 'https://specs.frictionlessdata.io/schemas/data-package.json' })?.version, '1');
  assert.equal(d({ $schema: 'https://example.org/camtrap-dp/profile.json', resources: [] })?.version, '2');
  assert.equal(d({ profile: 'https://example.org/fiscal.json', resources: [] })?.version, '1');
  assert.equal(d({ datapackage_version: '1.0-beta.18', resources: [] })?.version, '1');
  // Not claimed: a JSON Schema, a profile key of something else, a bare name/resources, DCAT, civic.json.
  assert.equal(d({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }), undefined);
  assert.equal(d({ $schema: 'https://example.org/profile.json', name: 'x' }), undefined);
  assert.equal(d({ profile: 'admin', name: 'x' }), undefined);
  assert.equal(d({ name: 'x', resources: [] }), undefined);
  assert.equal(d({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset: [] }), undefined);
  assert.equal(d(['a']), undefined);
  assert.equal(d(undefined), undefined);
});

test('association: v1 by default (the spec\'s default profile), v2 by $schema or modeline', async () => {
  const byName = await analyze('file:///repo/datapackage.json', '{"resources": [{"name": "a", "path": "a.csv"}]}');
  assert.equal(byName.detection?.standardId, 'datapackage');
  assert.equal(byName.detection?.version, '1');
  assert.equal(byName.detection?.reason, 'file name datapackage.json');
  const declared = await analyze('file:///repo/meta/package.json', '{"$schema": "https://datapackage.org/profiles/2.0/datapackage.json", "resources": [{"name": "a", "path": "a.csv"}]}');
  assert.equal(declared.detection?.standardId, 'datapackage');
  assert.equal(declared.detection?.version, '2');
  const modeline = await analyze('file:///repo/package.yaml', '# civic-schemas: datapackage@2\nresources:\n  - name: a\n    path: a.csv\n');
  assert.equal(modeline.detection?.version, '2');
  assert.match(modeline.detection?.reason ?? '', /modeline/);
  assert.equal((await analyze('file:///repo/other.json', '{"name": "x", "resources": []}')).detection, undefined);
});

test('descriptor kinds: standalone resources, Table Schemas and dialects get their own root schema', () => {
  const pick = (uri: string, text: string) => prepare(uri, text).schemaId;
  assert.equal(pick('file:///r/datapackage.json', '{"resources": []}'), 'package-1');
  assert.equal(pick('file:///r/schema.json', '{"$schema": "https://datapackage.org/profiles/2.0/tableschema.json", "fields": [{"name": "a"}]}'), 'schema-2');
  assert.equal(pick('file:///r/resource.json', '{"$schema": "https://datapackage.org/profiles/2.0/dataresource.json", "name": "a", "path": "a.csv"}'), 'resource-2');
  assert.equal(pick('file:///r/dialect.json', '{"$schema": "https://datapackage.org/profiles/2.0/tabledialect.json", "delimiter": ";"}'), 'dialect-2');
  assert.equal(pick('file:///r/schema.yaml', '# civic-schemas: datapackage@1\nfields:\n  - name: a\n'), 'schema-1');
  // A file named datapackage.json holds a package, whatever it contains.
  assert.equal(pick('file:///r/datapackage.yaml', 'fields:\n  - name: a\n'), 'package-1');
  assert.equal(kindOf({ profile: 'tabular-data-resource', name: 'a', path: 'a.csv' }), 'resource');
  assert.deepEqual(declarationOf({ profile: 'https://example.org/x.json' }), { by: 'profile', value: 'https://example.org/x.json', custom: true });
  assert.deepEqual(declarationOf({}), { by: 'none' });
});

test('a standalone Table Schema is checked as one: keys refer to its own fields', async () => {
  const text = '{"$schema": "https://datapackage.org/profiles/2.0/tableschema.json", "fields": [{"name": "id", "type": "int"}], "primaryKey": ["ID"]}';
  const r = await analyze('file:///repo/tableschema.json', text);
  assert.deepEqual(r.findings.map((f) => [f.ruleId, f.pointer]), [['datapackage/field-type', '/fields/0/type'], ['datapackage/key-field', '/primaryKey/0']]);
  const missing = await analyze('file:///repo/tableschema.json', '{"$schema": "https://datapackage.org/profiles/2.0/tableschema.json"}');
  assert.deepEqual(missing.findings.map((f) => [f.ruleId, f.pointer]), [['datapackage/required-key', '/fields']]);
});

test('chooseSchema: an unsupported version is reported and checked as v2', () => {
  const doc = parseDocument('file:///r/datapackage.json', '{"$schema": "https://datapackage.org/profiles/3.0/datapackage.json", "resources": []}');
  const choice = datapackage.chooseSchema({ standardId: 'datapackage', version: '3', reason: '' }, doc, {});
  assert.equal(choice.schemaId, 'package-2');
  assert.deepEqual(choice.findings?.map((f) => [f.ruleId, f.pointer]), [['datapackage/unsupported-version', '/$schema']]);
  const ok = datapackage.chooseSchema({ standardId: 'datapackage', version: '2', reason: '' }, doc, {});
  assert.deepEqual(ok.findings, []);
});

test('the rules declare their ids once, with a severity and a title', () => {
  const ids = datapackage.rules.flatMap((r) => r.meta.map((m) => m.id));
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  for (const r of datapackage.rules) for (const m of r.meta) assert.ok(m.id.startsWith('datapackage/') && m.title.length > 10 && ['error', 'warning', 'information', 'hint'].includes(m.severity), m.id);
});

// --------------------------------------------------------------------------- corpus association

/** Original file name of each corpus file (SOURCES.tsv `path`), so that detection sees real names. */
function originalNames(): Map<string, string> {
  const out = new Map<string, string>();
  const tsv = join(corpus, 'SOURCES.tsv');
  if (!existsSync(tsv)) return out;
  for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
    const cols = line.split('\t');
    if (cols.length > 3 && cols[1]) out.set(cols[1], cols[3]);
  }
  return out;
}

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(json|ya?ml)$/i.test(e)) out.push(p);
    }
  };
  for (const d of readdirSync(corpus)) if (d !== 'schemas' && statSync(join(corpus, d)).isDirectory()) walk(join(corpus, d));
  return out;
}

test('corpus: every Data Package is claimed as datapackage, nothing else is', async () => {
  const names = originalNames();
  const claimed: string[] = [];
  const missed: string[] = [];
  const all = corpusFiles();
  assert.ok(all.filter((f) => f.includes('/datapackage/')).length >= 20 && all.length > 60, `only ${all.length} corpus files`);
  for (const file of all) {
    const rel = file.slice(corpus.length + 1);
    const text = readFileSync(file, 'utf8');
    const isDp = rel.startsWith('datapackage/');
    // Both the name it has in its repository and the corpus name (which hides the standard file name).
    for (const name of [basename(names.get(rel) ?? rel), basename(rel)]) {
      const { detection } = prepare(`file:///corpus/x/${name}`, text);
      if (isDp && name === basename(names.get(rel) ?? rel) && detection?.standardId !== 'datapackage') missed.push(rel);
      if (!isDp && detection?.standardId === 'datapackage') claimed.push(`${rel} as ${name}`);
    }
  }
  assert.deepEqual(missed, [], 'Data Packages not detected under their own file names');
  assert.deepEqual(claimed, [], 'files of other standards claimed as Data Packages');
});
