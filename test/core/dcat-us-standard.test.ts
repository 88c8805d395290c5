// DCAT-US as a standard: detection (specific, never another standard's files), version dispatch
// (conformsTo 1.1, a plain list = 1.0), profiles (federal by default, non-federal by setting), single
// dataset entries in YAML, the bundled schemas (compile, hover, completion) and linear cost on big catalogs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, prepare } from '../../server/src/core/analyze';
import { complete } from '../../server/src/core/complete';
import { hover } from '../../server/src/core/hover';
import { getStandard } from '../../server/src/core/standards';
import { compileSchema } from '../../server/src/core/validate';
import { applyFix, byRule, catalog, catalogWith, CONFORMS, corpus, dataset, errors, lint, only, realDir, show } from './dcat-us-fixtures';

const standard = getStandard('dcat-us')!;

describe('detection', () => {
  test('a catalog by conformsTo, a dataset list, a single dataset, a 1.0 list; the reason says why', () => {
    const by = (text: string, uri = 'file:///x/catalog.json') => prepare(uri, text).detection;
    assert.deepEqual(by(catalog()), { standardId: 'dcat-us', version: '1.1', reason: `conformsTo: "${CONFORMS}"` });
    assert.equal(by(JSON.stringify({ dataset: [dataset()] }))?.version, '1.1');
    assert.match(by(JSON.stringify(dataset()), 'file:///x/vegetables.json')?.reason ?? '', /single DCAT-US dataset/);
    assert.equal(by(JSON.stringify([dataset()]))?.version, '1.0');
    assert.match(by(catalog(), 'file:///x/data.json')?.reason ?? '', /^file name data.json; conformsTo/);
    assert.deepEqual(by('# civic-schemas: dcat-us@1.1\ntitle: x\n', 'file:///x/entry.yaml'), { standardId: 'dcat-us', version: '1.1', reason: 'modeline "# civic-schemas: dcat-us@1.1"' });
  });

  test('data.json claims a new or catalog-like file, never a file that is plainly something else', () => {
    const at = (text: string) => prepare('file:///x/data.json', text).detection?.standardId;
    assert.equal(at(''), 'dcat-us');
    assert.equal(at('{}'), 'dcat-us');
    assert.equal(at('[]'), 'dcat-us');
    assert.equal(at('{"@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld", "dataset": []}'), 'dcat-us');
    assert.equal(at('{"users": [{"name": "ann"}], "version": 3}'), undefined);
    assert.equal(at('[1, 2, 3]'), undefined);
    assert.equal(at('"text"'), undefined);
    // Content alone claims only POD-shaped objects: an object with an accessLevel but no identifier is not one.
    assert.equal(prepare('file:///x/thing.json', '{"accessLevel": "public", "title": "x"}').detection, undefined);
    assert.equal(prepare('file:///x/thing.json', '{"conformsTo": "http://codefordc.org/resources/specification.html", "name": "x"}').detection?.standardId === 'dcat-us', false);
  });

  test('every corpus folder: data.json files are DCAT-US, no other file is', () => {
    const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
    let ours = 0;
    for (const path of walk(corpus)) {
      if (!/\.(json|ya?ml)$/i.test(path) || path.includes(`${corpus}/schemas/`)) continue;
      const isDataJson = /\/data-json(-testdata)?\//.test(path);
      const d = prepare(pathToFileURL(path).href, readFileSync(path, 'utf8')).detection;
      assert.equal(d?.standardId === 'dcat-us', isDataJson, `${path}: ${JSON.stringify(d)}`);
      if (isDataJson) {
        ours++;
        assert.equal(d?.version, '1.1', path);
      }
    }
    assert.equal(ours, 27);
  });
});

