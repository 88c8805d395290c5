#!/usr/bin/env node
// Runs test/e2e/suite/index.js inside a real VS Code: the VS Code server shipped in the code-server npm
// package (run with Node 24), opened in headless Debian chromium through playwright-core. The suite runs in
// the real Node extension host with the real `vscode` API, against the extension at the repository root.
//
//   node test/e2e/run.mjs            (after `npm run build` and `bash test/e2e/setup.sh`)
//
// Environment:
//   E2E_REQUIRED=1      missing chromium / .vscode-e2e is an error (exit 1) instead of a loud skip (exit 0)
//   E2E_TIMEOUT_MS      hard timeout for the whole run (default 180000)
//   E2E_GREP            only run tests whose name contains this text (passed to the suite)
//   E2E_VERBOSE=1       print all workbench and server log lines, not just the interesting ones
//   E2E_TRACE=1         trace the LSP traffic (civicSchemas.trace.server: verbose) into the output channel log
//   E2E_KEEP_TMP=1      keep the temporary folder (HOME, workspace copy, VS Code logs) and print its path
//   E2E_DIR             where setup.sh installed things (default <repo>/.vscode-e2e)
//   E2E_RESTRICTED=1    open the workspace untrusted (Restricted Mode) instead of starting the server with
//                       --disable-workspace-trust (test/e2e/restricted/run.mjs)
//   CHROMIUM            chromium binary (default /usr/bin/chromium)
//
// Exit code: 0 when every test passed, 1 otherwise (failures, timeout, infrastructure errors).
// Builds nothing itself. Leaves no processes behind: the server (and the extension host and language
// server under it) runs in its own process group, which is killed at the end, whatever happened.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ARTIFACTS, CHROMIUM, NODE24, PLAYWRIGHT, ROOT, SERVER_MAIN, T, descendants } from './install.mjs';
import { format } from 'node:util';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Other suites reuse this runner (test/e2e/web/run.mjs): E2E_SUITE, E2E_WORKSPACE and E2E_EXTENSION_KIND=web
// (the extension under development then runs from its `browser` entry in the web worker extension host).
const SUITE = process.env.E2E_SUITE ? path.resolve(process.env.E2E_SUITE) : path.join(HERE, 'suite/index.js');
const WORKSPACE_TEMPLATE = process.env.E2E_WORKSPACE ? path.resolve(process.env.E2E_WORKSPACE) : path.join(HERE, 'workspace');
const EXTENSION_KIND = process.env.E2E_EXTENSION_KIND || '';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);
const VERBOSE = process.env.E2E_VERBOSE === '1';
const REQUIRED = process.env.E2E_REQUIRED === '1';
const KEEP_TMP = process.env.E2E_KEEP_TMP === '1';
const RESTRICTED = process.env.E2E_RESTRICTED === '1';

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const info = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function banner(lines, color = 31) {
  const paint = (t) => (process.stderr.isTTY ? `\x1b[1;${color}m${t}\x1b[0m` : t);
  const bar = '='.repeat(78);
  console.error(`\n${paint(bar)}`);
  for (const l of lines) console.error(paint(l));
  console.error(`${paint(bar)}\n`);
}
// A path for messages: relative to the repository when inside it.
const show = (p) => (p.startsWith(ROOT + path.sep) ? path.relative(ROOT, p) : p);

// ---- 1. environment checks ------------------------------------------------------------------------------
const missing = [];
if (!fs.existsSync(CHROMIUM)) missing.push(`chromium (expected at ${CHROMIUM}; set CHROMIUM=... to use another)`);
if (!fs.existsSync(NODE24)) missing.push(`Node 24 (${show(NODE24)})`);
if (!fs.existsSync(SERVER_MAIN) || !fs.existsSync(path.join(T, 'cs/.e2e-complete')))
  missing.push(`VS Code server from code-server (${show(SERVER_MAIN)})`);
