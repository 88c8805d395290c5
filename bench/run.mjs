// Side-by-side benchmark: civic-schemas' language server against yaml-language-server (YAML) and VS Code's
// JSON language server (JSON), each given the same official schema with SchemaStore off, over stdio, in one
// run. Then the CLI on a workspace of generated metadata files against merely reading and parsing those
// files with the `yaml` package.
//
//   npm run bench                  full run: 1k and 10k catalogs, real catalogs, publiccode.yml, 5,000 files
//   npm run bench -- --quick       1k catalogs only, 1,000-file workspace, fewer repetitions
//   options: --only ours|peers     --skip-workspace   --workspace-only   --skip-real   --edits N   --requests N
//            --warmup-edits N (edits before the measured ones, default 3; the first is reported alone)
//            --settle-ms N (pause after that first edit, default 1000)
//
// Prints a table with the ratios and the issue's targets, and writes JSON to bench/results/.

import { spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalogJson, catalogYaml, CORPUS, REPO, writeWorkspace } from './generate.mjs';
import { Client } from './lsp.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
// An option given last with no value keeps its default (`--table` alone reprints latest.json).
const option = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] ?? dflt : dflt);
const QUICK = flag('--quick');
const ONLY = option('--only', 'all');
const RESULTS = path.join(REPO, 'bench/results');
const DATA = path.join(RESULTS, 'data');
const SIZES = option('--sizes', QUICK ? '1000' : '1000,10000').split(',').map(Number);
const WORKSPACE_FILES = Number(option('--workspace', QUICK ? '1000' : '5000'));

