// DCAT-US 1.1 / Project Open Data facts the rules need: the version URI, profiles, the 1.0 → 1.1
// renames (metadata-changelog.md), the 1.0 frequency words with their ISO 8601 forms
// (iso8601_guidance.md), and the keys each kind of object defines (read from the bundled schemas).

import catalogSchema from '../../../../../schemas/dcat-us/catalog.json';
import datasetSchema from '../../../../../schemas/dcat-us/dataset.json';
import distributionSchema from '../../../../../schemas/dcat-us/distribution.json';
import organizationSchema from '../../../../../schemas/dcat-us/organization.json';
import vcardSchema from '../../../../../schemas/dcat-us/vcard.json';
import { ownValue } from '../../rules/kit';

export const SPEC_URL = 'https://project-open-data.cio.gov/v1.1/schema/';
export const CHANGELOG_URL = 'https://project-open-data.cio.gov/metadata-changelog/';
/** The one value of a 1.1 catalog's `conformsTo`; harvesters compare it as exact text. */
export const CONFORMS_TO_1_1 = 'https://project-open-data.cio.gov/v1.1/schema';

export const VERSIONS = ['1.0', '1.1'];
export const LATEST = '1.1';

export type Profile = 'federal' | 'non-federal';
export const PROFILES: readonly Profile[] = ['federal', 'non-federal'];
/**
 * The federal profile is the default: it is what the Project Open Data schema, the federal dashboard
 * and the data.gov harvester (`DEFAULT_VALIDATOR_SCHEMA = 'federal-v1.1'`) use unless told otherwise.
 */
export const DEFAULT_PROFILE: Profile = 'federal';

export const ACCESS_LEVELS = ['public', 'restricted public', 'non-public'] as const;

/** `[[REDACTED-EX B3]]`: the dashboard's federal schema accepts these markers in almost every field. */
export const REDACTED = /^\[\[REDACTED.*\]\]$/;

export function isRedacted(v: unknown): boolean {
  // Every string of a catalog is asked: most do not start with `[`.
  return typeof v === 'string' && v.charCodeAt(0) === 91 /* [ */ && REDACTED.test(v);
}

/** The Dublin Core frequency words of POD 1.0 and their ISO 8601 forms (iso8601_guidance.md). */
export const FREQUENCY_WORDS: Record<string, string[]> = {
  decennial: ['R/P10Y'],
  quadrennial: ['R/P4Y'],
  annual: ['R/P1Y'],
  annually: ['R/P1Y'],
  yearly: ['R/P1Y'],
  bimonthly: ['R/P2M', 'R/P0.5M'],
  semiweekly: ['R/P3.5D'],
  daily: ['R/P1D'],
  biweekly: ['R/P2W', 'R/P0.5W'],
  semiannual: ['R/P6M'],
  biennial: ['R/P2Y'],
  triennial: ['R/P3Y'],
  'three times a week': ['R/P0.33W'],
  'three times a month': ['R/P0.33M'],
  'continuously updated': ['R/PT1S'],
  continuous: ['R/PT1S'],
  monthly: ['R/P1M'],
  quarterly: ['R/P3M'],
  semimonthly: ['R/P0.5M'],
  'three times a year': ['R/P4M'],
  weekly: ['R/P1W'],
  hourly: ['R/PT1H'],
  'completely irregular': ['irregular'],
  irregular: ['irregular'],
  'as needed': ['irregular'],
};

/** Dataset keys of POD 1.0 that 1.1 renamed, moved or removed (metadata-changelog.md, "Version 1.1"). */
export interface Rename {
  /** The 1.1 key, as a readable path, or undefined when the key was removed. */
  replacement?: string;
  /** A sibling key to rename to, when the rename is a plain key rename in the same object. */
  renameTo?: string;
  explanation: string;
}

export const DATASET_RENAMES: Record<string, Rename> = {
  mbox: {
    replacement: 'contactPoint.hasEmail',
    explanation: 'in 1.1 the e-mail address moved into contactPoint as hasEmail, written as a mailto: URI (contactPoint: {fn, hasEmail: "mailto:…"})',
  },
  accessLevelComment: { replacement: 'rights', renameTo: 'rights', explanation: 'accessLevelComment was renamed rights in 1.1' },
  dataDictionary: { replacement: 'describedBy', renameTo: 'describedBy', explanation: 'dataDictionary was renamed describedBy in 1.1' },
  PrimaryITInvestmentUII: {
    replacement: 'primaryITInvestmentUII',
    renameTo: 'primaryITInvestmentUII',
    explanation: 'it is spelled primaryITInvestmentUII (lower-case p) since 1.1',
  },
  webService: {
    replacement: 'distribution[].accessURL',
    explanation: 'webService was removed in 1.1: describe the API as a distribution with accessURL set to the endpoint and format "API"',
  },
  accessURL: {
    replacement: 'distribution[].downloadURL',
    explanation:
      'since 1.1 URLs live in distribution objects: a direct download as downloadURL (with mediaType), indirect access (an API, a query page) as accessURL',
  },
  format: {
    replacement: 'distribution[].mediaType',
    explanation: 'since 1.1 the file type lives in each distribution: the MIME type as mediaType, a human-readable name as format',
  },
};

function keysOf(schema: { properties?: Record<string, unknown> }): string[] {
  return Object.keys(schema.properties ?? {});
}

/** The keys each kind of object defines in 1.1 (deprecated 1.0 keys included: other rules handle them). */
export const KNOWN_KEYS = {
  catalog: keysOf(catalogSchema),
  dataset: keysOf(datasetSchema),
  distribution: keysOf(distributionSchema),
  publisher: keysOf(organizationSchema),
  contactPoint: keysOf(vcardSchema),
};

/** Licences named by SPDX id whose canonical home is not spdx.org. */
export const LICENSE_URLS: Record<string, string> = {
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'PDDL-1.0': 'https://opendatacommons.org/licenses/pddl/1-0/',
  'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
  'ODC-By-1.0': 'https://opendatacommons.org/licenses/by/1-0/',
  'OGL-UK-3.0': 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
};

/** The URL of a licence named by an SPDX id: Creative Commons and Open Data Commons at home, others at spdx.org. */
export function licenseUrl(spdxId: string): string {
  const home = ownValue(LICENSE_URLS, spdxId);
  if (home) return home;
  const cc = /^CC-(BY(?:-SA|-ND|-NC|-NC-SA|-NC-ND)?)-(\d\.\d)$/.exec(spdxId);
  if (cc) return `https://creativecommons.org/licenses/${cc[1].toLowerCase()}/${cc[2]}/`;
  return `https://spdx.org/licenses/${spdxId}.html`;
}
