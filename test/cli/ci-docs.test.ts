// docs/ci.md: its YAML examples parse, the workflow uses the action's real inputs and uploads SARIF, and
// the hooks' file pattern picks the same files as `civic-schemas check` does in a directory.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { REPO, runCli } from './run';

const doc = readFileSync(path.join(REPO, 'docs/ci.md'), 'utf8');
const blocks = (lang: string) => [...doc.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);
const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));

test('the workflow example uses the action with inputs it declares, and uploads its SARIF', () => {
  const workflow = parse(blocks('yaml').find((b) => b.includes('jobs:'))!);
  const steps = workflow.jobs.check.steps as { uses?: string; with?: Record<string, unknown>; id?: string }[];
  const civic = steps.find((s) => s.id === 'civic')!;
  for (const key of Object.keys(civic.with ?? {})) assert.ok(key in action.inputs, `input ${key} is declared in action.yml`);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
  assert.equal(upload.with!.sarif_file, civic.with!.sarif);
  assert.equal(workflow.permissions['security-events'], 'write');
  assert.equal(steps.find((s) => s.uses?.startsWith('actions/checkout'))!.with!['fetch-depth'], 0);
});

test('the hook pattern matches exactly the files the CLI finds in a directory', () => {
  const config = parse(blocks('yaml').find((b) => b.includes('repos:'))!);
  const pattern = new RegExp(config.repos[0].hooks[0].files, 'i');
  const names = ['publiccode.yml', 'app.publiccode.yaml', 'org__repo__publiccode.yml', 'a/b/datapackage.json', 'datapackage.yml', 'data.json',
    'x/civic.json', 'my-data.json', 'metadata.json', 'publiccode.yml.bak', 'README.md', 'package.json', 'mypubliccode.yml'];
  const publiccode = readFileSync(path.join(REPO, 'examples/valid/publiccode.yml'), 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'civic-hook-'));
  try {
    for (const n of names) {
      mkdirSync(path.dirname(path.join(dir, n)), { recursive: true });
      // content each standard claims, so that only the name decides
      writeFileSync(path.join(dir, n), n.endsWith('.json') ? '{}' : publiccode);
    }
    const found = (JSON.parse(runCli(['check', '--format', 'json', '.'], { cwd: dir }).stdout) as { file: string }[]).map((r) => r.file.split(path.sep).join('/'));
    assert.deepEqual(names.filter((n) => pattern.test(n)).sort(), found.sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
