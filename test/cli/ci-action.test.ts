// The composite action (action.yml at the repository root): its one bash step is run as GitHub would run
// it — the INPUT_* environment it declares, in a real git repository with a base commit and a pull-request
// commit — with the built CLI. Files are real corpus files, copied unmodified under metadata file names.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { CLI, CORPUS, PARSER_GO_V0, REPO } from './run';

const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
const step = action.runs.steps[0];
const INVALID = path.join(PARSER_GO_V0, 'invalid/developmentStatus_invalid.yml');
const VALID = path.join(REPO, 'examples/valid/publiccode.yml');
const DATAPACKAGE = path.join(CORPUS, 'datapackage');
const COMMAND = /^::(error|warning|notice) file=([^,]+),line=\d+/;

let repo: string;
let base: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' }).trim();
}
function put(from: string, to: string): void {
  mkdirSync(path.dirname(path.join(repo, to)), { recursive: true });
  copyFileSync(from, path.join(repo, to));
}

/** Run the action's step with these inputs; defaults as declared in action.yml (except `base`). */
function runAction(inputs: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ACTION_PATH: REPO, GITHUB_OUTPUT: path.join(repo, '.output') };
  for (const [name, spec] of Object.entries(action.inputs as Record<string, { default?: string }>)) {
    const key = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
    env[key] = inputs[name] ?? (String(spec.default ?? '').includes('${{') ? '' : String(spec.default ?? ''));
  }
  env.INPUT_COMMAND = inputs.command ?? `${process.execPath} ${CLI}`;
  writeFileSync(env.GITHUB_OUTPUT!, '');
  const r = spawnSync('bash', ['-c', step.run], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  const outputs = Object.fromEntries(readFileSync(env.GITHUB_OUTPUT!, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2)));
  const annotated = new Set(r.stdout.split('\n').map((l) => COMMAND.exec(l)?.[2]).filter(Boolean));
  return { ...r, outputs, annotated };
}

describe('action.yml', () => {
  before(() => {
    repo = mkdtempSync(path.join(tmpdir(), 'civic-action-'));
    git('init', '-q', '-b', 'main');
    // The base: an invalid file that the pull request does not touch, and a valid one it will break.
    put(INVALID, 'legacy/publiccode.yml');
    put(VALID, 'apps/permits/publiccode.yml');
    put(path.join(REPO, 'README.md'), 'README.md');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    base = git('rev-parse', 'HEAD');
    // The pull request: apps/permits/publiccode.yml now invalid, a new data package, a README edit.
    put(INVALID, 'apps/permits/publiccode.yml');
    const firstPackage = readdirSync(DATAPACKAGE).filter((f) => f.endsWith('.json')).sort()[0];
    put(path.join(DATAPACKAGE, firstPackage), 'data/datapackage.json');
    writeFileSync(path.join(repo, 'README.md'), 'changed\n');
    git('add', '-A');
    git('commit', '-q', '-m', 'change');
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  test('declares a composite bash step that reads only the inputs it maps', () => {
    assert.equal(action.runs.using, 'composite');
    assert.equal(step.shell, 'bash');
    for (const name of ['paths', 'base', 'format', 'fail-on', 'sarif']) assert.ok(action.inputs[name]?.description, `input ${name}`);
    const mapped = new Set(Object.keys(step.env));
    for (const v of step.run.match(/\$\{?INPUT_[A-Z_]+/g)) assert.ok(mapped.has(v.replace(/^\$\{?/, '')), `${v} is mapped in env`);
    assert.doesNotMatch(step.run, /\$\{\{/, 'no expressions inside the script (injection)');
  });

  test('annotates only the metadata files changed since the base, and fails on errors', () => {
    const r = runAction({ base });
    assert.equal(r.status, 1, r.stderr);
    assert.ok(r.annotated.has('apps/permits/publiccode.yml'));
    assert.ok(!r.annotated.has('legacy/publiccode.yml'), 'an unchanged file is not annotated');
    for (const f of r.annotated) assert.ok(['apps/permits/publiccode.yml', 'data/datapackage.json'].includes(f!), f);
    assert.match(r.stdout, /::error file=apps\/permits\/publiccode\.yml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=publiccode\/invalid-value::developmentStatus/);
    assert.equal(r.outputs.files, '2'); // the publiccode.yml and the data package; not README.md
    assert.match(r.stderr, /apps\/permits\/publiccode\.yml\n\s+data\/datapackage\.json/);
  });

  test('writes SARIF for the same files when asked', () => {
    const r = runAction({ base, sarif: 'out/civic.sarif', 'fail-on': 'never' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.outputs.sarif, 'out/civic.sarif');
    const log = JSON.parse(readFileSync(path.join(repo, 'out/civic.sarif'), 'utf8'));
    assert.equal(log.version, '2.1.0');
    const uris = new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri));
    assert.ok(uris.has('apps/permits/publiccode.yml'), [...uris].join());
    assert.ok(!uris.has('legacy/publiccode.yml'));
    const annotations = r.stdout.split('\n').filter((l) => COMMAND.test(l)).length;
    assert.equal(log.runs[0].results.length, annotations, 'SARIF and annotations report the same findings');
  });

  test('paths narrows the files; nothing left is a success', () => {
    const r = runAction({ base, paths: 'data/*\ndocs/*' });
    for (const f of r.annotated) assert.equal(f, 'data/datapackage.json');
    assert.equal(r.outputs.files, '1');
    const none = runAction({ base, paths: 'docs/*' });
    assert.equal(none.status, 0);
    assert.match(none.stdout, /No civic metadata files to check/);
  });

  test('without a known base every metadata file is checked', () => {
    const r = runAction({ base: '0000000000000000000000000000000000000000' });
    assert.equal(r.status, 1);
    assert.deepEqual([...r.annotated].filter((f) => f!.endsWith('publiccode.yml')).sort(), ['apps/permits/publiccode.yml', 'legacy/publiccode.yml']);
  });

  test('rejects an unknown format or fail-on with an annotation', () => {
    const r = runAction({ base, format: 'xml' });
    assert.equal(r.status, 2);
    assert.match(r.stdout, /^::error title=civic-schemas action::format must be github or stylish/m);
  });
});
