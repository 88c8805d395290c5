// Deterministic generators for the benchmark: DCAT-US catalogs (YAML and JSON) of N datasets modelled on
// the real agency catalogs in ../shared/corpus/data-json/, and a workspace of many small metadata files.
// Usage as a script: node bench/generate.mjs <out-dir> [--datasets 1000,10000] [--workspace 5000]

import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(REPO, '../shared/corpus');

/** Small, fast, seedable PRNG (mulberry32): the same seed gives the same catalog on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Real datasets from the corpus catalogs, as templates (entries over 4 KB are left out: they are rare). */
export function templates() {
  const dir = path.join(CORPUS, 'data-json');
  const out = [];
  for (const f of readdirSync(dir).sort()) {
    let catalog;
    try {
      catalog = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    } catch {
      continue;
    }
    for (const d of catalog.dataset ?? []) {
      if (d && typeof d === 'object' && JSON.stringify(d).length <= 4000) out.push(d);
    }
  }
  if (out.length === 0) throw new Error(`no dataset templates found in ${dir}`);
  return out;
}

const AGENCIES = ['DHS', 'DOL', 'DOE', 'GSA', 'OPM', 'TREAS', 'USAID', 'FDA', 'FCC', 'CFPB'];

/** A catalog of `n` datasets: real entries, each with its own identifier, title and dates. */
export function catalog(n, seed = 42) {
  const random = rng(seed);
  const pool = templates();
  const dataset = [];
  for (let i = 0; i < n; i++) {
    const t = structuredClone(pool[Math.floor(random() * pool.length)]);
    const agency = AGENCIES[i % AGENCIES.length];
    t.identifier = `${agency}-${String(i).padStart(6, '0')}`;
    t.title = `${String(t.title ?? 'Dataset').slice(0, 90)} #${i}`;
    if (typeof t.description === 'string' && t.description.length > 400) t.description = `${t.description.slice(0, 397)}...`;
    const y = 2012 + Math.floor(random() * 12);
    const m = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    t.modified = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    dataset.push(t);
  }
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': 'https://www.example.gov/data.json',
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset,
  };
}

export function catalogJson(n, seed) {
  return `${JSON.stringify(catalog(n, seed), null, 2)}\n`;
}

export function catalogYaml(n, seed) {
  return YAML.stringify(catalog(n, seed), { lineWidth: 100 });
}

/**
 * A workspace of `count` metadata files: publiccode.yml files from the corpus (most of the files, as in a
 * national software catalogue), small data.json catalogs, datapackage.json and civic.json files, spread
 * over `count / 50` project folders.
 */
export function writeWorkspace(dir, count, seed = 7) {
  const random = rng(seed);
  const read = (sub) =>
    readdirSync(path.join(CORPUS, sub))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => readFileSync(path.join(CORPUS, sub, f), 'utf8'));
  const publiccode = read('publiccode');
  const datapackage = existsSync(path.join(CORPUS, 'datapackage')) ? read('datapackage').filter((t) => t.trimStart().startsWith('{')) : [];
  const civic = existsSync(path.join(CORPUS, 'civic-json')) ? read('civic-json').filter((t) => t.trimStart().startsWith('{')) : [];
  const pool = templates();
  const files = [];
  for (let i = 0; i < count; i++) {
    const folder = path.join(dir, `org-${String(Math.floor(i / 50)).padStart(3, '0')}`, `project-${String(i).padStart(5, '0')}`);
    const r = random();
    let name;
    let text;
    if (r < 0.7 || (datapackage.length === 0 && civic.length === 0)) {
      name = 'publiccode.yml';
      text = publiccode[i % publiccode.length];
    } else if (r < 0.85) {
      name = 'data.json';
      const ds = [];
      for (let k = 0; k < 3; k++) ds.push(pool[Math.floor(random() * pool.length)]);
      text = `${JSON.stringify({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema', dataset: ds }, null, 2)}\n`;
    } else if (r < 0.95 && datapackage.length) {
      name = 'datapackage.json';
      text = datapackage[i % datapackage.length];
    } else {
      name = civic.length ? 'civic.json' : 'publiccode.yml';
      text = civic.length ? civic[i % civic.length] : publiccode[i % publiccode.length];
    }
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, name), text);
    files.push(path.join(folder, name));
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const out = path.resolve(process.argv[2] ?? path.join(REPO, 'bench/results/data'));
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i === -1 ? dflt : process.argv[i + 1];
  };
  mkdirSync(out, { recursive: true });
  for (const n of arg('--datasets', '1000,10000').split(',').map(Number)) {
    writeFileSync(path.join(out, `catalog-${n}.json`), catalogJson(n));
    writeFileSync(path.join(out, `catalog-${n}.yaml`), catalogYaml(n));
  }
  const ws = Number(arg('--workspace', '0'));
  if (ws > 0) writeWorkspace(path.join(out, `workspace-${ws}`), ws);
  console.log(`written to ${out}`);
}
