// The publiccode.yml 0.x JSON Schema: a valid draft-07 schema, documented key by key, in step with
// the vocabularies, and the schema-layer rule ids it produces (publiccode/unknown-key, …).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../schemas/publiccode/publiccode-0.schema.json';
import schema1 from '../../schemas/publiccode/publiccode-1.schema.json';
import { analyze } from '../../server/src/core/analyze';
import { reportsFromErrors } from '../../server/src/core/messages';
import { validateAgainst } from '../../server/src/core/validate';
import { CATEGORIES, DEPRECATIONS, SCOPES, SCOPES_1, SOFTWARE_TYPES, VERSION_VALUES, VERSION_VALUES_1 } from '../../server/src/core/standards/publiccode/vocabulary';
import type { Finding } from '../../server/src/core/types';

const testdata = resolve(__dirname, '../../../shared/corpus/publiccode-parser-go/testdata');

type S = Record<string, unknown>;

/** Every property schema in the document, with a readable path. */
function properties(node: unknown, path = '#', out: [string, S][] = []): [string, S][] {
  if (!node || typeof node !== 'object') return out;
  const s = node as S;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as S)) {
      out.push([`${path}/properties/${k}`, v as S]);
      properties(v, `${path}/properties/${k}`, out);
    }
  }
  for (const key of ['items', 'additionalProperties']) if (s[key] && typeof s[key] === 'object') properties(s[key], `${path}/${key}`, out);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((x, i) => properties(x, `${path}/${key}/${i}`, out));
  if (s.definitions && typeof s.definitions === 'object') {
    for (const [k, v] of Object.entries(s.definitions as S)) properties(v, `${path}/definitions/${k}`, out);
  }
  return out;
}

/** Every subschema (for the pattern/format check). */
function subschemas(node: unknown, path = '#', out: [string, S][] = []): [string, S][] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  out.push([path, node as S]);
  for (const [k, v] of Object.entries(node as S)) {
    if (k === 'examples' || k === 'enum' || k === 'x-civic') continue;
    if (Array.isArray(v)) v.forEach((x, i) => subschemas(x, `${path}/${k}/${i}`, out));
    else if (v && typeof v === 'object') subschemas(v, `${path}/${k}`, out);
  }
  return out;
}

const root = schema as unknown as S;
const props = root.properties as Record<string, S>;
const defs = root.definitions as Record<string, S>;

test('the schema is valid draft-07 and compiles with ajv (draft-07, formats)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  assert.equal(root.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(ajv.validateSchema(root), true, JSON.stringify(ajv.errors));
  assert.doesNotThrow(() => ajv.compile(root));
  assert.ok(!JSON.stringify(root).includes('"$defs"'), 'draft-07 tools expect definitions, not $defs');
});

test('every key has a title, a description, a markdownDescription and examples', () => {
  const all = properties(root);
  assert.ok(all.length > 80);
  for (const [path, s] of all) {
    for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof s[k], 'string', `${path} lacks ${k}`);
    assert.ok(Array.isArray(s.examples) && s.examples.length > 0, `${path} lacks examples`);
  }
});

test('every pattern or format has a valueHint, so messages never show a regex', () => {
  for (const [path, s] of subschemas(root)) {
    if (typeof s.pattern === 'string' || typeof s.format === 'string') {
      const hint = (s['x-civic'] as S | undefined)?.valueHint;
      assert.equal(typeof hint, 'string', `${path} has a pattern or format but no x-civic.valueHint`);
    }
  }
});

