// The command-line host: `civic-schemas check [paths…]`. Argument parsing, file discovery, reading,
// and printing; all validation is the core's `analyze`. Exit status: 0 no error-level finding, 1 some
// (or more warnings than --max-warnings), 2 a usage or I/O error.

import { promises as fsp } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ruleDocUrl, standardIds } from './core/analyze';
import { localeFromEnv, useLocale } from './core/l10n';
import { ruleMeta } from './core/ruleRegistry';
import { getStandard } from './core/standards';
import { github } from './host/format/github';
import { json } from './host/format/json';
import { sarif } from './host/format/sarif';
import { stylish } from './host/format/stylish';
import { countFindings, plural } from './host/format/summary';
import type { FileReport, FormatContext, Formatter, Totals } from './host/format/types';
import { checkFile, displayPath, ioReason, type Outcome, type Target } from './host/check';
import { NodeWorkspace } from './host/nodeWorkspace';
import { createCheckPool } from './host/workerPool';
import { version as toolVersion } from '../../package.json';

const TOOL = 'civic-schemas';
const INFORMATION_URI = 'https://github.com/civic-schemas/civic-schemas';
const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
type FormatName = (typeof FORMATS)[number];

/** File names a directory walk picks up (compared case-insensitively). */
export const METADATA_FILE_NAMES = ['publiccode.yml', 'publiccode.yaml', 'datapackage.json', 'datapackage.yaml', 'datapackage.yml', 'data.json', 'civic.json'];
/**
 * The same names after a prefix (`app.publiccode.yml`, `org__repo__publiccode.yml`) — catalogues and
 * monorepos keep several. `data.json` is left out: `*-data.json` is mostly plain data, not a catalogue.
 */
const PREFIXED_NAME = /[._-](publiccode\.ya?ml|datapackage\.(json|ya?ml)|civic\.json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

const HELP = `Usage: ${TOOL} check [options] [paths...]

Check civic metadata files (publiccode.yml, ...) against their standards.

Paths may be files, directories or glob patterns; the default is the current directory.
Directories are searched for ${METADATA_FILE_NAMES.join(', ')} (also with a prefix, as in
app.publiccode.yml), skipping node_modules and .git; files there that no standard claims are skipped.
A file named explicitly is always checked.

Options:
  -f, --format <name>       output format: stylish (default), json, sarif, github
  -s, --standard <id[@v]>   check every file as this standard, e.g. publiccode or publiccode@0.7
  -q, --quiet               report errors only
      --max-warnings <n>    exit with status 1 when there are more than <n> warnings
                            (warnings hidden by --quiet do not count)
      --color, --no-color   force colours on or off (default: on when writing to a terminal)
  -j, --jobs <n>            check files in <n> worker threads (default: the number of CPU cores;
                            1 checks in this thread); reports still come in file order, as they finish
      --shard <i>/<n>       check only the i-th of n equal shares of the files (1 ≤ i ≤ n), so that
                            a CI matrix of n runners splits a repository between them
      --locale <tag>        the language of the messages: en, es or fr (es-MX, fr_CA.UTF-8 also
                            work); default: from LC_ALL, LC_MESSAGES or LANG, else English
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 no errors, 1 errors found (or too many warnings), 2 usage or I/O error.
`;

/** A problem with the invocation or the file system: one line on stderr, exit status 2. */
class UsageError extends Error {}

interface Options {
  format: FormatName;
  standard?: { id: string; version?: string };
  quiet: boolean;
  maxWarnings?: number;
  color: boolean;
  paths: string[];
  /** Worker threads; undefined = one per CPU core. */
  jobs?: number;
  shard?: { index: number; count: number };
}

type ParseOutcome = { kind: 'run'; options: Options } | { kind: 'help' } | { kind: 'version' };

function parseCommandLine(argv: string[], env: NodeJS.ProcessEnv, isTTY: boolean): ParseOutcome {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        standard: { type: 'string', short: 's' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        jobs: { type: 'string', short: 'j' },
        shard: { type: 'string' },
        locale: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(parseArgsMessage(err));
  }
  const { values, positionals } = parsed;
  // Messages (findings, the summary) in the asked language; the --jobs workers are told the same.
  useLocale(values.locale ?? localeFromEnv(env));
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command; did you mean `civic-schemas check`?');
  if (command !== 'check') {
    const hint = /[./\\*]/.test(command) ? ` (did you mean \`${TOOL} check ${command}\`?)` : '';
    throw new UsageError(`unknown command '${command}'${hint}`);
  }

  const format = (values.format ?? 'stylish') as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}'; use one of ${FORMATS.join(', ')}`);

  let standard: Options['standard'];
  if (values.standard !== undefined) standard = parseStandard(values.standard);

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const raw = values['max-warnings'];
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${raw}'`);
    maxWarnings = Number(raw);
  }

  if (values.color && values['no-color']) throw new UsageError('--color and --no-color cannot be used together');
  let color: boolean;
  if (values.color) color = true;
  else if (values['no-color']) color = false;
  else if (env.NO_COLOR) color = false;
  else if (env.FORCE_COLOR !== undefined) color = env.FORCE_COLOR !== '0';
  else color = isTTY && env.TERM !== 'dumb';

  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    if (!/^[1-9]\d*$/.test(values.jobs)) throw new UsageError(`--jobs needs a whole number of 1 or more, not '${values.jobs}'`);
    jobs = Number(values.jobs);
  }
  let shard: Options['shard'];
  if (values.shard !== undefined) {
    const m = /^([1-9]\d*)\/([1-9]\d*)$/.exec(values.shard);
    if (!m || Number(m[1]) > Number(m[2])) throw new UsageError(`--shard needs <i>/<n> with 1 ≤ i ≤ n, such as 1/4, not '${values.shard}'`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }

  return { kind: 'run', options: { format, standard, quiet: !!values.quiet, maxWarnings, color, paths: paths.length ? paths : ['.'], jobs, shard } };
}

