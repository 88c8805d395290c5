// Hostile input through the real server over stdio: each attack gets a clear diagnostic, and the server
// answers the next request at once (a generous bound, as a correctness check that it is not stuck; the
// measured times are printed as test diagnostics, not asserted as a benchmark).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LspTestClient, PUBLICCODE_CORPUS, fileUri, positionOf } from '../helpers/lspClient';

const TEXT = readFileSync(path.join(PUBLICCODE_CORPUS, '4Science__parer__publiccode.yml'), 'utf8');
const outer = mkdtempSync(path.join(tmpdir(), 'civic-attacks-'));
const root = path.join(outer, 'ws');
mkdirSync(path.join(root, 'schemas'), { recursive: true });
writeFileSync(path.join(outer, 'outside.csv'), 'secret\n');
writeFileSync(
  path.join(root, 'schemas/evil.json'),
  // slug: overlapping alternation (exponential in a backtracking engine; not flagged, still safe here);
  // code, name: nested quantifiers (flagged as core/unsafe-pattern).
  JSON.stringify({ type: 'object', properties: { slug: { type: 'string', pattern: '^(a|a)*$' }, code: { type: 'string', pattern: '^([a-z]+)+$' }, name: { type: 'string', pattern: '^(a+)+$' } } }),
);

let client: LspTestClient | undefined;
after(() => {
  client?.dispose();
  rmSync(outer, { recursive: true, force: true });
});

const PROBE = fileUri(path.join(root, 'probe/publiccode.yml'));
/** Generous: a stuck or crashed server fails it; a busy CI machine does not. */
const ANSWER_BOUND_MS = 5000;

async function server(): Promise<LspTestClient> {
  if (client) return client;
  client = await LspTestClient.start({ workspaceFolders: [root], initializationOptions: { workspaceTrusted: true } });
  await client.open(PROBE, TEXT);
  await client.waitForDiagnostics(PROBE, 1);
  return client;
}

/** Open `text`, wait for its diagnostics, then time one hover on the probe document. */
async function attack(t: { diagnostic(m: string): void }, name: string, uri: string, text: string, languageId = 'yaml') {
  const c = await server();
  await c.open(uri, text, languageId);
  const published = await c.waitForDiagnostics(uri, 1, 60_000);
  const started = performance.now();
  const hover = await c.hover(PROBE, positionOf(TEXT, 'name:'));
  const ms = performance.now() - started;
  t.diagnostic(`${name}: the next request was answered in ${ms.toFixed(0)} ms`);
  assert.ok(hover, 'the probe hover has content');
  assert.ok(ms < ANSWER_BOUND_MS, `${name}: the next request took ${ms.toFixed(0)} ms`);
  await c.close(uri);
  return published.diagnostics.map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value }));
}

const codes = (ds: { code?: unknown }[]) => ds.map((d) => String(d.code));

test('billion laughs', async (t) => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
  const ds = await attack(t, 'billion laughs', fileUri(path.join(root, 'laughs/publiccode.yml')), `publiccodeYmlVersion: "0.4"\n${levels.join('\n')}\n`);
  const limit = ds.find((d) => d.code === 'yaml/alias-limit');
  assert.ok(limit, codes(ds).join());
  assert.match(limit.message, /Aliases in this document expand to more than 10000 nodes/);
});

test('a 50 MB document', async (t) => {
  const item = '  - name: an item of a very long list\n    description: padding that makes this document fifty megabytes long\n';
  const text = `${TEXT}padding:\n${item.repeat(Math.ceil((50 * 1024 * 1024) / item.length))}`;
  assert.ok(text.length >= 50 * 1024 * 1024);
  const ds = await attack(t, '50 MB document', fileUri(path.join(root, 'big/publiccode.yml')), text);
  assert.deepEqual(codes(ds), ['core/too-large']);
  assert.match(ds[0].message, /This YAML document is 50\.\d MB, more than the 20\.0 MB validated in full/);
});

