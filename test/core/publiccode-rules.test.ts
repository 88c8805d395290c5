// The publiccode.yml rules beyond the schema: for each rule a passing and a failing example, with
// real corpus files where one exists (shared/corpus, used unmodified).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../../server/src/core/analyze';
import { LONG, samplePubliccode } from '../helpers/publiccodeSample';
import type { Finding, Workspace } from '../../server/src/core/types';
import { fsWorkspace } from '../helpers/fsWorkspace';
import { decoderRejects } from '../../server/src/core/standards/publiccode/decoder';

const corpus = resolve(__dirname, '../../../shared/corpus');
const testdata = join(corpus, 'publiccode-parser-go', 'testdata');
const real = join(corpus, 'publiccode');

/** A valid publiccode.yml 0.7 (version "0"); tests replace lines in it. */
const BASE = samplePubliccode('"0"');

function edit(replacements: [string | RegExp, string][], base = BASE): string {
  let out = base;
  for (const [from, to] of replacements) {
    const next = out.replace(from, to);
    assert.notEqual(next, out, `the test edit ${String(from)} changed nothing`);
    out = next;
  }
  return out;
}

async function lint(text: string, options: { uri?: string; workspace?: Workspace } = {}): Promise<Finding[]> {
  const r = await analyze(options.uri ?? 'file:///repo/publiccode.yml', text, { workspace: options.workspace });
  return r.findings;
}

async function lintFile(path: string, workspace?: Workspace): Promise<Finding[]> {
  const text = new TextDecoder().decode(readFileSync(path));
  const r = await analyze(pathToFileURL(path).href, text, { standard: { id: 'publiccode' }, workspace });
  return r.findings;
}

const fixture = (rel: string) => join(testdata, rel);
const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');

function only(fs: Finding[], id: string): Finding {
  const hits = byRule(fs, id);
  assert.equal(hits.length, 1, `expected one ${id}, got ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.message]), null, 1)}`);
  return hits[0];
}

test('the base document is valid: no findings at all', async () => {
  assert.deepEqual(await lint(BASE), []);
});

test('a spec example (v0.7.0 minimal) is valid', async () => {
  const file = join(corpus, 'publiccode-spec-examples/spec-example-v0.7.0/publiccodeyml__publiccode.yml__docs__standard__example__publiccode.minimal.yml');
  assert.deepEqual(errors(await lintFile(file)), []);
});

// ---------------------------------------------------------------------------------------- version