function parseArgsMessage(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const msg = String(e?.message ?? err);
  if (e?.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const m = /Unknown option '([^']+)'/.exec(msg);
    return `unknown option '${m ? m[1] : msg}'`;
  }
  if (e?.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // "Option '-f, --format <value>' argument missing" / "Option '--quiet' does not take an argument"
    const m = /Option '(?:-\w, )?(--[\w-]+)[^']*' (argument missing|does not take an argument)/.exec(msg);
    if (m) return m[2] === 'argument missing' ? `option ${m[1]} needs a value` : `option ${m[1]} does not take a value`;
  }
  return msg.split('\n')[0].replace(/\.$/, '');
}

function parseStandard(spec: string): { id: string; version?: string } {
  const at = spec.indexOf('@');
  const id = (at === -1 ? spec : spec.slice(0, at)).trim();
  const version = at === -1 ? undefined : spec.slice(at + 1).trim();
  const known = standardIds();
  const standard = getStandard(id);
  if (!standard) throw new UsageError(`unknown standard '${id}'; known standards: ${known.join(', ')}`);
  if (version !== undefined) {
    if (version === '') throw new UsageError(`--standard ${id}@ needs a version after '@', e.g. ${id}@${standard.versions[standard.versions.length - 1]}`);
    if (!standard.versions.includes(version)) {
      throw new UsageError(`${id} has no version '${version}'; known versions: ${standard.versions.join(', ')}`);
    }
  }
  return { id, version };
}

// ------------------------------------------------------------------------------------- discovery

/**
 * tinyglobby, loaded on first use through `require` so that esbuild bundles its CommonJS build: the ESM
 * build (and its fdir) calls `createRequire(import.meta.url)`, which is undefined in a CJS bundle.
 */
function tinyglobby(): typeof import('tinyglobby') {
  return require('tinyglobby') as typeof import('tinyglobby');
}


export function isMetadataFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return METADATA_FILE_NAMES.includes(lower) || PREFIXED_NAME.test(lower);
}