test('depth-10,000 nesting', async (t) => {
  const ds = await attack(t, 'depth 10,000', fileUri(path.join(root, 'deep/publiccode.yml')), `name: x\nlist: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
  assert.ok(codes(ds).includes('yaml/depth-limit'), codes(ds).join());
  assert.ok(!ds.some((d) => /call stack/i.test(d.message)));
  const json = await attack(t, 'depth 10,000 (JSON)', fileUri(path.join(root, 'deep/datapackage.json')), '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), 'json');
  assert.ok(codes(json).includes('json/depth-limit'), codes(json).join());
});

test('a conflicted file with <<<<<<< markers', async (t) => {
  const lines = TEXT.split('\n');
  const at = lines.findIndex((l) => l.startsWith('name:'));
  const text = [...lines.slice(0, at), '<<<<<<< HEAD', lines[at], '=======', 'name: Theirs', '>>>>>>> branch', ...lines.slice(at + 1)].join('\n');
  const ds = await attack(t, 'merge conflict', fileUri(path.join(root, 'conflict/publiccode.yml')), text);
  const conflict = ds.find((d) => d.code === 'yaml/merge-conflict');
  assert.ok(conflict, codes(ds).join());
  assert.equal(conflict.range.start.line, at);
  assert.match(conflict.message, /unresolved merge-conflict markers/);
});

test('a workspace schema (named by $schema) with catastrophic patterns', async (t) => {
  const text = `$schema: ../schemas/evil.json\nslug: ${'a'.repeat(48)}b\ncode: ${'abcdefgh'.repeat(6)}1\nname: ${'a'.repeat(48)}!\n`;
  const ds = await attack(t, 'catastrophic pattern', fileUri(path.join(root, 'chapter/chapter.yaml')), text);
  const unsafe = ds.filter((d) => d.code === 'core/unsafe-pattern');
  assert.equal(unsafe.length, 2, codes(ds).join());
  assert.ok(unsafe.every((d) => /can take exponential time/.test(d.message)));
  for (const key of ['slug', 'code', 'name']) {
    assert.ok(ds.some((d) => d.code === 'core/user-schema' && d.message.includes(key)), `${key}: the value was still checked, in linear time`);
  }
});

test('$schema: ../../../etc/passwd', async (t) => {
  const ds = await attack(t, '$schema outside', fileUri(path.join(root, 'chapter/passwd.yaml')), '$schema: ../../../etc/passwd\nname: x\n');
  const d = ds.find((x) => x.code === 'core/schema-outside-workspace');
  assert.ok(d, codes(ds).join());
  assert.match(d.message, /points outside the workspace/);
  assert.ok(!ds.some((x) => /root:/.test(x.message)));
});

test('datapackage path: /etc/passwd and path: ../outside.csv', async (t) => {
  const text = JSON.stringify({ name: 'p', resources: [{ name: 'a', path: '/etc/passwd' }, { name: 'b', path: '../outside.csv' }] }, null, 2);
  const ds = await attack(t, 'datapackage paths', fileUri(path.join(root, 'pkg/datapackage.json')), text, 'json');
  const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(ds.some((d) => d.range.start.line === line('/etc/passwd') && /is an absolute path/.test(d.message)), JSON.stringify(ds));
  assert.ok(ds.some((d) => d.range.start.line === line('../outside.csv') && /climbs out of the package/.test(d.message)));
  assert.ok(!ds.some((d) => /secret/.test(d.message)));
});

test('after every attack the server is alive and exits cleanly', async () => {
  const c = await server();
  assert.deepEqual(await c.request('civicSchemas/detect', { uri: PROBE }), { standardId: 'publiccode', version: '0.5.0', reason: 'file name publiccode.yml; publiccodeYmlVersion: "0.5.0"' });
  assert.doesNotMatch(c.stderr, /uncaught|unhandled/i);
  assert.equal(await c.shutdown(), 0);
  client = undefined;
});
