#!/usr/bin/env node
// The second runner of test/e2e/suite/index.js: desktop VS Code through @vscode/test-electron, for machines
// where it can be downloaded (a developer's desktop, CI with network access and a display or xvfb).
// On this kind of machine desktop VS Code cannot be downloaded; the runner then says so and exits 2
// at once — use `node test/e2e/run.mjs` (VS Code server + headless chromium) there. Not part of `npm test`.
//
//   npm run build && node test/e2e/electron.mjs        (or: npm run test:e2e:electron)
//
// Environment: E2E_GREP (only tests whose name contains it), E2E_VSCODE_VERSION (default "stable"),
// E2E_KEEP_TMP=1 (keep the workspace copy). Exit code: 0 all passed, 1 failed, 2 VS Code not available.
//
// The suite is the same module: test-electron calls `require(extensionTestsPath).run()` and awaits the
// promise. Differences from run.mjs: no chromium page, so the suite's workbench-DOM checks (status bar)
// are reported as skipped with the reason (CIVIC_E2E_RUNNER=electron); everything else runs unchanged.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const KEEP_TMP = process.env.E2E_KEEP_TMP === '1';

for (const f of ['package.json', 'dist/client.js', 'dist/server.js']) {
  if (!fs.existsSync(path.join(ROOT, f))) {
    console.error(`[e2e-electron] ${f} is missing. Build first:  npm run build`);
    process.exit(1);
  }
}

// Fail fast when desktop VS Code cannot be had, instead of a long hang or a stack trace from the middle of
// a download.
let vscodeExecutablePath;
try {
  vscodeExecutablePath = await downloadAndUnzipVSCode({ version: process.env.E2E_VSCODE_VERSION || 'stable', timeout: 30_000 });
} catch (err) {
  console.error(`[e2e-electron] ${String(err?.message || err).split('\n')[0]}`);
  console.error('[e2e-electron] desktop VS Code could not be downloaded here; use `node test/e2e/run.mjs`');
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'civic-schemas-e2e-electron-'));
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(HERE, 'workspace'), workspace, { recursive: true });
// The same workspace settings as run.mjs: edits must stay in memory (the suite checks files.autoSave).
fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
fs.writeFileSync(path.join(workspace, '.vscode/settings.json'), JSON.stringify({
  'files.autoSave': 'off',
  'workbench.startupEditor': 'none',
  'git.enabled': false,
}, null, 2));

let code = 1;
try {
  code = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(HERE, 'suite/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tmp, 'user')],
    extensionTestsEnv: {
      CIVIC_E2E_WORKSPACE: workspace,
      CIVIC_E2E_GREP: process.env.E2E_GREP || '',
      CIVIC_E2E_RUNNER: 'electron',
    },
  });
} catch (err) {
  console.error(`[e2e-electron] extension tests FAILED: ${err?.message || err}`);
  code = 1;
} finally {
  if (KEEP_TMP) console.log(`[e2e-electron] temporary folder kept: ${tmp}`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`[e2e-electron] extension tests ${code === 0 ? 'PASSED' : 'FAILED'}`);
process.exit(code === 0 ? 0 : 1);
