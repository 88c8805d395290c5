// Every diagnostic message produced over the whole shared corpus is for people: it never shows a raw
// regular expression, and it never locates the problem by a JSON Pointer alone (a `/a/0/b` that is not
// accompanied by the readable path `a[0].b`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { pointerToPath } from '../../server/src/core/pointer';
import { useLocale } from '../../server/src/core/l10n';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ya?ml|json|jsonld)$/.test(p)) yield p; // the metadata files (not the images, CSVs and notes beside them)
  }
}

/** Pieces of regular-expression syntax that never occur in prose. */
const REGEX_SYNTAX: [RegExp, string][] = [
  [/(^|[\s"'`(])\^[\w\\[(]/, 'an anchor ^'],
  [/\$\)|\$["'`]|\$\/|\$$/, 'an end anchor $'],
  [/\\[dDwWsSbB]/, 'a class escape such as \\d'],
  [/\[(?:0-9|a-z|A-Z|\^)[^\]]*\]/, 'a character class such as [0-9]'],
  [/\(\?[:=!<]/, 'a group such as (?:'],
  [/(?:\]|\))[+*]\??(?:$|[\s"'`)])|\.\*|\{\d+,\d*\}/, 'a quantifier'],
];

/** Does the message show the finding's pointer as a pointer (not as part of a file name or URL)? */
function pointerOnly(message: string, pointer: string): boolean {
  if (pointer === '' || !pointer.includes('/', 1)) return false; // one segment reads as a plain name
  let from = 0;
  for (;;) {
    const i = message.indexOf(pointer, from);
    if (i === -1) return false;
    const before = message[i - 1];
    const after = message.slice(i + pointer.length, i + pointer.length + 2);
    const standalone = (before === undefined || /[\s"'`(]/.test(before)) && !/^[\w/~-]|^\.\w/.test(after);
    if (standalone && !message.includes(pointerToPath(pointer))) return true;
    from = i + 1;
  }
}

// The same scan in every language the messages come in (core/l10n.ts): translations must not bring back a
// regex or a bare pointer.
for (const locale of ['en', 'es', 'fr']) test(`no message over the shared corpus shows a regex or only a JSON Pointer (${locale})`, async () => {
  useLocale(locale);
  const bad: string[] = [];
  let messages = 0;
  let scanned = 0;
  for (const file of files(CORPUS)) {
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    const { findings } = await analyze(uri, text);
    scanned++;
    for (const f of findings) {
      messages++;
      for (const [re, what] of REGEX_SYNTAX) if (re.test(f.message)) bad.push(`${path.basename(file)} ${f.ruleId}: ${what}: ${f.message.slice(0, 300)}`);
      if (pointerOnly(f.message, f.pointer)) bad.push(`${path.basename(file)} ${f.ruleId}: JSON Pointer ${f.pointer} as the only locator: ${f.message.slice(0, 300)}`);
    }
  }
  assert.ok(scanned > 400, `scanned ${scanned} corpus files`);
  assert.ok(messages > 1000, `checked ${messages} messages`);
  useLocale('en');
  assert.deepEqual(bad.slice(0, 20), [], `${bad.length} messages read like code`);
});

test('the scan itself recognises regexes and bare pointers', () => {
  const regexy = ['must match ^[0-9]{3}$', 'must match pattern "^\\d+$"', 'value (?:a|b)', 'code [A-Z]+ expected'];
  for (const m of regexy) assert.ok(REGEX_SYNTAX.some(([re]) => re.test(m)), m);
  const prose = ['Use $schema: https://datapackage.org/profiles/2.0/datapackage.json (v2).', 'between 150 and 10000 characters', 'write "IT" (Italy) instead of "it".', 'costs $5 (five dollars)'];
  for (const m of prose) assert.ok(!REGEX_SYNTAX.some(([re]) => re.test(m)), m);
  assert.equal(pointerOnly('Missing key at /maintenance/contacts/0.', '/maintenance/contacts/0'), true);
  assert.equal(pointerOnly('maintenance.contacts[0] (/maintenance/contacts/0) has no name', '/maintenance/contacts/0'), false);
  assert.equal(pointerOnly('logo "/img/logo.png" is absolute', '/img/logo'), false);
});
