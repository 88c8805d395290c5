import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, locate } from '../../server/src/core/document';
import { pointerToPath, valueAt } from '../../server/src/core/pointer';

const slice = (text: string, r: { start: number; end: number }) => text.slice(r.start, r.end);

test('YAML: value and pointer index with key and value ranges', () => {
  const text = 'name: Foo\nmaintenance:\n  type: internal\n  contacts:\n    - name: Ann\n      email: ann@example.org\n';
  const doc = parseDocument('file:///w/publiccode.yml', text);
  assert.equal(doc.format, 'yaml');
  assert.deepEqual(doc.syntaxFindings, []);
  assert.equal(valueAt(doc.value, '/maintenance/contacts/0/email'), 'ann@example.org');
  const email = doc.nodes.get('/maintenance/contacts/0/email')!;
  assert.equal(slice(text, email.key!), 'email');
  assert.equal(slice(text, email.value), 'ann@example.org');
  assert.equal(email.style, 'plain');
  const range = doc.rangeOf(email.value);
  assert.deepEqual(range.start, { line: 5, character: 13 });
  assert.equal(slice(text, doc.nodes.get('/maintenance/contacts/0')!.value).startsWith('name: Ann'), true);
});

test('YAML 1.2 typing: unquoted 0.4 is a number, yes is a string, dates stay strings', () => {
  const text = 'publiccodeYmlVersion: 0.4\nlocalisationReady: yes\nreleaseDate: 2024-01-31\nq: "0.4"\n';
  const doc = parseDocument('x.yml', text);
  const v = doc.value as Record<string, unknown>;
  assert.equal(v.publiccodeYmlVersion, 0.4);
  assert.equal(v.localisationReady, 'yes');
  assert.equal(v.releaseDate, '2024-01-31');
  assert.equal(doc.nodes.get('/publiccodeYmlVersion')!.style, 'plain');
  assert.equal(doc.nodes.get('/q')!.style, 'double-quoted');
  assert.equal(doc.nodes.get('/q')!.source, '"0.4"');
});

test('YAML syntax errors are findings at their place, never exceptions', () => {
  const text = 'name: Foo\ndescription:\n  en:\n    shortDescription: "unterminated\nlegal: x\n';
  const doc = parseDocument('x.yml', text);
  assert.ok(doc.syntaxFindings.length > 0);
  for (const f of doc.syntaxFindings) {
    assert.equal(f.ruleId, 'yaml/syntax');
    assert.match(f.message, /^YAML syntax error: /);
    assert.ok(f.range.start.line >= 0 && f.range.end.line < 6);
  }
});

test('duplicate keys are reported', () => {
  const doc = parseDocument('x.yml', 'a: 1\na: 2\n');
  assert.equal(doc.syntaxFindings.length, 1);
  assert.match(doc.syntaxFindings[0].message, /twice|unique/);
  assert.equal(doc.syntaxFindings[0].range.start.line, 1);
});

test('multiple YAML documents are counted', () => {
  const doc = parseDocument('x.yml', 'a: 1\n---\nb: 2\n');
  assert.equal(doc.documentCount, 2);
  assert.deepEqual(doc.value, { a: 1 });
  assert.equal(doc.extraDocumentOffsets.length, 1);
});

test('__proto__ keys stay data and never reach the prototype', () => {
  const doc = parseDocument('x.yml', '__proto__:\n  polluted: true\n');
  const v = doc.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(v), Object.prototype);
  assert.deepEqual(Object.keys(v), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  const j = parseDocument('x.json', '{"__proto__": {"polluted": true}}');
  assert.deepEqual(Object.keys(j.value as object), ['__proto__']);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('alias expansion is bounded (billion laughs)', () => {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  let prev = 'a';
  for (const name of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
    text += `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    prev = name;
  }
  const doc = parseDocument('x.yml', text);
  assert.ok(doc.syntaxFindings.some((f) => f.ruleId === 'yaml/alias-limit'));
});

test('JSON: offsets, syntax errors with friendly words', () => {
  const text = '{\n  "name": "Foo",\n  "tags": ["a", "b",],\n}';
  const doc = parseDocument('civic.json', text);
  assert.equal(doc.format, 'json');
  assert.ok(doc.syntaxFindings.length >= 1);
  assert.ok(doc.syntaxFindings.every((f) => f.ruleId === 'json/syntax'));
  assert.equal(slice(text, doc.nodes.get('/name')!.key!), '"name"');
  assert.equal(slice(text, doc.nodes.get('/tags/1')!.value), '"b"');
});

test('empty and comment-only documents parse to undefined without findings', () => {
  for (const text of ['', '# just a comment\n', '\n\n']) {
    const doc = parseDocument('x.yml', text);
    assert.equal(doc.value, undefined);
    assert.deepEqual(doc.syntaxFindings, []);
  }
});

test('locate falls back to the nearest existing ancestor', () => {
  const text = 'legal:\n  license: MIT\n';
  const doc = parseDocument('x.yml', text);
  assert.equal(slice(text, locate(doc, '/legal/repoOwner', 'key')), 'legal');
  assert.equal(slice(text, locate(doc, '/legal/license')), 'MIT');
});

test('positions are UTF-16 and CRLF aware', () => {
  const text = 'name: "𝒳 é"\r\nurl: https://x.org\r\n';
  const doc = parseDocument('x.yml', text);
  const url = doc.rangeOf(doc.nodes.get('/url')!.value);
  assert.deepEqual(url.start, { line: 1, character: 5 });
  assert.equal(doc.offsetAt(url.start), text.indexOf('https'));
});

test('pointerToPath reads like the reference validator', () => {
  assert.equal(pointerToPath('/maintenance/contacts/0/email'), 'maintenance.contacts[0].email');
  assert.equal(pointerToPath('/description/en-US/features'), 'description.en-US.features');
  assert.equal(pointerToPath('/a~1b'), '["a/b"]');
  assert.equal(pointerToPath(''), '');
  // The rules it follows, written as patterns, on random pointers.
  const expected = (pointer: string) => {
    let out = '';
    for (const seg of pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      if (/^(0|[1-9][0-9]*)$/.test(seg)) out += `[${seg}]`;
      else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
      else out += `[${JSON.stringify(seg)}]`;
    }
    return out;
  };
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), (seed >>> 16) % n);
  const pieces = ['0', '1', '07', '10', '-1', 'a', 'Z', '_', '$', 'x-y', '9a', 'é', ' ', '~0', '~1', '', '.', '"', '[', 'ab_$9'];
  for (let n = 0; n < 5000; n++) {
    const segments = Array.from({ length: rand(5) }, () => Array.from({ length: 1 + rand(3) }, () => pieces[rand(pieces.length)]).join(''));
    const pointer = segments.map((s) => `/${s}`).join('');
    assert.equal(pointerToPath(pointer), expected(pointer), pointer);
  }
});
