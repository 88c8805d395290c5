// Which files get checked: directory walks, globs, explicit files, and --standard forcing.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { lines, PUBLICCODE_CORPUS, REPO, runCli, STYLISH_LINE, SUMMARY_LINE } from './run';

interface JsonResult {
  file: string;
  standard: string | null;
  version: string | null;
  reason: string | null;
  findings: { ruleId: string; severity: string; pointer: string; line: number; column: number }[];
}

const corpusFiles = readdirSync(PUBLICCODE_CORPUS).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('walking the real publiccode corpus', () => {
  test('every corpus file gets a result, without crashing, and the run exits 1', () => {
    assert.ok(corpusFiles.length >= 30, `corpus has ${corpusFiles.length} files`);
    const r = runCli(['check', '--format', 'json', PUBLICCODE_CORPUS]);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1, 'some corpus files are invalid');
    const results = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(
      results.map((x) => path.basename(x.file)),
      corpusFiles,
      'one result per file, in name order',
    );
    for (const res of results) {
      assert.equal(res.standard, 'publiccode', `${res.file} detected as publiccode`);
      assert.equal(typeof res.reason, 'string');
      for (const f of res.findings) {
        assert.ok(f.line >= 1 && f.column >= 1, `${res.file}: ${JSON.stringify(f)}`);
        assert.match(f.ruleId, /^[a-z0-9-]+\/[a-z0-9-]+$/);
      }
    }
    assert.ok(results.some((x) => x.findings.some((f) => f.severity === 'error')));
  });

  test('stylish over the corpus: every line is well-formed and the summary counts all files', () => {
    const r = runCli(['check', PUBLICCODE_CORPUS]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const out = lines(r.stdout);
    const summary = out.at(-1)!;
    assert.match(summary, SUMMARY_LINE);
    assert.match(summary, new RegExp(` of ${corpusFiles.length} files$`));
    const findingLines = out.slice(0, -1);
    const files = new Set<string>();
    for (const l of findingLines) {
      const m = STYLISH_LINE.exec(l);
      assert.ok(m, `not a stylish line: ${l}`);
      files.add(m.groups!.file);
    }
    const withProblems = Number(/in (\d+) of/.exec(summary)![1]);
    assert.equal(files.size, withProblems);
    const count = Number(/^✖ (\d+) problems/.exec(summary)![1]);
    assert.equal(findingLines.length, count);
  });

  test('--format github over the corpus: streamed per file in order', () => {
    const r = runCli(['check', '--format', 'github', PUBLICCODE_CORPUS]);
    assert.equal(r.status, 1);
    const order = lines(r.stdout)
      .filter((l) => l.startsWith('::'))
      .map((l) => path.basename(/file=([^,]+)/.exec(l)![1]));
    const firstSeen = order.filter((f, i) => order.indexOf(f) === i);
    assert.deepEqual(firstSeen, [...firstSeen].sort(), 'files appear in walk order');
    // Each file's annotations are contiguous (a file is printed when it completes, not interleaved).
    const runs = order.filter((f, i) => i === 0 || order[i - 1] !== f);
    assert.equal(runs.length, firstSeen.length);
  });
});

