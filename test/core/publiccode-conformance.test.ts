// Conformance with the reference validator (italia/publiccode-parser-go): its v0 test fixtures and
// what its own tests expect for them (shared/corpus/publiccode-parser-go/expected.tsv).
//
// Figures (printed):
//  (a) every v0 fixture expected valid gives 0 error findings;
//  (b) of the expected v0 error rows that need no network, the share for which we report an error at
//      the same key (our JSON Pointer read as the parser's dotted path), the share also on the same
//      line, and the same for warnings.
// How a row is matched: an error (warning) finding of ours whose pointer names the same key. Three
// cases where the parser names a place inside the one we name also match: a `required-key` finding
// for a missing mapping covers the required keys inside it (the parser reports `legal.license` where
// `legal` itself is missing); a `wrong-type` finding on a value covers the child the parser names
// (`inputTypes.foobar` for a mapping where a list belongs); and when the parser's key does not exist
// in the document (`isBasedOn[0]` for a single string), a finding on the nearest node that exists.
// One case the other way round: a problem with the *name* of a key (an invalid language tag under
// `description`) is reported by the parser on the mapping and by us on the key itself. Lines: the parser anchors on the key; we
// anchor on the value, so a line matches when the expected line is the start line of our range or
// the line of the key our pointer names. Rows whose parser position is 0:0 are left out of the line
// figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { splitPointer } from '../../server/src/core/pointer';
import type { Finding, Workspace } from '../../server/src/core/types';
import { fsWorkspace } from '../helpers/fsWorkspace';

const corpus = resolve(__dirname, '../../../shared/corpus');
const parserGo = join(corpus, 'publiccode-parser-go');
const testdata = join(parserGo, 'testdata');
const realFiles = join(corpus, 'publiccode');

interface Row {
  fixture: string;
  network: string;
  outcome: string;
  severity: 'error' | 'warning' | 'none';
  key: string;
  line: number;
  column: number;
  message: string;
  via: string;
}

/** Rows that only a validator that fetches URLs can produce. */
const NEEDS_NETWORK = /not reachable|HTTP GET failed|is not a valid code repository|failed to get raw URL/;

function readRows(): Row[] {
  const lines = readFileSync(join(parserGo, 'expected.tsv'), 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((l) => {
    const c = l.split('\t');
    return {
      fixture: c[col('fixture')],
      network: c[col('network')],
      outcome: c[col('outcome')],
      severity: c[col('severity')] as Row['severity'],
      key: c[col('key')],
      line: Number(c[col('line')] || 0),
      column: Number(c[col('column')] || 0),
      message: c[col('message')],
      via: c[col('via')],
    };
  });
}

/** The parser's key path in one form: `description[en-US].x` → `description.en-US.x`; indices stay `[n]`. */
export function normalizeKey(key: string): string {
  return key.replace(/\[([^\]\d][^\]]*)\]/g, '.$1').replace(/^\./, '');
}

/** Our JSON Pointer as the parser's dotted path: `/maintenance/contacts/0/email` → `maintenance.contacts[0].email`. */
export function pointerToKey(pointer: string): string {
  let out = '';
  for (const seg of splitPointer(pointer)) {
    if (/^(0|[1-9]\d*)$/.test(seg) && out !== '') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

interface Result {
  findings: Finding[];
  keyLine: Map<string, number>;
  /** Where each key (or, for list items, value) starts: LSP position. */
  keyStart: Map<string, { line: number; character: number }>;
  lineCount: number;
  lastLineLength: number;
  text: string;
}

async function run(file: string, workspace?: Workspace): Promise<Result> {
  const text = new TextDecoder('utf-8').decode(readFileSync(file));
  const uri = pathToFileURL(file).href;
  const analysis = await analyze(uri, text, { standard: { id: 'publiccode' }, workspace });
  const keyLine = new Map<string, number>();
  const keyStart = new Map<string, { line: number; character: number }>();
  for (const [p, info] of analysis.doc.nodes) {
    const at = analysis.doc.positionAt((info.key ?? info.value).start);
    keyLine.set(pointerToKey(p), at.line + 1);
    keyStart.set(pointerToKey(p), at);
  }
  const lines = text.split(/\r\n|\r|\n/);
  return { findings: analysis.findings, keyLine, keyStart, lineCount: lines.length, lastLineLength: lines[lines.length - 1].length, text };
}

function parentKey(key: string): string {
  return key.replace(/(\.[^.[\]]*|\[[^\]]*\])$/, '');
}

function isUnder(key: string, ancestor: string): boolean {
  return ancestor === '' ? key !== '' : key.startsWith(`${ancestor}.`) || key.startsWith(`${ancestor}[`);
}

function covers(f: Finding, expectedKey: string, expectedMessage: string, r: Result): boolean {
  const ours = pointerToKey(f.pointer);
  if (ours === expectedKey) return true;
  if (!isUnder(expectedKey, ours) && !isUnder(ours, expectedKey)) return false;
  if (isUnder(ours, expectedKey)) {
    // A problem with the name of a key: the parser reports it on the mapping that holds the key
    // (`description` for an invalid language tag); we underline the key itself.
    const keyPos = r.keyStart.get(ours);
    return !!keyPos && parentKey(ours) === expectedKey && f.range.start.line === keyPos.line && f.range.start.character === keyPos.character;
  }
  // A missing mapping reported once covers the required keys inside it.
  if (f.ruleId.endsWith('/required-key') && /required/.test(expectedMessage)) return true;
  // A value of the wrong shape: the parser names a child of it (`inputTypes.foobar` for a mapping
  // where a list belongs); we name the value itself.
  if (f.ruleId.endsWith('/wrong-type')) return true;
  // The parser names a place that does not exist in the document (`isBasedOn[0]` for a single
  // string); our finding is on the nearest node that does.
  if (!r.keyLine.has(expectedKey)) {
    let nearest = expectedKey;
    while (nearest !== '' && !r.keyLine.has(nearest)) nearest = nearest.replace(/(\.[^.[\]]*|\[[^\]]*\])$/, '');
    return nearest === ours;
  }
  return false;
}

