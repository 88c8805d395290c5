// The status bar item that names the standard (and version) applying to the active editor, with the
// reason in its tooltip. Shared by the desktop (extension.ts) and web (browserExtension.ts) clients.

import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';

export const DETECT_REQUEST = 'civicSchemas/detect';

interface DetectResult {
  standardId: string;
  version: string;
  reason: string;
}

export interface StatusOptions {
  languages: readonly string[];
  schemes: readonly string[];
}

/** Creates the item, keeps it in step with the active editor and the client; returns a refresh. */
export function registerStatusItem(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient | undefined, options: StatusOptions): () => Promise<void> {
  const status = vscode.window.createStatusBarItem('civicSchemas.standard', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Civic Schemas: detected standard';
  status.command = 'civicSchemas.showOutput';

  let requestSeq = 0;
  const refresh = async () => {
    const seq = ++requestSeq;
    const client = getClient();
    const doc = vscode.window.activeTextEditor?.document;
    if (!client || !doc || !options.languages.includes(doc.languageId) || !options.schemes.includes(doc.uri.scheme) || client.state !== State.Running) {
      status.hide();
      return;
    }
    let result: DetectResult | null = null;
    try {
      result = await client.sendRequest<DetectResult | null>(DETECT_REQUEST, { uri: client.code2ProtocolConverter.asUri(doc.uri) });
    } catch {
      result = null;
    }
    if (seq !== requestSeq) return; // a newer refresh is under way
    if (!result) {
      status.hide();
      return;
    }
    status.text = `$(checklist) ${result.standardId} ${result.version}`;
    status.tooltip = `Civic Schemas: ${result.standardId} ${result.version}\nDetected by ${result.reason}`;
    status.show();
  };

  let pending: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    if (pending) clearTimeout(pending);
    pending = setTimeout(() => void refresh(), 250);
  };
  const client = getClient();
  context.subscriptions.push(
    status,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) refreshSoon();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d === vscode.window.activeTextEditor?.document) refreshSoon();
    }),
    ...(client
      ? [
          client.onDidChangeState((e) => {
            if (e.newState === State.Running) refreshSoon();
            else status.hide();
          }),
        ]
      : []),
    { dispose: () => pending && clearTimeout(pending) },
  );
  return refresh;
}
