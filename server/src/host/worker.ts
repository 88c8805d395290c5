// The worker thread (bundled as dist/worker.js), in one of two roles:
// - `analysis`: the language server's big documents. It keeps each document's incremental session and
//   analyzer, applies the edits it is sent, and answers with findings. A newer version makes it drop
//   the work in progress at the next checkpoint (a shared version table), so it never finishes stale work.
// - `check`: the CLI's `--jobs`: checks the files it is given and answers with their reports.
// Built with the server (scripts/build.mjs, target `server`) as dist/worker.js, next to dist/cli.js.

import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkedDocument } from '../core/chunked';
import { Cancelled, DocumentSession, IncrementalAnalyzer } from '../core/incremental';
import type { AnalysisRequest, AnalysisResponse, ResultChunk, WorkerAnalysisOptions } from '../lsp/scheduler';
import { useLocale } from '../core/l10n';
import { withoutMemory } from '../core/rules/remember';
import { checkFile, type CheckOptions, type Target } from './check';
import { NodeWorkspace } from './nodeWorkspace';

/** How many times a priming document is checked at most (`prime`), and for how long. */
const PRIME_ROUNDS = 50;
const PRIME_MS = 500;

interface Open {
  slot: number;
  epoch: number;
  /** Ids of the runs of findings the main loop holds (those of the last result sent). */
  held: Set<number>;
  languageId?: string;
  version: number;
  /** The whole text, from an open or a replace, until the session has read it. */
  text?: string;
  /** Changes since, in order (each in offsets of the text before it): applied one by one to the session. */
  changes: { start: number; end: number; text: string }[];
  session: DocumentSession;
  analyzer: IncrementalAnalyzer;
  /** An edit to rehearse once the opening analysis is sent (see `rehearse`). */
  rehearse?: boolean;
}

