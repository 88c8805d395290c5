// Tests for the web extension (manifest `browser` → dist/client-browser.js, language server
// dist/server-browser.js in a web worker), run inside the VS Code server's *web worker* extension host
// (see test/e2e/web/run.mjs). VS Code loads this file as `extensionTestsPath` and awaits `run()`.
//
// A web worker has no Node: this file may `require('vscode')` and nothing else (no fs, path, process).
// The workspace is a copy of test/e2e/web/workspace/, opened as the only workspace folder.
'use strict';

const vscode = require('vscode');

const EXTENSION_ID = 'civic-schemas.civic-schemas';
const SOURCE = 'civic-schemas';
const WAIT_MS = 15_000;
const TEST_TIMEOUT_MS = 30_000;

const out = (line = '') => console.log(`[civic-e2e] ${line}`);
const tests = [];
const test = (name, fn) => tests.push({ name, fn });

function fail(message) {
  throw new Error(message);
}
function equal(actual, expected, what) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) fail(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

exports.run = async function run() {
  out(`VS Code ${vscode.version} (${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'}), ${tests.length} web test(s)`);
  let failed = 0;
  let ran = 0;
  for (const t of tests) {
    ran++;
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), TEST_TIMEOUT_MS, `test "${t.name}"`);
      out(`  \u2713 ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      out(`  \u2717 ${t.name} (${Date.now() - t0} ms)`);
      for (const line of String((err && err.stack) || err).split('\n')) out(`      ${line}`);
      if (t.prerequisite) break;
    }
  }
  out();
  out(`${ran - failed} passing, ${failed} failing${ran < tests.length ? `, ${tests.length - ran} not run (a prerequisite failed)` : ''}`);
  if (failed) throw new Error(`${failed} of ${tests.length} web e2e test(s) failed`);
};

// ---- helpers ---------------------------------------------------------------------------------------------
const folder = () => vscode.workspace.workspaceFolders?.[0]?.uri ?? fail('no workspace folder is open');
const fileUri = (rel) => vscode.Uri.joinPath(folder(), ...rel.split('/'));
const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const codeOf = (d) => (typeof d.code === 'object' && d.code ? d.code.value : d.code);

/** Resolve with the first value `probe` returns that is not undefined, re-checking on every diagnostics change. */
function waitFor(probe, what, ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    let last;
    const check = () => {
      try {
        const v = probe();
        if (v !== undefined) {
          done();
          resolve(v);
        }
      } catch (e) {
        last = e;
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics(check);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}${last ? ` (last check: ${last.message})` : ''}`));
    }, ms);
    const done = () => {
      clearTimeout(timer);
      sub.dispose();
    };
    check();
  });
}

/** The diagnostics as `rule@line:"covered text"`, sorted: compares rule, severity-independent range and text. */
function summary(doc, diagnostics) {
  return diagnostics
    .map((d) => `${codeOf(d)}@${d.range.start.line + 1}:${JSON.stringify(doc.getText(d.range))}`)
    .sort();
}

const EXPECTED = [
  'publiccode/invalid-image@7:"img/logo.png"',
  'publiccode/invalid-value@13:"production"',
  'publiccode/missing-file@28:"img/missing.png"',
  'publiccode/missing-file@29:"../outside.png"',
];

// ---- tests -----------------------------------------------------------------------------------------------
tests.push({
  name: 'the extension runs from its browser entry in a web worker extension host',
  prerequisite: true,
  fn: async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID) ?? fail(`extension ${EXTENSION_ID} is not installed`);
    equal(ext.packageJSON.browser, './dist/client-browser.js', 'manifest browser entry');
    // A web worker: no Node `process`, but the worker globals.
    equal(typeof process, 'undefined', 'typeof process in this extension host');
    equal(typeof importScripts, 'function', 'typeof importScripts (a worker global)');
    equal(vscode.env.uiKind, vscode.UIKind.Web, 'vscode.env.uiKind');
    const doc = await vscode.workspace.openTextDocument(fileUri('publiccode.yml'));
    await vscode.window.showTextDocument(doc);
    await waitFor(() => (ext.isActive ? true : undefined), 'the extension to be active');
  },
});

