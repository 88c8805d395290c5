// The shared ISO 8601 helper (server/src/core/rules/iso8601.ts): dates and date-times of any ISO
// precision, calendar validity, durations, intervals, repeating durations, and the plain-words reasons
// and certain repairs that the DCAT-US rules show.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkIsoDateTime, checkIsoDuration, checkIsoInterval, checkRepeatingDuration, type IsoCheck } from '../../server/src/core/rules/iso8601';

function invalid(r: IsoCheck): { reason: string; suggestion?: string } {
  assert.equal(r.valid, false, JSON.stringify(r));
  return r as { reason: string; suggestion?: string };
}

describe('dates and date-times', () => {
  test('every ISO 8601 representation and precision that names a real day', () => {
    const cases: [string, 'date' | 'date-time'][] = [
      ['2016', 'date'], ['2016-05', 'date'], ['2016-05-25', 'date'], ['20160525', 'date'], ['2016-W21-3', 'date'], ['2015-W53-7', 'date'],
      ['2016-146', 'date'], ['2016-366', 'date'], ['2024-02-29', 'date'], ['2000-02-29', 'date'],
      ['2016-05-25T14:30', 'date-time'], ['2016-05-25T14:30:00Z', 'date-time'], ['2016-05-25T14:30:00.123456-05:00', 'date-time'],
      ['2016-05-25T14:30:00,5+0200', 'date-time'], ['20160525T143000Z', 'date-time'], ['2016-05-25T24:00', 'date-time'],
    ];
    for (const [text, kind] of cases) assert.deepEqual(checkIsoDateTime(text), { valid: true, kind }, text);
  });

  test('days that do not exist, with the reason in words (dates.ts explains YYYY-MM-DD)', () => {
    assert.equal(invalid(checkIsoDateTime('2023-02-29')).reason, 'February 2023 has 28 days');
    assert.equal(invalid(checkIsoDateTime('1900-02-29')).reason, 'February 1900 has 28 days');
    assert.match(invalid(checkIsoDateTime('2016-13-01')).reason, /no month 13/);
    assert.match(invalid(checkIsoDateTime('2016-04-31')).reason, /April 2016 has 30 days/);
    assert.match(invalid(checkIsoDateTime('2016-W53-1')).reason, /week does not exist/);
    assert.match(invalid(checkIsoDateTime('2015-366')).reason, /day of the year does not exist/);
    assert.match(invalid(checkIsoDateTime('2016-05-25T25:00')).reason, /no hour 25/);
    assert.match(invalid(checkIsoDateTime('2016-05-25T23:61')).reason, /no minute 61/);
    assert.match(invalid(checkIsoDateTime('2016-05-25T24:00:01')).reason, /24:00 only for the end of a day/);
  });

  test('texts that are not ISO 8601, with a repair only where it is certain', () => {
    assert.deepEqual(checkIsoDateTime('2016-5-3'), { valid: false, reason: 'ISO 8601 writes months and days with two digits', suggestion: '2016-05-03' });
    assert.equal(invalid(checkIsoDateTime('05/25/2016')).suggestion, '2016-05-25');
    assert.equal(invalid(checkIsoDateTime('25/05/2016')).suggestion, '2016-05-25');
    const ambiguous = invalid(checkIsoDateTime('05/06/2016'));
    assert.equal(ambiguous.suggestion, undefined);
    assert.match(ambiguous.reason, /cannot be told/);
    assert.equal(invalid(checkIsoDateTime('2016-05-25 10:00:00')).suggestion, '2016-05-25T10:00:00');
    assert.equal(invalid(checkIsoDateTime(' 2016-05-25')).suggestion, '2016-05-25');
    assert.equal(invalid(checkIsoDateTime('2016-05-25Z')).suggestion, '2016-05-25');
    assert.equal(invalid(checkIsoDateTime('201605')).suggestion, '2016-05');
    for (const bad of ['', 'yesterday', 'May 2016', '2016-05-25T', '16-05-25', '2016/05/25', 'None']) {
      const r = invalid(checkIsoDateTime(bad));
      assert.ok(r.reason.length > 5, bad);
    }
  });
});

describe('durations', () => {
  test('valid durations', () => {
    for (const d of ['P1Y', 'P1Y2M10DT2H30M', 'P1W', 'P0.5M', 'P3.5D', 'PT1S', 'PT0.001S', 'P1M2W', 'PT36H']) assert.deepEqual(checkIsoDuration(d), { valid: true, kind: 'duration' }, d);
  });
  test('invalid durations and their repairs', () => {
    assert.equal(invalid(checkIsoDuration('p1y')).suggestion, 'P1Y');
    assert.equal(invalid(checkIsoDuration('P1H')).suggestion, 'PT1H');
    assert.equal(invalid(checkIsoDuration('P1DT')).suggestion, 'P1D');
    assert.match(invalid(checkIsoDuration('P1.5Y2M')).reason, /smallest/);
    assert.match(invalid(checkIsoDuration('P')).reason, /no amount/);
    assert.match(invalid(checkIsoDuration('-P1D')).reason, /negative/);
    assert.equal(checkIsoDuration('1 year').valid, false);
  });
});

