// The extension's commands, shared by the desktop (extension.ts) and web (browserExtension.ts) clients:
// "New … from the standard", "Show rule documentation", "Validate workspace", and the two the code lenses
// run (open the specification, apply the upgrade edits). The work is the server's (server/src/lsp/commands.ts);
// these only ask it and show the result.

import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { NEW_FILE_REQUEST, VALIDATE_FILES_REQUEST, type NewFileTemplateResult, type ValidateFilesResult } from '../../server/src/lsp/protocol';

const SOURCE = 'civic-schemas';
const DOCS_BASE = 'https://github.com/civic-schemas/civic-schemas/blob/main/docs/rules';
const RULE_ID = /^[a-z0-9-]+\/[a-z0-9-]+$/;
/** Files sent to the server per request, so that progress moves and cancellation is quick. */
const BATCH = 100;

interface ProtocolTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

export function registerCommands(context: vscode.ExtensionContext, getClient: () => BaseLanguageClient | undefined): void {
  const client = () => {
    const c = getClient();
    if (!c) throw new Error(vscode.l10n.t('The Civic Schemas language server is not running.'));
    return c;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('civicSchemas.newFile', (fileName?: string) => newFile(client(), fileName)),
    vscode.commands.registerCommand('civicSchemas.showRuleDocumentation', (ruleId?: string) => showRuleDocumentation(context, ruleId)),
    vscode.commands.registerCommand('civicSchemas.validateWorkspace', () => validateWorkspace(context, client())),
    vscode.commands.registerCommand('civicSchemas.openSpecification', (url: unknown) => {
      if (typeof url === 'string' && /^https:\/\//.test(url)) return vscode.env.openExternal(vscode.Uri.parse(url));
      return false;
    }),
    vscode.commands.registerCommand('civicSchemas.applyEdits', (uri: string, version: number, edits: ProtocolTextEdit[]) => applyEdits(client(), uri, version, edits)),
  );
}

/** Opens an untitled document named after the standard's file, with the skeleton inserted as a snippet. Returns its URI. */
async function newFile(client: BaseLanguageClient, fileName?: string): Promise<string | undefined> {
  if (!fileName) {
    const offer = await client.sendRequest<{ choices: { fileName: string; title: string }[] }>(NEW_FILE_REQUEST, {});
    const picked = await vscode.window.showQuickPick(
      offer.choices.map((c) => ({ label: c.fileName, description: c.title })),
      { title: vscode.l10n.t('New file from a civic-data standard'), placeHolder: vscode.l10n.t('Which file?') },
    );
    if (!picked) return undefined;
    fileName = picked.label;
  }
  const template = await client.sendRequest<NewFileTemplateResult | null>(NEW_FILE_REQUEST, { fileName });
  if (!template) throw new Error(vscode.l10n.t('There is no template for {0}.', fileName));
  // Untitled, with the standard's file name (so that it is detected at once) in the first workspace folder
  // when no file of that name is there yet; saving is the user's decision.
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  let uri = vscode.Uri.from({ scheme: 'untitled', path: template.fileName });
  if (folder) {
    const target = vscode.Uri.joinPath(folder, template.fileName);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (!exists) uri = target.with({ scheme: 'untitled' });
  }
  let doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== template.languageId) doc = await vscode.languages.setTextDocumentLanguage(doc, template.languageId);
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const whole = new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
  await editor.insertSnippet(new vscode.SnippetString(template.snippet), whole);
  return doc.uri.toString();
}

