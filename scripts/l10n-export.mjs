// Extracts every `l10n.t('…')` message of the server and the client into l10n/bundle.l10n.json (the English
// source bundle, sorted by key), with @vscode/l10n-dev. The server's call sites import the core's wrapper
// (`import * as l10n from '../l10n'`), which the extractor does not recognise as @vscode/l10n: the import is
// renamed in memory before extraction. Usage: node scripts/l10n-export.mjs [--check]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['server/src', 'client/src'];
export const BUNDLE = path.join(REPO, 'l10n/bundle.l10n.json');

function* tsFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** The English bundle the sources call for, sorted by key. */
export async function extract() {
  const files = [];
  for (const dir of SOURCES) {
    for (const file of tsFiles(path.join(REPO, dir))) {
      const contents = readFileSync(file, 'utf8').replace(/(import \* as l10n from ')(?:\.\.?\/)+(?:core\/)?l10n(';)/g, '$1@vscode/l10n$2');
      files.push({ extension: path.extname(file), contents });
    }
  }
  const bundle = await getL10nJson(files);
  return Object.fromEntries(Object.keys(bundle).sort().map((k) => [k, bundle[k]]));
}

export function serialize(bundle) {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = serialize(await extract());
  if (process.argv.includes('--check')) {
    if (readFileSync(BUNDLE, 'utf8') !== text) {
      console.error('l10n/bundle.l10n.json is out of date: run npm run l10n:export');
      process.exit(1);
    }
  } else {
    writeFileSync(BUNDLE, text);
    console.log(`${path.relative(REPO, BUNDLE)}: ${Object.keys(JSON.parse(text)).length} messages`);
  }
}
