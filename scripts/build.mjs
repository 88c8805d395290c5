// Bundles the extension client, the language server and the CLI with esbuild.
// Usage: node scripts/build.mjs [--only client|server|cli] [--watch]
import * as esbuild from 'esbuild';

const entries = {
  client: { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The worker thread (server/src/host/worker.ts) is built with the server, which starts it.
  server: { entryPoints: { server: 'server/src/node.ts', worker: 'server/src/host/worker.ts' }, outdir: 'dist' },
  cli: { entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The web extension (manifest `browser`): no Node built-ins may reach these bundles (platform browser
  // fails the build on one); the server runs in a web worker, hence an IIFE.
  'client-browser': { entryPoints: ['client/src/browserExtension.ts'], outfile: 'dist/client-browser.js', external: ['vscode'], platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'] },
  'server-browser': { entryPoints: ['server/src/browser.ts'], outfile: 'dist/server-browser.js', platform: 'browser', format: 'iife', target: 'es2022', mainFields: ['browser', 'module', 'main'] },
};

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : Object.keys(entries);
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  sourcemap: true,
  logLevel: 'warning',
  loader: { '.json': 'json' },
  // jsonc-parser's "main" is a UMD build whose dynamic requires esbuild cannot follow; prefer ES modules.
  mainFields: ['module', 'main'],
};

await Promise.all(
  only.map(async (name) => {
    const entry = entries[name];
    if (!entry) throw new Error(`unknown build target ${name}`);
    if (args.includes('--watch')) {
      const ctx = await esbuild.context({ ...common, ...entry });
      await ctx.watch();
    } else {
      await esbuild.build({ ...common, ...entry });
    }
  }),
);
