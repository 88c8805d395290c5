// End-to-end tests of the language server: the bundled dist/server.js, spawned with --stdio, driven over
// real JSON-RPC by the client in test/helpers/lspClient.ts, on unmodified files of the shared corpus.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CompletionItemKind, CompletionItemTag, DiagnosticSeverity, DiagnosticTag, InsertTextFormat, type CodeAction, type Diagnostic, type TextDocumentEdit } from 'vscode-languageserver/node';
import { parse as parseYaml } from 'yaml';
import { applyEdits, fileUri, itemsOf, LspTestClient, positionOf, PUBLICCODE_CORPUS, REPO } from '../helpers/lspClient';

const SCHEMA = JSON.parse(readFileSync(path.join(REPO, 'schemas/publiccode/publiccode-0.schema.json'), 'utf8'));
const TOP_KEYS: string[] = Object.keys(SCHEMA.properties);
const DOCS = 'https://github.com/civic-schemas/civic-schemas/blob/main/docs/rules/';

/** A corpus file copied (unmodified) into a temp workspace under the name editors see. */
function corpusFile(dir: string, corpusName: string, as = 'publiccode.yml'): { uri: string; text: string } {
  const sub = path.join(dir, corpusName.replace(/__publiccode\.ya?ml$/, ''));
  rmSync(sub, { recursive: true, force: true });
  mkdirSync(sub, { recursive: true });
  const file = path.join(sub, as);
  copyFileSync(path.join(PUBLICCODE_CORPUS, corpusName), file);
  return { uri: fileUri(file), text: readFileSync(file, 'utf8') };
}

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const byCode = (diags: Diagnostic[], code: string) => diags.filter((d) => d.code === code);
const lineOf = (text: string, needle: string) => positionOf(text, needle).line;

