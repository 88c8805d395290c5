// The language server's behaviour, independent of the transport: documents, debounced validation,
// completion, hover, code actions and the `civicSchemas/detect` request. `node.ts` (and a future
// `browser.ts`) create the connection and the host-specific Workspace, then call `startServer`.

import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ResponseError,
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
  type Range,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from '../core/actions';
import { registerCommands, ruleDocumentationActions } from './commands';
import { analyze, prepare, prepareDocument, type Analysis, type Prepared } from '../core/analyze';
import { ChunkedDocument } from '../core/chunked';
import { complete } from '../core/complete';
import { currentLocale, useLocale } from '../core/l10n';
import { hover } from '../core/hover';
import { documentSymbols, type OutlineSymbol } from '../core/symbols';
import type { Finding, Workspace } from '../core/types';
import { STANDARDS } from '../core/standards';
import { completionWindow, hoverView } from '../core/window';
import { exceedsSizeLimit, limitsFromSettings, resolveLimits, type AnalysisLimits } from '../core/limits';
import { createTextDocument, lazyText, updateTextDocument } from './bigText';
import { BIG_DOCUMENT_CHARS, BigDocuments, type AnalysisWorkerPort, type BigResult, type OffsetChange } from './scheduler';
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
  /** Pass folders of every URI scheme to createWorkspace (the browser host); default: `file:` only. */
  anyScheme?: boolean;
  /** A worker for big documents' analysis (scheduler.ts); without one it runs on the main loop. */
  createAnalysisWorker?(onError: (message: string) => void): AnalysisWorkerPort | undefined;
}

