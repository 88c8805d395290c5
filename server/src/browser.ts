// The language server for the web (bundled as dist/server-browser.js, an IIFE run in a web worker by
// client/src/browserExtension.ts). Transport: the worker's message port (`vscode-languageserver/browser`).
// The behaviour is the same `startServer` as on Node; only file access differs: a worker has no file
// system, so the Workspace asks the client (`civicSchemas/readFile`, answered with `vscode.workspace.fs`).
// See host/clientWorkspace.ts for how reads are confined to the workspace folders.

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { ClientWorkspace, READ_FILE_REQUEST, type ReadFileResult } from './host/clientWorkspace';
import { startServer } from './lsp/server';

declare const self: DedicatedWorkerGlobalScope;

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));

self.addEventListener('unhandledrejection', (e) => connection.console.error(`[civic-schemas] unhandled rejection: ${(e.reason as Error)?.stack ?? e.reason}`));

startServer(connection, {
  anyScheme: true,
  createWorkspace(folderUris) {
    return folderUris.length ? new ClientWorkspace(folderUris, (p) => connection.sendRequest<ReadFileResult>(READ_FILE_REQUEST, p)) : undefined;
  },
});
