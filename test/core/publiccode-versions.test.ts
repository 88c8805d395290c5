// publiccode.yml across versions: the spec's own examples for every tag, deprecated keys (warnings
// with quick fixes in 0.x, errors in 1.0), keys renamed after the 0.1 draft, and the 1.0 release
// candidate (schema dispatch, removed values, E.164 phones, uppercase countries, YAML 1.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { LONG, samplePubliccode } from '../helpers/publiccodeSample';
import { DEPRECATIONS, RENAMED_IN_0_2 } from '../../server/src/core/standards/publiccode/vocabulary';
import type { Finding, Fix, Position } from '../../server/src/core/types';

const corpus = resolve(__dirname, '../../../shared/corpus');
const examples = join(corpus, 'publiccode-spec-examples');
const testdata = join(corpus, 'publiccode-parser-go', 'testdata');

const doc = samplePubliccode;

async function lint(text: string, uri = 'file:///repo/publiccode.yml'): Promise<Finding[]> {
  return (await analyze(uri, text)).findings;
}

async function lintFile(path: string): Promise<Finding[]> {
  const text = new TextDecoder().decode(readFileSync(path));
  return (await analyze(pathToFileURL(path).href, text, { standard: { id: 'publiccode' } })).findings;
}

const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
const ids = (fs: Finding[]) => fs.map((f) => `${f.ruleId} ${f.pointer}`);

function only(fs: Finding[], id: string, pointer?: string): Finding {
  const hits = byRule(fs, id).filter((f) => pointer === undefined || f.pointer === pointer);
  assert.equal(hits.length, 1, `expected one ${id}${pointer ? ` at ${pointer}` : ''}, got ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.message]), null, 1)}`);
  return hits[0];
}

function apply(text: string, fix: Fix): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: Position) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => off(b.range.start) - off(a.range.start))) {
    out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  }
  return out;
}

// -------------------------------------------------------------------------------- spec examples

/** Errors the spec's own examples carry whatever the version: content defects every validator rejects. */
function isKnownExampleDefect(f: Finding): boolean {
  // The 0.2–0.4 examples' longDescription has 134 characters (the minimum was 500, then 150 since 0.3).
  if (f.ruleId === 'publiccode/text-length' && /longDescription is 134 characters/.test(f.message)) return true;
  // A placeholder video URL (https://youtube.com/xxxxxxxx) that no oEmbed provider serves.
  if (f.ruleId === 'publiccode/video-oembed' && /youtube\.com\/xxxxxxxx/.test(f.message)) return true;
  // 0.2-era examples write YAML 1.1 booleans (yes); since 0.3 the standard is YAML 1.2, where they are text.
  if (f.ruleId === 'publiccode/boolean-as-text' && /yes is text in YAML 1\.2/.test(f.message)) return true;
  // ... so the reference validator cannot decode localisation, and reports its other required key missing.
  if (f.ruleId === 'publiccode/dropped-by-reference-parser' && f.pointer === '/localisation/availableLanguages' && /because localisation\.localisationReady /.test(f.message)) return true;
  return false;
}

