// Shared by the fuzz tests (test/core/fuzz-*.test.ts) and the nightly long run (scripts/fuzz-long.mjs):
// the corpus, the mutations, and the checks every mutated document must pass.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { analyze, prepare } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';

export const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

export interface Seed {
  name: string;
  /** A URI whose file name makes detection pick the standard the file follows. */
  uri: string;
  text: string;
}

function uriFor(file: string): string {
  const base = path.basename(file);
  const tail = base.includes('__') ? base.slice(base.lastIndexOf('__') + 2) : base;
  const name = /^(publiccode\.ya?ml|datapackage\.(json|ya?ml)|data\.json|civic\.json)$/.test(tail) ? tail : /\.ya?ml$/.test(tail) ? 'publiccode.yml' : tail.endsWith('.json') ? 'data.json' : 'publiccode.yml';
  return `file:///fuzz/${encodeURIComponent(base)}/${name}`;
}

/** Corpus files (YAML and JSON), each cut to at most `maxChars` (a cut is a mutation of its own). */
export function loadCorpus(maxChars: number, corpus = CORPUS): Seed[] {
  const out: Seed[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir).sort()) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(e)) out.push({ name: path.relative(corpus, p), uri: uriFor(p), text: readFileSync(p, 'utf8').slice(0, maxChars) });
    }
  };
  walk(corpus);
  return out;
}

export type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'indent'; line: number; delta: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate-line'; line: number };

/** Texts that matter to YAML and JSON parsers, and some that matter to people. */
const TOKENS = [':', ': ', '-', '- ', '[', ']', '{', '}', ',', '"', "'", '#', '\n', '\r\n', '\r', '\t', '  ', '&a ', '*a', '<<: *a', '!!binary', '? ', '|', '>-', '---\n', '...\n', '\\', '\\u', '%YAML 1.2\n', '<<<<<<< HEAD\n', '=======\n', '>>>>>>> x\n', '\u0000', '\uFEFF', '\u2028', '\uD800', '\uDC00', '👍🏽', 'é', '__proto__: 1\n', 'constructor: {}\n', 'null', 'true', '0x1F', '1e999', '-.inf', '~'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 8 }), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
);

export function mutate(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'insert': {
      const at = text.length ? m.at % (text.length + 1) : 0;
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'delete': {
      if (!text.length) return text;
      const at = m.at % text.length;
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'truncate':
      return text.slice(0, text.length ? m.at % (text.length + 1) : 0);
    case 'indent':
    case 'duplicate-line': {
      const lines = text.split('\n');
      const i = m.line % lines.length;
      if (m.kind === 'duplicate-line') lines.splice(i, 0, lines[i]);
      else lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.delta}}`), '');
      return lines.join('\n');
    }
  }
}

/** LSP lines: \r\n, \r and \n all end a line; characters are UTF-16 code units. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

export function rangeProblems(text: string, findings: readonly Finding[]): string[] {
  const lengths = lineLengths(text);
  const out: string[] = [];
  for (const f of findings) {
    const { start, end } = f.range;
    for (const p of [start, end]) {
      if (!(p.line >= 0 && p.line < lengths.length && p.character >= 0 && p.character <= lengths[p.line])) {
        out.push(`${f.ruleId} at ${JSON.stringify(f.range)} is outside the document (${lengths.length} lines)`);
      }
    }
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) out.push(`${f.ruleId}: range ends before it starts`);
    if (!f.message || /\[object Object\]|undefined/.test(f.message)) out.push(`${f.ruleId}: bad message ${JSON.stringify(f.message)}`);
  }
  return out;
}

/** Parse-level checks: no throw, ranges inside, and (when `twice`) the same result twice. Throws on a failure. */
export function checkParse(uri: string, text: string, twice: boolean): void {
  const a = prepare(uri, text);
  const problems = rangeProblems(text, a.doc.syntaxFindings);
  if (problems.length) throw new Error(problems.join('\n'));
  if (!twice) return;
  const b = prepare(uri, text);
  if (JSON.stringify(a.doc.syntaxFindings) !== JSON.stringify(b.doc.syntaxFindings)) throw new Error('syntax findings differ between two parses');
  if (a.detection?.standardId !== b.detection?.standardId) throw new Error('detection differs between two runs');
}

/** Full checks: analyze twice; no throw, ranges inside, identical findings, no internal error. */
export async function checkAnalyze(uri: string, text: string): Promise<void> {
  const a = await analyze(uri, text);
  const b = await analyze(uri, text);
  const problems = rangeProblems(text, a.findings);
  const internal = a.findings.filter((f) => f.ruleId === 'core/internal-error');
  if (internal.length) problems.push(...internal.map((f) => `internal error: ${f.message}`));
  if (problems.length) throw new Error(problems.join('\n'));
  if (JSON.stringify(a.findings) !== JSON.stringify(b.findings)) throw new Error('findings differ between two runs');
}

export interface FuzzRun {
  documents: number;
  analyzed: number;
  ms: number;
}

/**
 * Mutate corpus documents `runs` times (1–4 mutations each); every document gets the parse checks
 * (every 5th parsed twice, for determinism), every `analyzeEvery`-th the full analysis too (twice). fast-check shrinks a failure to a minimal mutation list.
 */
export async function fuzz(seeds: Seed[], runs: number, analyzeEvery: number, seed?: number): Promise<FuzzRun> {
  const started = performance.now();
  let documents = 0;
  let analyzed = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (index, mutations) => {
      const s = seeds[index];
      const text = mutations.reduce(mutate, s.text);
      documents++;
      checkParse(s.uri, text, documents % 5 === 0);
      if (documents % analyzeEvery === 0) {
        analyzed++;
        await checkAnalyze(s.uri, text);
      }
    }),
    { numRuns: runs, seed, endOnFailure: false },
  );
  return { documents, analyzed, ms: performance.now() - started };
}