describe('discovery', () => {
  let tmp: string;
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'civic-cli-walk-'));
    const sample = path.join(PUBLICCODE_CORPUS, corpusFiles[0]);
    mkdirSync(path.join(tmp, 'app/node_modules/dep'), { recursive: true });
    mkdirSync(path.join(tmp, 'app/.git'), { recursive: true });
    mkdirSync(path.join(tmp, 'app/sub'), { recursive: true });
    copyFileSync(sample, path.join(tmp, 'app/publiccode.yml'));
    copyFileSync(sample, path.join(tmp, 'app/sub/publiccode.yaml'));
    copyFileSync(sample, path.join(tmp, 'app/node_modules/dep/publiccode.yml'));
    copyFileSync(sample, path.join(tmp, 'app/.git/publiccode.yml'));
    copyFileSync(sample, path.join(tmp, 'app/sub/other.yml'));
    writeFileSync(path.join(tmp, 'app/notes.yml'), 'title: meeting notes\nattendees: [a, b]\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('a directory walk finds metadata names, skipping node_modules and .git and other names', () => {
    const r = runCli(['check', '--format', 'json', 'app'], { cwd: tmp });
    const files = (JSON.parse(r.stdout) as JsonResult[]).map((x) => x.file);
    assert.deepEqual(files, [path.join('app', 'publiccode.yml'), path.join('app', 'sub', 'publiccode.yaml')]);
  });

  test('an explicit file is checked whatever its name; duplicates are checked once', () => {
    const r = runCli(['check', '--format', 'json', 'app/sub/other.yml', 'app', 'app/publiccode.yml'], { cwd: tmp });
    const files = (JSON.parse(r.stdout) as JsonResult[]).map((x) => x.file);
    assert.deepEqual(files, [path.join('app', 'sub', 'other.yml'), path.join('app', 'publiccode.yml'), path.join('app', 'sub', 'publiccode.yaml')]);
  });

  test('globs are expanded (quoted, as a shell would pass them) and skip node_modules', () => {
    const r = runCli(['check', '--format', 'json', 'app/**/publiccode.*'], { cwd: tmp });
    const files = (JSON.parse(r.stdout) as JsonResult[]).map((x) => x.file);
    assert.deepEqual(files, [path.join('app', 'publiccode.yml'), path.join('app', 'sub', 'publiccode.yaml')]);
  });

  test('paths are shown relative to the current directory, or absolute when that is shorter', () => {
    const inside = runCli(['check', '--format', 'json', path.join(tmp, 'app/publiccode.yml')], { cwd: path.join(tmp, 'app') });
    assert.equal((JSON.parse(inside.stdout) as JsonResult[])[0].file, 'publiccode.yml');
    const up = runCli(['check', '--format', 'json', path.join(tmp, 'app/publiccode.yml')], { cwd: path.join(tmp, 'app/sub') });
    assert.equal((JSON.parse(up.stdout) as JsonResult[])[0].file, path.join('..', 'publiccode.yml'));
    const far = runCli(['check', '--format', 'json', path.join(tmp, 'app/publiccode.yml')], { cwd: REPO });
    const farFile = (JSON.parse(far.stdout) as JsonResult[])[0].file;
    const rel = path.relative(REPO, path.join(tmp, 'app/publiccode.yml'));
    const abs = path.join(tmp, 'app/publiccode.yml');
    assert.equal(farFile, abs.length < rel.length ? abs : rel);
  });

  test('a file that cannot be read: the others are still reported, then exit 2', () => {
    // Reading /proc/self/mem from the start fails with EIO: a real read error even for root.
    const r = runCli(['check', '/proc/self/mem', 'app/publiccode.yml'], { cwd: tmp });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /in \d+ of 1 file|no problems in 1 file/);
    assert.deepEqual(lines(r.stderr), ["civic-schemas: cannot read '/proc/self/mem': EIO", 'civic-schemas: 1 file could not be checked']);
  });

  test('an explicit file that no standard claims gets a core/no-standard warning (exit 0)', () => {
    const r = runCli(['check', 'app/notes.yml'], { cwd: tmp });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const out = lines(r.stdout);
    assert.equal(out.length, 2, r.stdout);
    const m = STYLISH_LINE.exec(out[0]);
    assert.ok(m, out[0]);
    assert.deepEqual([m.groups!.file, m.groups!.line, m.groups!.column, m.groups!.severity, m.groups!.ruleId], [path.join('app', 'notes.yml'), '1', '1', 'warning', 'core/no-standard']);
    assert.match(m.groups!.message, /no standard detected/i);
    assert.match(m.groups!.message, /--standard/);
    assert.equal(out[1], '✖ 1 problem (0 errors, 1 warning) in 1 of 1 file');
  });

  test('--max-warnings turns too many warnings into exit 1', () => {
    const r = runCli(['check', '--max-warnings', '0', 'app/notes.yml'], { cwd: tmp });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /too many warnings: 1, and --max-warnings allows 0/);
    assert.equal(runCli(['check', '--max-warnings', '1', 'app/notes.yml'], { cwd: tmp }).status, 0);
  });

  test('a walked file that no standard claims is skipped and counted as skipped', () => {
    const dir = path.join(tmp, 'data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'data.json'), JSON.stringify([{ temperature: 21.5 }, { temperature: 19 }]));
    copyFileSync(path.join(PUBLICCODE_CORPUS, corpusFiles[0]), path.join(dir, 'publiccode.yml'));
    const r = runCli(['check', '--format', 'json', 'data'], { cwd: tmp });
    const files = (JSON.parse(r.stdout) as JsonResult[]).map((x) => x.file);
    assert.deepEqual(files, [path.join('data', 'publiccode.yml')]);
    const s = runCli(['check', 'data'], { cwd: tmp });
    assert.match(lines(s.stdout).at(-1)!, /; 1 file skipped \(no standard detected\)$/);
  });
});

