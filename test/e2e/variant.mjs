// Runs test/e2e/run.mjs for another suite and workspace (the web and Restricted Mode runs): the same setup
// checks, clean-up, artifacts and E2E_* options, with `env` added; exits with its exit code.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNNER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'run.mjs');

export function runVariant(env) {
  const child = spawn(process.execPath, [RUNNER], {
    stdio: 'inherit',
    env: { ...process.env, E2E_TIMEOUT_MS: process.env.E2E_TIMEOUT_MS || '120000', ...env },
  });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