test('spec examples of every tag validate as their declared version expects', async () => {
  const tags = readdirSync(examples).filter((d) => d.startsWith('spec-example-')).sort();
  assert.ok(tags.length >= 8, `tags: ${tags.join(', ')}`);
  const summary: string[] = [];
  for (const tag of tags) {
    for (const name of readdirSync(join(examples, tag)).filter((f) => /\.ya?ml$/.test(f))) {
      const fs = await lintFile(join(examples, tag, name));
      const short = `${tag}/${name.replace(/^.*__/, '')}`;
      const versionFindings = fs.filter((f) => /\/(unsupported-version|legacy-version-key|version-not-string)$/.test(f.ruleId));
      if (tag === 'spec-example-0.1') {
        // The 0.1 draft: one clear error on its version key, then what to change to reach 0.x.
        const legacy = only(fs, 'publiccode/legacy-version-key');
        assert.equal(legacy.severity, 'error');
        assert.equal(legacy.range.start.line, 0);
        assert.match(legacy.message, /0\.1 draft.*publiccodeYmlVersion: "0"/);
        assert.equal(byRule(fs, 'publiccode/required-key').filter((f) => f.pointer === '/publiccodeYmlVersion').length, 0, 'no second finding for the same version');
        // Its 0.1 key names are reported as renamed, not as unknown.
        assert.ok(byRule(fs, 'publiccode/renamed-key').length > 0, `${short}: renamed keys`);
        assert.equal(byRule(fs, 'publiccode/unknown-key').filter((f) => /tags|onlyFor|featureList|freeTags|accessibile|designKit/.test(f.pointer)).length, 0);
        summary.push(`${short}: legacy-version-key + ${fs.length - 1} findings about moving to 0.x`);
        continue;
      }
      if (tag === 'spec-example-core-0.2') {
        // The core-0.2 examples still declare "0.1" under the 0.2 key: a legacy version, told plainly.
        const v = only(fs, 'publiccode/unsupported-version');
        assert.match(v.message, /0\.1 was the first draft/);
        assert.equal(v.fixes?.[0].edits[0].newText, '"0"');
      } else {
        assert.deepEqual(versionFindings.map((f) => f.ruleId), [], `${short}: the declared version is accepted`);
      }
      // Deprecated keys are warnings (or information), never errors, in every 0.x example.
      assert.deepEqual(byRule(fs, 'publiccode/removed-key'), [], `${short}: nothing is "removed" in 0.x`);
      for (const f of fs.filter((x) => /deprecated|lowercase-country|old-version/.test(x.ruleId))) assert.notEqual(f.severity, 'error', `${short}: ${f.ruleId}`);
      const other = errors(fs).filter((f) => !isKnownExampleDefect(f) && !versionFindings.includes(f));
      // The core-0.2 examples declare "0.1" and still use 0.1 keys (tags, the 0.1 Italian section with
      // countryExtensionVersion "0.1"): as for the 0.1 draft, what is reported is what to rename.
      const allowed = other.filter(
        (f) =>
          !(tag === 'spec-example-core-0.2' && (f.ruleId === 'publiccode/renamed-key' || (f.ruleId === 'publiccode/invalid-value' && f.pointer === '/it/countryExtensionVersion'))),
      );
      assert.deepEqual(ids(allowed), [], `${short}: errors beyond the examples' known defects`);
      summary.push(`${short}: ${errors(fs).length} errors (the example's own defects${tag === 'spec-example-core-0.2' ? ', its 0.1 version and 0.1 keys' : ''}), ${fs.filter((f) => f.severity === 'warning').length} warnings`);
    }
  }
  console.log(`  spec examples:\n    ${summary.join('\n    ')}`);
});

test('the 1.0-rc branch examples (which still declare "0") are valid 0.x apart from the placeholder video', async () => {
  const dir = join(examples, 'spec-example-1.0-rc');
  for (const name of readdirSync(dir)) {
    const fs = await lintFile(join(dir, name));
    assert.deepEqual(ids(errors(fs).filter((f) => !isKnownExampleDefect(f))), []);
  }
});

// ---------------------------------------------------------------------------- deprecated keys

/** A document using each deprecated key, in 0.x (`"0"`). */
const DEPRECATED_DOC = doc(
  '"0"',
  `monochromeLogo: img/logo-mono.svg
inputTypes:
  - text/plain
outputTypes:
  - text/plain
IT:
  countryExtensionVersion: "1.0"
  conforme:
    gdpr: true
  riuso:
    codiceIPA: c_h501
`,
)
  .replace('    features:\n', '    genericName: Booking\n    features:\n')
  .replace('  license: AGPL-3.0-or-later\n', '  license: AGPL-3.0-or-later\n  repoOwner: Roma Capitale\n  authorsFile: AUTHORS\n');

