// A big catalog through the language server: analysed off the main loop and incrementally. After an
// edit in the middle (a ranged change, as editors send), the published diagnostics equal a fresh
// precise analysis of the new text; completion and hover answer from the item under the cursor.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DidChangeTextDocumentNotification, type Diagnostic } from 'vscode-languageserver/node';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { toDiagnostic } from '../../server/src/lsp/convert';
import { catalogJson, catalogYaml } from '../../bench/generate.mjs';
import { fileUri, itemsOf, LspTestClient } from '../helpers/lspClient';

async function expected(uri: string, text: string): Promise<Diagnostic[]> {
  const analysis = await analyzePrepared(prepareDocument(parseDocument(uri, text, { precise: true })));
  return analysis.findings.map(toDiagnostic);
}

const strip = (ds: Diagnostic[]) => JSON.parse(JSON.stringify(ds)) as Diagnostic[];

for (const [name, make, find, replace, languageId] of [
  ['data.json', () => catalogJson(1000), '"accessLevel": "public"', '"accessLevel": "publicX"', 'json'],
  ['data.yaml', () => catalogYaml(1000), 'accessLevel: public\n', 'accessLevel: publicX\n', 'yaml'],
] as const) {
  describe(`a 1,000-dataset catalog (${name}) over the language server`, () => {
    let client: LspTestClient;
    let dir: string;
    let uri: string;
    let text: string;

    before(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'civic-incremental-'));
      text = make();
      const file = path.join(dir, name);
      writeFileSync(file, text);
      uri = fileUri(file);
      client = await LspTestClient.start({ workspaceFolders: [dir] });
      await client.open(uri, text, languageId);
    });

    after(async () => {
      await client.shutdown();
      rmSync(dir, { recursive: true, force: true });
    });

    test('open: the diagnostics equal a precise analysis', async () => {
      const published = await client.waitForDiagnostics(uri, 1, 120_000);
      assert.ok(published.diagnostics.length > 0);
      assert.deepEqual(strip(published.diagnostics), strip(await expected(uri, text)));
    });

    test('an edit in the middle: the diagnostics equal a precise analysis of the new text', async () => {
      let version = 1;
      for (const [from, to] of [[find, replace], [replace, find]]) {
        const at = text.indexOf(from, Math.floor(text.length / 2));
        assert.ok(at !== -1);
        const before = text.slice(0, at);
        const line = before.split('\n').length - 1;
        const character = at - (before.lastIndexOf('\n') + 1);
        const endLines = from.split('\n');
        const end = endLines.length === 1 ? { line, character: character + from.length } : { line: line + endLines.length - 1, character: endLines[endLines.length - 1].length };
        text = text.slice(0, at) + to + text.slice(at + from.length);
        version++;
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line, character }, end }, text: to }],
        });
        const published = await client.waitForDiagnostics(uri, version, 60_000);
        assert.deepEqual(strip(published.diagnostics), strip(await expected(uri, text)), `version ${version}`);
        if (to === replace) assert.ok(published.diagnostics.some((d) => d.range.start.line === line), 'the edited value is flagged');
      }
    });

    test('a duplicate identifier typed in the middle, then removed: the diagnostics follow, equal to a precise analysis', async () => {
      const key = languageId === 'json' ? '"identifier": "' : 'identifier: ';
      const firstAt = text.indexOf(key) + key.length;
      const firstId = /^[A-Z]+-\d{6}/.exec(text.slice(firstAt))![0];
      const at = text.indexOf(key, Math.floor(text.length / 2)) + key.length;
      const midId = /^[A-Z]+-\d{6}/.exec(text.slice(at))![0];
      const before = text.slice(0, at);
      const position = { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
      let version = 10;
      for (const [from, to, duplicate] of [[midId, firstId, true], [firstId, midId, false]] as const) {
        text = text.slice(0, at) + to + text.slice(at + from.length);
        version++;
        await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + from.length } }, text: to }],
        });
        const published = await client.waitForDiagnostics(uri, version, 60_000);
        assert.deepEqual(strip(published.diagnostics), strip(await expected(uri, text)), `version ${version}`);
        const flagged = published.diagnostics.some((d) => d.code === 'dcat-us/duplicate-identifier' && d.range.start.line === position.line);
        assert.equal(flagged, duplicate, duplicate ? 'the duplicate is flagged' : 'the duplicate is gone');
      }
    });

    test('completion and hover inside a dataset in the middle', async () => {
      const at = text.indexOf(languageId === 'json' ? '"accessLevel": "' : 'accessLevel: ', Math.floor(text.length / 2));
      const valueAt = at + (languageId === 'json' ? '"accessLevel": "'.length : 'accessLevel: '.length);
      const before = text.slice(0, valueAt);
      const position = { line: before.split('\n').length - 1, character: valueAt - (before.lastIndexOf('\n') + 1) };
      const labels = itemsOf(await client.completion(uri, position)).map((i) => i.label);
      assert.ok(labels.includes('restricted public') || labels.includes('"restricted public"'), `got ${JSON.stringify(labels)}`);
      const keyAt = text.indexOf(languageId === 'json' ? '"identifier"' : 'identifier:', Math.floor(text.length / 2));
      const kb = text.slice(0, keyAt + 2);
      const hover = await client.hover(uri, { line: kb.split('\n').length - 1, character: keyAt + 2 - (kb.lastIndexOf('\n') + 1) });
      assert.ok(hover);
      // Generated identifiers end with the dataset's index.
      const index = Number(/-(\d{6})/.exec(text.slice(keyAt, keyAt + 40))![1]);
      const shown = JSON.stringify(hover.contents);
      assert.match(shown, new RegExp(`dataset\\[${index}\\]`), 'the hover names the dataset by its real index');
    });

    // The main loop reads a big document's items only when a request needs them: the outline needs all
    // of them, a code action the one under the finding.
    test('outline of every dataset, and code actions on a finding inside one, from the lazily read main-loop parse', async () => {
      const symbols = await client.request<{ name: string; children?: unknown[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const list = symbols.find((s) => s.name === 'dataset');
      assert.ok(list, `an outline entry for the dataset list: ${JSON.stringify(symbols.map((s) => s.name))}`);
      // The outline lists a list's first 500 entries (DEFAULT_SYMBOL_LIMITS.maxChildren), each read from its item.
      assert.equal(list.children?.length, 500);
      const published = await client.waitForDiagnostics(uri, 12, 60_000); // the version the previous test left
      const middle = published.diagnostics.filter((d) => d.range.start.line > published.diagnostics[0].range.start.line)[Math.floor(published.diagnostics.length / 2)] ?? published.diagnostics[0];
      const actions = (await client.codeActions(uri, middle.range, [middle])) ?? [];
      const titles = actions.map((a) => a.title);
      assert.ok(titles.some((t) => t.includes(String(middle.code))), `a documentation action for ${String(middle.code)}: ${JSON.stringify(titles)}`);
    });
  });
}
