// Media types (MIME types) for DCAT-US `mediaType`, `describedByType` and the `format` agreement check.
// Syntax per RFC 6838 §4.2; what is registered, and which file extensions go with which type, comes
// from `mime-db` (IANA registrations plus the Apache and nginx lists). Built once, on first use.

import db from 'mime-db/db.json';
import { ownValue } from '../../rules/kit';
import { rememberByText } from '../../rules/remember';

interface DbEntry {
  source?: string;
  extensions?: string[];
}

const DB = db as Record<string, DbEntry>;

/** The top-level types IANA registers (RFC 6838 §4.2.1–4.2.7, RFC 8081 font, RFC 9695 haptics). */
export const TOP_LEVEL_TYPES = ['application', 'audio', 'example', 'font', 'haptics', 'image', 'message', 'model', 'multipart', 'text', 'video'];

// restricted-name = restricted-name-first *126restricted-name-chars
const NAME = '[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}';
const MEDIA_TYPE = new RegExp(`^(${NAME})/(${NAME})((?:\\s*;\\s*[A-Za-z0-9!#$&^_.+-]+=(?:"[^"]*"|[^;\\s"]+))*)\\s*$`);

export interface MediaType {
  type: string;
  subtype: string;
  /** `type/subtype` in lower case, without parameters. */
  essence: string;
  /** The structured syntax suffix (`json` of `application/vnd.api+json`), if any. */
  suffix?: string;
}

export const parseMediaType: (text: string) => MediaType | undefined = rememberByText(parseType);

function parseType(text: string): MediaType | undefined {
  const m = MEDIA_TYPE.exec(text);
  if (!m) return undefined;
  const type = m[1].toLowerCase();
  const subtype = m[2].toLowerCase();
  const plus = subtype.lastIndexOf('+');
  return { type, subtype, essence: `${type}/${subtype}`, suffix: plus > 0 ? subtype.slice(plus + 1) : undefined };
}

let byExtension: Map<string, string[]> | undefined;

/** Media types known for a file extension (without the dot), IANA-registered ones first. */
export function typesForExtension(ext: string): string[] {
  if (!byExtension) {
    byExtension = new Map();
    for (const [type, entry] of Object.entries(DB)) {
      for (const e of entry.extensions ?? []) {
        const list = byExtension.get(e) ?? [];
        list.push(type);
        byExtension.set(e, list);
      }
    }
    for (const list of byExtension.values()) list.sort((a, b) => Number(DB[b].source === 'iana') - Number(DB[a].source === 'iana'));
  }
  return byExtension.get(ext.toLowerCase().replace(/^\./, '')) ?? [];
}

export function extensionsForType(essence: string): string[] {
  return DB[essence]?.extensions ?? [];
}

/**
 * Types in use and defined by a published specification, though not (yet) in mime-db:
 * application/schema+json is JSON Schema's own type, and the POD specification's example uses it.
 */
const ALSO_KNOWN = new Set(['application/schema+json', 'application/schema-instance+json']);

/** Is the type in mime-db (IANA, Apache or nginx lists) or otherwise specified? */
export function isKnownMediaType(essence: string): boolean {
  return Object.prototype.hasOwnProperty.call(DB, essence) || ALSO_KNOWN.has(essence);
}

export function isIanaRegistered(essence: string): boolean {
  return DB[essence]?.source === 'iana';
}

/** Well-known unregistered spellings and the registered type meant. */
const ALIASES: Record<string, string> = {
  'application/csv': 'text/csv',
  'text/x-csv': 'text/csv',
  'application/x-csv': 'text/csv',
  'text/comma-separated-values': 'text/csv',
  'text/tsv': 'text/tab-separated-values',
  'text/json': 'application/json',
  'application/x-json': 'application/json',
  'text/javascript+json': 'application/json',
  'application/x-zip': 'application/zip',
  'application/x-pdf': 'application/pdf',
  'application/excel': 'application/vnd.ms-excel',
  'application/x-excel': 'application/vnd.ms-excel',
  'application/x-msexcel': 'application/vnd.ms-excel',
  'application/xls': 'application/vnd.ms-excel',
  'application/xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/geojson': 'application/geo+json',
  'application/geojson': 'application/geo+json',
  'application/unknown': 'application/octet-stream',
};

/** The registered type a misspelled or invented one probably means, when that is clear. */
export const suggestMediaType: (text: string) => string | undefined = rememberByText(suggestType);

function suggestType(text: string): string | undefined {
  const lower = text.trim().toLowerCase();
  const alias = ownValue(ALIASES, lower);
  if (alias) return alias;
  const slash = lower.indexOf('/');
  if (slash <= 0) {
    // A bare extension or format name: `csv`, `.xlsx`.
    const t = typesForExtension(lower);
    return t.length ? t[0] : undefined;
  }
  // application/vnd.google-earth.kmz+xml: the type without the suffix is the registered one.
  const plus = lower.lastIndexOf('+');
  if (plus > slash && DB[lower.slice(0, plus)]) return lower.slice(0, plus);
  const top = lower.slice(0, slash);
  const sub = lower.slice(slash + 1).replace(/^x-/, '');
  const fromSub = typesForExtension(sub);
  // `pdf/xls` names two different formats: no guess.
  if (typesForExtension(top).length && !fromSub.some((t) => typesForExtension(top).includes(t))) return undefined;
  if (fromSub.length && fromSub[0] !== lower) return fromSub[0];
  return undefined;
}