async function statOrUndefined(p: string) {
  try {
    return await fsp.stat(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UsageError(`cannot access '${p}': ${ioReason(err)}`);
  }
}

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw new UsageError(`cannot read directory '${displayPath(dir)}': ${ioReason(err)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(full, out);
    } else if (isMetadataFileName(e.name)) {
      // Files and links to files; a link to a directory is not followed (no cycles).
      if (e.isFile()) out.push(full);
      else if (e.isSymbolicLink()) {
        const st = await fsp.stat(full).catch(() => undefined);
        if (st?.isFile()) out.push(full);
      }
    }
  }
}

async function collectTargets(args: string[], cwd: string): Promise<Target[]> {
  const targets = new Map<string, Target>();
  const add = (p: string, explicit: boolean) => {
    const prev = targets.get(p);
    if (!prev) targets.set(p, { path: p, explicit });
    else if (explicit) prev.explicit = true;
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const st = await statOrUndefined(abs);
    if (st?.isDirectory()) {
      const found: string[] = [];
      await walk(abs, found);
      if (found.length === 0) {
        throw new UsageError(`no metadata files found in '${arg}' (looked for ${METADATA_FILE_NAMES.join(', ')})`);
      }
      for (const f of found) add(f, false);
    } else if (st) {
      add(abs, true);
    } else if (tinyglobby().isDynamicPattern(arg)) {
      const matches = await tinyglobby().glob(arg.split(path.sep).join('/'), {
        cwd,
        absolute: true,
        onlyFiles: true,
        ignore: ['**/node_modules/**', '**/.git/**'],
      });
      if (matches.length === 0) throw new UsageError(`no files match '${arg}'`);
      for (const m of matches.map((p) => path.resolve(p)).sort()) add(m, false);
    } else {
      throw new UsageError(`no such file or directory: '${arg}'`);
    }
  }
  return [...targets.values()];
}

// ------------------------------------------------------------------------------------- checking

/**
 * Run `fn` over `items` with at most `limit` in flight, delivering results to `emit` in input order as
 * soon as each one and all before it are done (so streamed output is deterministic).
 */
async function forEachOrdered<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, emit: (result: R) => void): Promise<void> {
  const results = new Array<R>(items.length);
  const done = new Array<boolean>(items.length).fill(false);
  let next = 0;
  let emitted = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
      done[i] = true;
      while (emitted < items.length && done[emitted]) {
        emit(results[emitted]);
        results[emitted] = undefined as R;
        emitted++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function makeFormatter(name: FormatName, ctx: FormatContext): Formatter {
  switch (name) {
    case 'json':
      return json();
    case 'sarif':
      return sarif(ctx);
    case 'github':
      return github(ctx);
    default:
      return stylish(ctx);
  }
}

export interface Io {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The whole CLI; returns the exit status. Never throws for bad input. */
export async function main(io: Io): Promise<number> {
  let outcome: ParseOutcome;
  try {
    outcome = parseCommandLine(io.argv, io.env, io.isTTY);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${TOOL}: ${err.message}\nRun '${TOOL} --help' for usage.\n`);
    return 2;
  }
  if (outcome.kind === 'help') {
    io.stdout(HELP);
    return 0;
  }
  if (outcome.kind === 'version') {
    io.stdout(`${toolVersion}\n`);
    return 0;
  }
  const options = outcome.options;

  let targets: Target[];
  try {
    targets = await collectTargets(options.paths, io.cwd);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`${TOOL}: ${err.message}\n`);
    return 2;
  }

  const notes: string[] = [];
  const ctx: FormatContext = {
    cwd: io.cwd,
    toolName: TOOL,
    toolVersion,
    informationUri: INFORMATION_URI,
    ruleDocUrl,
    ruleTitle: (id) => ruleMeta(id)?.title,
    color: options.color,
    notes,
  };
  const formatter = makeFormatter(options.format, ctx);
  const reports: FileReport[] = [];
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, files: 0, filesWithProblems: 0, skipped: 0 };
  let failures = 0;
  const workspaces = new Map<string, NodeWorkspace>();

  // A shard: every n-th file of the sorted list, so shares are even and stable from run to run.
  if (options.shard) {
    const { index, count } = options.shard;
    targets = targets.filter((_, i) => i % count === index - 1);
  }
  // Worker threads when there is more than one file to share; results are still emitted in file order.
  const jobs = options.jobs ?? availableParallelism();
  const checkOptions = { standard: options.standard, quiet: options.quiet };
  const pool = jobs > 1 && targets.length > 1 ? createCheckPool(Math.min(jobs, targets.length), checkOptions, io.cwd) : undefined;

  await forEachOrdered(
    targets,
    pool ? pool.size * 4 : 8,
    (t) => (pool ? pool.check(t) : checkFile(t, checkOptions, io.cwd, workspaces)),
    (o) => {
      if (o.kind === 'skipped') {
        totals.skipped++;
      } else if (o.kind === 'failed') {
        failures++;
        io.stderr(`${TOOL}: ${o.message}\n`);
      } else {
        const counts = countFindings(o.report.findings);
        totals.errors += counts.errors;
        totals.warnings += counts.warnings;
        totals.infos += counts.infos;
        totals.files++;
        if (o.report.findings.length) totals.filesWithProblems++;
        reports.push(o.report);
        const text = formatter.file(o.report);
        if (text) io.stdout(text);
      }
    },
  );

  await pool?.close();
  const tooManyWarnings = options.maxWarnings !== undefined && totals.warnings > options.maxWarnings;
  if (tooManyWarnings) {
    notes.push(`too many warnings: ${totals.warnings}, and --max-warnings allows ${options.maxWarnings}`);
  }
  const tail = formatter.end(reports, totals);
  if (tail) io.stdout(tail);
  // Machine-readable formats keep stdout clean; say it where people look.
  if (tooManyWarnings && (options.format === 'json' || options.format === 'sarif')) io.stderr(`${TOOL}: ${notes[notes.length - 1]}\n`);

  if (failures) {
    io.stderr(`${TOOL}: ${plural(failures, 'file')} could not be checked\n`);
    return 2;
  }
  return totals.errors > 0 || tooManyWarnings ? 1 : 0;
}

// ------------------------------------------------------------------------------------- process

function run(): void {
  // `civic-schemas check | head` closes stdout early; that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`${TOOL}: cannot write the output: ${ioReason(err)}\n`);
    process.exit(2);
  });
  main({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const detail = process.env.CIVIC_SCHEMAS_DEBUG ? String((err as Error)?.stack ?? err) : String((err as Error)?.message ?? err);
      process.stderr.write(`${TOOL}: internal error: ${detail}\n`);
      process.exitCode = 2;
    },
  );
}

if (typeof require !== 'undefined' && require.main === module) run();
