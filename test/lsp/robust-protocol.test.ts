// Protocol robustness over stdio: requests about documents the server never saw, versions that go
// backwards, cancellation, and a feature that throws (made to, through a test-only initialization option)
// — the server answers, keeps its other features, and keeps publishing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, CompletionRequest, HoverRequest, ResponseError } from 'vscode-languageserver/node';
import { LspTestClient, PUBLICCODE_CORPUS, fileUri, itemsOf, positionOf } from '../helpers/lspClient';

const TEXT = readFileSync(path.join(PUBLICCODE_CORPUS, '4Science__parer__publiccode.yml'), 'utf8');
const clients: LspTestClient[] = [];
after(() => clients.forEach((c) => c.dispose()));

async function start(initializationOptions?: unknown): Promise<LspTestClient> {
  const c = await LspTestClient.start({ initializationOptions });
  clients.push(c);
  return c;
}

test('requests about unknown documents get empty answers, and the server keeps serving', async () => {
  const c = await start();
  const ghost = 'file:///nowhere/publiccode.yml';
  assert.equal(await c.hover(ghost, { line: 0, character: 0 }), null);
  assert.equal(await c.completion(ghost, { line: 0, character: 0 }), null);
  assert.deepEqual(await c.codeActions(ghost, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, []), []);
  assert.equal(await c.request('civicSchemas/detect', { uri: ghost }), null);
  assert.equal(await c.request('civicSchemas/detect', null), null);
  // Changing or closing a document that was never opened is ignored.
  await c.change(ghost, 7, 'name: x\n');
  await c.close(ghost);
  // Positions far outside a real document.
  const uri = 'file:///w/unknown-positions/publiccode.yml';
  await c.open(uri, TEXT);
  await c.waitForDiagnostics(uri, 1);
  assert.equal(await c.hover(uri, { line: 99_999, character: 5 }), null);
  itemsOf(await c.completion(uri, { line: 99_999, character: 99_999 }));
  assert.deepEqual(await c.request('civicSchemas/detect', { uri }), { standardId: 'publiccode', version: '0.5.0', reason: 'file name publiccode.yml; publiccodeYmlVersion: "0.5.0"' });
  assert.equal(await c.shutdown(), 0);
});

test('versions out of order: diagnostics always describe the text the server holds, with its version', async () => {
  const c = await start();
  const uri = 'file:///w/order/publiccode.yml';
  await c.open(uri, TEXT, 'yaml', 1);
  await c.waitForDiagnostics(uri, 1);
  await c.change(uri, 5, TEXT.replace(/^name:.*$/m, 'name: [broken'));
  await c.change(uri, 3, TEXT); // an older version number arrives last
  const last = await c.waitForDiagnostics(uri, 3);
  assert.ok(!last.diagnostics.some((d) => d.code === 'yaml/syntax'), 'the version-3 text has no syntax error');
  assert.deepEqual(await c.request('civicSchemas/detect', { uri }), { standardId: 'publiccode', version: '0.5.0', reason: 'file name publiccode.yml; publiccodeYmlVersion: "0.5.0"' });
  assert.equal(await c.shutdown(), 0);
});

test('a cancelled request is answered with RequestCancelled at once, and the next request is served', async () => {
  // Test-only: every request first waits 30 s (or until cancelled), so the cancellation lands mid-request.
  const c = await start({ civicSchemasTestOnly: { delayMs: 30_000 } });
  const uri = 'file:///w/cancel/publiccode.yml';
  await c.open(uri, TEXT);
  const source = new CancellationTokenSource();
  const pending = c.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(TEXT, 'name:') }, source.token);
  setTimeout(() => source.cancel(), 50);
  await assert.rejects(pending, (err: unknown) => err instanceof ResponseError && err.code === -32800);
  // A second one, cancelled too: the first did not leave the server stuck.
  const again = new CancellationTokenSource();
  const second = c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } }, again.token);
  setTimeout(() => again.cancel(), 50);
  await assert.rejects(second, (err: unknown) => err instanceof ResponseError && err.code === -32800);
  c.dispose();
});

test('a crash in one feature is logged and contained: other features and diagnostics keep working', async () => {
  const c = await start({ civicSchemasTestOnly: { failIn: ['hover'] } });
  const uri = 'file:///w/crash/publiccode.yml';
  await c.open(uri, TEXT);
  const first = await c.waitForDiagnostics(uri, 1);
  assert.equal(await c.hover(uri, positionOf(TEXT, 'name:')), null, 'the failing feature answers with its fallback');
  assert.ok(c.logs.some((l) => l.type === 1 && /hover failed: Error: test-only failure injected into hover/.test(l.message)), 'and says so in the log');
  // Everything else still works, including after the crash.
  assert.ok(itemsOf(await c.completion(uri, { line: 0, character: 0 })).length > 0);
  await c.change(uri, 2, TEXT.replace(/^name:.*$/m, 'name: [broken'));
  const second = await c.waitForDiagnostics(uri, 2);
  assert.ok(second.diagnostics.some((d) => d.code === 'yaml/syntax'));
  assert.notDeepEqual(first.diagnostics, second.diagnostics);
  assert.equal(await c.hover(uri, positionOf(TEXT, 'name:')), null);
  assert.equal(await c.shutdown(), 0);
});

test('the test-only options are inert unless given: hover works normally', async () => {
  const c = await start();
  const uri = fileUri('/w/normal/publiccode.yml');
  await c.open(uri, TEXT);
  const h = await c.hover(uri, positionOf(TEXT, 'name:'));
  assert.ok(h && JSON.stringify(h.contents).length > 20);
  assert.equal(await c.shutdown(), 0);
});

test('limits come from the server settings: maxFindings caps the diagnostics with a final "N more" one', async () => {
  const c = await start({ limits: { maxFindings: 3 } });
  const text = readFileSync(path.resolve(PUBLICCODE_CORPUS, '../data-json/laurelkorwin__gov-datajson-diff__fcc.json'), 'utf8');
  const uri = 'file:///w/limits/data.json';
  await c.open(uri, text, 'json');
  const { diagnostics } = await c.waitForDiagnostics(uri, 1);
  assert.equal(diagnostics.length, 4);
  assert.equal(diagnostics[3].code, 'core/too-many-findings');
  assert.match(String(diagnostics[3].message), /^\d+ more findings not shown/);
  assert.equal(await c.shutdown(), 0);
});
