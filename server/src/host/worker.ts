// The worker thread (bundled as dist/worker.js), in one of two roles:
// - `analysis`: the language server's big documents. It keeps each document's incremental session and
//   analyzer, applies the edits it is sent, and answers with findings. A newer version makes it drop
//   the work in progress at the next checkpoint (a shared version table), so it never finishes stale work.
// - `check`: the CLI's `--jobs`: checks the files it is given and answers with their reports.
// Built with the server (scripts/build.mjs, target `server`) as dist/worker.js, next to dist/cli.js.

import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkedDocument, mergeChange, windowChange, type ChangeWindow } from '../core/chunked';
import { Cancelled, DocumentSession, IncrementalAnalyzer } from '../core/incremental';
import type { AnalysisRequest, AnalysisResponse, WorkerAnalysisOptions } from '../lsp/scheduler';
import { checkFile, type CheckOptions, type Target } from './check';
import { NodeWorkspace } from './nodeWorkspace';

interface Open {
  slot: number;
  languageId?: string;
  version: number;
  text: string;
  pending?: ChangeWindow;
  /** The edits folded into `pending` (one edit is used as it is: no slice of the whole text). */
  edits: number;
  lastEdit?: { start: number; end: number; text: string };
  replaced: boolean;
  session: DocumentSession;
  analyzer: IncrementalAnalyzer;
}

function analysisRole(port: NonNullable<typeof parentPort>, versions: Int32Array): void {
  const docs = new Map<string, Open>();
  let workspace: NodeWorkspace | undefined;
  let options: WorkerAnalysisOptions = {};
  let running = false;
  const dirty = new Set<string>();

  const schedule = () => {
    if (running) return;
    const next = dirty.values().next();
    if (next.done) return;
    const uri = next.value;
    dirty.delete(uri);
    running = true;
    void run(uri).finally(() => {
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
    try {
      const change = d.pending && !d.replaced ? (d.edits === 1 && d.lastEdit ? d.lastEdit : windowChange(d.pending, d.text)) : undefined;
      const doc = d.session.update(d.text, change ? [change] : undefined);
      d.pending = undefined;
      d.lastEdit = undefined;
      d.edits = 0;
      d.replaced = false;
      if (stale()) return;
      const analysis = await d.analyzer.analyze(doc, { ...options, languageId: d.languageId, workspace }, stale);
      if (stale()) return;
      port.postMessage({ type: 'result', uri, version, findings: analysis.findings, detected: analysis.detection !== undefined, ms: performance.now() - started, fast: doc instanceof ChunkedDocument } satisfies AnalysisResponse);
    } catch (err) {
      if (err instanceof Cancelled) return;
      port.postMessage({ type: 'failed', uri, version, message: String((err as Error)?.stack ?? err) } satisfies AnalysisResponse);
    }
  };

  port.on('message', (m: AnalysisRequest) => {
    switch (m.type) {
      case 'options':
        options = m.options;
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
        docs.set(m.uri, { slot: m.slot, languageId: m.languageId, version: m.version, text: m.text, replaced: true, edits: 0, session: new DocumentSession(m.uri, m.languageId), analyzer: new IncrementalAnalyzer() });
        dirty.add(m.uri);
        break;
      case 'change': {
        const d = docs.get(m.uri);
        if (!d) return;
        d.text = d.text.slice(0, m.start) + m.text + d.text.slice(m.end);
        d.pending = mergeChange(d.pending, { start: m.start, end: m.end, length: m.text.length });
        d.edits++;
        d.lastEdit = { start: m.start, end: m.end, text: m.text };
        d.version = m.version;
        dirty.add(m.uri);
        break;
      }
      case 'replace': {
        const d = docs.get(m.uri);
        if (!d) return;
        d.text = m.text;
        d.replaced = true;
        d.pending = undefined;
        d.edits = 0;
        d.version = m.version;
        dirty.add(m.uri);
        break;
      }
      case 'close':
        docs.delete(m.uri);
        dirty.delete(m.uri);
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

if (parentPort && workerData?.role === 'analysis') analysisRole(parentPort, new Int32Array(workerData.versions as SharedArrayBuffer));
if (parentPort && workerData?.role === 'check') checkRole(parentPort, workerData.options as CheckOptions, workerData.cwd as string);
