// Every real Data Package of shared/corpus/datapackage (unmodified), under the name it has in its
// repository: a verdict without a crash, every range and every fix inside the file, in v1 (as
// declared or by default) and forced to v2; and the verdict itself, file by file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { analyze } from '../../server/src/core/analyze';
import type { Finding, Range } from '../../server/src/core/types';

const corpus = resolve(__dirname, '../../../shared/corpus');
const dir = join(corpus, 'datapackage');

function originalName(file: string): string {
  const tsv = join(corpus, 'SOURCES.tsv');
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n')) {
      const c = line.split('\t');
      if (c[1] === `datapackage/${file}` && c[3]) return basename(c[3]);
    }
  }
  return file.endsWith('.yaml') ? 'datapackage.yaml' : 'datapackage.json';
}

function inside(text: string, r: Range): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  return ok(r.start) && ok(r.end) && (r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character));
}

function checkFindings(file: string, text: string, findings: Finding[]): void {
  for (const f of findings) {
    assert.notEqual(f.ruleId, 'core/internal-error', `${file}: ${f.message}`);
    assert.ok(inside(text, f.range), `${file}: ${f.ruleId} at ${f.pointer} has a range outside the file: ${JSON.stringify(f.range)}`);
    assert.ok(f.message.length > 20 && !/\(\?[=!]|\[\^|\\d\{/.test(f.message), `${file}: message for people, no regex: ${f.message}`);
    for (const fix of f.fixes ?? []) for (const e of fix.edits) assert.ok(inside(text, e.range), `${file}: fix "${fix.title}" edits outside the file`);
  }
}

const files = existsSync(dir) ? readdirSync(dir).sort() : [];

test('corpus: every Data Package gets a verdict, in v1 and in v2, with ranges and fixes inside the file', async () => {
  assert.ok(files.length >= 20, `only ${files.length} files`);
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const uri = `file:///corpus/${originalName(file)}`;
    const r = await analyze(uri, text);
    assert.equal(r.detection?.standardId, 'datapackage', file);
    checkFindings(file, text, r.findings);
    for (const version of ['1', '2']) {
      const forced = await analyze(uri, text, { standard: { id: 'datapackage', version } });
      assert.equal(forced.detection?.version, version);
      checkFindings(`${file} (v${version})`, text, forced.findings);
    }
  }
});

/**
 * The verdict per file (as declared, v1 for all of them): the rule ids of its errors. Reasons:
 * CT Data Collaborative is a pre-1.0 package (license without an id, a resource without a name, source
 * `name` for `title`); the official examples that still write licences as {id, url} (pre-1.0) have no
 * name or path; the ISO 639 example uses the Language Support pattern (objects for texts), which is
 * not part of v1 or v2.
 */
const ERRORS: Record<string, string[]> = {
  'CT-Data-Collaborative__alcohol-use__datapackage.json': ['deprecated-property', 'license-name', 'required-key'],
  'frictionlessdata__example-data-packages__geo-countries__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geo-lat-lon-as-numbers__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geo-location-fk__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geo-location-uri__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geopoint-array__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geopoint-default__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__geopoint-object__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__gross-domestic-product-2014__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__gross-domestic-product-all__datapackage.json': ['deprecated-property'],
  'frictionlessdata__example-data-packages__iso-639-1-language-codes__datapackage.json': ['wrong-type'],
  'frictionlessdata__example-data-packages__periodic-table__datapackage.json': ['deprecated-property'],
};

test('corpus: the verdict, file by file (error rule ids; every other file has no error)', async () => {
  const got: Record<string, string[]> = {};
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const r = await analyze(`file:///corpus/${originalName(file)}`, text);
    const ids = [...new Set(r.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId.replace('datapackage/', '')))].sort();
    if (ids.length) got[file] = ids;
  }
  // Files that left the corpus are not required; every file present must match.
  const expected = Object.fromEntries(Object.entries(ERRORS).filter(([f]) => files.includes(f)));
  assert.deepEqual(got, expected);
});

test('corpus: pre-1.0 licences {id, url} get a fix that renames them, after which the file has no error', async () => {
  const file = 'frictionlessdata__example-data-packages__periodic-table__datapackage.json';
  if (!files.includes(file)) return;
  let text = readFileSync(join(dir, file), 'utf8');
  for (let round = 0; round < 4; round++) {
    const r = await analyze('file:///corpus/datapackage.json', text);
    const f = r.findings.find((x) => x.severity !== 'hint' && x.ruleId === 'datapackage/deprecated-property' && x.fixes?.length);
    if (!f) break;
    const doc = r.doc;
    const e = f.fixes![0].edits[0];
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  const after = await analyze('file:///corpus/datapackage.json', text);
  assert.deepEqual(after.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.pointer]), []);
  assert.deepEqual(JSON.parse(text).licenses, [{ name: 'CC0-1.0', title: 'CC0 1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }]);
});

test('broken input: syntax errors and non-object descriptors never crash the rules', async () => {
  for (const [name, text] of [
    ['datapackage.yaml', 'resources:\n  - name: a\n   path: x\n  bad: [\n'],
    ['datapackage.json', '{"resources": [{"name": "a", "path": "a.csv",}]'],
    ['datapackage.json', '[1, 2, 3]'],
    ['datapackage.json', '"just a string"'],
    ['datapackage.yaml', ''],
    ['datapackage.json', '{"resources": "a.csv", "licenses": "CC0", "contributors": {"a": 1}}'],
    ['datapackage.json', '{"resources": [null, 1, "x", {"name": 5, "path": 7, "schema": {"fields": [null, {"name": []}], "primaryKey": 3, "foreignKeys": [null, {"fields": 1, "reference": []}]}}]}'],
  ]) {
    const r = await analyze(`file:///repo/${name}`, text);
    checkFindings(name, text, r.findings);
  }
});
