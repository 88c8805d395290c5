// Soak: 10,000 edits through the real server over stdio — typing and deleting, breaking and mending the
// YAML, a second document opened and closed again and again — and the server's heap (after a full
// garbage collection, read by a test-only preload: test/lsp/preload/heap-probe.cjs) returns to the band
// it was in after warm-up. A leak of one analysis per version (or per closed document) would leave it
// tens of megabytes above.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { LspTestClient, PUBLICCODE_CORPUS } from '../helpers/lspClient';

const TEXT = readFileSync(path.join(PUBLICCODE_CORPUS, '4Science__parer__publiccode.yml'), 'utf8');
const dir = mkdtempSync(path.join(tmpdir(), 'civic-soak-'));
const probeFile = path.join(dir, 'heap.txt');
let client: LspTestClient | undefined;
after(() => {
  client?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const EDITS = 10_000;
const BATCH = 250;
/** The band: the heap may end at most this far above its post-warm-up level. */
const BAND_BYTES = 16 * 1024 * 1024;

async function heapUsed(c: LspTestClient): Promise<number> {
  const before = existsSync(probeFile) ? readFileSync(probeFile, 'utf8').trim().split('\n').length : 0;
  c.process.kill('SIGUSR2');
  for (let i = 0; i < 200; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const lines = existsSync(probeFile) ? readFileSync(probeFile, 'utf8').trim().split('\n') : [];
    if (lines.length > before) return Number(lines[lines.length - 1]);
  }
  throw new Error(`the heap probe did not answer; server stderr: ${c.stderr}`);
}

test(`${EDITS.toLocaleString('en')} edits through the LSP: the heap returns to its baseline band`, { timeout: 120_000 }, async (t) => {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'preload/heap-probe.cjs')}`.trim();
  process.env.CIVIC_HEAP_PROBE_FILE = probeFile;
  const c = (client = await LspTestClient.start());
  const uri = 'file:///soak/publiccode.yml';
  const other = 'file:///soak/other/publiccode.yml';
  await c.open(uri, TEXT);
  await c.waitForDiagnostics(uri, 1);
  const nameLine = TEXT.split('\n').findIndex((l) => l.startsWith('name:'));
  const nameEnd = TEXT.split('\n')[nameLine].length;
  let version = 1;
  let inserted = '';
  let typing = true;
  const heaps: number[] = [];
  let baseline = 0;
  const started = performance.now();
  for (let done = 0; done < EDITS; ) {
    for (let k = 0; k < BATCH; k++, done++) {
      version++;
      // Type at the end of the name line; now and then a "[" that breaks the YAML; then delete it all.
      if (typing && inserted.length === 12) typing = false;
      else if (!typing && inserted.length === 0) typing = true;
      const char = done % 97 === 0 ? '[' : 'abcdefghij'[done % 10];
      const at = { line: nameLine, character: nameEnd + inserted.length - (typing ? 0 : 1) };
      const change = typing
        ? { range: { start: at, end: at }, text: char }
        : { range: { start: at, end: { line: nameLine, character: at.character + 1 } }, text: '' };
      if (typing) inserted += char;
      else inserted = inserted.slice(0, -1);
      void c.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [change] });
    }
    // Another document comes and goes every batch.
    await c.open(other, TEXT.replace('name:', 'name: other'));
    await c.close(other);
    // A round trip: the server has read the batch.
    await c.request('civicSchemas/detect', { uri });
    if (done === BATCH * 4) baseline = await heapUsed(c);
    if (done % (BATCH * 8) === 0) heaps.push(await heapUsed(c));
  }
  const last = await c.waitForDiagnostics(uri, version, 30_000);
  assert.ok(Array.isArray(last.diagnostics));
  const end = await heapUsed(c);
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  t.diagnostic(`soak: ${EDITS} edits in ${((performance.now() - started) / 1000).toFixed(1)} s; heap after warm-up ${mb(baseline)}, along the way ${heaps.map(mb).join(', ')}, at the end ${mb(end)}`);
  assert.ok(baseline > 0);
  assert.ok(end <= baseline + BAND_BYTES, `the heap grew from ${mb(baseline)} to ${mb(end)}`);
  assert.equal(await c.shutdown(), 0);
  client = undefined;
});
