// Quick fixes over real JSON-RPC against dist/server.js: for each kind of fix, a corpus file is opened,
// the server's code action is requested for the published diagnostic, its edit is applied to the text,
// the lines it did not touch (comments included) are checked to be unchanged, and the fixed text is sent
// back to the server, whose new diagnostics must show the finding gone (and only the expected rest).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver/node';
import { applyEdits, fileUri, LspTestClient, REPO } from '../helpers/lspClient';

const CORPUS = path.resolve(REPO, '../shared/corpus');

interface Opened {
  uri: string;
  text: string;
  diagnostics: Diagnostic[];
  version: number;
}

interface Fixed {
  fixed: string;
  action: CodeAction;
  after: Diagnostic[];
}

const codes = (diags: Diagnostic[]) => diags.map((d) => String(d.code));
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const count = (diags: Diagnostic[], code: string) => diags.filter((d) => d.code === code).length;

/** The lines of `before` outside every edit keep their text and order in `after`. */
function assertUntouchedLinesKept(before: string, after: string, edits: TextDocumentEdit['edits']): void {
  const touched = new Set<number>();
  for (const e of edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) touched.add(l);
  const kept = before.split('\n').filter((_, i) => !touched.has(i));
  const out = after.split('\n');
  let j = 0;
  for (const line of kept) {
    while (j < out.length && out[j] !== line) j++;
    assert.ok(j < out.length, `untouched line ${JSON.stringify(line)} is kept, in order`);
    j++;
  }
}

