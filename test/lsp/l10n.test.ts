// The language server speaks the editor's language: InitializeParams.locale (what vscode-languageclient
// sends as VS Code's display language) picks the messages, for small documents analysed on the main loop
// and for big ones (> 256 KB) analysed in the worker thread alike.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileUri, LspTestClient, PUBLICCODE_CORPUS, REPO } from '../helpers/lspClient';

const MATILDE = path.join(PUBLICCODE_CORPUS, 'AUSL-ReggioEmilia__Matilde__publiccode.yml');
/** A real DCAT-US catalog of 1.2 MB: big enough for the analysis worker thread. */
const CATALOG = path.resolve(REPO, '../shared/corpus/data-json/laurelkorwin__gov-datajson-diff__energy.json');

async function diagnosticsIn(locale: string | undefined, file: string, languageId: string) {
  const client = await LspTestClient.start({ locale, workspaceFolders: [path.dirname(file)] });
  try {
    const uri = fileUri(file);
    await client.open(uri, readFileSync(file, 'utf8'), languageId);
    return (await client.waitForDiagnostics(uri, 1, 120_000)).diagnostics;
  } finally {
    await client.shutdown();
  }
}

test('locale es: a publiccode.yml from the corpus gets Spanish diagnostics; codes and ranges as in English', async () => {
  const [en, es] = await Promise.all([diagnosticsIn(undefined, MATILDE, 'yaml'), diagnosticsIn('es', MATILDE, 'yaml')]);
  assert.ok(en.length >= 5);
  assert.deepEqual(es.map((d) => [d.code, d.range, d.severity]), en.map((d) => [d.code, d.range, d.severity]));
  const old = es.find((d) => d.code === 'publiccode/old-version');
  assert.equal(old?.message, 'v0.2 no es la última versión de publiccode.yml; use "0" (siempre la última 0.x, ahora 0.7). Los catálogos y el validador de referencia comprueban todos los archivos con 0.7.');
  assert.ok(es.some((d) => String(d.message).includes('está obsoleto desde publiccode.yml')), es.map((d) => d.message).join('\n'));
  es.forEach((d, i) => assert.notEqual(d.message, en[i].message));
});

test('locale fr-CA on a 1.2 MB catalog (analysed in the worker thread): French diagnostics', async () => {
  assert.ok(statSync(CATALOG).size > 256 * 1024);
  const [en, fr] = await Promise.all([diagnosticsIn(undefined, CATALOG, 'json'), diagnosticsIn('fr-CA', CATALOG, 'json')]);
  assert.ok(en.length > 0);
  assert.deepEqual(fr.map((d) => [d.code, d.range]), en.map((d) => [d.code, d.range]));
  const translated = fr.filter((d, i) => d.message !== en[i].message);
  assert.ok(translated.length / fr.length > 0.9, `${translated.length} of ${fr.length} translated`);
  assert.ok(fr.some((d) => / n'est pas | doit | ; /.test(String(d.message))), fr.slice(0, 3).map((d) => d.message).join('\n'));
});