// The bundles under test are copied first: other work in the same checkout may rebuild dist/ meanwhile.
const SNAPSHOT = path.join(RESULTS, 'dist-snapshot');
/** Edits made (by every server alike) before the measured ones; the first of them is reported alone. */
const WARMUP_EDITS = Number(option('--warmup-edits', '3'));
/** A pause after the first edit, before the other warm-up edits and the measured ones. */
const SETTLE_MS = Number(option('--settle-ms', '1000'));
/** Opens of each generated catalog per server, each in a fresh server process: the median is reported. */
const OPENS = Number(option('--opens', QUICK ? '1' : '3'));
const SERVERS = {
  ours: { label: 'civic-schemas', argv: [path.join(SNAPSHOT, 'server.js'), '--stdio'] },
  // The same server told to publish every finding (limits.maxFindings), not the editor's 1,000.
  oursAll: { label: 'civic-schemas', argv: [path.join(SNAPSHOT, 'server.js'), '--stdio'] },
  yamlls: { label: 'yaml-language-server', argv: [path.join(REPO, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'] },
  jsonls: { label: 'vscode-json-language-server', argv: [path.join(REPO, 'node_modules/vscode-langservers-extracted/bin/vscode-json-language-server'), '--stdio'] },
};

// ------------------------------------------------------------------------------------------- helpers

const log = (...a) => console.error(...a);
const ms = (x) => (x === undefined ? 'n/a' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`);
const mib = (x) => (x === undefined ? 'n/a' : `${Math.round(x)} MiB`);
const sleep = (t) => new Promise((r) => setTimeout(r, t));

function percentile(values, p) {
  if (!values.length) return undefined;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const p50 = (v) => percentile(v, 50);
const p95 = (v) => percentile(v, 95);

function positionAt(text, offset) {
  let line = 0;
  let last = -1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return { line, character: offset - last - 1 };
}

/** Where the benchmark edits, completes and hovers: the `accessLevel` value and `identifier` key of the middle dataset. */
function targetsIn(text, format, n) {
  const id = `-${String(Math.floor(n / 2)).padStart(6, '0')}`;
  const idAt = text.indexOf(id);
  if (idAt === -1) throw new Error(`middle dataset ${id} not found`);
  const keyAt = text.lastIndexOf(format === 'json' ? '"identifier"' : 'identifier:', idAt);
  const access = text.lastIndexOf(format === 'json' ? '"accessLevel": "public"' : 'accessLevel: public', idAt);
  const valueAt = access + (format === 'json' ? '"accessLevel": "'.length : 'accessLevel: '.length);
  return {
    value: { start: positionAt(text, valueAt), end: positionAt(text, valueAt + 'public'.length) },
    completion: positionAt(text, valueAt + 'public'.length),
    hover: positionAt(text, keyAt + 3),
  };
}

// ------------------------------------------------------------------------------------------- data

function prepareData() {
  mkdirSync(DATA, { recursive: true });
  const files = {};
  for (const n of [20, ...SIZES]) {
    const dir = path.join(DATA, `dcat-${n}`);
    mkdirSync(dir, { recursive: true });
    const json = path.join(dir, 'data.json');
    const yaml = path.join(dir, 'data.yaml');
    if (!existsSync(json)) writeFileSync(json, catalogJson(n));
    if (!existsSync(yaml)) writeFileSync(yaml, catalogYaml(n));
    files[n] = { json, yaml };
  }
  // The official DCAT-US 1.1 schemas, for the peers. Their `id`s name project-open-data.cio.gov, against
  // which the relative $refs would resolve (a download); the copies carry their own file URLs instead.
  const schemaDir = path.join(RESULTS, 'schemas');
  mkdirSync(schemaDir, { recursive: true });
  for (const part of ['catalog', 'dataset', 'distribution', 'organization', 'vcard']) {
    const src = JSON.parse(readFileSync(path.join(CORPUS, `schemas/project-open-data__project-open-data.github.io__v1.1__schema__${part}.json`), 'utf8'));
    src.id = `${pathToFileURL(path.join(schemaDir, `${part}.json`)).href}#`;
    writeFileSync(path.join(schemaDir, `${part}.json`), JSON.stringify(src, null, 2));
  }
  writeFileSync(path.join(schemaDir, 'publiccode.json'), readFileSync(path.join(CORPUS, 'schemas/SchemaStore__schemastore__src__schemas__json__publiccode.json')));
  return { files, dcatSchema: pathToFileURL(path.join(schemaDir, 'catalog.json')).href, publiccodeSchema: pathToFileURL(path.join(schemaDir, 'publiccode.json')).href };
}

// ------------------------------------------------------------------------------------------- servers

function startServer(kind, schemaUri, format) {
  const yamlSettings = {
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    schemas: { [schemaUri]: ['*.yaml', '*.yml'] },
  };
  const configuration = (section) => {
    if (kind === 'yamlls') {
      if (section === 'yaml') return yamlSettings;
      if (section === 'http') return { proxy: '', proxyStrictSSL: false };
      return {};
    }
    return null;
  };
  const client = new Client(SERVERS[kind].label, SERVERS[kind].argv, { configuration, cwd: REPO });
  return {
    client,
    async init(rootDir) {
      await client.initialize({
        rootUri: pathToFileURL(rootDir).href,
        // Ours runs with the editor's defaults: at most 1,000 findings per document (VS Code shows no more
        // per file), those of the dataset being edited always among them. `oursAll` publishes every one.
        initializationOptions: kind === 'jsonls' ? { provideFormatter: false, handledSchemaProtocols: ['file'] } : kind === 'oursAll' ? { limits: { maxFindings: 1_000_000 } } : undefined,
      });
      if (kind === 'jsonls') {
        await client.notify('workspace/didChangeConfiguration', {
          settings: {
            http: { proxy: '', proxyStrictSSL: false },
            json: { validate: { enable: true }, schemas: [{ fileMatch: ['*.json'], url: schemaUri }], format: { enable: false } },
          },
        });
      }
      if (kind === 'yamlls') await client.notify('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
      await sleep(200);
    },
    languageId: format,
  };
}

/** Our server answers civicSchemas/detect; without a detected standard it publishes nothing. */
async function detects(server, uri) {
  if (server.client.name !== SERVERS.ours.label) return true;
  const d = await server.client.request('civicSchemas/detect', { uri }).catch(() => null);
  return !!d;
}

// VS Code's JSON server reports schema violations as warnings: any diagnostic on the edited line counts.
const errorOnLine = (line) => (p) => p.diagnostics.some((d) => d.range.start.line === line);
const noErrorOnLine = (line) => (p) => !errorOnLine(line)(p);

/**
 * One document, one server: warm-up on a small document of the same kind, then open → diagnostics, edits
 * → fresh diagnostics, completion and hover (steady state), and completion sent right after an edit.
 */
async function measureDocument(kind, { file, warmup, schemaUri, format, targets, edits, requests }) {
  const server = startServer(kind, schemaUri, format);
  const result = { server: SERVERS[kind].label };
  try {
    await server.init(path.dirname(file));
    const text = readFileSync(file, 'utf8');
    if (warmup) {
      const wuri = pathToFileURL(warmup).href;
      const wait = server.client.waitFor(wuri, () => true, 120_000);
      await server.client.open(wuri, format, readFileSync(warmup, 'utf8'));
      if (await detects(server, wuri)) await wait.catch(() => undefined);
      await server.client.close(wuri);
      await sleep(300);
    }
    const uri = pathToFileURL(file).href;
    let t0 = performance.now();
    let wait = server.client.waitFor(uri, () => true, 600_000);
    await server.client.open(uri, format, text);
    if (!(await detects(server, uri))) {
      result.note = 'no standard detected for this file: nothing published';
      return result;
    }
    const first = await wait;
    result.openMs = first.at - t0;
    result.diagnostics = first.diagnostics.length;
    if (!targets) return result;
    if (errorOnLine(targets.value.start.line)(first)) result.note = 'a diagnostic already sits on the edited line: edit timings are unreliable';

    // Edits: the value toggles between valid and invalid, so each fresh publication is recognisable.
    const line = targets.value.start.line;
    const editMs = [];
    let version = 1;
    const good = targets.original ?? 'public';
    const bad = `${good}X`;
    let current = good;
    // The first edit after an open is reported on its own (`firstEditMs`: code not yet optimised by the
    // JIT, the open's garbage still being collected); the p50/p95 are of the edits after WARMUP_EDITS, for
    // every server alike: the steady state of someone typing.
    for (let i = 0; i < WARMUP_EDITS + edits; i++) {
      const next = current === good ? bad : good;
      const range = { start: targets.value.start, end: { line, character: targets.value.start.character + current.length } };
      wait = server.client.waitFor(uri, next === good ? noErrorOnLine(line) : errorOnLine(line), 180_000);
      t0 = performance.now();
      await server.client.change(uri, ++version, range, next);
      const p = await wait;
      if (i === 0) {
        result.firstEditMs = p.at - t0;
        // The open's aftermath (garbage of a 15 MB message, code still being compiled) is over before the
        // measured edits start, for every server alike: they measure someone typing, not the open.
        await sleep(SETTLE_MS);
      }
      if (i >= WARMUP_EDITS) editMs.push(p.at - t0);
      current = next;
    }
    result.editMs = editMs;
    if (current !== good) {
      const range = { start: targets.value.start, end: { line, character: targets.value.start.character + current.length } };
      wait = server.client.waitFor(uri, noErrorOnLine(line), 600_000);
      await server.client.change(uri, ++version, range, good);
      await wait;
      current = good;
    }
    await sleep(100);

    const completionMs = [];
    let completionItems = 0;
    for (let i = 0; i < requests; i++) {
      t0 = performance.now();
      const r = await server.client.request('textDocument/completion', { textDocument: { uri }, position: targets.completion, context: { triggerKind: 1 } });
      completionMs.push(performance.now() - t0);
      completionItems = Array.isArray(r) ? r.length : (r?.items?.length ?? 0);
    }
    result.completionMs = completionMs;
    result.completionItems = completionItems;
    const hoverMs = [];
    let hovered = false;
    for (let i = 0; i < requests; i++) {
      t0 = performance.now();
      const r = await server.client.request('textDocument/hover', { textDocument: { uri }, position: targets.hover });
      hoverMs.push(performance.now() - t0);
      hovered = !!r;
    }
    result.hoverMs = hoverMs;
    result.hovered = hovered;

    // Completion asked right after an edit, while the server may still be validating.
    const busyMs = [];
    for (let i = 0; i < Math.min(3, edits); i++) {
      const next = current === good ? bad : good;
      const range = { start: targets.value.start, end: { line, character: targets.value.start.character + current.length } };
      wait = server.client.waitFor(uri, next === good ? noErrorOnLine(line) : errorOnLine(line), 600_000);
      await server.client.change(uri, ++version, range, next);
      t0 = performance.now();
      await server.client.request('textDocument/completion', { textDocument: { uri }, position: targets.completion, context: { triggerKind: 1 } });
      busyMs.push(performance.now() - t0);
      await wait;
      current = next;
    }
    result.completionDuringValidationMs = busyMs;
  } catch (err) {
    result.error = String(err?.message ?? err);
  } finally {
    result.peakRssMiB = server.client.peakRssMiB();
    await server.client.shutdown();
    if (result.error) result.stderr = server.client.stderr.slice(-2000);
  }
  return result;
}

// ------------------------------------------------------------------------------------------- workspace

function timeProcess(argv, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => {
      if (out.length < 1_000_000) out += c.toString();
    });
    child.stderr.on('data', (c) => (err += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code, out, err }));
  });
}