function lineMatches(f: Finding, r: Result, row: Row): boolean {
  const start = f.range.start.line + 1;
  return start === row.line || r.keyLine.get(pointerToKey(f.pointer)) === row.line;
}

function inside(f: Finding, r: Result): boolean {
  const { start, end } = f.range;
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.character >= 0 && p.line < r.lineCount && (p.line < r.lineCount - 1 || p.character <= r.lastLineLength);
  return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

/** Why we have no finding for an expected row, in words (classified from the row and our result, not per fixture). */
function whyMissed(row: Row, key: string, r: Result): string {
  if (/Italian Public Administration Code|\(iPA\)/.test(row.message)) {
    return 'needs the iPA code list (checked by the reference validator against its embedded copy of IndicePA); not bundled here';
  }
  const typeErrors = r.findings.filter((f) => f.severity === 'error' && /\/(wrong-type|boolean-as-text)$/.test(f.ruleId));
  if (r.keyLine.has(key) && /more than 0 items|is a required field/.test(row.message) && typeErrors.length > 0) {
    return `the key is present in the file: the reference validator's decoder stopped at the type error (${typeErrors
      .map((f) => pointerToKey(f.pointer))
      .join(', ')}) and then saw this value as empty — a cascade we do not reproduce`;
  }
  return 'unexplained';
}

const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)} %`);

test('publiccode conformance with publiccode-parser-go v0 fixtures', { skip: !existsSync(parserGo) && 'shared/corpus is not beside the checkout' }, async () => {
  const rows = readRows().filter((r) => r.fixture.startsWith('v0/'));
  const results = new Map<string, Result>();
  for (const file of listYaml(join(testdata, 'v0'))) {
    const rel = relative(testdata, file);
    const r = await run(file, fsWorkspace(testdata));
    results.set(rel, r);
    for (const f of r.findings) assert.ok(inside(f, r), `${rel}: finding ${f.ruleId} range ${JSON.stringify(f.range)} lies outside the file`);
  }

  // (a) expected-valid fixtures: no errors.
  const validFixtures = [...new Set(rows.filter((r) => r.outcome === 'valid').map((r) => r.fixture))];
  const falseErrors: string[] = [];
  for (const fx of validFixtures) {
    const r = results.get(fx);
    assert.ok(r, `fixture ${fx} not found`);
    for (const f of r.findings.filter((x) => x.severity === 'error')) falseErrors.push(`${fx} ${f.range.start.line + 1}: ${f.ruleId} ${f.message}`);
  }
  // Fixtures with warnings only: no errors either.
  const warnOnly = [...new Set(rows.filter((r) => r.outcome === 'valid_with_warnings').map((r) => r.fixture))];
  for (const fx of warnOnly) {
    for (const f of results.get(fx)?.findings.filter((x) => x.severity === 'error') ?? []) falseErrors.push(`${fx} ${f.range.start.line + 1}: ${f.ruleId} ${f.message}`);
  }

  // (b) error and warning rows.
  const stats = { error: { rows: 0, key: 0, lineRows: 0, line: 0, network: 0 }, warning: { rows: 0, key: 0, lineRows: 0, line: 0, network: 0 } };
  const mismatches: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.severity === 'none') continue;
    // The same expectation asserted by several tests (local and remote) counts once.
    const id = `${row.fixture}\t${row.severity}\t${row.key}\t${row.line}\t${row.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const s = stats[row.severity];
    if (NEEDS_NETWORK.test(row.message)) {
      s.network++;
      continue;
    }
    s.rows++;
    const r = results.get(row.fixture);
    assert.ok(r, `fixture ${row.fixture} not found`);
    const key = normalizeKey(row.key);
    const candidates = r.findings.filter((f) => f.severity === row.severity && covers(f, key, row.message, r));
    if (candidates.length === 0) {
      const ours = r.findings.filter((f) => f.severity === row.severity).map((f) => `${pointerToKey(f.pointer) || '(document)'} [${f.ruleId}]`);
      mismatches.push(`${row.severity} ${row.fixture} ${row.key || '(document)'}:${row.line} "${row.message}" — we report ${ours.length ? ours.join(', ') : `no ${row.severity}`}; ${whyMissed(row, key, r)}`);
      continue;
    }
    s.key++;
    if (row.line > 0) {
      s.lineRows++;
      if (candidates.some((f) => lineMatches(f, r, row))) s.line++;
      else {
        const missing = !r.keyLine.has(key);
        mismatches.push(`line ${row.fixture} ${row.key}: expected line ${row.line}, ours ${candidates.map((f) => f.range.start.line + 1).join('/')}; ${
          missing ? 'a missing key: we underline the key of the mapping that lacks it, the parser points at the first key inside that mapping' : 'unexplained'
        }`);
      }
    }
  }

  // Warnings we give where the parser's expected list has none (fixtures with an expectation only).
  const expectedWarn = new Set(rows.filter((r) => r.severity === 'warning').map((r) => `${r.fixture}\t${normalizeKey(r.key)}`));
  const extraWarnings: string[] = [];
  for (const fx of new Set(rows.map((r) => r.fixture))) {
    for (const f of results.get(fx)?.findings.filter((x) => x.severity === 'warning') ?? []) {
      if (!expectedWarn.has(`${fx}\t${pointerToKey(f.pointer)}`)) extraWarnings.push(`${fx} ${pointerToKey(f.pointer)} [${f.ruleId}]`);
    }
  }

  const e = stats.error;
  const w = stats.warning;
  console.log('publiccode conformance (publiccode-parser-go v0 fixtures, no network)');
  console.log(`  fixtures analysed: ${results.size}; expected-valid fixtures: ${validFixtures.length}; errors on valid or warnings-only fixtures: ${falseErrors.length}`);
  console.log(`  errors:   ${e.key}/${e.rows} rows at the same key = ${pct(e.key, e.rows)}; same line ${e.line}/${e.lineRows} = ${pct(e.line, e.lineRows)} (${e.network} network-only rows left out)`);
  console.log(`  warnings: ${w.key}/${w.rows} rows at the same key = ${pct(w.key, w.rows)}; same line ${w.line}/${w.lineRows} = ${pct(w.line, w.lineRows)}`);
  console.log(`  warnings we add beyond the expected lists: ${extraWarnings.length}`);
  if (falseErrors.length) console.log(`  errors on expected-valid fixtures:\n    ${falseErrors.join('\n    ')}`);
  if (mismatches.length) console.log(`  mismatches:\n    ${mismatches.join('\n    ')}`);
  if (extraWarnings.length) console.log(`  extra warnings:\n    ${extraWarnings.join('\n    ')}`);

  assert.deepEqual(falseErrors, [], 'expected-valid fixtures must give no errors');
  assert.ok(e.key / e.rows >= 0.8, `error rows matched at the same key: ${pct(e.key, e.rows)} (needs ≥ 80 %)`);
});

test('every real publiccode.yml in the corpus gets a result, with ranges inside the file', { skip: !existsSync(realFiles) && 'shared/corpus is not beside the checkout' }, async () => {
  const files = readdirSync(realFiles).filter((f) => /\.ya?ml$/.test(f)).sort();
  assert.ok(files.length > 0);
  let findings = 0;
  for (const name of files) {
    const file = join(realFiles, name);
    // The repositories of these files are not here, so no workspace: file checks skip.
    const r = await run(file);
    findings += r.findings.length;
    for (const f of r.findings) {
      assert.ok(inside(f, r), `${name}: finding ${f.ruleId} range ${JSON.stringify(f.range)} lies outside the file`);
      assert.ok(f.message.length > 0 && !/undefined|\[object Object\]/.test(f.message), `${name}: message ${f.message}`);
      assert.ok(f.ruleId !== 'core/internal-error', `${name}: ${f.message}`);
    }
  }
  console.log(`  real files: ${files.length} analysed, ${findings} findings`);
});
