// Big documents in the language server: their analysis runs off the main loop (a worker thread, when the
// host provides one), so completion and hover never wait behind it, and stale work is dropped as soon as
// a newer version arrives. The main loop keeps its own incremental session of each big document for
// completion, hover and code actions (an edit costs it the edited item only).
//
// Browser-safe: no Node built-ins here; the Node host passes the worker (host/workerPool.ts).

import { ChunkedDocument, FAST_PATH_MIN_CHARS } from '../core/chunked';
import type { ParsedDocument } from '../core/document';
import { Cancelled, DocumentSession, IncrementalAnalyzer } from '../core/incremental';
import type { AnalyzeOptions } from '../core/analyze';
import type { Finding, Workspace } from '../core/types';
import type { Diagnostic } from 'vscode-languageserver';
import { toDiagnostic } from './convert';

export type AnalysisRequest =
  | { type: 'open'; uri: string; slot: number; session: number; languageId?: string; version: number; text: string }
  | { type: 'change'; uri: string; version: number; start: number; end: number; text: string }
  | { type: 'replace'; uri: string; version: number; text: string }
  | { type: 'close'; uri: string }
  | { type: 'roots'; roots: string[] }
  | { type: 'options'; options: WorkerAnalysisOptions }
  | { type: 'prime'; key: string; uri: string; languageId?: string; text: string };

/** What the analysis needs from the server's settings (plain data: it crosses to the worker). */
export type WorkerAnalysisOptions = Pick<AnalyzeOptions, 'limits' | 'trust' | 'settings'> & {
  /** The server's message language (core/l10n.ts), for the worker thread's findings. */
  locale?: string;
};

export type AnalysisResponse =
  | { type: 'result'; uri: string; session: number; version: number; chunks: ResultChunk[]; detected: boolean; ms: number; fast: boolean }
  | { type: 'failed'; uri: string; version: number; message: string }
  /** A `prime` done: `chunked` false when the document was not one the big-document path splits, or its check failed. */
  | { type: 'primed'; key: string; chunked: boolean; rounds: number; ms: number };

/**
 * The findings of a result come in runs (one per item of a big document, incremental.ts): a run the main
 * loop already holds (from an earlier result of the same session) is sent as its id alone, so an edit
 * ships only the runs that changed, and the main loop converts only those to diagnostics.
 */
export type ResultChunk = number | { id: number; findings: Finding[] };

/** The worker as the scheduler sees it. */
export interface AnalysisWorkerPort {
  post(message: AnalysisRequest): void;
  onMessage(handler: (message: AnalysisResponse) => void): void;
  /** The shared version table: slot → latest version (the worker drops work for older ones). */
  setVersion(slot: number, version: number): void;
  terminate(): void;
}

/** A text change in offsets of the previous text (undefined: unknown, send the whole text). */
export interface OffsetChange {
  start: number;
  end: number;
  text: string;
}

export interface BigResult {
  version: number;
  findings: Finding[];
  detected: boolean;
  ms: number;
  /** The findings as LSP diagnostics (runs that did not change keep their converted diagnostics). */
  diagnostics: Diagnostic[];
}

/** Diagnostics of a run of findings, converted once per run. */
const converted = new WeakMap<Finding[], Diagnostic[]>();

/**
 * On a big document's diagnostics array: the runs it is made of, in order (each the same array object
 * while its findings do not change). The Node host's message writer (host/diagnosticsWriter.ts) keeps
 * each run's JSON, so that publishing after an edit serializes only the runs that changed.
 */
export const DIAGNOSTIC_RUNS = Symbol('civic-schemas.diagnosticRuns');

function diagnosticsOf(runs: readonly Finding[][]): { findings: Finding[]; diagnostics: Diagnostic[] } {
  let n = 0;
  for (const r of runs) n += r.length;
  const findings: Finding[] = new Array(n);
  const diagnostics: Diagnostic[] = new Array(n);
  const diagnosticRuns: Diagnostic[][] = [];
  let i = 0;
  for (const run of runs) {
    let d = converted.get(run);
    if (!d) converted.set(run, (d = run.map(toDiagnostic)));
    diagnosticRuns.push(d);
    for (let j = 0; j < run.length; j++, i++) {
      findings[i] = run[j];
      diagnostics[i] = d[j];
    }
  }
  Object.defineProperty(diagnostics, DIAGNOSTIC_RUNS, { value: diagnosticRuns });
  return { findings, diagnostics };
}

const SLOTS = 4096;

