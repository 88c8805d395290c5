// Messages for people in the user's language. Call sites write `l10n.t('The value {0} is …', x)` (import
// this module as `import * as l10n from '../l10n'`, so `npm run l10n:export` finds every call); `useLocale`
// picks the bundle once per process (the LSP server from InitializeParams.locale, the CLI from --locale or
// LANG, each worker thread from its host). The bundles are imported statically, so esbuild inlines them
// into every build (the browser server included); no I/O. English is the source text: no bundle.

import { config, t as translate } from '@vscode/l10n';
import es from '../../../l10n/bundle.l10n.es.json';
import fr from '../../../l10n/bundle.l10n.fr.json';

const BUNDLES: Record<string, Record<string, string>> = { es, fr };

export const SUPPORTED_LOCALES = ['en', ...Object.keys(BUNDLES)] as const;

let current = 'en';

/** `es-MX`, `fr_CA.UTF-8`, `FR` → their base language when a bundle exists; anything else → `en`. */
export function resolveLocale(locale: string | undefined): string {
  const base = (locale ?? '').trim().toLowerCase().split(/[-_.@]/)[0];
  return base in BUNDLES ? base : 'en';
}

/** Switch the messages of this process to `locale` (a BCP 47 tag or a POSIX locale name); returns the language used. */
export function useLocale(locale: string | undefined): string {
  current = resolveLocale(locale);
  config({ contents: current === 'en' ? {} : BUNDLES[current] });
  return current;
}

/** The language messages are produced in now (`en`, `es` or `fr`). */
export function currentLocale(): string {
  return current;
}

/** The CLI's locale from the environment, as gettext reads it: LC_ALL, then LC_MESSAGES, then LANG (`C`/`POSIX` → English). */
export function localeFromEnv(env: Record<string, string | undefined>): string | undefined {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[name];
    if (v) return v === 'C' || v === 'POSIX' || v.startsWith('C.') ? 'en' : v;
  }
  return undefined;
}

/**
 * The message in the current language, with `{0}`, `{1}`… replaced by `args` (written as a template literal
 * would write them). Keys are the English text: a message missing from a bundle stays English.
 */
export function t(message: string, ...args: unknown[]): string {
  // English (no bundle): the package would only fill the placeholders in; done here without its
  // regular expression and callback, which cost a big catalog's open ~20 ms (tests compare the two).
  if (current === 'en') return fill(message, args);
  return translate(message, ...args.map((a) => String(a)));
}

/**
 * `{0}`, `{1}`… replaced by the arguments, as @vscode/l10n's format does (its pattern `{([^}]+)}`): any
 * other `{…}` up to the first `}` (a brace in the text, an index beyond the arguments) is left as
 * written, and a replacement is not read again.
 */
export function fill(template: string, args: readonly unknown[]): string {
  let open = template.indexOf('{');
  if (open === -1 || args.length === 0) return template;
  let out = '';
  let from = 0;
  while (open !== -1) {
    const close = template.indexOf('}', open + 1);
    if (close === -1) break;
    if (close === open + 1) {
      // `{}` is not a placeholder: look on from the next character.
      open = template.indexOf('{', open + 1);
      continue;
    }
    const index = indexIn(template, open + 1, close);
    if (index !== -1 && index < args.length) {
      out += template.slice(from, open) + String(args[index]);
      from = close + 1;
    }
    open = template.indexOf('{', close + 1);
  }
  return out + template.slice(from);
}

/** The number written in [start, end) — `0` or digits not starting with 0 — or -1. */
function indexIn(s: string, start: number, end: number): number {
  if (s.charCodeAt(start) === 48 && end - start > 1) return -1;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    n = n * 10 + (c - 48);
  }
  return n;
}
