// Editor features beyond the per-document providers: the code lenses (codeLens.ts), "Show documentation
// for <rule>" code actions, the `civicSchemas/newFile` request behind the "New … from the standard"
// command, and `civicSchemas/validateFiles`, which checks files that are not open (the "Validate
// workspace" command: the client finds the files, the server reads, checks and publishes them).
// server.ts wires these in with a few lines; nothing here knows the transport.

import { CodeActionKind, type CancellationToken, type CodeAction, type CodeLens, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { Analysis, Prepared } from '../core/analyze';
import { ChunkedDocument } from '../core/chunked';
import { detectionLenses, upgradeToLatest, type Upgrade } from '../core/codeLens';
import * as l10n from '../core/l10n'; // @vscode/l10n: npm run l10n:export
import { newFileTemplate, NEW_FILE_CHOICES } from '../core/newFile';
import type { StandardSettings } from '../core/standard';
import type { Workspace } from '../core/types';
import { SOURCE, toDiagnostic } from './convert';
import { NEW_FILE_REQUEST, VALIDATE_FILES_REQUEST, type NewFileParams, type NewFileResult, type ValidateFilesParams, type ValidateFilesResult } from './protocol';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'civicSchemas.showRuleDocumentation';

/** What the server lends these features. */
export interface CommandsHost {
  openDocument(uri: string): { version: number } | undefined;
  prepared(uri: string): Prepared | undefined;
  analysis(uri: string): Promise<Analysis> | undefined;
  /** Per-standard settings (the lens names the profile). */
  standardSettings(standardId: string): StandardSettings;
  workspace(): Workspace | undefined;
  validating(): boolean;
  /** Check a file's text from disk (not an open document) with the server's options. */
  /** `readFiles: false`: without the workspace (the upgrade's rounds need no logo or data file read). */
  analyzeText(uri: string, text: string, languageId: string, readFiles?: boolean): Promise<Analysis>;
  /** Publish (and remember whether non-empty, so that a later empty list clears them). */
  publish(uri: string, diagnostics: Diagnostic[]): void;
}

const LANGUAGE_BY_EXTENSION: [RegExp, string][] = [
  [/\.json$/i, 'json'],
  [/\.ya?ml$/i, 'yaml'],
];

/** Above this size, the upgrade lens is not offered (the code action "upgrade this file" still is). */
const MAX_UPGRADE_CHARS = 1_000_000;

/**
 * Lets other tasks (completion, hover) run between files: setImmediate in Node (setTimeout's 1 ms floor
 * would add 5 s to 5,000 files), setTimeout in a web worker.
 */
const yieldToLoop: () => Promise<void> =
  typeof setImmediate === 'function' ? () => new Promise((resolve) => setImmediate(resolve)) : () => new Promise((resolve) => setTimeout(resolve, 0));

export function registerCommands(connection: Connection, host: CommandsHost): { onClosed(uri: string): void } {
  /** Files checked from disk: when one is closed in the editor, its on-disk diagnostics come back. */
  const fromDisk = new Set<string>();
  /**
   * The upgrade of each open document, keyed by the server's analysis of it (a new version or new
   * settings make a new one): the rounds of re-analysis run once per analysis, not per lens request.
   */
  const upgrades = new Map<string, { of: Promise<Analysis>; upgrade: Promise<Upgrade | undefined> }>();

  async function upgradeOf(pending: Promise<Analysis>): Promise<Upgrade | undefined> {
    const analysis = await pending;
    // Re-analysing the upgraded text, round after round, is for files of a reasonable size only; a big
    // document's length is known without putting its text together.
    const doc = analysis.doc;
    const size = doc instanceof ChunkedDocument ? doc.textLength : doc.text.length;
    if (size > MAX_UPGRADE_CHARS) return undefined;
    return upgradeToLatest(doc, analysis.findings, (text) => host.analyzeText(doc.uri, text, doc.format, false));
  }

  connection.onCodeLens(async (params): Promise<CodeLens[]> => {
    const uri = params.textDocument.uri;
    const open = host.openDocument(uri);
    const prep = host.prepared(uri);
    if (!open || !prep?.detection) return [];
    const analysis = host.analysis(uri);
    let cached = upgrades.get(uri);
    if (analysis && cached?.of !== analysis) {
      // A failed upgrade leaves the lens naming the standard.
      cached = { of: analysis, upgrade: upgradeOf(analysis).catch(() => undefined) };
      upgrades.set(uri, cached);
    }
    const upgrade = await cached?.upgrade;
    if (host.openDocument(uri)?.version !== open.version) return [];
    const settings = host.standardSettings(prep.detection.standardId);
    return detectionLenses(prep, upgrade, settings, uri, open.version).map((l) => ({
      range: l.range,
      command: { title: l.title, command: l.command, arguments: l.arguments },
    }));
  });

  connection.onRequest<NewFileResult, void>(NEW_FILE_REQUEST, (params: NewFileParams): NewFileResult => {
    if (!params || typeof params.fileName !== 'string') return { choices: NEW_FILE_CHOICES.map((c) => ({ fileName: c.fileName, title: newFileTemplate(c.fileName)?.title ?? c.fileName })) };
    return newFileTemplate(params.fileName) ?? null;
  });

  async function checkFromDisk(uri: string, result: ValidateFilesResult): Promise<void> {
    const languageId = LANGUAGE_BY_EXTENSION.find(([re]) => re.test(uri))?.[1];
    const ws = host.workspace();
    if (host.openDocument(uri)) {
      // Open in an editor: its live diagnostics stand (the editor's text, not the file's); counted as they are.
      const live = await host.analysis(uri);
      if (live?.detection) count(live, result);
      else result.skipped++;
      return;
    }
    if (!languageId || !ws) {
      result.skipped++;
      return;
    }
    let bytes: Uint8Array | undefined;
    try {
      bytes = await ws.readFile(uri);
    } catch (err) {
      bytes = undefined;
      result.unreadable.push({ uri, reason: String((err as Error)?.message ?? err) });
    }
    if (!bytes) {
      result.skipped++;
      return;
    }
    const analysis = await host.analyzeText(uri, new TextDecoder('utf-8').decode(bytes), languageId);
    if (!analysis.detection) {
      result.skipped++;
      return;
    }
    count(analysis, result);
    fromDisk.add(uri);
    if (!host.openDocument(uri)) host.publish(uri, host.validating() ? analysis.findings.map(toDiagnostic) : []);
  }

  connection.onRequest(VALIDATE_FILES_REQUEST, async (params: ValidateFilesParams, token: CancellationToken): Promise<ValidateFilesResult> => {
    const uris = Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string') : [];
    const result: ValidateFilesResult = { files: uris.length, checked: 0, skipped: 0, errors: 0, warnings: 0, unreadable: [], cancelled: false };
    for (const uri of uris) {
      if (token.isCancellationRequested) {
        result.cancelled = true;
        break;
      }
      try {
        await checkFromDisk(uri, result);
      } catch (err) {
        result.unreadable.push({ uri, reason: String((err as Error)?.message ?? err) });
      }
      await yieldToLoop();
    }
    return result;
  });

  return {
    onClosed(uri: string) {
      upgrades.delete(uri);
      if (!fromDisk.has(uri)) return;
      const result: ValidateFilesResult = { files: 1, checked: 0, skipped: 0, errors: 0, warnings: 0, unreadable: [], cancelled: false };
      // After the editor's own clean-up of the closed document's diagnostics.
      void yieldToLoop().then(() => checkFromDisk(uri, result)).catch(() => undefined);
    },
  };
}

function count(analysis: Analysis, result: ValidateFilesResult): void {
  result.checked++;
  for (const f of analysis.findings) {
    if (f.severity === 'error') result.errors++;
    else if (f.severity === 'warning') result.warnings++;
  }
}

/** "Show documentation for <rule id>", once per rule among the diagnostics the client sent. */
export function ruleDocumentationActions(diagnostics: readonly Diagnostic[]): CodeAction[] {
  const ids = [...new Set(diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string').map((d) => d.code as string))];
  return ids.map((id) => ({
    title: l10n.t('Show documentation for {0}', id),
    kind: CodeActionKind.QuickFix,
    diagnostics: diagnostics.filter((d) => d.code === id),
    command: { title: l10n.t('Show documentation for {0}', id), command: SHOW_RULE_DOCUMENTATION_COMMAND, arguments: [id] },
  }));
}