/** Documents from this length are "big": analysed off the main loop, edited incrementally. */
export const BIG_DOCUMENT_CHARS = FAST_PATH_MIN_CHARS;

/** Documents up to this size are sent to prime the worker (`BigDocuments.prime`); a bigger one costs it too long. */
const PRIME_MAX_CHARS = 64 * 1024;

/** The main loop applies edits to its parse this long after the findings of the last one are out (or when a request needs it). */
const CATCH_UP_AFTER_MS = 25;

interface Tracked {
  slot: number;
  /** Tells this opening's results from those of an earlier one of the same uri. */
  session: number;
  /** The runs of findings of the last result, by id (ResultChunk). */
  runs: Map<number, Finding[]>;
  languageId?: string;
  version: number;
  /** For the main-loop session: edits not yet applied to it, in order (unless it must read the whole text). */
  changes: OffsetChange[];
  replaced: boolean;
  /** A pending catch-up of the main-loop session with `changes`. */
  catchUp?: ReturnType<typeof setTimeout>;
  /** The current text, or how to get it, for the catch-up. */
  text?: string | (() => string);
  doc: DocumentSession;
  /** In-process analysis when there is no worker. */
  analyzer?: IncrementalAnalyzer;
  last?: BigResult;
  waiters: ((r: BigResult | undefined) => void)[];
}

export class BigDocuments {
  private readonly docs = new Map<string, Tracked>();
  private readonly freeSlots: number[] = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  private workspace?: Workspace;
  private options: WorkerAnalysisOptions = {};
  private sessions = 0;
  /** Standards and languages the worker is primed for (`prime`), or being primed for. */
  private readonly primed = new Set<string>();

  constructor(
    private readonly port: AnalysisWorkerPort | undefined,
    private readonly publish: (uri: string, result: BigResult) => void,
    private readonly log: (message: string) => void,
    private readonly note: (message: string) => void = () => undefined,
  ) {
    port?.onMessage((m) => {
      if (m.type === 'primed') {
        if (m.chunked) this.note(`the analysis worker checked a small document ${m.rounds === 1 ? 'once' : `${m.rounds} times`} to be ready for big ones (${m.key}): ${Math.round(m.ms)} ms`);
        else this.primed.delete(m.key); // another document of this kind may do
        return;
      }
      const d = this.docs.get(m.uri);
      if (!d) return;
      if (m.type === 'failed') {
        this.log(`analysing ${m.uri} (version ${m.version}) failed in the worker: ${m.message}`);
        return;
      }
      if (m.session !== d.session) return;
      const runs = new Map<number, Finding[]>();
      const list: Finding[][] = [];
      for (const c of m.chunks) {
        const run = typeof c === 'number' ? d.runs.get(c) : c.findings;
        if (!run) {
          this.log(`analysing ${m.uri} (version ${m.version}): the worker named findings the server does not hold`);
          return;
        }
        runs.set(typeof c === 'number' ? c : c.id, run);
        list.push(run);
      }
      d.runs = runs;
      this.deliver(m.uri, d, { version: m.version, detected: m.detected, ms: m.ms, ...diagnosticsOf(list) });
    });
  }

  has(uri: string): boolean {
    return this.docs.has(uri);
  }

  /** The server's analysis settings (limits, trust, per-standard settings); sent on, applied to every document. */
  setOptions(options: WorkerAnalysisOptions): void {
    this.options = options;
    this.port?.post({ type: 'options', options });
  }

  setRoots(roots: string[], workspace: Workspace | undefined): void {
    this.workspace = workspace;
    this.port?.post({ type: 'roots', roots });
  }

  open(uri: string, languageId: string | undefined, version: number, text: string): void {
    this.close(uri);
    const slot = this.freeSlots.pop() ?? 0;
    // With a worker checking the document, the main loop reads an item only when a request needs it.
    const d: Tracked = { slot, session: ++this.sessions, runs: new Map(), languageId, version, replaced: true, changes: [], doc: new DocumentSession(uri, languageId, FAST_PATH_MIN_CHARS, this.port !== undefined), waiters: [] };
    this.docs.set(uri, d);
    if (this.port) {
      this.port.setVersion(slot, version);
      this.port.post({ type: 'open', uri, slot, session: d.session, languageId, version, text });
    } else {
      d.analyzer = new IncrementalAnalyzer();
    }
  }

