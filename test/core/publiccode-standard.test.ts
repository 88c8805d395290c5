// The publiccode StandardDefinition: association (file names, content), versions, dispatch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { publiccode } from '../../server/src/core/standards/publiccode';
import { compareVersions, isLatest, normalizeVersion } from '../../server/src/core/standards/publiccode/vocabulary';

test('identity: id, file names, versions, schema prefix', () => {
  assert.equal(publiccode.id, 'publiccode');
  assert.equal(publiccode.schemaRulePrefix, 'publiccode');
  assert.ok(publiccode.matchesFileName('publiccode.yml'));
  assert.ok(publiccode.matchesFileName('publiccode.yaml'));
  assert.ok(!publiccode.matchesFileName('datapackage.yaml'));
  assert.ok(!publiccode.matchesFileName('my-publiccode.yml'));
  assert.deepEqual(publiccode.versions, ['0.2', '0.2.1', '0.2.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0', '1']);
  assert.equal(publiccode.defaultVersion, '0');
  assert.deepEqual(Object.keys(publiccode.schemas).sort(), ['publiccode-0', 'publiccode-1']);
  assert.equal(publiccode.missingKeyAt, 'first-key-inside');
});

test('detectFromContent: publiccodeYmlVersion (string or number) and the legacy key', () => {
  assert.deepEqual(publiccode.detectFromContent({ publiccodeYmlVersion: '0.4' }), { version: '0.4', reason: 'publiccodeYmlVersion: "0.4"' });
  assert.equal(publiccode.detectFromContent({ publiccodeYmlVersion: 0.4 })?.version, '0.4');
  assert.equal(publiccode.detectFromContent({ 'publiccode-yaml-version': 'http://w3id.org/publiccode/version/0.1' })?.version, '0.1');
  assert.match(publiccode.detectFromContent({ 'publiccode-yaml-version': '0.1' })?.reason ?? '', /legacy key/);
  assert.equal(publiccode.detectFromContent({ name: 'x' }), undefined);
  assert.equal(publiccode.detectFromContent(['a']), undefined);
  assert.equal(publiccode.detectFromContent(undefined), undefined);
});

test('association: a file that declares publiccodeYmlVersion is detected whatever its name', async () => {
  const r = await analyze('file:///repo/metadata.yml', 'publiccodeYmlVersion: "0.5"\nname: x\n');
  assert.equal(r.detection?.standardId, 'publiccode');
  assert.equal(r.detection?.version, '0.5');
  const byName = await analyze('file:///repo/publiccode.yaml', 'name: x\n');
  assert.equal(byName.detection?.standardId, 'publiccode');
  assert.ok(byName.findings.some((f) => f.ruleId === 'publiccode/required-key' && f.pointer === '/publiccodeYmlVersion'));
});

test('chooseSchema: one 0.x schema, one 1.0 schema; version problems reported at the version', () => {
  const pick = (text: string) => {
    const doc = parseDocument('file:///repo/publiccode.yml', text);
    const found = publiccode.detectFromContent(doc.value);
    return publiccode.chooseSchema({ standardId: 'publiccode', version: found?.version ?? '0', reason: '' }, doc, {});
  };
  assert.deepEqual(pick('publiccodeYmlVersion: "0"\n'), { schemaId: 'publiccode-0', findings: [] });
  assert.deepEqual(pick('publiccodeYmlVersion: "0.7.0"\n').findings, []);
  assert.deepEqual(pick('publiccodeYmlVersion: "0.4"\n').findings?.map((f) => f.ruleId), ['publiccode/old-version']);
  assert.deepEqual(pick('publiccodeYmlVersion: 0.4\n').findings?.map((f) => f.ruleId), ['publiccode/version-not-string']);
  assert.deepEqual(pick('publiccodeYmlVersion: []\n').findings?.map((f) => f.ruleId), ['publiccode/version-not-string']);
  assert.deepEqual(pick('publiccodeYmlVersion: "1"\n').findings?.map((f) => f.ruleId), ['publiccode/release-candidate']);
  assert.equal(pick('publiccodeYmlVersion: "1"\n').schemaId, 'publiccode-1');
  assert.equal(pick('publiccodeYmlVersion: "1.0"\n').schemaId, 'publiccode-1');
  assert.deepEqual(pick('publiccodeYmlVersion: "1.0.0"\n').findings?.map((f) => f.ruleId), ['publiccode/unsupported-version']);
  assert.equal(pick('publiccodeYmlVersion: "1.0.0"\n').schemaId, 'publiccode-0');
  assert.equal(pick('publiccodeYmlVersion: "2"\n').schemaId, 'publiccode-0');
  assert.deepEqual(pick('publiccodeYmlVersion: "0.6"\n').findings?.map((f) => f.ruleId), ['publiccode/old-version']);
  assert.deepEqual(pick('publiccode-yaml-version: "0.1"\n').findings?.map((f) => f.ruleId), ['publiccode/legacy-version-key']);
  assert.equal(pick('publiccodeYmlVersion: 0.4\n').schemaId, 'publiccode-0');
});

test('versions: "0" is the latest 0.x; x.y.0 is x.y', () => {
  assert.equal(normalizeVersion('0'), '0.7');
  assert.equal(normalizeVersion('0.4.0'), '0.4');
  assert.equal(normalizeVersion('0.2.1'), '0.2.1');
  assert.equal(normalizeVersion('1'), undefined);
  assert.ok(compareVersions('0.2.1', '0.3') < 0);
  assert.ok(compareVersions('0', '0.7') === 0);
  assert.ok(isLatest('0.7.0') && isLatest('0') && !isLatest('0.5'));
});

test('the rules declare their ids once, with a severity and a title', () => {
  const ids = publiccode.rules.flatMap((r) => r.meta.map((m) => m.id));
  assert.equal(new Set(ids).size, ids.length, 'duplicate rule ids');
  for (const r of publiccode.rules) for (const m of r.meta) assert.ok(m.title.length > 10 && ['error', 'warning', 'information', 'hint'].includes(m.severity), m.id);
});