if (!fs.existsSync(path.join(PLAYWRIGHT, 'package.json'))) missing.push(`playwright-core (${show(PLAYWRIGHT)})`);
if (missing.length) {
  banner([
    `VS Code e2e tests ${REQUIRED ? 'CANNOT RUN' : 'SKIPPED'}: missing`,
    ...missing.map((m) => `  - ${m}`),
    '',
    'Install (Debian, as root, once ~2 min / ~820 MB):',
    '  apt-get install -y chromium libkrb5-dev && bash test/e2e/setup.sh',
    REQUIRED ? 'E2E_REQUIRED=1: failing.' : 'Set E2E_REQUIRED=1 to make this an error.',
  ], REQUIRED ? 31 : 33);
  process.exit(REQUIRED ? 1 : 0);
}
for (const f of ['package.json', 'dist/client.js', 'dist/server.js', ...(EXTENSION_KIND === 'web' ? ['dist/client-browser.js', 'dist/server-browser.js'] : [])]) {
  if (!fs.existsSync(path.join(ROOT, f))) {
    banner([`VS Code e2e tests cannot run: ${f} is missing.`, 'Build first:  npm run build']);
    process.exit(1);
  }
}

// ---- 2. run ------------------------------------------------------------------------------------------------
const require = createRequire(import.meta.url);
const { chromium } = require(PLAYWRIGHT);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-schemas-e2e-'));
const workspace = path.join(tmp, 'workspace');
let server = null; // ChildProcess of the VS Code server (leader of its own process group)
let browser = null;
let page = null;
let serverLog = '';
let cleaningUp = null;

const noise = /^Canceled: Canceled|authentication provider 'github'|ChatModelSelection|AgentHost|Service Worker|AccountPolicyGate|connection token|Creating a socket|grace-time|builtin extensions cache|open-vsx|Failed to load resource|telemetry|\[Extension Host\] \(node:\d+\) \[DEP|^\s+at /i;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// All descendants of pid (Linux /proc), so that a child that left the process group is killed as well.

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// Last resort, synchronous (works in 'exit' handlers and when something else calls process.exit):
// SIGKILL the server's process group and every descendant, remove the temporary folder.
function killServerNow() {
  if (server?.pid) {
    const pids = [server.pid, ...descendants(server.pid)];
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* group gone */ }
    for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  }
  removeTmp();
}
process.on('exit', killServerNow);

function removeTmp() {
  if (KEEP_TMP) return;
  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch { /* best effort */ }
}

async function killServer() {
  if (!server?.pid) return;
  const pids = [server.pid, ...descendants(server.pid)];
  const kill = (sig) => {
    try { process.kill(-server.pid, sig); } catch { /* group gone */ }
    for (const p of pids) { try { process.kill(p, sig); } catch { /* gone */ } }
  };
  kill('SIGTERM');
  for (let i = 0; i < 20 && pids.some(alive); i++) await sleep(100);
  kill('SIGKILL');
  for (let i = 0; i < 20 && pids.some(alive); i++) await sleep(100);
  const left = pids.filter(alive);
  if (left.length) console.error(`[e2e] WARNING: processes still alive after SIGKILL: ${left.join(', ')}`);
}

function cleanup() {
  cleaningUp ??= (async () => {
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
    await killServer();
    removeTmp();
    if (KEEP_TMP) info(`temporary folder kept: ${tmp}`);
  })();
  return cleaningUp;
}

// On failure: the server's output, VS Code's own logs (extension host, output channels: the
// "Civic Schemas" channel carries the language server's stderr), and the tail of that channel on screen.
function saveArtifacts(reason) {
  try {
    fs.rmSync(ARTIFACTS, { recursive: true, force: true });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, 'server.log'), serverLog);
    const logs = path.join(tmp, 'user/logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(ARTIFACTS, 'logs'), { recursive: true });
    const channels = fs.existsSync(logs) ? fs.readdirSync(logs, { recursive: true }).filter((f) => /Civic Schemas\.log$/.test(f)) : [];
    for (const f of channels) {
      const lines = fs.readFileSync(path.join(logs, f), 'utf8').trim().split('\n').filter(Boolean);
      if (!lines.length) continue;
      console.log(`[e2e] last lines of the "Civic Schemas" output channel (${f}):`);
      for (const l of lines.slice(-20)) console.log(`  ${l}`);
    }
    info(`${reason}: logs saved to ${path.relative(process.cwd(), ARTIFACTS) || '.'}/ (server.log, logs/, workbench.png)`);
  } catch (e) { console.error(`[e2e] could not save artifacts: ${e.message}`); }
}

