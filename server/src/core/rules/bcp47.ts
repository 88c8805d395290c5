// BCP 47 (RFC 5646) language tags, checked strictly: well-formed (syntax by `bcp-47`) *and* every
// language, extlang, script, region and variant subtag registered in the IANA Language Subtag Registry
// (`language-subtag-registry`), like Go's golang.org/x/text `language` parsing used by the reference
// validator. `en`, `en-GB`, `sl-IT-nedis`, `zh-Hant-TW` are valid; POSIX locales (`en_GB`), ISO 639-2
// codes (`eng`, `ita`) and made-up subtags are not.

import { parse } from 'bcp-47';
import languages from 'language-subtag-registry/data/json/language.json';
import extlangs from 'language-subtag-registry/data/json/extlang.json';
import scripts from 'language-subtag-registry/data/json/script.json';
import regions from 'language-subtag-registry/data/json/region.json';
import variants from 'language-subtag-registry/data/json/variant.json';
import * as l10n from '../l10n';
import { ownValue } from './kit';
import { rememberByText } from './remember';

type Index = Record<string, number>;

/** ISO 639-2 (bibliographic and terminology) codes of common languages → their BCP 47 (ISO 639-1) subtag. */
const ISO639_2: Record<string, string> = {
  alb: 'sq', sqi: 'sq', ara: 'ar', baq: 'eu', eus: 'eu', bos: 'bs', bul: 'bg', cat: 'ca', chi: 'zh', zho: 'zh',
  cze: 'cs', ces: 'cs', dan: 'da', dut: 'nl', nld: 'nl', eng: 'en', est: 'et', fin: 'fi', fre: 'fr', fra: 'fr',
  ger: 'de', deu: 'de', gle: 'ga', glg: 'gl', gre: 'el', ell: 'el', heb: 'he', hin: 'hi', hrv: 'hr', hun: 'hu',
  ice: 'is', isl: 'is', ita: 'it', jpn: 'ja', kor: 'ko', lav: 'lv', lit: 'lt', ltz: 'lb', mac: 'mk', mkd: 'mk',
  mlt: 'mt', nor: 'no', nob: 'nb', nno: 'nn', pol: 'pl', por: 'pt', rum: 'ro', ron: 'ro', rus: 'ru', slo: 'sk',
  slk: 'sk', slv: 'sl', spa: 'es', srp: 'sr', swe: 'sv', tur: 'tr', ukr: 'uk', wel: 'cy', cym: 'cy',
};

/**
 * Deprecated two-letter language subtags, regions and variants of the IANA registry (File-Date
 * 2025-08-25), with their Preferred-Value where there is one. A test keeps this in step with the
 * registry data; the whole registry (1 MB) is not bundled for this.
 */
export const DEPRECATED_SUBTAGS: Record<'language' | 'region' | 'variant', Record<string, string | null>> = {
  language: { in: 'id', iw: 'he', ji: 'yi', jw: 'jv', mo: 'ro' },
  region: { AN: null, BU: 'MM', CS: null, DD: 'DE', FX: 'FR', NT: null, SU: null, TP: 'TL', YD: 'YE', YU: null, ZR: 'CD' },
  variant: { arevela: null, arevmda: null, heploc: 'alalc97', laukika: null, vaidika: null },
};

export type LanguageTagCheck =
  | { valid: true; /** Set when the tag uses a subtag the registry deprecates. */ deprecated?: { preferred?: string } }
  | { valid: false; reason: string; suggestion?: string };

function known(index: unknown, subtag: string): boolean {
  return Object.prototype.hasOwnProperty.call(index as Index, subtag.toLowerCase());
}

