// End-to-end tests for the Civic Schemas extension, run inside a real VS Code extension host with the real
// `vscode` API (see test/e2e/README.md). VS Code loads this module as `extensionTestsPath` and awaits
// `run()`; a rejection fails the run. CommonJS, no dependencies beyond `vscode` and Node's own modules; the
// runner and helpers are in kit.js.
//
// Every test is self-contained: it resets the documents it touches to their text on disk first, so a test
// can be run alone (E2E_GREP) and a failing test does not cascade.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const {
  EXTENSION_ID, SOURCE, STATUS_ENTRY_ID, WAIT_MS, WORKSPACE, TEMPLATE, test, prerequisite,
  out, run, sleep, withTimeout, fileUri, pristine, open, setText, replaceLine,
  lineOf, ours, ruleOf, describe, waitForDiagnostics, findRule, waitUntil, extension,
  processGone, serverPids, onlyServerPid, UiUnavailable, uiQuery, statusItem, textOf,
} = require('./kit');

exports.run = run;

// What test/e2e/workspace/publiccode.yml, as on disk, must produce: exactly these, nothing else.
const PRISTINE = [
  { rule: 'publiccode/unknown-key', linePrefix: 'landingPage:', text: 'landingPage' },
  { rule: 'publiccode/invalid-value', linePrefix: 'developmentStatus:', text: 'production' },
  { rule: 'publiccode/invalid-value', linePrefix: 'softwareType:', text: 'standalone/webb' },
];

/**
 * Open publiccode.yml (reset to its text on disk) and wait until the extension is active and the
 * diagnostics are exactly those of that text — not stale ones from an earlier test's edits.
 */
async function openInvalid() {
  const doc = await open('publiccode.yml');
  await waitUntil(() => extension().isActive, 'the extension to activate');
  const matches = (ds) =>
    ds.length === PRISTINE.length &&
    PRISTINE.every((p) => ds.some((d) => ruleOf(d) === p.rule && d.range.start.line === lineOf(doc, p.linePrefix) && doc.getText(d.range) === p.text));
  await waitForDiagnostics(doc.uri, matches, `exactly the diagnostics of the pristine publiccode.yml: ${PRISTINE.map((p) => `${p.rule} on ${p.text}`).join(', ')}`);
  return doc;
}

// ---- tests ----------------------------------------------------------------------------------------------------
prerequisite('runs in a real VS Code with the extension under development installed', () => {
  assert.match(vscode.version, /^1\.\d+\.\d+/);
  const ext = extension();
  assert.equal(ext.packageJSON.name, 'civic-schemas');
  assert.equal(ext.packageJSON.main, './dist/client.js');
  assert.ok(fs.existsSync(path.join(ext.extensionPath, 'dist', 'server.js')), 'dist/server.js is missing: npm run build');
  assert.ok(WORKSPACE && fs.existsSync(path.join(WORKSPACE, 'publiccode.yml')), 'the e2e workspace is not open');
  // Edits must stay in memory: with auto-save (the default in a browser) they would land on disk after a
  // second, and the file watcher would then reload documents under the tests' feet.
  const autoSave = vscode.workspace.getConfiguration('files', fileUri('publiccode.yml')).get('autoSave');
  assert.equal(autoSave, 'off', 'files.autoSave must be "off" (run.mjs writes it into the workspace settings)');
});

prerequisite('is active, with its language server running, once a publiccode.yml is open', async () => {
  const doc = await open('publiccode.yml');
  assert.equal(doc.languageId, 'yaml');
  // Not ext.activate(): that would activate it whatever the activation events say.
  await waitUntil(() => extension().isActive, 'the extension to activate after opening publiccode.yml');
  await onlyServerPid(); // and the client started its language server
});

prerequisite('the language server starts and validates publiccode.yml', async () => {
  await openInvalid();
});