describe('--standard', () => {
  let tmp: string;
  // A corpus file that declares an old version, copied unmodified under a name no standard claims.
  const source = corpusFiles.find((f) => /^publiccodeYmlVersion: ["']0\.2["']/m.test(readFileSync(path.join(PUBLICCODE_CORPUS, f), 'utf8')));
  before(() => {
    tmp = mkdtempSync(path.join(tmpdir(), 'civic-cli-std-'));
    assert.ok(source, 'a corpus file declaring 0.2');
    copyFileSync(path.join(PUBLICCODE_CORPUS, source), path.join(tmp, 'software-catalogue-entry.yml'));
    writeFileSync(path.join(tmp, 'notes.yml'), 'title: meeting notes\n');
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('publiccode@0.7 forces the standard and version on a file with another name', () => {
    const plain = JSON.parse(runCli(['check', '--format', 'json', 'software-catalogue-entry.yml'], { cwd: tmp }).stdout) as JsonResult[];
    const forced = runCli(['check', '--format', 'json', '--standard', 'publiccode@0.7', 'software-catalogue-entry.yml'], { cwd: tmp });
    const [res] = JSON.parse(forced.stdout) as JsonResult[];
    assert.equal(res.standard, 'publiccode');
    assert.equal(res.version, '0.7');
    assert.match(res.reason!, /--standard publiccode@0\.7/);
    assert.notEqual(plain[0].version, '0.7', 'without --standard the declared version applies');
    assert.ok(!res.findings.some((f) => f.ruleId === 'core/no-standard'));
  });

  test('forcing a standard checks a file that would otherwise get no-standard', () => {
    const r = runCli(['check', '--format', 'json', '-s', 'publiccode', 'notes.yml'], { cwd: tmp });
    assert.equal(r.status, 1, 'required keys are missing');
    const [res] = JSON.parse(r.stdout) as JsonResult[];
    assert.equal(res.standard, 'publiccode');
    assert.ok(res.findings.some((f) => f.severity === 'error' && f.ruleId.startsWith('publiccode/')), JSON.stringify(res.findings));
  });

  test('forcing applies to walked directories too (no file is skipped)', () => {
    mkdirSync(path.join(tmp, 'walk'), { recursive: true });
    writeFileSync(path.join(tmp, 'walk', 'data.json'), '[1, 2, 3]\n');
    const r = runCli(['check', '--format', 'json', '--standard', 'publiccode', 'walk'], { cwd: tmp });
    const results = JSON.parse(r.stdout) as JsonResult[];
    assert.deepEqual(results.map((x) => [x.file, x.standard]), [[path.join('walk', 'data.json'), 'publiccode']]);
    assert.equal(r.status, 1);
  });
});
