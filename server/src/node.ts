// The Node.js language server (bundled as dist/server.js). Transport only: `--stdio`, `--node-ipc` or
// `--socket=<port>` are understood by `createConnection`; the behaviour lives in lsp/server.ts.

import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { NodeWorkspace } from './host/nodeWorkspace';
import { createAnalysisWorker } from './host/workerPool';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);

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