describe('intervals', () => {
  test('start/end, start/duration, duration/end, with reduced precision, abbreviated ends and repetition', () => {
    const cases: [string, string][] = [
      ['2000-01-15/2010-01-15', 'start/end'], ['2010/2015', 'start/end'], ['1999/2000-02-28', 'start/end'], ['2016-05-25T10:00/12:00', 'start/end'],
      ['2011-02-14T12:00:00Z/2013-07-04T19:34:00Z', 'start/end'], ['2010-01/P1M', 'start/duration'], ['2000-01-15T00:45:00Z/P1W', 'start/duration'],
      ['P1M/2010-01-01', 'duration/end'], ['2016-01-01/2016-01-01', 'start/end'],
    ];
    for (const [text, kind] of cases) assert.deepEqual(checkIsoInterval(text), { valid: true, kind, repeat: undefined }, text);
    assert.deepEqual(checkIsoInterval('R/2010-01-01/P1Y', { repeating: true }), { valid: true, kind: 'start/duration', repeat: -1 });
    assert.deepEqual(checkIsoInterval('R5/P1M/2010-01-01', { repeating: true }), { valid: true, kind: 'duration/end', repeat: 5 });
    assert.deepEqual(checkIsoInterval('R/P1D', { repeating: true, bareDuration: true }), { valid: true, kind: 'duration', repeat: -1 });
  });

  test('open ends, single dates, reversed and malformed intervals', () => {
    assert.match(invalid(checkIsoInterval('2010-01-01/None')).reason, /"None", which is not a date.*2010-01-01\/P10Y/);
    assert.match(invalid(checkIsoInterval('2010/..')).reason, /"\.\."/);
    assert.match(invalid(checkIsoInterval('2010-01-01/')).reason, /the end is missing/);
    assert.match(invalid(checkIsoInterval('2010')).reason, /single point in time/);
    assert.match(invalid(checkIsoInterval('2015/2000')).reason, /the end 2000 comes before the start 2015/);
    assert.match(invalid(checkIsoInterval('2016-01-01T10:00:00-05:00/2016-01-01T10:00:00Z')).reason, /before the start/);
    assert.match(invalid(checkIsoInterval('2010-02-30/2011-01-01')).reason, /the start "2010-02-30" is wrong: February 2010 has 28 days/);
    assert.match(invalid(checkIsoInterval('2010-01-01/2011-02-30')).reason, /the end "2011-02-30" is wrong/);
    assert.match(invalid(checkIsoInterval('P1Y/P2Y')).reason, /both parts are durations/);
    assert.match(invalid(checkIsoInterval('2010/2011/2012')).reason, /exactly two parts/);
    assert.match(invalid(checkIsoInterval('R/2010-01-01/P1Y')).reason, /repeating/);
    assert.equal(invalid(checkIsoInterval('2010-1-1/2011-01-01')).suggestion, '2010-01-01/2011-01-01');
  });
});

describe('repeating durations (accrualPeriodicity)', () => {
  test('R/ and a duration, nothing else', () => {
    for (const t of ['R/P1Y', 'R/P1M', 'R/P1W', 'R/P1D', 'R/PT1H', 'R/P0.5M', 'R/P3.5D', 'R/P0.33W', 'R/PT1S', 'R/P10Y']) assert.equal(checkRepeatingDuration(t).valid, true, t);
  });
  test('what is wrong, with repairs', () => {
    assert.equal(invalid(checkRepeatingDuration('r/p1y')).suggestion, 'R/P1Y');
    assert.equal(invalid(checkRepeatingDuration('P1Y')).suggestion, 'R/P1Y');
    assert.equal(invalid(checkRepeatingDuration('R5/P1Y')).suggestion, 'R/P1Y');
    assert.equal(invalid(checkRepeatingDuration('R/2010-01-01/P1Y')).suggestion, 'R/P1Y');
    assert.equal(invalid(checkRepeatingDuration('R/P1H')).suggestion, 'R/PT1H');
    assert.match(invalid(checkRepeatingDuration('Annual')).reason, /R\/P1Y/);
    assert.equal(checkRepeatingDuration('irregular').valid, false, 'irregular is DCAT-US vocabulary, checked by the rule, not ISO 8601');
  });
});
