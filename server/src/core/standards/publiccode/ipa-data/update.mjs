// Regenerates schemas/publiccode/ipa-codes.json (what the server bundles and the .vsix ships) from
// ipa-codes.txt beside this script (the list as published, one code per line). Run after replacing
// ipa-codes.txt with a newer copy, giving the commit it was taken from and the day it was retrieved:
//   node server/src/core/standards/publiccode/ipa-data/update.mjs <commit> <YYYY-MM-DD>
// test/core/publiccode-ipa.test.ts fails while the two files disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** The JSON form of the list: where it comes from, and the codes as one newline-separated string. */
export function ipaCodesJson(text, commit, retrieved) {
  const codes = text.split('\n').filter((line) => line !== '');
  return `${JSON.stringify(
    {
      source: 'IndicePA, the index of Italian public administrations kept by AgID, https://indicepa.gov.it',
      license: 'CC-BY-4.0 (attribution: AgID - IndicePA)',
      via: 'italia/publiccode-parser-go data/it/ipa_codes.txt (mirrors publiccodeyml/italian-organizations-ipa-vocabulary)',
      commit,
      retrieved,
      count: codes.length,
      codes: codes.join('\n'),
    },
    null,
    2,
  )}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [commit, retrieved] = process.argv.slice(2);
  if (!/^[0-9a-f]{40}$/.test(commit ?? '') || !/^\d{4}-\d{2}-\d{2}$/.test(retrieved ?? '')) {
    console.error('usage: node server/src/core/standards/publiccode/ipa-data/update.mjs <40-hex commit> <YYYY-MM-DD>');
    process.exit(2);
  }
  const text = readFileSync(join(here, 'ipa-codes.txt'), 'utf8');
  writeFileSync(join(here, '../../../../../../schemas/publiccode/ipa-codes.json'), ipaCodesJson(text, commit, retrieved));
}
