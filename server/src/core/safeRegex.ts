// Patterns from schemas the user did not get from us (a workspace schema named by `$schema`) run on a
// linear-time engine: RE2 (the `re2js` pure-JavaScript port), never on the backtracking `RegExp`, so a
// pattern such as `^(a+)+$` cannot hang the server. `safe-regex2` additionally tells which patterns
// *would* backtrack catastrophically in ordinary engines, so the schema's author can be told.
//
// RE2 has no backreferences and no lookaround; such a pattern cannot be run safely and is skipped (and
// reported) instead of falling back to `RegExp`.

import { RE2JS } from 're2js';
import safeRegex from 'safe-regex2';

export interface PatternCheck {
  /** The pattern compiles on the linear-time engine. */
  runnable: boolean;
  /** The pattern has nested quantifiers (exponential time in a backtracking engine). */
  catastrophic: boolean;
  /** Why it cannot run, in plain words (no regex quoted). */
  reason?: string;
}

/** `\uXXXX` (JavaScript/JSON Schema syntax) → `\x{XXXX}` (RE2 syntax); other text unchanged. */
export function toRe2Syntax(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) {
      out += `\\x{${pattern.slice(i + 2, i + 6)}}`;
      i += 5;
    } else if (next === '/') {
      out += '/'; // an escaped slash is only needed in JavaScript literals
      i += 1;
    } else {
      out += c + (next ?? '');
      i += 1;
    }
  }
  return out;
}

const checks = new Map<string, PatternCheck>();

export function checkPattern(pattern: string): PatternCheck {
  const hit = checks.get(pattern);
  if (hit) return hit;
  let runnable = true;
  let reason: string | undefined;
  try {
    RE2JS.compile(toRe2Syntax(pattern));
  } catch (err) {
    runnable = false;
    const detail = String((err as Error)?.message ?? err);
    reason = /Perl syntax|\(\?[=!<]/.test(detail)
      ? 'it uses lookahead or lookbehind, which a linear-time engine cannot run'
      : /escape/.test(detail)
        ? 'it uses an escape (such as a backreference) that a linear-time engine cannot run'
        : 'it is not a valid regular expression';
  }
  let catastrophic = false;
  try {
    catastrophic = !safeRegex(pattern);
  } catch {
    catastrophic = false;
  }
  const result = { runnable, catastrophic, reason };
  if (checks.size > 2000) checks.clear();
  checks.set(pattern, result);
  return result;
}

/** What ajv needs from a regular expression. */
interface RegExpLike {
  test(s: string): boolean;
}

/**
 * An ajv `code.regExp` engine backed by RE2. A pattern RE2 cannot compile matches everything (the
 * caller reports it as `core/unsafe-pattern` beforehand and removes it; this is the last line).
 */
export const re2Engine = Object.assign(
  (pattern: string, flags: string): RegExpLike => {
    try {
      const re = RE2JS.compile(toRe2Syntax(pattern), flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
      return { test: (s: string) => re.matcher(s).find() };
    } catch {
      return { test: () => true };
    }
  },
  { code: 're2Engine' },
);
