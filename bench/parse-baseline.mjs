// The workspace baseline: find the metadata files the way the CLI does, read each one and parse it with
// the `yaml` package (YAML 1.2 reads JSON too), and nothing else. Prints {files, ms} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

const NAMES = ['publiccode.yml', 'publiccode.yaml', 'datapackage.json', 'datapackage.yaml', 'datapackage.yml', 'data.json', 'civic.json'];
const PREFIXED = /[._-](publiccode\.ya?ml|datapackage\.(json|ya?ml)|civic\.json)$/i;
const SKIP = new Set(['node_modules', '.git', '.hg', '.svn']);

function walk(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) walk(full, out);
    } else if (NAMES.includes(e.name.toLowerCase()) || PREFIXED.test(e.name)) out.push(full);
  }
  return out;
}

const t0 = performance.now();
const files = walk(path.resolve(process.argv[2] ?? '.'), []);
let nodes = 0;
for (const f of files) {
  const docs = parseAllDocuments(readFileSync(f, 'utf8'), { prettyErrors: false, uniqueKeys: true });
  nodes += Array.isArray(docs) ? docs.length : 0;
}
console.log(JSON.stringify({ files: files.length, documents: nodes, ms: performance.now() - t0 }));