/** Why `tag` is not a valid tag, or undefined when it is. */
function problem(tag: string): string | undefined {
  if (tag === '') return l10n.t('it is empty');
  if (/[_\s]/.test(tag)) return l10n.t('language tags separate their parts with hyphens, not underscores or spaces');
  const t = parse(tag, { normalize: false });
  if (t.irregular || t.regular) return undefined; // grandfathered tags, registered as a whole
  if (!t.language) {
    if (t.privateuse.length > 0) return undefined; // x-…: private use only
    return l10n.t('it is not a well-formed language tag (language-script-region-variant, such as en, en-GB or zh-Hant-TW)');
  }
  const language = t.language.toLowerCase();
  if (!known(languages, language)) {
    if (ownValue(ISO639_2, language)) return l10n.t('BCP 47 uses the two-letter ISO 639-1 code when a language has one, not the three-letter ISO 639-2 code');
    return l10n.t('"{0}" is not a registered language subtag', t.language);
  }
  for (const e of t.extendedLanguageSubtags) if (!known(extlangs, e)) return l10n.t('"{0}" is not a registered extended language subtag', e);
  if (t.script && !known(scripts, t.script)) return l10n.t('"{0}" is not a registered script subtag', t.script);
  if (t.region && !known(regions, t.region)) return l10n.t('"{0}" is not a registered region subtag', t.region);
  const seen = new Set<string>();
  for (const v of t.variants) {
    if (!known(variants, v)) return l10n.t('"{0}" is not a registered variant subtag', v);
    if (seen.has(v.toLowerCase())) return l10n.t('the variant "{0}" appears twice', v);
    seen.add(v.toLowerCase());
  }
  return undefined;
}

/** The conventional spelling of a tag: language lowercase, Script in title case, REGION uppercase. */
export function formatLanguageTag(tag: string): string {
  const parts = tag.split('-');
  let afterSingleton = false;
  return parts
    .map((p, i) => {
      if (i === 0 || afterSingleton) return p.toLowerCase();
      if (p.length === 1) {
        afterSingleton = true;
        return p.toLowerCase();
      }
      if (p.length === 2) return p.toUpperCase();
      if (p.length === 4 && /^[A-Za-z]+$/.test(p)) return p[0].toUpperCase() + p.slice(1).toLowerCase();
      return p.toLowerCase();
    })
    .join('-');
}

/** A likely intended valid tag for an invalid one (`en_GB` → `en-GB`, `eng` → `en`). */
export function suggestLanguageTag(tag: string): string | undefined {
  const candidates: string[] = [];
  const hyphenated = tag.trim().replace(/[_\s]+/g, '-');
  candidates.push(hyphenated);
  const parts = hyphenated.split('-');
  const mapped = ownValue(ISO639_2, parts[0].toLowerCase());
  if (mapped) candidates.push([mapped, ...parts.slice(1)].join('-'));
  for (const c of candidates) {
    if (c !== tag && c !== '' && problem(c) === undefined) return formatLanguageTag(c);
  }
  return undefined;
}

/** The preferred form of a tag that uses deprecated subtags (`iw` → `he`), or undefined. */
function deprecation(tag: string): { preferred?: string } | undefined {
  const t = parse(tag, { normalize: false });
  if (!t.language) return undefined;
  let deprecated = false;
  let replaceable = true;
  const swap = (kind: 'language' | 'region' | 'variant', subtag: string, canonical: string): string => {
    const table = DEPRECATED_SUBTAGS[kind];
    if (!Object.prototype.hasOwnProperty.call(table, canonical)) return subtag;
    deprecated = true;
    const preferred = table[canonical];
    if (!preferred) replaceable = false;
    return preferred ?? subtag;
  };
  const parts = tag.split('-');
  const out = parts.map((p, i) => {
    if (i === 0) return swap('language', p, p.toLowerCase());
    if (p.length === 2 && /^[A-Za-z]{2}$/.test(p) && p.toUpperCase() === t.region?.toUpperCase()) return swap('region', p, p.toUpperCase());
    if (t.variants.some((v) => v.toLowerCase() === p.toLowerCase())) return swap('variant', p, p.toLowerCase());
    return p;
  });
  if (!deprecated) return undefined;
  return { preferred: replaceable ? formatLanguageTag(out.join('-')) : undefined };
}

/** Check a BCP 47 language tag strictly. Never throws. */
export const checkLanguageTag: (tag: string) => LanguageTagCheck = rememberByText(checkTag);

function checkTag(tag: string): LanguageTagCheck {
  let why: string | undefined;
  try {
    why = problem(tag);
  } catch {
    why = l10n.t('it is not a well-formed language tag');
  }
  if (why === undefined) {
    const d = deprecation(tag);
    return d ? { valid: true, deprecated: d } : { valid: true };
  }
  return { valid: false, reason: why, suggestion: suggestLanguageTag(tag) };
}

export function isLanguageTag(tag: string): boolean {
  return checkLanguageTag(tag).valid;
}
