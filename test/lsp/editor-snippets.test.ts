// Snippets and skeletons over real JSON-RPC against dist/server.js: where a list of a real corpus file
// expects an object (a publiccode contact, a Data Package resource, a DCAT-US distribution) the server
// offers a snippet with the whole object; an empty file of a detected standard gets a skeleton with every
// required key. Accepting them (placeholders left at their defaults) gives text that revalidates without
// new findings.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Diagnostic, Position } from 'vscode-languageserver/node';
import { applyEdits, fileUri, itemsOf, LspTestClient, positionOf, REPO } from '../helpers/lspClient';

const CORPUS = path.resolve(REPO, '../shared/corpus');

/** What an editor does when the snippet is accepted and every tab stop is left at its default. */
export function expandSnippet(s: string): string {
  return s.replace(/\$\{\d+:((?:\\.|[^\\}])*)\}|\$\{\d+\|([^,|]*)[^}]*\}|\$\d+|\\([\\$}])/g, (_m, dflt?: string, choice?: string, esc?: string) =>
    dflt !== undefined ? dflt.replace(/\\([\\$}])/g, '$1') : choice !== undefined ? choice : esc !== undefined ? esc : '',
  );
}

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code}: ${d.message}`).sort();
/** The kinds of findings (the same message twice counts once: a second resource gets the same hint). */
const kinds = (ds: Diagnostic[]) => [...new Set(summary(ds))];

describe('snippets and skeletons over LSP', () => {
  let client: LspTestClient;
  let dir: string;
  let n = 0;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-snippets-'));
    client = await LspTestClient.start();
  });
  after(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const sub = path.join(dir, String(++n));
    mkdirSync(sub);
    const uri = fileUri(path.join(sub, name));
    await client.open(uri, text, name.endsWith('.json') ? 'json' : 'yaml', 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1, 30_000);
    return { uri, diagnostics };
  }

  async function accept(uri: string, text: string, position: Position, label: string): Promise<{ text: string; diagnostics: Diagnostic[]; item: CompletionItem }> {
    const items = itemsOf(await client.completion(uri, position));
    const item = items.find((i) => i.label === label);
    assert.ok(item, `"${label}" not offered; got ${JSON.stringify(items.map((i) => i.label))}`);
    assert.equal(item.kind, 15); // Snippet
    assert.equal(item.insertTextFormat, 2); // Snippet
    const edit = item.textEdit as { range: { start: Position; end: Position }; newText: string };
    const next = applyEdits(text, [{ range: edit.range, newText: expandSnippet(edit.newText) }]);
    await client.change(uri, 2, next);
    const { diagnostics } = await client.waitForDiagnostics(uri, 2, 30_000);
    return { text: next, diagnostics, item };
  }

  /** Insert `line` after the line containing `anchor`; returns the text and the position at its end. */
  function withLineAfter(text: string, anchor: string, line: string): { text: string; at: Position } {
    const at = positionOf(text, anchor);
    const lines = text.split('\n');
    lines.splice(at.line + 1, 0, line);
    return { text: lines.join('\n'), at: { line: at.line + 1, character: line.length } };
  }

  test('publiccode.yml: a new maintenance contact on a fresh `- ` line', async () => {
    const original = readFileSync(path.join(CORPUS, 'publiccode/Amsterdam__signals-frontend__publiccode.yml'), 'utf8');
    const { text, at } = withLineAfter(original, 'contacts:', '    - ');
    const { uri, diagnostics: before } = await open('publiccode.yml', text);
    const { text: after, diagnostics } = await accept(uri, text, at, 'New contact');
    assert.match(after, /contacts:\n {4}- name: Jane Doe\n {6}email: jane\.doe@example\.org\n {6}affiliation: Example Municipality\n {4}- name: Amy van Someren/);
    // The empty item was an error before; the inserted contact is valid.
    assert.ok(before.length > 0);
    const { diagnostics: clean } = await open('publiccode.yml', original);
    assert.deepEqual(summary(diagnostics), summary(clean));
  });

  test('datapackage.json: a new resource with a Table Schema field as the first item of resources', async () => {
    const original = readFileSync(path.join(CORPUS, 'datapackage/frictionlessdata__example-data-packages__cpi__datapackage.json'), 'utf8');
    const text = original.replace('"resources": [{', '"resources": [\n    {');
    const at = { line: positionOf(text, '"resources": [').line + 1, character: 4 };
    const { uri } = await open('datapackage.json', text.replace('\n    {', '\n    \n    {'));
    const { text: after, diagnostics } = await accept(uri, text.replace('\n    {', '\n    \n    {'), at, 'New resource');
    const parsed = JSON.parse(after) as { resources: { name: string; schema: { fields: { name: string; type: string }[] } }[] };
    assert.equal(parsed.resources.length, 2);
    assert.deepEqual(parsed.resources[0].schema.fields, [{ name: 'id', type: 'integer' }]);
    const { diagnostics: clean } = await open('datapackage.json', original);
    assert.deepEqual(kinds(diagnostics), kinds(clean));
    assert.ok(!diagnostics.some((d) => d.severity === 1 || d.severity === 2), JSON.stringify(diagnostics));
  });

  test('data.json: a new distribution as the first item of a dataset\'s distribution list', async () => {
    const original = readFileSync(path.join(CORPUS, 'data-json/laurelkorwin__gov-datajson-diff__consumerfinance.json'), 'utf8');
    const m = /"distribution"\s*:\s*\[/.exec(original)!;
    const cut = m.index + m[0].length;
    const text = `${original.slice(0, cut)}\n${original.slice(cut)}`;
    const at = { line: original.slice(0, cut).split('\n').length, character: 0 };
    const { uri } = await open('data.json', text);
    const { text: after, diagnostics } = await accept(uri, text, at, 'New distribution');
    const parsed = JSON.parse(after) as { dataset: { distribution: { downloadURL?: string; mediaType?: string }[] }[] };
    const original0 = JSON.parse(original) as typeof parsed;
    const ds = parsed.dataset.findIndex((d, i) => d.distribution?.length !== original0.dataset[i].distribution?.length);
    assert.ok(ds >= 0);
    assert.deepEqual(parsed.dataset[ds].distribution[0], {
      '@type': 'dcat:Distribution',
      title: 'Data as CSV',
      downloadURL: 'https://example.gov/data/my-data.csv',
      mediaType: 'text/csv',
      format: 'CSV',
    });
    const { diagnostics: clean } = await open('data.json', original);
    assert.deepEqual(summary(diagnostics), summary(clean));
  });

  for (const [name, mustHave] of [
    ['publiccode.yml', ['publiccodeYmlVersion', 'maintenance', 'localisation', 'legal']],
    ['datapackage.yaml', ['resources']],
    ['datapackage.json', ['resources']],
    ['data.json', ['conformsTo', 'dataset', 'bureauCode']],
  ] as const) {
    test(`an empty ${name}: the skeleton has every required key and validates`, async () => {
      const { uri } = await open(name, '');
      const { text, diagnostics, item } = await accept(uri, '', { line: 0, character: 0 }, item0(name));
      assert.equal(item.preselect, true);
      for (const key of mustHave) assert.ok(text.includes(key), `${key} in\n${text}`);
      assert.deepEqual(summary(diagnostics), [], text);
    });
  }
});

function item0(name: string): string {
  if (name === 'publiccode.yml') return 'New publiccode.yml skeleton';
  if (name === 'data.json') return 'New DCAT-US skeleton';
  return 'New Data Package skeleton';
}
