// The e2e suites' shared kit: a tiny sequential test runner and the helpers every suite uses (open a
// workspace file reset to its text in the repository, wait for diagnostics, find the language server
// process, query the workbench DOM through the runner). Loaded inside the real VS Code extension host by
// test/e2e/suite/index.js (the main suite) and test/e2e/suite/restricted.js (Restricted Mode).
//
// The runner (test/e2e/run.mjs) passes through the environment:
//   CIVIC_E2E_WORKSPACE  the temporary copy of the workspace template opened as the workspace folder
//   CIVIC_E2E_TEMPLATE   that template (default test/e2e/workspace): the reference texts of its files
//   CIVIC_E2E_GREP       run only tests whose name contains this text
//   CIVIC_E2E_UI_DIR     the UI bridge: the runner answers DOM queries about the workbench there
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'civic-schemas.civic-schemas';
const SOURCE = 'civic-schemas';
const STATUS_ENTRY_ID = `${EXTENSION_ID}.civicSchemas.standard`; // DOM id: <extension id>.<createStatusBarItem id>
const DEFAULT_TEST_TIMEOUT_MS = 20_000;
const WAIT_MS = 10_000; // how long to wait for one expected event (diagnostics, process, UI)

const WORKSPACE = process.env.CIVIC_E2E_WORKSPACE || vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
// The files as they are in the repository: the reference texts (the copy on disk could have been saved over).
const TEMPLATE = process.env.CIVIC_E2E_TEMPLATE || path.resolve(__dirname, '..', 'workspace');
const GREP = process.env.CIVIC_E2E_GREP || '';

// ---- tiny sequential runner -------------------------------------------------------------------------------
const tests = [];
function test(name, fn, timeoutMs = DEFAULT_TEST_TIMEOUT_MS, { prerequisite = false } = {}) {
  tests.push({ name, fn, timeoutMs, prerequisite });
}
/** A test the others depend on: when it fails, the run stops there (and fails) instead of timing out test after test. */
const prerequisite = (name, fn, timeoutMs = DEFAULT_TEST_TIMEOUT_MS) => test(name, fn, timeoutMs, { prerequisite: true });

