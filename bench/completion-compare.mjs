// Side by side: what yaml-language-server (given the equivalent JSON Schema from schemas/) and
// civic-schemas (dist/server.js) offer at completion, at realistic cursor positions in real corpus files.
// Both servers run as real processes over stdio and receive the same file name and text.
//
//   npm run compare:completion            # prints the markdown table and writes docs/completion-comparison.md
//   npm run compare:completion -- --print # prints only
//
// Needs `npm run build` first (dist/server.js). Runs with tsx (`node --import tsx`) to reuse the schema bundler.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { bundleSchema } from '../server/src/core/standards/dcat-us/bundle.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CORPUS = path.resolve(REPO, '../shared/corpus');
const OUT = path.join(REPO, 'docs/completion-comparison.md');
const printOnly = process.argv.includes('--print');

// ------------------------------------------------------------------------------------- positions

const PC = 'publiccode/Amsterdam__signals-frontend__publiccode.yml';
const DPJ = 'datapackage/frictionlessdata__example-data-packages__cpi__datapackage.json';
const DPY = 'datapackage/Andrelamor__crimes-violentos__datapackage.yaml';
const DJ = 'data-json/laurelkorwin__gov-datajson-diff__consumerfinance.json';
const DJ_FCC = 'data-json/laurelkorwin__gov-datajson-diff__fcc.json';
const DJ_OPM = 'data-json/laurelkorwin__gov-datajson-diff__opm.json';

/**
 * Each position: a corpus file (saved under `as`), an edit of its text (`find` → `replace`, where `|` in
 * `replace` is the cursor), what is valid there, and labels a correct answer must contain.
 */
const CASES = [
  { file: PC, as: 'publiccode.yml', find: 'developmentStatus: stable', replace: 'developmentStatus: |', valid: 'a development status (enum)', expect: ['concept', 'development', 'beta', 'stable', 'obsolete'] },
  { file: PC, as: 'publiccode.yml', find: 'softwareType: standalone/web', replace: 'softwareType: |', valid: 'a software type (enum)', expect: ['standalone/web', 'library', 'addon'] },
  { file: PC, as: 'publiccode.yml', find: '  license: MPL-2.0', replace: '  license: |', valid: 'an SPDX licence expression', expect: ['MPL-2.0', 'Apache-2.0', 'EUPL-1.2'] },
  { file: PC, as: 'publiccode.yml', find: '  type: community', replace: '  type: |', valid: 'a maintenance type (enum)', expect: ['internal', 'contract', 'community', 'none'] },
  { file: PC, as: 'publiccode.yml', find: '\nlocalisation:', replace: '\n|\nlocalisation:', valid: 'a top-level key not yet present', expect: ['logo', 'roadmap', 'inputTypes'] },
  { file: PC, as: 'publiccode.yml', find: 'legal:\n', replace: 'legal:\n  |\n', valid: 'a key of legal not yet present', expect: ['authorsFile'] },
  { file: PC, as: 'publiccode.yml', find: '  availableLanguages:\n    - nl', replace: '  availableLanguages:\n    - nl\n    - |', valid: 'a BCP 47 language tag', expect: ['en', 'it', 'de'] },
  { file: PC, as: 'publiccode.yml', find: 'categories:\n  - workflow-management', replace: 'categories:\n  - |\n  - workflow-management', valid: 'a publiccode category (list of the file\'s version)', expect: ['accounting', 'collaboration'] },
  { file: PC, as: 'publiccode.yml', find: '  contacts:\n', replace: '  contacts:\n    - |\n', valid: 'a contact object (name required)', expect: ['name', 'email'] },
  { file: PC, as: 'publiccode.yml', find: "releaseDate: '2021-05-20'", replace: 'releaseDate: |', valid: 'a date (YYYY-MM-DD)', expect: [] },
  { file: PC, as: 'publiccode.yml', find: 'platforms:\n  - web', replace: 'platforms:\n  - web\n  - |', valid: 'a platform (web, linux, windows, mac, android, ios…)', expect: ['linux', 'windows'] },
  { file: PC, as: 'publiccode.yml', empty: true, valid: 'an empty publiccode.yml: every required key', expect: ['publiccodeYmlVersion', 'name', 'url'] },
  { file: DPJ, as: 'datapackage.json', find: '"type": "string"', replace: '"type": "|"', valid: 'a Table Schema field type (enum)', expect: ['string', 'integer', 'date', 'geopoint'] },
  { file: DPJ, as: 'datapackage.json', find: '"profile": "tabular-data-package"', replace: '"profile": "|"', valid: 'a package profile', expect: ['data-package', 'tabular-data-package'] },
  { file: DPJ, as: 'datapackage.json', find: '"name": "CC-BY-4.0"', replace: '"name": "|"', valid: 'an Open Definition licence id', expect: ['CC-BY-4.0', 'ODC-BY-1.0', 'CC0-1.0'] },
  { file: DPJ, as: 'datapackage.json', find: '"path": "data/cpi.csv",', replace: '"|",\n    "path": "data/cpi.csv",', valid: 'a resource key not yet present', expect: ['format', 'mediatype', 'encoding'] },
  { file: DPJ, as: 'datapackage.json', find: '"name": "cpi",', replace: '"|",\n  "name": "cpi",', valid: 'a package key not yet present', expect: ['id', 'homepage', 'contributors'] },
  { file: DPJ, as: 'datapackage.json', find: '"resources": [{', replace: '"resources": [\n    |\n    {', valid: 'a new resource object', expect: [] },
  { file: DPY, as: 'datapackage.yaml', find: '          type: integer', replace: '          type: |', valid: 'a Table Schema field type (enum)', expect: ['string', 'integer', 'number'] },
  { file: DPY, as: 'datapackage.yaml', find: '    format: csv', replace: '    format: |', valid: 'a file format (csv, json, xlsx…)', expect: ['csv'] },
  { file: DPY, as: 'datapackage.yaml', find: '    encoding: utf-8-sig', replace: '    encoding: |', valid: 'a character encoding', expect: ['utf-8'] },
  { file: DJ, as: 'data.json', find: '"accessLevel": "public"', replace: '"accessLevel": "|"', valid: 'an access level (enum)', expect: ['public', 'restricted public', 'non-public'] },
  { file: DJ, as: 'data.json', find: '"accrualPeriodicity": "R/P1D"', replace: '"accrualPeriodicity": "|"', valid: 'an ISO 8601 repeating duration', expect: ['R/P1D', 'R/P1Y', 'irregular'] },
  { file: DJ, as: 'data.json', find: '"accessLevel": "public"', replace: '"|", "accessLevel": "public"', valid: 'a dataset key not yet present', expect: ['license', 'temporal', 'language'] },
  { file: DJ, as: 'data.json', find: '"distribution": [', replace: '"distribution": [\n|', valid: 'a new distribution object', expect: [] },
  { file: DJ_FCC, as: 'data.json', find: '"mediaType": "text/csv"', replace: '"mediaType": "|"', valid: 'an IANA media type', expect: ['text/csv', 'application/json'] },
  { file: DJ_OPM, as: 'data.json', find: '"license": "http://www.usa.gov/publicdomain/label/1.0/"', replace: '"license": "|"', valid: 'a licence URL', expect: ['https://creativecommons.org/publicdomain/zero/1.0/'] },
  { file: DJ, as: 'data.json', empty: true, valid: 'an empty data.json: a catalog with every required key', expect: ['conformsTo', 'dataset'] },
];

