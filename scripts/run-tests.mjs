// Runs the test layers with node's built-in runner; TypeScript test files load through tsx.
// Usage: node scripts/run-tests.mjs [dir-or-file …]   (default: test/core test/lsp test/cli)
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/core', 'test/lsp', 'test/cli'];
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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