test('reports an invalid developmentStatus with rule, severity, range and doc link', async () => {
  const doc = await openInvalid();
  const line = lineOf(doc, 'developmentStatus:');
  const [d] = (await waitForDiagnostics(doc.uri, (ds) => findRule(ds, 'publiccode/invalid-value', line), 'invalid-value on developmentStatus'))
    .filter((x) => ruleOf(x) === 'publiccode/invalid-value' && x.range.start.line === line);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.match(d.message, /production/, 'the message quotes the offending value');
  // the range is the value, not the key
  assert.equal(doc.getText(d.range), 'production');
  assert.equal(typeof d.code, 'object', 'code carries a documentation link');
  assert.match(String(d.code.target), /docs\/rules\/publiccode\/invalid-value\.md$/);
});

test('reports the unknown key landingPage on the key', async () => {
  const doc = await openInvalid();
  const line = lineOf(doc, 'landingPage:');
  const d = findRule(ours(doc.uri), 'publiccode/unknown-key', line);
  assert.ok(d, `no publiccode/unknown-key on line ${line}; have:\n    ${describe(ours(doc.uri))}`);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(doc.getText(d.range), 'landingPage');
  assert.match(d.message, /landingPage/);
  // Nothing is reported on the lines that are right.
  for (const ok of ['name:', 'url:', 'platforms:', 'legal:', 'maintenance:']) {
    const l = lineOf(doc, ok);
    assert.equal(ours(doc.uri).filter((x) => x.range.start.line === l).length, 0, `unexpected diagnostic on line ${l} (${ok})`);
  }
});

test('a valid publiccode.yml in a subfolder has no diagnostics, and is validated', async () => {
  const doc = await open('valid/publiccode.yml');
  await waitUntil(() => extension().isActive, 'the extension to activate');
  // Validated: a mistake typed into it is reported, and removing it again clears the diagnostics.
  await replaceLine(doc, 'developmentStatus:', 'developmentStatus: stabel');
  await waitForDiagnostics(doc.uri, (ds) => findRule(ds, 'publiccode/invalid-value', lineOf(doc, 'developmentStatus:')), 'invalid-value after typing "stabel"');
  await replaceLine(doc, 'developmentStatus:', 'developmentStatus: stable');
  const ds = await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'no diagnostics once the file is valid again');
  assert.deepEqual(ds, []);
  assert.equal(doc.getText(), pristine('valid/publiccode.yml'));
});

test('completion offers a missing key, not a present one', async () => {
  const doc = await openInvalid();
  // a new empty top-level line before `platforms:`
  const line = lineOf(doc, 'platforms:');
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(line, 0), '\n');
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 0));
  const items = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Property);
  const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  assert.ok(labels.includes('roadmap'), `missing optional key roadmap not offered; got: ${labels.join(', ')}`);
  assert.ok(labels.includes('landingURL'), `landingURL not offered; got: ${labels.join(', ')}`);
  for (const present of ['name', 'url', 'platforms', 'legal']) assert.ok(!labels.includes(present), `present key ${present} offered again`);
  const roadmap = items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'roadmap');
  assert.match(textOf(roadmap.documentation), /\S/, 'roadmap has documentation from the schema');
});

test('completion offers the allowed values of developmentStatus', async () => {
  const doc = await openInvalid();
  const line = await replaceLine(doc, 'developmentStatus:', 'developmentStatus: ');
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'developmentStatus: '.length));
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const v of ['concept', 'development', 'beta', 'stable', 'obsolete']) assert.ok(labels.includes(v), `value ${v} not offered; got: ${labels.join(', ')}`);
  assert.ok(!labels.includes('production'));
});