/** The rule's page from the extension's own docs/rules (offline), else from the repository on the web. */
async function showRuleDocumentation(context: vscode.ExtensionContext, ruleId?: string): Promise<string | undefined> {
  ruleId ??= await pickRule(context);
  if (!ruleId) return undefined;
  if (!RULE_ID.test(ruleId)) throw new Error(vscode.l10n.t('{0} is not a rule id.', ruleId));
  const page = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${ruleId}.md`);
  const local = await vscode.workspace.fs.stat(page).then(() => true, () => false);
  if (local) {
    await vscode.commands.executeCommand('markdown.showPreview', page);
    return page.toString();
  }
  const web = vscode.Uri.parse(`${DOCS_BASE}/${ruleId}.md`);
  await vscode.env.openExternal(web);
  return web.toString();
}

/** The rules of our diagnostics under the cursor, else of the active file, else every documented rule. */
async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const ours = editor ? vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === SOURCE) : [];
  const idOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' && d.code ? d.code.value : d.code);
  const atCursor = editor ? ours.filter((d) => d.range.contains(editor.selection.active)) : [];
  let ids = [...new Set((atCursor.length ? atCursor : ours).map(idOf))];
  if (ids.length === 1 && atCursor.length) return ids[0];
  if (ids.length === 0) ids = await documentedRules(context);
  return vscode.window.showQuickPick(ids.sort(), { title: vscode.l10n.t('Show the documentation of a Civic Schemas rule') });
}

async function documentedRules(context: vscode.ExtensionContext): Promise<string[]> {
  const root = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const ids: string[] = [];
  const areas = await vscode.workspace.fs.readDirectory(root).then((x) => x, () => [] as [string, vscode.FileType][]);
  for (const [area, type] of areas) {
    if (type !== vscode.FileType.Directory) continue;
    for (const [file] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, area))) if (file.endsWith('.md')) ids.push(`${area}/${file.slice(0, -3)}`);
  }
  return ids;
}

/**
 * Every metadata file of the workspace (found by the file names the extension activates on, as the CLI
 * finds them), checked by the server and shown in the Problems panel. Returns the server's summary.
 */
async function validateWorkspace(context: vscode.ExtensionContext, client: BaseLanguageClient): Promise<ValidateFilesResult> {
  const events: string[] = context.extension.packageJSON.activationEvents ?? [];
  const globs = events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length));
  const found = new Map<string, vscode.Uri>();
  for (const glob of globs) for (const uri of await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**')) found.set(uri.toString(), uri);
  const uris = [...found.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  const total: ValidateFilesResult = { files: 0, checked: 0, skipped: 0, errors: 0, warnings: 0, unreadable: [], cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Civic Schemas: validating {0} files', uris.length), cancellable: true },
    async (progress, token) => {
      for (let i = 0; i < uris.length && !token.isCancellationRequested; i += BATCH) {
        const batch = uris.slice(i, i + BATCH).map((u) => client.code2ProtocolConverter.asUri(u));
        const r = await client.sendRequest<ValidateFilesResult>(VALIDATE_FILES_REQUEST, { uris: batch }, token);
        total.files += r.files;
        total.checked += r.checked;
        total.skipped += r.skipped;
        total.errors += r.errors;
        total.warnings += r.warnings;
        total.unreadable.push(...r.unreadable);
        total.cancelled ||= r.cancelled;
        progress.report({ increment: (100 * batch.length) / uris.length });
      }
      total.cancelled ||= token.isCancellationRequested;
    },
  );
  const summary = vscode.l10n.t('Civic Schemas checked {0} files: {1} errors, {2} warnings.', total.checked, total.errors, total.warnings);
  const show = vscode.l10n.t('Show Problems');
  void vscode.window.showInformationMessage(total.cancelled ? `${summary} ${vscode.l10n.t('(cancelled)')}` : summary, show).then((choice) => {
    if (choice === show) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return total;
}

/** The code lens's "Upgrade to …": the server's edits, applied only to the version they were made for. */
async function applyEdits(client: BaseLanguageClient, uriText: string, version: number, edits: ProtocolTextEdit[]): Promise<boolean> {
  const uri = client.protocol2CodeConverter.asUri(uriText);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!doc || doc.version !== version) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The file changed since the upgrade was computed; use the code lens again.'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
  return vscode.workspace.applyEdit(edit);
}
