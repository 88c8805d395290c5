// Paths written in documents (datapackage `path`, publiccode `logo`) never lead to a read outside the
// workspace. Through `analyze` with a real NodeWorkspace over a temporary folder, with the file-system
// functions the workspace uses wrapped, so that every path the process touches is recorded.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { NodeWorkspace } from '../../server/src/host/nodeWorkspace';

const outer = fs.mkdtempSync(path.join(tmpdir(), 'civic-files-'));
const root = path.join(outer, 'ws');
fs.mkdirSync(path.join(root, 'pkg'), { recursive: true });
fs.writeFileSync(path.join(outer, 'outside.csv'), 'secret\n');
fs.writeFileSync(path.join(root, 'outside.csv'), 'a\n');
fs.writeFileSync(path.join(outer, 'x.png'), 'not read');

const touched: string[] = [];
const originals = { stat: fs.promises.stat, readFile: fs.promises.readFile, native: fs.realpathSync.native };

before(() => {
  const record = (p: unknown) => touched.push(path.resolve(String(p)));
  (fs.promises as { stat: unknown }).stat = (p: fs.PathLike, ...rest: unknown[]) => (record(p), (originals.stat as (...a: unknown[]) => unknown)(p, ...rest));
  (fs.promises as { readFile: unknown }).readFile = (p: fs.PathLike, ...rest: unknown[]) => (record(p), (originals.readFile as (...a: unknown[]) => unknown)(p, ...rest));
  (fs.realpathSync as { native: unknown }).native = (p: fs.PathLike, ...rest: unknown[]) => (record(p), (originals.native as (...a: unknown[]) => unknown)(p, ...rest));
});
after(() => {
  (fs.promises as { stat: unknown }).stat = originals.stat;
  (fs.promises as { readFile: unknown }).readFile = originals.readFile;
  (fs.realpathSync as { native: unknown }).native = originals.native;
  fs.rmSync(outer, { recursive: true, force: true });
});

/** Every path touched since `start` is the workspace root or inside it. */
function assertNothingOutside(start: number): void {
  for (const p of touched.slice(start)) assert.ok(p === root || p.startsWith(root + path.sep), `the file system was touched outside the workspace: ${p}`);
}

test('datapackage path: /etc/passwd and path: ../outside.csv → findings, and nothing outside is touched', async () => {
  const ws = new NodeWorkspace(root);
  const start = touched.length;
  const text = JSON.stringify({ name: 'p', resources: [{ name: 'a', path: '/etc/passwd' }, { name: 'b', path: '../outside.csv' }, { name: 'c', path: ['../outside.csv', 'missing.csv'] }] }, null, 2);
  const { findings } = await analyze(pathToFileURL(path.join(root, 'pkg/datapackage.json')).href, text, { workspace: ws });
  const at = (p: string) => findings.filter((f) => f.pointer === p).map((f) => `${f.ruleId}: ${f.message}`).join('\n');
  assert.match(at('/resources/0/path'), /datapackage\/[a-z-]+: .*"\/etc\/passwd" is an absolute path; paths must be relative to the descriptor/);
  assert.match(at('/resources/1/path'), /"\.\.\/outside\.csv" climbs out of the package with \.\./);
  assert.match(at('/resources/2/path/0'), /climbs out of the package/);
  assert.match(at('/resources/2/path/1'), /datapackage\/missing-file: .*"missing\.csv" does not exist/);
  assert.ok(touched.length > start, 'the workspace was used (missing.csv was looked for)');
  assertNothingOutside(start);
});

test('publiccode logo: ../../x.png → a finding, and nothing outside is touched', async () => {
  const ws = new NodeWorkspace(root);
  const corpus = fs.readFileSync(path.resolve(__dirname, '../../../shared/corpus/publiccode/4Science__parer__publiccode.yml'), 'utf8');
  const text = /^logo:/m.test(corpus) ? corpus.replace(/^logo:.*$/m, 'logo: ../../x.png') : `${corpus.trimEnd()}\nlogo: ../../x.png\n`;
  const start = touched.length;
  const { findings } = await analyze(pathToFileURL(path.join(root, 'publiccode.yml')).href, text, { workspace: ws });
  const logo = findings.filter((f) => f.pointer === '/logo');
  assert.ok(logo.some((f) => f.ruleId === 'publiccode/missing-file' && /"\.\.\/\.\.\/x\.png" points outside the repository/.test(f.message)), JSON.stringify(logo));
  assertNothingOutside(start);
});

test('a link inside the workspace that leads outside is not followed', async () => {
  fs.symlinkSync(path.join(outer, 'outside.csv'), path.join(root, 'pkg/linked.csv'));
  const ws = new NodeWorkspace(root);
  const text = JSON.stringify({ name: 'p', resources: [{ name: 'a', path: 'linked.csv' }] });
  const start = touched.length;
  const { findings } = await analyze(pathToFileURL(path.join(root, 'pkg/datapackage.json')).href, text, { workspace: ws });
  // The link's target is resolved (realpath) to decide, and is refused: no stat, no read of it.
  const readsOutside = touched.slice(start).filter((p) => p.startsWith(outer) && !p.startsWith(root));
  assert.deepEqual(readsOutside, []);
  assert.ok(!findings.some((f) => /secret/.test(f.message)));
});
