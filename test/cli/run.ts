// Helpers for the CLI tests: run the built `dist/cli.js` as a real process.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
/** The bundle under test; CIVIC_SCHEMAS_CLI may point at another build of it. */
export const CLI = process.env.CIVIC_SCHEMAS_CLI ? path.resolve(process.env.CIVIC_SCHEMAS_CLI) : path.join(REPO, 'dist/cli.js');
/** The shared corpus sits beside the checkout (locally and in CI). */
export const CORPUS = path.resolve(REPO, '../shared/corpus');
export const PUBLICCODE_CORPUS = path.join(CORPUS, 'publiccode');
export const PARSER_GO_V0 = path.join(CORPUS, 'publiccode-parser-go/testdata/v0');

if (!existsSync(CLI)) {
  throw new Error(`${CLI} is missing; build it first: node scripts/build.mjs --only cli`);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  // Colour must come only from the flags a test passes.
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  Object.assign(env, options.env);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? REPO,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Non-empty lines. */
export function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0);
}

/** 1-based line and column of the first occurrence of `needle` in `text` (columns in UTF-16 units). */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const offset = text.indexOf(needle, from);
  if (offset === -1) throw new Error(`'${needle}' not found`);
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, column: offset - lastBreak };
}

export const STYLISH_LINE = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?<column>\d+) (?<severity>error|warning|info|hint) (?<message>.+) \[(?<ruleId>[a-z0-9-]+\/[a-z0-9-]+)\]$/;
export const SUMMARY_LINE = /^(✖ \d+ problems? \(\d+ errors?, \d+ warnings?(, \d+ info)?\) in \d+ of \d+ files?|✔ no problems in \d+ files?)(; \d+ files? skipped \(no standard detected\))?$/;