describe('language server over stdio', () => {
  let client: LspTestClient;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-lsp-'));
    client = await LspTestClient.start({ workspaceFolders: [dir] });
  });

  after(() => {
    client?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test('initialize announces completion (with trigger characters), hover and quick fixes', () => {
    const caps = client.initializeResult.capabilities;
    assert.deepEqual(new Set(caps.completionProvider?.triggerCharacters), new Set([':', ' ', '-', '"']));
    assert.equal(caps.hoverProvider, true);
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix']);
  });

  test('diagnostics on open: rule id, line, range, link to the rule page, severity, version', async () => {
    const { uri, text } = corpusFile(dir, 'Aitema-gmbh__ratsinformationssystem__publiccode.yml');
    await client.open(uri, text);
    const published = await client.waitForDiagnostics(uri, 1);
    const diags = published.diagnostics;

    const version = byCode(diags, 'publiccode/version-not-string');
    assert.equal(version.length, 1, JSON.stringify(diags.map((d) => d.code)));
    assert.deepEqual(version[0].range, { start: { line: 0, character: 22 }, end: { line: 0, character: 25 } }, 'underlines the unquoted 0.4');

    const type = byCode(diags, 'publiccode/invalid-value').find((d) => messageOf(d).includes('maintenance.type'));
    assert.ok(type, 'maintenance.type: commercial is reported');
    const typeLine = lineOf(text, 'type: commercial');
    const col = text.split('\n')[typeLine].indexOf('commercial');
    assert.deepEqual(type.range, { start: { line: typeLine, character: col }, end: { line: typeLine, character: col + 'commercial'.length } });
    assert.equal(type.severity, DiagnosticSeverity.Error);
    assert.match(messageOf(type), /"commercial"/);

    const owner = byCode(diags, 'publiccode/deprecated-key').find((d) => d.range.start.line === lineOf(text, 'repoOwner'));
    assert.ok(owner, 'legal.repoOwner is reported as deprecated');
    assert.deepEqual(owner.tags, [DiagnosticTag.Deprecated]);

    for (const d of diags) {
      assert.equal(d.source, 'civic-schemas');
      assert.equal(typeof d.code, 'string');
      assert.equal(d.codeDescription?.href, `${DOCS}${d.code}.md`);
      assert.ok((d.data as { ruleId: string }).ruleId === d.code, 'data carries the rule id for code actions');
    }
    await client.close(uri);
  });

  test('diagnostics the reference validator would give: a section it reads as empty, an unknown iPA code', async () => {
    const { uri, text } = corpusFile(dir, 'CodeForBaltimore__Healthcare-Rollcall__publiccode.yml');
    await client.open(uri, text);
    const dropped = byCode((await client.waitForDiagnostics(uri, 1)).diagnostics, 'publiccode/dropped-by-reference-parser');
    const languages = dropped.find((d) => d.range.start.line === lineOf(text, 'availableLanguages:'));
    assert.ok(languages, JSON.stringify(dropped));
    assert.equal(languages.severity, DiagnosticSeverity.Error);
    assert.match(messageOf(languages), /localisation\.localisationReady \(line \d+\) has the wrong type, so it rejects the file with "availableLanguages is a required field"/);
    assert.equal(languages.codeDescription?.href, `${DOCS}publiccode/dropped-by-reference-parser.md`);
    await client.close(uri);

    const fixture = readFileSync(path.join(PUBLICCODE_CORPUS, '../publiccode-parser-go/testdata/v0/invalid/organisation_uri_wrong_italian_pa2.yml'), 'utf8');
    const ipaUri = fileUri(path.join(dir, 'ipa', 'publiccode.yml'));
    await client.open(ipaUri, fixture);
    const [ipa] = byCode((await client.waitForDiagnostics(ipaUri, 1)).diagnostics, 'publiccode/unknown-ipa-code');
    assert.ok(ipa);
    assert.equal(ipa.range.start.line, lineOf(fixture, 'urn:x-italian-pa:no_such_pa'));
    assert.match(messageOf(ipa), /"no_such_pa" is not an iPA code/);
    await client.close(ipaUri);
  });

  test('a file of another kind gets no diagnostics and no detection', async () => {
    const uri = fileUri(path.join(dir, 'docker-compose.yml'));
    await client.open(uri, 'services:\n  web:\n    image: nginx\n');
    assert.equal(await client.request('civicSchemas/detect', { uri }), null);
    // Open a civic file afterwards: its diagnostics arrive, and none ever came for the unrelated file.
    const { uri: other, text } = corpusFile(dir, 'CISOfy__lynis__publiccode.yml', 'publiccode.yaml');
    await client.open(other, text);
    await client.waitForDiagnostics(other, 1);
    assert.equal(client.diagnostics.filter((d) => d.uri === uri).length, 0);
    await client.close(uri);
    await client.close(other);
  });

  describe('editing one file', () => {
    let uri: string;
    let text: string;
    let version = 1;

    before(async () => {
      ({ uri, text } = corpusFile(dir, 'CISOfy__lynis__publiccode.yml'));
      await client.open(uri, text);
      const first = await client.waitForDiagnostics(uri, 1);
      const old = byCode(first.diagnostics, 'publiccode/old-version');
      assert.equal(old.length, 1);
      assert.equal(old[0].range.start.line, 0);
    });

    test('didChange: diagnostics come for the newest version only', async () => {
      const v2 = text.replace('developmentStatus: stable', 'developmentStauts: stable');
      const v3 = text.replace('softwareType: standalone/other', 'softwareTyp: standalone/other');
      await client.change(uri, ++version, v2);
      await client.change(uri, ++version, v3);
      const published = await client.waitForDiagnostics(uri, version);
      const unknown = byCode(published.diagnostics, 'publiccode/unknown-key');
      assert.deepEqual(unknown.map((d) => d.range.start.line), [lineOf(v3, 'softwareTyp:')], 'describes v3, not v2');
      // Debounced: v2 was superseded before it was validated, and nothing stale arrives later.
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(client.diagnostics.filter((d) => d.uri === uri && d.version === version - 1), []);
      assert.equal(client.diagnostics.filter((d) => d.uri === uri).at(-1)?.version, version);
      text = v3;
    });

    test('code action for an unknown key: "Did you mean", preferred; applying it clears the finding', async () => {
      const published = client.diagnostics.filter((d) => d.uri === uri && d.version === version).at(-1)!;
      const [unknown] = byCode(published.diagnostics, 'publiccode/unknown-key');
      assert.ok(unknown);
      const actions = (await client.codeActions(uri, unknown.range, [unknown])) as CodeAction[];
      const fix = actions.find((a) => a.title === 'Did you mean "softwareType"?');
      assert.ok(fix, `got ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.equal(fix.kind, 'quickfix');
      assert.equal(fix.isPreferred, true);
      assert.deepEqual(fix.diagnostics, [unknown]);
      const change = fix.edit!.documentChanges![0] as TextDocumentEdit;
      assert.deepEqual(change.textDocument, { uri, version });
      const fixed = applyEdits(text, change.edits);
      assert.match(fixed, /^softwareType: standalone\/other$/m);
      assert.equal(fixed, text.replace('softwareTyp:', 'softwareType:'));

      await client.change(uri, ++version, fixed);
      const after = await client.waitForDiagnostics(uri, version);
      assert.deepEqual(byCode(after.diagnostics, 'publiccode/unknown-key'), []);
      assert.deepEqual(byCode(after.diagnostics, 'publiccode/required-key'), []);
      text = fixed;
    });

    test('code action for a value that nearly matches an allowed one', async () => {
      const typo = text.replace('type: community', 'type: comunity');
      await client.change(uri, ++version, typo);
      const published = await client.waitForDiagnostics(uri, version);
      const bad = byCode(published.diagnostics, 'publiccode/invalid-value').find((d) => d.range.start.line === lineOf(typo, 'type: comunity'));
      assert.ok(bad, JSON.stringify(published.diagnostics.map((d) => [d.code, messageOf(d)])));
      const actions = (await client.codeActions(uri, bad.range, [bad])) as CodeAction[];
      const fix = actions.find((a) => a.isPreferred);
      assert.equal(fix?.title, 'Did you mean "community"?');
      const fixed = applyEdits(typo, (fix!.edit!.documentChanges![0] as TextDocumentEdit).edits);
      assert.equal(fixed, text);
      await client.change(uri, ++version, fixed);
      const after = await client.waitForDiagnostics(uri, version);
      assert.deepEqual(byCode(after.diagnostics, 'publiccode/invalid-value'), []);
    });

    test('the finding\'s own fix is offered too (quote the version? use "0")', async () => {
      const published = client.diagnostics.filter((d) => d.uri === uri && d.version === version).at(-1)!;
      const [old] = byCode(published.diagnostics, 'publiccode/old-version');
      const actions = (await client.codeActions(uri, old.range, [old])) as CodeAction[];
      assert.ok(actions.length >= 1);
      const fixed = applyEdits(text, (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits);
      assert.match(fixed.split('\n')[0], /^publiccodeYmlVersion: "0"$/);
      // A request that asks only for refactorings gets no quick fixes.
      assert.deepEqual(await client.codeActions(uri, old.range, [old], ['refactor']), []);
    });

    test('completion at a key position: keys valid there, none already present', async () => {
      const lines = text.split('\n');
      const position = { line: lines.length - 1, character: 0 }; // the empty last line, top level
      assert.equal(lines[lines.length - 1], '');
      const items = itemsOf(await client.completion(uri, position));
      const labels = items.map((i) => i.label);
      const present = Object.keys(parseYaml(text));
      for (const key of ['logo', 'landingURL', 'organisation', 'usedBy', 'roadmap']) assert.ok(labels.includes(key), `offers ${key}`);
      for (const key of present) assert.ok(!labels.includes(key), `does not offer ${key}, which is there`);
      assert.ok(labels.every((l) => TOP_KEYS.includes(l)), 'only keys the schema defines at the top level');
      assert.deepEqual(new Set(labels), new Set(TOP_KEYS.filter((k) => !present.includes(k))));
      const logo = items.find((i) => i.label === 'logo')!;
      assert.equal(logo.kind, CompletionItemKind.Property);
      assert.equal(logo.insertTextFormat, InsertTextFormat.Snippet);
      assert.equal((logo.documentation as { kind: string }).kind, 'markdown');
      assert.match((logo.documentation as { value: string }).value, new RegExp(escapeRe(SCHEMA.properties.logo.markdownDescription.split('\n')[0])));
      // Deprecated keys carry the tag and sort after every current key.
      const mono = items.find((i) => i.label === 'monochromeLogo')!;
      assert.deepEqual(mono.tags, [CompletionItemTag.Deprecated]);
      const current = items.filter((i) => !i.tags?.length);
      assert.ok(current.every((i) => i.sortText! < mono.sortText!));
    });

    test('completion of an enum value: developmentStatus', async () => {
      const position = positionOf(text, 'developmentStatus: stable', 'developmentStatus: '.length);
      const items = itemsOf(await client.completion(uri, position));
      assert.deepEqual(items.map((i) => i.label), ['concept', 'development', 'beta', 'stable', 'obsolete']);
      assert.deepEqual(items.map((i) => i.label), SCHEMA.properties.developmentStatus.enum);
      const beta = items.find((i) => i.label === 'beta')!;
      assert.equal(beta.kind, CompletionItemKind.EnumMember);
      const edit = beta.textEdit as { range: Diagnostic['range']; newText: string };
      assert.equal(applyEdits(text, [edit]), text.replace('developmentStatus: stable', 'developmentStatus: beta'));
    });

    test('completion after `- ` in a list offers the items\' values', async () => {
      const withItem = text.replace('platforms:\n  - linux\n', 'platforms:\n  - linux\n  - \n');
      await client.change(uri, ++version, withItem);
      const position = positionOf(withItem, '  - \n', 4);
      const items = itemsOf(await client.completion(uri, position, { triggerKind: 2, triggerCharacter: ' ' }));
      // platforms has no closed list; its predefined values are the items' examples. Those already listed are left out.
      const predefined: string[] = SCHEMA.properties.platforms.items.examples;
      const listed = (parseYaml(text) as { platforms: string[] }).platforms;
      assert.deepEqual(listed, ['linux', 'mac']);
      assert.deepEqual(items.map((i) => i.label), predefined.filter((p) => !listed.includes(p)));
      const web = items.find((i) => i.label === 'web')!;
      assert.equal(applyEdits(withItem, [web.textEdit as { range: Diagnostic['range']; newText: string }]), text.replace('platforms:\n  - linux\n', 'platforms:\n  - linux\n  - web\n'));
      await client.change(uri, ++version, text);
    });

    test('hover on a key: description and a link to the specification', async () => {
      const hover = await client.hover(uri, positionOf(text, 'developmentStatus:', 3));
      assert.ok(hover);
      const value = (hover.contents as { kind: string; value: string }).value;
      assert.equal((hover.contents as { kind: string }).kind, 'markdown');
      const spec = SCHEMA.properties.developmentStatus['x-civic'].specUrl as string;
      assert.ok(value.includes(SCHEMA.properties.developmentStatus.markdownDescription.split('\n')[0]), value);
      assert.ok(value.includes(`](${spec})`), `links ${spec}`);
      const line = lineOf(text, 'developmentStatus:');
      assert.deepEqual(hover.range, { start: { line, character: 0 }, end: { line, character: 'developmentStatus'.length } });
      const versionHover = await client.hover(uri, { line: 0, character: 5 });
      assert.match((versionHover?.contents as { value: string }).value, /publiccodeYmlVersion/);
      assert.equal(await client.hover(uri, { line: 0, character: 21 }), null, 'nothing on the space after the colon');
    });

    test('civicSchemas/detect names the standard, the version and why', async () => {
      const result = await client.request<{ standardId: string; version: string; reason: string } | null>('civicSchemas/detect', { uri });
      assert.deepEqual(result && { standardId: result.standardId, version: result.version }, { standardId: 'publiccode', version: '0.4' });
      assert.match(result!.reason, /publiccodeYmlVersion/);
      assert.equal(await client.request('civicSchemas/detect', { uri: fileUri(path.join(dir, 'not-open.yml')) }), null);
    });

    test('closing the file clears its diagnostics', async () => {
      const before = client.diagnostics.length;
      await client.close(uri);
      const cleared = await client.waitForDiagnostics(uri);
      assert.deepEqual(cleared.diagnostics, []);
      assert.ok(client.diagnostics.length > before);
    });
  });

  test('an exception in a handler is logged and answered with an empty result; the server keeps working', async () => {
    const { uri, text } = corpusFile(dir, 'italia__publiccode-parser-go__publiccode.yml');
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, 1);
    const broken = await client.request('textDocument/completion', { textDocument: { uri }, position: null });
    assert.equal(broken, null);
    const brokenActions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: null, context: null });
    assert.deepEqual(brokenActions, []);
    await new Promise((r) => setTimeout(r, 100));
    assert.ok(client.logs.some((l) => l.type === 1 && /completion failed/.test(l.message)), JSON.stringify(client.logs));
    assert.ok(client.logs.some((l) => l.type === 1 && /code actions failed/.test(l.message)));
    const hover = await client.hover(uri, positionOf(text, 'softwareType', 2));
    assert.ok(hover, 'still answers');
    await client.close(uri);
  });

  test('shutdown and exit end the process with code 0', async () => {
    assert.equal(await client.shutdown(), 0);
  });
});

describe('language server settings', () => {
  test('turning validation off in the settings clears the diagnostics; on again brings them back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-lsp-'));
    const client = await LspTestClient.start({ workspaceFolders: [dir] });
    try {
      const { uri, text } = corpusFile(dir, 'CISOfy__lynis__publiccode.yml');
      await client.open(uri, text);
      assert.ok((await client.waitForDiagnostics(uri, 1)).diagnostics.length > 0);
      let next = client.waitForDiagnostics(uri);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { civicSchemas: { validate: { enable: false } } } });
      assert.deepEqual((await next).diagnostics, []);
      next = client.waitForDiagnostics(uri);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { civicSchemas: { validate: { enable: true } } } });
      assert.ok((await next).diagnostics.some((d) => d.code === 'publiccode/old-version'));
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('validation can be turned off by an initialization option; completion still works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-lsp-'));
    const client = await LspTestClient.start({ workspaceFolders: [dir], initializationOptions: { validate: false, debounceMs: 0 } });
    try {
      const { uri, text } = corpusFile(dir, 'CISOfy__lynis__publiccode.yml');
      await client.open(uri, text);
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual(client.diagnostics.filter((d) => d.uri === uri && d.diagnostics.length > 0), []);
      const items = itemsOf(await client.completion(uri, positionOf(text, 'developmentStatus: stable', 'developmentStatus: '.length)));
      assert.equal(items.length, 5);
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('without snippet or markdown support the server sends plain text', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-lsp-'));
    const client = await LspTestClient.start({ workspaceFolders: [dir], capabilities: {} });
    try {
      const { uri, text } = corpusFile(dir, 'CISOfy__lynis__publiccode.yml');
      await client.open(uri, text);
      await client.waitForDiagnostics(uri, 1);
      const items = itemsOf(await client.completion(uri, { line: text.split('\n').length - 1, character: 0 }));
      assert.ok(items.length > 0);
      for (const i of items) {
        assert.notEqual(i.insertTextFormat, InsertTextFormat.Snippet);
        assert.equal(typeof i.documentation === 'string' || i.documentation === undefined, true);
        assert.equal(i.tags, undefined);
      }
      const hover = await client.hover(uri, positionOf(text, 'developmentStatus:', 3));
      assert.equal((hover!.contents as { kind: string }).kind, 'plaintext');
      assert.equal(await client.shutdown(), 0);
    } finally {
      client.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
