// SPDX license expressions (SPDX 2.3 annex D): `MIT`, `AGPL-3.0-or-later OR EUPL-1.2`,
// `GPL-2.0-only WITH Classpath-exception-2.0`, `LicenseRef-custom`.
// Identifiers match case-insensitively (the SPDX spec says so), so `apache-2.0` is valid but not canonical.
// Grammar: spdx-expression-parse; identifiers: spdx-license-ids, spdx-exceptions; guesses for free-text
// licence names ("Apache License, Version 2.0"): spdx-correct.

import parse from 'spdx-expression-parse';
import correct from 'spdx-correct';
import licenseIds from 'spdx-license-ids/index.json';
import deprecatedIds from 'spdx-license-ids/deprecated.json';
import exceptionIds from 'spdx-exceptions/index.json';
import { ownValue } from './kit';

let canonical: Map<string, string> | undefined;
let deprecatedSet: Set<string> | undefined;

function tables(): { canonical: Map<string, string>; deprecated: Set<string> } {
  if (!canonical || !deprecatedSet) {
    canonical = new Map();
    for (const id of [...licenseIds, ...deprecatedIds, ...exceptionIds]) canonical.set(id.toLowerCase(), id);
    deprecatedSet = new Set(deprecatedIds);
  }
  return { canonical, deprecated: deprecatedSet };
}

/** Replacements for deprecated identifiers that have no `-only`/`-or-later` pair. */
const DEPRECATED_REPLACEMENTS: Record<string, string[]> = {
  'GPL-2.0-with-classpath-exception': ['GPL-2.0-only WITH Classpath-exception-2.0'],
  'GPL-2.0-with-GCC-exception': ['GPL-2.0-only WITH GCC-exception-2.0'],
  'GPL-2.0-with-autoconf-exception': ['GPL-2.0-only WITH Autoconf-exception-2.0'],
  'GPL-2.0-with-bison-exception': ['GPL-2.0-only WITH Bison-exception-2.2'],
  'GPL-2.0-with-font-exception': ['GPL-2.0-only WITH Font-exception-2.0'],
  'GPL-3.0-with-GCC-exception': ['GPL-3.0-only WITH GCC-exception-3.1'],
  'GPL-3.0-with-autoconf-exception': ['GPL-3.0-only WITH Autoconf-exception-3.0'],
  'BSD-2-Clause-FreeBSD': ['BSD-2-Clause'],
  'BSD-2-Clause-NetBSD': ['BSD-2-Clause'],
  'eCos-2.0': ['GPL-2.0-or-later WITH eCos-exception-2.0'],
  wxWindows: ['GPL-2.0-or-later WITH WxWindows-exception-3.1'],
  'StandardML-NJ': ['SMLNJ'],
  Nunit: ['zlib-acknowledgement'],
};

/** What to write instead of a deprecated identifier (`GPL-3.0` → `GPL-3.0-only`, `GPL-3.0-or-later`). */
export function replacementsFor(id: string, plus = false): string[] {
  const { canonical: ids } = tables();
  const listed = ownValue(DEPRECATED_REPLACEMENTS, id);
  if (listed) return listed;
  const only = ids.get(`${id}-only`.toLowerCase());
  const later = ids.get(`${id}-or-later`.toLowerCase());
  if (plus && later) return [later];
  return [only, later].filter((x): x is string => !!x);
}

export interface SpdxCheck {
  /** The expression is valid (identifiers compared case-insensitively, as SPDX specifies). */
  valid: boolean;
  /** The same expression with every identifier in its canonical case, when that differs from the input. */
  canonicalCase?: string;
  /** Deprecated identifiers used, with what to write instead. */
  deprecated: { id: string; replacements: string[] }[];
  /** Identifiers that are neither on the SPDX list nor `LicenseRef-…`/`DocumentRef-…`. */
  unknown: string[];
  /** A valid expression that probably means what was written (`Apache License, Version 2.0` → `Apache-2.0`). */
  suggestion?: string;
}

const WORD = /[A-Za-z0-9.+:-]+/g;
const OPERATORS = new Set(['and', 'or', 'with']);

function isRef(word: string): boolean {
  return /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/.test(word);
}

function tryParse(expr: string): parse.Info | undefined {
  try {
    return parse(expr);
  } catch {
    return undefined;
  }
}

function collectLicenses(info: parse.Info, out: { license: string; plus?: boolean }[]): void {
  if ('conjunction' in info) {
    collectLicenses(info.left, out);
    collectLicenses(info.right, out);
  } else {
    out.push({ license: info.license, plus: info.plus === true });
  }
}

/** Check an SPDX license expression. Never throws. */
export function checkSpdxExpression(expression: string): SpdxCheck {
  const { canonical: ids, deprecated } = tables();
  const unknown: string[] = [];
  // Put every identifier in its canonical case; note the ones that are not on the list at all.
  const folded = expression.replace(WORD, (word) => {
    if (OPERATORS.has(word.toLowerCase())) return word;
    if (isRef(word)) return word;
    const plus = word.endsWith('+');
    const bare = plus ? word.slice(0, -1) : word;
    const hit = ids.get(bare.toLowerCase());
    if (!hit) {
      unknown.push(word);
      return word;
    }
    return plus ? `${hit}+` : hit;
  });
  const info = expression.trim() === '' ? undefined : tryParse(folded);
  if (!info) {
    const guess = expression.trim() === '' ? null : correct(expression, { upgrade: true });
    const suggestion = guess && guess !== expression && tryParse(guess) ? guess : undefined;
    return { valid: false, deprecated: [], unknown, suggestion };
  }
  const licenses: { license: string; plus?: boolean }[] = [];
  collectLicenses(info, licenses);
  const used = licenses.filter((l) => deprecated.has(l.license));
  return {
    valid: true,
    canonicalCase: folded !== expression ? folded : undefined,
    deprecated: used.map((l) => ({ id: l.license + (l.plus ? '+' : ''), replacements: replacementsFor(l.license, l.plus) })),
    unknown: [],
  };
}

export function isSpdxExpression(expression: string): boolean {
  return checkSpdxExpression(expression).valid;
}