  /**
   * A small document of `standard` was just opened and checked here. The worker, which sees only big
   * documents, checks it too (a few times, worker.ts `prime`), through the big-document path, and forgets
   * it: the first big document of that standard and language then finds its part of the schema compiled
   * and the reader's and rules' code warm (a 10,000-dataset catalog's open 25–55 ms sooner after one
   * check, YAML another 65–85 ms after 50, measured). Once per standard and language; the worker
   * does it only when it has nothing else to do, and stops when a document comes.
   */
  prime(standard: string, uri: string, languageId: string | undefined, text: string): void {
    if (!this.port || text.length > PRIME_MAX_CHARS) return;
    const key = `${standard}/${languageId ?? '?'}`;
    if (this.primed.has(key)) return;
    this.primed.add(key);
    this.port.post({ type: 'prime', key, uri, languageId, text });
  }

  /** A new version: `change` in offsets of the previous text, or undefined (the whole text, read from `text`). */
  change(uri: string, version: number, change: OffsetChange | undefined, text: string | (() => string)): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.version = version;
    // A catch-up waits for the findings of this version (deliver).
    if (d.catchUp) clearTimeout(d.catchUp);
    d.catchUp = undefined;
    if (change && !d.replaced) {
      d.changes.push(change);
      d.text = text;
    } else {
      d.replaced = true;
      d.changes = [];
    }
    if (this.port) {
      this.port.setVersion(d.slot, version);
      this.port.post(change ? { type: 'change', uri, version, ...change } : { type: 'replace', uri, version, text: typeof text === 'string' ? text : text() });
    }
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    this.docs.delete(uri);
    if (d.catchUp) clearTimeout(d.catchUp);
    this.port?.setVersion(d.slot, -1);
    this.port?.post({ type: 'close', uri });
    this.freeSlots.push(d.slot);
    for (const w of d.waiters) w(undefined);
  }

  /** Ask for a fresh analysis of the current version (settings or folders changed). */
  refresh(uri: string, text: string | (() => string)): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.last = undefined;
    if (this.port) this.port.post({ type: 'replace', uri, version: d.version, text: typeof text === 'string' ? text : text() });
  }

  /** The main loop's parse of the current text (completion, hover, code actions). */
  document(uri: string, text: string | (() => string)): ParsedDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    let doc = d.doc.document;
    if (d.replaced || !doc) doc = d.doc.update(typeof text === 'string' ? text : text());
    else for (const change of d.changes) doc = d.doc.apply(change);
    d.changes = [];
    d.replaced = false;
    return doc;
  }

  /** In-process analysis (no worker): run it now for the current version. */
  async analyzeHere(uri: string, text: string | (() => string), isCurrent: () => boolean): Promise<void> {
    const d = this.docs.get(uri);
    if (!d?.analyzer) return;
    const version = d.version;
    const started = Date.now();
    const doc = this.document(uri, text);
    if (!doc) return;
    try {
      const analysis = await d.analyzer.analyze(doc, { ...this.options, languageId: d.languageId, workspace: this.workspace }, () => !isCurrent());
      this.deliver(uri, d, { version, detected: analysis.detection !== undefined, ms: Date.now() - started, ...diagnosticsOf(analysis.chunks ?? [analysis.findings]) });
    } catch (err) {
      if (!(err instanceof Cancelled)) throw err;
    }
  }

  get inProcess(): boolean {
    return this.port === undefined;
  }

  /** The findings of `version`, when they come (undefined if the document closes first). */
  result(uri: string, version: number): Promise<BigResult | undefined> {
    const d = this.docs.get(uri);
    if (!d) return Promise.resolve(undefined);
    if (d.last && d.last.version === version) return Promise.resolve(d.last);
    return new Promise((resolve) => d.waiters.push((r) => (r === undefined || r.version === version ? resolve(r) : resolve(undefined))));
  }

  private deliver(uri: string, d: Tracked, result: BigResult): void {
    d.last = result;
    const waiters = d.waiters.splice(0);
    for (const w of waiters) w(result);
    if (result.version !== d.version) return;
    this.publish(uri, result);
    // Keep the main loop's parse current once the findings of the last edit are out and typing pauses (an
    // edit costs it the edited item), so that completion after a burst of edits does not apply them all
    // first; never between an edit and its findings.
    const text = d.text;
    if (d.changes.length && d.doc.document && !d.replaced && text) {
      d.catchUp = setTimeout(() => {
        d.catchUp = undefined;
        if (this.docs.get(uri) === d && !d.replaced) this.document(uri, text);
      }, CATCH_UP_AFTER_MS);
    }
  }

  dispose(): void {
    this.port?.terminate();
  }
}

export { ChunkedDocument };
