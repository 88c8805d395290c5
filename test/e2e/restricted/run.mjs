#!/usr/bin/env node
// Runs test/e2e/restricted/suite.js with the workspace opened UNTRUSTED (Restricted Mode): test/e2e/run.mjs
// with E2E_RESTRICTED=1 (workspace trust on, a fresh folder, no startup prompt) on a copy of
// test/e2e/restricted/workspace/, whose settings turn on civicSchemas.network (which Restricted Mode must
// ignore). Everything else — setup checks, clean-up, artifacts, E2E_REQUIRED — is run.mjs.
//
//   npm run build && node test/e2e/restricted/run.mjs
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runVariant } from '../variant.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
runVariant({
  E2E_SUITE: path.join(HERE, 'suite.js'),
  E2E_WORKSPACE: path.join(HERE, 'workspace'),
  E2E_RESTRICTED: '1',
  E2E_SETTINGS: JSON.stringify({ 'civicSchemas.network': true }),
});
