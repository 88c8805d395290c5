#!/usr/bin/env node
// UI smoke test of the *packaged* extension, as a user gets it: `vsce package` → the .vsix installed into the
// VS Code server (`server-main.js --install-extension`, into a throwaway extensions folder) → the workbench
// in headless chromium opens test/e2e/workspace/publiccode.yml → the Problems panel shows the extension's
// diagnostics. No test code runs inside VS Code: only what a person sees is checked. Saves a screenshot to
// test/e2e/artifacts/smoke-problems.png (pass or fail).
//
//   npm run build && node test/e2e/smoke/run.mjs
//
// Environment: E2E_REQUIRED=1 (missing chromium/.vscode-e2e is an error), E2E_VSIX=<file> (use this .vsix
// instead of packaging), E2E_VERBOSE=1 (server output), E2E_DIR, CHROMIUM, E2E_TIMEOUT_MS (default 180000).
// Prints `N passing, N failing` like the other e2e runners; exit code 0 = passed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ARTIFACTS, CHROMIUM, NODE24, PLAYWRIGHT, ROOT, SERVER_MAIN, descendants } from '../install.mjs';

const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);
const REQUIRED = process.env.E2E_REQUIRED === '1';
const VERBOSE = process.env.E2E_VERBOSE === '1';
const EXTENSION_ID = 'civic-schemas.civic-schemas';
// test/e2e/workspace/publiccode.yml has exactly these mistakes (see test/e2e/README.md).
const EXPECTED = ['landingPage', 'production', 'standalone/webb'];