describe('version dispatch', () => {
  test('missing conformsTo: error with the insertion fix (ckanext missing-catalog sample pattern)', async () => {
    const text = JSON.stringify({ dataset: [dataset()] }, null, 2);
    const fs = await lint(text);
    const f = only(fs, 'dcat-us/conforms-to');
    assert.equal(byRule(fs, 'dcat-us/required-key').length, 0, 'not reported twice');
    const fixed = applyFix(text, 'file:///agency/data.json', f.fixes![0]);
    assert.match(fixed, /^\{\n  "conformsTo": "https:\/\/project-open-data.cio.gov\/v1.1\/schema",\n  "dataset"/);
    assert.deepEqual(await lint(fixed), []);
  });

  test('a near-miss conformsTo is fixed to the exact URI; DCAT-US 3 is unsupported', async () => {
    const near = catalog([dataset()], { conformsTo: 'https://project-open-data.cio.gov/v1.1/schema/' });
    const f = only(await lint(near), 'dcat-us/conforms-to');
    assert.deepEqual(await lint(applyFix(near, 'file:///agency/data.json', f.fixes![0])), []);
    const v3 = catalog([dataset()], { conformsTo: { '@id': 'https://resources.data.gov/dcat-us/3.0.0/' } });
    const u = only(await lint(v3), 'dcat-us/unsupported-version');
    assert.match(u.message, /DCAT-US 3\.0/);
    assert.equal(byRule(await lint(v3), 'dcat-us/invalid-value').length, 0);
  });

  test('a plain list is POD 1.0: one warning with the wrapping fix, renames as warnings, checked with the 1.0 schema', async () => {
    const entry = { title: 'Types of Vegetables', description: 'A list.', keyword: ['vegetables'], modified: '2012-01-15', publisher: 'Widget Services', contactPoint: 'Jane Doe', mbox: 'jane.doe@agency.gov', identifier: 'USDA-1', accessLevel: 'public', bureauCode: ['015:11'], programCode: ['015:001'], accrualPeriodicity: 'Annual', dataDictionary: 'https://www.agency.gov/d.pdf', distribution: [{ accessURL: 'https://www.agency.gov/v.csv', format: 'text/csv' }] };
    const text = JSON.stringify([entry], null, 2);
    assert.equal(prepare('file:///agency/data.json', text).schemaId, 'dcat-us-1.0-catalog');
    const fs = await lint(text);
    assert.deepEqual(errors(fs), [], show(fs));
    const v = only(fs, 'dcat-us/version-1-0');
    assert.deepEqual(byRule(fs, 'dcat-us/renamed-key').map((f) => f.pointer).sort(), ['/0/dataDictionary', '/0/mbox']);
    assert.equal(only(fs, 'dcat-us/invalid-frequency').severity, 'warning', 'a 1.0 word is right in 1.0, a warning for 1.1');
    const wrapped = applyFix(text, 'file:///agency/data.json', v.fixes![0]);
    const after = await lint(wrapped);
    assert.equal(prepare('file:///agency/data.json', wrapped).detection?.version, '1.1');
    // Wrapped, the 1.0 shapes become 1.1 errors, each with its own fix.
    assert.deepEqual(errors(after).map((f) => f.ruleId).sort(), ['dcat-us/invalid-frequency', 'dcat-us/legacy-shape', 'dcat-us/legacy-shape']);
    // A 1.0 entry missing a 1.0 required key is an error of the 1.0 schema.
    delete (entry as Record<string, unknown>).mbox;
    assert.equal(only(await lint(JSON.stringify([entry])), 'dcat-us/required-key').pointer, '/0/mbox');
  });
});

describe('profiles', () => {
  const noCodes = () => catalogWith((d) => {
    delete d.bureauCode;
    delete d.programCode;
  });

  test('federal by default: bureauCode and programCode required, with a hint when no dataset has them', async () => {
    const fs = await lint(noCodes());
    assert.deepEqual(byRule(fs, 'dcat-us/required-key').map((f) => f.pointer).sort(), ['/dataset/0/bureauCode', '/dataset/0/programCode']);
    const hint = only(fs, 'dcat-us/profile-hint');
    assert.equal(hint.severity, 'information');
    assert.match(hint.message, /non-federal/);
  });

  test('non-federal by setting: codes, keyword, modified and hasEmail optional; no hint', async () => {
    const settings = { 'dcat-us': { profile: 'non-federal' } };
    assert.deepEqual(await lint(noCodes(), { settings }), []);
    const lean = catalogWith((d) => {
      for (const k of ['bureauCode', 'programCode', 'keyword', 'modified']) delete d[k];
      delete (d.contactPoint as Record<string, unknown>).hasEmail;
    });
    assert.deepEqual(await lint(lean, { settings }), []);
    assert.equal(errors(await lint(lean)).length, 5, 'the federal profile requires all five');
    // The rules beyond the schema apply in both profiles.
    assert.equal(byRule(await lint(catalogWith((d) => (d.modified = '2023-02-29')), { settings }), 'dcat-us/invalid-date').length, 1);
    assert.equal(prepare('file:///agency/data.json', catalog(), { settings }).schemaId, 'dcat-us-1.1-catalog-non-federal');
  });

  test('an unknown profile setting is reported and the federal profile used', async () => {
    const f = only(await lint(catalog(), { settings: { 'dcat-us': { profile: 'state' } } }), 'dcat-us/unknown-profile');
    assert.match(f.message, /"state".*"federal".*"non-federal"/);
  });

  test('ny.data.json (a state catalog, ckanext sample) passes as non-federal', async () => {
    const path = join(corpus, 'data-json-testdata', 'GSA__ckanext-datajson__ckanext__datajson__tests__datajson-samples__ny.data.json');
    const text = readFileSync(path, 'utf8');
    const federal = await analyze(pathToFileURL(path).href, text);
    assert.equal(byRule(federal.findings, 'dcat-us/required-key').length, 2);
    const nonFederal = await analyze(pathToFileURL(path).href, text, { settings: { 'dcat-us': { profile: 'non-federal' } } });
    assert.deepEqual(nonFederal.findings, []);
  });
});

describe('single dataset entries in YAML', () => {
  const yaml = `# civic-schemas: dcat-us@1.1
title: Types of Vegetables
description: A list of vegetables.
keyword: [vegetables, nutrition]
modified: 2012-01-15
publisher:
  name: Widget Services
contactPoint:
  fn: Jane Doe
  hasEmail: mailto:jane.doe@agency.gov
identifier: USDA-ERS-00071
accessLevel: public
bureauCode: [015:11]
programCode: ["015:001"]
distribution:
  - downloadURL: https://www.agency.gov/vegetables.csv
    mediaType: text/csv
    format: CSV
`;
  const uri = 'file:///repo/datasets/vegetables.yaml';

  test('validated with the dataset schema; unquoted YAML dates and codes are texts', async () => {
    assert.equal(prepare(uri, yaml).schemaId, 'dcat-us-1.1-dataset-federal');
    assert.deepEqual(await lint(yaml, { uri }), []);
  });

  test('rules and YAML fixes work on an entry', async () => {
    const text = yaml.replace('    mediaType: text/csv\n', '').replace('modified: 2012-01-15', 'modified: 2012-02-30');
    const fs = await lint(text, { uri });
    assert.match(only(fs, 'dcat-us/invalid-date').message, /February 2012 has 29 days/);
    const f = only(fs, 'dcat-us/media-type-required');
    const fixed = applyFix(text, uri, f.fixes![0]);
    assert.match(fixed, /  - downloadURL: https:\/\/www.agency.gov\/vegetables.csv\n    mediaType: text\/csv\n    format: CSV/);
  });
});

describe('bundled schemas', () => {
  test('every schema id compiles (draft-07, self-contained)', () => {
    for (const [id, schema] of Object.entries(standard.schemas)) {
      const v = compileSchema(schema);
      assert.ok(!(v instanceof Error), `${id}: ${v instanceof Error ? v.message : ''}`);
      assert.doesNotMatch(JSON.stringify(schema), /"\$ref":"(?!#)/, `${id} has only local refs`);
    }
  });

  test('hover and completion walk the bundled catalog schema', () => {
    const text = catalog();
    const prep = prepare('file:///agency/data.json', text);
    const ctx = { doc: prep.doc, schema: prep.schema, standard, detection: prep.detection };
    const at = (needle: string) => prep.doc.positionAt(text.indexOf(needle) + 2);
    assert.match(hover(ctx, at('"bureauCode"'))?.markdown ?? '', /Bureau code[\s\S]*OMB Circular A-11/);
    assert.match(hover(ctx, at('"hasEmail"'))?.markdown ?? '', /mailto:/);
    assert.match(hover(ctx, at('"mediaType"'))?.markdown ?? '', /Media type/);
    const labels = complete(ctx, at('"accessLevel": "public"'), {}).items.map((i) => i.label);
    assert.ok(labels.includes('rights') && labels.includes('isPartOf') && !labels.includes('title'), labels.join(', '));
  });
});

describe('cost on big catalogs', () => {
  test('the 2.7 MB CMS catalog analyzes in seconds, not minutes', async () => {
    const path = join(realDir, 'laurelkorwin__gov-datajson-diff__cms.json');
    const t0 = performance.now();
    await analyze(pathToFileURL(path).href, readFileSync(path, 'utf8'));
    assert.ok(performance.now() - t0 < 20_000);
  });

  test('time grows linearly with the number of datasets (rule and missing-key findings in every dataset)', async () => {
    const many = (n: number) =>
      catalog(
        Array.from({ length: n }, (_, i) => {
          const d = Object.assign(dataset(), { identifier: i % 2 ? `id-${i}` : 'same', accessLevel: 'non-public', bureauCode: ['024:010'], modified: '2023-02-29', isPartOf: i % 3 ? 'id-1' : 'nowhere' });
          delete d.programCode; // a schema required-key finding, located by the core (analyze.ts firstKeyInside)
          return d;
        }),
      );
    const time = async (n: number) => {
      const text = many(n);
      const t0 = performance.now();
      const r = await analyze('file:///agency/data.json', text);
      const missing = byRule(r.findings, 'dcat-us/required-key');
      assert.equal(missing.length, n);
      // Underlined on the first key of the dataset that lacks it ("@type"), found without scanning the document.
      const first = missing.find((f) => f.pointer === '/dataset/0/programCode')!;
      assert.equal(text.slice(r.doc.offsetAt(first.range.start), r.doc.offsetAt(first.range.end)), '"@type"');
      assert.ok(r.findings.length >= n * 4);
      return performance.now() - t0;
    };
    await time(100); // warm up
    const small = Math.min(await time(200), await time(200));
    const large = Math.min(await time(800), await time(800));
    assert.ok(large / small < 10, `200 datasets: ${small.toFixed(0)} ms, 800: ${large.toFixed(0)} ms (quadratic would be ~16×)`);
  });
});
