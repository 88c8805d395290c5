// The shared rule helpers under server/src/core/rules/: SPDX, BCP 47, ISO 3166, dates, graphemes, URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSpdxExpression, replacementsFor } from '../../server/src/core/rules/spdx';
import { checkLanguageTag, formatLanguageTag, suggestLanguageTag } from '../../server/src/core/rules/bcp47';
import { checkCountryCode, countryName } from '../../server/src/core/rules/iso3166';
import { daysInMonth, explainInvalidDate, hasDateShape, isCalendarDate, parseCalendarDate } from '../../server/src/core/rules/dates';
import { checkGraphemeLength, graphemeCount } from '../../server/src/core/rules/graphemes';
import { isAbsoluteUrlWithHost, isEmail, isHttpUrl, isUrn, parseUrn, pathExtension, suggestUrlFix } from '../../server/src/core/rules/urls';

test('spdx: valid expressions, with and without operators, exceptions and LicenseRef', () => {
  for (const e of ['MIT', 'AGPL-3.0-or-later', 'EUPL-1.2 OR AGPL-3.0-or-later', 'GPL-2.0-only WITH Classpath-exception-2.0', '(MIT AND BSD-3-Clause) OR Apache-2.0', 'LicenseRef-my-license', 'GPL-2.0-or-later']) {
    const r = checkSpdxExpression(e);
    assert.equal(r.valid, true, e);
    assert.equal(r.canonicalCase, undefined, e);
    assert.deepEqual(r.deprecated, [], e);
  }
});

test('spdx: identifiers match case-insensitively but the canonical case is reported', () => {
  const r = checkSpdxExpression('apache-2.0 OR mit');
  assert.equal(r.valid, true);
  assert.equal(r.canonicalCase, 'Apache-2.0 OR MIT');
});

test('spdx: licence names are invalid, with the id spdx-correct suggests', () => {
  const r = checkSpdxExpression('Apache License, Version 2.0');
  assert.equal(r.valid, false);
  assert.equal(r.suggestion, 'Apache-2.0');
  assert.ok(r.unknown.includes('Apache'));
  assert.equal(checkSpdxExpression('GNU AFFERO GENERAL PUBLIC LICENSE Version 3').suggestion, 'AGPL-3.0-or-later');
  const nonsense = checkSpdxExpression('Invalid License');
  assert.equal(nonsense.valid, false);
  assert.equal(checkSpdxExpression('').valid, false);
  assert.equal(checkSpdxExpression('MIT AND').valid, false);
});

test('spdx: deprecated identifiers are valid and name their replacements', () => {
  const r = checkSpdxExpression('GPL-3.0');
  assert.equal(r.valid, true);
  assert.deepEqual(r.deprecated, [{ id: 'GPL-3.0', replacements: ['GPL-3.0-only', 'GPL-3.0-or-later'] }]);
  assert.deepEqual(checkSpdxExpression('GPL-2.0+').deprecated, [{ id: 'GPL-2.0+', replacements: ['GPL-2.0-or-later'] }]);
  assert.deepEqual(replacementsFor('BSD-2-Clause-FreeBSD'), ['BSD-2-Clause']);
});

test('bcp47: strict tags against the IANA registry', () => {
  for (const t of ['en', 'it', 'en-GB', 'en-gb', 'sl-IT-nedis', 'zh-Hant-TW', 'de-CH-1996', 'es-419', 'x-private']) assert.equal(checkLanguageTag(t).valid, true, t);
  for (const t of ['en_GB', 'hr_HR', 'xxx', 'no such language', 'eng', 'ita', '', 'en-XX-', 'english']) assert.equal(checkLanguageTag(t).valid, false, t);
});

test('bcp47: reasons and suggestions for common mistakes', () => {
  const posix = checkLanguageTag('en_GB');
  assert.equal(posix.valid, false);
  if (!posix.valid) {
    assert.match(posix.reason, /hyphens/);
    assert.equal(posix.suggestion, 'en-GB');
  }
  const iso3 = checkLanguageTag('eng');
  assert.equal(iso3.valid, false);
  if (!iso3.valid) assert.equal(iso3.suggestion, 'en');
  assert.equal(suggestLanguageTag('ita_IT'), 'it-IT');
  assert.equal(suggestLanguageTag('qqq'), undefined);
  assert.equal(formatLanguageTag('en-gb'), 'en-GB');
});

test('bcp47: deprecated tags are valid but flagged with their preferred value', () => {
  const r = checkLanguageTag('iw');
  assert.equal(r.valid, true);
  if (r.valid) assert.equal(r.deprecated?.preferred, 'he');
});

test('iso3166: alpha-2 codes, lowercase, mixed case and alpha-3', () => {
  assert.deepEqual(checkCountryCode('IT'), { status: 'valid', code: 'IT', name: 'Italy' });
  assert.equal(checkCountryCode('it').status, 'lowercase');
  assert.deepEqual(checkCountryCode('It'), { status: 'invalid', suggestion: 'IT' });
  assert.deepEqual(checkCountryCode('ITA'), { status: 'invalid', suggestion: 'IT' });
  assert.deepEqual(checkCountryCode('UK'), { status: 'invalid', suggestion: 'GB' });
  assert.deepEqual(checkCountryCode('XX'), { status: 'invalid' });
  assert.deepEqual(checkCountryCode('mouseton'), { status: 'invalid' });
  assert.equal(countryName('de'), 'Germany');
});