// Prefixed lines are picked out of the workbench console by run.mjs and printed as they are.
const out = (line = '') => console.log(`[civic-e2e] ${line}`);

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function run() {
  const selected = tests.filter((t) => t.name.includes(GREP));
  if (selected.length === 0) throw new Error(`no test matches E2E_GREP=${JSON.stringify(GREP)}`);
  out(`VS Code ${vscode.version}, ${selected.length} test(s)${GREP ? ` matching ${JSON.stringify(GREP)}` : ''}`);
  const failures = [];
  const notRun = [];
  const started = Date.now();
  for (const t of selected) {
    if (failures.some((f) => f.test.prerequisite)) {
      notRun.push(t);
      continue;
    }
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(t.fn), t.timeoutMs, `test "${t.name}"`);
      out(`  \u2713 ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      if (err instanceof UiUnavailable) {
        // Only under @vscode/test-electron (no workbench page to query): everything before the UI check ran.
        out(`  \u2713 ${t.name} (${Date.now() - t0} ms) -- UI check SKIPPED: ${err.message}`);
        continue;
      }
      failures.push({ test: t, err });
      out(`  \u2717 ${t.name} (${Date.now() - t0} ms)`);
      for (const line of String(err?.stack || err).split('\n')) out(`      ${line}`);
    }
  }
  out();
  out(`${selected.length - failures.length - notRun.length} passing, ${failures.length} failing${notRun.length ? `, ${notRun.length} not run (a prerequisite failed)` : ''} (${Date.now() - started} ms)`);
  for (const f of failures) out(`  failed: ${f.test.name}`);
  for (const t of notRun) out(`  not run: ${t.name}`);
  if (failures.length) throw new Error(`${failures.length} of ${selected.length} e2e test(s) failed${notRun.length ? `, ${notRun.length} not run` : ''}`);
}

// ---- helpers ------------------------------------------------------------------------------------------------
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function fileUri(rel) {
  assert.ok(WORKSPACE, 'no workspace folder (CIVIC_E2E_WORKSPACE unset and no folder open)');
  return vscode.Uri.file(path.join(WORKSPACE, rel));
}

/** The text of a workspace file as it is in test/e2e/workspace/. */
const pristine = (rel) => fs.readFileSync(path.join(TEMPLATE, rel), 'utf8');

/** Open a workspace file in an editor, with its text reset to the one in test/e2e/workspace/. */
async function open(rel) {
  const uri = fileUri(rel);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  const text = pristine(rel);
  if (doc.getText() !== text) await setText(doc, text);
  return doc;
}

async function setText(doc, text) {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'applyEdit refused the edit');
  assert.equal(doc.getText(), text);
}

/** Replace the whole line that starts with `prefix` (the first one). */
async function replaceLine(doc, prefix, newLine) {
  const line = lineOf(doc, prefix);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(line).range, newLine);
  assert.equal(await vscode.workspace.applyEdit(edit), true, 'applyEdit refused the edit');
  return line;
}

/** 0-based number of the first line starting with `prefix`. */
function lineOf(doc, prefix) {
  const line = doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith(prefix));
  assert.notEqual(line, -1, `no line starting with ${JSON.stringify(prefix)} in ${doc.uri.fsPath}`);
  return line;
}

const ours = (uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
const ruleOf = (d) => (d.code !== null && typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const describe = (ds) =>
  ds.length ? ds.map((d) => `${ruleOf(d)} @${d.range.start.line}:${d.range.start.character} ${d.message}`).join('\n    ') : '(none)';

/**
 * Wait until our diagnostics for `uri` satisfy `predicate` (checked now and on every change).
 * Resolves with the diagnostics; rejects after `ms` with what was there instead.
 */
function waitForDiagnostics(uri, predicate, what, ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    let sub;
    const finish = (fn, value) => {
      clearTimeout(timer);
      sub?.dispose();
      fn(value);
    };
    const check = () => {
      const ds = ours(uri);
      let ok = false;
      try {
        ok = predicate(ds);
      } catch (err) {
        return finish(reject, err);
      }
      if (ok) finish(resolve, ds);
      return ok;
    };
    const timer = setTimeout(
      () => finish(reject, new Error(`timed out after ${ms} ms waiting for diagnostics: ${what}\n    now: ${describe(ours(uri))}`)),
      ms,
    );
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

const findRule = (ds, rule, line) => ds.find((d) => ruleOf(d) === rule && (line === undefined || d.range.start.line === line));

/** Poll `fn` until it returns a truthy value. */
async function waitUntil(fn, what, ms = WAIT_MS, every = 50) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

function extension() {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** The process has exited (gone, or a zombie not yet reaped). */
function processGone(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] === 'Z';
  } catch {
    return true;
  }
}

// The language server processes: children of this extension host running <extension>/dist/server.js.
function serverPids() {
  const script = path.join(extension().extensionPath, 'dist', 'server.js');
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv.includes(script)) pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}

async function onlyServerPid() {
  const pids = await waitUntil(() => {
    const p = serverPids();
    return p.length === 1 ? p : undefined;
  }, 'exactly one language server process');
  return pids[0];
}

// UI bridge (answered by run.mjs): the elements matching a CSS selector in the workbench page.
let uiSeq = 0;
/** Thrown by uiQuery under the electron runner only: there is no chromium page to query there. */
class UiUnavailable extends Error {}
async function uiQuery(selector) {
  const dir = process.env.CIVIC_E2E_UI_DIR;
  if (!dir && process.env.CIVIC_E2E_RUNNER === 'electron') {
    throw new UiUnavailable(`the workbench DOM (${selector}) can only be queried through the chromium page of test/e2e/run.mjs; desktop VS Code under test/e2e/electron.mjs has none`);
  }
  assert.ok(dir, 'CIVIC_E2E_UI_DIR is not set: run the suite through test/e2e/run.mjs');
  const id = `q${process.pid}-${++uiSeq}`;
  const file = path.join(dir, `${id}.json`);
  console.log(`[civic-e2e-ui] ${JSON.stringify({ id, selector })}`);
  await waitUntil(() => fs.existsSync(file), `the runner to answer UI query ${selector}`, 5000, 25);
  const answer = JSON.parse(fs.readFileSync(file, 'utf8'));
  fs.rmSync(file, { force: true });
  if (answer.error) throw new Error(`UI query ${selector} failed: ${answer.error}`);
  return answer.elements;
}

async function statusItem() {
  const [el] = await uiQuery(`[id="${STATUS_ENTRY_ID}"]`);
  return el && el.visible ? el : undefined;
}

/** Hover or completion text: MarkdownString | string | {language, value}. */
const textOf = (c) => (typeof c === 'string' ? c : c?.value ?? '');

module.exports = {
  EXTENSION_ID, SOURCE, STATUS_ENTRY_ID, WAIT_MS, WORKSPACE, TEMPLATE, test, prerequisite,
  out, run, sleep, withTimeout, fileUri, pristine, open, setText, replaceLine,
  lineOf, ours, ruleOf, describe, waitForDiagnostics, findRule, waitUntil, extension,
  processGone, serverPids, onlyServerPid, UiUnavailable, uiQuery, statusItem, textOf,
};
