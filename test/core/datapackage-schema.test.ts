// The hand-written Data Package v1 and v2 schemas: valid draft-07, documented key by key, in step
// with the rules' vocabularies, free of the compiled profiles' defects, and the schema-layer rule
// ids they produce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema1 from '../../schemas/datapackage/datapackage-1.schema.json';
import schema2 from '../../schemas/datapackage/datapackage-2.schema.json';
import resource2 from '../../schemas/datapackage/dataresource-2.schema.json';
import tableschema1 from '../../schemas/datapackage/tableschema-1.schema.json';
import tabledialect2 from '../../schemas/datapackage/tabledialect-2.schema.json';
import csvdialect1 from '../../schemas/datapackage/csvdialect-1.schema.json';
import { analyze } from '../../server/src/core/analyze';
import { reportsFromErrors } from '../../server/src/core/messages';
import { validateAgainst } from '../../server/src/core/validate';
import { FIELD_FORMATS, FIELD_TYPES_V1, FIELD_TYPES_V2, V2_ONLY } from '../../server/src/core/standards/datapackage/vocabulary';
import type { Finding } from '../../server/src/core/types';

type S = Record<string, unknown>;
const roots: [string, S][] = [['v1', schema1 as unknown as S], ['v2', schema2 as unknown as S]];

/** Every property schema, with a readable path. */
function properties(node: unknown, path = '#', out: [string, S][] = []): [string, S][] {
  if (!node || typeof node !== 'object') return out;
  const s = node as S;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as S)) {
      out.push([`${path}/properties/${k}`, v as S]);
      properties(v, `${path}/properties/${k}`, out);
    }
  }
  if (s.items && typeof s.items === 'object') properties(s.items, `${path}/items`, out);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((x, i) => properties(x, `${path}/${key}/${i}`, out));
  if (s.definitions && typeof s.definitions === 'object') for (const [k, v] of Object.entries(s.definitions as S)) properties(v, `${path}/definitions/${k}`, out);
  return out;
}

function subschemas(node: unknown, path = '#', out: [string, S][] = []): [string, S][] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  out.push([path, node as S]);
  for (const [k, v] of Object.entries(node as S)) {
    if (k === 'examples' || k === 'enum' || k === 'x-civic' || k === 'default') continue;
    if (Array.isArray(v)) v.forEach((x, i) => subschemas(x, `${path}/${k}/${i}`, out));
    else if (v && typeof v === 'object') subschemas(v, `${path}/${k}`, out);
  }
  return out;
}

const defs = (root: S) => root.definitions as Record<string, S>;
const props = (s: S) => s.properties as Record<string, S>;

test('both schemas are valid draft-07 and compile; the per-descriptor files resolve against them', () => {
  for (const [name, root] of roots) {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    assert.equal(root.$schema, 'http://json-schema.org/draft-07/schema#', name);
    assert.equal(ajv.validateSchema(root), true, `${name}: ${JSON.stringify(ajv.errors)}`);
    assert.doesNotThrow(() => ajv.compile(root), name);
    assert.ok(!JSON.stringify(root).includes('"$defs"'), 'draft-07 tools expect definitions');
  }
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(schema1 as object);
  ajv.addSchema(schema2 as object);
  const resource = ajv.compile(resource2 as object);
  assert.equal(resource({ name: 'a', path: 'a.csv' }), true);
  assert.equal(resource({ path: 'a.csv' }), false);
  assert.equal(ajv.compile(tableschema1 as object)({ fields: [{ name: 'a', type: 'list' }] }), false, 'list is v2 only');
  assert.equal(ajv.compile(tabledialect2 as object)({ headerRows: [1, 2] }), true);
  assert.equal(ajv.compile(csvdialect1 as object)({}), true);
});