async function measureWorkspace() {
  const dir = path.join(DATA, `workspace-${WORKSPACE_FILES}`);
  if (!existsSync(dir)) writeWorkspace(dir, WORKSPACE_FILES);
  const baseline = ['bench/parse-baseline.mjs', dir];
  const cli = [path.join(SNAPSHOT, 'cli.js'), 'check', dir, '--format', 'json'];
  // Warm-up: one run of each fills the file-system cache and compiles nothing that lasts across processes.
  await timeProcess(baseline, REPO);
  await timeProcess(cli, REPO);
  const base = [];
  const ours = [];
  let files;
  let findings;
  for (let i = 0; i < (QUICK ? 2 : 3); i++) {
    const b = await timeProcess(baseline, REPO);
    if (b.code !== 0) throw new Error(`baseline failed: ${b.err}`);
    base.push(b.ms);
    files = JSON.parse(b.out).files;
    const c = await timeProcess(cli, REPO);
    if (c.code === 2) throw new Error(`CLI failed: ${c.err}`);
    ours.push(c.ms);
    try {
      const report = JSON.parse(c.out);
      findings = Array.isArray(report) ? report.reduce((n, f) => n + (f.findings?.length ?? f.messages?.length ?? 0), 0) : undefined;
    } catch {
      findings = undefined;
    }
  }
  return { files, cliMs: ours, baselineMs: base, findings, server: await measureServerWorkspace(dir) };
}

