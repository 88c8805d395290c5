// Checks of short texts remembered by their text: catalogs repeat the same language tags, media types,
// dates and frequencies thousands of times, and each check parses its text afresh.

import { currentLocale } from '../l10n';

const MAX_TEXT = 256;

/** Off while the engine is being warmed (worker.ts `prime`): every check then runs its code. */
let remembering = true;

/** Runs `fn` with every remembered check computed afresh (and nothing remembered). */
export async function withoutMemory<T>(fn: () => Promise<T>): Promise<T> {
  remembering = false;
  try {
    return await fn();
  } finally {
    remembering = true;
  }
}

/**
 * `fn` (a pure function of a short text) remembered for the last `max` texts. Results are shared:
 * callers must not change them. Results with messages are remembered per message language.
 */
export function rememberByText<R>(fn: (text: string) => R, max = 4096): (text: string) => R {
  const seen = new Map<string, R>();
  let locale = currentLocale();
  return (text: string): R => {
    if (text.length > MAX_TEXT || !remembering) return fn(text);
    if (locale !== currentLocale()) {
      seen.clear();
      locale = currentLocale();
    }
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) return hit as R;
    const result = fn(text);
    if (seen.size >= max) seen.clear(); // simpler than LRU, and a catalog's vocabulary is far smaller
    seen.set(text, result);
    return result;
  };
}
