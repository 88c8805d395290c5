// Runs every test layer: node's built-in runner over test/core, test/lsp and test/cli (TypeScript test
// files load through tsx), then the e2e suite inside a real VS Code (test/e2e/run.mjs) — which needs
// chromium and `bash test/e2e/setup.sh`; without them it says so loudly and, unless E2E_REQUIRED=1, the
// rest still counts. Ends with one line `tests: N passed, N failed` over all layers.
// Usage: node scripts/run-tests.mjs [dir-or-file …]   (given paths: only those, no e2e)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const explicit = process.argv.slice(2);
const roots = explicit.length ? explicit : ['test/core', 'test/lsp', 'test/cli'];
const files = [];
const collect = (p) => {
  if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) collect(join(p, e));
  else if (/\.test\.(ts|mjs|js)$/.test(p)) files.push(p);
};
for (const r of roots) collect(r);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}

/** Run a command, echo its output, and hand back the status and the text. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      text += chunk;
    });
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), text }));
  });
}

const count = (text, re) => Number(re.exec(text)?.[1] ?? 0);

const unit = await run(['--import', 'tsx', '--test', '--test-reporter=spec', ...files]);
let passed = count(unit.text, /^ℹ pass (\d+)$/m);
let failed = count(unit.text, /^ℹ fail (\d+)$/m) + count(unit.text, /^ℹ cancelled (\d+)$/m);
let status = unit.status;
if (status !== 0 && failed === 0) failed = 1; // the runner itself failed

if (!explicit.length) {
  console.log('\n== e2e: the extension inside a real VS Code (test/e2e) ==');
  // Then the web extension (test/e2e/web: the browser build in the web worker extension host), Restricted
  // Mode (test/e2e/restricted: an untrusted workspace) and the UI smoke test of the packaged .vsix (test/e2e/smoke).
  for (const [title, script] of [['', 'test/e2e/run.mjs'], ['web extension in a web worker (test/e2e/web)', 'test/e2e/web/run.mjs'], ['Restricted Mode: an untrusted workspace (test/e2e/restricted)', 'test/e2e/restricted/run.mjs'], ['the packaged .vsix in the Problems panel (test/e2e/smoke)', 'test/e2e/smoke/run.mjs']]) {
    if (title) console.log(`\n== e2e: ${title} ==`);
    let e2e = await run([script]);
    if (e2e.status !== 0 && script.includes('/smoke/')) {
      // The smoke test reads the workbench's Problems panel, a UI surface that is brittle under load
      // (see test/e2e/README.md); one retry, said out loud, before it counts as a failure.
      console.log('\n!! the .vsix smoke test failed once; retrying it one time');
      e2e = await run([script]);
    }
    const m = /^(\d+) passing, (\d+) failing/m.exec(e2e.text);
    if (m) {
      passed += Number(m[1]);
      failed += Number(m[2]);
    }
    if (e2e.status !== 0) {
      status = 1;
      if (!m || Number(m[2]) === 0) failed += 1; // infrastructure failure or a required e2e that could not run
    }
  }
}

console.log(`\ntests: ${passed} passed, ${failed} failed`);
process.exit(status === 0 && failed === 0 ? 0 : 1);