test('hover on a key shows what the standard says about it', async () => {
  const doc = await openInvalid();
  const line = lineOf(doc, 'developmentStatus:');
  const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
  const text = hovers.flatMap((h) => h.contents.map(textOf)).join('\n');
  assert.match(text, /Development status/, `hover text: ${text}`);
  for (const v of ['concept', 'stable', 'obsolete']) assert.match(text, new RegExp(v));
  assert.match(text, /yml\.publiccode\.tools/, 'links to the specification');
  const ours_ = hovers.find((h) => h.range && h.range.start.line === line);
  assert.ok(ours_, 'a hover has the range of the key');
  // Nothing for a blank spot: the hover is about the node under the cursor.
  const none = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 0));
  assert.ok(!none.some((h) => /Development status/.test(h.contents.map(textOf).join())), 'hover on a comment shows developmentStatus');
});

test('quick fix "Did you mean standalone/web" removes the diagnostic', async () => {
  const doc = await openInvalid();
  const line = lineOf(doc, 'softwareType:');
  const ds = await waitForDiagnostics(doc.uri, (x) => findRule(x, 'publiccode/invalid-value', line), 'invalid-value on softwareType');
  const diag = findRule(ds, 'publiccode/invalid-value', line);
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.title === 'Did you mean "standalone/web"?');
  assert.ok(fix, `no "Did you mean" fix; got: ${JSON.stringify(titles)}`);
  assert.equal(fix.isPreferred, true);
  assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind));
  assert.ok(fix.edit, 'the fix carries an edit');
  assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
  assert.equal(doc.lineAt(line).text, 'softwareType: standalone/web');
  const after = await waitForDiagnostics(doc.uri, (x) => !findRule(x, 'publiccode/invalid-value', line), 'the softwareType diagnostic to go away');
  // the other mistakes are still reported
  assert.ok(findRule(after, 'publiccode/invalid-value', lineOf(doc, 'developmentStatus:')), 'developmentStatus diagnostic vanished too');
  assert.ok(findRule(after, 'publiccode/unknown-key', lineOf(doc, 'landingPage:')), 'landingPage diagnostic vanished too');
});

test('editing the document revalidates it', async () => {
  const doc = await openInvalid();
  const statusLine = await replaceLine(doc, 'developmentStatus:', 'developmentStatus: stable');
  await waitForDiagnostics(doc.uri, (ds) => !findRule(ds, 'publiccode/invalid-value', statusLine), 'the developmentStatus diagnostic to go away after fixing it');
  // remove the required `name:` line
  const edit = new vscode.WorkspaceEdit();
  edit.delete(doc.uri, doc.lineAt(lineOf(doc, 'name:')).rangeIncludingLineBreak);
  assert.equal(await vscode.workspace.applyEdit(edit), true);
  const ds = await waitForDiagnostics(doc.uri, (x) => findRule(x, 'publiccode/required-key'), 'required-key after deleting name:');
  const d = findRule(ds, 'publiccode/required-key');
  assert.match(d.message, /name/);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  // ranges follow the edit: landingPage moved up one line
  assert.ok(findRule(ds, 'publiccode/unknown-key', lineOf(doc, 'landingPage:')));
});

test('status bar shows the detected standard for civic files only', async () => {
  await openInvalid();
  const shown = await waitUntil(statusItem, 'the status bar item for publiccode.yml');
  assert.match(shown.text, /publiccode/i, `status text: ${shown.text}`);
  assert.match(shown.ariaLabel || '', /publiccode/i);
  // An unrelated YAML file: no status item, no diagnostics.
  const other = await open('mkdocs.yml');
  assert.equal(other.languageId, 'yaml');
  await waitUntil(async () => !(await statusItem()), 'the status bar item to hide for mkdocs.yml');
  await vscode.commands.executeCommand('vscode.executeHoverProvider', other.uri, new vscode.Position(1, 2)); // a round trip to the server
  assert.deepEqual(ours(other.uri), [], 'mkdocs.yml got diagnostics');
  // and back
  await open('publiccode.yml');
  await waitUntil(statusItem, 'the status bar item to come back for publiccode.yml');
});

