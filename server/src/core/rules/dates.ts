import * as l10n from '../l10n';
// Calendar dates written exactly as YYYY-MM-DD (ISO 8601 extended calendar date, RFC 3339 full-date),
// the only form publiccode.yml accepts (the reference parses with Go's layout 2006-01-02).

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS = () => [l10n.t('January'), l10n.t('February'), l10n.t('March'), l10n.t('April'), l10n.t('May'), l10n.t('June'), l10n.t('July'), l10n.t('August'), l10n.t('September'), l10n.t('October'), l10n.t('November'), l10n.t('December')];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `text` has the YYYY-MM-DD shape (whether or not the date exists). */
export function hasDateShape(text: string): boolean {
  return SHAPE.test(text);
}

/** The date, if `text` is YYYY-MM-DD and names a day that exists. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

/**
 * Why a YYYY-MM-DD text is not a real day, in words ("February 2023 has 28 days"), or undefined when
 * it is fine or does not have the shape at all.
 */
export function explainInvalidDate(text: string): string | undefined {
  const m = SHAPE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12) return l10n.t('there is no month {0} (months go from 01 to 12; the form is YYYY-MM-DD)', m[2]);
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return l10n.t('{0} {1} has {2} days', MONTHS()[month - 1], year, days);
  return undefined;
}
