// Frictionless Data Package v1 (https://specs.frictionlessdata.io) and v2 (https://datapackage.org):
// versions, profile URLs, Table Schema types and formats, and the tables the rules work from.
// Sources: frictionlessdata/datapackage `content/docs/standard/*.mdx` (v2.0, 2024-06-26) and
// `specs/*.md` (v1.0, 2017-09-05); profiles registry `schemas/registry.csv` (v1).

export const SPEC_URL = 'https://datapackage.org/standard/data-package/';
export const SPEC_URL_V1 = 'https://specs.frictionlessdata.io/data-package/';

/** Versions a modeline may name (`# civic-schemas: datapackage@2`), oldest first. */
export const VERSIONS = ['1', '2'];
export type Version = '1' | '2';

export type Kind = 'package' | 'resource' | 'schema' | 'dialect';

/** The profile URL of each descriptor kind, per version (the v2 `$schema` values). */
export const PROFILE_URLS: Record<Version, Record<Kind, string>> = {
  '1': {
    package: 'https://datapackage.org/profiles/1.0/datapackage.json',
    resource: 'https://datapackage.org/profiles/1.0/dataresource.json',
    schema: 'https://datapackage.org/profiles/1.0/tableschema.json',
    dialect: 'https://datapackage.org/profiles/1.0/tabledialect.json',
  },
  '2': {
    package: 'https://datapackage.org/profiles/2.0/datapackage.json',
    resource: 'https://datapackage.org/profiles/2.0/dataresource.json',
    schema: 'https://datapackage.org/profiles/2.0/tableschema.json',
    dialect: 'https://datapackage.org/profiles/2.0/tabledialect.json',
  },
};

const V2_PROFILE = /^https?:\/\/(?:www\.)?datapackage\.org\/profiles\/(\d+)(?:\.(\d+))?\/(datapackage|dataresource|tableschema|tabledialect)\.json$/i;
const V1_SCHEMA_URL = /^https?:\/\/(?:specs\.)?frictionlessdata\.io\/(?:specs\/)?schemas\/(data-package|tabular-data-package|fiscal-data-package|data-resource|tabular-data-resource|table-schema|csv-dialect)\.json$/i;

const KIND_OF_PROFILE_FILE: Record<string, Kind> = {
  datapackage: 'package',
  dataresource: 'resource',
  tableschema: 'schema',
  tabledialect: 'dialect',
};

/** v1 profile registry ids (`schemas/registry.csv`) and the descriptor kind each one is for. */
export const V1_PROFILE_IDS: Record<string, Kind> = {
  'data-package': 'package',
  'tabular-data-package': 'package',
  'fiscal-data-package': 'package',
  'data-resource': 'resource',
  'tabular-data-resource': 'resource',
  'table-schema': 'schema',
  'csv-dialect': 'dialect',
};

export interface ProfileUrl {
  /** The major version the URL names, as written (`1`, `2`, `3`…). */
  major: string;
  minor?: string;
  kind: Kind;
  /** For v1 registry URLs: the registry id (`tabular-data-package`). */
  registryId?: string;
}

/** A recognised Frictionless profile URL: datapackage.org/profiles/X.Y/… or specs.frictionlessdata.io/schemas/…. */
export function parseProfileUrl(url: string): ProfileUrl | undefined {
  const m = V2_PROFILE.exec(url.trim());
  if (m) return { major: m[1], minor: m[2], kind: KIND_OF_PROFILE_FILE[m[3].toLowerCase()] };
  const v1 = V1_SCHEMA_URL.exec(url.trim());
  if (v1) {
    const id = v1[1].toLowerCase();
    return { major: '1', kind: V1_PROFILE_IDS[id], registryId: id };
  }
  return undefined;
}

export function isUrlLike(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text.trim());
}

/** `1`, `1.0`, `v1` → `1`; `2`, `2.0`, `2.1` → `2`; anything else → undefined. */
export function normalizeVersion(v: string | undefined): Version | undefined {
  if (v === undefined) return undefined;
  const m = /^v?(\d+)(?:\.\d+){0,2}$/i.exec(v.trim());
  if (!m) return undefined;
  return m[1] === '1' ? '1' : m[1] === '2' ? '2' : undefined;
}

// -------------------------------------------------------------------------------- Table Schema

export const FIELD_TYPES_V1 = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'];
export const FIELD_TYPES_V2 = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'list', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'];

export function fieldTypes(v: Version): string[] {
  return v === '1' ? FIELD_TYPES_V1 : FIELD_TYPES_V2;
}

/** Formats per type, where the type has a fixed list (date, time and datetime take patterns; any takes none). */
export const FIELD_FORMATS: Record<string, string[]> = {
  string: ['default', 'email', 'uri', 'binary', 'uuid'],
  number: ['default'],
  integer: ['default'],
  boolean: ['default'],
  object: ['default'],
  array: ['default'],
  list: ['default'],
  year: ['default'],
  yearmonth: ['default'],
  duration: ['default'],
  geopoint: ['default', 'array', 'object'],
  geojson: ['default', 'topojson'],
};

export const TEMPORAL_TYPES = ['date', 'time', 'datetime'];

/** The default type of a field without `type`: string in v1, any in v2. */
export function defaultFieldType(v: Version): string {
  return v === '1' ? 'string' : 'any';
}