test('deprecated keys are marked, with the version and the replacement', () => {
  const deprecated = properties(root).filter(([, s]) => s.deprecated === true);
  const names = deprecated.map(([p]) => p.split('/').pop());
  for (const k of ['monochromeLogo', 'inputTypes', 'outputTypes', 'genericName', 'authorsFile', 'repoOwner', 'conforme', 'codiceIPA', 'IT', 'it']) {
    assert.ok(names.includes(k), `${k} is not marked deprecated`);
  }
  for (const [path, s] of deprecated) {
    const x = s['x-civic'] as S;
    assert.match(String(x?.deprecatedSince), /^0\.\d$/, path);
    assert.ok('replacement' in x, `${path} lacks x-civic.replacement`);
    assert.match(String(x.specUrl), /^https:\/\/yml\.publiccode\.tools\//, path);
  }
  assert.equal((props.monochromeLogo['x-civic'] as S).replacement, '/logo');
  assert.equal(((props.legal.properties as Record<string, S>).repoOwner['x-civic'] as S).replacement, '/organisation/name');
  // The rules' deprecation table names the same keys.
  assert.equal(DEPRECATIONS.length, 9);
});

test('keys added after 0.2 carry x-civic.since', () => {
  assert.equal((props.organisation['x-civic'] as S).since, '0.5');
  assert.equal((props.fundedBy['x-civic'] as S).since, '0.5');
  assert.equal((props.supports['x-civic'] as S).since, '0.7');
});

test('vocabularies in the schema match the rules’ vocabularies', () => {
  assert.deepEqual(((props.categories.items as S).enum as string[]).slice().sort(), CATEGORIES.map((c) => c.name).sort());
  assert.equal(CATEGORIES.length, 106);
  const scope = ((props.intendedAudience.properties as Record<string, S>).scope.items as S).enum as string[];
  assert.deepEqual(scope, SCOPES);
  assert.equal(SCOPES.length, 24);
  assert.deepEqual(props.softwareType.enum, SOFTWARE_TYPES);
  assert.deepEqual(props.publiccodeYmlVersion.enum, [...VERSION_VALUES]);
});

test('unknown keys are rejected everywhere (as by the reference validator), it and IT are known', () => {
  for (const [path, s] of subschemas(root)) {
    if (s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'))) {
      if (s.properties) assert.ok(s.additionalProperties === false, `${path} accepts unknown keys`);
    }
  }
  assert.ok(props.IT && props.it);
  assert.equal(defs.descriptionLanguage.additionalProperties, false);
});

// ------------------------------------------------------------------------------------ 1.0 schema

const root1 = schema1 as unknown as S;
const props1 = root1.properties as Record<string, S>;
const defs1 = root1.definitions as Record<string, S>;

test('1.0 schema: valid draft-07, documented key by key, a valueHint for every pattern', () => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  assert.equal(root1.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(ajv.validateSchema(root1), true, JSON.stringify(ajv.errors));
  assert.doesNotThrow(() => ajv.compile(root1));
  assert.match(String(root1.$id), /publiccode-1\.schema\.json$/);
  for (const [path, s] of properties(root1)) {
    for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof s[k], 'string', `${path} lacks ${k}`);
    assert.ok(Array.isArray(s.examples) && s.examples.length > 0, `${path} lacks examples`);
    assert.notEqual(s.deprecated, true, `${path}: 1.0 has no deprecated keys left`);
  }
  for (const [path, s] of subschemas(root1)) {
    if (typeof s.pattern === 'string' || typeof s.format === 'string') assert.equal(typeof (s['x-civic'] as S | undefined)?.valueHint, 'string', `${path} lacks a valueHint`);
    const isObject = s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object'));
    if (isObject && s.properties) assert.equal(s.additionalProperties, false, `${path} accepts unknown keys`);
  }
});

test('1.0 schema: deprecated keys removed, government gone, uppercase countries, E.164 phones', () => {
  for (const k of ['monochromeLogo', 'inputTypes', 'outputTypes', 'IT', 'it']) assert.ok(!(k in props1), `${k} is still in the 1.0 schema`);
  const legal = props1.legal.properties as Record<string, S>;
  assert.ok(!('repoOwner' in legal) && !('authorsFile' in legal));
  assert.ok(!('genericName' in (defs1.descriptionLanguage.properties as S)));
  assert.ok(!('italianSection' in defs1) && !('mediaType' in defs1));
  assert.deepEqual(props1.publiccodeYmlVersion.enum, [...VERSION_VALUES_1]);
  const scope = ((props1.intendedAudience.properties as Record<string, S>).scope.items as S).enum as string[];
  assert.deepEqual(scope, SCOPES_1);
  assert.equal(scope.length, 23);
  assert.ok(!scope.includes('government'));
  // The same keys as 0.x otherwise (same categories, software types, supports…).
  const removed = new Set(['monochromeLogo', 'inputTypes', 'outputTypes', 'IT', 'it']);
  assert.deepEqual(Object.keys(props1), Object.keys(props).filter((k) => !removed.has(k)));
  assert.deepEqual(props1.categories, props.categories);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const country = ajv.compile(defs1.countryCode);
  assert.ok(country('IT') && !country('it'));
  const phone = ajv.compile((defs1.contact.properties as Record<string, S>).phone);
  assert.ok(phone('+390612345678') && !phone('+39 06 12345678') && !phone('0612345678') && !phone(390612345678));
});

// ------------------------------------------------------------------------------- schema-layer ids

async function lintFixture(rel: string): Promise<Finding[]> {
  const file = join(testdata, rel);
  const text = readFileSync(file, 'utf8');
  return (await analyze(pathToFileURL(file).href, text, { standard: { id: 'publiccode' } })).findings;
}

function one(fs: Finding[], id: string, pointer: string): Finding {
  const hits = fs.filter((f) => f.ruleId === id && f.pointer === pointer);
  assert.equal(hits.length, 1, `expected ${id} at ${pointer}: ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer]))}`);
  return hits[0];
}