test('every deprecated key gets a warning that names its replacement', async () => {
  const fs = await lint(DEPRECATED_DOC);
  for (const d of DEPRECATIONS) {
    if (d.path === 'it') continue; // below, with its own document
    const f = fs.find((x) => x.ruleId === 'publiccode/deprecated-key' && d.pointer.test(x.pointer));
    assert.ok(f, `no finding for ${d.path}`);
    assert.equal(f.severity, 'warning');
    assert.match(f.message, new RegExp(`deprecated since publiccode\\.yml ${d.since.replace('.', '\\.')}`));
    if (d.replacement) assert.ok(f.message.includes(d.replacement.split('.')[0]), `${d.path}: the message names ${d.replacement}`);
    else assert.match(f.message, /safe to drop/);
    assert.ok(f.fixes?.length, `${d.path}: a quick fix`);
  }
  const it = only(await lint(doc('"0"', 'it:\n  countryExtensionVersion: "1.0"\n')), 'publiccode/deprecated-key', '/it');
  assert.match(it.message, /rename it to IT/);
  assert.equal(it.fixes?.[0].edits[0].newText, 'IT');
});

test('deprecated-key quick fixes: each makes its move and leaves a file without new problems', async () => {
  const before = await lint(DEPRECATED_DOC);
  for (const f of byRule(before, 'publiccode/deprecated-key')) {
    const fixed = apply(DEPRECATED_DOC, f.fixes![0]);
    const after = await lint(fixed);
    assert.equal(after.filter((x) => x.ruleId === f.ruleId && x.pointer === f.pointer).length, 0, `${f.pointer}: fixed (${f.fixes![0].title})\n${fixed}`);
    assert.deepEqual(ids(errors(after)), [], `${f.pointer}: no error after "${f.fixes![0].title}"\n${fixed}`);
  }
});

test('deprecated-key fixes: repoOwner and codiceIPA move under organisation', async () => {
  const text = doc('"0"', 'IT:\n  riuso:\n    codiceIPA: c_h501\n').replace('  license: AGPL-3.0-or-later\n', '  license: AGPL-3.0-or-later\n  repoOwner: Roma Capitale\n');
  const fs = await lint(text);
  const owner = only(fs, 'publiccode/deprecated-key', '/legal/repoOwner');
  assert.equal(owner.fixes?.[0].title, 'Move to organisation.name: Roma Capitale');
  const moved = apply(text, owner.fixes![0]);
  assert.match(moved, /\norganisation:\n {2}name: "Roma Capitale"\n {2}uri: "urn:x-italian-pa:c_h501"\n$/);
  assert.doesNotMatch(moved, /repoOwner/);
  // Then the codiceIPA fix only removes the section, organisation.uri already says it.
  const ipa = only(await lint(moved), 'publiccode/deprecated-key', '/IT/riuso/codiceIPA');
  assert.match(ipa.fixes![0].title, /already says it/);
  const clean = apply(moved, ipa.fixes![0]);
  assert.doesNotMatch(clean, /riuso|codiceIPA/);
  assert.deepEqual(ids(errors(await lint(clean))), []);
  // An organisation without a name gets the name inserted, with its indentation.
  const withOrg = doc('"0"', 'organisation:\n  uri: "https://www.comune.roma.it"\n').replace('  license: AGPL-3.0-or-later\n', '  license: AGPL-3.0-or-later\n  repoOwner: Roma Capitale\n');
  const ins = apply(withOrg, only(await lint(withOrg), 'publiccode/deprecated-key', '/legal/repoOwner').fixes![0]);
  assert.match(ins, /organisation:\n {2}name: "Roma Capitale"\n {2}uri: "https:\/\/www\.comune\.roma\.it"\n/);
  // A different organisation.name: not mechanical, no fix.
  const clash = withOrg.replace('organisation:\n', 'organisation:\n  name: Comune di Roma\n');
  assert.equal(only(await lint(clash), 'publiccode/deprecated-key', '/legal/repoOwner').fixes, undefined);
});

test('deprecated-key fixes: monochromeLogo becomes logo, or goes when logo is set', async () => {
  const alone = doc('"0"', 'monochromeLogo: img/logo-mono.svg\n');
  assert.equal(only(await lint(alone), 'publiccode/deprecated-key', '/monochromeLogo').fixes?.[0].edits[0].newText, 'logo');
  const both = doc('"0"', 'logo: img/logo.svg\nmonochromeLogo: img/logo-mono.svg\n');
  const f = only(await lint(both), 'publiccode/deprecated-key', '/monochromeLogo');
  assert.match(f.fixes![0].title, /Remove monochromeLogo/);
  assert.doesNotMatch(apply(both, f.fixes![0]), /monochromeLogo/);
});