async function screenshot() {
  if (!page) return;
  try {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await Promise.race([page.screenshot({ path: path.join(ARTIFACTS, 'workbench.png') }), sleep(5000)]);
  } catch { /* best effort */ }
}

async function finish(code, reason) {
  clearTimeout(hardTimer);
  if (code !== 0) {
    saveArtifacts(reason);
    await screenshot();
  }
  await cleanup();
  info(code === 0 ? 'extension tests PASSED' : `extension tests FAILED (${reason})`);
  process.exit(code);
}

const hardTimer = setTimeout(() => {
  banner([
    `VS Code e2e tests TIMED OUT after ${TIMEOUT_MS / 1000} s (E2E_TIMEOUT_MS).`,
    'The suite never reported its result. Last server log lines:',
    ...serverLog.trim().split('\n').slice(-15).map((l) => `  ${l}`),
  ]);
  finish(1, 'timeout');
}, TIMEOUT_MS);

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    // Kill at once: other SIGINT handlers (playwright's) may end the process before an async cleanup.
    info(`received ${sig}, cleaning up`);
    killServerNow();
    finish(1, sig);
  });
}

// UI bridge: the suite (in the extension host) cannot see the workbench DOM, e.g. the status bar. It logs
// `[civic-e2e-ui] {"id":"…","selector":"…"}`; the runner answers with the matching elements in
// <CIVIC_E2E_UI_DIR>/<id>.json (written to a temporary name, then renamed, so never read half-written).
const uiDir = path.join(tmp, 'ui');
async function answerUiQuery(json) {
  let q;
  try { q = JSON.parse(json.trim().split('\n')[0]); } catch { return; }
  if (!q || !/^[\w-]+$/.test(String(q.id)) || typeof q.selector !== 'string') return;
  let answer;
  try {
    const elements = await page.evaluate((selector) => [...document.querySelectorAll(selector)].map((e) => ({
      id: e.id,
      text: e.innerText ?? e.textContent ?? '',
      ariaLabel: e.getAttribute('aria-label'),
      visible: e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden',
    })), q.selector);
    answer = { elements };
  } catch (e) {
    answer = { error: String(e?.message || e) };
  }
  const file = path.join(uiDir, `${q.id}.json`);
  try {
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(answer));
    fs.renameSync(`${file}.tmp`, file);
  } catch { /* run is being torn down */ }
}

