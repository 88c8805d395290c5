// Value providers: completion values that come from the world rather than from the schema — SPDX
// licence ids, BCP 47 language tags, ISO 3166 countries, media types, Open Definition licences, DCAT
// update frequencies and today's date. They attach by JSON Pointer pattern per standard (`*` = any one
// segment), here in one table, so the hand-written schemas stay plain JSON Schema. Pure: the clock is
// injected (`now`).

import licenseIds from 'spdx-license-ids/index.json';
import mimeDb from 'mime-db/db.json';
import languageSubtags from 'language-subtag-registry/data/json/language.json';
import { iso31661 } from 'iso-3166';
import { OD_LICENSES } from './rules/opendefinition';
import { splitPointer } from './pointer';

export type ProviderId = 'spdx' | 'bcp47' | 'iso3166' | 'media-type' | 'opendefinition' | 'frequency' | 'date' | 'date-time';

export interface ProvidedValue {
  value: string;
  /** Shown next to the label (the licence's or language's name…). */
  detail?: string;
  /** Sorts before the rest (the common choices). */
  common?: boolean;
}

/** Where each provider applies, per standard id. */
export const PROVIDERS: Record<string, [pattern: string, provider: ProviderId][]> = {
  publiccode: [
    ['/legal/license', 'spdx'],
    ['/localisation/availableLanguages/*', 'bcp47'],
    ['/intendedAudience/countries/*', 'iso3166'],
    ['/intendedAudience/unsupportedCountries/*', 'iso3166'],
    ['/releaseDate', 'date'],
    ['/maintenance/contractors/*/until', 'date'],
  ],
  datapackage: [
    ['/licenses/*/name', 'opendefinition'],
    ['/resources/*/licenses/*/name', 'opendefinition'],
    ['/resources/*/mediatype', 'media-type'],
    ['/created', 'date-time'],
  ],
  'dcat-us': [
    ['/dataset/*/distribution/*/mediaType', 'media-type'],
    ['/dataset/*/distribution/*/describedByType', 'media-type'],
    ['/dataset/*/describedByType', 'media-type'],
    ['/dataset/*/language/*', 'bcp47'],
    ['/dataset/*/accrualPeriodicity', 'frequency'],
    ['/dataset/*/modified', 'date'],
    ['/dataset/*/issued', 'date'],
    // A single dataset entry edited on its own.
    ['/distribution/*/mediaType', 'media-type'],
    ['/language/*', 'bcp47'],
    ['/accrualPeriodicity', 'frequency'],
    ['/modified', 'date'],
    ['/issued', 'date'],
  ],
  'civic-json': [['/license', 'spdx']],
};

function matches(pattern: string, pointer: string): boolean {
  const p = splitPointer(pattern);
  const s = splitPointer(pointer);
  return p.length === s.length && p.every((seg, i) => seg === '*' || seg === s[i]);
}

/** The provider for a value at `pointer` of a document of `standardId`, if any. */
export function providerFor(standardId: string | undefined, pointer: string): ProviderId | undefined {
  for (const [pattern, id] of PROVIDERS[standardId ?? ''] ?? []) if (matches(pattern, pointer)) return id;
  return undefined;
}

const COMMON_SPDX = ['MIT', 'Apache-2.0', 'AGPL-3.0-or-later', 'GPL-3.0-or-later', 'EUPL-1.2', 'BSD-3-Clause', 'LGPL-3.0-or-later', 'MPL-2.0', 'CC0-1.0', 'CC-BY-4.0'];
const COMMON_LANGUAGES = ['en', 'en-GB', 'en-US', 'es', 'fr', 'de', 'it', 'pt', 'pt-BR', 'nl', 'sv', 'da', 'fi', 'pl', 'cs', 'el', 'ro', 'hu', 'sl', 'hr', 'lt', 'lv', 'et', 'ca', 'eu', 'gl', 'zh', 'ja', 'ko', 'ar', 'ru', 'uk'];
const COMMON_MEDIA = ['text/csv', 'application/json', 'application/geo+json', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf', 'application/zip', 'application/xml', 'text/html', 'text/plain', 'application/x-parquet'];
/** ISO 8601 repeating durations that DCAT-US lists for accrualPeriodicity (plus `irregular`). */
const FREQUENCIES: [string, string][] = [
  ['R/P10Y', 'decennial'], ['R/P4Y', 'quadrennial'], ['R/P1Y', 'annual'], ['R/P2M', 'bimonthly'], ['R/P3.5D', 'semiweekly'],
  ['R/P1D', 'daily'], ['R/P2W', 'biweekly'], ['R/P6M', 'semiannual'], ['R/P2Y', 'biennial'], ['R/P3Y', 'triennial'],
  ['R/P0.33W', 'three times a week'], ['R/P0.33M', 'three times a month'], ['R/PT1S', 'continuously updated'], ['R/P1M', 'monthly'],
  ['R/P3M', 'quarterly'], ['R/P0.5M', 'semimonthly'], ['R/P4M', 'three times a year'], ['R/P1W', 'weekly'], ['R/PT1H', 'hourly'], ['irregular', 'irregular'],
];

let cache: Partial<Record<ProviderId, ProvidedValue[]>> = {};

function displayNames(type: 'language' | 'region'): ((code: string) => string | undefined) {
  try {
    const names = new Intl.DisplayNames(['en'], { type });
    return (code) => {
      try {
        const n = names.of(code);
        return n && n !== code ? n : undefined;
      } catch {
        return undefined;
      }
    };
  } catch {
    return () => undefined;
  }
}

function build(id: ProviderId): ProvidedValue[] {
  switch (id) {
    case 'spdx': {
      const common = new Set(COMMON_SPDX);
      return [...COMMON_SPDX.map((v) => ({ value: v, common: true })), ...(licenseIds as string[]).filter((v) => !common.has(v)).map((v) => ({ value: v }))];
    }
    case 'bcp47': {
      const name = displayNames('language');
      const common = new Set(COMMON_LANGUAGES);
      const twoLetter = Object.keys(languageSubtags as Record<string, number>).filter((k) => /^[a-z]{2}$/.test(k) && !common.has(k));
      return [
        ...COMMON_LANGUAGES.map((v) => ({ value: v, detail: name(v), common: true })),
        ...twoLetter.map((v) => ({ value: v, detail: name(v) })),
      ];
    }
    case 'iso3166':
      return iso31661.map((c) => ({ value: c.alpha2, detail: c.name }));
    case 'media-type': {
      const common = new Set(COMMON_MEDIA);
      const all = Object.keys(mimeDb as Record<string, unknown>).filter((t) => !common.has(t));
      return [...COMMON_MEDIA.map((v) => ({ value: v, common: true })), ...all.map((v) => ({ value: v }))];
    }
    case 'opendefinition':
      return OD_LICENSES.map((l) => ({ value: l.id, detail: l.title }));
    case 'frequency':
      return FREQUENCIES.map(([value, detail]) => ({ value, detail, common: true }));
    default:
      return [];
  }
}

/** Values the provider offers; `now` supplies today's date for date fields. */
export function providedValues(id: ProviderId, now: () => Date = () => new Date()): ProvidedValue[] {
  if (id === 'date') return [{ value: now().toISOString().slice(0, 10), detail: 'today', common: true }];
  if (id === 'date-time') return [{ value: `${now().toISOString().slice(0, 19)}Z`, detail: 'now', common: true }];
  return (cache[id] ??= build(id));
}

/** For tests: forget the built lists. */
export function resetProviderCache(): void {
  cache = {};
}
