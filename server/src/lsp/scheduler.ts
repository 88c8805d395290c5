// Big documents in the language server: their analysis runs off the main loop (a worker thread, when the
// host provides one), so completion and hover never wait behind it, and stale work is dropped as soon as
// a newer version arrives. The main loop keeps its own incremental session of each big document for
// completion, hover and code actions (an edit costs it the edited item only).
//
// Browser-safe: no Node built-ins here; the Node host passes the worker (host/workerPool.ts).

import { ChunkedDocument, FAST_PATH_MIN_CHARS, mergeChange, windowChange, type ChangeWindow } from '../core/chunked';
import type { ParsedDocument } from '../core/document';
import { Cancelled, DocumentSession, IncrementalAnalyzer } from '../core/incremental';
import type { AnalyzeOptions } from '../core/analyze';
import type { Finding, Workspace } from '../core/types';

export type AnalysisRequest =
  | { type: 'open'; uri: string; slot: number; languageId?: string; version: number; text: string }
  | { type: 'change'; uri: string; version: number; start: number; end: number; text: string }
  | { type: 'replace'; uri: string; version: number; text: string }
  | { type: 'close'; uri: string }
  | { type: 'roots'; roots: string[] }
  | { type: 'options'; options: WorkerAnalysisOptions };

/** What the analysis needs from the server's settings (plain data: it crosses to the worker). */
export type WorkerAnalysisOptions = Pick<AnalyzeOptions, 'limits' | 'trust' | 'settings'>;

export type AnalysisResponse =
  | { type: 'result'; uri: string; version: number; findings: Finding[]; detected: boolean; ms: number; fast: boolean }
  | { type: 'failed'; uri: string; version: number; message: string };

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
}

const SLOTS = 4096;

/** Documents from this length are "big": analysed off the main loop, edited incrementally. */
export const BIG_DOCUMENT_CHARS = FAST_PATH_MIN_CHARS;

interface Tracked {
  slot: number;
  languageId?: string;
  version: number;
  /** For the main-loop session: edits not yet applied to it. */
  pending?: ChangeWindow;
  /** How many edits `pending` folds, and the last one (one edit is used as it is). */
  edits: number;
  lastEdit?: OffsetChange;
  replaced: boolean;
  session: DocumentSession;
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

  constructor(
    private readonly port: AnalysisWorkerPort | undefined,
    private readonly publish: (uri: string, result: BigResult) => void,
    private readonly log: (message: string) => void,
  ) {
    port?.onMessage((m) => {
      const d = this.docs.get(m.uri);
      if (!d) return;
      if (m.type === 'failed') {
        this.log(`analysing ${m.uri} (version ${m.version}) failed in the worker: ${m.message}`);
        return;
      }
      this.deliver(m.uri, d, { version: m.version, findings: m.findings, detected: m.detected, ms: m.ms });
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
    const d: Tracked = { slot, languageId, version, replaced: true, edits: 0, session: new DocumentSession(uri, languageId), waiters: [] };
    this.docs.set(uri, d);
    if (this.port) {
      this.port.setVersion(slot, version);
      this.port.post({ type: 'open', uri, slot, languageId, version, text });
    } else {
      d.analyzer = new IncrementalAnalyzer();
    }
  }

  change(uri: string, version: number, change: OffsetChange | undefined, text: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.version = version;
    if (change && !d.replaced) {
      d.pending = mergeChange(d.pending, { start: change.start, end: change.end, length: change.text.length });
      d.edits++;
      d.lastEdit = change;
    } else {
      d.replaced = true;
      d.pending = undefined;
      d.edits = 0;
    }
    if (this.port) {
      this.port.setVersion(d.slot, version);
      this.port.post(change ? { type: 'change', uri, version, ...change } : { type: 'replace', uri, version, text });
    }
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    this.docs.delete(uri);
    this.port?.setVersion(d.slot, -1);
    this.port?.post({ type: 'close', uri });
    this.freeSlots.push(d.slot);
    for (const w of d.waiters) w(undefined);
  }

  /** Ask for a fresh analysis of the current version (settings or folders changed). */
  refresh(uri: string, text: string): void {
    const d = this.docs.get(uri);
    if (!d) return;
    d.last = undefined;
    if (this.port) this.port.post({ type: 'replace', uri, version: d.version, text });
  }

  /** The main loop's parse of the current text (completion, hover, code actions). */
  document(uri: string, text: string): ParsedDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    const change = d.pending && !d.replaced ? (d.edits === 1 && d.lastEdit ? d.lastEdit : windowChange(d.pending, text)) : undefined;
    const doc = d.session.update(text, change ? [change] : undefined);
    d.pending = undefined;
    d.lastEdit = undefined;
    d.edits = 0;
    d.replaced = false;
    return doc;
  }

  /** In-process analysis (no worker): run it now for the current version. */
  async analyzeHere(uri: string, text: string, isCurrent: () => boolean): Promise<void> {
    const d = this.docs.get(uri);
    if (!d?.analyzer) return;
    const version = d.version;
    const started = Date.now();
    const doc = this.document(uri, text);
    if (!doc) return;
    try {
      const analysis = await d.analyzer.analyze(doc, { ...this.options, languageId: d.languageId, workspace: this.workspace }, () => !isCurrent());
      this.deliver(uri, d, { version, findings: analysis.findings, detected: analysis.detection !== undefined, ms: Date.now() - started });
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
    if (result.version === d.version) this.publish(uri, result);
  }

  dispose(): void {
    this.port?.terminate();
  }
}

export { ChunkedDocument };