const t0 = Date.now();
const info = (m) => console.log(`[smoke ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const missing = [CHROMIUM, NODE24, SERVER_MAIN, path.join(PLAYWRIGHT, 'package.json')].filter((f) => !fs.existsSync(f));
if (missing.length) {
  console.error(`\n${'='.repeat(78)}\nVS Code smoke test ${REQUIRED ? 'CANNOT RUN' : 'SKIPPED'}: missing ${missing.join(', ')}\n` +
    `Install: apt-get install -y chromium libkrb5-dev && bash test/e2e/setup.sh\n${'='.repeat(78)}\n`);
  process.exit(REQUIRED ? 1 : 0);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-schemas-smoke-'));
const dirs = { home: path.join(tmp, 'home'), ext: path.join(tmp, 'extensions'), user: path.join(tmp, 'user'), data: path.join(tmp, 'server'), ws: path.join(tmp, 'workspace') };
for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
const env = { ...process.env, HOME: dirs.home, XDG_CONFIG_HOME: path.join(dirs.home, '.config'), XDG_CACHE_HOME: path.join(dirs.home, '.cache'), TMPDIR: tmp };
delete env.VSCODE_IPC_HOOK_CLI;
delete env.ELECTRON_RUN_AS_NODE;
const serverArgs = ['--server-data-dir', dirs.data, '--user-data-dir', dirs.user, '--extensions-dir', dirs.ext];

let server = null;
let browser = null;
function killServerNow() {
  if (server?.pid) {
    const pids = [server.pid, ...descendants(server.pid)];
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* gone */ }
    for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    server = null;
  }
  try { fs.rmSync(tmp, { recursive: true, force: true }); } catch { /* best effort */ }
}
process.on('exit', killServerNow);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { killServerNow(); process.exit(1); });
const hard = setTimeout(() => { console.error(`[smoke] timed out after ${TIMEOUT_MS} ms`); finish(false, 'timeout'); }, TIMEOUT_MS);

let page = null;
async function finish(ok, reason = '') {
  clearTimeout(hard);
  if (page) {
    try {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await Promise.race([page.screenshot({ path: path.join(ARTIFACTS, 'smoke-problems.png') }), sleep(5000)]);
      info(`screenshot: ${path.relative(ROOT, path.join(ARTIFACTS, 'smoke-problems.png'))}`);
    } catch { /* best effort */ }
  }
  if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
  killServerNow();
  console.log(`[civic-smoke]   ${ok ? '\u2713' : '\u2717'} the packaged .vsix, installed into VS Code, shows its diagnostics in the Problems panel${reason ? ` (${reason})` : ''}`);
  console.log(`${ok ? 1 : 0} passing, ${ok ? 0 : 1} failing`);
  info(ok ? 'smoke test PASSED' : 'smoke test FAILED');
  process.exit(ok ? 0 : 1);
}

const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.on('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function main() {
  // 1. The .vsix, exactly as `npm run package` makes it (from the current dist/).
  let vsix = process.env.E2E_VSIX ? path.resolve(process.env.E2E_VSIX) : path.join(tmp, 'civic-schemas.vsix');
  if (!process.env.E2E_VSIX) {
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/client-browser.js', 'dist/server-browser.js'])
      if (!fs.existsSync(path.join(ROOT, f))) return finish(false, `${f} is missing: npm run build`);
    info('packaging with vsce');
    const vsce = path.join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) return finish(false, `vsce package failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  }
  // 2. Installed with the VS Code server's own CLI.
  info(`installing ${path.basename(vsix)}`);
  const inst = spawnSync(NODE24, [SERVER_MAIN, ...serverArgs, '--accept-server-license-terms', '--install-extension', vsix], { env, encoding: 'utf8', timeout: 60_000 });
  const installed = fs.readdirSync(dirs.ext).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
  if (inst.status !== 0 || installed.length !== 1) return finish(false, `--install-extension failed: ${(inst.stdout + inst.stderr).trim().split('\n').slice(-3).join(' | ')}`);
  info(`installed ${installed[0]}`);

  // 3. The workspace (autoSave off: nothing may be written back) and the server.
  fs.cpSync(path.join(ROOT, 'test/e2e/workspace'), dirs.ws, { recursive: true });
  fs.mkdirSync(path.join(dirs.ws, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ws, '.vscode/settings.json'), JSON.stringify({ 'files.autoSave': 'off', 'workbench.startupEditor': 'none', 'git.enabled': false }));
  const port = await freePort();
  let log = '';
  server = spawn(NODE24, [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--telemetry-level', 'off', '--disable-workspace-trust', ...serverArgs], { env, cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const onData = (d) => { log += d; if (VERBOSE) process.stdout.write(String(d).replace(/^/gm, '[server] ')); };
  server.stdout.on('data', onData);
  server.stderr.on('data', onData);
  for (let i = 0; !log.includes('Extension host agent listening on'); i++) {
    if (i > 300 || server.exitCode !== null) return finish(false, `server did not start: ${log.trim().split('\n').slice(-3).join(' | ')}`);
    await sleep(100);
  }

  // 4. The workbench, as a person uses it: open the file with Quick Open, then the Problems panel.
  const { chromium } = createRequire(import.meta.url)(PLAYWRIGHT);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-extensions'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
  info('opening the workbench');
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(dirs.ws)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
  const explorerRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: /^publiccode\.yml$/ }).first();
  await explorerRow.waitFor({ timeout: 60_000 });
  await explorerRow.dblclick();
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30_000 });
  info('waiting for the Problems panel');
  const rows = page.locator('.markers-panel .monaco-list-row');
  const panel = page.locator('.markers-panel');
  const deadline = Date.now() + 90_000;
  let texts = [];
  let pressed = 0;
  while (Date.now() < deadline) {
    // View: Show Problems (Ctrl+Shift+M), again if the panel is not up yet (a key press can land while
    // the workbench is still restoring its layout).
    if (!(await panel.isVisible().catch(() => false)) && Date.now() - pressed > 5000) {
      await page.keyboard.press('Control+Shift+M');
      pressed = Date.now();
    }
    texts = await rows.allInnerTexts().catch(() => []);
    if (EXPECTED.every((e) => texts.some((t) => t.includes(e) && t.includes('civic-schemas')))) break;
    await sleep(500);
  }
  for (const t of texts) info(`  problem: ${t.replace(/\s+/g, ' ').trim()}`);
  const found = EXPECTED.filter((e) => texts.some((t) => t.includes(e) && t.includes('civic-schemas')));
  if (found.length !== EXPECTED.length) return finish(false, `Problems panel lacks ${EXPECTED.filter((e) => !found.includes(e)).join(', ')}`);
  return finish(true);
}

main().catch((e) => finish(false, `runner error: ${e?.stack || e}`));