function analysisRole(port: NonNullable<typeof parentPort>, versions: Int32Array): void {
  const docs = new Map<string, Open>();
  let workspace: NodeWorkspace | undefined;
  let options: WorkerAnalysisOptions = {};
  let running = false;
  const dirty = new Set<string>();
  /** Small documents to check, when nothing else waits (scheduler.ts `prime`). */
  const primes: Extract<AnalysisRequest, { type: 'prime' }>[] = [];
  /** Ids of runs of findings (incremental.ts keeps an item's run while its findings do not change). */
  const runIds = new WeakMap<object, number>();
  let lastRunId = 0;

  const schedule = () => {
    if (running) return;
    const next = dirty.values().next();
    const task = !next.done ? next.value : primes.shift();
    if (task === undefined) return;
    if (typeof task === 'string') dirty.delete(task);
    running = true;
    void (typeof task === 'string' ? run(task) : prime(task)).finally(() => {
      running = false;
      // Let queued messages (newer versions) arrive before the next document is taken.
      setImmediate(schedule);
    });
  };

  const run = async (uri: string) => {
    const d = docs.get(uri);
    if (!d) return;
    const version = d.version;
    const stale = () => Atomics.load(versions, d.slot) !== version || docs.get(uri) !== d;
    const started = performance.now();
    if (d.rehearse) {
      d.rehearse = false;
      // An edit that arrived first is analysed instead: it compiles the same code.
      if (d.changes.length === 0 && d.text === undefined) return rehearse(d);
    }
    const opening = d.text !== undefined;
    try {
      // The worker never holds the edited text itself: an edit is applied to the session's pieces.
      if (d.text !== undefined) {
        d.session.update(d.text);
        d.text = undefined;
      }
      for (const change of d.changes.splice(0)) d.session.apply(change);
      const doc = d.session.document!;
      if (stale()) return;
      const analysis = await d.analyzer.analyze(doc, { ...options, languageId: d.languageId, workspace }, stale);
      if (stale()) return;
      const chunks: ResultChunk[] = [];
      const held = new Set<number>();
      for (const run of analysis.chunks ?? [analysis.findings]) {
        let id = runIds.get(run);
        if (id === undefined) runIds.set(run, (id = ++lastRunId));
        chunks.push(d.held.has(id) ? id : { id, findings: run });
        held.add(id);
      }
      d.held = held;
      port.postMessage({ type: 'result', uri, session: d.epoch, version, chunks, detected: analysis.detection !== undefined, ms: performance.now() - started, fast: doc instanceof ChunkedDocument } satisfies AnalysisResponse);
      if (opening && doc instanceof ChunkedDocument) {
        d.rehearse = true;
        dirty.add(uri);
      }
    } catch (err) {
      if (err instanceof Cancelled) return;
      port.postMessage({ type: 'failed', uri, version, message: String((err as Error)?.stack ?? err) } satisfies AnalysisResponse);
    }
  };

  /**
   * Right after an opening analysis, one edit that changes nothing (an empty insertion between two
   * items) goes through the whole edit path, its result not sent (it is the one just sent): the code an
   * edit runs is then compiled before the first keystroke, which would otherwise take several times
   * longer than the next ones in a big catalog. Never cancelled (a cancelled analysis leaves no state to
   * reuse); a real edit waits for it.
   */
  const rehearse = async (d: Open) => {
    const doc = d.session.document;
    if (!(doc instanceof ChunkedDocument)) return;
    const at = doc.frame.bases[doc.pieces.length >> 1];
    try {
      await d.analyzer.analyze(d.session.apply({ start: at, end: at, text: '' }), { ...options, languageId: d.languageId, workspace });
    } catch {
      // Nothing to report: the next analysis takes the general path if this one left nothing to reuse.
    }
  };

  /**
   * A small document checked through the big-document path (split into items even though it is small),
   * the results thrown away: it compiles the schema's item part and the code a big document of its kind
   * runs. A YAML document is checked several times: the engine optimizes a function once it has run it
   * often, and one check of 20 datasets runs the YAML reader's and the rules' code too few times for
   * that (the first 10k YAML catalog then opened ~35–55 ms sooner after 20 checks than after one, another
   * ~30 ms after 50). Remembered checks (rules/remember.ts) are computed afresh meanwhile, or the later
   * rounds would answer from memory. It stops as soon as a document waits, and after `PRIME_MS`. Answers
   * whether it was split and checked (if not, nothing was warmed) and how many times.
   */
  const prime = async (m: Extract<AnalysisRequest, { type: 'prime' }>) => {
    const started = performance.now();
    let chunked = false;
    let rounds = 0;
    try {
      while (rounds < PRIME_ROUNDS && dirty.size === 0 && performance.now() - started < PRIME_MS) {
        const doc = new DocumentSession(m.uri, m.languageId, 0).update(m.text);
        chunked = doc instanceof ChunkedDocument;
        if (!chunked) break;
        await withoutMemory(() => new IncrementalAnalyzer().analyze(doc, { ...options, languageId: m.languageId, workspace }));
        rounds++;
        // JSON values are read by `JSON.parse`: more rounds warm nothing, and their garbage slowed the next open.
        if (doc.format !== 'yaml') break;
        // Messages (a document to check) are let in between rounds.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch {
      // Nothing depends on it: the first big document compiles what is missing (another small one may prime).
      chunked = false;
    }
    port.postMessage({ type: 'primed', key: m.key, chunked, rounds, ms: performance.now() - started } satisfies AnalysisResponse);
  };

  port.on('message', (m: AnalysisRequest) => {
    switch (m.type) {
      case 'options':
        options = m.options;
        if (options.locale) useLocale(options.locale);
        for (const uri of docs.keys()) dirty.add(uri);
        break;
      case 'roots':
        try {
          const roots = m.roots.flatMap((uri) => (/^file:/i.test(uri) ? [fileURLToPath(uri)] : []));
          workspace = roots.length ? new NodeWorkspace(roots) : undefined;
        } catch {
          workspace = undefined;
        }
        for (const uri of docs.keys()) dirty.add(uri);
        break;
      case 'open':
        docs.set(m.uri, { slot: m.slot, epoch: m.session, held: new Set(), languageId: m.languageId, version: m.version, text: m.text, changes: [], session: new DocumentSession(m.uri, m.languageId), analyzer: new IncrementalAnalyzer() });
        dirty.add(m.uri);
        break;
      case 'change': {
        const d = docs.get(m.uri);
        if (!d) return;
        d.changes.push({ start: m.start, end: m.end, text: m.text });
        d.version = m.version;
        dirty.add(m.uri);
        break;
      }
      case 'replace': {
        const d = docs.get(m.uri);
        if (!d) return;
        d.text = m.text;
        d.changes = [];
        d.version = m.version;
        dirty.add(m.uri);
        break;
      }
      case 'close':
        docs.delete(m.uri);
        dirty.delete(m.uri);
        break;
      case 'prime':
        primes.push(m);
        break;
    }
    schedule();
  });
}

function checkRole(port: NonNullable<typeof parentPort>, options: CheckOptions, cwd: string): void {
  const workspaces = new Map<string, NodeWorkspace>();
  port.on('message', (m: { id: number; target: Target }) => {
    checkFile(m.target, options, cwd, workspaces).then(
      (outcome) => port.postMessage({ id: m.id, outcome }),
      (err) => port.postMessage({ id: m.id, outcome: { kind: 'failed', message: `internal error: ${(err as Error)?.message ?? err}` } }),
    );
  });
}

// The host's message language (the CLI's pool passes it here; the server's analysis worker gets it with its options).
if (workerData?.locale) useLocale(workerData.locale as string);
if (parentPort && workerData?.role === 'analysis') analysisRole(parentPort, new Int32Array(workerData.versions as SharedArrayBuffer));
if (parentPort && workerData?.role === 'check') checkRole(parentPort, workerData.options as CheckOptions, workerData.cwd as string);
