// Worker threads for the Node hosts: the language server's analysis worker (see lsp/scheduler.ts) and
// the CLI's pool of checkers (`--jobs`). Both run dist/worker.js (server/src/host/worker.ts).

import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisRequest, AnalysisResponse, AnalysisWorkerPort } from '../lsp/scheduler';
import type { CheckOptions, Outcome, Target } from './check';
import { currentLocale } from '../core/l10n';

/** dist/worker.js next to the running bundle, if it was built. */
export function workerScript(): string | undefined {
  const file = path.join(__dirname, 'worker.js');
  return existsSync(file) ? file : undefined;
}

/** The language server's analysis worker, or undefined (then analysis stays on the main thread). */
export function createAnalysisWorker(onError: (message: string) => void): AnalysisWorkerPort | undefined {
  const script = workerScript();
  if (!script || process.env.CIVIC_SCHEMAS_NO_WORKER) return undefined;
  const versions = new Int32Array(new SharedArrayBuffer(4 * 4096));
  let worker: Worker;
  try {
    worker = new Worker(script, { workerData: { role: 'analysis', versions: versions.buffer } });
  } catch (err) {
    onError(`cannot start the analysis worker: ${(err as Error).message}`);
    return undefined;
  }
  worker.unref();
  const handlers: ((m: AnalysisResponse) => void)[] = [];
  worker.on('message', (m: AnalysisResponse) => handlers.forEach((h) => h(m)));
  worker.on('error', (err) => onError(`analysis worker: ${err?.stack ?? err}`));
  return {
    post: (m: AnalysisRequest) => worker.postMessage(m),
    onMessage: (h) => void handlers.push(h),
    setVersion: (slot, version) => Atomics.store(versions, slot, version),
    terminate: () => void worker.terminate(),
  };
}

// ------------------------------------------------------------------------------------------ CLI pool

export interface CheckPool {
  readonly size: number;
  check(target: Target): Promise<Outcome>;
  close(): Promise<void>;
}

/**
 * `size` worker threads checking files for the CLI; each file goes to the worker with the fewest in
 * flight. Undefined when dist/worker.js is missing (then the CLI checks in its own thread).
 */
export function createCheckPool(size: number, options: CheckOptions, cwd: string): CheckPool | undefined {
  const script = workerScript();
  if (!script) return undefined;
  interface Slot { worker: Worker; inFlight: number }
  const pending = new Map<number, { resolve: (o: Outcome) => void; slot: Slot }>();
  let nextId = 0;
  const slots: Slot[] = [];
  for (let i = 0; i < size; i++) {
    const worker = new Worker(script, { workerData: { role: 'check', options, cwd, locale: currentLocale() } });
    const slot: Slot = { worker, inFlight: 0 };
    worker.on('message', (m: { id: number; outcome: Outcome }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      p.slot.inFlight--;
      p.resolve(m.outcome);
    });
    worker.on('error', (err) => {
      // A worker that dies fails its files (reported, exit status 2) instead of hanging the run.
      for (const [id, p] of pending) {
        if (p.slot !== slot) continue;
        pending.delete(id);
        p.resolve({ kind: 'failed', message: `internal error in a worker thread: ${err?.message ?? err}` });
      }
    });
    slots.push(slot);
  }
  return {
    size,
    check(target) {
      const slot = slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      const id = nextId++;
      slot.inFlight++;
      return new Promise((resolve) => {
        pending.set(id, { resolve, slot });
        slot.worker.postMessage({ id, target });
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
