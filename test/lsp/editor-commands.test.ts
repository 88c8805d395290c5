// Code lenses, the "New … from the standard" templates, "Show documentation for <rule>" code actions and
// workspace validation (`civicSchemas/validateFiles`), over real JSON-RPC against dist/server.js, on real
// corpus files: the lens's upgrade edits applied to the text leave no migration finding; every template
// opened under its file name validates clean; files that are not open are read, checked and published,
// files outside the workspace are never read.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, CodeLens, Diagnostic } from 'vscode-languageserver/node';
import { applyEdits, fileUri, LspTestClient, REPO } from '../helpers/lspClient';
import { MIGRATION_RULES } from '../../server/src/core/fileActions';
import { snippetDefaults } from '../helpers/snippets';
import type { NewFileTemplateResult as Template, ValidateFilesResult as Summary } from '../../server/src/lsp/protocol';

const CORPUS = path.resolve(REPO, '../shared/corpus');

describe('code lenses, new-file templates, rule documentation and workspace validation over LSP', () => {
  let client: LspTestClient;
  let dir: string;
  let n = 0;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-commands-'));
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });

  after(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Open `text` as `<dir>/<n>/<name>` and wait for its first diagnostics. */
  async function open(name: string, text: string, languageId = name.endsWith('.json') ? 'json' : 'yaml', files: Record<string, string> = {}): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
    const sub = path.join(dir, `open-${++n}`);
    mkdirSync(sub, { recursive: true });
    for (const [rel, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(sub, rel)), { recursive: true });
      writeFileSync(path.join(sub, rel), content);
    }
    const uri = fileUri(path.join(sub, name));
    await client.open(uri, text, languageId, 1);
    const { diagnostics } = await client.waitForDiagnostics(uri, 1);
    return { uri, diagnostics };
  }

  const lenses = (uri: string) => client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });

  test('publiccode.yml 0.2 (ARPA-SIMC/CRITERIA3D): the detection lens, and an upgrade lens whose edits leave no migration finding', async () => {
    const text = readFileSync(path.join(CORPUS, 'publiccode/ARPA-SIMC__CRITERIA3D__publiccode.yml'), 'utf8');
    const { uri, diagnostics } = await open('publiccode.yml', text);
    const migrations = diagnostics.filter((d) => MIGRATION_RULES.has(String(d.code)));
    assert.ok(migrations.length >= 2, `migration findings: ${migrations.map((d) => d.code).join(', ')}`);
    const got = await lenses(uri);
    assert.equal(got.length, 2, JSON.stringify(got.map((l) => l.command?.title)));
    const [detection, upgrade] = got;
    assert.deepEqual(detection.range.start, { line: 0, character: 0 });
    assert.match(detection.command!.title, /^publiccode\.yml, version 0\.2 — detected by .*publiccodeYmlVersion: "0\.2"/);
    assert.equal(detection.command!.command, 'civicSchemas.openSpecification');
    assert.match(String(detection.command!.arguments![0]), /^https:\/\/.*publiccode/);
    assert.equal(upgrade.command!.command, 'civicSchemas.applyEdits');
    const [lensUri, version, edits] = upgrade.command!.arguments as [string, number, { range: never; newText: string }[]];
    assert.equal(lensUri, uri);
    assert.equal(version, 1);
    const count = Number(/\((\d+) changes?\)/.exec(upgrade.command!.title)?.[1]);
    assert.match(upgrade.command!.title, /^Upgrade to publiccode\.yml 0\.7 \(\d+ changes?\)$/);
    // Round after round (a fix can reveal the next: it: → IT: → the IT section's move), as one edit.
    assert.ok(count >= migrations.filter((d) => ((d.data as { fixes?: unknown[] } | undefined)?.fixes?.length ?? 0) > 0).length, `${count} changes`);
    assert.equal(edits.length, 1);
    const upgraded = applyEdits(text, edits);
    const { uri: after, diagnostics: left } = await open('publiccode.yml', upgraded);
    // Every migration with a certain fix is done; what is left needs a person (e.g. the IT section's content).
    const fixable = (d: Diagnostic) => MIGRATION_RULES.has(String(d.code)) && ((d.data as { fixes?: unknown[] } | undefined)?.fixes?.length ?? 0) > 0;
    assert.deepEqual(left.filter(fixable).map((d) => `${d.code}: ${d.message}`), []);
    assert.ok(left.filter((d) => MIGRATION_RULES.has(String(d.code))).length < migrations.length);
    // an up-to-date file: only the detection lens
    const again = await lenses(after);
    assert.equal(again.length, 1);
    assert.match(again[0].command!.title, /^publiccode\.yml, version 0 /);
  });

  test('a DCAT-US catalog (real, OPM): the lens names the profile (federal by default)', async () => {
    const text = readFileSync(path.join(CORPUS, 'data-json/laurelkorwin__gov-datajson-diff__opm.json'), 'utf8');
    const { uri } = await open('data.json', text);
    const [detection] = await lenses(uri);
    assert.match(detection.command!.title, /^DCAT-US 1\.1 \(Project Open Data data\.json\), version 1\.1, federal profile — detected by .*conformsTo/);
  });

  test('a file of no standard gets no lens', async () => {
    const uri = fileUri(path.join(dir, 'notes.yml'));
    await client.open(uri, 'title: just notes\n', 'yaml', 1);
    assert.deepEqual(await lenses(uri), []);
  });

  test('civicSchemas/newFile: the choices, and every template, opened under its file name with its defaults, validates clean', async () => {
    const offer = await client.request<{ choices: { fileName: string; title: string }[] }>('civicSchemas/newFile', {});
    assert.deepEqual(offer.choices.map((c) => c.fileName), ['publiccode.yml', 'datapackage.yaml', 'datapackage.json', 'data.json', 'civic.json']);
    for (const { fileName } of offer.choices) {
      const t = await client.request<Template>('civicSchemas/newFile', { fileName });
      assert.equal(t.fileName, fileName);
      assert.equal(t.languageId, fileName.endsWith('.json') ? 'json' : 'yaml');
      assert.match(t.snippet, /\$\{1:/, 'tab stops for the user to fill');
      const text = snippetDefaults(t.snippet);
      if (t.languageId === 'json') assert.doesNotThrow(() => JSON.parse(text), text);
      // A Data Package points at its data: the template's file, as the user would add it.
      const data: Record<string, string> = fileName.startsWith('datapackage') ? { 'data/my-data.csv': 'id\n1\n' } : {};
      const { uri, diagnostics } = await open(fileName, text, t.languageId, data);
      assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], `${fileName}:\n${text}`);
      const [lens] = await lenses(uri);
      assert.ok(lens, `${fileName} is detected as its standard`);
    }
    assert.equal(await client.request('civicSchemas/newFile', { fileName: 'package.json' }), null);
  });

  test('an empty data.json: completion offers the skeleton and every root key, each inserted as a whole JSON object', async () => {
    const uri = fileUri(path.join(dir, `empty-${++n}`, 'data.json'));
    await client.open(uri, '', 'json', 1);
    const list = await client.completion(uri, { line: 0, character: 0 });
    const items = Array.isArray(list) ? list : list?.items ?? [];
    const labels = items.map((i) => i.label);
    for (const label of ['New DCAT-US skeleton', 'conformsTo', 'dataset', '@type']) assert.ok(labels.includes(label), `${label} in ${labels.join(', ')}`);
    const dataset = items.find((i) => i.label === 'dataset')!;
    const inserted = snippetDefaults((dataset.textEdit as { newText: string }).newText);
    assert.deepEqual(JSON.parse(inserted), { dataset: [] });
    const { diagnostics } = await open('data.json', inserted);
    assert.deepEqual(diagnostics.filter((d) => String(d.code).startsWith('json/')), [], 'valid JSON');
  });

  test('code actions: "Show documentation for <rule>" once per rule, with the command and the rule id', async () => {
    const text = readFileSync(path.join(CORPUS, 'publiccode/CISOfy__lynis__publiccode.yml'), 'utf8').replace('developmentStatus: stable', 'developmentStatus: stabel');
    const { uri, diagnostics } = await open('publiccode.yml', text);
    const bad = diagnostics.find((d) => d.code === 'publiccode/invalid-value');
    assert.ok(bad);
    const actions = (await client.codeActions(uri, bad.range, [bad])) as CodeAction[];
    const docs = actions.filter((a) => a.command?.command === 'civicSchemas.showRuleDocumentation');
    assert.equal(docs.length, 1);
    assert.equal(docs[0].title, 'Show documentation for publiccode/invalid-value');
    assert.deepEqual(docs[0].command!.arguments, ['publiccode/invalid-value']);
    assert.ok(actions.some((a) => a.edit && a.isPreferred), 'the repair itself is still offered (and preferred)');
    assert.ok(!docs[0].isPreferred);
  });

  test('civicSchemas/validateFiles: files that are not open are read, checked and published; others skipped; outside never read', async () => {
    const ws = path.join(dir, 'repo');
    mkdirSync(path.join(ws, 'app'), { recursive: true });
    mkdirSync(path.join(ws, 'data'), { recursive: true });
    copyFileSync(path.join(CORPUS, 'publiccode/ARPA-SIMC__CRITERIA3D__publiccode.yml'), path.join(ws, 'app/publiccode.yml'));
    copyFileSync(path.join(CORPUS, 'datapackage/frictionlessdata__example-data-packages__cpi__datapackage.json'), path.join(ws, 'data/datapackage.json'));
    writeFileSync(path.join(ws, 'package.json'), '{"name": "not-metadata", "version": "1.0.0"}\n');
    const outside = path.join(tmpdir(), `civic-outside-${process.pid}.yml`);
    writeFileSync(outside, 'publiccodeYmlVersion: "0"\n');
    try {
      const uris = [path.join(ws, 'app/publiccode.yml'), path.join(ws, 'data/datapackage.json'), path.join(ws, 'package.json'), outside].map(fileUri);
      const before = client.diagnostics.length;
      const result = await client.request<Summary>('civicSchemas/validateFiles', { uris });
      assert.equal(result.files, 4);
      assert.equal(result.checked, 2, JSON.stringify(result));
      assert.equal(result.skipped, 2);
      assert.equal(result.cancelled, false);
      const published = client.diagnostics.slice(before);
      const pc = published.find((p) => p.uri === uris[0]);
      assert.ok(pc && pc.diagnostics.some((d) => d.code === 'publiccode/old-version'), 'the publiccode.yml findings are published');
      assert.equal(result.warnings + result.errors, published.reduce((s, p) => s + p.diagnostics.filter((d) => d.severity === 1 || d.severity === 2).length, 0));
      assert.ok(published.some((p) => p.uri === uris[1]), 'the datapackage.json is published (even when clean)');
      assert.ok(!published.some((p) => p.uri === uris[2] || p.uri === uris[3]), 'nothing for package.json or the file outside the workspace');
      // Opening a checked file: its live diagnostics replace the on-disk ones; closing brings those back.
      const text = readFileSync(path.join(ws, 'app/publiccode.yml'), 'utf8');
      await client.open(uris[0], text.replace(/^publiccodeYmlVersion: .*$/m, 'publiccodeYmlVersion: "0"'), 'yaml', 1);
      const live = await client.waitForDiagnostics(uris[0], 1);
      assert.ok(!live.diagnostics.some((d) => d.code === 'publiccode/old-version'));
      const mark = client.diagnostics.length;
      await client.close(uris[0]);
      const restored = await new Promise<Diagnostic[]>((resolve, reject) => {
        const end = Date.now() + 10_000;
        const poll = () => {
          const p = client.diagnostics.slice(mark).filter((x) => x.uri === uris[0]).at(-1);
          if (p && p.diagnostics.length) return resolve(p.diagnostics);
          if (Date.now() > end) return reject(new Error('the on-disk diagnostics did not come back after close'));
          setTimeout(poll, 20);
        };
        poll();
      });
      assert.ok(restored.some((d) => d.code === 'publiccode/old-version'));
    } finally {
      rmSync(outside, { force: true });
    }
  });
});
