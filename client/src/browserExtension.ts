// The web extension (manifest `browser` entry, bundled as dist/client-browser.js): the same client as
// extension.ts for vscode.dev / github.dev and the web worker extension host, with the language server
// (dist/server-browser.js) in a web worker. A worker has no file system, so the server asks this client for
// files (`civicSchemas/readFile`), which are read with `vscode.workspace.fs` — only inside a workspace folder.

import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerStatusItem } from './status';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, State, type LanguageClientOptions } from 'vscode-languageclient/browser';

const READ_FILE_REQUEST = 'civicSchemas/readFile';
const LANGUAGES = ['yaml', 'json'];
// On the web, files come from remote file systems: vscode.dev/github.dev (`vscode-vfs`), a VS Code server
// (`vscode-remote`), @vscode/test-web (`vscode-test-web`), and local folders opened in the browser (`file`).
const SCHEMES = ['file', 'untitled', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'];

interface ReadFileParams {
  uri: string;
  content: boolean;
}

interface ReadFileResult {
  type: 'file' | 'directory' | 'missing';
  base64?: string;
}

let client: LanguageClient | undefined;

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/** Answer the server's file requests, confined to the workspace folders. */
async function readFile(params: ReadFileParams): Promise<ReadFileResult> {
  let uri: vscode.Uri;
  try {
    uri = vscode.Uri.parse(params.uri, true);
  } catch {
    return { type: 'missing' };
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder || /(^|\/)\.\.(\/|$)/.test(uri.path)) return { type: 'missing' };
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { type: 'directory' };
    if (!params.content) return { type: 'file' };
    return { type: 'file', base64: bytesToBase64(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return { type: 'missing' };
  }
}

/**
 * The language server's web worker. vscode.dev and github.dev serve the extension over https, which a worker
 * loads directly; an extension installed in a VS Code server (`vscode-remote:`) cannot be a worker URL
 * ("Creating workers from remote extensions is currently not supported"), so its bytes are read through
 * `vscode.workspace.fs` and the worker starts from a blob URL.
 */
async function createServerWorker(script: vscode.Uri): Promise<Worker> {
  if (/^(https?|file)$/.test(script.scheme)) return new Worker(script.toString(true));
  const bytes = await vscode.workspace.fs.readFile(script);
  return new Worker(URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/javascript' })));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Civic Schemas', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
    outputChannel,
    initializationOptions: () => ({
      validate: vscode.workspace.getConfiguration('civicSchemas').get<boolean>('validate.enable', true),
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    connectionOptions: { maxRestartCount: 4 },
    markdown: { isTrusted: false, supportHtml: false },
  };
  // A new worker for every (re)start; the previous one is ended. The transports are made here rather than
  // by passing the Worker: the extension host's Worker is a wrapper, so `instanceof Worker` fails on it.
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server-browser.js');
  let worker: Worker | undefined;
  const serverOptions = async () => {
    worker?.terminate();
    worker = await createServerWorker(script);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  context.subscriptions.push({ dispose: () => worker?.terminate() });
  client = new LanguageClient('civicSchemas', 'Civic Schemas', serverOptions, clientOptions);

  context.subscriptions.push(outputChannel);
  const refreshStatus = registerStatusItem(context, () => client, { languages: LANGUAGES, schemes: SCHEMES });
  registerCommands(context, () => client);

  context.subscriptions.push(
    client.onRequest(READ_FILE_REQUEST, readFile),
    vscode.commands.registerCommand('civicSchemas.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('civicSchemas.restartServer', async () => {
      if (!client) return;
      if (client.state === State.Running) await client.stop();
      await client.start();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      if (client?.state === State.Running) await client.stop();
      await client?.start();
    }),
  );

  await client.start();
  await refreshStatus();
}

export async function deactivate(): Promise<void> {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}
