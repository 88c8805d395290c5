// Workspace schemas are untrusted input: loaded only from inside the workspace, never in Restricted Mode
// or from the network, their patterns run on a linear-time engine, `$ref`s confined and cycles caught.
// Every test goes through `analyze` with a real NodeWorkspace over a temporary folder, and a spy that
// records every path the workspace was asked to read.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze';
import { NodeWorkspace } from '../../server/src/host/nodeWorkspace';
import type { Workspace } from '../../server/src/core/types';

const outer = mkdtempSync(path.join(tmpdir(), 'civic-robust-'));
const root = path.join(outer, 'ws');
mkdirSync(path.join(root, 'schemas'), { recursive: true });
writeFileSync(path.join(outer, 'secret.json'), '{"type": "object", "required": ["leaked"]}');
after(() => rmSync(outer, { recursive: true, force: true }));

const write = (rel: string, value: unknown) => writeFileSync(path.join(root, rel), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const docUri = (rel: string) => pathToFileURL(path.join(root, rel)).href;

/** A NodeWorkspace that records every URI it is asked to check or read. */
function spyWorkspace(): { ws: Workspace; touched: string[] } {
  const real = new NodeWorkspace(root);
  const touched: string[] = [];
  const ws: Workspace = {
    resolve: (from, rel) => real.resolve(from, rel),
    exists: (uri) => (touched.push(fileURLToPath(uri)), real.exists(uri)),
    readFile: (uri) => (touched.push(fileURLToPath(uri)), real.readFile(uri)),
  };
  return { ws, touched };
}

function assertConfined(touched: string[]): void {
  for (const p of touched) assert.ok(p.startsWith(root + path.sep), `read outside the workspace: ${p}`);
}

async function check(rel: string, text: string, options: Omit<AnalyzeOptions, 'workspace'> = {}) {
  const spy = spyWorkspace();
  const result = await analyze(docUri(rel), text, { ...options, workspace: spy.ws });
  assertConfined(spy.touched);
  return { ...result, touched: spy.touched };
}

const CHAPTER_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['name', 'code'],
  properties: {
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 2 },
    code: { type: 'string', pattern: '^[A-Z]{3}-[0-9]+$' },
    slug: { type: 'string', pattern: '^(a+)+$' },
  },
  additionalProperties: false,
};

test('a $schema path names a workspace schema; the document is checked against it', async () => {
  write('schemas/chapter.json', CHAPTER_SCHEMA);
  const { findings, touched } = await check('chapter.yaml', '$schema: ./schemas/chapter.json\nname: Code for Somewhere\ncode: abc-1\ncolour: red\n');
  const user = findings.filter((f) => f.ruleId === 'core/user-schema');
  assert.ok(user.some((f) => f.pointer === '/code'), JSON.stringify(findings));
  assert.ok(user.some((f) => f.pointer === '/colour'));
  for (const f of user) assert.doesNotMatch(f.message, /\[A-Z\]/, 'no raw regex in messages');
  assert.deepEqual(touched, [path.join(root, 'schemas/chapter.json')]);
  const ok = await check('chapter.yaml', '$schema: ./schemas/chapter.json\nname: Code for Somewhere\ncode: ABC-1\n');
  assert.deepEqual(ok.findings.filter((f) => f.ruleId === 'core/user-schema'), []);
});

test('the modeline "# civic-schemas: schema=<path>" names a workspace schema too', async () => {
  write('schemas/chapter.json', CHAPTER_SCHEMA);
  const text = '# civic-schemas: schema=schemas/chapter.json\nname: X\n';
  const { findings } = await check('other.yaml', text);
  const user = findings.filter((f) => f.ruleId === 'core/user-schema');
  assert.ok(user.some((f) => f.pointer === '/name'), 'minLength');
  assert.ok(user.some((f) => /code/.test(f.message)), 'required code');
});

test('a catastrophic pattern is reported and runs in linear time instead of hanging', { timeout: 20_000 }, async () => {
  write('schemas/chapter.json', CHAPTER_SCHEMA);
  // 40 a's and a b: a backtracking engine needs ~2^40 steps on ^(a+)+$.
  const text = `$schema: ./schemas/chapter.json\nname: Somewhere\ncode: ABC-1\nslug: ${'a'.repeat(40)}b\n`;
  const { findings } = await check('chapter.yaml', text);
  const unsafe = findings.filter((f) => f.ruleId === 'core/unsafe-pattern');
  assert.equal(unsafe.length, 1);
  assert.match(unsafe[0].message, /chapter\.json at properties\.slug\.pattern can take exponential time/);
  assert.doesNotMatch(unsafe[0].message, /\(a\+\)\+/);
  assert.equal(unsafe[0].pointer, '/$schema');
  assert.ok(findings.some((f) => f.ruleId === 'core/user-schema' && f.pointer === '/slug'), 'the value was still checked');
});

