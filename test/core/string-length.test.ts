// maxLength and minLength count Unicode code points (JSON Schema), as ajv's own keywords do, also where
// the string's UTF-16 length alone would decide otherwise (stringLength.ts counts only near the limit):
// in every draft of the bundled schemas' validator, in a standard's analysis, and in workspace schemas.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { codePointLength } from '../../server/src/core/stringLength';
import { validateAgainst } from '../../server/src/core/validate';
import { NodeWorkspace } from '../../server/src/host/nodeWorkspace';

const EMOJI = '😀'; // two UTF-16 units, one code point

test('codePointLength counts a surrogate pair once and a lone surrogate as one', () => {
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('abc'), 3);
  assert.equal(codePointLength(EMOJI), 1);
  assert.equal(codePointLength(`a${EMOJI}b${EMOJI}`), 4);
  assert.equal(codePointLength('\ud83d'), 1);
  assert.equal(codePointLength('\ude00\ud83d'), 2, 'a low surrogate before a high one is no pair');
  assert.equal(codePointLength(`x\ud83d`), 2);
  assert.equal(codePointLength('é'), 1);
});

const DRAFTS = ['http://json-schema.org/draft-04/schema#', 'http://json-schema.org/draft-07/schema#', 'https://json-schema.org/draft/2019-09/schema', 'https://json-schema.org/draft/2020-12/schema'];

for (const $schema of DRAFTS) {
  test(`${$schema.replace(/.*\/(draft[^/]*|\d{4}-\d{2}).*/, '$1')}: lengths in code points, at and around the limits`, () => {
    const schema = { $schema, type: 'object', properties: { most3: { type: 'string', maxLength: 3, pattern: '^x' }, least2: { type: 'string', minLength: 2 } } };
    const errorsOf = (value: object) => validateAgainst(schema, value).errors.map((e) => `${e.instancePath} ${e.keyword} ${(e.params as { limit?: number }).limit ?? ''}`.trim());
    // UTF-16 length 5 > 3, but 3 code points: within maxLength.
    assert.deepEqual(errorsOf({ most3: `x${EMOJI}${EMOJI}` }), []);
    assert.deepEqual(errorsOf({ most3: `x${EMOJI}${EMOJI}${EMOJI}` }), ['/most3 maxLength 3']);
    assert.deepEqual(errorsOf({ most3: 'xabc' }), ['/most3 maxLength 3']);
    assert.deepEqual(errorsOf({ most3: 'xab' }), []);
    // UTF-16 length 2 ≥ 2, but one code point: short of minLength.
    assert.deepEqual(errorsOf({ least2: EMOJI }), ['/least2 minLength 2']);
    assert.deepEqual(errorsOf({ least2: `${EMOJI}${EMOJI}` }), []);
    assert.deepEqual(errorsOf({ least2: 'a' }), ['/least2 minLength 2']);
    assert.deepEqual(errorsOf({ least2: 'ab' }), []);
    // The length is checked before the pattern, as ajv's own keyword is; its message is ajv's.
    assert.deepEqual(errorsOf({ most3: `y${EMOJI}${EMOJI}${EMOJI}` }), ['/most3 maxLength 3', '/most3 pattern']);
    const [error] = validateAgainst(schema, { least2: 'a' }).errors;
    assert.equal(error.message, 'must NOT have fewer than 2 characters');
  });
}

test('DCAT-US rights: 255 emoji are within the official 255 characters, 256 are not', async () => {
  const catalog = (rights: string) =>
    JSON.stringify({
      conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
      dataset: [{ title: 'Parcels', description: 'Tax parcels', accessLevel: 'non-public', rights, identifier: 'p-1', modified: '2024-01-01', keyword: ['parcels'], publisher: { name: 'City' }, contactPoint: { fn: 'A', hasEmail: 'mailto:a@example.gov' }, bureauCode: ['015:11'], programCode: ['015:001'] }],
    });
  const lengthAt = async (rights: string) => (await analyze('file:///w/data.json', catalog(rights))).findings.filter((f) => f.pointer === '/dataset/0/rights').map((f) => f.ruleId);
  assert.deepEqual(await lengthAt(EMOJI.repeat(255)), []);
  assert.deepEqual(await lengthAt(EMOJI.repeat(256)), ['dcat-us/length']);
  assert.deepEqual(await lengthAt('r'.repeat(256)), ['dcat-us/length']);
});

test('a workspace schema counts code points too', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'civic-length-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'schemas'));
  writeFileSync(path.join(root, 'schemas', 'short.json'), JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { name: { type: 'string', maxLength: 2 } } }));
  const check = async (name: string) => {
    const text = `$schema: ./schemas/short.json\nname: "${name}"\n`;
    const { findings } = await analyze(pathToFileURL(path.join(root, 'x.yaml')).href, text, { workspace: new NodeWorkspace(root) });
    return findings.filter((f) => f.ruleId === 'core/user-schema').map((f) => f.pointer);
  };
  assert.deepEqual(await check(`${EMOJI}${EMOJI}`), []);
  assert.deepEqual(await check(`${EMOJI}${EMOJI}${EMOJI}`), ['/name']);
});
