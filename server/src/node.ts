// The Node.js language server (bundled as dist/server.js). Transport only: `--stdio`, `--node-ipc` or
// `--socket=<port>` are understood by `createConnection`; the behaviour lives in lsp/server.ts.

import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { diagnosticsWriter } from './host/diagnosticsWriter';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeWorkspace } from './host/nodeWorkspace';
import { createAnalysisWorker } from './host/workerPool';
import { startServer } from './lsp/server';

// Over stdio, a message writer that serializes big documents' diagnostics item by item (the same bytes;
// host/diagnosticsWriter.ts); then the console goes to the client's log, as the library does for --stdio.
const stdio = process.argv.includes('--stdio');
const connection = stdio ? createConnection(ProposedFeatures.all, process.stdin, diagnosticsWriter(process.stdout) as unknown as NodeJS.WritableStream) : createConnection(ProposedFeatures.all);
if (stdio) {
  const toLog = (level: 'log' | 'info' | 'warn' | 'error') => (...args: unknown[]) => connection.console[level](format(...args));
  console.log = toLog('log');
  console.info = toLog('info');
  console.debug = toLog('log');
  console.warn = toLog('warn');
  console.error = toLog('error');
}

// A bug in one feature must not end the session: log it and carry on.
process.on('uncaughtException', (err) => connection.console.error(`[civic-schemas] uncaught exception: ${err?.stack ?? err}`));
process.on('unhandledRejection', (reason) => connection.console.error(`[civic-schemas] unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

startServer(connection, {
  createAnalysisWorker,
  createWorkspace(folderUris) {
    const roots = folderUris.flatMap((uri) => {
      try {
        return [fileURLToPath(uri)];
      } catch {
        return [];
      }
    });
    return roots.length ? new NodeWorkspace(roots) : undefined;
  },
});
