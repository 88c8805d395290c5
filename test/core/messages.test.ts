import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAgainst } from '../../server/src/core/validate';
import { reportsFromErrors } from '../../server/src/core/messages';

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name', 'developmentStatus'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1 },
    landingURL: { type: 'string', format: 'uri' },
    releaseDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', 'x-civic': { valueHint: 'a date in the form YYYY-MM-DD' } },
    developmentStatus: { enum: ['concept', 'development', 'beta', 'stable', 'obsolete'] },
    platforms: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
    contact: {
      anyOf: [{ type: 'string' }, { type: 'object', required: ['name'], properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' } } }],
    },
    localisationReady: { type: 'boolean' },
    tags: { type: 'array', minItems: 1, uniqueItems: true },
    code: { type: 'string', pattern: '^[0-9]{3}$', examples: ['024'] },
  },
};

function reportsFor(value: unknown) {
  const { errors, schemaError } = validateAgainst(schema, value);
  assert.equal(schemaError, undefined);
  return reportsFromErrors(errors, { prefix: 'demo', suppressRequired: false });
}

test('enum: names the allowed values, quotes the value, suggests the nearest', () => {
  const [r] = reportsFor({ name: 'x', developmentStatus: 'stabel' });
  assert.equal(r.ruleId, 'demo/invalid-value');
  assert.equal(r.pointer, '/developmentStatus');
  assert.equal(r.message, 'developmentStatus must be one of concept, development, beta, stable, obsolete; found "stabel". Did you mean "stable"?');
});

test('unknown key: range on the key, the nearest valid key suggested', () => {
  const [r] = reportsFor({ name: 'x', developmentStatus: 'beta', landingUrl: 'https://x.org' });
  assert.equal(r.ruleId, 'demo/unknown-key');
  assert.equal(r.on, 'key');
  assert.equal(r.pointer, '/landingUrl');
  assert.match(r.message, /Unknown key "landingUrl" at the top level\. Did you mean "landingURL"\?/);
  assert.ok((r.data!.allowed as string[]).includes('landingURL'));
});

test('missing required key: pointer of the missing key, reported on the parent', () => {
  const reports = reportsFor({ name: 'x' });
  assert.deepEqual(reports.map((r) => [r.ruleId, r.pointer, r.on]), [['demo/required-key', '/developmentStatus', 'key']]);
  assert.match(reports[0].message, /Missing required key "developmentStatus" at the top level/);
  assert.deepEqual(reportsFromErrors(validateAgainst(schema, { name: 'x' }).errors, { prefix: 'demo', suppressRequired: true }), []);
});

test('pattern and format: words, never the regex', () => {
  const reports = reportsFor({ name: 'x', developmentStatus: 'beta', releaseDate: '01/04/2019', landingURL: 'http;//x', code: '24' });
  const byPtr = Object.fromEntries(reports.map((r) => [r.pointer, r.message]));
  assert.equal(byPtr['/releaseDate'], 'releaseDate must be a date in the form YYYY-MM-DD; found "01/04/2019".');
  assert.match(byPtr['/landingURL'], /must be an absolute URL/);
  assert.match(byPtr['/code'], /for example "024"/);
  for (const m of Object.values(byPtr)) assert.doesNotMatch(m, /\^|\$|\\d|\[0-9\]/);
});

test('anyOf collapses into one message naming the alternatives', () => {
  const reports = reportsFor({ name: 'x', developmentStatus: 'beta', platforms: 42 });
  assert.equal(reports.length, 1);
  assert.equal(reports[0].message, 'platforms must be a text or a list of texts; found the number 42.');
});

test('anyOf whose value matches one branch reports the inner problem instead', () => {
  const reports = reportsFor({ name: 'x', developmentStatus: 'beta', contact: { email: 'not-an-email' } });
  const msgs = reports.map((r) => `${r.ruleId} ${r.pointer}`);
  assert.deepEqual(msgs.sort(), ['demo/invalid-value /contact/email', 'demo/required-key /contact/name']);
});

test('YAML 1.1 booleans get an explanation', () => {
  const [r] = reportsFor({ name: 'x', developmentStatus: 'beta', localisationReady: 'yes' });
  assert.equal(r.ruleId, 'demo/wrong-type');
  assert.match(r.message, /localisationReady must be true or false; "yes" is text in YAML 1\.2.*Write true\./);
});

test('lists: count and uniqueness', () => {
  const empty = reportsFor({ name: 'x', developmentStatus: 'beta', tags: [] });
  assert.equal(empty[0].ruleId, 'demo/count');
  assert.equal(empty[0].message, 'tags must have at least 1 item; it has 0.');
  const dup = reportsFor({ name: 'x', developmentStatus: 'beta', tags: ['a', 'b', 'a'] });
  assert.equal(dup[0].pointer, '/tags/2');
  assert.match(dup[0].message, /same item twice \(items 1 and 3\)/);
});

test('length in characters', () => {
  const [r] = reportsFor({ name: '', developmentStatus: 'beta' });
  assert.equal(r.ruleId, 'demo/length');
  assert.match(r.message, /name must be at least 1 characters long; it has 0\. It must not be empty\./);
});