const ORDERED_V1 = ['integer', 'number', 'date', 'time', 'datetime', 'year', 'yearmonth'];
const ORDERED_V2 = [...ORDERED_V1, 'duration'];
const COLLECTIONS = ['string', 'array', 'object', 'geojson', 'list'];

/** Which field types each constraint applies to (`*` = every type). Unknown constraints are not listed. */
export function constraintTypes(v: Version): Record<string, string[] | '*'> {
  const ordered = v === '1' ? ORDERED_V1 : ORDERED_V2;
  const table: Record<string, string[] | '*'> = {
    required: '*',
    unique: '*',
    enum: '*',
    minLength: COLLECTIONS,
    maxLength: COLLECTIONS,
    minimum: ordered,
    maximum: ordered,
    pattern: ['string'],
  };
  if (v === '2') {
    table.exclusiveMinimum = ordered;
    table.exclusiveMaximum = ordered;
    table.jsonSchema = ['array', 'object'];
  }
  return table;
}

/** Types people write for a Table Schema type, and the type they mean. */
export const FIELD_TYPE_ALIASES: Record<string, string> = {
  float: 'number',
  double: 'number',
  decimal: 'number',
  numeric: 'number',
  real: 'number',
  int: 'integer',
  int32: 'integer',
  int64: 'integer',
  long: 'integer',
  bigint: 'integer',
  smallint: 'integer',
  str: 'string',
  text: 'string',
  varchar: 'string',
  char: 'string',
  bool: 'boolean',
  timestamp: 'datetime',
  'date-time': 'datetime',
  date_time: 'datetime',
  dict: 'object',
  json: 'object',
  point: 'geopoint',
  url: 'string',
  uri: 'string',
  email: 'string',
  uuid: 'string',
};

/** Contributor roles of Data Package v1 ("It MUST be one of…", `specs/data-package.md`). */
export const V1_ROLES = ['author', 'publisher', 'maintainer', 'wrangler', 'contributor'];

// ------------------------------------------------------------------------------- property names

export const PACKAGE_KEYS = ['$schema', 'profile', 'name', 'id', 'title', 'description', 'homepage', 'version', 'created', 'keywords', 'image', 'licenses', 'contributors', 'sources', 'resources'];
export const RESOURCE_KEYS = ['$schema', 'profile', 'type', 'name', 'path', 'data', 'title', 'description', 'homepage', 'sources', 'licenses', 'format', 'mediatype', 'encoding', 'bytes', 'hash', 'schema', 'dialect'];
export const SCHEMA_KEYS = ['$schema', 'fields', 'fieldsMatch', 'primaryKey', 'uniqueKeys', 'foreignKeys', 'missingValues'];
export const FIELD_KEYS = ['name', 'title', 'description', 'example', 'type', 'format', 'constraints', 'rdfType', 'bareNumber', 'decimalChar', 'groupChar', 'trueValues', 'falseValues', 'missingValues', 'categories', 'categoriesOrdered', 'delimiter', 'itemType'];
export const CONSTRAINT_KEYS = ['required', 'unique', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'pattern', 'enum', 'jsonSchema'];
export const DIALECT_KEYS = ['$schema', 'header', 'headerRows', 'headerJoin', 'commentRows', 'commentChar', 'delimiter', 'lineTerminator', 'quoteChar', 'doubleQuote', 'escapeChar', 'nullSequence', 'skipInitialSpace', 'property', 'itemType', 'itemKeys', 'sheetNumber', 'sheetName', 'table', 'csvddfVersion', 'caseSensitiveHeader'];
export const LICENSE_KEYS = ['name', 'path', 'title'];
export const CONTRIBUTOR_KEYS = ['title', 'givenName', 'familyName', 'path', 'email', 'roles', 'role', 'organization'];
export const SOURCE_KEYS = ['title', 'path', 'email', 'version'];

/** Table Schema keys written on the resource instead of inside `schema`. */
export const SCHEMA_KEYS_ON_RESOURCE: Record<string, string> = {
  fields: 'fields',
  primaryKey: 'primaryKey',
  primaryKeys: 'primaryKey',
  foreignKeys: 'foreignKeys',
  foreignKey: 'foreignKeys',
  uniqueKeys: 'uniqueKeys',
  missingValues: 'missingValues',
};

/** Dialect keys written on the resource instead of inside `dialect`. */
export const DIALECT_KEYS_ON_RESOURCE = ['delimiter', 'quoteChar', 'doubleQuote', 'lineTerminator', 'skipInitialSpace', 'escapeChar', 'nullSequence', 'commentChar', 'headerRows'];

/** Hash algorithms and the length of their hex digests. */
export const HASH_LENGTHS: Record<string, number> = { md5: 32, sha1: 40, sha224: 56, sha256: 64, sha384: 96, sha512: 128 };

/** Resource / contributor / dialect properties that only Data Package v2 defines. */
export const V2_ONLY = {
  resource: ['type'],
  contributor: ['roles', 'givenName', 'familyName'],
  source: ['version'],
  schema: ['uniqueKeys', 'fieldsMatch'],
  field: ['categories', 'categoriesOrdered', 'missingValues', 'itemType'],
  constraints: ['exclusiveMinimum', 'exclusiveMaximum', 'jsonSchema'],
  dialect: ['headerRows', 'headerJoin', 'commentRows', 'property', 'itemType', 'itemKeys', 'sheetNumber', 'sheetName', 'table'],
};