test('every key has a title, a description, a markdownDescription and examples', () => {
  for (const [name, root] of roots) {
    const all = properties(root);
    assert.ok(all.length > 75, `${name}: ${all.length}`);
    for (const [path, s] of all) {
      for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof s[k], 'string', `${name} ${path} lacks ${k}`);
      assert.ok(Array.isArray(s.examples) && s.examples.length > 0, `${name} ${path} lacks examples`);
    }
  }
});

test('every pattern or format has a valueHint, so messages never show a regex', () => {
  for (const [name, root] of roots) {
    for (const [path, s] of subschemas(root)) {
      if (typeof s.pattern === 'string' || typeof s.format === 'string') {
        assert.equal(typeof (s['x-civic'] as S | undefined)?.valueHint, 'string', `${name} ${path} has a pattern or format but no valueHint`);
      }
    }
  }
});

test('deprecated keys carry deprecatedSince and their replacement; v2-only keys carry since: 2', () => {
  const deprecated = properties(schema2 as unknown as S).filter(([, s]) => s.deprecated === true);
  const names = deprecated.map(([p]) => p.split('/').pop());
  for (const k of ['profile', 'role', 'url', 'csvddfVersion', 'caseSensitiveHeader']) assert.ok(names.includes(k), `${k} not deprecated in v2`);
  for (const [path, s] of deprecated) {
    const x = s['x-civic'] as S;
    assert.match(String(x.deprecatedSince), /^[12]$/, path);
    assert.ok('replacement' in x, `${path} lacks a replacement`);
  }
  assert.equal((props(schema2 as unknown as S).profile['x-civic'] as S).replacement, '/$schema');
  const d2 = defs(schema2 as unknown as S);
  const sinceOf = (def: string, key: string) => ((props(d2[def])[key] ?? {})['x-civic'] as S | undefined)?.since;
  for (const k of V2_ONLY.resource) assert.equal(sinceOf('dataResource', k), '2', k);
  for (const k of V2_ONLY.contributor) assert.equal(sinceOf('contributor', k), '2', k);
  for (const k of V2_ONLY.schema) assert.equal(sinceOf('tableSchema', k), '2', k);
  for (const k of V2_ONLY.field) assert.equal(sinceOf('field', k), '2', k);
  for (const k of V2_ONLY.constraints) assert.equal(sinceOf('constraints', k), '2', k);
  for (const k of V2_ONLY.dialect) assert.equal(sinceOf('dialect', k), '2', k);
  // v1 has none of them.
  const d1 = defs(schema1 as unknown as S);
  for (const k of V2_ONLY.field) assert.equal(props(d1.field)[k], undefined, k);
});

test('field types and formats in the schemas match the rules’ vocabulary', () => {
  for (const [root, types] of [[schema1, FIELD_TYPES_V1], [schema2, FIELD_TYPES_V2]] as [unknown, string[]][]) {
    const field = defs(root as S).field;
    assert.deepEqual(props(field).type.enum, types);
    const conds = field.allOf as S[];
    for (const c of conds) {
      const t = (((c.if as S).properties as S | undefined)?.type as S | undefined)?.const as string | undefined;
      const formats = (props(c.then as S).format as S).enum;
      if (t) assert.deepEqual(formats, FIELD_FORMATS[t], t);
      else assert.deepEqual(formats, FIELD_FORMATS.string, 'a v1 field without a type is a string');
    }
    assert.deepEqual(conds.map((c) => (((c.if as S).properties as S | undefined)?.type as S | undefined)?.const).filter(Boolean), types.filter((t) => FIELD_FORMATS[t]));
  }
});