export interface ServerSettings {
  /** Publish diagnostics (completion and hover work either way). */
  validate: boolean;
  /**
   * Delay after the last change before validating, in milliseconds, for documents whose last check took
   * longer than CHEAP_CHECK_MS; cheaper ones are checked at once (the next turn of the event loop).
   * Big documents are checked incrementally off the main loop, stale work dropped: no delay either.
   */
  debounceMs: number;
  /** `civicSchemas.limits` (limits.ts): size, findings and time limits. */
  limits: Partial<AnalysisLimits>;
  /** `civicSchemas.network`: may remote schemas be fetched? Off: nothing leaves the machine. */
  network: boolean;
  /** Per-standard settings by standard id (`civicSchemas.dcat-us.profile`, `civicSchemas.civic-json.dialect`). */
  standards: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const DEFAULT_SETTINGS: ServerSettings = { validate: true, debounceMs: 150, limits: limitsFromSettings(undefined), network: false, standards: {} };

/** A check that took less than this (ms) is not worth delaying… */
export const CHEAP_CHECK_MS = 100;
/** …beyond this much, which folds a burst of changes into one check. */
export const COALESCE_MS = 4;

/** Settings from `initializationOptions` or from the `civicSchemas` configuration section. */
export function readSettings(raw: unknown, base: ServerSettings): ServerSettings {
  const out = { ...base };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const validate = (r.validate && typeof r.validate === 'object' ? (r.validate as Record<string, unknown>).enable : r.validate) ?? r['validate.enable'];
  if (typeof validate === 'boolean') out.validate = validate;
  const debounce = r.debounceMs;
  if (typeof debounce === 'number' && Number.isFinite(debounce)) out.debounceMs = Math.max(0, Math.min(5000, Math.round(debounce)));
  if (r.limits && typeof r.limits === 'object') out.limits = limitsFromSettings(r.limits);
  if (typeof r.network === 'boolean') out.network = r.network;
  const standards = perStandardSettings(r);
  if (standards) out.standards = standards;
  return out;
}

/**
 * `{ 'dcat-us': { profile } }` as VS Code sends the section, or flat `'dcat-us.profile'` keys (as in
 * initializationOptions); only for registered standards. Undefined when the section names none.
 */
function perStandardSettings(r: Record<string, unknown>): Record<string, Record<string, unknown>> | undefined {
  const out: Record<string, Record<string, unknown>> = {};
  let named = false;
  for (const { id } of STANDARDS) {
    const nested = r[id] && typeof r[id] === 'object' ? (r[id] as Record<string, unknown>) : {};
    const flat = Object.fromEntries(Object.entries(r).filter(([k]) => k.startsWith(`${id}.`)).map(([k, v]) => [k.slice(id.length + 1), v]));
    if (id in r || Object.keys(flat).length > 0) named = true;
    out[id] = { ...nested, ...flat };
  }
  return named ? out : undefined;
}

interface Cached<T> {
  version: number;
  value: T;
}

export function startServer(connection: Connection, host: ServerHost = {}): void {
  /** The last change of each document in offsets of its previous text (undefined: several or whole). */
  const lastChange = new Map<string, OffsetChange | undefined>();
  const documents = new TextDocuments<TextDocument>({
    // Big documents: an edit updates the line table only (bigText.ts).
    create: createTextDocument,
    update(doc, changes, version) {
      const only = changes.length === 1 ? changes[0] : undefined;
      const ranged = only && 'range' in only ? (only as { range: Range; text: string }) : undefined;
      lastChange.set(doc.uri, ranged ? { start: doc.offsetAt(ranged.range.start), end: doc.offsetAt(ranged.range.end), text: ranged.text } : undefined);
      return updateTextDocument(doc, changes, version);
    },
  });
  const big = new BigDocuments(
    host.createAnalysisWorker?.((message) => connection.console.error(`[${SOURCE}] ${message}`)),
    (uri, result) => publishBig(uri, result),
    (message) => connection.console.error(`[${SOURCE}] ${message}`),
    (message) => connection.console.log(`[${SOURCE}] ${message}`),
  );
  /** Small documents whose first check is still to come: it may prime the worker (scheduler.ts `prime`). */
  const firstChecks = new Set<string>();
  /** How long the last check of each (small) document took, to choose its delay. */
  const lastCheckMs = new Map<string, number>();
  let settings: ServerSettings = { ...DEFAULT_SETTINGS };
  let workspace: Workspace | undefined;
  let folders: string[] = [];
  let completionSupport: CompletionSupport = { snippets: false, markdown: false, deprecatedTag: false, deprecatedFlag: false, insertAsIs: false };
  let hoverMarkdown = true;
  let documentChanges = false;
  let pullConfiguration = false;
  let dynamicConfiguration = false;
  let folderChanges = false;
  /** False in Restricted Mode (the client's `workspaceTrusted`): no workspace-supplied schema is loaded. */
  let workspaceTrusted = true;
  /** TEST ONLY (`initializationOptions.civicSchemasTestOnly.failIn`): handlers made to throw, to prove containment. */
  let testOnlyFailIn = new Set<string>();
  /** TEST ONLY (`civicSchemasTestOnly.delayMs`): requests wait this long (or until cancelled) first. */
  let testOnlyDelayMs = 0;
  const analysisOptions = () => ({ limits: settings.limits, trust: { workspaceTrusted, network: settings.network }, settings: settings.standards, locale: currentLocale() });

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

  /**
   * Wrap a handler: an exception is logged and answered with `fallback`; the server lives on. A request
   * cancelled by the client is answered with RequestCancelled, without waiting for (or sending) a result.
   */
  function guard<P, R>(name: string, fallback: R, fn: (params: P, token?: CancellationToken) => R | Promise<R>) {
    return async (params: P, token?: CancellationToken): Promise<R> => {
      const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, `${name} was cancelled`);
      if (token?.isCancellationRequested) throw cancelled();
      let result: R;
      try {
        if (testOnlyFailIn.has(name)) throw new Error(`test-only failure injected into ${name}`);
        if (testOnlyDelayMs > 0 && token) await cancellableDelay(testOnlyDelayMs, token);
        result = await fn(params, token);
      } catch (err) {
        if (token?.isCancellationRequested) throw cancelled();
        logError(name, err);
        return fallback;
      }
      if (token?.isCancellationRequested) throw cancelled();
      return result;
    };
  }

