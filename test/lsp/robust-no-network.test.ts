// With network checks off (the default), the server opens no socket and resolves no name — even for
// documents full of URLs: a remote `$schema`, remote `$ref`s, remote logos and data files. Proven by a
// test-only preload (test/lsp/preload/no-network.cjs, via NODE_OPTIONS=--require) that traps
// net/tls/http/https/http2/dgram/dns/fetch in the server process and logs every call.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LspTestClient, PUBLICCODE_CORPUS, fileUri, positionOf } from '../helpers/lspClient';

const PRELOAD = path.join(__dirname, 'preload/no-network.cjs');
const dir = mkdtempSync(path.join(tmpdir(), 'civic-nonet-'));
const root = path.join(dir, 'ws');
mkdirSync(path.join(root, 'schemas'), { recursive: true });
writeFileSync(path.join(root, 'schemas/remote-refs.json'), JSON.stringify({ type: 'object', properties: { a: { $ref: 'https://example.com/a.json' }, b: { $ref: 'http://192.0.2.1/b.json#/x' } } }));
let client: LspTestClient | undefined;
after(() => {
  client?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const logLines = (file: string) => readFileSync(file, 'utf8').trim().split('\n');

test('the trap works: a plain Node process with the preload records and blocks a request', () => {
  const log = path.join(dir, 'control.log');
  const r = spawnSync(process.execPath, ['--require', PRELOAD, '-e', "require('node:http').get('http://192.0.2.1/'); "], { env: { ...process.env, CIVIC_NO_NETWORK_LOG: log }, encoding: 'utf8' });
  assert.notEqual(r.status, 0);
  const lines = logLines(log);
  assert.match(lines[0], /^armed pid=\d+ thread=main$/);
  assert.match(lines[1], /^CALL http\.get \["http:\/\/192\.0\.2\.1\/"\]/);
});

test('no socket is opened and no name resolved while the server checks documents full of URLs', { timeout: 60_000 }, async () => {
  const log = path.join(dir, 'server.log');
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${PRELOAD}`.trim();
  process.env.CIVIC_NO_NETWORK_LOG = log;
  const c = (client = await LspTestClient.start({ workspaceFolders: [root], initializationOptions: { workspaceTrusted: true } }));
  const publiccode = readFileSync(path.join(PUBLICCODE_CORPUS, '4Science__parer__publiccode.yml'), 'utf8');
  const withUrls = `${publiccode.trimEnd()}\nlogo: https://example.com/logo.png\nscreenshots:\n  - https://example.com/shot.png\n`;
  const docs: [string, string, string, RegExp | undefined][] = [
    [path.join(root, 'a/publiccode.yml'), withUrls, 'yaml', undefined],
    [path.join(root, 'b/chapter.yaml'), '$schema: https://example.com/chapter.schema.json\nname: x\n', 'yaml', /^core\/remote-schema-disabled$/],
    [path.join(root, 'c/chapter.yaml'), '$schema: ../schemas/remote-refs.json\na: 1\nb: 2\n', 'yaml', /^core\/remote-schema-disabled$/],
    [
      path.join(root, 'd/datapackage.json'),
      JSON.stringify({ name: 'p', resources: [{ name: 'r', path: 'https://example.com/data.csv', schema: 'https://example.com/schema.json' }] }, null, 2),
      'json',
      undefined,
    ],
  ];
  for (const [file, text, languageId, expected] of docs) {
    const uri = fileUri(file);
    await c.open(uri, text, languageId);
    const published = await c.waitForDiagnostics(uri, 1);
    if (expected) assert.ok(published.diagnostics.some((d) => expected.test(String(d.code))), `${file}: ${published.diagnostics.map((d) => d.code)}`);
  }
  // Editor features over the same documents.
  const first = fileUri(docs[0][0]);
  await c.hover(first, positionOf(withUrls, 'logo:'));
  await c.completion(first, { line: 0, character: 0 });
  assert.equal(await c.shutdown(), 0);
  client = undefined;
  const lines = logLines(log);
  assert.ok(lines.some((l) => /^armed pid=\d+ thread=main$/.test(l)), 'the trap was armed in the server');
  assert.deepEqual(lines.filter((l) => l.startsWith('CALL')), [], 'network calls from the server');
});
