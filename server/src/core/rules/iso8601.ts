// ISO 8601 dates, date-times, durations, intervals and repeating intervals, checked strictly and
// calendar-aware. Parsing is done by `@0dep/piso` (calendar, ordinal and week dates, reduced
// precision, basic and extended formats, times up to 24:00, time-zone offsets, durations with a
// fraction on the smallest unit, intervals `start/end`, `start/duration`, `duration/end`, `R[n]/…`);
// this module adds what a linter needs on top: which kind of value was written, and *why* a text is
// not ISO 8601, in plain words, with a repaired form where the repair is certain.
// YYYY-MM-DD explanations come from ./dates (shared with publiccode).

import { ISODate, ISODuration, ISOInterval } from '@0dep/piso';
import { explainInvalidDate } from './dates';
import * as l10n from '../l10n';
import { rememberByText } from './remember';

export type IsoKind =
  | 'date' // a calendar, ordinal or week date, any precision down to the day
  | 'date-time' // a date with a time of day
  | 'duration' // P1Y2M10DT2H30M
  | 'start/end'
  | 'start/duration'
  | 'duration/end';

export type IsoCheck =
  | { valid: true; kind: IsoKind; /** Repetitions of an `R[n]/…` value: -1 for `R/` (unbounded). */ repeat?: number }
  | { valid: false; reason: string; /** A repaired text, when the repair is certain. */ suggestion?: string };

const MONTH_DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})(?=$|[T ])/;

/** Remember what piso said about the first failing character: `Unexpected … "2016-05-25[Z]" at 10`. */
function unexpectedAt(message: string): { before: string; char: string } | undefined {
  const m = /"(.*)\[(.*)\]"(?: at \d+)?$/.exec(message);
  if (!m) return undefined;
  return { before: m[1], char: m[2] };
}

/** Parse one date or date-time with piso; the instant (UTC when no offset) or the error message. */
const pisoDate = rememberByText(parseDate);

function parseDate(text: string): { ok: true; time: number; hasTime: boolean } | { ok: false; message: string } {
  try {
    const d = new ISODate(text).parse();
    const r = d.result as Record<string, unknown>;
    if (r.isValid === false) return { ok: false, message: `Invalid ISO 8601 date "${text}"` };
    return { ok: true, time: d.toDate(true).getTime(), hasTime: r.H !== undefined };
  } catch (err) {
    return { ok: false, message: String((err as Error)?.message ?? err) };
  }
}

const pisoDuration = rememberByText(parseDuration);

function parseDuration(text: string): { ok: true } | { ok: false; message: string } {
  if (/^[-−]/.test(text)) return { ok: false, message: 'negative' };
  if (/T$/.test(text)) return { ok: false, message: 'empty time part' };
  try {
    const d = new ISODuration(text).parse();
    if ((d.result as { isValid?: boolean }).isValid === false) return { ok: false, message: `Invalid ISO 8601 duration "${text}"` };
    return { ok: true };
  } catch (err) {
    return { ok: false, message: String((err as Error)?.message ?? err) };
  }
}

const dateForms = () => l10n.t('an ISO 8601 date such as 2016-05-25 (or 2016, 2016-05), or a date and time such as 2016-05-25T14:30:00Z');

