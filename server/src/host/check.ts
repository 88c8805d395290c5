// Checking one file for the CLI: read it, analyze it, make its report. Shared by the CLI's main thread
// and its worker threads (`--jobs`), so it holds no CLI state and writes nothing.

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, standardIds } from '../core/analyze';
import type { Finding } from '../core/types';
import type { FileReport } from './format/types';
import { NodeWorkspace } from './nodeWorkspace';

export interface Target {
  path: string;
  /** Named on the command line: always reported, even when no standard claims it. */
  explicit: boolean;
}

/** What checking needs from the command line (plain data: it crosses to worker threads). */
export interface CheckOptions {
  standard?: { id: string; version?: string };
  quiet: boolean;
}

export type Outcome = { kind: 'report'; report: FileReport } | { kind: 'skipped' } | { kind: 'failed'; message: string };

/** Relative to the current directory; outside it, whichever of relative and absolute is shorter. */
export function displayPath(abs: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, abs);
  if (rel === '' || path.isAbsolute(rel)) return abs;
  return rel.startsWith('..') && abs.length < rel.length ? abs : rel;
}

export function ioReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'EMFILE':
      return 'too many open files';
    default:
      return e?.code ?? String(e?.message ?? err);
  }
}

/** The workspace a file's rules may read: the current directory if the file is inside it, else its folder. */
function workspaceFor(file: string, cwd: string, cache: Map<string, NodeWorkspace>): NodeWorkspace {
  const rel = path.relative(cwd, file);
  const root = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? cwd : path.dirname(file);
  let ws = cache.get(root);
  if (!ws) cache.set(root, (ws = new NodeWorkspace(root)));
  return ws;
}

const decoder = new TextDecoder('utf-8');

export async function checkFile(target: Target, options: CheckOptions, cwd: string, workspaces: Map<string, NodeWorkspace>): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = await fsp.readFile(target.path);
  } catch (err) {
    return { kind: 'failed', message: `cannot read '${displayPath(target.path, cwd)}': ${ioReason(err)}` };
  }
  const text = decoder.decode(bytes); // drops a UTF-8 byte order mark, as editors do
  const uri = pathToFileURL(target.path).href;
  let analysis;
  try {
    analysis = await analyze(uri, text, { standard: options.standard, workspace: workspaceFor(target.path, cwd, workspaces) });
  } catch (err) {
    return { kind: 'failed', message: `internal error while checking '${displayPath(target.path, cwd)}': ${(err as Error)?.message ?? err}` };
  }
  let findings: Finding[] = analysis.findings;
  if (!analysis.detection) {
    if (!target.explicit) return { kind: 'skipped' };
    findings = [...findings, noStandardFinding()];
  }
  if (options.quiet) findings = findings.filter((f) => f.severity === 'error');
  return { kind: 'report', report: { path: target.path, displayPath: displayPath(target.path, cwd), detection: analysis.detection, findings } };
}

function noStandardFinding(): Finding {
  return {
    ruleId: 'core/no-standard',
    severity: 'warning',
    message: `No standard detected for this file, so it was not checked; name it after its standard (e.g. publiccode.yml), declare it inside (e.g. publiccodeYmlVersion), or pass --standard (one of ${standardIds().join(', ')}).`,
    pointer: '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
  };
}
