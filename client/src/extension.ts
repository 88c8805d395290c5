// The thin VS Code client: starts the language server (dist/server.js) over Node IPC for YAML and JSON
// documents and shows which standard applies to the active file in the status bar. All validation lives
// in the server, which reads the `civicSchemas` settings itself (workspace/configuration, and a dynamic
// registration for change notifications).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { RestartBackoff } from './backoff';
import { registerCommands } from './commands';
import { registerStatusItem } from './status';

const LANGUAGES = ['yaml', 'json'];
const SCHEMES = ['file', 'untitled'];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Civic Schemas', { log: true });
  const backoff = new RestartBackoff();
  const clientOptions: LanguageClientOptions = {
    documentSelector: SCHEMES.flatMap((scheme) => LANGUAGES.map((language) => ({ scheme, language }))),
    outputChannel,
    initializationOptions: () => ({
      validate: vscode.workspace.getConfiguration('civicSchemas').get<boolean>('validate.enable', true),
      workspaceTrusted: vscode.workspace.isTrusted,
    }),
    // A crashed server is restarted after a delay that doubles with each crash (backoff.ts); the
    // diagnostics come back because the restarted client re-sends the open documents.
    errorHandler: restartWithBackoff(backoff, outputChannel),
    markdown: { isTrusted: false, supportHtml: false },
  };
  client = new LanguageClient('civicSchemas', 'Civic Schemas', serverOptions, clientOptions);

  context.subscriptions.push(outputChannel);
  const refreshStatus = registerStatusItem(context, () => client, { languages: LANGUAGES, schemes: SCHEMES });
  registerCommands(context, () => client);

  context.subscriptions.push(
    vscode.commands.registerCommand('civicSchemas.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('civicSchemas.restartServer', async () => {
      backoff.reset();
      await client?.restart();
    }),
    // The server learns about trust at start (initializationOptions): once the user trusts the workspace,
    // restart it so that workspace schemas are loaded.
    vscode.workspace.onDidGrantWorkspaceTrust(() => client?.restart()),
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

function restartWithBackoff(backoff: RestartBackoff, log: vscode.LogOutputChannel): ErrorHandler {
  return {
    // A broken message is not worth a restart; a closed connection is.
    error: () => ({ action: ErrorAction.Continue }),
    closed: async () => {
      const decision = backoff.onCrash(Date.now());
      if (!decision.restart) {
        const message = vscode.l10n.t(
          'The Civic Schemas language server stopped {0} times in a few minutes and will not be restarted automatically. Run "Civic Schemas: Restart Language Server" to try again, and see "Civic Schemas: Show Output" for the cause.',
          decision.crashes,
        );
        return { action: CloseAction.DoNotRestart, message };
      }
      log.warn(vscode.l10n.t('The language server stopped; restarting it in {0} ms (crash {1}).', decision.delayMs, decision.crashes));
      await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
