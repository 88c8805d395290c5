// The web worker server's Workspace (server/src/host/clientWorkspace.ts): every read goes to the client,
// and only for URIs inside a workspace folder — `..`, other schemes/authorities and absolute paths never
// reach it. The client here answers from an in-memory map and records what it was asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import { ClientWorkspace, type ReadFileParams, type ReadFileResult } from '../../server/src/host/clientWorkspace';

const ROOT = 'vscode-vfs://github/city/permits';
const png = readFileSync(resolve(__dirname, '../e2e/web/workspace/img/logo.png'));

function fixture() {
  const files = new Map<string, Uint8Array>([
    [`${ROOT}/img/logo.png`, png],
    [`${ROOT}/img/screenshot.png`, png],
  ]);
  const asked: ReadFileParams[] = [];
  const ws = new ClientWorkspace([ROOT], async (p): Promise<ReadFileResult> => {
    asked.push(p);
    const bytes = files.get(p.uri);
    if (!bytes) return { type: p.uri === `${ROOT}/img` ? 'directory' : 'missing' };
    return p.content ? { type: 'file', base64: Buffer.from(bytes).toString('base64') } : { type: 'file' };
  });
  return { ws, asked };
}

test('resolve: relative paths inside the folder, nothing outside it', () => {
  const { ws } = fixture();
  const from = `${ROOT}/publiccode.yml`;
  assert.equal(ws.resolve(from, 'img/logo.png'), `${ROOT}/img/logo.png`);
  assert.equal(ws.resolve(`${ROOT}/sub/publiccode.yml`, '../img/logo.png'), `${ROOT}/img/logo.png`);
  assert.equal(ws.resolve(from, '../outside.png'), undefined);
  assert.equal(ws.resolve(from, 'img/../../outside.png'), undefined);
  assert.equal(ws.resolve(from, '/etc/passwd'), undefined);
  assert.equal(ws.resolve(from, 'https://example.org/logo.png'), undefined);
  assert.equal(ws.resolve(from, 'file:///etc/passwd'), undefined);
  assert.equal(ws.resolve('vscode-vfs://github/other/repo/publiccode.yml', 'img/logo.png'), undefined);
  assert.equal(ws.resolve('vscode-vfs://github/city/permits-fork/publiccode.yml', 'img/logo.png'), undefined);
});

test('exists/readFile ask the client only about confined URIs, and decode the bytes', async () => {
  const { ws, asked } = fixture();
  assert.equal(await ws.exists(`${ROOT}/img/logo.png`), true);
  assert.equal(await ws.exists(`${ROOT}/img/missing.png`), false);
  assert.deepEqual(await ws.readFile(`${ROOT}/img/logo.png`), new Uint8Array(png));
  assert.equal(await ws.readFile(`${ROOT}/img`), undefined); // a directory has no content
  const before = asked.length;
  assert.equal(await ws.exists(`${ROOT}/../secret`), false);
  assert.equal(await ws.readFile(`${ROOT}/img/../../secret`), undefined);
  assert.equal(await ws.readFile('vscode-vfs://github/other/repo/img/logo.png'), undefined);
  assert.equal(asked.length, before, 'URIs outside the folder must not reach the client');
  assert.deepEqual(asked.map((a) => a.content), [false, false, true, true]);
});

test('a failing client request reads as a missing file, not an exception', async () => {
  const ws = new ClientWorkspace([ROOT], async () => {
    throw new Error('connection closed');
  });
  assert.equal(await ws.exists(`${ROOT}/img/logo.png`), false);
  assert.equal(await ws.readFile(`${ROOT}/img/logo.png`), undefined);
});

test('the publiccode file rules run on a virtual workspace through the client', async () => {
  const { ws } = fixture();
  const text = readFileSync(resolve(__dirname, '../e2e/web/workspace/publiccode.yml'), 'utf8');
  const { findings } = await analyze(`${ROOT}/publiccode.yml`, text, { workspace: ws });
  const files = findings.filter((f) => /missing-file|invalid-image/.test(f.ruleId)).map((f) => `${f.ruleId} ${f.range.start.line + 1}`);
  assert.deepEqual(files.sort(), ['publiccode/invalid-image 7', 'publiccode/missing-file 28', 'publiccode/missing-file 29']);
  assert.match(findings.find((f) => f.ruleId === 'publiccode/invalid-image')!.message, /64 px wide/);
});
