// The quick test for everyday http(s) URLs (rules/urls.ts `isAbsoluteUrl`) says what the WHATWG parser
// says, on every URL-like string of the corpus, on awkward hosts and ports, and on random mutations.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isAbsoluteUrl, parseAbsoluteUrl } from '../../server/src/core/rules/urls';
import { seededRandom } from '../helpers/random';

const CORPUS = join(__dirname, '..', '..', '..', 'shared', 'corpus');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (/\.(json|ya?ml)$/i.test(name)) yield path;
  }
}

const same = (s: string) => assert.equal(isAbsoluteUrl(s), parseAbsoluteUrl(s) !== undefined, JSON.stringify(s));

test('isAbsoluteUrl = the WHATWG parser, on the URLs of the corpus', () => {
  let count = 0;
  for (const file of files(CORPUS)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/https?:\/\/[^\s"'<>]{0,300}/gi)) {
      same(m[0]);
      count++;
    }
  }
  assert.ok(count > 1000, `${count} URLs`);
});

test('isAbsoluteUrl = the WHATWG parser, on awkward hosts, ports and characters', () => {
  const cases = [
    'http://1.2.3.999/', 'http://1.2.3.4/', 'http://0x7f.1/', 'http://a.0x1/', 'http://a.1e/', 'http://xn--abc.com/', 'http://xn--nxasmq6b.com/',
    'http://a--b.gov/', 'http://example.com:65535/', 'http://example.com:65536/', 'http://example.com:9999', 'http://example.com:/x',
    'http://ex ample.com/', 'http://exa%20mple.com/', 'http://-.gov', 'http://a.-b.gov/', 'http://a..b/', 'http://.a/', 'http://a./',
    'https://user@example.com/', 'https://[::1]/', 'https://example.com/a b', 'https://example.com/\\x', 'https://example.com/%zz',
    'https://example.com/ä', 'HTTPS://EXAMPLE.COM/', 'https:/example.com', 'https:example.com', 'https://', 'http://x', 'http://_a.gov/',
  ];
  for (const s of cases) same(s);
});

test('isAbsoluteUrl = the WHATWG parser, on random mutations of plain URLs', () => {
  const rand = seededRandom(5);
  const pieces = ['a', 'Z', '0', '9', '-', '.', ':', '/', '?', '#', '%', '@', '[', ']', ' ', '\\', '~', 'xn--', '255', '999', '0x', '\u00e9'];
  const bases = ['https://www.example.gov/data/x.csv?y=1', 'http://data.agency.gov:8080/api', 'https://a.b.c/'];
  for (let i = 0; i < 20000; i++) {
    let s = bases[rand(bases.length)];
    for (let k = 1 + rand(3); k > 0; k--) {
      const at = 7 + rand(s.length - 7);
      s = s.slice(0, at) + pieces[rand(pieces.length)] + s.slice(at + (rand(2) ? 1 : 0));
    }
    same(s);
  }
});