test('the defects of the compiled profiles are not in these schemas', () => {
  const d1 = defs(schema1 as unknown as S);
  const d2 = defs(schema2 as unknown as S);
  // STANDARDS.md §3: the compiled v1 profile requires dialect.delimiter and doubleQuote, which have defaults.
  assert.equal(d1.dialect.required, undefined);
  assert.deepEqual(validateAgainst(schema1, { resources: [{ name: 'a', path: 'a.csv', dialect: { delimiter: ';' } }] }).errors, []);
  // The compiled 2.0 profile lacks the list type, types fieldsMatch as an array ("item" typo) and rejects a dialect path.
  assert.ok((props(d2.field).type.enum as string[]).includes('list'));
  assert.equal(props(d2.tableSchema).fieldsMatch.type, 'string');
  assert.deepEqual(validateAgainst(schema2, { resources: [{ name: 'a', path: 'a.csv', dialect: 'dialect.json', schema: { fields: [{ name: 'x', type: 'list' }], fieldsMatch: 'subset' } }] }).errors, []);
  // v2: resource names are any string; v1: lowercase only.
  assert.deepEqual(validateAgainst(schema2, { resources: [{ name: 'Crimes Violentos', path: 'a.csv' }] }).errors, []);
  assert.equal(validateAgainst(schema1, { resources: [{ name: 'Crimes Violentos', path: 'a.csv' }] }).errors.length, 1);
  // v2: a self-referencing foreign key omits reference.resource; v1 requires it.
  const selfRef = { resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'id' }, { name: 'p' }], foreignKeys: [{ fields: ['p'], reference: { fields: ['id'] } }] } }] };
  assert.deepEqual(validateAgainst(schema2, selfRef).errors, []);
  assert.equal(validateAgainst(schema1, selfRef).errors[0]?.keyword, 'required');
});

// ------------------------------------------------------------------------------- schema-layer ids

async function lint(value: unknown): Promise<Finding[]> {
  return (await analyze('file:///repo/datapackage.json', JSON.stringify(value, null, 2))).findings;
}

function one(fs: Finding[], id: string, pointer: string): Finding {
  const hits = fs.filter((f) => f.ruleId === id && f.pointer === pointer);
  assert.equal(hits.length, 1, `expected ${id} at ${pointer}: ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.message]))}`);
  return hits[0];
}

test('schema-layer ids: required-key, wrong-type, invalid-value, count, length', async () => {
  assert.match(one(await lint({ name: 'x' }), 'datapackage/required-key', '/resources').message, /Missing required key "resources"/);
  assert.match(one(await lint({ resources: [] }), 'datapackage/count', '/resources').message, /at least 1 item/);
  assert.match(one(await lint({ keywords: 'a, b', resources: [{ name: 'a', path: 'a.csv' }] }), 'datapackage/wrong-type', '/keywords').message, /must be a list; found the text "a, b"/);
  const type = one(await lint({ resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'x', type: 'strng' }] } }] }), 'datapackage/invalid-value', '/resources/0/schema/fields/0/type');
  assert.match(type.message, /Did you mean "string"/);
  const fmt = one(await lint({ resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'x', type: 'number', format: 'currency' }] } }] }), 'datapackage/invalid-value', '/resources/0/schema/fields/0/format');
  assert.match(fmt.message, /must be one of default; found "currency"/);
  // An empty path: the schema says "length"; the path rule, more specific, says it instead.
  const empty = { image: '', resources: [{ name: 'a', path: 'a.csv' }] };
  const layer = reportsFromErrors(validateAgainst(schema2, empty).errors, { prefix: 'datapackage', suppressRequired: false });
  assert.deepEqual(layer.map((r) => [r.ruleId, r.pointer]), [['datapackage/length', '/image']]);
  assert.match(one(await lint(empty), 'datapackage/invalid-path', '/image').message, /is empty/);
  assert.equal((await lint(empty)).filter((f) => f.ruleId === 'datapackage/length').length, 0);
  const name = one(await lint({ resources: [{ name: 'Crimes Violentos', path: 'a.csv' }] }), 'datapackage/invalid-value', '/resources/0/name');
  assert.match(name.message, /lowercase name/);
  assert.ok(!/\^|\$\)/.test(name.message), 'no regex in messages');
});
