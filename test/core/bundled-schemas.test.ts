// Every bundled schema is valid against its draft's meta-schema. The server compiles bundled schemas
// without that check (validate.ts: it costs the first big open ~20 ms), so this is where it happens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import { draftOf } from '../../server/src/core/validate';

const ROOT = path.join(__dirname, '../../schemas');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? jsonFiles(path.join(dir, e.name)) : e.name.endsWith('.json') ? [path.join(dir, e.name)] : [],
  );
}

const schemas = jsonFiles(ROOT)
  .map((file) => ({ file: path.relative(ROOT, file), schema: JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> }))
  .filter(({ schema }) => typeof schema.$schema === 'string');

test('the bundled schemas are found (each standard has its schemas)', () => {
  for (const dir of ['dcat-us', 'datapackage', 'publiccode', 'civic-json']) {
    assert.ok(schemas.some((s) => s.file.startsWith(dir + path.sep)), dir);
  }
});

test('every bundled schema is valid against its draft\'s meta-schema', () => {
  const invalid: string[] = [];
  for (const { file, schema } of schemas) {
    const draft = draftOf(schema);
    const options = { strict: false, unicodeRegExp: false };
    const ajv = draft === 'draft-04' ? new AjvDraft04(options) : draft === '2019-09' ? new Ajv2019(options) : draft === '2020-12' ? new Ajv2020(options) : new Ajv(options);
    if (ajv.validateSchema(schema) !== true) invalid.push(`${file} (${draft}): ${JSON.stringify(ajv.errors)}`);
  }
  assert.deepEqual(invalid, []);
});

test('the meta-schema check catches a broken schema (the test can fail)', () => {
  const ajv = new AjvDraft04({ strict: false });
  assert.equal(ajv.validateSchema({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'strnig', required: 'name' }), false);
});
