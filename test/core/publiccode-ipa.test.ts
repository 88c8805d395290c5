// The bundled IndicePA list (server/src/core/standards/publiccode/ipa-data/ipa-codes.txt, see README.md
// there): the JSON the server imports (schemas/publiccode/ipa-codes.json) is generated from the text file
// and must stay in step with it; the list is whole (sorted, no duplicates, no blank or cut lines) and holds
// the codes that real publiccode.yml files use.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isKnownIpaCode, italianPaCode } from '../../server/src/core/standards/publiccode/ipa';

const dir = resolve(__dirname, '../../server/src/core/standards/publiccode/ipa-data');
const jsonFile = resolve(__dirname, '../../schemas/publiccode/ipa-codes.json');
const corpus = resolve(__dirname, '../../../shared/corpus');

test('ipa-codes.json is generated from ipa-codes.txt (node server/src/core/standards/publiccode/ipa-data/update.mjs <commit> <date>)', async () => {
  const { ipaCodesJson } = await import('../../server/src/core/standards/publiccode/ipa-data/update.mjs');
  const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as { commit: string; retrieved: string };
  const text = readFileSync(join(dir, 'ipa-codes.txt'), 'utf8');
  assert.equal(readFileSync(jsonFile, 'utf8'), ipaCodesJson(text, json.commit, json.retrieved));
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  assert.ok(readme.includes(json.commit) && readme.includes(json.retrieved), 'ipa-data/README.md names the commit and date of the copy');
});

test('the list is whole: one code a line, sorted, no duplicates', () => {
  const text = readFileSync(join(dir, 'ipa-codes.txt'), 'utf8');
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  assert.ok(lines.length > 20000, `${lines.length} codes`);
  for (const l of lines) assert.match(l, /^[A-Za-z0-9_]+$/);
  const sorted = [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  assert.deepEqual(lines, sorted, 'byte order, as upstream publishes it');
  assert.equal(new Set(lines.map((l) => l.toLowerCase())).size, lines.length, 'no duplicates, ignoring case');
});

test('every iPA code used by a real file or a valid parser-go fixture is known', () => {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.ya?ml$/.test(e.name)) files.push(join(d, e.name));
    }
  };
  walk(join(corpus, 'publiccode'));
  walk(join(corpus, 'publiccode-parser-go/testdata/v0/valid'));
  walk(join(corpus, 'publiccode-parser-go/testdata/v0/valid_with_warnings'));
  const used = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/urn:x-italian-pa:([A-Za-z0-9_]+)|codiceIPA:\s*["']?([A-Za-z0-9_]+)/g)) used.add(m[1] ?? m[2]);
  }
  assert.ok(used.size >= 10, `${used.size} codes used`);
  for (const code of used) assert.ok(isKnownIpaCode(code), code);
  assert.equal(isKnownIpaCode('no_such_pa'), false);
  assert.equal(isKnownIpaCode('NO_SUCH_IPA_CODE'), false);
});

test('urn:x-italian-pa codes: the prefix in any case, the rest as written', () => {
  assert.equal(italianPaCode('urn:x-italian-pa:c_h501'), 'c_h501');
  assert.equal(italianPaCode('URN:X-ITALIAN-PA:PCM'), 'PCM');
  assert.equal(italianPaCode('urn:x-other:pcm'), undefined);
  assert.ok(isKnownIpaCode('C_H501') && isKnownIpaCode('c_h501'));
});