/** Why `text` is not a date or date-time, in words, and a certain repair when there is one. */
function explainDate(text: string, pisoMessage: string): { reason: string; suggestion?: string } {
  const trimmed = text.trim();
  if (trimmed !== text && trimmed !== '') {
    const inner = pisoDate(trimmed);
    if (inner.ok) return { reason: l10n.t('it has spaces before or after the date'), suggestion: trimmed };
  }
  if (text === '') return { reason: l10n.t('it is empty') };
  // 2016-5-3: ISO 8601 always writes months and days with two digits.
  const md = MONTH_DAY.exec(text);
  if (md && (md[2].length === 1 || md[3].length === 1)) {
    const padded = `${md[1]}-${md[2].padStart(2, '0')}-${md[3].padStart(2, '0')}${text.slice(md[0].length)}`;
    const ok = pisoDate(padded).ok;
    return { reason: l10n.t('ISO 8601 writes months and days with two digits'), suggestion: ok ? padded : undefined };
  }
  const ymd = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  if (ymd) {
    const why = explainInvalidDate(ymd[1]);
    if (why) return { reason: why };
  }
  // 05/25/2016 or 25/05/2016: repairable only when one of the two numbers cannot be a month.
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us) {
    const a = Number(us[1]);
    const b = Number(us[2]);
    const iso = (m: number, d: number) => `${us[3]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    let suggestion: string | undefined;
    if (a > 12 && b <= 12 && pisoDate(iso(b, a)).ok) suggestion = iso(b, a);
    else if (b > 12 && a <= 12 && pisoDate(iso(a, b)).ok) suggestion = iso(a, b);
    return {
      reason: suggestion ? l10n.t('slashes and day/month order are not ISO 8601, which writes year-month-day') : l10n.t('slashes and day/month order are not ISO 8601, which writes year-month-day (and whether this is month/day or day/month cannot be told)'),
      suggestion,
    };
  }
  const time = /T(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?/.exec(text);
  if (time) {
    const [, hh, mm, ss] = time;
    if (Number(hh) > 24 || (Number(hh) === 24 && (Number(mm ?? 0) > 0 || Number(ss ?? 0) > 0))) {
      return { reason: l10n.t('there is no hour {0} (hours go from 00 to 23; 24:00 only for the end of a day)', hh) };
    }
    if (mm !== undefined && Number(mm) > 59) return { reason: l10n.t('there is no minute {0} (minutes go from 00 to 59)', mm) };
    if (ss !== undefined && Number(ss) > 59) return { reason: l10n.t('there is no second {0} here (seconds go from 00 to 59)', ss) };
  }
  if (/^\d{4}-\d{2}-\d{2} \d{2}/.test(text)) {
    const withT = text.replace(' ', 'T');
    if (pisoDate(withT).ok) return { reason: l10n.t('ISO 8601 separates the date and the time with "T", not a space'), suggestion: withT };
  }
  if (/^\d{4}-\d{2}-\d{2}Z$/i.test(text)) {
    return { reason: l10n.t('a date without a time cannot carry a time zone; drop the "Z" or add a time (2016-05-25T00:00:00Z)'), suggestion: text.slice(0, -1) };
  }
  if (/^\d{6}$/.test(text)) return { reason: l10n.t('YYYYMM is not an ISO 8601 form (it reads like a time of day); write YYYY-MM'), suggestion: `${text.slice(0, 4)}-${text.slice(4)}` };
  if (/invalid iso 8601 (week|ordinal) date/i.test(pisoMessage)) {
    return { reason: /week/i.test(pisoMessage) ? l10n.t('that week does not exist in that year') : l10n.t('that day of the year does not exist (a year has 365 days, 366 in a leap year)') };
  }
  if (/invalid iso 8601 date/i.test(pisoMessage)) return { reason: l10n.t('that day does not exist in the calendar') };
  const at = unexpectedAt(pisoMessage);
  if (at && at.before !== '' && /^[\d+-]/.test(text)) {
    const what = at.char === 'EOL' ? l10n.t('it stops too early') : l10n.t('"{0}" cannot follow "{1}"', at.char, at.before);
    return { reason: l10n.t('it is not {0}: {1}', dateForms(), what) };
  }
  return { reason: l10n.t('it is not {0}', dateForms()) };
}

/** A calendar-valid ISO 8601 date (any precision) or date-time. */
export function checkIsoDateTime(text: string): IsoCheck {
  const r = pisoDate(text);
  if (r.ok) return { valid: true, kind: r.hasTime ? 'date-time' : 'date' };
  return { valid: false, ...explainDate(text, r.message) };
}

function explainDuration(text: string, message: string): { reason: string; suggestion?: string } {
  if (message === 'negative') return { reason: l10n.t('a duration here cannot be negative') };
  if (/^p/.test(text) && pisoDuration(text.toUpperCase()).ok) return { reason: l10n.t('the designators P, Y, M, W, D, T, H, M, S are capital letters'), suggestion: text.toUpperCase() };
  if (message === 'empty time part') return { reason: l10n.t('a "T" must be followed by hours, minutes or seconds (PT12H); without them, leave the T out'), suggestion: pisoDuration(text.slice(0, -1)).ok ? text.slice(0, -1) : undefined };
  if (/fractions/i.test(message)) return { reason: l10n.t('only the last (smallest) unit of a duration may have a fraction, as in P1Y6M or P1.5Y') };
  if (/^P(T)?$/.test(text)) return { reason: l10n.t('it has no amount: write a number and a unit after P, as in P1D or PT12H') };
  if (/^P[^T]*\d+H/.test(text)) {
    const fixed = text.replace(/^P([^T]*?)(\d+(?:[.,]\d+)?H)/, 'P$1T$2');
    return { reason: l10n.t('hours, minutes and seconds come after a "T" (PT12H; P1M is one month, PT1M one minute)'), suggestion: pisoDuration(fixed).ok ? fixed : undefined };
  }
  return { reason: l10n.t('it is not an ISO 8601 duration such as P1Y, P3M, P1W, P1D or PT12H (P, then amounts with the units Y, M, W, D, then T and H, M, S)') };
}

/** An ISO 8601 duration: P1Y2M10DT2H30M, P1W, PT0.5S. */
export function checkIsoDuration(text: string): IsoCheck {
  const r = pisoDuration(text);
  if (r.ok) return { valid: true, kind: 'duration' };
  return { valid: false, ...explainDuration(text, r.message) };
}

/** Split `R5/…` into the repetition count (-1 for a bare `R`) and the rest. */
function splitRepeat(text: string): { repeat?: number; rest: string } {
  const m = /^R(\d*)\//.exec(text);
  if (!m) return { rest: text };
  return { repeat: m[1] === '' ? -1 : Number(m[1]), rest: text.slice(m[0].length) };
}

export interface IntervalOptions {
  /** Accept an `R[n]/` prefix (a repeating interval). Default false. */
  repeating?: boolean;
  /** Accept a bare duration (`P1D`) as well as two-part intervals. Default false. */
  bareDuration?: boolean;
}

/**
 * An ISO 8601 time interval: `start/end`, `start/duration` or `duration/end` (each part a date,
 * date-time or duration; an abbreviated end such as `2016-05-25T10:00/12:00` is accepted too), and
 * the end must not come before the start.
 */
export function checkIsoInterval(text: string, options: IntervalOptions = {}): IsoCheck {
  const { repeat, rest } = splitRepeat(text);
  if (repeat !== undefined && !options.repeating) {
    return { valid: false, reason: l10n.t('a repeating interval (R/…) is not allowed here; write start/end'), suggestion: undefined };
  }
  const parts = rest.split('/');
  if (parts.length === 1) {
    if (options.bareDuration && /^P/i.test(rest)) {
      const d = checkIsoDuration(rest);
      if (d.valid) return { valid: true, kind: 'duration', repeat };
      return { valid: false, reason: d.reason, suggestion: d.suggestion && `${text.slice(0, text.length - rest.length)}${d.suggestion}` };
    }
    if (pisoDate(rest).ok) {
      return { valid: false, reason: /T/.test(rest) ? l10n.t('it is a single point in time, not an interval: write start/end with a solidus (/), as in {0}/{0} for that moment alone', rest) : l10n.t('it is a single point in time, not an interval: write start/end with a solidus (/), as in {0}/{0} for that period alone', rest) };
    }
    return { valid: false, reason: l10n.t('an interval is two parts separated by a solidus (/): start/end, start/duration or duration/end, as in 2010-01-01/2015-12-31') };
  }
  if (parts.length > 2) return { valid: false, reason: l10n.t('an interval has exactly two parts separated by one solidus (/)') };
  const [a, b] = parts;
  const prefix = text.slice(0, text.length - rest.length);
  const isDur = (s: string) => /^[-−]?P/i.test(s);
  if (isDur(a) && isDur(b)) return { valid: false, reason: l10n.t('both parts are durations; one side must be a date (start/duration or duration/end)') };
  for (const [side, part] of [['start', a], ['end', b]] as const) {
    if (/^(none|null|n\/a|present|now|current|ongoing|\.\.|)$/i.test(part.trim())) {
      return {
        valid: false,
        reason: side === 'start'
          ? (part === '' ? l10n.t('the start is missing: an interval needs both ends') : l10n.t('the start is "{0}", which is not a date: an interval needs both ends', part))
          : (part === '' ? l10n.t('the end is missing: an interval needs both ends') : l10n.t('the end is "{0}", which is not a date: an interval needs both ends', part))
            + l10n.t('. For data that is still being collected, end it at the last date the data covers (and update it), or give a duration such as {0}', `${a}/P10Y`),
      };
    }
  }
  const kind: IsoKind = isDur(a) ? 'duration/end' : isDur(b) ? 'start/duration' : 'start/end';
  // Each part on its own, for a message that names the wrong side.
  const checkPart = (part: string, side: 'start' | 'end'): { reason: string; suggestion?: string } | undefined => {
    if (isDur(part)) {
      const d = checkIsoDuration(part);
      return d.valid ? undefined : { reason: side === 'start' ? l10n.t('the start duration "{0}" is wrong: {1}', part, d.reason) : l10n.t('the end duration "{0}" is wrong: {1}', part, d.reason), suggestion: d.suggestion };
    }
    const r = pisoDate(part);
    if (r.ok) return undefined;
    const e = explainDate(part, r.message);
    return { reason: side === 'start' ? l10n.t('the start "{0}" is wrong: {1}', part, e.reason) : l10n.t('the end "{0}" is wrong: {1}', part, e.reason), suggestion: e.suggestion };
  };
  const start = checkPart(a, 'start');
  if (start) return { valid: false, reason: start.reason, suggestion: start.suggestion && `${prefix}${start.suggestion}/${b}` };
  let end = checkPart(b, 'end');
  if (end && kind === 'start/end') {
    // An abbreviated end (2016-05-25T10:00/12:00) takes the missing leading parts from the start.
    try {
      new ISOInterval(rest, true).parse();
      end = undefined;
    } catch {
      // keep the per-part explanation
    }
    if (end) return { valid: false, reason: end.reason, suggestion: end.suggestion && `${prefix}${a}/${end.suggestion}` };
  } else if (end) {
    return { valid: false, reason: end.reason, suggestion: end.suggestion && `${prefix}${a}/${end.suggestion}` };
  }
  if (kind === 'start/end') {
    const s = pisoDate(a);
    const e = pisoDate(b);
    if (s.ok && e.ok && e.time < s.time) {
      return { valid: false, reason: l10n.t('the end {0} comes before the start {1}; swap them if they are the wrong way round', b, a) };
    }
  }
  return { valid: true, kind, repeat };
}

/**
 * A repeating duration with no start or end, as DCAT-US `accrualPeriodicity` uses it: `R/P1Y`,
 * `R/PT1H`. A count (`R5/…`) or dates make it something else and are rejected with an explanation.
 */
export function checkRepeatingDuration(text: string): IsoCheck {
  const { repeat, rest } = splitRepeat(text);
  if (repeat === undefined) {
    if (/^r\d*\//.test(text)) {
      const upper = text.toUpperCase();
      return checkRepeatingDuration(upper).valid ? { valid: false, reason: l10n.t('R and P are capital letters'), suggestion: upper } : { valid: false, reason: l10n.t('R and P are capital letters') };
    }
    if (/^P/i.test(text) && checkIsoDuration(text.toUpperCase()).valid) {
      return { valid: false, reason: l10n.t('a frequency is a repeating duration: put R/ in front of the duration'), suggestion: `R/${text.toUpperCase()}` };
    }
    return { valid: false, reason: l10n.t('it is not a repeating duration such as R/P1Y (yearly), R/P1M (monthly), R/P1W (weekly) or R/P1D (daily)') };
  }
  if (rest.includes('/')) {
    const durationPart = rest.split('/').find((p) => /^P/i.test(p));
    return {
      valid: false,
      reason: l10n.t('a frequency is only the time between publications: leave out the start or end date'),
      suggestion: durationPart && checkIsoDuration(durationPart).valid ? `R/${durationPart}` : undefined,
    };
  }
  const d = checkIsoDuration(rest);
  if (!d.valid) return { valid: false, reason: d.reason, suggestion: d.suggestion && `R/${d.suggestion}` };
  if (repeat !== -1) {
    return { valid: false, reason: l10n.t('a frequency repeats without end: write R/ without the count {0}', repeat), suggestion: `R/${rest}` };
  }
  return { valid: true, kind: 'duration', repeat };
}
