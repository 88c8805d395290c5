// Over the language server, a big catalog with more findings than the editor shows (limits.maxFindings):
// the diagnostics published after an edit in the middle include the edited dataset's findings, so that
// typing there gets live feedback, and the last one counts the findings not shown.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { catalogYaml } from '../../bench/generate.mjs';
import { fileUri, LspTestClient } from '../helpers/lspClient';

const MAX = 100;
let client: LspTestClient;
let dir: string;
let uri: string;
let text: string;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'civic-cap-'));
  text = catalogYaml(1000);
  const file = path.join(dir, 'data.yaml');
  writeFileSync(file, text);
  uri = fileUri(file);
  client = await LspTestClient.start({ workspaceFolders: [dir], initializationOptions: { limits: { maxFindings: MAX } } });
  await client.open(uri, text, 'yaml');
});

after(async () => {
  await client.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

test('an error typed in the middle of a capped catalog is published, and goes when fixed', async () => {
  const opened = await client.waitForDiagnostics(uri, 1, 120_000);
  assert.equal(opened.diagnostics.length, MAX + 1);
  assert.equal(opened.diagnostics[MAX].code, 'core/too-many-findings');
  const at = text.indexOf('accessLevel: public\n', Math.floor(text.length * 0.6)) + 'accessLevel: '.length;
  const before = text.slice(0, at);
  const position = { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
  assert.ok(!opened.diagnostics.some((d) => d.range.start.line === position.line), 'nothing shown there before the edit');
  let version = 1;
  for (const [from, to] of [['public', 'publicX'], ['publicX', 'public']]) {
    version++;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + from.length } }, text: to }],
    });
    const published = await client.waitForDiagnostics(uri, version, 60_000);
    assert.equal(published.diagnostics.length, MAX + 1);
    const there = published.diagnostics.filter((d) => d.range.start.line === position.line);
    if (to === 'publicX') {
      assert.equal(there.length, 1, 'the typed error is shown');
      assert.equal(there[0].severity, 1);
      assert.match(String(published.diagnostics[MAX].message), /item you are editing are always listed/);
    } else assert.equal(there.length, 0, 'and gone once fixed');
  }
});
