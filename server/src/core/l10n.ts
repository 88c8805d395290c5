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
  return translate(message, ...args.map((a) => String(a)));
}
