// Shared helpers the Data Package rules rely on: the Open Definition licence list and strptime patterns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOdLicense, hasOdIdSyntax, odLicense, OD_LICENSES } from '../../server/src/core/rules/opendefinition';
import { checkStrptime, pictureToStrptime, strptimeParts } from '../../server/src/core/rules/strptime';

test('Open Definition list: ids are unique and id-shaped; legacy ids resolve to their licence', () => {
  const ids = OD_LICENSES.map((l) => l.id);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ids.length > 100);
  for (const id of ids) assert.ok(hasOdIdSyntax(id), id);
  assert.equal(odLicense('ODC-PDDL-1.0')?.id, 'PDDL-1.0');
  assert.equal(odLicense('CC-BY-4.0')?.title, 'Creative Commons Attribution 4.0');
  assert.equal(odLicense('GPL-3.0-only'), undefined);
});

test('checkOdLicense: valid ids, legacy ids, and what maps to an id', () => {
  assert.equal(checkOdLicense('CC-BY-4.0').status, 'valid');
  assert.equal(checkOdLicense('ODbL-1.0').status, 'valid');
  assert.equal(checkOdLicense('other-open').status, 'valid');
  assert.equal(checkOdLicense('ODC-PDDL-1.0').status, 'legacy');
  const cases: [string, string, string][] = [
    ['cc-by-4.0', 'CC-BY-4.0', 'case'],
    ['odbl-1.0', 'ODbL-1.0', 'case'],
    ['Creative Commons Attribution 4.0', 'CC-BY-4.0', 'title'],
    ['Creative Commons Attribution 4.0 International', 'CC-BY-4.0', 'title'],
    ['CC BY 4.0', 'CC-BY-4.0', 'title'],
    ['Open Data Commons Open Database License 1.0', 'ODbL-1.0', 'title'],
    ['Open Government Licence 3.0 (United Kingdom)', 'OGL-UK-3.0', 'title'],
    ['GPL-3.0-only', 'GPL-3.0', 'spdx'],
    ['odc-pddl', 'PDDL-1.0', 'pre-2014'],
    ['cc-zero', 'CC0-1.0', 'pre-2014'],
  ];
  for (const [name, id, reason] of cases) {
    const r = checkOdLicense(name);
    assert.equal(r.status, 'mappable', name);
    if (r.status === 'mappable') {
      assert.equal(r.suggestion, id, name);
      assert.equal(r.reason, reason, name);
    }
  }
  assert.deepEqual(checkOdLicense('CC-BY-3.0'), { status: 'unknown', spdx: true });
  assert.deepEqual(checkOdLicense('Open Data Commons Public Domain'), { status: 'unknown', spdx: false });
  // -or-later is a different grant from the plain GNU id: no automatic mapping.
  assert.equal(checkOdLicense('GPL-3.0-or-later').status, 'unknown');
});

test('strptime: well-formed Python patterns pass; problems are named', () => {
  for (const ok of ['%d/%m/%Y', '%Y-%m-%dT%H:%M:%S%z', '%H:%M', '%d %B %Y', '%d%%', '%Y-%m-%dT%H:%M:%S%:z']) {
    assert.deepEqual(checkStrptime(ok).problems, [], ok);
  }
  assert.deepEqual(checkStrptime('%d/%m/%Y').directives, ['d', 'm', 'Y']);
  assert.equal(checkStrptime('%Y-%').problems[0].kind, 'dangling');
  assert.equal(checkStrptime('%Q').problems[0].kind, 'unknown');
  const c = checkStrptime('%e/%m/%Y').problems[0];
  assert.equal(c.kind, 'c-only');
  assert.equal(c.token, '%e');
  assert.equal(c.replacement, '%d');
  assert.equal(checkStrptime('%-d/%m').problems[0].replacement, '%d');
  assert.equal(checkStrptime('DD/MM/YYYY').problems[0].kind, 'no-directive');
  assert.deepEqual(strptimeParts(['d', 'm', 'Y']), { date: true, time: false });
  assert.deepEqual(strptimeParts(['H', 'M']), { date: false, time: true });
});

test('pictureToStrptime: picture formats people write instead of strptime', () => {
  const cases: [string, string | undefined][] = [
    ['YYYY-MM-DD', '%Y-%m-%d'],
    ['DD/MM/YYYY', '%d/%m/%Y'],
    ['dd/mm/yyyy', '%d/%m/%Y'],
    ['mm/dd/yyyy', '%m/%d/%Y'],
    ['yyyy-MM-dd HH:mm:ss', '%Y-%m-%d %H:%M:%S'],
    ['DD.MM.YYYY HH:MM', '%d.%m.%Y %H:%M'],
    ['YYYY-MM-DDTHH:mm:ss', '%Y-%m-%dT%H:%M:%S'],
    ['YYYYMMDD', '%Y%m%d'],
    ['Date', undefined],
    ['default', undefined],
    ['%d/%m/%Y', undefined],
  ];
  for (const [picture, want] of cases) assert.equal(pictureToStrptime(picture), want, picture);
});
