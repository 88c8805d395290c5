import * as l10n from '../l10n';
// strptime patterns (`%d/%m/%Y %H:%M`), the date/time formats of Frictionless Table Schema fields.
// Python's `datetime.strptime` is the reference (frictionless-py parses with it); C strptime knows a
// few more directives, which are reported separately because Python rejects them.

/** Directives Python's `_strptime` accepts (3.8+), without the `%`. */
const PYTHON = new Set(['a', 'A', 'b', 'B', 'c', 'd', 'f', 'H', 'I', 'j', 'm', 'M', 'p', 'S', 'U', 'w', 'W', 'x', 'X', 'y', 'Y', 'z', 'Z', 'G', 'u', 'V', '%']);
/** Directives of C (glibc) strptime that Python does not accept, and what Python spells instead. */
const C_ONLY: Record<string, string> = {
  e: '%d',
  T: '%H:%M:%S',
  D: '%m/%d/%y',
  R: '%H:%M',
  F: '%Y-%m-%d',
  h: '%b',
  n: '\\n',
  t: '\\t',
  C: '(none)',
  k: '%H',
  l: '%I',
  s: '(none)',
  r: '%I:%M:%S %p',
};

const DATE_DIRECTIVES = new Set(['d', 'j', 'm', 'b', 'B', 'y', 'Y', 'G', 'U', 'W', 'V', 'x', 'c', 'a', 'A', 'u', 'w']);
const TIME_DIRECTIVES = new Set(['H', 'I', 'M', 'S', 'f', 'p', 'X', 'c', 'z', 'Z']);

export interface StrptimeCheck {
  /** Directives found, in order (`['d', 'm', 'Y']`). */
  directives: string[];
  /** Problems, each in words. Empty when the pattern is well formed for Python. */
  problems: { kind: 'dangling' | 'unknown' | 'c-only' | 'no-directive'; text: string; token?: string; replacement?: string }[];
}

/** Parse a strptime pattern and list what Python's strptime would reject or misread. */
export function checkStrptime(pattern: string): StrptimeCheck {
  const directives: string[] = [];
  const problems: StrptimeCheck['problems'] = [];
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '%') continue;
    const d = pattern[i + 1];
    if (d === undefined) {
      problems.push({ kind: 'dangling', text: l10n.t('it ends with a lone %') });
      break;
    }
    // Python 3.12 accepts %:z (a UTC offset with colons).
    if (d === ':' && pattern[i + 2] === 'z') {
      directives.push('z');
      i += 2;
      continue;
    }
    // Platform strftime flags such as %-d are not strptime directives.
    if (d === '-' || d === '#' || d === '0' || d === '_') {
      const next = pattern[i + 2] ?? '';
      problems.push({ kind: 'unknown', text: l10n.t('%{0}{1} is a platform strftime flag, not a strptime directive', d, next), token: `%${d}${next}`, replacement: `%${next}` });
      i += 2;
      continue;
    }
    i++;
    if (PYTHON.has(d)) {
      if (d !== '%') directives.push(d);
      continue;
    }
    if (C_ONLY[d]) {
      problems.push({ kind: 'c-only', text: l10n.t('%{0} exists in C strptime but not in Python\'s, which frictionless-py uses', d), token: `%${d}`, replacement: C_ONLY[d].startsWith('(') ? undefined : C_ONLY[d] });
      directives.push(d);
      continue;
    }
    problems.push({ kind: 'unknown', text: d === ' ' ? l10n.t('% followed by a space is not a strptime directive') : l10n.t('%{0} is not a strptime directive', d), token: `%${d}` });
  }
  if (directives.length === 0 && problems.length === 0) problems.push({ kind: 'no-directive', text: l10n.t('it has no % directive, so it can only match itself') });
  return { directives, problems };
}

/** Does the pattern read a date part (day, month, year…) / a time part (hour, minute…)? */
export function strptimeParts(directives: string[]): { date: boolean; time: boolean } {
  return { date: directives.some((d) => DATE_DIRECTIVES.has(d)), time: directives.some((d) => TIME_DIRECTIVES.has(d)) };
}

/**
 * Translate a picture format people write instead of a strptime pattern (`YYYY-MM-DD`, `dd/mm/yyyy`,
 * `DD.MM.YYYY HH:mm:ss`) into strptime. Undefined when the text is not such a picture.
 */
export function pictureToStrptime(picture: string): string | undefined {
  if (picture.includes('%')) return undefined;
  const tokens = /(YYYY|yyyy|YY|yy|MMMM|MMM|MM|mm|DD|dd|HH|hh|ss|SS|Do|D|d|M|H|h|m|s)/g;
  let sawHour = false;
  let count = 0;
  let out = '';
  let last = 0;
  for (let m = tokens.exec(picture); m; m = tokens.exec(picture)) {
    out += picture.slice(last, m.index);
    last = m.index + m[0].length;
    const t = m[0];
    let d: string;
    if (/^y{4}$/i.test(t)) d = '%Y';
    else if (/^y{2}$/i.test(t)) d = '%y';
    else if (t === 'MMMM') d = '%B';
    else if (t === 'MMM') d = '%b';
    else if (t === 'MM' || t === 'M') d = sawHour && t === 'MM' && /:$/.test(out) ? '%M' : '%m';
    else if (t === 'mm' || t === 'm') d = sawHour ? '%M' : '%m';
    else if (/^d{1,2}$/i.test(t) || t === 'Do') d = '%d';
    else if (/^h{1,2}$/i.test(t)) {
      // hh is 12-hour in Java/moment pictures but most data means 24-hour; %H is the safer reading.
      d = '%H';
      sawHour = true;
    } else if (/^s{1,2}$/i.test(t)) d = '%S';
    else return undefined;
    out += d;
    count++;
  }
  out += picture.slice(last);
  // Letters left over (other than a T between date and time) mean this was not a picture.
  if (count < 2 || /[A-Za-z]/.test(out.replace(/(?<=%[A-Za-z])T(?=%)/g, '').replace(/%[A-Za-z]/g, ''))) return undefined;
  return out;
}
