// Exit status and error handling of `civic-schemas`: 0 no errors, 1 errors, 2 usage or I/O problems,
// and never a stack trace for bad input.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { lines, PARSER_GO_V0, REPO, runCli, STYLISH_LINE, SUMMARY_LINE } from './run';

const VALID_EXAMPLE = 'examples/valid/publiccode.yml';
const INVALID_EXAMPLE = 'examples/invalid/publiccode.yml';

/** A usage or I/O error: status 2, nothing on stdout, one short line (plus an optional hint) on stderr. */
function assertUsageError(r: { status: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  assert.equal(r.status, 2, `expected exit 2, got ${r.status}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  const errLines = lines(r.stderr);
  assert.ok(errLines.length >= 1 && errLines.length <= 2, `stderr should be one line plus a hint:\n${r.stderr}`);
  assert.match(errLines[0], /^civic-schemas: /);
  assert.match(errLines[0], pattern);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
}

describe('exit status', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'civic-cli-exit-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('0 for the valid example, with a summary and no findings', () => {
    const r = runCli(['check', VALID_EXAMPLE]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(lines(r.stdout), ['✔ no problems in 1 file']);
  });

  test('0 for a valid corpus fixture of the reference parser', () => {
    const r = runCli(['check', path.join(PARSER_GO_V0, 'valid/valid.minimal.yml')]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('1 for the invalid example, with one line per finding and a summary', () => {
    const r = runCli(['check', INVALID_EXAMPLE]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    const out = lines(r.stdout);
    const findings = out.slice(0, -1);
    assert.ok(findings.length >= 6, `expected the six planted mistakes at least:\n${r.stdout}`);
    for (const l of findings) assert.match(l, STYLISH_LINE);
    assert.match(out[out.length - 1], SUMMARY_LINE);
    assert.match(out[out.length - 1], /^✖ \d+ problems \(\d+ errors?, \d+ warnings?\) in 1 of 1 file$/);
  });

  test('1 when one of several files has errors, and all files are reported', () => {
    const r = runCli(['check', VALID_EXAMPLE, INVALID_EXAMPLE]);
    assert.equal(r.status, 1);
    assert.match(lines(r.stdout).at(-1)!, / in 1 of 2 files$/);
  });

  test('checking examples/ walks both examples and exits 1 because of the invalid one', () => {
    const r = runCli(['check', 'examples/']);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const files = new Set(lines(r.stdout).map((l) => STYLISH_LINE.exec(l)?.groups?.file).filter(Boolean));
    assert.deepEqual([...files], [path.join('examples', 'invalid', 'publiccode.yml')]);
    assert.match(lines(r.stdout).at(-1)!, / in 1 of 2 files$/);
  });

  test('2 for a missing file, naming it', () => {
    assertUsageError(runCli(['check', 'does/not/exist/publiccode.yml']), /no such file or directory: 'does\/not\/exist\/publiccode\.yml'/);
  });

  test('2 for a missing file even when other files are fine, and nothing is checked', () => {
    const r = runCli(['check', VALID_EXAMPLE, 'missing.yml']);
    assertUsageError(r, /'missing\.yml'/);
  });

  test('2 for a dangling symbolic link', () => {
    const link = path.join(tmp, 'publiccode.yml');
    symlinkSync(path.join(tmp, 'nowhere.yml'), link);
    assertUsageError(runCli(['check', link]), /no such file or directory/);
  });

  test('2 for a glob that matches nothing', () => {
    assertUsageError(runCli(['check', 'examples/**/*.nothing']), /no files match 'examples\/\*\*\/\*\.nothing'/);
  });

  test('2 for a directory without metadata files', () => {
    const empty = mkdtempSync(path.join(tmp, 'empty-'));
    writeFileSync(path.join(empty, 'README.md'), '# nothing here\n');
    assertUsageError(runCli(['check', empty]), /no metadata files found/);
  });

  test('2 for an unknown flag', () => {
    assertUsageError(runCli(['check', '--frobnicate', VALID_EXAMPLE]), /unknown option '--frobnicate'/);
  });

  test('2 for an unknown format', () => {
    assertUsageError(runCli(['check', '--format', 'xml', VALID_EXAMPLE]), /unknown format 'xml'; use one of stylish, json, sarif, github/);
  });

  test('2 for a flag missing its value', () => {
    assertUsageError(runCli(['check', VALID_EXAMPLE, '--format']), /--format needs a value/);
  });

  test('2 for an unknown standard or version', () => {
    assertUsageError(runCli(['check', '--standard', 'nope', VALID_EXAMPLE]), /unknown standard 'nope'; known standards: .*publiccode/);
    assertUsageError(runCli(['check', '--standard', 'publiccode@9.9', VALID_EXAMPLE]), /publiccode has no version '9\.9'/);
  });

  test('2 for a bad --max-warnings', () => {
    assertUsageError(runCli(['check', '--max-warnings', 'lots', VALID_EXAMPLE]), /--max-warnings needs a whole number/);
    assertUsageError(runCli(['check', '--max-warnings', '-1', VALID_EXAMPLE]), /max-warnings/);
  });

  test('2 without a command, or with an unknown one (with a hint for a path)', () => {
    assertUsageError(runCli([]), /missing command/);
    assertUsageError(runCli(['lint']), /unknown command 'lint'$/);
    assertUsageError(runCli([VALID_EXAMPLE]), /did you mean `civic-schemas check examples\/valid\/publiccode\.yml`\?/);
  });

  test('--help prints usage on stdout and exits 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^Usage: civic-schemas check \[options\] \[paths\.\.\.\]/);
    for (const flag of ['--format', '--standard', '--quiet', '--max-warnings', '--version']) assert.ok(r.stdout.includes(flag), flag);
    assert.equal(runCli(['check', '-h']).stdout, r.stdout);
  });

  test('--version prints the package version and exits 0', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const r = runCli(['--version']);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${version}\n`);
  });

  test('a binary file is checked without crashing', () => {
    const bin = path.join(tmp, 'blob.publiccode.yml');
    writeFileSync(bin, Buffer.from([0, 1, 2, 255, 254, 10, 0x7b, 0x5b, 0x3a]));
    const r = runCli(['check', bin]);
    assert.ok(r.status === 0 || r.status === 1, `status ${r.status}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /^\s+at /m);
    for (const l of lines(r.stdout).slice(0, -1)) assert.match(l, STYLISH_LINE);
  });
});
