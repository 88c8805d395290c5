// The language server's behaviour, independent of the transport: documents, debounced validation,
// completion, hover, code actions and the `civicSchemas/detect` request. `node.ts` (and a future
// `browser.ts`) create the connection and the host-specific Workspace, then call `startServer`.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type CompletionList,
  type Connection,
  type Diagnostic,
  type Hover,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../core/actions';
import { analyze, prepare, type Analysis, type Prepared } from '../core/analyze';
import { complete } from '../core/complete';
import { hover } from '../core/hover';
import type { Finding, Workspace } from '../core/types';
import { rangesTouch, sameRange, SOURCE, toCodeAction, toCompletionItem, toDiagnostic, type CompletionSupport, type DiagnosticData } from './convert';

export const DETECT_REQUEST = 'civicSchemas/detect';

export interface DetectParams {
  uri: string;
}

export interface DetectResult {
  standardId: string;
  version: string;
  reason: string;
}

/** What differs between hosts (node, browser). */
export interface ServerHost {
  /** File access for rules, confined to the given workspace folder URIs; undefined = rules skip files. */
  createWorkspace?(folderUris: string[]): Workspace | undefined;
}

export interface ServerSettings {
  /** Publish diagnostics (completion and hover work either way). */
  validate: boolean;
  /** Delay after the last change before validating, in milliseconds. */
  debounceMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = { validate: true, debounceMs: 150 };

/** Settings from `initializationOptions` or from the `civicSchemas` configuration section. */
export function readSettings(raw: unknown, base: ServerSettings): ServerSettings {
  const out = { ...base };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const validate = (r.validate && typeof r.validate === 'object' ? (r.validate as Record<string, unknown>).enable : r.validate) ?? r['validate.enable'];
  if (typeof validate === 'boolean') out.validate = validate;
  const debounce = r.debounceMs;
  if (typeof debounce === 'number' && Number.isFinite(debounce)) out.debounceMs = Math.max(0, Math.min(5000, Math.round(debounce)));
  return out;
}

interface Cached<T> {
  version: number;
  value: T;
}

export function startServer(connection: Connection, host: ServerHost = {}): void {
  const documents = new TextDocuments(TextDocument);
  let settings: ServerSettings = { ...DEFAULT_SETTINGS };
  let workspace: Workspace | undefined;
  let folders: string[] = [];
  let completionSupport: CompletionSupport = { snippets: false, markdown: false, deprecatedTag: false, deprecatedFlag: false, insertAsIs: false };
  let hoverMarkdown = true;
  let documentChanges = false;
  let pullConfiguration = false;
  let dynamicConfiguration = false;
  let folderChanges = false;

  const analyses = new Map<string, Cached<Promise<Analysis>>>();
  const prepared = new Map<string, Cached<Prepared>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Uris whose last published diagnostics were non-empty (so an empty list must be sent to clear them). */
  const published = new Set<string>();

  const log = (message: string) => connection.console.log(`[${SOURCE}] ${message}`);
  const logError = (what: string, err: unknown) => {
    const detail = err instanceof Error ? err.stack ?? err.message : String(err);
    connection.console.error(`[${SOURCE}] ${what} failed: ${detail}`);
  };

  /** Wrap a handler: an exception is logged and answered with `fallback`; the server lives on. */
  function guard<P, R>(name: string, fallback: R, fn: (params: P, token?: CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      try {
        return await fn(params, token);
      } catch (err) {
        logError(name, err);
        return fallback;
      }
    };
  }

  function rebuildWorkspace(): void {
    try {
      const fileFolders = folders.filter((f) => /^file:/i.test(f));
      workspace = fileFolders.length && host.createWorkspace ? host.createWorkspace(fileFolders) : undefined;
    } catch (err) {
      workspace = undefined;
      logError('creating the workspace', err);
    }
  }

  function getPrepared(doc: TextDocument): Prepared {
    const hit = prepared.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.value;
    const value = prepare(doc.uri, doc.getText(), { languageId: doc.languageId });
    prepared.set(doc.uri, { version: doc.version, value });
    return value;
  }

  function getAnalysis(doc: TextDocument): Promise<Analysis> {
    const hit = analyses.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.value;
    const value = analyze(doc.uri, doc.getText(), { languageId: doc.languageId, workspace });
    analyses.set(doc.uri, { version: doc.version, value });
    // A failed analysis must not stay cached.
    value.catch(() => {
      if (analyses.get(doc.uri)?.value === value) analyses.delete(doc.uri);
    });
    return value;
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    let diagnostics: Diagnostic[] = [];
    let detected = false;
    if (settings.validate) {
      const analysis = await getAnalysis(doc);
      detected = analysis.detection !== undefined;
      diagnostics = analysis.findings.map(toDiagnostic);
    }
    // A newer version arrived while this one was being checked: its own validation will publish.
    const current = documents.get(uri);
    if (!current || current.version !== version) return;
    if (diagnostics.length === 0 && !detected && !published.has(uri)) return; // nothing to say about an unrelated file
    if (diagnostics.length > 0) published.add(uri);
    else published.delete(uri);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  }

  function schedule(uri: string, delay: number): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    const run = () => {
      timers.delete(uri);
      validate(uri).catch((err) => logError(`validating ${uri}`, err));
    };
    if (delay <= 0) {
      timers.delete(uri);
      // Still asynchronous, so that handlers return before the work starts.
      Promise.resolve().then(run);
    } else {
      timers.set(uri, setTimeout(run, delay));
    }
  }