test('the language server is restarted after it is killed, and validates again', async () => {
  const doc = await openInvalid();
  const before = await onlyServerPid();
  process.kill(before, 'SIGKILL');
  const after = await waitUntil(() => {
    const p = serverPids().filter((x) => x !== before);
    return p.length === 1 ? p[0] : undefined;
  }, 'a new language server process');
  assert.notEqual(after, before);
  // the new server validates: fix one mistake, the rest is reported by the new process
  const line = await replaceLine(doc, 'developmentStatus:', 'developmentStatus: stable');
  const ds = await waitForDiagnostics(
    doc.uri,
    (x) => !findRule(x, 'publiccode/invalid-value', line) && findRule(x, 'publiccode/unknown-key', lineOf(doc, 'landingPage:')),
    'diagnostics from the restarted server',
  );
  assert.ok(findRule(ds, 'publiccode/invalid-value', lineOf(doc, 'softwareType:')));
  await waitUntil(statusItem, 'the status bar item after the restart');
}, 30_000);

test('the civicSchemas.restartServer command restarts the server', async () => {
  const doc = await openInvalid();
  const before = await onlyServerPid();
  await withTimeout(Promise.resolve(vscode.commands.executeCommand('civicSchemas.restartServer')), WAIT_MS, 'civicSchemas.restartServer');
  await waitUntil(() => processGone(before), 'the old server to exit');
  const after = await onlyServerPid();
  assert.notEqual(after, before);
  const line = await replaceLine(doc, 'landingPage:', 'landingURL: https://permits.riverside.example.org');
  await waitForDiagnostics(doc.uri, (x) => !findRule(x, 'publiccode/unknown-key', line) && findRule(x, 'publiccode/invalid-value'), 'diagnostics after the restart');
}, 30_000);

test('turning civicSchemas.validate.enable off clears the diagnostics, turning it on brings them back', async () => {
  const doc = await openInvalid();
  const config = () => vscode.workspace.getConfiguration('civicSchemas');
  try {
    // The client registers for configuration changes; the server pulls `civicSchemas` and revalidates.
    await config().update('validate.enable', false, vscode.ConfigurationTarget.Workspace);
    assert.equal(config().get('validate.enable'), false);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics with civicSchemas.validate.enable = false');
    // Still off: an edit does not bring them back.
    await replaceLine(doc, 'name:', 'name: Riverside permits');
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 2)); // a round trip to the server
    assert.deepEqual(ours(doc.uri), [], 'diagnostics published while validation is off');
    await config().update('validate.enable', true, vscode.ConfigurationTarget.Workspace);
    const matches = (ds) => PRISTINE.every((p) => ds.some((d) => ruleOf(d) === p.rule && d.range.start.line === lineOf(doc, p.linePrefix) && doc.getText(d.range) === p.text));
    const ds = await waitForDiagnostics(doc.uri, matches, 'the three diagnostics back with civicSchemas.validate.enable = true');
    assert.equal(ds.length, PRISTINE.length, `unexpected diagnostics:\n    ${describe(ds)}`);
  } finally {
    await config().update('validate.enable', undefined, vscode.ConfigurationTarget.Workspace);
  }
  assert.equal(config().get('validate.enable'), true, 'the default (true) is back');
}, 30_000);