describe('quick fixes over LSP: apply the edit, re-validate', () => {
  let client: LspTestClient;
  let dir: string;
  let n = 0;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-actions-'));
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });

  after(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Copy a corpus file (unmodified) into the workspace under the name an editor would see, open it. */
  async function open(corpusPath: string, as: string, edit?: (t: string) => string): Promise<Opened> {
    const sub = path.join(dir, String(++n));
    mkdirSync(sub, { recursive: true });
    const file = path.join(sub, as);
    copyFileSync(path.join(CORPUS, corpusPath), file);
    const uri = fileUri(file);
    let text = readFileSync(file, 'utf8');
    if (edit) text = edit(text);
    const languageId = as.endsWith('.json') ? 'json' : 'yaml';
    await client.open(uri, text, languageId, 1);
    const published = await client.waitForDiagnostics(uri, 1, 30_000);
    return { uri, text, diagnostics: published.diagnostics, version: 1 };
  }

  /** Ask for the actions of the first diagnostic `code` (matching `which`), apply the one titled `title`, re-validate. */
  async function applyFix(o: Opened, code: string, title: RegExp, which: (d: Diagnostic) => boolean = () => true): Promise<Fixed> {
    const diag = o.diagnostics.find((d) => d.code === code && which(d));
    assert.ok(diag, `a ${code} diagnostic; got ${JSON.stringify(codes(o.diagnostics))}`);
    const actions = ((await client.codeActions(o.uri, diag.range, [diag])) ?? []) as CodeAction[];
    const action = actions.find((a) => title.test(a.title));
    assert.ok(action, `an action ${title}; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(action.kind, 'quickfix');
    const change = action.edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(change.textDocument, { uri: o.uri, version: o.version });
    const fixed = applyEdits(o.text, change.edits);
    assert.notEqual(fixed, o.text);
    assertUntouchedLinesKept(o.text, fixed, change.edits);
    o.version++;
    await client.change(o.uri, o.version, fixed);
    const after = (await client.waitForDiagnostics(o.uri, o.version, 30_000)).diagnostics;
    o.text = fixed;
    o.diagnostics = after;
    return { fixed, action, after };
  }

  test('unknown key → the nearest valid key (publiccode landingUrl → landingURL)', async () => {
    const o = await open('publiccode/CodeForBaltimore__Healthcare-Rollcall__publiccode.yml', 'publiccode.yml');
    const before = count(o.diagnostics, 'publiccode/unknown-key');
    const { fixed, action, after } = await applyFix(o, 'publiccode/unknown-key', /^Did you mean "landingURL"\?$/);
    assert.equal(action.isPreferred, true);
    assert.match(fixed, /^landingURL: /m);
    assert.equal(count(after, 'publiccode/unknown-key'), before - 1);
  });

  test('enum near-miss → the nearest value (developmentStatus: stabel → stable)', async () => {
    const o = await open('publiccode/CISOfy__lynis__publiccode.yml', 'publiccode.yml', (t) => t.replace('developmentStatus: stable', 'developmentStatus: stabel'));
    const { fixed, after } = await applyFix(o, 'publiccode/invalid-value', /^Did you mean "stable"\?$/, (d) => messageOf(d).includes('stabel'));
    assert.match(fixed, /^developmentStatus: stable$/m);
    assert.ok(!after.some((d) => messageOf(d).includes('stabel')));
  });

  test('publiccode 0.x → 0.7: a renamed key moves its value (legal.repoOwner → organisation.name)', async () => {
    const o = await open('publiccode/CodeForBaltimore__Healthcare-Rollcall__publiccode.yml', 'publiccode.yml');
    const owner = /^\s+repoOwner: (.+)$/m.exec(o.text)![1];
    const { fixed, after } = await applyFix(o, 'publiccode/deprecated-key', /organisation/, (d) => /repoOwner/.test(messageOf(d)));
    assert.doesNotMatch(fixed, /repoOwner/);
    assert.ok(fixed.includes(`organisation:\n  name: ${owner}`) || fixed.includes(`name: ${owner}`), fixed);
    assert.ok(!after.some((d) => /repoOwner/.test(messageOf(d))));
  });

  test('"Upgrade this file": every publiccode 0.2 migration fix in one action', async () => {
    const o = await open('publiccode/ARPA-SIMC__CRITERIA3D__publiccode.yml', 'publiccode.yml');
    assert.ok(count(o.diagnostics, 'publiccode/deprecated-key') >= 4);
    const { fixed, action, after } = await applyFix(o, 'publiccode/old-version', /^Upgrade this file to publiccode\.yml 0\.7 \(\d+ changes\)$/);
    assert.match(action.title, /\((6) changes\)/);
    assert.match(fixed, /^publiccodeYmlVersion: "0"$/m);
    assert.match(fixed, /^organisation:\n {2}uri: "urn:x-italian-pa:arpa"$/m);
    assert.deepEqual(after.filter((d) => ['publiccode/old-version', 'publiccode/deprecated-key'].includes(String(d.code))), []);
  });

  test('Data Package v1 → v2: profile → $schema / type, one by one and all at once', async () => {
    const o = await open('datapackage/Andrelamor__crimes-violentos__datapackage.yaml', 'datapackage.yaml');
    assert.equal(count(o.diagnostics, 'datapackage/deprecated-property'), 2);
    const one = await applyFix(o, 'datapackage/deprecated-property', /\$schema/);
    assert.match(one.fixed, /^\$schema: https:\/\/datapackage\.org\/profiles\/2\.0\/datapackage\.json$/m);
    assert.equal(count(one.after, 'datapackage/deprecated-property'), 1);

    const p = await open('datapackage/Andrelamor__crimes-violentos__datapackage.yaml', 'datapackage.yaml');
    const all = await applyFix(p, 'datapackage/deprecated-property', /^Upgrade this file to Data Package v2 \(2 changes\)$/);
    assert.match(all.fixed, /^ {4}type: table$/m);
    // Only the data file, which the corpus does not ship next to the descriptor, is still reported.
    assert.deepEqual(codes(all.after), ['datapackage/missing-file'], JSON.stringify(all.after.map(messageOf)));
  });

  test('DCAT-US 1.0 → 1.1: accessURL moves into a distribution; the upgrade does all 29 at once', async () => {
    const o = await open('data-json/laurelkorwin__gov-datajson-diff__opm.json', 'data.json');
    assert.equal(count(o.diagnostics, 'dcat-us/renamed-key'), 29);
    const { fixed, action, after } = await applyFix(o, 'dcat-us/renamed-key', /^Upgrade this file to DCAT-US 1\.1 \(29 changes\)$/);
    assert.equal(action.isPreferred, undefined, 'the whole-file upgrade is never the preferred (auto-applied) fix');
    assert.equal(count(after, 'dcat-us/renamed-key'), 0);
    const parsed = JSON.parse(fixed) as { dataset: { distribution?: { downloadURL?: string; accessURL?: string; mediaType?: string }[] }[] };
    assert.ok(parsed.dataset.some((d) => d.distribution?.some((x) => x.downloadURL?.endsWith('.pdf') && x.mediaType === 'application/pdf')));
    assert.deepEqual([...new Set(codes(after))], ['dcat-us/rights-required'], 'only the findings unrelated to the migration remain');
  });

  test('missing required key (YAML, top level): inserted as a block at the siblings\' indentation', async () => {
    const o = await open('publiccode-parser-go/testdata/v0/invalid/legal_missing.yml', 'publiccode.yml');
    const { fixed, after } = await applyFix(o, 'publiccode/required-key', /^Add the missing key "legal"/);
    assert.match(fixed, /\nlegal:\n {2}license: \S+\n {2}mainCopyrightOwner: .+/);
    assert.equal(count(after, 'publiccode/required-key'), 0);
    assert.deepEqual(after.filter((d) => d.severity === 1), [], JSON.stringify(after.map(messageOf)));
  });

  test('missing required key (YAML, inside a list item)', async () => {
    const o = await open('publiccode-parser-go/testdata/v0/invalid/maintenance_contacts_name_missing.yml', 'publiccode.yml');
    const { fixed, after } = await applyFix(o, 'publiccode/required-key', /^Add the missing key "name"/);
    const contacts = /\n {2}contacts:\n((?: {4}.*\n?)+)/.exec(fixed)![1];
    assert.match(contacts, /^ {6}name: .+$/m, contacts);
    assert.equal(count(after, 'publiccode/required-key'), 0);
  });

  test('missing required key (JSON): inserted after the last member, with a comma, at its indentation', async () => {
    const o = await open('datapackage/CT-Data-Collaborative__alcohol-use__datapackage.json', 'datapackage.json');
    const { fixed, after } = await applyFix(o, 'datapackage/required-key', /^Add the missing key "name"/);
    const resource = (JSON.parse(fixed) as { resources: { name?: string }[] }).resources[0];
    assert.equal(typeof resource.name, 'string');
    assert.equal(count(after, 'datapackage/required-key'), 0);
    const d = await open('data-json-testdata/GSA__ckanext-datajson__ckanext__datajson__tests__datajson-samples__missing-identifier-title.data.json', 'data.json');
    const before = count(d.diagnostics, 'dcat-us/required-key');
    const r = await applyFix(d, 'dcat-us/required-key', /^Add the missing key "/);
    JSON.parse(r.fixed);
    assert.equal(count(r.after, 'dcat-us/required-key'), before - 1);
  });

  test('unquoted version → quoted', async () => {
    const o = await open('publiccode/Aitema-gmbh__ratsinformationssystem__publiccode.yml', 'publiccode.yml');
    const { fixed, after } = await applyFix(o, 'publiccode/version-not-string', /^Quote the version/);
    assert.match(fixed, /^publiccodeYmlVersion: "0\.4"$/m);
    assert.equal(count(after, 'publiccode/version-not-string'), 0);
  });

  test('YAML 1.1 boolean → true/false', async () => {
    const o = await open('publiccode/CodeForBaltimore__Healthcare-Rollcall__publiccode.yml', 'publiccode.yml');
    const before = count(o.diagnostics, 'publiccode/boolean-as-text');
    const { fixed, after } = await applyFix(o, 'publiccode/boolean-as-text', /^Write true$/);
    assert.match(fixed, /^ {2}localisationReady: true$/m);
    assert.equal(count(after, 'publiccode/boolean-as-text'), before - 1);
  });

  test('licence name → SPDX id (Apache License, Version 2.0 → Apache-2.0)', async () => {
    const o = await open('publiccode/CARD-AI__BLKT-VMS-Validavimas__publiccode.yml', 'publiccode.yml');
    const { fixed, after } = await applyFix(o, 'spdx/invalid-expression', /Apache-2\.0/);
    assert.match(fixed, /^ {2}license: Apache-2\.0$/m);
    assert.equal(count(after, 'spdx/invalid-expression'), 0);
  });

  test('lowercase country → uppercase', async () => {
    const o = await open('publiccode/AUSL-ReggioEmilia__Matilde__publiccode.yml', 'publiccode.yml');
    const before = count(o.diagnostics, 'publiccode/lowercase-country');
    const { fixed, after } = await applyFix(o, 'publiccode/lowercase-country', /^Write IT$/);
    assert.match(fixed, /^ {4}- IT$/m);
    assert.equal(count(after, 'publiccode/lowercase-country'), before - 1);
  });
});
