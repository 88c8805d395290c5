// The analysis worker sees only big documents; the first small document of a standard and language that
// the main loop checks is also checked by the worker (a few times), through the big-document path, so that the
// first big one of its kind does not pay for compiling that path (scheduler.ts `prime`). Over stdio: the
// server says when it primed (a log message), does it once per standard and language, not for a
// document the big-document path would not split, and a big catalog checked afterwards gets exactly the
// findings of a precise analysis.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver/node';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { catalogJson, catalogYaml } from '../../bench/generate.mjs';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const PRIMED = /the analysis worker checked a small document (?:once|\d+ times) to be ready for big ones \(([^)]+)\)/;
const ROUNDS = /the analysis worker checked a small document (once|(\d+) times) to be ready for big ones \(dcat-us\/yaml\)/;

async function expected(uri: string, text: string): Promise<Diagnostic[]> {
  const analysis = await analyzePrepared(prepareDocument(parseDocument(uri, text, { precise: true })));
  return analysis.findings.map(toDiagnostic);
}

const strip = (ds: Diagnostic[]) => JSON.parse(JSON.stringify(ds)) as Diagnostic[];

describe('priming the analysis worker with the first small document of a kind', () => {
  let client: LspTestClient;
  let dir: string;

  const primedKinds = () => client.logs.flatMap((l) => PRIMED.exec(l.message)?.[1] ?? []);

  async function openChecked(name: string, text: string, languageId: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    const uri = fileUri(file);
    const published = client.waitForDiagnostics(uri, 1, 120_000);
    await client.open(uri, text, languageId);
    return { uri, diagnostics: (await published).diagnostics };
  }

  async function waitForPrimed(kind: string): Promise<void> {
    const until = Date.now() + 60_000;
    while (!primedKinds().includes(kind)) {
      if (Date.now() > until) assert.fail(`no priming for ${kind}; logs: ${JSON.stringify(client.logs.map((l) => l.message))}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Long enough for a prime the worker was sent to be done and reported. */
  const settle = () => new Promise((r) => setTimeout(r, 1500));

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-prime-'));
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });

  after(async () => {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a catalog of one dataset is not split: it primes nothing, and leaves the next small catalog to do it', async () => {
    const one = await openChecked('one.yaml', catalogYaml(1, 7), 'yaml');
    assert.ok(one.diagnostics.length > 0, 'the one-dataset catalog is checked as DCAT-US');
    await settle();
    assert.deepEqual(primedKinds(), []);
  });

  test('the first small catalog primes the worker for its standard and language', async () => {
    const small = await openChecked('small.yaml', catalogYaml(20, 8), 'yaml');
    assert.ok(small.diagnostics.length > 0);
    await waitForPrimed('dcat-us/yaml');
    // Several times while nothing else waits (one check runs the code too few times to optimize it).
    const said = client.logs.map((l) => ROUNDS.exec(l.message)).find((m) => m !== null);
    assert.ok(said && said[2] !== undefined && Number(said[2]) > 1, `checked more than once: ${said?.[0]}`);
  });

  test('once per standard and language: another small YAML catalog does not prime again, a JSON one does', async () => {
    await openChecked('other.yaml', catalogYaml(12, 9), 'yaml');
    await openChecked('small.json', catalogJson(20, 10), 'json');
    await waitForPrimed('dcat-us/json');
    await settle();
    assert.deepEqual(primedKinds().sort(), ['dcat-us/json', 'dcat-us/yaml']);
  });

  test('a big catalog checked by the primed worker gets the findings of a precise analysis', async () => {
    for (const [name, text, languageId] of [
      ['big.yaml', catalogYaml(1000, 11), 'yaml'],
      ['big.json', catalogJson(1000, 12), 'json'],
    ] as const) {
      const big = await openChecked(name, text, languageId);
      assert.ok(big.diagnostics.length > 0, name);
      assert.deepEqual(strip(big.diagnostics), strip(await expected(big.uri, text)), name);
    }
  });
});