test('a trusted workspace: a workspace schema named by the modeline is used', async () => {
  // The runner opens a trusted workspace (run.mjs starts the server with --disable-workspace-trust), and the
  // extension declares it can run in Restricted Mode too (where such schemas are refused: core/untrusted-schema).
  assert.equal(extension().packageJSON.capabilities?.untrustedWorkspaces?.supported, 'limited');
  assert.equal(vscode.workspace.isTrusted, true, 'the e2e workspace is trusted');
  const schemaFile = path.join(WORKSPACE, 'chapter.schema.json');
  fs.writeFileSync(schemaFile, JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['chapterId'],
    properties: { chapterId: { type: 'string' } },
  }, null, 2));
  try {
    const doc = await openInvalid();
    const modeline = '# civic-schemas: schema=./chapter.schema.json';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), `${modeline}\n`);
    assert.equal(await vscode.workspace.applyEdit(edit), true);
    const userSchema = (ds) => ds.filter((d) => ruleOf(d) === 'core/user-schema');
    const ds = await waitForDiagnostics(doc.uri, (x) => userSchema(x).some((d) => /chapterId/.test(d.message)), 'core/user-schema about the missing chapterId');
    assert.ok(!findRule(ds, 'core/untrusted-schema'), 'a trusted workspace refused its schema');
    // the publiccode.yml checks still run next to the workspace schema
    assert.ok(findRule(ds, 'publiccode/unknown-key', lineOf(doc, 'landingPage:')), `publiccode checks are gone:\n    ${describe(ds)}`);
    // satisfy the workspace schema: its finding goes, the others stay
    const add = new vscode.WorkspaceEdit();
    add.insert(doc.uri, new vscode.Position(1, 0), 'chapterId: riverside\n');
    assert.equal(await vscode.workspace.applyEdit(add), true);
    const after = await waitForDiagnostics(doc.uri, (x) => userSchema(x).length === 0 && findRule(x, 'publiccode/invalid-value'), 'the core/user-schema finding to go once chapterId is there');
    assert.ok(!findRule(after, 'core/untrusted-schema'));
  } finally {
    fs.rmSync(schemaFile, { force: true });
  }
}, 30_000);

test('a code lens at the top names the standard, version and reason; its command is the specification', async () => {
  const doc = await openInvalid();
  const lenses = await waitUntil(async () => {
    const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    return l && l.length ? l : undefined;
  }, 'code lenses on publiccode.yml');
  const detection = lenses.find((l) => l.command?.command === 'civicSchemas.openSpecification');
  assert.ok(detection, `no detection lens: ${lenses.map((l) => l.command?.title).join(' | ')}`);
  assert.equal(detection.range.start.line, 0);
  assert.match(detection.command.title, /publiccode\.yml.*version 0.*publiccodeYmlVersion/);
  assert.match(String(detection.command.arguments[0]), /^https:\/\/.*publiccode/);
  // the file is on the current version: nothing to upgrade
  assert.ok(!lenses.some((l) => l.command?.command === 'civicSchemas.applyEdits'), 'an upgrade lens on a current file');
});

test('the upgrade code lens moves an old publiccode.yml to the latest version in one edit', async () => {
  const doc = await openInvalid();
  await replaceLine(doc, 'publiccodeYmlVersion:', 'publiccodeYmlVersion: "0.2"');
  const versionLine = lineOf(doc, 'publiccodeYmlVersion:');
  await waitForDiagnostics(doc.uri, (ds) => findRule(ds, 'publiccode/old-version', versionLine), 'publiccode/old-version');
  const upgrade = await waitUntil(async () => {
    const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
    return l?.find((x) => x.command?.command === 'civicSchemas.applyEdits');
  }, 'the upgrade lens');
  assert.equal(upgrade.command.title, 'Upgrade to publiccode.yml 0.7 (1 change)');
  assert.equal(await vscode.commands.executeCommand(upgrade.command.command, ...upgrade.command.arguments), true);
  assert.match(doc.lineAt(versionLine).text, /^publiccodeYmlVersion: "0(\.7)?"$/, 'the version is the latest 0.x');
  await waitForDiagnostics(doc.uri, (ds) => !findRule(ds, 'publiccode/old-version') && findRule(ds, 'publiccode/unknown-key'), 'old-version gone after the upgrade');
});

