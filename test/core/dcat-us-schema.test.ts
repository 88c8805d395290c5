// The hand-written DCAT-US schemas (schemas/dcat-us): draft-07, every key documented for editors
// (title, description, markdownDescription, examples), deprecated 1.0 keys with their replacement,
// examples that validate, and corrections over the official draft-04 schemas.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { getStandard } from '../../server/src/core/standards';
import { validateAgainst } from '../../server/src/core/validate';

const dir = resolve(__dirname, '../../schemas/dcat-us');
const files = [...readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)), ...readdirSync(join(dir, 'v1.0')).map((f) => join(dir, 'v1.0', f))];
const load = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as Record<string, any>;
const standard = getStandard('dcat-us')!;

describe('schema files', () => {
  test('ten files, draft-07, each with an $id under the repository and a title', () => {
    assert.equal(files.length, 10);
    for (const p of files) {
      const s = load(p);
      assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#', p);
      assert.match(s.$id, /^https:\/\/raw\.githubusercontent\.com\/civic-schemas\/civic-schemas\/main\/schemas\/dcat-us\//, p);
      assert.ok(s.title && s.description && s.markdownDescription, p);
    }
  });

  test('every property has title, description, markdownDescription and examples (refs excepted)', () => {
    for (const p of files) {
      const visit = (props: Record<string, any> | undefined, where: string) => {
        for (const [key, s] of Object.entries(props ?? {})) {
          if (Object.keys(s).length === 1 && s.$ref) continue; // the non-federal profile reuses the federal definitions
          for (const k of ['title', 'description', 'markdownDescription', 'examples']) assert.ok(s[k] !== undefined, `${p}: ${where}${key} lacks ${k}`);
          if (s.deprecated) assert.ok(s['x-civic']?.deprecatedSince && 'replacement' in s['x-civic'], `${p}: ${key} is deprecated without x-civic`);
          if (s.items?.properties) visit(s.items.properties, `${where}${key}[].`);
        }
      };
      visit(load(p).properties, '');
    }
  });

  test('the 1.0 keys are deprecated in the 1.1 dataset schema, naming their replacement', () => {
    const props = load(join(dir, 'dataset.json')).properties;
    const expected: Record<string, string> = { mbox: '/contactPoint/hasEmail', accessLevelComment: '/rights', dataDictionary: '/describedBy', PrimaryITInvestmentUII: '/primaryITInvestmentUII' };
    for (const [key, replacement] of Object.entries(expected)) {
      assert.equal(props[key].deprecated, true, key);
      assert.equal(props[key]['x-civic'].replacement, replacement, key);
      assert.equal(props[key]['x-civic'].deprecatedSince, '1.1', key);
    }
  });

  test('each schema validates its own examples', () => {
    for (const [id, schema] of Object.entries(standard.schemas)) {
      for (const example of (schema as { examples?: unknown[] }).examples ?? []) {
        assert.deepEqual(validateAgainst(schema, example).errors, [], id);
      }
    }
  });
});

describe('corrections over the official schemas', () => {
  const federal = standard.schemas['dcat-us-1.1-dataset-federal'];
  const ok = (value: Record<string, unknown>) => validateAgainst(federal, value).errors.map((e) => `${e.instancePath} ${e.keyword}`);
  const base = () => ({ title: 't', description: 'd', keyword: ['k'], modified: '2016-01-01', publisher: { name: 'p' }, contactPoint: { fn: 'f', hasEmail: 'mailto:a@b.gov' }, identifier: 'i', accessLevel: 'public', bureauCode: ['015:11'], programCode: ['015:001'] });

  test('anchored bureau and program codes', () => {
    assert.deepEqual(ok(base()), []);
    assert.deepEqual(ok({ ...base(), bureauCode: ['024:010'] }), ['/bureauCode/0 pattern']);
    assert.deepEqual(ok({ ...base(), programCode: ['x015:001'] }), ['/programCode/0 pattern']);
  });

  test('@context may be an object; isPartOf may be null; redaction markers in structured fields', () => {
    const catalog = standard.schemas['dcat-us-1.1-catalog-federal'];
    assert.deepEqual(validateAgainst(catalog, { conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', '@context': { '@vocab': 'http://www.w3.org/ns/dcat#' }, dataset: [] }).errors, []);
    assert.deepEqual(ok({ ...base(), isPartOf: null }), []);
    assert.deepEqual(ok({ ...base(), modified: '[[REDACTED-EX B5]]', keyword: '[[REDACTED-EX B5]]', license: '[[REDACTED-EX B5]]' }), []);
    assert.deepEqual(ok({ ...base(), modified: 'last week' }), ['/modified pattern']);
  });

  test('the non-federal profile drops bureauCode, programCode, keyword, modified and hasEmail', () => {
    const nonFederal = standard.schemas['dcat-us-1.1-dataset-non-federal'];
    const lean = { title: 't', description: 'd', publisher: { name: 'p' }, contactPoint: { fn: 'f' }, identifier: 'i', accessLevel: 'public' };
    assert.deepEqual(validateAgainst(nonFederal, lean).errors, []);
    assert.deepEqual(validateAgainst(nonFederal, { ...lean, bureauCode: ['024:010'] }).errors.map((e) => e.instancePath), ['/bureauCode/0'], 'the fields keep their definitions');
    assert.deepEqual(ok(lean).sort(), [' required', ' required', ' required', ' required', '/contactPoint required']);
  });
});
