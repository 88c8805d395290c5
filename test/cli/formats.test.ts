// The four output formats, checked on real files: positions must point where the problem is.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { lines, PARSER_GO_V0, positionOf, REPO, runCli, STYLISH_LINE, SUMMARY_LINE } from './run';

const DEV_STATUS = path.join(PARSER_GO_V0, 'invalid/developmentStatus_invalid.yml');
const LICENSE = path.join(PARSER_GO_V0, 'invalid/legal_license_invalid.yml');
const INVALID_EXAMPLE = 'examples/invalid/publiccode.yml';
const rel = (p: string) => path.relative(REPO, p);

interface JsonResult {
  file: string;
  standard: string | null;
  version: string | null;
  reason: string | null;
  findings: { ruleId: string; severity: string; message: string; pointer: string; line: number; column: number; endLine: number; endColumn: number }[];
}

function checkJson(args: string[]): { status: number | null; results: JsonResult[] } {
  const r = runCli(['check', '--format', 'json', ...args]);
  assert.equal(r.stderr, '');
  return { status: r.status, results: JSON.parse(r.stdout) as JsonResult[] };
}

describe('stylish', () => {
  test('points at the invalid developmentStatus value of a corpus file, 1-based', () => {
    const text = readFileSync(DEV_STATUS, 'utf8');
    const expected = positionOf(text, '"foobar"'); // the value of `developmentStatus:`
    assert.ok(text.split('\n')[expected.line - 1].startsWith('developmentStatus:'));
    const r = runCli(['check', DEV_STATUS]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const parsed = lines(r.stdout).slice(0, -1).map((l) => {
      const m = STYLISH_LINE.exec(l);
      assert.ok(m, `not a stylish line: ${l}`);
      return m.groups!;
    });
    const hit = parsed.find((g) => g.message.includes('foobar'));
    assert.ok(hit, `no finding quotes the bad value:\n${r.stdout}`);
    assert.equal(hit.file, rel(DEV_STATUS));
    assert.equal(hit.severity, 'error');
    assert.deepEqual({ line: Number(hit.line), column: Number(hit.column) }, expected);
  });

  test('points at a licence that is not an SPDX expression', () => {
    const text = readFileSync(LICENSE, 'utf8');
    const expected = positionOf(text, 'Invalid License');
    const r = runCli(['check', LICENSE]);
    assert.equal(r.status, 1);
    const at = lines(r.stdout)
      .map((l) => STYLISH_LINE.exec(l)?.groups)
      .find((g) => g && Number(g.line) === expected.line);
    assert.ok(at, `nothing reported on line ${expected.line}:\n${r.stdout}`);
    assert.equal(Number(at.column), expected.column);
    assert.equal(at.severity, 'error');
  });

  test('--quiet reports errors only, and the summary counts what is shown', () => {
    const all = runCli(['check', INVALID_EXAMPLE]);
    const quiet = runCli(['check', '--quiet', INVALID_EXAMPLE]);
    assert.equal(quiet.status, 1);
    const allLines = lines(all.stdout).slice(0, -1);
    const quietLines = lines(quiet.stdout).slice(0, -1);
    assert.ok(allLines.some((l) => / warning /.test(l)), 'the invalid example should have a warning (deprecated key)');
    assert.deepEqual(quietLines, allLines.filter((l) => STYLISH_LINE.exec(l)?.groups?.severity === 'error'));
    assert.match(lines(quiet.stdout).at(-1)!, new RegExp(`^✖ ${quietLines.length} problems \\(${quietLines.length} errors, 0 warnings\\)`));
  });

  test('--color paints severities; output to a pipe has no escape codes by default', () => {
    const plain = runCli(['check', DEV_STATUS]);
    assert.doesNotMatch(plain.stdout, /\x1b\[/);
    const colored = runCli(['check', '--color', DEV_STATUS]);
    assert.match(colored.stdout, /\x1b\[31merror\x1b\[0m/);
    assert.equal(colored.stdout.replace(/\x1b\[\d+m/g, ''), plain.stdout);
    assert.doesNotMatch(runCli(['check', DEV_STATUS], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  test('reports columns in UTF-16 code units after characters outside the BMP', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(path.join(tmpdir(), 'civic-cli-utf16-'));
    try {
      const valid = readFileSync(path.join(REPO, 'examples/valid/publiccode.yml'), 'utf8');
      const text = valid.replace(/^developmentStatus: stable$/m, 'developmentStatus: {"🏛️🏛️": 1, x: production}');
      assert.notEqual(text, valid);
      const file = path.join(dir, 'publiccode.yml');
      writeFileSync(file, text);
      const r = runCli(['check', '--format', 'json', file]);
      const [result] = JSON.parse(r.stdout) as JsonResult[];
      const f = result.findings.find((x) => x.pointer === '/developmentStatus');
      assert.ok(f, r.stdout);
      const expected = positionOf(text, '{"🏛️🏛️"');
      assert.deepEqual({ line: f.line, column: f.column }, expected);
      // The end is exclusive and counts the emoji as two code units each.
      const lineText = text.split('\n')[expected.line - 1];
      assert.deepEqual({ endLine: f.endLine, endColumn: f.endColumn }, { endLine: expected.line, endColumn: lineText.length + 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('json', () => {
  test('one entry per file with detection and 1-based findings that agree with stylish', () => {
    const { status, results } = checkJson([DEV_STATUS, 'examples/valid/publiccode.yml']);
    assert.equal(status, 1);
    assert.equal(results.length, 2);
    const [bad, good] = results;
    assert.equal(bad.file, rel(DEV_STATUS));
    assert.equal(bad.standard, 'publiccode');
    assert.equal(typeof bad.version, 'string');
    assert.equal(typeof bad.reason, 'string');
    assert.deepEqual(good.findings, []);
    assert.equal(good.standard, 'publiccode');
    const stylish = lines(runCli(['check', DEV_STATUS]).stdout).slice(0, -1);
    assert.equal(bad.findings.length, stylish.length);
    bad.findings.forEach((f, i) => {
      assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'line', 'message', 'pointer', 'ruleId', 'severity']);
      assert.ok(f.pointer === '' || f.pointer.startsWith('/'));
      assert.ok(f.line >= 1 && f.column >= 1);
      assert.ok(f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column));
      assert.ok(stylish[i].startsWith(`${bad.file}:${f.line}:${f.column} ${f.severity === 'information' ? 'info' : f.severity} `), stylish[i]);
      assert.ok(stylish[i].endsWith(`[${f.ruleId}]`));
    });
    const status_ = bad.findings.find((f) => f.pointer === '/developmentStatus');
    assert.ok(status_, 'a finding at /developmentStatus');
    const text = readFileSync(DEV_STATUS, 'utf8');
    const start = positionOf(text, '"foobar"');
    assert.deepEqual(
      { line: status_.line, column: status_.column, endLine: status_.endLine, endColumn: status_.endColumn },
      { ...start, endLine: start.line, endColumn: start.column + '"foobar"'.length },
    );
  });

  test('prints a valid empty array structure when everything is fine', () => {
    const { status, results } = checkJson(['examples/valid']);
    assert.equal(status, 0);
    assert.deepEqual(results.map((r) => [r.file, r.findings.length]), [[path.join('examples', 'valid', 'publiccode.yml'), 0]]);
  });
});

describe('sarif', () => {
  test('is SARIF 2.1.0 with rules, 1-based regions and JSON Pointer logical locations', () => {
    const r = runCli(['check', '--format', 'sarif', DEV_STATUS, LICENSE, INVALID_EXAMPLE]);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    const driver = run.tool.driver;
    assert.equal(driver.name, 'civic-schemas');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.ok(driver.rules.length > 0);
    const ruleIds = new Set<string>();
    for (const rule of driver.rules) {
      assert.match(rule.id, /^[a-z0-9-]+\/[a-z0-9-]+$/);
      assert.ok(!ruleIds.has(rule.id), `rule ${rule.id} listed twice`);
      ruleIds.add(rule.id);
      assert.match(rule.helpUri, /^https:\/\/.+/);
      assert.ok(rule.helpUri.includes(rule.id), rule.helpUri);
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.ok(rule.shortDescription.text.length > 0);
    }
    assert.ok(run.results.length >= 8);
    const uris = new Set<string>();
    for (const res of run.results) {
      assert.ok(ruleIds.has(res.ruleId), `result rule ${res.ruleId} is in tool.driver.rules`);
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(res.level), res.level);
      assert.equal(typeof res.message.text, 'string');
      assert.ok(res.message.text.length > 0);
      const loc = res.locations[0];
      const art = loc.physicalLocation.artifactLocation;
      assert.equal(art.uriBaseId, '%SRCROOT%');
      assert.ok(!art.uri.startsWith('/') && !art.uri.includes('\\'), art.uri);
      uris.add(art.uri);
      const reg = loc.physicalLocation.region;
      for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
        assert.ok(Number.isInteger(reg[k]) && reg[k] >= 1, `${k}=${reg[k]}`);
      }
      assert.ok(reg.endLine > reg.startLine || (reg.endLine === reg.startLine && reg.endColumn >= reg.startColumn));
      assert.match(loc.logicalLocations[0].fullyQualifiedName, /^\//);
    }
    assert.deepEqual([...uris].sort(), [rel(DEV_STATUS), rel(LICENSE), INVALID_EXAMPLE].sort());
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);

    const dev = run.results.find((x: { locations: { logicalLocations: { fullyQualifiedName: string }[] }[] }) => x.locations[0].logicalLocations[0].fullyQualifiedName === '/developmentStatus');
    assert.ok(dev);
    assert.equal(dev.level, 'error');
    const start = positionOf(readFileSync(DEV_STATUS, 'utf8'), '"foobar"');
    assert.deepEqual(dev.locations[0].physicalLocation.region, {
      startLine: start.line,
      startColumn: start.column,
      endLine: start.line,
      endColumn: start.column + '"foobar"'.length,
    });
  });

  test('an empty run still has the tool and an empty results list', () => {
    const r = runCli(['check', '--format', 'sarif', 'examples/valid']);
    assert.equal(r.status, 0);
    const log = JSON.parse(r.stdout);
    assert.deepEqual(log.runs[0].results, []);
    assert.deepEqual(log.runs[0].tool.driver.rules, []);
  });
});

describe('github', () => {
  const COMMAND = /^::(error|warning|notice) file=([^,:]+),line=(\d+)(?:,col=(\d+))?,endLine=(\d+)(?:,endColumn=(\d+))?,title=([a-z0-9-]+\/[a-z0-9-]+)::(.+)$/;

  test('one workflow command per finding, pointing at the problem, then a plain summary', () => {
    const r = runCli(['check', '--format', 'github', DEV_STATUS]);
    assert.equal(r.status, 1);
    const out = lines(r.stdout);
    const commands = out.slice(0, -1);
    assert.ok(commands.length > 0);
    for (const l of commands) {
      const m = COMMAND.exec(l);
      assert.ok(m, `not a workflow command: ${l}`);
      assert.doesNotMatch(m[8], /[\r\n]/);
      if (m[5] === m[3]) assert.ok(m[4] && m[6], 'single-line annotations carry columns');
      else assert.ok(!m[4] && !m[6], 'multi-line annotations carry no columns');
    }
    assert.match(out.at(-1)!, /^\d+ problems? \(/);
    const start = positionOf(readFileSync(DEV_STATUS, 'utf8'), '"foobar"');
    const dev = commands.map((l) => COMMAND.exec(l)!).find((m) => m[8].includes('foobar'));
    assert.ok(dev);
    assert.deepEqual([dev[1], dev[2], Number(dev[3]), Number(dev[4])], ['error', rel(DEV_STATUS), start.line, start.column]);
  });

  test('escapes %, CR and LF in messages and , and : in properties', async () => {
    const { escapeData, escapeProperty } = await import('../../server/src/host/format/github');
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir,a/b:c%.yml'), 'dir%2Ca/b%3Ac%25.yml');
  });
});

describe('summary', () => {
  test('singular and plural forms', () => {
    const one = lines(runCli(['check', 'examples/valid/publiccode.yml']).stdout).at(-1)!;
    assert.match(one, SUMMARY_LINE);
    assert.equal(one, '✔ no problems in 1 file');
  });
});
