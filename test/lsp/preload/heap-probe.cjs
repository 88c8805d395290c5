// TEST ONLY, loaded into the language server with `NODE_OPTIONS=--require …` by test/lsp/soak-edits.test.ts:
// on SIGUSR2, collect garbage and append the heap in use (bytes) to $CIVIC_HEAP_PROBE_FILE.
const fs = require('node:fs');
const v8 = require('node:v8');
const vm = require('node:vm');
const { isMainThread } = require('node:worker_threads');

if (isMainThread && process.env.CIVIC_HEAP_PROBE_FILE) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  process.on('SIGUSR2', () => {
    gc();
    gc();
    fs.appendFileSync(process.env.CIVIC_HEAP_PROBE_FILE, `${process.memoryUsage().heapUsed}\n`);
  });
}