test('"New publiccode.yml from the standard" opens a skeleton that validates clean', async () => {
  const uriText = await vscode.commands.executeCommand('civicSchemas.newFile', 'publiccode.yml');
  const editor = vscode.window.activeTextEditor;
  assert.ok(editor, 'an editor is open');
  const doc = editor.document;
  assert.equal(doc.uri.toString(), uriText);
  assert.equal(doc.uri.scheme, 'untitled');
  assert.match(doc.uri.path, /(^|\/)publiccode\.yml$/, 'named after the standard (in the workspace folder when free)');
  assert.equal(doc.languageId, 'yaml');
  for (const key of ['publiccodeYmlVersion:', 'name:', 'maintenance:', 'legal:', 'localisation:']) assert.ok(doc.getText().includes(key), `${key} in\n${doc.getText()}`);
  // Validated (a mistake typed into it is reported), and clean as inserted (the mistake undone: none left).
  const line = lineOf(doc, 'developmentStatus:');
  await replaceLine(doc, 'developmentStatus:', 'developmentStatus: finished');
  await waitForDiagnostics(doc.uri, (ds) => findRule(ds, 'publiccode/invalid-value', line), 'the typed mistake in the new file');
  await vscode.commands.executeCommand('undo');
  await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'no diagnostics on the skeleton as inserted');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
});

test('"New civic.json from the standard" and "New data.json" give JSON skeletons of their standard', async () => {
  for (const [name, key] of [['civic.json', '"status"'], ['data.json', '"conformsTo"']]) {
    await vscode.commands.executeCommand('civicSchemas.newFile', name);
    const doc = vscode.window.activeTextEditor.document;
    assert.equal(doc.languageId, 'json');
    assert.ok(doc.uri.path === name || doc.uri.path.endsWith(`/${name}`), doc.uri.path);
    assert.ok(doc.getText().includes(key), doc.getText());
    assert.doesNotThrow(() => JSON.parse(doc.getText()));
    const lenses = await waitUntil(async () => {
      const l = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', doc.uri);
      return l && l.length ? l : undefined;
    }, `the detection lens on the new ${name}`);
    assert.match(lenses[0].command.title, name === 'civic.json' ? /civic\.json/ : /DCAT-US/);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, `a clean new ${name}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}, 30_000);

test('"Show documentation for <rule>" is offered on a diagnostic and opens the rule page', async () => {
  const doc = await openInvalid();
  const line = lineOf(doc, 'landingPage:');
  const [d] = (await waitForDiagnostics(doc.uri, (ds) => findRule(ds, 'publiccode/unknown-key', line), 'unknown-key')).filter((x) => ruleOf(x) === 'publiccode/unknown-key');
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range);
  const docAction = actions.find((a) => a.title === 'Show documentation for publiccode/unknown-key');
  assert.ok(docAction, `actions: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(docAction.command.command, 'civicSchemas.showRuleDocumentation');
  const shown = await vscode.commands.executeCommand(docAction.command.command, ...docAction.command.arguments);
  assert.ok(String(shown).endsWith('/docs/rules/publiccode/unknown-key.md'), String(shown));
  const tab = await waitUntil(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /unknown-key/.test(t.label)), 'a tab showing unknown-key.md');
  assert.ok(/Preview/.test(tab.label) || tab.input instanceof vscode.TabInputWebview, `the page opens as a preview: ${tab.label}`);
  await vscode.window.tabGroups.close(tab);
});

test('"Validate workspace" checks metadata files that are not open and lists them in the Problems panel', async () => {
  const target = fileUri('open-data/datapackage.json');
  assert.deepEqual(ours(target), [], 'not open, not yet validated');
  const result = await vscode.commands.executeCommand('civicSchemas.validateWorkspace');
  // publiccode.yml, valid/publiccode.yml (open or not: counted either way) and open-data/datapackage.json
  assert.equal(result.checked, 3, `checked ${result.checked} files: ${JSON.stringify(result)}`);
  assert.ok(result.errors >= 1);
  assert.equal(result.cancelled, false);
  const ds = await waitForDiagnostics(target, (x) => findRule(x, 'datapackage/key-field'), 'datapackage/key-field in the unopened datapackage.json');
  assert.equal(ds.length, 1, describe(ds));
  assert.deepEqual(ours(fileUri('valid/publiccode.yml')), []);
}, 30_000);