  /** TEST ONLY: keep a request busy, so that tests can cancel it while it runs. */
  function cancellableDelay(ms: number, token: CancellationToken): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      token.onCancellationRequested(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  function rebuildWorkspace(): void {
    try {
      const fileFolders = folders.filter((f) => host.anyScheme || /^file:/i.test(f));
      workspace = fileFolders.length && host.createWorkspace ? host.createWorkspace(fileFolders) : undefined;
      // Restricted Mode: the big-document worker gets no workspace (it cannot be told about trust).
      big.setRoots(workspace && workspaceTrusted ? fileFolders : [], workspaceTrusted ? workspace : undefined);
    } catch (err) {
      workspace = undefined;
      logError('creating the workspace', err);
    }
  }

  function getPrepared(doc: TextDocument): Prepared {
    const hit = prepared.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.value;
    const incremental = big.document(doc.uri, lazyText(doc));
    const value = incremental ? prepareDocument(incremental, { languageId: doc.languageId, ...analysisOptions() }) : prepare(doc.uri, doc.getText(), { languageId: doc.languageId, ...analysisOptions() });
    prepared.set(doc.uri, { version: doc.version, value });
    return value;
  }

  function getAnalysis(doc: TextDocument): Promise<Analysis> {
    const hit = analyses.get(doc.uri);
    if (hit && hit.version === doc.version) return hit.value;
    const value = big.has(doc.uri) ? bigAnalysis(doc) : analyze(doc.uri, doc.getText(), { languageId: doc.languageId, workspace, ...analysisOptions() });
    analyses.set(doc.uri, { version: doc.version, value });
    // A failed analysis must not stay cached.
    value.catch(() => {
      if (analyses.get(doc.uri)?.value === value) analyses.delete(doc.uri);
    });
    return value;
  }

  /** A big document's analysis of `doc.version`, from the worker (or the main loop when there is none). */
  async function bigAnalysis(doc: TextDocument): Promise<Analysis> {
    const version = doc.version;
    if (big.inProcess) await big.analyzeHere(doc.uri, doc.getText(), () => documents.get(doc.uri)?.version === version);
    const result = await big.result(doc.uri, version);
    if (!result) throw new Error(`${doc.uri} changed or closed before its analysis finished`);
    const prep = getPrepared(doc);
    return { doc: prep.doc, detection: prep.detection, findings: result.findings };
  }

  function publishBig(uri: string, result: BigResult): void {
    const doc = documents.get(uri);
    if (!doc || doc.version !== result.version || !settings.validate) return;
    // Converted by the scheduler, run by run (only the runs an edit changed are new).
    const diagnostics = result.diagnostics;
    if (diagnostics.length === 0 && !result.detected && !published.has(uri)) return;
    if (diagnostics.length > 0) published.add(uri);
    else published.delete(uri);
    void connection.sendDiagnostics({ uri, version: result.version, diagnostics });
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    let diagnostics: Diagnostic[] = [];
    let detected = false;
    if (big.has(uri)) {
      // Published by the worker's answer (publishBig); without a worker, analysed here first.
      if (!settings.validate) {
        if (published.delete(uri)) await connection.sendDiagnostics({ uri, version, diagnostics: [] });
        return;
      }
      if (big.inProcess) await big.analyzeHere(uri, doc.getText(), () => documents.get(uri)?.version === version);
      return;
    }
    if (settings.validate) {
      const started = Date.now();
      const analysis = await getAnalysis(doc);
      lastCheckMs.set(uri, Date.now() - started);
      detected = analysis.detection !== undefined;
      diagnostics = analysis.findings.map(toDiagnostic);
      if (firstChecks.delete(uri) && analysis.detection) big.prime(analysis.detection.standardId, uri, doc.languageId, doc.getText());
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
    big.setOptions(analysisOptions());
    analyses.clear();
    prepared.clear(); // detection and schema choice depend on settings too (dcat-us profile, civic-json dialect)
    for (const doc of documents.all()) {
      if (big.has(doc.uri) && settings.validate) big.refresh(doc.uri, doc.getText());
      schedule(doc.uri, 0);
    }
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
    useLocale(params.locale); // messages in the editor's display language (es, fr; else English), the worker's too
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
    const init = (params.initializationOptions ?? {}) as { workspaceTrusted?: unknown; civicSchemasTestOnly?: { failIn?: unknown } };
    workspaceTrusted = init.workspaceTrusted !== false;
    const failIn = init.civicSchemasTestOnly?.failIn;
    testOnlyFailIn = new Set(Array.isArray(failIn) ? failIn.filter((x): x is string => typeof x === 'string') : []);
    const delay = (init.civicSchemasTestOnly as { delayMs?: unknown } | undefined)?.delayMs;
    testOnlyDelayMs = typeof delay === 'number' && delay > 0 ? Math.min(delay, 60_000) : 0;
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    rebuildWorkspace();
    big.setOptions(analysisOptions());
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '-', '"'], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
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

  // TextDocuments fires onDidChangeContent for the opening text too: validate that one at once; later
  // changes at once too when the last check was cheap, else after the debounce delay. Big documents go to
  // the incremental analysis off the main loop (scheduler.ts), which drops stale versions itself.
  const justOpened = new Set<string>();
  documents.onDidOpen(({ document }) => justOpened.add(document.uri));
  documents.onDidChangeContent(({ document }) => {
    const opening = justOpened.delete(document.uri);
    const change = lastChange.get(document.uri);
    lastChange.delete(document.uri);
    const uri = document.uri;
    if (big.has(uri)) big.change(uri, document.version, opening ? undefined : change, lazyText(document));
    else if (document.getText().length >= BIG_DOCUMENT_CHARS && !exceedsSizeLimit(uri, document.getText(), document.languageId, resolveLimits(settings.limits))) big.open(uri, document.languageId, document.version, document.getText());
    if (big.has(uri)) {
      if (big.inProcess || !settings.validate) schedule(uri, 0);
      // The line table, built while the worker reads the document, rather than on the first keystroke.
      else if (opening) setTimeout(() => documents.get(uri) === document && document.lineCount, 0);
      return;
    }
    if (opening) firstChecks.add(uri);
    // A cheap document waits only long enough to fold a burst of changes (typing, an edit in several
    // notifications) into one check.
    schedule(uri, opening ? 0 : (lastCheckMs.get(uri) ?? 0) < CHEAP_CHECK_MS ? Math.min(settings.debounceMs, COALESCE_MS) : settings.debounceMs);
  });
  documents.onDidClose(({ document }) => {
    const pending = timers.get(document.uri);
    if (pending) clearTimeout(pending);
    timers.delete(document.uri);
    justOpened.delete(document.uri);
    firstChecks.delete(document.uri);
    analyses.delete(document.uri);
    prepared.delete(document.uri);
    lastChange.delete(document.uri);
    lastCheckMs.delete(document.uri);
    big.close(document.uri);
    if (published.delete(document.uri)) void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    commands.onClosed(document.uri);
  });

  connection.onCompletion(
    guard<Parameters<Parameters<Connection['onCompletion']>[0]>[0], CompletionList | null>('completion', null, (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const prep = getPrepared(doc);
      if (!prep.schema) return null;
      const trigger = params.context?.triggerKind === 2 ? params.context.triggerCharacter : undefined;
      // A big document: only the item under the cursor (window.ts).
      const target = prep.doc instanceof ChunkedDocument ? completionWindow(prep.doc, params.position) : prep.doc;
      const result = complete(
        { doc: target, schema: prep.schema, standard: prep.standard, detection: prep.detection },
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
      const target = prep.doc instanceof ChunkedDocument ? hoverView(prep.doc, params.position) : prep.doc;
      const result = hover({ doc: target, schema: prep.schema, standard: prep.standard, detection: prep.detection }, params.position);
      if (!result) return null;
      return { contents: { kind: hoverMarkdown ? 'markdown' : 'plaintext', value: result.markdown }, range: result.range };
    }),
  );

  connection.onDocumentSymbol(
    guard<{ textDocument: { uri: string } }, OutlineSymbol[]>('document symbols', [], (params) => {
      const doc = documents.get(params.textDocument.uri);
      return doc ? documentSymbols(getPrepared(doc).doc) : [];
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
      const actions = codeActions(analysis.doc, pairs.map((p) => p.finding), { allFindings: analysis.findings, schema: getPrepared(doc).schema });
      const fixes = actions.map((a) => toCodeAction(a, pairs.find((p) => p.finding === a.finding)!.diagnostic, doc.uri, version, documentChanges));
      return [...fixes, ...ruleDocumentationActions(pairs.map((p) => p.diagnostic))];
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

  const commands = registerCommands(connection, {
    openDocument: (uri) => documents.get(uri),
    prepared: (uri) => {
      const doc = documents.get(uri);
      return doc ? getPrepared(doc) : undefined;
    },
    analysis: (uri) => {
      const doc = documents.get(uri);
      return doc ? getAnalysis(doc) : undefined;
    },
    standardSettings: (id) => settings.standards[id] ?? {},
    workspace: () => workspace,
    validating: () => settings.validate,
    analyzeText: (uri, text, languageId, readFiles = true) => analyze(uri, text, { languageId, workspace: readFiles ? workspace : undefined, ...analysisOptions() }),
    publish: (uri, diagnostics) => {
      if (diagnostics.length > 0) published.add(uri);
      else published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    },
  });

  documents.listen(connection);
  connection.listen();
  log('started');
}
