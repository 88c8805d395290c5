// NodeWorkspace: file access confined to the workspace roots, symbolic links included.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { NodeWorkspace } from '../../server/src/host/nodeWorkspace';

describe('NodeWorkspace', () => {
  let base: string;
  let root: string;
  let outside: string;
  let ws: NodeWorkspace;
  let doc: string;
  const uri = (p: string) => pathToFileURL(p).href;

  before(() => {
    base = mkdtempSync(path.join(tmpdir(), 'civic-ws-'));
    root = path.join(base, 'repo');
    outside = path.join(base, 'secret');
    mkdirSync(path.join(root, 'img'), { recursive: true });
    mkdirSync(path.join(root, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(root, 'publiccode.yml'), 'name: x\n');
    writeFileSync(path.join(root, 'img', 'logo.svg'), '<svg/>');
    writeFileSync(path.join(root, 'sub', 'data.csv'), 'a,b\n1,2\n');
    writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0\n');
    symlinkSync(path.join(outside, 'passwd'), path.join(root, 'img', 'link-out.svg'));
    symlinkSync(outside, path.join(root, 'dir-out'));
    symlinkSync(path.join(root, 'img', 'logo.svg'), path.join(root, 'link-in.svg'));
    doc = uri(path.join(root, 'publiccode.yml'));
    ws = new NodeWorkspace(root);
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  test('resolves relative paths against the document folder, as file URIs', () => {
    assert.equal(ws.resolve(doc, 'img/logo.svg'), uri(path.join(root, 'img', 'logo.svg')));
    assert.equal(ws.resolve(doc, './img/../img/logo.svg'), uri(path.join(root, 'img', 'logo.svg')));
    assert.equal(ws.resolve(uri(path.join(root, 'sub', 'x.json')), 'data.csv'), uri(path.join(root, 'sub', 'data.csv')));
    assert.equal(ws.resolve(uri(path.join(root, 'sub', 'x.json')), '../img/logo.svg'), uri(path.join(root, 'img', 'logo.svg')));
    // Names that are not there yet still resolve (the caller asks `exists`).
    assert.equal(ws.resolve(doc, 'img/missing.png'), uri(path.join(root, 'img', 'missing.png')));
    // A file name with spaces or `#` survives the round trip through a URI.
    assert.equal(ws.resolve(doc, 'img/my logo#1.svg'), uri(path.join(root, 'img', 'my logo#1.svg')));
  });

  test('refuses paths that leave the root', () => {
    assert.equal(ws.resolve(doc, '../secret/passwd'), undefined);
    assert.equal(ws.resolve(doc, '../repo-other/x'), undefined);
    assert.equal(ws.resolve(doc, path.join(outside, 'passwd')), undefined);
    assert.equal(ws.resolve(doc, '/etc/passwd'), undefined);
    assert.equal(ws.resolve(doc, 'img/../../secret/passwd'), undefined);
    assert.equal(ws.resolve(doc, 'a\0b'), undefined);
  });

  test('refuses URLs with a scheme', () => {
    assert.equal(ws.resolve(doc, 'https://example.org/logo.svg'), undefined);
    assert.equal(ws.resolve(doc, uri(path.join(root, 'img', 'logo.svg'))), undefined);
    assert.equal(ws.resolve('untitled:Untitled-1', 'img/logo.svg'), undefined);
  });

  test('refuses symbolic links that lead outside, but follows those that stay inside', () => {
    assert.equal(ws.resolve(doc, 'img/link-out.svg'), undefined);
    assert.equal(ws.resolve(doc, 'dir-out/passwd'), undefined);
    assert.equal(ws.resolve(doc, 'dir-out/not-there'), undefined, 'a missing name behind an outward link');
    assert.equal(ws.resolve(doc, 'link-in.svg'), uri(path.join(root, 'link-in.svg')));
  });

  test('exists and readFile', async () => {
    assert.equal(await ws.exists(uri(path.join(root, 'img', 'logo.svg'))), true);
    assert.equal(await ws.exists(uri(path.join(root, 'img'))), true);
    assert.equal(await ws.exists(uri(path.join(root, 'img', 'missing.png'))), false);
    const bytes = await ws.readFile(uri(path.join(root, 'sub', 'data.csv')));
    assert.ok(bytes instanceof Uint8Array);
    assert.equal(Buffer.from(bytes).toString('utf8'), 'a,b\n1,2\n');
    assert.equal(await ws.readFile(uri(path.join(root, 'missing.csv'))), undefined);
    assert.equal(await ws.readFile(uri(path.join(root, 'img'))), undefined, 'a directory has no content');
    assert.equal(Buffer.from((await ws.readFile(uri(path.join(root, 'link-in.svg'))))!).toString(), '<svg/>');
  });

  test('exists and readFile stay confined even for URIs that did not come from resolve', async () => {
    assert.equal(await ws.exists(uri(path.join(outside, 'passwd'))), false);
    assert.equal(await ws.readFile(uri(path.join(outside, 'passwd'))), undefined);
    assert.equal(await ws.readFile(uri(path.join(root, 'img', 'link-out.svg'))), undefined);
    assert.equal(await ws.readFile(uri(path.join(root, 'dir-out', 'passwd'))), undefined);
    assert.equal(await ws.readFile('https://example.org/x'), undefined);
    assert.equal(await ws.readFile('file:///%00'), undefined);
  });

  test('root-relative paths are accepted as URIs', async () => {
    assert.equal(Buffer.from((await ws.readFile('sub/data.csv'))!).toString(), 'a,b\n1,2\n');
    assert.equal(await ws.readFile('../secret/passwd'), undefined);
  });

  test('several roots: each is readable, the space between them is not', async () => {
    const multi = new NodeWorkspace([root, outside]);
    assert.equal(Buffer.from((await multi.readFile(uri(path.join(outside, 'passwd'))))!).toString(), 'root:x:0:0\n');
    assert.equal(multi.resolve(doc, '../secret/passwd'), uri(path.join(outside, 'passwd')));
    assert.equal(multi.resolve(doc, '../other'), undefined);
  });

  test('a root reached through a symbolic link works', async () => {
    const linkedRoot = path.join(base, 'linked-repo');
    symlinkSync(root, linkedRoot);
    const lw = new NodeWorkspace(linkedRoot);
    const d = uri(path.join(linkedRoot, 'publiccode.yml'));
    assert.equal(lw.resolve(d, 'img/logo.svg'), uri(path.join(linkedRoot, 'img', 'logo.svg')));
    assert.equal(await lw.exists(lw.resolve(d, 'img/logo.svg')!), true);
    assert.equal(lw.resolve(d, 'img/link-out.svg'), undefined);
  });

  test('needs a root', () => {
    assert.throws(() => new NodeWorkspace([]), /at least one root/);
  });
});