test('patterns a linear-time engine cannot run (lookahead, backreferences) are skipped and reported', async () => {
  write('schemas/look.json', { type: 'object', properties: { a: { type: 'string', pattern: '^(?=x)x+$' }, b: { type: 'string', pattern: '^(a)\\1$' } }, patternProperties: { '^(?!z)': { type: 'string' } } });
  const { findings } = await check('look.yaml', '$schema: look.json\na: y\nb: c\n'.replace('look.json', 'schemas/look.json'));
  const unsafe = findings.filter((f) => f.ruleId === 'core/unsafe-pattern').map((f) => f.message);
  assert.equal(unsafe.length, 3, unsafe.join('\n'));
  assert.ok(unsafe.some((m) => /properties\.a\.pattern cannot be checked safely \(it uses lookahead or lookbehind/.test(m)));
  assert.ok(unsafe.some((m) => /properties\.b\.pattern cannot be checked safely \(it uses an escape \(such as a backreference\)/.test(m)));
  assert.ok(unsafe.some((m) => /patternProperties pattern/.test(m)));
  assert.ok(!findings.some((f) => f.ruleId === 'core/user-schema'), 'skipped patterns check nothing');
});

test('$schema: ../../../etc/passwd and other paths outside the workspace are refused without reading', async () => {
  for (const target of ['../../../etc/passwd', '/etc/passwd', '../secret.json', 'file:///etc/passwd', 'schemas/../../secret.json']) {
    const { findings, touched } = await check('chapter.yaml', `$schema: ${target}\nname: x\n`);
    const out = findings.filter((f) => f.ruleId === 'core/schema-outside-workspace');
    assert.equal(out.length, 1, `${target}: ${JSON.stringify(findings)}`);
    assert.match(out[0].message, /points outside the workspace; schemas are only read from inside the workspace folders/);
    assert.deepEqual(touched, []);
    assert.ok(!findings.some((f) => /leaked/.test(f.message)));
  }
});

test('a symbolic link inside the workspace that leads out of it is refused', async () => {
  const { symlinkSync } = await import('node:fs');
  try {
    symlinkSync(path.join(outer, 'secret.json'), path.join(root, 'schemas/link.json'));
  } catch {
    // already there from an earlier run in this process
  }
  const { findings } = await check('chapter.yaml', '$schema: schemas/link.json\nname: x\n');
  assert.ok(findings.some((f) => f.ruleId === 'core/schema-outside-workspace'));
  assert.ok(!findings.some((f) => /leaked/.test(f.message)));
});

test('remote schemas are not fetched with network off; bundled standards keep their $schema URLs', async () => {
  const { findings } = await check('x.yaml', '$schema: https://example.com/chapter.json\nname: x\n');
  assert.equal(findings.filter((f) => f.ruleId === 'core/remote-schema-disabled').length, 1);
  assert.match(findings[0].message, /remote, and network access is off, so it was not fetched/);
  const on = await check('x.yaml', '$schema: https://example.com/chapter.json\nname: x\n', { trust: { network: true } });
  assert.ok(!on.findings.some((f) => f.ruleId === 'core/remote-schema-disabled'));
  // A Data Package v2 descriptor names its profile by URL: that is the standard, not a schema to fetch.
  const dp = await check('datapackage.json', JSON.stringify({ $schema: 'https://datapackage.org/profiles/2.0/datapackage.json', resources: [{ name: 'a', path: 'a.csv' }] }));
  assert.ok(!dp.findings.some((f) => f.ruleId.startsWith('core/') && f.ruleId !== 'core/no-standard'), JSON.stringify(dp.findings.map((f) => f.ruleId)));
  // A JSON Schema file's own $schema names its dialect.
  const meta = await check('schemas/chapter.json', JSON.stringify(CHAPTER_SCHEMA));
  assert.deepEqual(meta.findings, []);
});

test('in Restricted Mode no workspace schema is read', async () => {
  write('schemas/chapter.json', CHAPTER_SCHEMA);
  const { findings, touched } = await check('chapter.yaml', '$schema: ./schemas/chapter.json\nname: x\n', { trust: { workspaceTrusted: false } });
  assert.deepEqual(touched, []);
  assert.deepEqual(findings.map((f) => f.ruleId), ['core/untrusted-schema']);
  assert.match(findings[0].message, /not loaded: this workspace is not trusted \(Restricted Mode\)/);
});

test('$ref: other workspace files are followed, files outside are not, remote refs are not fetched', async () => {
  write('schemas/defs.json', { definitions: { code: { type: 'string', maxLength: 3 } } });
  write('schemas/main.json', {
    type: 'object',
    properties: {
      code: { $ref: 'defs.json#/definitions/code' },
      leak: { $ref: '../../secret.json' },
      remote: { $ref: 'https://example.com/s.json' },
    },
  });
  const { findings, touched } = await check('main.yaml', '$schema: schemas/main.json\ncode: TOOLONG\nleak: {}\nremote: 1\n');
  assert.ok(findings.some((f) => f.ruleId === 'core/user-schema' && f.pointer === '/code'), JSON.stringify(findings));
  assert.ok(findings.some((f) => f.ruleId === 'core/schema-outside-workspace' && /refers to a file outside the workspace/.test(f.message)));
  assert.ok(findings.some((f) => f.ruleId === 'core/remote-schema-disabled' && /main\.json at properties\.remote\.\$ref/.test(f.message)));
  assert.ok(!findings.some((f) => /leaked/.test(f.message)));
  assert.deepEqual(touched.map((p) => path.basename(p)).sort(), ['defs.json', 'main.json']);
});

test('$ref cycles are detected instead of recursing forever; mutual references that describe data are fine', async () => {
  write('schemas/a.json', { $ref: 'b.json' });
  write('schemas/b.json', { $ref: 'a.json#' });
  const { findings } = await check('cycle.yaml', '$schema: schemas/a.json\nname: x\n');
  const cycle = findings.filter((f) => f.ruleId === 'core/schema-ref-cycle');
  assert.equal(cycle.length, 1, JSON.stringify(findings));
  assert.match(cycle[0].message, /b\.json# → a\.json# → b\.json#|a\.json# → b\.json# → a\.json#/);
  write('schemas/self.json', { definitions: { x: { $ref: '#/definitions/x' } }, properties: { name: { $ref: '#/definitions/x' } } });
  assert.equal((await check('cycle.yaml', '$schema: schemas/self.json\nname: x\n')).findings.filter((f) => f.ruleId === 'core/schema-ref-cycle').length, 1);
  // A tree that refers to itself through properties is a real recursive schema.
  write('schemas/tree.json', { type: 'object', properties: { children: { type: 'array', items: { $ref: '#' } }, name: { type: 'string' } } });
  const tree = await check('tree.yaml', '$schema: schemas/tree.json\nchildren:\n  - name: 1\n');
  assert.ok(!tree.findings.some((f) => f.ruleId === 'core/schema-ref-cycle'));
  assert.ok(tree.findings.some((f) => f.ruleId === 'core/user-schema' && f.pointer === '/children/0/name'));
});

test('__proto__ and constructor keys in schema files stay data and never reach prototypes', async () => {
  writeFileSync(path.join(root, 'schemas/proto.json'), '{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"number"}},"__proto__":{"polluted":true}}');
  const yamlSchema = 'type: object\nproperties:\n  __proto__:\n    type: string\n  constructor:\n    type: number\n__proto__:\n  polluted: true\n';
  writeFileSync(path.join(root, 'schemas/proto.yaml'), yamlSchema);
  for (const schema of ['schemas/proto.json', 'schemas/proto.yaml']) {
    const { findings } = await check('p.yaml', `$schema: ${schema}\n__proto__: 5\nconstructor: x\n`);
    // `constructor` is an ordinary property; ajv deliberately ignores a `__proto__` property schema.
    assert.ok(findings.some((f) => f.ruleId === 'core/user-schema' && f.pointer === '/constructor'), `${schema}: ${JSON.stringify(findings)}`);
    assert.ok(!findings.some((f) => f.ruleId === 'core/internal-error'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }
});

test('a missing or broken schema file is a clear finding', async () => {
  const missing = await check('x.yaml', '$schema: schemas/nope.json\nname: x\n');
  assert.match(missing.findings.find((f) => f.ruleId === 'core/schema-not-found')!.message, /cannot be read \(looked for file:\/\/.*nope\.json\)/);
  write('schemas/broken.json', '{"type": ');
  const broken = await check('x.yaml', '$schema: schemas/broken.json\nname: x\n');
  assert.match(broken.findings.find((f) => f.ruleId === 'core/schema-not-found')!.message, /is not a JSON Schema/);
  const none = await analyze('file:///w/x.yaml', '$schema: schemas/chapter.json\n');
  assert.match(none.findings.find((f) => f.ruleId === 'core/schema-not-found')!.message, /no workspace folder is open/);
});
