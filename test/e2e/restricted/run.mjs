#!/usr/bin/env node
// Runs test/e2e/restricted/suite.js with the workspace opened UNTRUSTED (Restricted Mode): test/e2e/run.mjs
// with E2E_RESTRICTED=1 (workspace trust on, a fresh folder, no startup prompt) on a copy of
// test/e2e/restricted/workspace/, whose settings turn on civicSchemas.network (which Restricted Mode must
// ignore). Everything else — setup checks, clean-up, artifacts, E2E_REQUIRED — is run.mjs.
//
//   npm run build && node test/e2e/restricted/run.mjs
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const child = spawn(process.execPath, [path.join(HERE, '../run.mjs')], {
  stdio: 'inherit',
  env: {
    ...process.env,
    E2E_SUITE: path.join(HERE, 'suite.js'),
    E2E_WORKSPACE: path.join(HERE, 'workspace'),
    E2E_RESTRICTED: '1',
    E2E_SETTINGS: JSON.stringify({ 'civicSchemas.network': true }),
    E2E_TIMEOUT_MS: process.env.E2E_TIMEOUT_MS || '120000',
  },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