  function revalidateAll(): void {
    analyses.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  async function pullSettings(): Promise<void> {
    if (!pullConfiguration) return;
    try {
      const section = await connection.workspace.getConfiguration('civicSchemas');
      settings = readSettings(section, settings);
    } catch (err) {
      logError('reading the civicSchemas settings', err);
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    const item = caps.textDocument?.completion?.completionItem;
    completionSupport = {
      snippets: item?.snippetSupport === true,
      markdown: item?.documentationFormat?.includes('markdown') ?? false,
      deprecatedTag: item?.tagSupport?.valueSet?.includes(1) ?? false,
      deprecatedFlag: item?.deprecatedSupport === true,
      insertAsIs: item?.insertTextModeSupport?.valueSet?.includes(1) ?? false,
    };
    hoverMarkdown = caps.textDocument?.hover?.contentFormat?.includes('markdown') ?? false;
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true;
    pullConfiguration = caps.workspace?.configuration === true;
    dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    folderChanges = caps.workspace?.workspaceFolders === true;
    settings = readSettings(params.initializationOptions, DEFAULT_SETTINGS);
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    rebuildWorkspace();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-', '"'], resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'civic-schemas' },
    };
  });

  connection.onInitialized(
    guard('initialized', undefined, async () => {
      if (dynamicConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'civicSchemas' });
      const before = settings.validate;
      await pullSettings();
      if (settings.validate !== before) revalidateAll();
      if (folderChanges) {
        try {
          connection.workspace.onDidChangeWorkspaceFolders(
            guard('workspace folders change', undefined, (e) => {
              const removed = new Set(e.removed.map((f) => f.uri));
              folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
              rebuildWorkspace();
              revalidateAll();
            }),
          );
        } catch {
          // The client cannot report folder changes; the initial folders stay.
        }
      }
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration change', undefined, async (params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined)?.civicSchemas;
      if (pushed !== undefined) settings = readSettings(pushed, settings);
      else await pullSettings();
      revalidateAll();
    }),
  );

  // TextDocuments fires onDidChangeContent for the opening text too: validate that one at once, later
  // changes after the debounce delay.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => justOpened.add(document.uri));
  documents.onDidChangeContent(({ document }) => {
    schedule(document.uri, justOpened.delete(document.uri) ? 0 : settings.debounceMs);
  });
  documents.onDidClose(({ document }) => {
    const pending = timers.get(document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(document.uri);
    justOpened.delete(document.uri);
    analyses.delete(document.uri);
    prepared.delete(document.uri);
    if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(
    guard<Parameters<Parameters<Connection['onCompletion']>[0]>[0], CompletionList | null>('completion', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const prep = getPrepared(doc);
      if (!prep.schema) return null;
      const trigger = params.context?.triggerKind === 2 ? params.context.triggerCharacter : undefined;
      const result = complete(
        { doc: prep.doc, schema: prep.schema, standard: prep.standard, detection: prep.detection },
        params.position,
        { snippets: completionSupport.snippets, triggerCharacter: trigger },
      );
      return { isIncomplete: result.isIncomplete, items: result.items.map((e) => toCompletionItem(e, completionSupport)) };
    }),
  );

  connection.onHover(
    guard<Parameters<Parameters<Connection['onHover']>[0]>[0], Hover | null>('hover', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const prep = getPrepared(doc);
      const result = hover({ doc: prep.doc, schema: prep.schema, standard: prep.standard, detection: prep.detection }, params.position);
      if (!result) return null;
      return { contents: { kind: hoverMarkdown ? 'markdown' : 'plaintext', value: result.markdown }, range: result.range };
    }),
  );

  connection.onCodeAction(
    guard<CodeActionParams, CodeAction[]>('code actions', [], async (params) => {
      const only = params.context.only;
      if (only && only.length && !only.some((k) => k === '' || k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`))) return [];
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const version = doc.version;
      const analysis = await getAnalysis(doc);
      if (documents.get(doc.uri)?.version !== version) return []; // the text moved on; the client will ask again
      const pairs: { finding: Finding; diagnostic: Diagnostic }[] = [];
      const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
      if (ours.length > 0) {
        for (const d of ours) {
          const data = d.data as Partial<DiagnosticData> | undefined;
          const finding =
            analysis.findings.find((f) => f.ruleId === d.code && sameRange(f.range, d.range)) ??
            analysis.findings.find((f) => f.ruleId === d.code && data?.pointer !== undefined && f.pointer === data.pointer);
          if (finding && !pairs.some((p) => p.finding === finding)) pairs.push({ finding, diagnostic: d });
        }
      } else {
        for (const f of analysis.findings) if (rangesTouch(f.range, params.range)) pairs.push({ finding: f, diagnostic: toDiagnostic(f) });
      }
      const actions = codeActions(analysis.doc, pairs.map((p) => p.finding));
      return actions.map((a) => toCodeAction(a, pairs.find((p) => p.finding === a.finding)!.diagnostic, doc.uri, version, documentChanges));
    }),
  );

  connection.onRequest(
    DETECT_REQUEST,
    guard<DetectParams, DetectResult | null>(DETECT_REQUEST, null, (params) => {
      const doc = params && typeof params.uri === 'string' ? documents.get(params.uri) : undefined;
      if (!doc) return null;
      const d = getPrepared(doc).detection;
      return d ? { standardId: d.standardId, version: d.version, reason: d.reason } : null;
    }),
  );

  documents.listen(connection);
  connection.listen();
  log('started');
}