/** The metadata files of a folder, found by name as the extension's "Validate Workspace" finds them. */
function metadataFiles(dir) {
  const name = /(^|[._-])(publiccode\.ya?ml|datapackage\.(json|ya?ml)|civic\.json)$|^data\.json$/;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && name.test(e.name))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
}

/**
 * The server's workspace diagnostics: "Validate Workspace" sends civicSchemas/validateFiles in batches of
 * 100 URIs (as client/src/commands.ts does) until every file is checked and published; meanwhile a
 * completion is asked every 50 ms on an open publiccode.yml, to show the scan does not block it.
 */
async function measureServerWorkspace(dir) {
  const uris = metadataFiles(dir).map((f) => pathToFileURL(f).href);
  const client = new Client(SERVERS.ours.label, SERVERS.ours.argv, { cwd: REPO });
  await client.initialize({ rootUri: pathToFileURL(dir).href, initializationOptions: { limits: { maxFindings: 1_000_000 } } });
  const pcText = readFileSync(path.join(CORPUS, 'publiccode/AUSL-ReggioEmilia__Matilde__publiccode.yml'), 'utf8');
  const pcUri = pathToFileURL(path.join(dir, 'open', 'publiccode.yml')).href;
  client.open(pcUri, 'yaml', pcText);
  await client.waitFor(pcUri);
  const position = { line: pcText.split('\n').findIndex((l) => l.startsWith('developmentStatus:')), character: 'developmentStatus: '.length };
  const completionMs = [];
  let scanning = true;
  const probe = (async () => {
    while (scanning) {
      const t0 = performance.now();
      await client.request('textDocument/completion', { textDocument: { uri: pcUri }, position });
      completionMs.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = performance.now();
  let checked = 0;
  let findings = 0;
  for (let i = 0; i < uris.length; i += 100) {
    const r = await client.request('civicSchemas/validateFiles', { uris: uris.slice(i, i + 100) });
    checked += r.checked;
    findings += r.errors + r.warnings;
  }
  const scanMs = performance.now() - t0;
  scanning = false;
  await probe;
  const peak = client.peakRssMiB();
  await client.shutdown();
  return { files: uris.length, checked, findings, scanMs, completionDuringScanMs: completionMs, peakRssMiB: peak };
}

// ------------------------------------------------------------------------------------------- main

async function main() {
  if (!existsSync(path.join(REPO, 'dist/server.js')) || !existsSync(path.join(REPO, 'dist/cli.js'))) {
    throw new Error('build first: npm run build');
  }
  const started = new Date();
  rmSync(SNAPSHOT, { recursive: true, force: true });
  mkdirSync(SNAPSHOT, { recursive: true });
  for (const f of ['server.js', 'worker.js', 'cli.js']) writeFileSync(path.join(SNAPSHOT, f), readFileSync(path.join(REPO, 'dist', f)));
  const { files, dcatSchema, publiccodeSchema } = prepareData();
  const runPeers = ONLY !== 'ours';
  const runOurs = ONLY !== 'peers';
  // Samples per document: a p95 of 10 samples is their maximum. Fewer only where the peer takes seconds
  // per request (yaml-language-server on the 10k YAML catalog: ~4 s per completion, ~5 s per edit).
  const slowPeer = (n, format) => n >= 10000 && format === 'yaml';
  const edits = (n, format) => Number(option('--edits', QUICK ? 5 : slowPeer(n, format) ? 15 : 30));
  const requests = (n, format) => Number(option('--requests', QUICK ? 10 : slowPeer(n, format) ? 10 : 30));
  const results = { machine: machine(), started: started.toISOString(), quick: QUICK, scenarios: [] };

  const scenario = async (name, format, file, peer, opts, also = []) => {
    log(`\n== ${name}`);
    const entry = { name, format, file: path.relative(REPO, file), bytes: readFileSync(file).length, runs: {} };
    for (const kind of ['ours', ...also, peer]) {
      const isOurs = kind.startsWith('ours');
      if ((isOurs && !runOurs) || (!isOurs && !runPeers)) continue;
      log(`   ${SERVERS[kind].label} …`);
      const run = (entry.runs[kind] = await measureDocument(kind, { file, format, ...opts }));
      // One open is one sample of a noisy number: more opens, each in a fresh server, and their median.
      if ((opts.opens ?? 1) > 1 && run.openMs !== undefined) {
        run.openSamplesMs = [run.openMs];
        for (let i = 1; i < opts.opens; i++) {
          const again = await measureDocument(kind, { file, format, warmup: opts.warmup, schemaUri: opts.schemaUri });
          if (again.openMs !== undefined) run.openSamplesMs.push(again.openMs);
        }
        run.openMs = p50(run.openSamplesMs);
      }
      log(`   ${JSON.stringify(summary(entry.runs[kind]))}`);
    }
    results.scenarios.push(entry);
    writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  };

  const documents = !flag('--workspace-only');
  for (const n of documents ? SIZES : []) {
    for (const format of ['yaml', 'json']) {
      const file = files[n][format];
      await scenario(`DCAT-US ${n / 1000}k datasets (${format.toUpperCase()})`, format, file, format === 'yaml' ? 'yamlls' : 'jsonls', {
        warmup: files[20][format],
        schemaUri: dcatSchema,
        targets: targetsIn(readFileSync(file, 'utf8'), format, n),
        edits: edits(n, format),
        requests: requests(n, format),
        opens: OPENS,
      }, n >= 10000 ? ['oursAll'] : []);
    }
  }

  // A real publiccode.yml: the largest one in the corpus.
  const pcDir = path.join(DATA, 'publiccode');
  mkdirSync(pcDir, { recursive: true });
  const pcSource = path.join(CORPUS, 'publiccode/AUSL-ReggioEmilia__Matilde__publiccode.yml');
  const pcFile = path.join(pcDir, 'publiccode.yml');
  writeFileSync(pcFile, readFileSync(pcSource));
  writeFileSync(path.join(pcDir, 'warmup.publiccode.yml'), readFileSync(path.join(CORPUS, 'publiccode/Amsterdam__signals-frontend__publiccode.yml')));
  if (documents) await scenario('publiccode.yml (real, 9.8 KB)', 'yaml', pcFile, 'yamlls', {
    warmup: path.join(pcDir, 'warmup.publiccode.yml'),
    schemaUri: publiccodeSchema,
    targets: publiccodeTargets(readFileSync(pcFile, 'utf8')),
    edits: Number(option('--edits', QUICK ? 10 : 30)),
    requests: Number(option('--requests', QUICK ? 10 : 30)),
  });

  if (documents && !flag('--skip-real')) {
    const realDir = path.join(CORPUS, 'data-json');
    const real = readdirSync(realDir).filter((f) => f.endsWith('.json')).sort();
    const picked = QUICK ? real.filter((f) => /cms|gsa/.test(f)) : real;
    for (const f of picked) {
      const dir = path.join(DATA, 'real', f.replace(/\.json$/, ''));
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, 'data.json');
      writeFileSync(file, readFileSync(path.join(realDir, f)));
      await scenario(`real ${f.replace(/^laurelkorwin__gov-datajson-diff__/, '')}`, 'json', file, 'jsonls', {
        warmup: files[20].json,
        schemaUri: dcatSchema,
        targets: undefined,
        edits: 0,
        requests: 0,
      });
    }
  }

  if (!flag('--skip-workspace') && runOurs) {
    log(`\n== workspace of ${WORKSPACE_FILES} files`);
    results.workspace = await measureWorkspace();
    log(`   ${JSON.stringify({ cli: p50(results.workspace.cliMs), baseline: p50(results.workspace.baselineMs) })}`);
  }
  results.finished = new Date().toISOString();
  const out = path.join(RESULTS, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2));
  console.log(table(results));
  log(`\nresults: ${path.relative(REPO, out)}`);
}

function publiccodeTargets(text) {
  // Edit the value of `developmentStatus` (an enum), complete there, hover on the `name` key.
  const m = /^developmentStatus: *(\S+)/m.exec(text);
  if (!m) throw new Error('developmentStatus not found in the publiccode.yml');
  const valueAt = m.index + m[0].length - m[1].length;
  const name = /^name:/m.exec(text);
  const pos = positionAt(text, valueAt);
  return {
    value: { start: pos, end: { line: pos.line, character: pos.character + m[1].length } },
    completion: { line: pos.line, character: pos.character + m[1].length },
    hover: positionAt(text, name.index + 1),
    original: m[1],
  };
}

function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadavg: readFileSync('/proc/loadavg', 'utf8').trim(),
  };
}