test('dates: exactly YYYY-MM-DD and a day that exists', () => {
  assert.equal(isCalendarDate('2017-04-15'), true);
  assert.equal(isCalendarDate('2024-02-29'), true);
  assert.equal(isCalendarDate('2023-02-29'), false);
  assert.equal(isCalendarDate('1900-02-29'), false);
  assert.equal(isCalendarDate('2000-02-29'), true);
  assert.equal(isCalendarDate('2019-13-01'), false);
  assert.equal(isCalendarDate('01/04/2019'), false);
  assert.equal(isCalendarDate('2017-4-15'), false);
  assert.equal(isCalendarDate('2011-01-01 20:04:05'), false);
  assert.deepEqual(parseCalendarDate('2017-04-15'), { year: 2017, month: 4, day: 15 });
  assert.equal(hasDateShape('2023-02-30'), true);
  assert.equal(explainInvalidDate('2023-02-30'), 'February 2023 has 28 days');
  assert.match(explainInvalidDate('2023-13-01') ?? '', /no month 13/);
  assert.equal(explainInvalidDate('2023-01-31'), undefined);
  assert.equal(daysInMonth(2024, 2), 29);
});

test('graphemes: user-perceived characters, not UTF-16 units', () => {
  assert.equal(graphemeCount('abc'), 3);
  assert.equal(graphemeCount('e\u0301'), 1); // e + combining acute
  assert.equal(graphemeCount('🇮🇹'), 1); // a flag: two code points
  assert.equal(graphemeCount('👨‍👩‍👧'), 1); // a ZWJ family
  assert.equal('👨‍👩‍👧'.length, 8);
  assert.deepEqual(checkGraphemeLength('x'.repeat(151), { max: 150 }), { length: 151, problem: 'too-long' });
  assert.deepEqual(checkGraphemeLength('x', { min: 2 }), { length: 1, problem: 'too-short' });
  assert.equal(checkGraphemeLength('🇮🇹'.repeat(150), { max: 150 }), undefined);
});

test('urls: http(s) URLs, absolute URLs with a host, URNs, e-mail', () => {
  assert.equal(isHttpUrl('https://example.org/x'), true);
  assert.equal(isHttpUrl('HTTP://example.org'), true);
  assert.equal(isHttpUrl('ftp://example.org'), false);
  assert.equal(isHttpUrl('not_a_url'), false);
  assert.equal(isHttpUrl(' https://example.org'), false);
  assert.equal(isHttpUrl('http;//www.nsi.it'), false);
  assert.equal(isAbsoluteUrlWithHost('https://foobar.example/xyz'), true);
  assert.equal(isAbsoluteUrlWithHost('mailto:a@b.org'), false);
  assert.equal(isAbsoluteUrlWithHost('pcm'), false);
  assert.equal(isUrn('urn:x-italian-pa:c_h501'), true);
  assert.equal(isUrn('urn:foobar:example'), true);
  assert.equal(isUrn('URN:ISBN:0-395-36341-1'), true);
  assert.equal(isUrn('urn:x-italian-pa:'), false);
  assert.equal(isUrn('urn:urn:x'), false);
  assert.equal(isUrn('urn:-bad:x'), false);
  assert.deepEqual(parseUrn('urn:x-italian-pa:pcm'), { nid: 'x-italian-pa', nss: 'pcm' });
  assert.equal(isEmail('francesco.rossi@example.org'), true);
  assert.equal(isEmail('not_an_email'), false);
  assert.equal(isEmail('a@b'), true);
  assert.equal(isEmail('a b@example.org'), false);
});

test('urls: repairs and extensions', () => {
  assert.equal(suggestUrlFix('http;//www.nsi.it'), 'http://www.nsi.it');
  assert.equal(suggestUrlFix(' https://github.com/x/y.git'), 'https://github.com/x/y.git');
  assert.equal(suggestUrlFix('www.example.org'), 'https://www.example.org');
  assert.equal(suggestUrlFix('foobar'), undefined);
  assert.equal(pathExtension('img/Logo.PNG'), '.png');
  assert.equal(pathExtension('https://example.org/logo.svg?raw=true'), '.svg');
  assert.equal(pathExtension('logo'), '');
});

test('bcp47: the embedded deprecated-subtag table matches the IANA registry data', async () => {
  const { DEPRECATED_SUBTAGS } = await import('../../server/src/core/rules/bcp47');
  const registry = (await import('language-subtag-registry/data/json/registry.json')).default as Record<string, unknown>[];
  const fromRegistry: Record<string, Record<string, string | null>> = { language: {}, region: {}, variant: {} };
  for (const r of registry) {
    const type = r.Type as string;
    const subtag = r.Subtag as string | undefined;
    if (!r.Deprecated || !subtag || !(type in fromRegistry)) continue;
    if (type === 'language' && subtag.length !== 2) continue; // three-letter deprecated codes are not embedded
    fromRegistry[type][type === 'region' ? subtag.toUpperCase() : subtag.toLowerCase()] = (r['Preferred-Value'] as string | undefined) ?? null;
  }
  assert.deepEqual(DEPRECATED_SUBTAGS, fromRegistry);
});