/** Types that say nothing about the content; they never disagree with a format. */
const GENERIC = new Set(['application/octet-stream', 'binary/octet-stream', 'application/x-download', 'application/force-download']);

/** Types that stand for the same thing when comparing with a format. */
const SAME: string[][] = [
  ['application/zip', 'application/x-zip-compressed', 'application/x-zip'],
  ['application/xml', 'text/xml'],
  ['application/json', 'text/json'],
  ['application/gzip', 'application/x-gzip'],
  ['text/csv', 'application/csv', 'text/x-csv'],
];

function sameAs(essence: string): string[] {
  return SAME.find((g) => g.includes(essence)) ?? [essence];
}

/** Format words that are not file extensions, and the extensions they stand for. */
const FORMAT_WORDS: Record<string, string[]> = {
  excel: ['xls', 'xlsx', 'xlsm', 'xlsb'],
  word: ['doc', 'docx'],
  zipped: ['zip'],
  gzipped: ['gz'],
  gzip: ['gz'],
  geojson: ['geojson'],
  netcdf: ['nc'],
  jpeg: ['jpg'],
  tiff: ['tif'],
  powerpoint: ['ppt', 'pptx'],
  kml: ['kml'],
  kmz: ['kmz'],
};

/** File extensions that, written as a format, name that file type (plain words such as "text" do not). */
const DATA_EXTENSIONS = new Set(
  'csv tsv txt xls xlsx xlsm xlsb ods json geojson jsonld xml rdf ttl kml kmz gml zip gz tgz pdf doc docx odt rtf html htm rss atom jpg jpeg png gif tif svg nc mdb sql yaml yml ppt pptx'.split(' '),
);

/** Format names that do not name a file type (APIs, web pages, services): never compared. */
const NOT_FILE_TYPES = /\b(api|rest|soap|wms|wfs|wcs|esri|arcgis|service|interactive|query|tool|web|website|webpage|page|link|landing|map)\b/i;

export interface FormatExpectation {
  /** The words of the format that named a file type. */
  named: string[];
  /** The media types those words stand for. */
  types: string[];
}

/**
 * What media types a human-readable `format` stands for (`CSV` → text/csv, `Zipped CSV` → a zip,
 * `Excel` → the Excel types), or undefined when the format does not name a file type (API, Web page…).
 */
export function expectedTypesForFormat(format: string): FormatExpectation | undefined {
  const words = format
    .toLowerCase()
    .split(/[^a-z0-9+]+/)
    .filter(Boolean);
  if (words.length === 0) return undefined;
  // A container wins: "Zipped CSV" is a zip file holding CSV.
  const container = words.find((w) => w === 'zip' || w === 'zipped' || w === 'gz' || w === 'gzip' || w === 'gzipped');
  const chosen = container ? [container] : words;
  const named: string[] = [];
  const types = new Set<string>();
  for (const w of chosen) {
    const exts = ownValue(FORMAT_WORDS, w) ?? (DATA_EXTENSIONS.has(w) ? [w] : undefined);
    if (!exts) continue;
    const found = exts.flatMap((e) => typesForExtension(e));
    if (found.length === 0) continue;
    named.push(w);
    for (const t of found) for (const s of sameAs(t)) types.add(s);
  }
  if (named.length === 0) return undefined;
  // "Web page", "Excel workbook via API": a word that is not a file type makes the comparison unsafe.
  if (!container && named.length < words.length && NOT_FILE_TYPES.test(format)) return undefined;
  return { named, types: [...types] };
}

/** Does `mediaType` agree with what the format names? Generic types always agree. */
export function agrees(expected: FormatExpectation, mediaType: MediaType): boolean {
  if (GENERIC.has(mediaType.essence)) return true;
  const candidates = sameAs(ownValue(ALIASES, mediaType.essence) ?? mediaType.essence);
  if (candidates.some((c) => expected.types.includes(c))) return true;
  if (mediaType.suffix && expected.types.includes(mediaType.essence.slice(0, -(mediaType.suffix.length + 1)))) return true;
  // application/vnd.api+json is JSON, application/rdf+xml is XML, …
  if (mediaType.suffix && expected.named.some((w) => w === mediaType.suffix)) return true;
  // Excel macro-enabled and template variants.
  if (expected.named.includes('excel') && /^application\/vnd\.(ms-excel|openxmlformats-officedocument\.spreadsheetml)/.test(mediaType.essence)) return true;
  return false;
}

/** A short human name for a media type: its first extension in capitals (`text/csv` → CSV). */
export function describeMediaType(essence: string): string | undefined {
  if (GENERIC.has(essence)) return undefined;
  const ext = extensionsForType(essence)[0];
  return ext ? ext.toUpperCase() : undefined;
}