async function main() {
  fs.cpSync(WORKSPACE_TEMPLATE, workspace, { recursive: true });
  // Workspace settings for the run. files.autoSave matters: VS Code in a browser defaults to
  // "afterDelay", which would save the tests' edits into the workspace copy after a second.
  const settings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'git.enabled': false,
    ...(process.env.E2E_TRACE === '1' ? { 'civicSchemas.trace.server': 'verbose' } : {}),
    ...(process.env.E2E_SETTINGS ? JSON.parse(process.env.E2E_SETTINGS) : {}), // more settings from a wrapper runner
  };
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify(settings, null, 2));
  const env = {
    ...process.env,
    HOME: path.join(tmp, 'home'),
    TMPDIR: path.join(tmp, 'tmp'),
    XDG_CONFIG_HOME: path.join(tmp, 'home/.config'),
    XDG_CACHE_HOME: path.join(tmp, 'home/.cache'),
    XDG_DATA_HOME: path.join(tmp, 'home/.local/share'),
    XDG_STATE_HOME: path.join(tmp, 'home/.local/state'),
    XDG_RUNTIME_DIR: path.join(tmp, 'run'),
    // read by the suite (the extension host inherits the server's environment)
    CIVIC_E2E_WORKSPACE: workspace,
    CIVIC_E2E_TEMPLATE: WORKSPACE_TEMPLATE,
    CIVIC_E2E_GREP: process.env.E2E_GREP || '',
    CIVIC_E2E_UI_DIR: uiDir,
  };
  delete env.VSCODE_IPC_HOOK_CLI; // when started from a VS Code terminal
  delete env.ELECTRON_RUN_AS_NODE;
  for (const d of [uiDir, env.HOME, env.TMPDIR, env.XDG_CONFIG_HOME, env.XDG_CACHE_HOME, env.XDG_DATA_HOME, env.XDG_STATE_HOME])
    fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  if (RESTRICTED) {
    // Workspace trust is on (VS Code's default) and a fresh folder is untrusted: Restricted Mode. The trust
    // settings are application-wide, so they go into the user settings, not the workspace's.
    fs.mkdirSync(path.join(tmp, 'user/User'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'user/User/settings.json'), JSON.stringify({
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.untrustedFiles': 'open',
      'security.workspace.trust.banner': 'never',
    }, null, 2));
  }

  const port = await freePort();
  const auth = `127.0.0.1:${port}`;
  info(`starting VS Code server on ${auth}`);
  server = spawn(NODE24, [
    SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--telemetry-level', 'off', ...(RESTRICTED ? [] : ['--disable-workspace-trust']),
    // Without this flag the server silently ignores extensionDevelopmentPath / extensionTestsPath.
    '--enable-smoke-test-driver',
    '--server-data-dir', path.join(tmp, 'server'), '--user-data-dir', path.join(tmp, 'user'),
    '--extensions-dir', path.join(tmp, 'extensions'),
    ...(process.env.E2E_TRACE === '1' ? ['--log', 'trace'] : []),
  ], { cwd: tmp, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const onServerData = (d) => {
    const s = d.toString();
    serverLog += s;
    if (VERBOSE) process.stdout.write(s.replace(/^/gm, '[server] '));
  };
  server.stdout.on('data', onServerData);
  server.stderr.on('data', onServerData);
  server.on('error', (e) => { serverLog += `spawn error: ${e.message}\n`; });
  const serverExit = new Promise((r) => server.on('exit', (code, sig) => r(`server exited (code ${code}, signal ${sig})`)));

  for (let i = 0; !serverLog.includes('Extension host agent listening on'); i++) {
    if (server.exitCode !== null || server.signalCode !== null || i > 300) {
      banner(['VS Code server did not start (30 s). Server log:', ...serverLog.trim().split('\n').map((l) => `  ${l}`)]);
      return finish(1, 'server did not start');
    }
    await sleep(100);
  }
  info('server listening; launching chromium');

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions', '--mute-audio', '--no-default-browser-check'],
  });
  page = await browser.newPage();
  page.setDefaultTimeout(30_000);

  let reportExit;
  const exited = new Promise((r) => { reportExit = r; });
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const msg = format(...(Array.isArray(args) ? args : [args]));
    if (msg.includes('[civic-e2e-ui] ')) return answerUiQuery(msg.slice(msg.indexOf('[civic-e2e-ui] ') + 15));
    const suiteLine = msg.includes('[civic-e2e]');
    if (suiteLine) {
      // the suite's own output: print it clean, without the "[Extension Host]" prefix
      for (const line of msg.split('\n')) {
        const i = line.indexOf('[civic-e2e]');
        if (i >= 0) console.log(line.slice(i + '[civic-e2e]'.length + 1));
      }
    } else if (VERBOSE || (type === 'error' && !noise.test(msg))) {
      console.log(`[vscode ${type}] ${msg}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
  page.on('crash', () => reportExit('page crashed'));

  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${auth}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${auth}${SUITE}`],
    ...(EXTENSION_KIND ? [['extensionDevelopmentKind', EXTENSION_KIND]] : []),
  ];
  const url = `http://${auth}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  info('opening workbench; running suite');
  await page.goto(url, { waitUntil: 'domcontentloaded' });

  const result = await Promise.race([exited, serverExit]);
  if (result === 0) return finish(0);
  return finish(1, typeof result === 'number' ? `suite exit code ${result}` : String(result));
}

main().catch((e) => {
  banner(['VS Code e2e runner error:', ...String(e?.stack || e).split('\n').map((l) => `  ${l}`)]);
  finish(1, 'runner error');
});
