// The server also speaks over Node IPC (`--node-ipc`), the transport the VS Code client uses.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileUri, itemsOf, LspTestClient, positionOf, PUBLICCODE_CORPUS } from '../helpers/lspClient';

test('over Node IPC: initialize, diagnostics, completion, detect, shutdown', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-ipc-'));
  const file = path.join(dir, 'publiccode.yml');
  copyFileSync(path.join(PUBLICCODE_CORPUS, 'italia__publiccode-parser-go__publiccode.yml'), file);
  const text = readFileSync(file, 'utf8');
  const uri = fileUri(file);
  const client = await LspTestClient.start({ transport: 'ipc', workspaceFolders: [dir] });
  try {
    assert.equal(client.initializeResult.serverInfo?.name, 'civic-schemas');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, 1);
    const old = published.diagnostics.find((d) => d.code === 'publiccode/old-version');
    assert.ok(old, JSON.stringify(published.diagnostics.map((d) => d.code)));
    assert.equal(old.range.start.line, positionOf(text, 'publiccodeYmlVersion').line);
    const items = itemsOf(await client.completion(uri, positionOf(text, 'softwareType: library', 'softwareType: '.length)));
    assert.ok(items.some((i) => i.label === 'library') && items.some((i) => i.label === 'standalone/web'));
    const detected = await client.request<{ standardId: string; version: string } | null>('civicSchemas/detect', { uri });
    assert.equal(detected?.standardId, 'publiccode');
    assert.equal(detected?.version, '0.5');
    assert.equal(await client.shutdown(), 0);
  } finally {
    client.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