test('version: an unquoted number is an error with a quoting fix', async () => {
  const fs = await lint(edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: 0.4']]));
  const f = only(fs, 'publiccode/version-not-string');
  assert.match(f.message, /quoted string.*Write "0\.4"/);
  assert.equal(f.fixes?.[0].edits[0].newText, '"0.4"');
  assert.equal(byRule(fs, 'publiccode/wrong-type').length, 0, 'the schema finding at the same place is dropped');
});

test('version: unsupported versions list the supported ones; old versions warn', async () => {
  const bad = only(await lint(edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "2"']])), 'publiccode/unsupported-version');
  assert.match(bad.message, /"0", "0\.2".*"0\.7\.0", "1", "1\.0"/);
  // 0.1 with the 0.2 key (the spec's own core-0.2 example): a clear pointer to "0".
  const draft = only(await lint(edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.1"']])), 'publiccode/unsupported-version');
  assert.match(draft.message, /0\.1 was the first draft.*write "0"/);
  assert.equal(draft.fixes?.[0].edits[0].newText, '"0"');
  const old = only(await lint(edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.4"']])), 'publiccode/old-version');
  assert.equal(old.severity, 'warning');
  assert.match(old.message, /v0\.4 is not the latest version of publiccode\.yml; use "0"/);
  assert.deepEqual(await lint(edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.7.0"']])), []);
});

test('version: the 0.1 key names publiccodeYmlVersion', async () => {
  const fs = await lint(edit([['publiccodeYmlVersion: "0"', 'publiccode-yaml-version: "http://w3id.org/publiccode/version/0.1"']]));
  const f = only(fs, 'publiccode/legacy-version-key');
  assert.match(f.message, /publiccodeYmlVersion/);
  assert.equal(f.fixes?.[0].edits[0].newText, 'publiccodeYmlVersion: "0"');
});

test('version: a float version in a real file (Aitema-gmbh)', async () => {
  const fs = await lintFile(join(real, 'Aitema-gmbh__ratsinformationssystem__publiccode.yml'));
  assert.equal(byRule(fs, 'publiccode/version-not-string').length, 1);
});

test('version: the parser-go warning for non-latest versions', async () => {
  const f = only(await lintFile(fixture('v0/valid_with_warnings/valid.minimal.v0.4.yml')), 'publiccode/old-version');
  assert.equal(f.range.start.line, 0);
});

// ----------------------------------------------------------------------------------- document-level

test('multiple-documents: a second YAML document is an error at its start', async () => {
  const text = `${BASE}---\nname: other\n`;
  const f = only(await lint(text), 'publiccode/multiple-documents');
  assert.equal(f.range.start.line, BASE.split('\n').length - 1);
  assert.deepEqual(byRule(await lint(`---\n${BASE}`), 'publiccode/multiple-documents'), []);
});

test('encoding: replacement characters mean the file was not UTF-8', async () => {
  const f = only(await lint(edit([['name: Medusa', 'name: Medus\uFFFD']])), 'publiccode/encoding');
  assert.match(f.message, /UTF-8/);
});

test('encoding: the Latin-1 fixture of parser-go', async () => {
  only(await lintFile(fixture('v0/invalid/file_encoding.yml')), 'publiccode/encoding');
});

// ------------------------------------------------------------------------------------- YAML typing

test('boolean-as-text: yes/no are text in YAML 1.2; quoted "true" is text', async () => {
  const yes = only(await lint(edit([['localisationReady: true', 'localisationReady: yes']])), 'publiccode/boolean-as-text');
  assert.match(yes.message, /yes is text in YAML 1\.2/);
  assert.equal(yes.fixes?.[0].edits[0].newText, 'true');
  const quoted = only(await lint(edit([['localisationReady: true', 'localisationReady: "false"']])), 'publiccode/boolean-as-text');
  assert.equal(quoted.fixes?.[0].edits[0].newText, 'false');
  assert.deepEqual(byRule(await lint(edit([['localisationReady: true', 'localisationReady: false']])), 'publiccode/boolean-as-text'), []);
});

test('boolean-as-text: real file with yes/no (CodeForBaltimore) and parser-go fixtures', async () => {
  const fs = await lintFile(join(real, 'CodeForBaltimore__Healthcare-Rollcall__publiccode.yml'));
  assert.deepEqual(byRule(fs, 'publiccode/boolean-as-text').map((f) => f.pointer), ['/localisation/localisationReady', '/dependsOn/open/0/optional']);
  for (const name of ['yes', 'no', 'on', 'off']) {
    only(await lintFile(fixture(`v0/invalid/no-network/localisation_localisationReady_yaml11_${name}.yml`)), 'publiccode/boolean-as-text');
  }
});

test('boolean-as-text leaves keys it does not know to other rules (a 0.1 key here)', async () => {
  const fs = await lint(`${BASE}IT:\n  conforme:\n    accessibile: yes\n`);
  assert.deepEqual(byRule(fs, 'publiccode/boolean-as-text'), []);
  assert.equal(byRule(fs, 'publiccode/renamed-key').filter((f) => f.pointer === '/IT/conforme/accessibile').length, 1);
  assert.equal(byRule(fs, 'publiccode/unknown-key').length, 0, 'one finding for the 0.1 key, not two');
});

test('number-as-text: versions and phone numbers written as numbers', async () => {
  const v = only(await lint(edit([['platforms:', 'softwareVersion: 1.10\nplatforms:']])), 'publiccode/number-as-text');
  assert.match(v.message, /read as 1\.1/);
  assert.equal(v.fixes?.[0].edits[0].newText, '"1.10"');
  const phone = only(await lint(edit([['- name: Francesco Rossi', '- name: Francesco Rossi\n      phone: +390612345']])), 'publiccode/number-as-text');
  assert.equal(phone.severity, 'warning');
  assert.deepEqual(byRule(await lint(edit([['platforms:', 'softwareVersion: "1.10"\nplatforms:']])), 'publiccode/number-as-text'), []);
});

test('number-as-text: an unquoted countryExtensionVersion is an error (its values are strings)', async () => {
  const f = only(await lint(`${BASE}IT:\n  countryExtensionVersion: 1.0\n`), 'publiccode/number-as-text');
  assert.equal(f.severity, 'error');
  assert.equal(f.fixes?.[0].edits[0].newText, '"1.0"');
  assert.equal(byRule(await lint(`${BASE}IT:\n  countryExtensionVersion: 1.0\n`), 'publiccode/invalid-value').length, 0);
  const other = await lint(`${BASE}IT:\n  countryExtensionVersion: 0.1\n`);
  assert.deepEqual(byRule(other, 'publiccode/number-as-text'), []);
  assert.equal(byRule(other, 'publiccode/invalid-value').length, 1);
  assert.equal(byRule(other, 'publiccode/wrong-type').length, 0, 'one finding, not two');
});

test('platforms-not-list: a single string becomes a list', async () => {
  const f = only(await lint(edit([['platforms:\n  - web', 'platforms: web']])), 'publiccode/platforms-not-list');
  assert.equal(f.fixes?.[0].edits[0].newText, '[web]');
  assert.deepEqual(byRule(await lint(BASE), 'publiccode/platforms-not-list'), []);
});

// -------------------------------------------------------------------------------------------- SPDX

test('spdx/invalid-expression: licence names, with the id to use as a fix', async () => {
  const f = only(await lint(edit([['license: AGPL-3.0-or-later', 'license: Apache License, Version 2.0']])), 'spdx/invalid-expression');
  assert.match(f.message, /not a valid SPDX license expression.*Did you mean "Apache-2\.0"/);
  assert.equal(f.fixes?.[0].edits[0].newText, 'Apache-2.0');
  assert.deepEqual(byRule(await lint(edit([['license: AGPL-3.0-or-later', 'license: EUPL-1.2 OR MIT']])), 'spdx/invalid-expression'), []);
});

test('spdx: real licence names (CARD-AI, BraznMngo) and the parser-go fixtures', async () => {
  assert.equal(only(await lintFile(join(real, 'CARD-AI__BLKT-VMS-Validavimas__publiccode.yml')), 'spdx/invalid-expression').data?.suggestion, 'Apache-2.0');
  assert.equal(only(await lintFile(join(real, 'BraznMngo__brazn-tasks__publiccode.yml')), 'spdx/invalid-expression').data?.suggestion, 'AGPL-3.0-or-later');
  only(await lintFile(fixture('v0/invalid/legal_license_invalid.yml')), 'spdx/invalid-expression');
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/valid_spdx_or.yml'))), []);
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/valid_spdx_with.yml'))), []);
});

test('spdx/deprecated-license and spdx/identifier-case are warnings', async () => {
  const dep = only(await lint(edit([['license: AGPL-3.0-or-later', 'license: GPL-3.0']])), 'spdx/deprecated-license');
  assert.equal(dep.severity, 'warning');
  assert.deepEqual(dep.fixes?.map((x) => x.edits[0].newText), ['GPL-3.0-only', 'GPL-3.0-or-later']);
  const low = only(await lint(edit([['license: AGPL-3.0-or-later', 'license: apache-2.0']])), 'spdx/identifier-case');
  assert.equal(low.fixes?.[0].edits[0].newText, 'Apache-2.0');
});

// ------------------------------------------------------------------------------------------ BCP 47

test('bcp47/invalid-tag: description keys (on the key) and availableLanguages', async () => {
  const key = only(await lint(edit([['  en:\n    shortDescription', '  en_GB:\n    shortDescription']])), 'bcp47/invalid-tag');
  assert.equal(key.pointer, '/description/en_GB');
  assert.equal(key.range.start.line, 8);
  assert.equal(key.fixes?.[0].edits[0].newText, 'en-GB');
  const item = only(await lint(edit([['availableLanguages:\n    - en', 'availableLanguages:\n    - eng']])), 'bcp47/invalid-tag');
  assert.equal(item.pointer, '/localisation/availableLanguages/0');
  assert.match(item.message, /Did you mean "en"/);
  assert.deepEqual(byRule(await lint(edit([['availableLanguages:\n    - en', 'availableLanguages:\n    - en\n    - sl-IT-nedis']])), 'bcp47/invalid-tag'), []);
});

test('bcp47: parser-go fixtures', async () => {
  only(await lintFile(fixture('v0/invalid/description_en_gb_invalid_bcp47.yml')), 'bcp47/invalid-tag');
  only(await lintFile(fixture('v0/invalid/description_invalid_language.yml')), 'bcp47/invalid-tag');
  only(await lintFile(fixture('v0/invalid/localisation_availableLanguages_invalid_bcp47.yml')), 'bcp47/invalid-tag');
});

test('bcp47/deprecated-tag: a warning with the preferred tag', async () => {
  const f = only(await lint(edit([['availableLanguages:\n    - en', 'availableLanguages:\n    - iw']])), 'bcp47/deprecated-tag');
  assert.equal(f.severity, 'warning');
  assert.equal(f.fixes?.[0].edits[0].newText, 'he');
});

// --------------------------------------------------------------------------------------- countries

test('countries: lowercase is a warning, unknown codes are errors', async () => {
  const withCountries = (list: string) => edit([['description:', `intendedAudience:\n  countries: [${list}]\ndescription:`]]);
  const low = only(await lint(withCountries('it')), 'publiccode/lowercase-country');
  assert.equal(low.severity, 'warning');
  assert.equal(low.fixes?.[0].edits[0].newText, 'IT');
  const bad = only(await lint(withCountries('ITA')), 'iso3166/invalid-country');
  assert.match(bad.message, /Did you mean "IT"/);
  assert.equal(byRule(await lint(withCountries('ITA')), 'publiccode/invalid-value').length, 0);
  assert.deepEqual(await lint(withCountries('IT, DE')), []);
});

test('countries: parser-go fixtures', async () => {
  const fs = await lintFile(fixture('v0/valid_with_warnings/valid_with_lowercase_countries.yml'));
  assert.deepEqual(byRule(fs, 'publiccode/lowercase-country').map((f) => f.pointer), ['/intendedAudience/countries/0', '/intendedAudience/countries/1', '/intendedAudience/unsupportedCountries/0']);
  assert.deepEqual(errors(fs), []);
  only(await lintFile(fixture('v0/invalid/intendedAudience_countries_invalid_iso_3166_1_alpha_2.yml')), 'iso3166/invalid-country');
});

// ------------------------------------------------------------------------------ newer-than-version

test('newer-than-version: keys and categories newer than the declared version (information)', async () => {
  const text = edit([
    ['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.2"'],
    ['platforms:', 'categories:\n  - design\n  - office\nsupports:\n  - id: alias:gdpr\nplatforms:'],
  ]);
  const fs = byRule(await lint(text), 'publiccode/newer-than-version');
  assert.deepEqual(fs.map((f) => f.pointer).sort(), ['/categories/0', '/supports']);
  assert.ok(fs.every((f) => f.severity === 'information'));
  assert.deepEqual(byRule(await lint(edit([['platforms:', 'categories:\n  - design\nplatforms:']])), 'publiccode/newer-than-version'), []);
});

// ------------------------------------------------------------------------------------- description

test('text-length: grapheme counts for short and long descriptions', async () => {
  const short = only(await lint(edit([['shortDescription: Booking system for hospitals', `shortDescription: ${'x'.repeat(151)}`]])), 'publiccode/text-length');
  assert.match(short.message, /151 characters long; it must be at most 150/);
  const long = only(await lint(edit([[LONG, 'Too short.']])), 'publiccode/text-length');
  assert.match(long.message, /at least 150/);
  // 150 flags are 300 UTF-16 units but 150 characters: fine.
  assert.deepEqual(byRule(await lint(edit([['shortDescription: Booking system for hospitals', `shortDescription: ${'🇮🇹'.repeat(150)}`]])), 'publiccode/text-length'), []);
  assert.equal(byRule(await lint(edit([[LONG, 'Too short.']])), 'publiccode/length').length, 0, 'no second finding from the schema');
});

test('text-length: parser-go fixtures, including grapheme clusters', async () => {
  only(await lintFile(fixture('v0/invalid/description_en_longDescription_too_short.yml')), 'publiccode/text-length');
  only(await lintFile(fixture('v0/invalid/description_en_longDescription_too_long.yml')), 'publiccode/text-length');
  only(await lintFile(fixture('v0/invalid/description_en_longDescription_too_short_grapheme_clusters.yml')), 'publiccode/text-length');
  assert.deepEqual(byRule(await lintFile(fixture('v0/valid_with_warnings/unicode_grapheme_clusters.yml')), 'publiccode/text-length'), []);
});

test('description-incomplete: error when no language has it, warning when another language has it', async () => {
  const none = only(await lint(edit([['    features:\n      - Online booking\n', '']])), 'publiccode/description-incomplete');
  assert.equal(none.severity, 'error');
  assert.equal(none.pointer, '/description/en/features');
  const second = edit([['legal:', '  it:\n    shortDescription: Prenotazioni per ospedali\nlegal:']]);
  const fs = byRule(await lint(second), 'publiccode/description-incomplete');
  assert.deepEqual(fs.map((f) => [f.pointer, f.severity]), [['/description/it/longDescription', 'warning'], ['/description/it/features', 'warning']]);
});

// ------------------------------------------------------------------------------------- maintenance

test('maintenance-contacts: required for internal and community', async () => {
  const f = only(await lint(edit([['  contacts:\n    - name: Francesco Rossi\n', '']])), 'publiccode/maintenance-contacts');
  assert.match(f.message, /required when maintenance\.type is "community"/);
  assert.equal(byRule(await lint(edit([['  contacts:\n    - name: Francesco Rossi\n', '']])), 'publiccode/required-key').length, 0);
  assert.deepEqual(await lint(edit([['type: community\n  contacts:\n    - name: Francesco Rossi\n', 'type: none\n']])), []);
});

test('maintenance-contractors: required for contract, not allowed otherwise', async () => {
  const missing = only(await lint(edit([['type: community', 'type: contract']])), 'publiccode/maintenance-contractors');
  assert.match(missing.message, /required when maintenance\.type is "contract"/);
  const extra = await lint(edit([['  contacts:', '  contractors:\n    - name: ACME\n      until: "2030-01-01"\n  contacts:']]));
  assert.match(only(extra, 'publiccode/maintenance-contractors').message, /only allowed when maintenance\.type is "contract"/);
  assert.equal(byRule(extra, 'publiccode/not-allowed').length, 0);
  assert.deepEqual(await lint(edit([['type: community', 'type: contract'], ['  contacts:', '  contractors:\n    - name: ACME\n      until: "2030-01-01"\n  contacts:']])), []);
});

test('maintenance: parser-go fixtures', async () => {
  only(await lintFile(fixture('v0/invalid/maintenance_contacts_missing_with_type_community.yml')), 'publiccode/maintenance-contacts');
  only(await lintFile(fixture('v0/invalid/maintenance_contractors_missing_with_type_contract.yml')), 'publiccode/maintenance-contractors');
  only(await lintFile(fixture('v0/invalid/maintenance_contractors_when_type_is_none.yml')), 'publiccode/maintenance-contractors');
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/maintenance_contacts_when_type_is_contract.yml'))), []);
});

// -------------------------------------------------------------------------------- country sections

test('duplicate-country-section and the deprecated it section', async () => {
  const fs = await lintFile(fixture('v0/invalid/it_IT_duplicated.yml'));
  only(fs, 'publiccode/duplicate-country-section');
  assert.equal(byRule(fs, 'publiccode/deprecated-key').filter((f) => f.pointer === '/it').length, 1);
  assert.deepEqual(byRule(await lintFile(fixture('v0/valid/valid_with_country_specific_section_uppercase.yml')), 'publiccode/duplicate-country-section'), []);
});

test('country-section-deprecated: information with the supports to write', async () => {
  const text = `${BASE}IT:\n  countryExtensionVersion: "1.0"\n  piattaforme:\n    spid: true\n    pagopa: true\n`;
  const f = only(await lint(text), 'publiccode/country-section-deprecated');
  assert.equal(f.severity, 'information');
  assert.match(f.message, /supports: \[\{id: "alias:spid"\}, \{id: "alias:pagopa"\}\]/);
  const old = edit([['publiccodeYmlVersion: "0"', 'publiccodeYmlVersion: "0.5"']], text);
  assert.deepEqual(byRule(await lint(old), 'publiccode/country-section-deprecated'), []);
});

// ---------------------------------------------------------------------------------- deprecations

test('deprecated-key: warnings on the key, naming the replacement', async () => {
  const fs = byRule(await lint(edit([['platforms:', 'monochromeLogo: img/mono.svg\ninputTypes:\n  - text/plain\nplatforms:'], ['  license: AGPL-3.0-or-later', '  license: AGPL-3.0-or-later\n  repoOwner: City of Rome']])), 'publiccode/deprecated-key');
  assert.deepEqual(fs.map((f) => f.pointer).sort(), ['/inputTypes', '/legal/repoOwner', '/monochromeLogo']);
  assert.ok(fs.every((f) => f.severity === 'warning'));
  assert.match(fs.find((f) => f.pointer === '/monochromeLogo')!.message, /use logo instead/);
  assert.match(fs.find((f) => f.pointer === '/legal/repoOwner')!.message, /organisation\.name/);
  const mono = fs.find((f) => f.pointer === '/monochromeLogo')!;
  assert.equal(mono.range.start.character, 0, 'underlines the key');
});

test('deprecated-key: parser-go warning fixtures', async () => {
  for (const [file, pointer] of [
    ['v0/valid_with_warnings/valid_with_legal_repoOwner.yml', '/legal/repoOwner'],
    ['v0/valid_with_warnings/valid_with_it_conforme.yml', '/IT/conforme'],
    ['v0/valid_with_warnings/valid.mime_types.yml', '/inputTypes'],
    ['v0/valid_with_warnings/valid_with_IT_riuso_codiceIPA.yml', '/IT/riuso/codiceIPA'],
    ['v0/valid_with_warnings/valid_with_country_specific_section_downcase.yml', '/it'],
  ]) {
    const fs = await lintFile(fixture(file));
    assert.ok(byRule(fs, 'publiccode/deprecated-key').some((f) => f.pointer === pointer), `${file}: ${pointer}`);
    assert.deepEqual(errors(fs), [], file);
  }
});

// ---------------------------------------------------------------------------------- vocabularies

test('software-type: common names map to the allowed value', async () => {
  const f = only(await lint(edit([['softwareType: "standalone/web"', 'softwareType: web']])), 'publiccode/software-type');
  assert.equal(f.fixes?.[0].edits[0].newText, '"standalone/web"');
  const unknown = await lint(edit([['softwareType: "standalone/web"', 'softwareType: spaceship']]));
  assert.deepEqual(byRule(unknown, 'publiccode/software-type'), []);
  assert.equal(byRule(unknown, 'publiccode/invalid-value').length, 1);
});

test('unknown-alias: supports aliases come from the list', async () => {
  const supports = (id: string) => edit([['platforms:', `supports:\n  - id: ${id}\nplatforms:`]]);
  const f = only(await lint(supports('alias:gdrp')), 'publiccode/unknown-alias');
  assert.match(f.message, /Did you mean "alias:gdpr"/);
  assert.deepEqual(await lint(supports('alias:pagopa')), []);
  assert.deepEqual(await lint(supports('"https://eur-lex.europa.eu/eli/reg/2016/679/oj"')), []);
  assert.deepEqual(await lint(supports('urn:iso:std:iso:27001')), []);
});

test('unknown-alias: parser-go fixtures', async () => {
  only(await lintFile(fixture('v0/invalid/no-network/supports_unknown_alias.yml')), 'publiccode/unknown-alias');
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/no-network/valid_with_supports.yml'))), []);
});

// ------------------------------------------------------------------------------------------- URIs

test('organisation-uri: absolute URL with a host or an RFC 2141 URN', async () => {
  const org = (uri: string) => edit([['platforms:', `organisation:\n  name: ACME\n  uri: ${uri}\nplatforms:`]]);
  const ipa = only(await lint(org('pcm')), 'publiccode/organisation-uri');
  assert.equal(ipa.fixes?.[0].edits[0].newText, '"urn:x-italian-pa:pcm"');
  only(await lint(org('"1"')), 'publiccode/organisation-uri');
  only(await lint(org('"urn:x-italian-pa:"')), 'publiccode/organisation-uri');
  for (const ok of ['urn:x-italian-pa:c_h501', 'https://example.org/acme', 'urn:foobar:example']) assert.deepEqual(await lint(org(ok)), [], ok);
});

test('organisation-uri: parser-go fixtures', async () => {
  for (const f of ['organisation_wrong_uri', 'organisation_uri_wrong_italian_pa', 'fundedBy_wrong_uri', 'fundedBy_uri_wrong_italian_pa']) {
    only(await lintFile(fixture(`v0/invalid/${f}.yml`)), 'publiccode/organisation-uri');
  }
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/valid_with_organisation.yml'))), []);
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/valid_with_fundedBy_with_uri_url.yml'))), []);
});

test('unknown-ipa-code: urn:x-italian-pa codes and IT.riuso.codiceIPA are looked up in IndicePA, ignoring case', async () => {
  const org = (uri: string) => edit([['platforms:', `organisation:\n  name: ACME\n  uri: ${uri}\nplatforms:`]]);
  const f = only(await lint(org('urn:x-italian-pa:no_such_pa')), 'publiccode/unknown-ipa-code');
  assert.equal(f.severity, 'error');
  assert.equal(f.pointer, '/organisation/uri');
  assert.match(f.message, /organisation\.uri: "no_such_pa" is not an iPA code .*retrieved \d{4}-\d{2}-\d{2}.*indicepa\.gov\.it.*very new administration/);
  for (const ok of ['urn:x-italian-pa:c_h501', 'URN:X-Italian-PA:C_H501', 'urn:x-italian-pa:PCM', 'urn:x-other:no_such_pa', 'https://example.org/acme']) {
    assert.deepEqual(byRule(await lint(org(ok)), 'publiccode/unknown-ipa-code'), [], ok);
  }
  // An empty code is a malformed URN, which organisation-uri reports.
  assert.deepEqual(byRule(await lint(org('"urn:x-italian-pa:"')), 'publiccode/unknown-ipa-code'), []);
});

test('unknown-ipa-code: parser-go fixtures and real files', async () => {
  for (const [file, pointer] of [
    ['v0/invalid/organisation_uri_wrong_italian_pa2.yml', '/organisation/uri'],
    ['v0/invalid/fundedBy_uri_wrong_italian_pa2.yml', '/fundedBy/0/uri'],
    ['v0/invalid/it_riuso_codiceIPA_invalid.yml', '/IT/riuso/codiceIPA'],
  ]) {
    assert.equal(only(await lintFile(fixture(file)), 'publiccode/unknown-ipa-code').pointer, pointer, file);
  }
  for (const file of ['v0/valid/valid_with_organisation_uri_italian_pa.yml', 'v0/valid/valid_with_fundedBy_uri_italian_pa.yml', 'v0/valid/valid.yml']) {
    assert.deepEqual(errors(await lintFile(fixture(file))), [], file);
  }
  // Real files: ARPA Valle d'Aosta's organisation URI, and lowercase codiceIPA values of other administrations.
  for (const name of ['ARPA-VdA__OPAS__publiccode.yml', 'CSTSistemiSUD__GeoCity__publiccode.yml', 'Comune-Milano__gefo__publiccode.yml']) {
    assert.deepEqual(byRule(await lintFile(join(real, name)), 'publiccode/unknown-ipa-code'), [], name);
  }
});

// --------------------------------------------------------------------- reference parser's decoder

test('dropped-by-reference-parser: a type error inside a required section empties it for the reference validator', async () => {
  // A struct section: each required key that is present gets the validator's "X is a required field".
  const fs1 = await lint(edit([['localisationReady: true', 'localisationReady: off']]));
  only(fs1, 'publiccode/boolean-as-text');
  const f = only(fs1, 'publiccode/dropped-by-reference-parser');
  assert.equal(f.pointer, '/localisation/availableLanguages');
  assert.equal(f.severity, 'error');
  assert.equal(f.range.start.line, BASE.split('\n').findIndex((l) => l.includes('availableLanguages:')), 'on the key');
  const readyLine = BASE.split('\n').findIndex((l) => l.includes('localisationReady')) + 1;
  assert.ok(f.message.includes(`reads all of localisation as empty because localisation.localisationReady (line ${readyLine}) has the wrong type, so it rejects the file with "availableLanguages is a required field"`), f.message);
  assert.deepEqual(f.data, { section: 'localisation', causes: ['/localisation/localisationReady'], parserMessage: 'availableLanguages is a required field' });
  // A map section: one finding on the section's key.
  const g = only(await lint(edit([['      - Online booking', '      - Online booking\n    awards:\n      best: Award 2020']])), 'publiccode/dropped-by-reference-parser');
  assert.equal(g.pointer, '/description');
  assert.match(g.message, /because description\.en\.awards \(line \d+\) has the wrong type, so it rejects the file with "description must contain more than 0 items"/);
  // maintenance: only its required key (type); contacts are required only for some types, which an empty section has not.
  const h = only(await lint(edit([['    - name: Francesco Rossi', '    - name: [Francesco, Rossi]']])), 'publiccode/dropped-by-reference-parser');
  assert.equal(h.pointer, '/maintenance/type');
});

test('dropped-by-reference-parser: only what the Go decoder certainly rejects, only in required sections, only in 0.x', async () => {
  const none = async (text: string, why: string) => assert.deepEqual(byRule(await lint(text), 'publiccode/dropped-by-reference-parser'), [], why);
  await none(BASE, 'a valid file');
  await none(edit([['localisationReady: true', 'localisationReady: "true"']]), 'text strconv.ParseBool accepts');
  await none(edit([['shortDescription: Booking system for hospitals', 'shortDescription: 12']]), 'a number where text belongs is converted');
  await none(edit([['localisationReady: true', 'localisationReady: ~']]), 'null decodes to the zero value');
  await none(edit([['platforms:', 'dependsOn:\n  open:\n    - name: PostgreSQL\n      optional: yes\nplatforms:']]), 'an optional section');
  await none(edit([['platforms:\n  - web', 'platforms:\n  web: true']]), 'the section itself has the wrong type (wrong-type reports it)');
  await none(samplePubliccode('"1"').replace('localisationReady: true', 'localisationReady: off'), '1.0: the released validator rejects version 1 first');
});

test('dropped-by-reference-parser: parser-go fixtures and real files', async () => {
  for (const [file, pointer] of [
    ['v0/invalid/description_en_awards_wrong_type.yml', '/description'],
    ['v0/invalid/description_en_apiDocumentation_wrong_type.yml', '/description'],
    ['v0/invalid/no-network/localisation_localisationReady_yaml11_on.yml', '/localisation/availableLanguages'],
  ] as const) {
    assert.equal(only(await lintFile(fixture(file)), 'publiccode/dropped-by-reference-parser').pointer, pointer, file);
  }
  // Real: Code for Baltimore's file has `videos:` as one URL (a list is needed) and `localisationReady: yes`.
  const real1 = byRule(await lintFile(join(real, 'CodeForBaltimore__Healthcare-Rollcall__publiccode.yml')), 'publiccode/dropped-by-reference-parser');
  assert.deepEqual(real1.map((f) => [f.pointer, (f.data as { causes: string[] }).causes[0]]), [
    ['/description', '/description/en/videos'],
    ['/localisation/availableLanguages', '/localisation/localisationReady'],
  ]);
  assert.deepEqual(byRule(await lintFile(join(real, 'ARPA-VdA__OPAS__publiccode.yml')), 'publiccode/dropped-by-reference-parser'), []);
  assert.deepEqual(byRule(await lintFile(fixture('v0/valid/valid.yml')), 'publiccode/dropped-by-reference-parser'), []);
});

test('decoderRejects: shapes and Go booleans', () => {
  assert.equal(decoderRejects({}, ['string']), true);
  assert.equal(decoderRejects([], ['string']), true);
  assert.equal(decoderRejects('x', ['array']), true);
  assert.equal(decoderRejects('x', ['string', 'array']), false);
  assert.equal(decoderRejects(3, ['string']), false);
  assert.equal(decoderRejects('off', ['boolean']), true);
  assert.equal(decoderRejects('True', ['boolean']), false);
  assert.equal(decoderRejects(null, ['string']), false);
  assert.equal(decoderRejects({}, []), false);
});

test('malformed-url: repairable URLs get a fix', async () => {
  const f = only(await lint(edit([['url: "https://github.com/example/medusa.git"', 'url: " https://github.com/example/medusa.git"']])), 'publiccode/malformed-url');
  assert.equal(f.fixes?.[0].edits[0].newText, '"https://github.com/example/medusa.git"');
  assert.equal(byRule(await lint(edit([['url: "https://github.com/example/medusa.git"', 'url: "foobar"']])), 'publiccode/malformed-url').length, 0);
});

test('malformed-url: http;// in a real file (Azienda-USL-di-Bologna)', async () => {
  const f = only(await lintFile(join(real, 'Azienda-USL-di-Bologna__babel__publiccode.yml')), 'publiccode/malformed-url');
  assert.equal(f.data?.suggestion, 'http://www.nsi.it');
});

test('video-oembed: videos must come from an oEmbed provider', async () => {
  const video = (url: string) => edit([['      - Online booking\n', `      - Online booking\n    videos:\n      - ${url}\n`]]);
  only(await lint(video('https://google.com')), 'publiccode/video-oembed');
  assert.deepEqual(await lint(video('https://www.youtube.com/watch?v=RaHmGbBOP84')), []);
  assert.deepEqual(await lint(video('https://vimeo.com/123456')), []);
});

test('video-oembed: parser-go fixture', async () => {
  only(await lintFile(fixture('v0/invalid/description_en_videos_invalid_oembed.yml')), 'publiccode/video-oembed');
});

// ------------------------------------------------------------------------------------------ dates

test('invalid-date: calendar validity and date-times', async () => {
  const date = (d: string) => edit([['platforms:', `releaseDate: ${d}\nplatforms:`]]);
  assert.match(only(await lint(date('"2023-02-29"')), 'publiccode/invalid-date').message, /February 2023 has 28 days/);
  assert.equal(byRule(await lint(date('"2023-02-29"')), 'publiccode/invalid-value').length, 0);
  const dt = only(await lint(date('"2011-01-01 20:04:05"')), 'publiccode/invalid-date');
  assert.equal(dt.fixes?.[0].edits[0].newText, '"2011-01-01"');
  assert.deepEqual(await lint(date('2024-02-29')), []);
  assert.equal(byRule(await lint(date('01/04/2019')), 'publiccode/invalid-value').length, 1);
});

// ------------------------------------------------------------------------------------------ files

test('files: absolute paths, file: URLs and extensions need no workspace', async () => {
  const logo = (v: string) => edit([['platforms:', `logo: ${v}\nplatforms:`]]);
  only(await lint(logo('/logo.png')), 'publiccode/absolute-path');
  only(await lint(logo('"file:///logo.png"')), 'publiccode/absolute-path');
  only(await lint(logo('logo.mpg')), 'publiccode/file-extension');
  assert.deepEqual(await lint(logo('img/logo.svg')), [], 'no workspace: existence is not checked');
  assert.deepEqual(await lint(logo('https://example.org/logo.png')), []);
});

test('files: existence and PNG checks through the workspace', async () => {
  const ws = fsWorkspace(testdata);
  only(await lintFile(fixture('v0/invalid/logo_missing_file.yml'), ws), 'publiccode/missing-file');
  only(await lintFile(fixture('v0/invalid/legal_authorsFile_missing_file.yml'), ws), 'publiccode/missing-file');
  only(await lintFile(fixture('v0/invalid/description_en_screenshots_missing_file.yml'), ws), 'publiccode/missing-file');
  only(await lintFile(fixture('v0/invalid/no-network/logo_invalid_png.yml'), ws), 'publiccode/invalid-image');
  only(await lintFile(fixture('v0/invalid/logo_unsupported_extension.yml'), ws), 'publiccode/file-extension');
  only(await lintFile(fixture('v0/invalid/logo_absolute_path.yml'), ws), 'publiccode/absolute-path');
  only(await lintFile(fixture('v0/invalid/logo_file_scheme3.yml'), ws), 'publiccode/absolute-path');
  assert.deepEqual(errors(await lintFile(fixture('v0/valid/no-network/valid.yml'), ws)), []);
  assert.deepEqual(errors(await lintFile(fixture('v0/valid_with_warnings/no-network/authorsFile.yml'), ws)), []);
  // Without a workspace the same files raise no file findings.
  assert.deepEqual(byRule(await lintFile(fixture('v0/invalid/logo_missing_file.yml')), 'publiccode/missing-file'), []);
});

test('files: a path that leaves the workspace', async () => {
  const ws: Workspace = { resolve: () => undefined, exists: async () => true, readFile: async () => undefined };
  const f = only(await lint(edit([['platforms:', 'logo: ../../logo.svg\nplatforms:']]), { workspace: ws }), 'publiccode/missing-file');
  assert.match(f.message, /outside the repository/);
});

test('files: PNG width from the IHDR chunk', async () => {
  const png = (width: number) => {
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(b.buffer).setUint32(16, width);
    new DataView(b.buffer).setUint32(20, 100);
    return b;
  };
  const ws = (bytes: Uint8Array): Workspace => ({ resolve: (_f, p) => `file:///repo/${p}`, exists: async () => true, readFile: async () => bytes });
  const text = edit([['platforms:', 'logo: img/logo.png\nplatforms:']]);
  assert.equal(only(await lint(text, { workspace: ws(png(64)) }), 'publiccode/invalid-image').severity, 'error');
  assert.equal(only(await lint(text, { workspace: ws(png(500)) }), 'publiccode/invalid-image').severity, 'warning');
  assert.deepEqual(await lint(text, { workspace: ws(png(1200)) }), []);
});

// ------------------------------------------------------------------------------------ real corpus

test('real files: typos and misplaced keys are reported, not thrown on', async () => {
  const sep = await lintFile(join(real, 'CittametropolitanaRomaCapitale__SEP__publiccode.yml'));
  assert.ok(byRule(sep, 'publiccode/unknown-key').some((f) => f.pointer === '/description/it/developmentStatus'));
  const baltimore = await lintFile(join(real, 'CodeForBaltimore__Healthcare-Rollcall__publiccode.yml'));
  assert.match(byRule(baltimore, 'publiccode/unknown-key').find((f) => f.pointer === '/landingUrl')?.message ?? '', /Did you mean "landingURL"/);
  const x = await lintFile(join(real, 'Cetriq__CuraNexus__publiccode.yml'));
  assert.ok(byRule(x, 'publiccode/extension-key').some((f) => f.pointer === '/x-samhallskodex'), 'x- keys are rejected, as by the reference validator');
});

test('extension-key and unknown-country-section explain what the schema rejects', async () => {
  const ext = only(await lint(`${BASE}x-k0nsult:\n  id: 42\n`), 'publiccode/extension-key');
  assert.equal(ext.range.start.character, 0);
  assert.equal(byRule(await lint(`${BASE}x-k0nsult:\n  id: 42\n`), 'publiccode/unknown-key').length, 0);
  const sv = only(await lint(`${BASE}sv:\n  offentligSektor: true\n`), 'publiccode/unknown-country-section');
  assert.match(sv.message, /only the Italian country section/);
  assert.deepEqual(byRule(await lint(`${BASE}Sv: 1\n`), 'publiccode/unknown-country-section'), [], 'mixed case is a typo, left to unknown-key');
  // Not every unknown two-letter key is a country section, and IT is defined.
  assert.deepEqual(byRule(await lint(`${BASE}zz: 1\n`), 'publiccode/unknown-country-section'), []);
  assert.deepEqual(byRule(await lint(`${BASE}IT:\n  countryExtensionVersion: "1.0"\n`), 'publiccode/unknown-country-section'), []);
});
