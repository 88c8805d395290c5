// Restricted Mode, inside a real VS Code: the workspace is opened UNTRUSTED (test/e2e/restricted/run.mjs
// starts the VS Code server with workspace trust on and a fresh folder). The extension declares limited
// support for untrusted workspaces: the standards' own checks run, but a schema supplied by the workspace
// is never loaded (core/untrusted-schema), and a workspace-level civicSchemas.network is ignored.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { WORKSPACE, prerequisite, test, run, open, extension, waitUntil, onlyServerPid, waitForDiagnostics, findRule, ruleOf, lineOf, describe } = require('../suite/kit');

exports.run = run;

prerequisite('the workspace is open in Restricted Mode', () => {
  assert.equal(vscode.workspace.isTrusted, false, 'the e2e workspace should be untrusted (Restricted Mode)');
  const untrusted = extension().packageJSON.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  assert.ok(untrusted.restrictedConfigurations?.includes('civicSchemas.network'), 'civicSchemas.network is a restricted setting');
});

prerequisite('the extension activates in Restricted Mode and starts its language server', async () => {
  await open('publiccode.yml');
  await waitUntil(() => extension().isActive, 'the extension to activate in Restricted Mode');
  await onlyServerPid();
});

test("the standard's own checks run in Restricted Mode", async () => {
  const doc = await open('publiccode.yml');
  const line = lineOf(doc, 'developmentStatus:');
  const ds = await waitForDiagnostics(doc.uri, (x) => findRule(x, 'publiccode/invalid-value', line), 'publiccode/invalid-value on developmentStatus');
  const d = findRule(ds, 'publiccode/invalid-value', line);
  assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
  assert.equal(doc.getText(d.range), 'production');
});

test('a workspace schema named by the modeline is not loaded, and the diagnostic says why', async () => {
  const doc = await open('publiccode.yml');
  const ds = await waitForDiagnostics(doc.uri, (x) => findRule(x, 'core/untrusted-schema'), 'core/untrusted-schema');
  const d = findRule(ds, 'core/untrusted-schema');
  assert.equal(d.range.start.line, 0, 'reported on the modeline');
  assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
  assert.ok(d.message.includes('chapter.schema.json'), `the message names the schema: ${d.message}`);
  assert.equal(typeof d.code, 'object');
  assert.match(String(d.code.target), /docs\/rules\/core\/untrusted-schema\.md$/);
  // In a trusted workspace this schema reports the missing chapterId (test/e2e/suite/index.js); here nothing of it.
  const fromSchema = ds.filter((x) => ruleOf(x) === 'core/user-schema' || /chapterId/.test(x.message));
  assert.deepEqual(fromSchema.map((x) => x.message), [], `the workspace schema was applied:\n    ${describe(ds)}`);
});

test('a workspace-level civicSchemas.network is ignored in Restricted Mode', () => {
  const onDisk = JSON.parse(fs.readFileSync(path.join(WORKSPACE, '.vscode', 'settings.json'), 'utf8'));
  assert.equal(onDisk['civicSchemas.network'], true, 'run.mjs writes "civicSchemas.network": true into the workspace settings');
  const config = vscode.workspace.getConfiguration('civicSchemas');
  assert.equal(config.get('network'), false, 'VS Code must not apply a restricted setting from an untrusted workspace');
  assert.equal(config.inspect('network')?.workspaceValue, undefined, 'the untrusted workspace value is withheld');
});
