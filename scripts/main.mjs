// The main job, as the README shows it: validate the bundled examples with the CLI, then build the .vsix.
// The examples under examples/valid must come out clean and those under examples/invalid must be
// flagged; the job fails if either is not so.
import { spawnSync } from 'node:child_process';

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  return spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status;
}

let failed = false;
if (run(process.execPath, ['scripts/build.mjs']) !== 0) process.exit(1);
if (run(process.execPath, ['dist/cli.js', 'check', 'examples/valid']) !== 0) {
  console.error('examples/valid should have no errors');
  failed = true;
}
if (run(process.execPath, ['dist/cli.js', 'check', 'examples/invalid']) !== 1) {
  console.error('examples/invalid should be reported with errors (exit code 1)');
  failed = true;
}
if (run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--out', 'dist/civic-schemas.vsix']) !== 0) failed = true;
process.exit(failed ? 1 : 0);