function materialise(c) {
  if (c.empty) return { text: '', position: { line: 0, character: 0 } };
  const original = readFileSync(path.join(CORPUS, c.file), 'utf8');
  const at = original.indexOf(c.find);
  if (at < 0) throw new Error(`${c.file}: "${c.find}" not found`);
  const cursor = c.replace.indexOf('|');
  const text = original.slice(0, at) + c.replace.replace('|', '') + original.slice(at + c.find.length);
  const before = text.slice(0, at + cursor);
  const line = before.split('\n').length - 1;
  return { text, position: { line, character: before.length - (before.lastIndexOf('\n') + 1) } };
}

// ----------------------------------------------------------------------------------------- servers

const CAPABILITIES = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false }, workspaceFolders: false },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'], insertReplaceSupport: false }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
};

async function startServer(args, configuration) {
  const child = spawn(process.execPath, args, { cwd: REPO, stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map((i) => configuration[i.section ?? ''] ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onNotification(() => {});
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: CAPABILITIES });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('workspace/didChangeConfiguration', { settings: configuration });
  return {
    async labels(uri, languageId, text, position) {
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
      const result = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      const items = Array.isArray(result) ? result : result?.items ?? [];
      return [...new Set(items.map((i) => String(i.label).replace(/^"(.*)"$/, '$1')))];
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      setTimeout(() => child.kill(), 1000).unref();
      connection.dispose();
    },
  };
}

/** Self-contained copies of the schemas (no `$id`: nothing is fetched), one per standard. */
function writeSchemas(dir) {
  const read = (p) => JSON.parse(readFileSync(path.join(REPO, 'schemas', p), 'utf8'));
  const strip = (s) => {
    const { $id: _id, ...rest } = s;
    return rest;
  };
  const dcatFiles = {};
  for (const f of ['catalog.json', 'dataset.json', 'distribution.json', 'organization.json', 'vcard.json']) dcatFiles[f] = read(`dcat-us/${f}`);
  const schemas = {
    publiccode: strip(read('publiccode/publiccode-0.schema.json')),
    datapackage: strip(read('datapackage/datapackage-1.schema.json')),
    'dcat-us': strip(bundleSchema('catalog.json', dcatFiles)),
  };
  const out = {};
  for (const [id, s] of Object.entries(schemas)) {
    const file = path.join(dir, `${id}.schema.json`);
    writeFileSync(file, JSON.stringify(s));
    out[id] = pathToFileURL(file).href;
  }
  return out;
}

// -------------------------------------------------------------------------------------------- run

function list(labels, max = 6) {
  if (labels.length === 0) return '—';
  const shown = labels.slice(0, max).map((l) => `\`${l.replace(/\|/g, '\\|').replace(/`/g, "'")}\``);
  return labels.length > max ? `${shown.join(', ')} … (${labels.length})` : shown.join(', ');
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-compare-'));
  try {
    const schemaUris = writeSchemas(dir);
    const yamlSettings = {
      schemas: {
        [schemaUris.publiccode]: ['**/publiccode.yml'],
        [schemaUris.datapackage]: ['**/datapackage.json', '**/datapackage.yaml'],
        [schemaUris['dcat-us']]: ['**/data.json'],
      },
      schemaStore: { enable: false },
      completion: true,
      hover: true,
      validate: true,
      format: { enable: false },
    };
    const yls = await startServer([path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], {
      yaml: yamlSettings,
      http: { proxy: '', proxyStrictSSL: false },
      '[yaml]': {},
      editor: { tabSize: 2 },
      files: {},
    });
    const ours = await startServer([path.join(REPO, 'dist/server.js'), '--stdio'], { civicSchemas: {} });
    const rows = [];
    let n = 0;
    for (const c of CASES) {
      const { text, position } = materialise(c);
      const sub = path.join(dir, String(++n));
      mkdirSync(sub);
      const uri = pathToFileURL(path.join(sub, c.as)).href;
      // JSON is YAML: yaml-language-server gets every file as a YAML document.
      const theirs = await yls.labels(uri, 'yaml', text, position);
      const mine = await ours.labels(uri, c.as.endsWith('.json') ? 'json' : 'yaml', text, position);
      const theirSet = new Set(theirs);
      const mySet = new Set(mine);
      rows.push({
        c,
        position,
        theirs,
        mine,
        onlyMine: mine.filter((l) => !theirSet.has(l)),
        onlyTheirs: theirs.filter((l) => !mySet.has(l)),
        expectMine: c.expect.filter((l) => mySet.has(l)).length,
        expectTheirs: c.expect.filter((l) => theirSet.has(l)).length,
      });
    }
    await yls.stop();
    await ours.stop();
    const md = render(rows);
    process.stdout.write(md);
    if (!printOnly) writeFileSync(OUT, md);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function render(rows) {
  const out = [];
  out.push('# Completion: civic-schemas vs yaml-language-server');
  out.push('');
  out.push('Generated by `npm run compare:completion` (`bench/completion-compare.mjs`); do not edit by hand.');
  out.push('');
  out.push(
    'Both language servers run as processes over stdio and get the same file (name and text) at the same cursor. ' +
      'yaml-language-server is configured through `yaml.schemas` with the equivalent JSON Schema from `schemas/` ' +
      '(publiccode 0.x, Data Package v1, DCAT-US 1.1 catalog bundled into one file), `yaml.schemaStore.enable: false`; ' +
      'JSON files are given to it as YAML documents (JSON is YAML). Each position is a real corpus file with one edit: ' +
      'a value blanked, or an empty key or list item added where a person would type one. “Expected” counts how many ' +
      'of a few labels a correct answer must contain are offered.',
  );
  out.push('');
  const sumMine = rows.reduce((s, r) => s + r.expectMine, 0);
  const sumTheirs = rows.reduce((s, r) => s + r.expectTheirs, 0);
  const sumExpect = rows.reduce((s, r) => s + r.c.expect.length, 0);
  const nothingTheirs = rows.filter((r) => r.theirs.length === 0).length;
  const nothingMine = rows.filter((r) => r.mine.length === 0).length;
  out.push(`- ${rows.length} positions in ${new Set(rows.map((r) => r.c.file)).size} corpus files.`);
  out.push(`- Expected labels offered: civic-schemas ${sumMine} of ${sumExpect}, yaml-language-server ${sumTheirs} of ${sumExpect}.`);
  out.push(`- Positions with no completion at all: civic-schemas ${nothingMine}, yaml-language-server ${nothingTheirs}.`);
  out.push('');
  out.push('| # | File (cursor) | Valid there | Expected (ours / theirs) | civic-schemas offers | yaml-language-server offers | Only civic-schemas | Only yaml-language-server |');
  out.push('|---|---|---|---|---|---|---|---|');
  rows.forEach((r, i) => {
    const where = `${r.c.file.split('/').pop().replace(/^.*__/, '')} as \`${r.c.as}\` ${r.c.empty ? '(empty file)' : `${r.position.line + 1}:${r.position.character + 1}`}`;
    const expected = r.c.expect.length ? `${r.expectMine}/${r.c.expect.length} · ${r.expectTheirs}/${r.c.expect.length}` : 'n/a';
    out.push(`| ${i + 1} | ${where} | ${r.c.valid} | ${expected} | ${list(r.mine)} | ${list(r.theirs)} | ${list(r.onlyMine)} | ${list(r.onlyTheirs)} |`);
  });
  out.push('');
  return `${out.join('\n')}\n`;
}

await main();