test('publiccode/unknown-key: on the key, with the nearest valid key', async () => {
  const f = one(await lintFixture('v0/invalid/unknown_field.yml'), 'publiccode/unknown-key', '/foobar');
  assert.equal(f.range.start.line, 9);
  const c = one(await lintFixture('v0/invalid/it_wrong_case.yml'), 'publiccode/unknown-key', '/It');
  assert.match(c.message, /Did you mean "IT"/);
  assert.deepEqual((await lintFixture('v0/valid/valid.yml')).filter((x) => x.ruleId === 'publiccode/unknown-key'), []);
});

test('publiccode/required-key: missing mandatory keys', async () => {
  one(await lintFixture('v0/invalid/name_missing.yml'), 'publiccode/required-key', '/name');
  one(await lintFixture('v0/invalid/legal_license_missing.yml'), 'publiccode/required-key', '/legal/license');
  one(await lintFixture('v0/invalid/fundedBy_uri_missing.yml'), 'publiccode/required-key', '/fundedBy/0/uri');
  assert.deepEqual((await lintFixture('v0/valid/fundedBy_name_missing.yml')).filter((x) => x.severity === 'error'), []);
});

test('publiccode/wrong-type: the expected type and what was found', async () => {
  const f = one(await lintFixture('v0/invalid/name_wrong_type.yml'), 'publiccode/wrong-type', '/name');
  assert.match(f.message, /name must be a text; found a list/);
  one(await lintFixture('v0/invalid/intendedAudience_wrong_type.yml'), 'publiccode/wrong-type', '/intendedAudience');
  // An empty optional key is the same as an absent one (as in the reference validator).
  assert.deepEqual((await lintFixture('v0/valid/categories_nil.yml')).filter((x) => x.severity === 'error'), []);
});

test('publiccode/invalid-value: vocabularies, URLs, e-mails, dates, MIME types', async () => {
  assert.match(one(await lintFixture('v0/invalid/developmentStatus_invalid.yml'), 'publiccode/invalid-value', '/developmentStatus').message, /must be one of concept, development, beta, stable, obsolete/);
  one(await lintFixture('v0/invalid/categories_invalid.yml'), 'publiccode/invalid-value', '/categories/0');
  one(await lintFixture('v0/invalid/intendedAudience_scope_invalid_scope.yml'), 'publiccode/invalid-value', '/intendedAudience/scope/0');
  assert.match(one(await lintFixture('v0/invalid/maintenance_contacts_email_invalid.yml'), 'publiccode/invalid-value', '/maintenance/contacts/0/email').message, /an e-mail address/);
  assert.match(one(await lintFixture('v0/invalid/roadmap_invalid.yml'), 'publiccode/invalid-value', '/roadmap').message, /http:\/\/ or https:\/\/ URL/);
  assert.match(one(await lintFixture('v0/invalid/releaseDate_invalid.yml'), 'publiccode/invalid-value', '/releaseDate').message, /a date in the form YYYY-MM-DD/);
  one(await lintFixture('v0/invalid/inputTypes_invalid.yml'), 'publiccode/invalid-value', '/inputTypes/1');
  one(await lintFixture('v0/invalid/it_countryExtensionVersion_invalid.yml'), 'publiccode/invalid-value', '/IT/countryExtensionVersion');
  for (const f of await lintFixture('v0/invalid/url_invalid.yml')) assert.doesNotMatch(f.message, /\^|\\s|\[\^/, 'no regex in messages');
});

test('publiccode/length: an empty mandatory text', async () => {
  const text = 'publiccodeYmlVersion: "0"\nname: ""\n';
  const fs = (await analyze('file:///repo/publiccode.yml', text)).findings;
  assert.match(one(fs, 'publiccode/length', '/name').message, /must not be empty/);
});

test('publiccode/count: empty lists where items are needed', async () => {
  one(await lintFixture('v0/invalid/description_en_features_empty.yml'), 'publiccode/count', '/description/en/features');
  one(await lintFixture('v0/invalid/localisation_availableLanguages_empty.yml'), 'publiccode/count', '/localisation/availableLanguages');
});

test('publiccode/not-allowed: the schema forbids contractors unless the type is contract', () => {
  const value = { maintenance: { type: 'community', contacts: [{ name: 'x' }], contractors: [{ name: 'y', until: '2030-01-01' }] } };
  const reports = reportsFromErrors(validateAgainst(root, value).errors, { prefix: 'publiccode', suppressRequired: true });
  assert.ok(reports.some((r) => r.ruleId === 'publiccode/not-allowed' && r.pointer === '/maintenance/contractors'), JSON.stringify(reports));
  const ok = { maintenance: { type: 'contract', contractors: [{ name: 'y', until: '2030-01-01' }] } };
  const none = reportsFromErrors(validateAgainst(root, ok).errors, { prefix: 'publiccode', suppressRequired: true });
  assert.deepEqual(none.filter((r) => r.pointer.startsWith('/maintenance')), []);
});
