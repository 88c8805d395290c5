#!/usr/bin/env node
// Runs test/e2e/web/suite.js against the web extension: the VS Code server's workbench in headless chromium
// with the extension under development forced into the *web worker* extension host
// (`extensionDevelopmentKind: web`), so VS Code loads the manifest's `browser` entry
// (dist/client-browser.js), which starts dist/server-browser.js in a web worker. The workspace is a copy of
// test/e2e/web/workspace/. Everything else — setup checks, process clean-up, artifacts, E2E_REQUIRED,
// E2E_VERBOSE, E2E_KEEP_TMP — is test/e2e/run.mjs, run with E2E_SUITE / E2E_WORKSPACE / E2E_EXTENSION_KIND.
//
//   npm run build && node test/e2e/web/run.mjs       (exit code 0 = all web tests passed)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runVariant } from '../variant.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
runVariant({
  E2E_SUITE: path.join(HERE, 'suite.js'),
  E2E_WORKSPACE: path.join(HERE, 'workspace'),
  E2E_EXTENSION_KIND: 'web',
  E2E_SETTINGS: JSON.stringify({ 'remote.extensionKind': { 'civic-schemas.civic-schemas': ['web'] } }),
});