test('deprecated-key in real files: legal.repoOwner (parser-go fixture) gets the move fix', async () => {
  const path = join(testdata, 'v0/valid_with_warnings/valid_with_legal_repoOwner.yml');
  const text = readFileSync(path, 'utf8');
  const f = only(await lintFile(path), 'publiccode/deprecated-key', '/legal/repoOwner');
  assert.ok(f.fixes?.length);
  const fixed = apply(text, f.fixes![0]);
  const after = (await analyze(pathToFileURL(path).href, fixed, { standard: { id: 'publiccode' } })).findings;
  assert.equal(byRule(after, 'publiccode/deprecated-key').filter((x) => x.pointer === '/legal/repoOwner').length, 0);
});

test('country-section-deprecated (0.7): a quick fix replaces IT with supports and organisation.uri', async () => {
  const path = join(testdata, 'v0/valid/valid.yml');
  const text = readFileSync(path, 'utf8');
  const fs = await lintFile(path);
  const f = only(fs, 'publiccode/country-section-deprecated');
  assert.ok(f.fixes?.length, 'a fix for the real file');
  const fixed = apply(text, f.fixes![0]);
  assert.doesNotMatch(fixed, /^IT:/m);
  assert.match(fixed, /^supports:\n {2}- id: "alias:/m);
  const after = (await analyze(pathToFileURL(path).href, fixed, { standard: { id: 'publiccode' } })).findings;
  assert.deepEqual(ids(errors(after)), []);
  assert.equal(byRule(after, 'publiccode/country-section-deprecated').length, 0);
  // With a supports key already present the merge is left to people.
  const merged = doc('"0"', 'supports:\n  - id: "alias:gdpr"\nIT:\n  piattaforme:\n    spid: true\n');
  assert.equal(only(await lint(merged), 'publiccode/country-section-deprecated').fixes, undefined);
});

// ---------------------------------------------------------------------------- 0.1 renamed keys

test('renamed-key: the 0.1 names say what 0.2 calls them, with a rename fix', async () => {
  const text = doc('"0"', 'tags:\n  - content-management\n').replace('    features:\n', '    featureList:\n').replace('      - Online booking\n', '      - Online booking\n    freeTags:\n      - booking\n');
  const fs = await lint(text);
  const tags = only(fs, 'publiccode/renamed-key', '/tags');
  assert.match(tags.message, /0\.1 name of categories/);
  assert.equal(tags.fixes?.[0].edits[0].newText, 'categories');
  assert.equal(only(fs, 'publiccode/renamed-key', '/description/en/featureList').fixes?.[0].edits[0].newText, 'features');
  const free = only(fs, 'publiccode/renamed-key', '/description/en/freeTags');
  assert.match(free.message, /dropped/);
  assert.equal(byRule(fs, 'publiccode/unknown-key').length, 0, 'one finding per key, not an unknown-key as well');
  // Applying the three fixes gives a valid file.
  let fixed = text;
  for (const p of ['/tags', '/description/en/featureList', '/description/en/freeTags']) fixed = apply(fixed, only(await lint(fixed), 'publiccode/renamed-key', p).fixes![0]);
  assert.deepEqual(ids(errors(await lint(fixed))), []);
  // The list covers the 0.1 keys of the 0.1 spec example.
  assert.ok(RENAMED_IN_0_2.length >= 10);
});

test('renamed-key in the 0.1 spec example: tags, onlyFor, featureList, freeTags and the Italian keys', async () => {
  const fs = await lintFile(join(examples, 'spec-example-0.1', 'publiccodeyml__publiccode.yml___docs__en__example__publiccode.yml'));
  const pointers = byRule(fs, 'publiccode/renamed-key').map((f) => f.pointer).sort();
  for (const p of ['/tags', '/intendedAudience/onlyFor', '/description/eng/featureList', '/description/eng/freeTags', '/it/conforme/accessibile', '/it/spid', '/it/ecosistemi', '/it/designKit']) {
    assert.ok(pointers.includes(p), `${p} in ${pointers.join(', ')}`);
  }
  assert.match(only(fs, 'publiccode/renamed-key', '/it/spid').message, /piattaforme\.spid.*alias:spid/);
});

// ------------------------------------------------------------------------------ 1.0 release candidate

test('1.0: "1" is the release candidate: a warning, and the 1.0 schema', async () => {
  const fs = await lint(doc('"1"'));
  const rc = only(fs, 'publiccode/release-candidate');
  assert.equal(rc.severity, 'warning');
  assert.match(rc.message, /release candidate.*reject/);
  assert.equal(rc.fixes?.[0].edits[0].newText, '"0"');
  assert.deepEqual(ids(fs), ['publiccode/release-candidate /publiccodeYmlVersion']);
  assert.deepEqual(ids(await lint(doc('"1.0"'))), ['publiccode/release-candidate /publiccodeYmlVersion']);
  // A modeline picks 1.0 for a file that has no version yet.
  const modeline = await analyze('file:///repo/publiccode.yml', `# civic-schemas: publiccode@1\n${doc('"1"').replace(/^publiccodeYmlVersion.*\n/, '')}`);
  assert.equal(modeline.detection?.version, '1');
  const deprecated = await analyze('file:///repo/publiccode.yml', `# civic-schemas: publiccode@1\n${doc('"1"').replace(/^publiccodeYmlVersion.*\n/, '')}monochromeLogo: x.svg\n`);
  assert.equal(only(deprecated.findings, 'publiccode/removed-key').pointer, '/monochromeLogo');
});

test('1.0: every key 0.x deprecated is a removed-key error that names its replacement, with the same fixes', async () => {
  const text = DEPRECATED_DOC.replace('publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "1"');
  const fs = await lint(text);
  for (const d of DEPRECATIONS) {
    if (/^(IT|it)/.test(d.path)) continue;
    const f = fs.find((x) => x.ruleId === 'publiccode/removed-key' && d.pointer.test(x.pointer));
    assert.ok(f, `no removed-key for ${d.path}`);
    assert.equal(f.severity, 'error');
    assert.match(f.message, new RegExp(`removed in publiccode\\.yml 1\\.0 \\(deprecated since ${d.since.replace('.', '\\.')}\\)`));
    assert.ok(f.fixes?.length, `${d.path}: a quick fix`);
  }
  // The Italian section goes as a whole: one error, with the replacement for this file.
  const it = only(fs, 'publiccode/removed-key', '/IT');
  assert.match(it.message, /supports: \[\{id: "alias:gdpr"\}\]; organisation\.uri: "urn:x-italian-pa:c_h501"/);
  assert.equal(fs.filter((f) => f.pointer.startsWith('/IT/')).length, 0, 'nothing more inside the removed section');
  assert.equal(byRule(fs, 'publiccode/unknown-key').length, 0, 'the schema\'s unknown-key gives way to removed-key');
  assert.equal(byRule(fs, 'publiccode/deprecated-key').length, 0);
  // Applying every fix, one at a time, gives a valid 1.0 file.
  let fixed = text;
  for (let i = 0; i < 20; i++) {
    const next = byRule(await lint(fixed), 'publiccode/removed-key').find((f) => f.fixes?.length);
    if (!next) break;
    fixed = apply(fixed, next.fixes![0]);
  }
  assert.deepEqual(ids(await lint(fixed)), ['publiccode/release-candidate /publiccodeYmlVersion'], fixed);
  assert.match(fixed, /organisation:\n {2}name: "Roma Capitale"\n {2}uri: "urn:x-italian-pa:c_h501"\n/);
  assert.match(fixed, /supports:\n {2}- id: "alias:gdpr"\n/);
});

test('1.0 on real files: the parser\'s v1 fixture with IT, E.164-less phones and its fixes', async () => {
  const path = join(testdata, 'v1/invalid_valid_in_v0/valid.yml');
  let text = readFileSync(path, 'utf8');
  const fs = await lintFile(path);
  const it = only(fs, 'publiccode/removed-key', '/IT');
  assert.match(it.fixes![0].title, /Replace the IT section with supports/);
  const phones = byRule(fs, 'publiccode/phone-e164');
  assert.equal(phones.length, 3);
  assert.equal(phones[0].fixes?.[0].edits[0].newText, '"+3923113215112"');
  for (let i = 0; i < 10; i++) {
    const next = errors((await analyze(pathToFileURL(path).href, text, { standard: { id: 'publiccode' } })).findings).find((f) => f.fixes?.length);
    if (!next) break;
    text = apply(text, next.fixes![0]);
  }
  const after = (await analyze(pathToFileURL(path).href, text, { standard: { id: 'publiccode' } })).findings;
  assert.deepEqual(ids(errors(after)), [], 'the fixes make the real file valid 1.0');
});

test('1.0: lowercase countries are errors (a 0.x warning), with the uppercase fix', async () => {
  const v0 = await lintFile(join(testdata, 'v0/valid_with_warnings/valid_with_lowercase_countries.yml'));
  assert.ok(byRule(v0, 'publiccode/lowercase-country').every((f) => f.severity === 'warning'));
  const v1 = byRule(await lintFile(join(testdata, 'v1/invalid_valid_with_warnings_in_v0/valid_with_lowercase_countries.yml')), 'publiccode/lowercase-country');
  assert.equal(v1.length, 3);
  for (const f of v1) {
    assert.equal(f.severity, 'error');
    assert.match(f.message, /1\.0 accepts only uppercase/);
    assert.match(f.fixes![0].edits[0].newText, /^[A-Z]{2}$/);
  }
  assert.deepEqual(ids(byRule(await lint(doc('"1"', 'intendedAudience:\n  countries:\n    - IT\n')), 'publiccode/lowercase-country')), []);
});

test('1.0: phone-e164, passing and failing', async () => {
  const phone = (p: string) => doc('"1"').replace('    - name: Francesco Rossi\n', `    - name: Francesco Rossi\n      phone: ${p}\n`);
  assert.deepEqual(byRule(await lint(phone('"+390612345678"')), 'publiccode/phone-e164'), []);
  const spaced = only(await lint(phone('"+39 06 1234 5678"')), 'publiccode/phone-e164');
  assert.equal(spaced.fixes?.[0].edits[0].newText, '"+390612345678"');
  assert.equal(byRule(await lint(phone('"+39 06 1234 5678"')), 'publiccode/invalid-value').length, 0, 'one finding, not the schema pattern too');
  assert.equal(only(await lint(phone('"0044 (0)20 7946 0000"')), 'publiccode/phone-e164').fixes?.[0].edits[0].newText, '"+442079460000"');
  const local = only(await lint(phone('"06 1234 5678"')), 'publiccode/phone-e164');
  assert.match(local.message, /international prefix/);
  assert.equal(local.fixes, undefined);
  // In 0.x the form is not checked; an unquoted number is a warning there and an error in 1.0.
  assert.deepEqual(byRule(await lint(phone('"+39 06 1234 5678"').replace('"1"', '"0"')), 'publiccode/phone-e164'), []);
  assert.equal(only(await lint(phone('+390612345678')), 'publiccode/number-as-text').severity, 'error');
  assert.equal(only(await lint(phone('+390612345678').replace('"1"', '"0"')), 'publiccode/number-as-text').severity, 'warning');
});

test('1.0: the government scope was removed (removed-value), other scopes pass', async () => {
  const scoped = (list: string) => doc('"1"', `intendedAudience:\n  scope:\n${list}`);
  const text = scoped('    - government\n    - welfare\n');
  const f = only(await lint(text), 'publiccode/removed-value');
  assert.match(f.message, /removed in publiccode\.yml 1\.0/);
  assert.equal(byRule(await lint(text), 'publiccode/invalid-value').length, 0);
  assert.deepEqual(ids(errors(await lint(apply(text, f.fixes![0])))), []);
  assert.deepEqual(byRule(await lint(scoped('    - welfare\n')), 'publiccode/removed-value'), []);
  // Still a valid scope in 0.x.
  assert.deepEqual(ids(errors(await lint(text.replace('"1"', '"0"')))), []);
});

test('yaml-version: a %YAML 1.1 directive, a warning in 0.x and an error in 1.0', async () => {
  const w = only(await lint(`%YAML 1.1\n---\n${doc('"0"')}`), 'publiccode/yaml-version');
  assert.equal(w.severity, 'warning');
  assert.equal(w.range.start.line, 0);
  assert.doesNotMatch(apply(`%YAML 1.1\n---\n${doc('"0"')}`, w.fixes![0]), /%YAML/);
  assert.equal(only(await lint(`%YAML 1.1\n---\n${doc('"1"')}`), 'publiccode/yaml-version').severity, 'error');
  assert.deepEqual(byRule(await lint(`%YAML 1.2\n---\n${doc('"0"')}`), 'publiccode/yaml-version'), []);
  assert.deepEqual(byRule(await lint(doc('"0"')), 'publiccode/yaml-version'), []);
});

// -------------------------------------------------------------------------- missing-key position

test('a missing key is underlined on the first key of the mapping that lacks it (as the reference validator)', async () => {
  const license = only(await lintFile(join(testdata, 'v0/invalid/legal_license_missing.yml')), 'publiccode/required-key');
  assert.equal(license.range.start.line + 1, 41); // mainCopyrightOwner, inside legal (legal: is line 40)
  const uri = only(await lintFile(join(testdata, 'v0/invalid/organisation_uri_missing.yml')), 'publiccode/required-key');
  assert.equal(uri.range.start.line + 1, 18);
  const features = only(await lintFile(join(testdata, 'v0/invalid/description_en_features_missing.yml')), 'publiccode/description-incomplete');
  assert.equal(features.range.start.line + 1, 22);
  // A conditional requirement is underlined on its condition: maintenance.type.
  const contractors = only(await lintFile(join(testdata, 'v0/invalid/maintenance_contractors_missing_with_type_contract.yml')), 'publiccode/maintenance-contractors');
  assert.equal(contractors.range.start.line + 1, 44);
  assert.equal(contractors.pointer, '/maintenance/contractors');
  // An empty flow mapping: the braces.
  const empty = doc('"0"').replace('legal:\n  license: AGPL-3.0-or-later\n', 'legal: {}\n');
  const r = only(await lint(empty), 'publiccode/required-key', '/legal/license');
  const line = empty.split('\n')[r.range.start.line];
  assert.equal(line.slice(r.range.start.character, r.range.start.character + 2), '{}');
});

test('editor features follow the version: completion in a 1.0 file offers no removed key', async () => {
  const { prepare } = await import('../../server/src/core/analyze');
  const { complete } = await import('../../server/src/core/complete');
  const text0 = doc('"0"', 'mono');
  const text1 = doc('"1"', 'mono');
  const labelsFor = (text: string) => {
    const p = prepare('file:///repo/publiccode.yml', text);
    const items = complete({ doc: p.doc, schema: p.schema, standard: p.standard, detection: p.detection }, p.doc.positionAt(text.length)).items;
    return { schemaId: p.schemaId, labels: items.map((i) => i.label) };
  };
  const v0 = labelsFor(text0);
  const v1 = labelsFor(text1);
  assert.equal(v0.schemaId, 'publiccode-0');
  assert.equal(v1.schemaId, 'publiccode-1');
  assert.ok(v0.labels.includes('monochromeLogo') || v0.labels.length > 0, 'completion works on 0.x');
  assert.ok(v1.labels.length > 0, 'completion works on 1.0');
  for (const removed of ['monochromeLogo', 'inputTypes', 'outputTypes', 'IT', 'it']) assert.ok(!v1.labels.includes(removed), `${removed} offered in 1.0`);
  assert.ok(v1.labels.includes('supports') && v1.labels.includes('organisation'));
});
