// Property-based fuzzing over the shared corpus (fast-check): insertions (structural tokens, random
// unicode, lone surrogates, BOMs, conflict markers), deletions, indentation shifts, duplicated lines and
// truncations. Every mutated document: no throw, every range inside the document, the same findings
// twice. 20,000 documents get the parse-level checks (corpus files cut to 1.5 KB keep that fast; every
// 5th parsed twice), every 40th the full analysis (twice). FUZZ_SEED=<n> replays a run; `npm run fuzz:long` runs far more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, loadCorpus } from './fuzz-helpers';

const RUNS = 20_000;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_611;

test(`${RUNS.toLocaleString('en')} mutated corpus documents: no throw, ranges inside, deterministic`, { timeout: 240_000 }, async (t) => {
  const seeds = loadCorpus(1500);
  assert.ok(seeds.length >= 100, `corpus: ${seeds.length} files`);
  const run = await fuzz(seeds, RUNS, 40, seed);
  t.diagnostic(`fuzz: ${run.documents} mutated documents (${run.analyzed} fully analysed, twice each) from ${seeds.length} corpus files in ${(run.ms / 1000).toFixed(1)} s, seed ${seed}, 0 failures`);
  assert.ok(run.documents >= RUNS);
});
