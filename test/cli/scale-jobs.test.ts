// The CLI at scale: worker threads (--jobs) give the same output as one thread, in the same order;
// --shard i/n splits the files into n disjoint shares that together are all of them; a big catalog
// (fast path) reports what the precise path reports. No timing here (see bench/).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { FAST_PATH_MIN_CHARS } from '../../server/src/core/chunked';
import { parseDocument } from '../../server/src/core/document';
import { catalogJson, writeWorkspace } from '../../bench/generate.mjs';
import { runCli } from './run';

interface JsonReport {
  file: string;
  findings: { ruleId: string; message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

const fileOf = (r: JsonReport) => r.file;

describe('CLI: --jobs and --shard', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'civic-scale-'));
    writeWorkspace(path.join(dir, 'ws'), 60);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--jobs 3 prints exactly what --jobs 1 prints (stylish and json), with the same exit status', () => {
    for (const format of ['stylish', 'json']) {
      const one = runCli(['check', 'ws', '-f', format, '--jobs', '1', '--no-color'], { cwd: dir });
      const three = runCli(['check', 'ws', '-f', format, '--jobs', '3', '--no-color'], { cwd: dir });
      assert.notEqual(one.status, 2, one.stderr);
      assert.equal(three.status, one.status);
      assert.equal(three.stdout, one.stdout, format);
      assert.equal(three.stderr, one.stderr);
    }
  });

  test('--shard i/n: disjoint shares that together make the whole run', () => {
    const all = JSON.parse(runCli(['check', 'ws', '-f', 'json'], { cwd: dir }).stdout) as JsonReport[];
    const shares = [1, 2, 3].map((i) => JSON.parse(runCli(['check', 'ws', '-f', 'json', '--shard', `${i}/3`], { cwd: dir }).stdout) as JsonReport[]);
    const names = shares.map((s) => s.map(fileOf));
    for (let i = 0; i < 3; i++) for (let j = i + 1; j < 3; j++) assert.deepEqual(names[i].filter((n) => names[j].includes(n)), []);
    assert.deepEqual(names.flat().sort(), all.map(fileOf).sort());
    assert.ok(names.every((n) => n.length > 0), 'every shard has files');
  });

  test('bad --jobs and --shard values are usage errors', () => {
    for (const args of [['--jobs', '0'], ['--jobs', 'x'], ['--shard', '0/2'], ['--shard', '3/2'], ['--shard', '1']]) {
      const r = runCli(['check', 'ws', ...args], { cwd: dir });
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /--(jobs|shard)/);
    }
  });

  test('a big catalog (the fast path) reports what the precise path reports', async () => {
    const file = path.join(dir, 'big', 'data.json');
    const text = catalogJson(400, 17);
    assert.ok(text.length >= FAST_PATH_MIN_CHARS, 'big enough for the fast path');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    const r = runCli(['check', 'big/data.json', '-f', 'json'], { cwd: dir });
    assert.notEqual(r.status, 2, r.stderr);
    const [report] = JSON.parse(r.stdout) as JsonReport[];
    const precise = await analyzePrepared(prepareDocument(parseDocument(pathToFileURL(file).href, text, { precise: true })));
    assert.ok(precise.findings.length > 0);
    assert.deepEqual(
      report.findings.map((f) => [f.ruleId, f.message, f.line, f.column, f.endLine, f.endColumn]),
      precise.findings.map((f) => [f.ruleId, f.message, f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1]),
    );
  });
});
