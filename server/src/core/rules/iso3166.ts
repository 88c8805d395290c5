// ISO 3166-1 alpha-2 country codes (the officially assigned ones), from the `iso-3166` package.

import { iso31661 } from 'iso-3166';

let alpha2: Set<string> | undefined;
let alpha3: Map<string, string> | undefined;
let names: Map<string, string> | undefined;

function load(): void {
  if (alpha2) return;
  alpha2 = new Set();
  alpha3 = new Map();
  names = new Map();
  for (const c of iso31661) {
    alpha2.add(c.alpha2);
    alpha3.set(c.alpha3, c.alpha2);
    names.set(c.alpha2, c.name);
  }
}

export type CountryCheck =
  | { status: 'valid'; code: string; name: string }
  /** A valid code written in lowercase (`it`): deprecated in publiccode.yml since 0.5. */
  | { status: 'lowercase'; code: string; name: string }
  | { status: 'invalid'; suggestion?: string };

/** Is `code` an assigned ISO 3166-1 alpha-2 code? Mixed case (`It`) is never valid. */
export function checkCountryCode(code: string): CountryCheck {
  load();
  if (alpha2!.has(code)) return { status: 'valid', code, name: names!.get(code)! };
  const upper = code.toUpperCase();
  if (code === code.toLowerCase() && alpha2!.has(upper)) return { status: 'lowercase', code: upper, name: names!.get(upper)! };
  if (alpha2!.has(upper)) return { status: 'invalid', suggestion: upper };
  const fromAlpha3 = alpha3!.get(upper);
  if (fromAlpha3) return { status: 'invalid', suggestion: fromAlpha3 };
  if (upper === 'UK') return { status: 'invalid', suggestion: 'GB' };
  if (upper === 'EL') return { status: 'invalid', suggestion: 'GR' };
  return { status: 'invalid' };
}

export function isCountryCode(code: string): boolean {
  return checkCountryCode(code).status === 'valid';
}

export function countryName(code: string): string | undefined {
  load();
  return names!.get(code.toUpperCase());
}