function summary(r) {
  return {
    open: r.openMs && Math.round(r.openMs),
    opens: r.openSamplesMs?.map(Math.round),
    edit50: p50(r.editMs ?? []) && Math.round(p50(r.editMs)),
    compl95: p95(r.completionMs ?? []) && +p95(r.completionMs).toFixed(1),
    hover95: p95(r.hoverMs ?? []) && +p95(r.hoverMs).toFixed(1),
    rss: r.peakRssMiB && Math.round(r.peakRssMiB),
    diags: r.diagnostics,
    note: r.note,
    error: r.error,
  };
}

// ------------------------------------------------------------------------------------------- table

const TARGETS = {
  'yaml:10000': { open: 1 / 5, edit: 1 / 50, completion: 1 / 50, rss: 1 / 4 },
  'json:10000': { open: 1 / 2, edit: 1 / 20, completionP95Ms: 10 },
};

export function table(results) {
  const rows = [['scenario', 'metric', 'civic-schemas', 'peer', 'ratio', 'target', 'met']];
  const editAt = {};
  for (const s of results.scenarios) {
    const ours = s.runs.ours ?? {};
    const peerKind = Object.keys(s.runs).find((k) => !k.startsWith('ours'));
    const all = s.runs.oursAll;
    const peer = (peerKind && s.runs[peerKind]) || {};
    const n = /(\d+)k datasets/.exec(s.name)?.[1];
    const key = n ? `${s.format}:${Number(n) * 1000}` : '';
    const target = TARGETS[key] ?? {};
    const add = (metric, a, b, fmt, goal, goalText) => {
      const ratio = a !== undefined && b ? a / b : undefined;
      let met = '';
      if (goal !== undefined && ratio !== undefined) met = ratio <= goal ? 'yes' : 'NO';
      rows.push([s.name, metric, fmt(a), fmt(b), ratio === undefined ? '' : `1/${(1 / ratio).toFixed(ratio < 0.1 ? 0 : 1)}`, goalText ?? (goal ? `≤ 1/${Math.round(1 / goal)}` : ''), met]);
    };
    const label = `${s.name} vs ${peer.server ?? 'n/a'}`;
    s.name = label;
    const opens = ours.openSamplesMs?.length ?? 1;
    add(opens > 1 ? `open → diagnostics (median of ${opens} fresh servers)` : 'open → diagnostics', ours.openMs, peer.openMs, ms, target.open);
    if (ours.editMs || peer.editMs) {
      add('edit → diagnostics p50', p50(ours.editMs ?? []), p50(peer.editMs ?? []), ms, target.edit);
      add('edit → diagnostics p95', p95(ours.editMs ?? []), p95(peer.editMs ?? []), ms);
      add('first edit after the open → diagnostics', ours.firstEditMs, peer.firstEditMs, ms);
      add('completion p50', p50(ours.completionMs ?? []), p50(peer.completionMs ?? []), ms, target.completion);
      const c95 = p95(ours.completionMs ?? []);
      const goal95 = target.completionP95Ms;
      rows.push([label, 'completion p95', ms(c95), ms(p95(peer.completionMs ?? [])), '', goal95 ? `≤ ${goal95} ms` : '', goal95 && c95 !== undefined ? (c95 <= goal95 ? 'yes' : 'NO') : '']);
      add('hover p50', p50(ours.hoverMs ?? []), p50(peer.hoverMs ?? []), ms);
      add('hover p95', p95(ours.hoverMs ?? []), p95(peer.hoverMs ?? []), ms);
      add('completion right after an edit p95', p95(ours.completionDuringValidationMs ?? []), p95(peer.completionDuringValidationMs ?? []), ms);
      if (key) editAt[key] = p50(ours.editMs ?? []);
    }
    add('peak RSS', ours.peakRssMiB, peer.peakRssMiB, mib, target.rss);
    if (all) {
      const every = `every finding published (${all.diagnostics ?? '?'})`;
      add(`${every}: open → diagnostics`, all.openMs, peer.openMs, ms);
      add(`${every}: edit → diagnostics p50`, p50(all.editMs ?? []), p50(peer.editMs ?? []), ms);
      add(`${every}: peak RSS`, all.peakRssMiB, peer.peakRssMiB, mib);
      if (key) editAt[`${key}:all`] = p50(all.editMs ?? []);
    }
    if (ours.note || ours.error) rows.push([label, 'civic-schemas note', ours.note ?? ours.error, '', '', '', '']);
    if (peer.error) rows.push([label, 'peer error', '', peer.error, '', '', '']);
    if (/publiccode/.test(s.name) && ours.editMs) {
      const e50 = p50(ours.editMs);
      const c95 = p95(ours.completionMs ?? []);
      rows.push([label, 'target: edit p50 < 15 ms', ms(e50), '', '', '< 15 ms', e50 < 15 ? 'yes' : 'NO']);
      rows.push([label, 'target: completion p95 < 10 ms', ms(c95), '', '', '< 10 ms', c95 < 10 ? 'yes' : 'NO']);
    }
  }
  for (const f of ['yaml', 'json']) {
    const a = editAt[`${f}:10000`];
    const b = editAt[`${f}:1000`];
    if (a !== undefined && b !== undefined) rows.push([`scaling (${f.toUpperCase()})`, 'edit p50 10k / 1k', ms(a), ms(b), `${(a / b).toFixed(2)}×`, '≤ 2×', a / b <= 2 ? 'yes' : 'NO']);
    const e = editAt[`${f}:10000:all`];
    if (e !== undefined && b !== undefined) rows.push([`scaling (${f.toUpperCase()})`, 'edit p50 10k (every finding published) / 1k', ms(e), ms(b), `${(e / b).toFixed(2)}×`, '', '']);
  }
  if (results.workspace) {
    const w = results.workspace;
    const a = p50(w.cliMs);
    const b = p50(w.baselineMs);
    rows.push([`workspace (${w.files} files)`, 'CLI vs read + parse with `yaml`', ms(a), ms(b), `${(a / b).toFixed(2)}×`, '≤ 3×', a / b <= 3 ? 'yes' : 'NO']);
    if (w.server) {
      rows.push([`workspace (${w.files} files)`, `server: Validate Workspace (${w.server.checked} files checked and published)`, ms(w.server.scanMs), ms(b), `${(w.server.scanMs / b).toFixed(2)}×`, '', '']);
      rows.push([`workspace (${w.files} files)`, 'server: completion p95 during that scan', ms(p95(w.server.completionDuringScanMs)), '', '', '', '']);
      rows.push([`workspace (${w.files} files)`, 'server: peak RSS', `${Math.round(w.server.peakRssMiB)} MiB`, '', '', '', '']);
    } else rows.push([`workspace (${w.files} files)`, 'server workspace diagnostics', 'n/a', '', '', '', '']);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  const m = results.machine;
  return [
    `machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, load average at start ${m.loadavg}`,
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

if (flag('--table')) {
  console.log(table(JSON.parse(readFileSync(option('--table', path.join(RESULTS, 'latest.json')), 'utf8'))));
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
