// The nightly fuzz run: the same properties as test/core/fuzz-corpus.test.ts (no throw, ranges inside,
// deterministic findings), over whole corpus files, far more documents, a fresh seed each night and the
// full analysis for every 5th document. Usage:
//   npm run fuzz:long                       (200,000 documents, random seed)
//   FUZZ_RUNS=1000000 FUZZ_SEED=42 npm run fuzz:long
// A failure prints fast-check's shrunk counterexample and the seed to replay it; exit status 1.
import { fileURLToPath } from 'node:url';
import { fuzz, loadCorpus } from '../test/core/fuzz-helpers.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 200_000);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const corpus = fileURLToPath(new URL('../../shared/corpus', import.meta.url));
const seeds = loadCorpus(Number(process.env.FUZZ_MAX_CHARS ?? 64 * 1024), corpus);
console.log(`fuzz:long: ${runs.toLocaleString('en')} documents from ${seeds.length} corpus files, seed ${seed}`);
try {
  const run = await fuzz(seeds, runs, 5, seed);
  console.log(`fuzz:long: ${run.documents} mutated documents (${run.analyzed} fully analysed, twice each) in ${(run.ms / 1000).toFixed(1)} s, 0 failures`);
} catch (err) {
  console.error(String(err?.message ?? err));
  console.error(`fuzz:long: FAILED (replay with FUZZ_SEED=${seed})`);
  process.exit(1);
}