test('the worker server publishes diagnostics for publiccode.yml, with files read through the client', async () => {
  const doc = await vscode.workspace.openTextDocument(fileUri('publiccode.yml'));
  await vscode.window.showTextDocument(doc);
  const got = await waitFor(() => {
    const s = summary(doc, ours(doc.uri));
    return JSON.stringify(s) === JSON.stringify(EXPECTED) ? s : fail(`diagnostics ${JSON.stringify(s)}`);
  }, 'the expected diagnostics');
  equal(got, EXPECTED, 'diagnostics');
  const byRule = new Map(ours(doc.uri).map((d) => [`${codeOf(d)}@${d.range.start.line + 1}`, d]));
  const image = byRule.get('publiccode/invalid-image@7');
  // 64 px is read from the PNG header of img/logo.png: the bytes came through civicSchemas/readFile.
  if (!/64 px wide/.test(image.message)) fail(`logo message does not give the PNG width: ${image.message}`);
  equal(image.severity, vscode.DiagnosticSeverity.Error, 'severity of invalid-image');
  const missing = byRule.get('publiccode/missing-file@28');
  if (!missing.message.includes(fileUri('img/missing.png').toString())) fail(`missing-file message names another location: ${missing.message}`);
  if (!/outside the repository/.test(byRule.get('publiccode/missing-file@29').message)) fail('../outside.png is not reported as outside the workspace');
});

test('editing revalidates in the worker: a fixed value loses its diagnostic', async () => {
  const doc = await vscode.workspace.openTextDocument(fileUri('publiccode.yml'));
  const editor = await vscode.window.showTextDocument(doc);
  const line = doc.lineAt(12);
  if (!line.text.startsWith('developmentStatus: production')) fail(`line 13 is ${JSON.stringify(line.text)}`);
  const start = line.text.indexOf('production');
  const ok = await editor.edit((e) => e.replace(new vscode.Range(12, start, 12, line.text.length), 'stable'));
  if (!ok) fail('the edit was not applied');
  const expected = EXPECTED.filter((e) => !e.startsWith('publiccode/invalid-value'));
  await waitFor(() => {
    const s = summary(doc, ours(doc.uri));
    return JSON.stringify(s) === JSON.stringify(expected) ? s : undefined;
  }, `diagnostics ${JSON.stringify(expected)} after the edit`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
});

test('completion comes from the worker server', async () => {
  const doc = await vscode.workspace.openTextDocument(fileUri('publiccode.yml'));
  const line = doc.lineAt(12);
  const pos = new vscode.Position(12, line.text.indexOf(':') + 2);
  const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, pos);
  const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
  for (const v of ['concept', 'development', 'beta', 'stable', 'obsolete'])
    if (!labels.includes(v)) fail(`completion at developmentStatus lacks ${v}: ${JSON.stringify(labels.slice(0, 20))}`);
});

test('"Validate workspace" in the browser: a file that is not open is read through the client, checked and published', async () => {
  const target = fileUri('open-data/datapackage.json');
  if (ours(target).length) fail('the unopened datapackage.json has diagnostics before the command');
  const result = await withTimeout(Promise.resolve(vscode.commands.executeCommand('civicSchemas.validateWorkspace')), WAIT_MS, 'civicSchemas.validateWorkspace');
  equal(result.checked, 2, `files checked (publiccode.yml, open-data/datapackage.json): ${JSON.stringify(result)}`);
  equal(result.cancelled, false, 'cancelled');
  const got = await waitFor(() => {
    const ds = ours(target);
    return ds.length ? ds.map((d) => codeOf(d)) : undefined;
  }, 'diagnostics for the unopened datapackage.json');
  equal(got, ['datapackage/key-field'], 'rules reported for open-data/datapackage.json');
});
