// Document symbols (the outline) over real JSON-RPC against dist/server.js, on real corpus files: a
// hierarchical tree whose names are the keys (list items named by their name/title), whose details are
// the value's kind or short value, whose ranges point at the keys, and which is capped on huge files.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver/node';
import { fileUri, LspTestClient, REPO } from '../helpers/lspClient';

const CORPUS = path.resolve(REPO, '../shared/corpus');

function find(symbols: DocumentSymbol[] | undefined, name: string): DocumentSymbol {
  const s = symbols?.find((x) => x.name === name);
  assert.ok(s, `no symbol "${name}" among ${JSON.stringify(symbols?.map((x) => x.name))}`);
  return s;
}

function textAt(text: string, r: DocumentSymbol['selectionRange']): string {
  const lines = text.split('\n');
  assert.equal(r.start.line, r.end.line);
  return lines[r.start.line].slice(r.start.character, r.end.character);
}

function contains(outer: DocumentSymbol['range'], inner: DocumentSymbol['range']): boolean {
  const le = (a: typeof outer.start, b: typeof outer.start) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function count(symbols: DocumentSymbol[] | undefined): number {
  return (symbols ?? []).reduce((n, s) => n + 1 + count(s.children), 0);
}

describe('document symbols over LSP', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start();
    assert.equal(client.initializeResult.capabilities.documentSymbolProvider, true);
  });
  after(() => client?.dispose());

  async function symbolsOf(corpusPath: string, languageId: string): Promise<{ text: string; symbols: DocumentSymbol[] }> {
    const file = path.join(CORPUS, corpusPath);
    const text = readFileSync(file, 'utf8');
    const uri = fileUri(file);
    await client.open(uri, text, languageId, 1);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    return { text, symbols };
  }

  test('publiccode.yml: keys as names, nested objects and lists, ranges on the keys', async () => {
    const { text, symbols } = await symbolsOf('publiccode/4Science__parer__publiccode.yml', 'yaml');
    assert.deepEqual(symbols.slice(0, 4).map((s) => s.name), ['publiccodeYmlVersion', 'name', 'url', 'platforms']);
    const version = find(symbols, 'publiccodeYmlVersion');
    assert.equal(version.detail, '0.5.0');
    assert.equal(textAt(text, version.selectionRange), 'publiccodeYmlVersion');
    const platforms = find(symbols, 'platforms');
    assert.equal(platforms.detail, 'list of 1');
    assert.equal(platforms.kind, 18); // Array
    assert.deepEqual(platforms.children?.map((c) => [c.name, c.detail]), [['[0]', 'linux']]);
    const description = find(symbols, 'description');
    assert.equal(description.kind, 19); // Object
    const it = find(description.children, 'it');
    const features = find(it.children, 'features');
    assert.equal(features.children?.length, 5);
    assert.equal(features.children?.[0].detail, 'Pre-ingestione automatica');
    const long = find(it.children, 'longDescription');
    assert.ok(long.detail!.length <= 60 && long.detail!.endsWith('…'), long.detail);
    for (const s of [description, it, features, long]) {
      for (const c of s.children ?? []) assert.ok(contains(s.range, c.range), `${c.name} lies within ${s.name}`);
      assert.ok(contains(s.range, s.selectionRange));
    }
    assert.equal(textAt(text, find(find(symbols, 'legal').children, 'license').selectionRange), 'license');
  });

  test('data.json: datasets named by their title, distributions nested', async () => {
    const { text, symbols } = await symbolsOf('data-json/laurelkorwin__gov-datajson-diff__consumerfinance.json', 'json');
    const data = JSON.parse(text) as { dataset: { title: string; distribution?: { title?: string }[] }[] };
    const dataset = find(symbols, 'dataset');
    assert.equal(dataset.detail, `list of ${data.dataset.length}`);
    assert.equal(dataset.children?.length, data.dataset.length);
    assert.equal(dataset.children?.[0].name.startsWith(`[0] ${data.dataset[0].title.slice(0, 20)}`), true, dataset.children?.[0].name);
    const first = dataset.children![0];
    assert.equal(textAt(text, find(first.children, 'title').selectionRange), '"title"');
    assert.ok(contains(dataset.range, first.range));
  });

  test('a huge data.json is capped: at most 500 children per list and 5000 symbols in all', async () => {
    const { symbols } = await symbolsOf('data-json/laurelkorwin__gov-datajson-diff__dhs.json', 'json');
    const dataset = find(symbols, 'dataset');
    assert.equal(dataset.children?.length, 500);
    assert.match(dataset.detail!, /^list of 1093 \(500 of 1093 shown\)$/);
    const total = count(symbols);
    assert.ok(total <= 5000 && total > 1000, `total ${total}`);
    assert.ok(dataset.children!.every((c) => c.name.length > 4), 'items are named by their title');
  });
});
