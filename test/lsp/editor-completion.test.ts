// Value providers over real JSON-RPC against dist/server.js: at a value position of a real corpus file
// the server offers values that come from the world (SPDX, BCP 47, ISO 3166, media types, Open
// Definition, DCAT frequencies, today's date); the chosen item's edit, applied to the text, validates.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Diagnostic, Position, Range } from 'vscode-languageserver/node';
import { applyEdits, fileUri, itemsOf, LspTestClient, positionOf, REPO } from '../helpers/lspClient';

const CORPUS = path.resolve(REPO, '../shared/corpus');

describe('completion value providers over LSP', () => {
  let client: LspTestClient;
  let dir: string;
  let n = 0;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-complete-'));
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });

  after(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  interface Doc {
    uri: string;
    text: string;
    version: number;
  }

  async function open(corpusPath: string, as: string, edit?: (t: string) => string): Promise<Doc> {
    const sub = path.join(dir, String(++n));
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, as);
    copyFileSync(path.join(CORPUS, corpusPath), file);
    const uri = fileUri(file);
    const text = edit ? edit(readFileSync(file, 'utf8')) : readFileSync(file, 'utf8');
    await client.open(uri, text, as.endsWith('.json') ? 'json' : 'yaml', 1);
    await client.waitForDiagnostics(uri, 1, 30_000);
    return { uri, text, version: 1 };
  }

  async function labelsAt(d: Doc, position: Position): Promise<CompletionItem[]> {
    return itemsOf(await client.completion(d.uri, position));
  }

  /** Apply `item`, send the text, and return the new diagnostics. */
  async function accept(d: Doc, item: CompletionItem): Promise<{ text: string; diagnostics: Diagnostic[] }> {
    const text = applyEdits(d.text, [item.textEdit as { range: Range; newText: string }]);
    await client.change(d.uri, ++d.version, text);
    const { diagnostics } = await client.waitForDiagnostics(d.uri, d.version, 30_000);
    d.text = text;
    return { text, diagnostics };
  }

  test('publiccode legal.license: SPDX ids, common ones first; the chosen id validates', async () => {
    const d = await open('publiccode/CISOfy__lynis__publiccode.yml', 'publiccode.yml');
    const items = await labelsAt(d, positionOf(d.text, 'license: AGPL-3.0-only', 'license: '.length));
    const labels = items.map((i) => i.label);
    assert.ok(labels.length > 500, `${labels.length} SPDX ids`);
    for (const id of ['MIT', 'Apache-2.0', 'EUPL-1.2', '0BSD', 'Zlib']) assert.ok(labels.includes(id), id);
    const eupl = items.find((i) => i.label === 'EUPL-1.2')!;
    const zlib = items.find((i) => i.label === 'Zlib')!;
    assert.ok(eupl.sortText! < zlib.sortText!, 'common licences sort first');
    const { text, diagnostics } = await accept(d, eupl);
    assert.match(text, /^ {2}license: EUPL-1\.2$/m);
    assert.ok(!diagnostics.some((x) => x.range.start.line === positionOf(text, 'license: EUPL').line));
  });

  test('publiccode availableLanguages item: BCP 47 tags with names; countries: ISO 3166; releaseDate: today', async () => {
    const d = await open('publiccode/CISOfy__lynis__publiccode.yml', 'publiccode.yml');
    const lang = await labelsAt(d, positionOf(d.text, '    - es\n', '    - '.length));
    const pt = lang.find((i) => i.label === 'pt-BR');
    assert.equal(pt?.detail, 'Brazilian Portuguese');
    assert.ok(lang.some((i) => i.label === 'sl'), 'registry languages too');
    assert.ok(!lang.some((i) => i.label === 'en'), 'en is already listed');
    const withLang = await accept(d, pt!);
    assert.match(withLang.text, /^ {4}- pt-BR$/m);
    assert.deepEqual(withLang.diagnostics.filter((x) => /availableLanguages|language/.test(String(x.code))), []);

    const withCountries = d.text.replace(/^releaseDate: .*$/m, (l) => `${l}\nintendedAudience:\n  countries:\n    - `);
    await client.change(d.uri, ++d.version, withCountries);
    d.text = withCountries;
    const countries = await labelsAt(d, positionOf(withCountries, '  countries:\n    - ', '  countries:\n    - '.length));
    assert.ok(countries.length >= 249, `${countries.length} countries`);
    assert.equal(countries.find((i) => i.label === 'IT')?.detail, 'Italy');
    const chosen = await accept(d, countries.find((i) => i.label === 'DE')!);
    assert.match(chosen.text, /^ {4}- DE$/m);
    assert.ok(!chosen.diagnostics.some((x) => /country/.test(String(x.code))));

    const date = await labelsAt(d, positionOf(d.text, 'releaseDate: 2025-01-28', 'releaseDate: '.length));
    const today = date.find((i) => i.detail === 'today');
    assert.ok(today, JSON.stringify(date.map((i) => i.label)));
    const now = Date.now();
    const days = [now - 86_400_000, now, now + 86_400_000].map((t) => new Date(t).toISOString().slice(0, 10));
    assert.ok(days.includes(today.label), today.label); // the server's clock, not this process's: a day either side
    const dated = await accept(d, today);
    assert.ok(!dated.diagnostics.some((x) => x.range.start.line === 3), JSON.stringify(dated.diagnostics));
  });

  test('datapackage: mediatype from mime-db, licence names from the Open Definition', async () => {
    const d = await open('datapackage/opendatasicilia__emergenza-idrica-sicilia__datapackage.yaml', 'datapackage.yaml');
    const media = await labelsAt(d, positionOf(d.text, 'mediatype: text/csv', 'mediatype: '.length));
    const labels = media.map((i) => i.label);
    assert.ok(labels.length > 1000, `${labels.length} media types`);
    for (const t of ['text/csv', 'application/geo+json', 'application/vnd.oasis.opendocument.spreadsheet']) assert.ok(labels.includes(t), t);
    const lic = await labelsAt(d, positionOf(d.text, '  - name: CC-BY-4.0', '  - name: '.length));
    const odc = lic.find((i) => i.label === 'ODC-BY-1.0');
    assert.ok(odc, JSON.stringify(lic.slice(0, 5).map((i) => i.label)));
    assert.match(odc.detail ?? '', /Open Data Commons/);
    const { text, diagnostics } = await accept(d, odc);
    assert.match(text, /^ {2}- name: ODC-BY-1\.0$/m);
    assert.ok(!diagnostics.some((x) => /license/.test(String(x.code))), JSON.stringify(diagnostics.map((x) => x.code)));
  });

  test('DCAT-US data.json: accrualPeriodicity durations and distribution media types', async () => {
    const d = await open('data-json-testdata/project-open-data__project-open-data.github.io__v1.1__examples__catalog-sample.json', 'data.json', (t) =>
      t.replace('"accessLevel": "public",', '"accessLevel": "public",\n      "accrualPeriodicity": "",'),
    );
    const freq = await labelsAt(d, positionOf(d.text, '"accrualPeriodicity": ""', '"accrualPeriodicity": "'.length));
    const monthly = freq.find((i) => i.detail === 'monthly');
    assert.equal(monthly?.label, 'R/P1M');
    assert.ok(freq.some((i) => i.label === 'irregular'));
    const { text, diagnostics } = await accept(d, monthly!);
    assert.match(text, /"accrualPeriodicity": "R\/P1M",/);
    assert.ok(!diagnostics.some((x) => /frequency|accrual/.test(String(x.code) + String(x.message))), JSON.stringify(diagnostics));
    const media = await labelsAt(d, positionOf(d.text, '"mediaType": "application/zip"', '"mediaType": "'.length));
    assert.ok(media.some((i) => i.label === 'application/zip') || media.some((i) => i.label === 'text/csv'));
    assert.ok(media.length > 1000);
  });
});
