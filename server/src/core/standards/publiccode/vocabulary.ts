// The controlled vocabularies and version facts of publiccode.yml 0.x, from the specification
// (publiccodeyml/publiccode.yml: docs/standard/*.rst and CHANGELOG.rst up to v0.7.0).

/** Versions a file may declare in `publiccodeYmlVersion`, as written. `0` means "the latest 0.x". */
export const VERSION_VALUES = [
  '0', '0.2', '0.2.0', '0.2.1', '0.2.2', '0.3', '0.3.0', '0.4', '0.4.0', '0.5', '0.5.0', '0.6', '0.6.0', '0.7', '0.7.0',
] as const;

/** The latest 0.x release; `0` stands for it. */
export const LATEST = '0.7';

/**
 * Values that declare the 1.0 release candidate (branch `1.0-rc` of publiccodeyml/publiccode.yml).
 * The reference validator's 1.0 support (italia/publiccode-parser-go PR #396, a draft) expects "1".
 */
export const VERSION_VALUES_1 = ['1', '1.0'] as const;

/** Versions a modeline may name (`# civic-schemas: publiccode@0.4`), oldest first; `0` (= latest 0.x), then `1` (the RC). */
export const VERSIONS = ['0.2', '0.2.1', '0.2.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0', '1'];

/** Does this version (as written or detected) declare publiccode.yml 1.0? */
export function isVersion1(version: string | undefined): boolean {
  return typeof version === 'string' && /^1(\.0){0,2}$/.test(version.trim());
}

export const SPEC_URL = 'https://yml.publiccode.tools/';
export const CORE_SPEC = 'https://yml.publiccode.tools/schema.core.html';
export const IT_SPEC = 'https://yml.publiccode.tools/country.html';

/** `0` → `0.7`, `0.4.0` → `0.4`, `0.2.1` stays. Undefined for anything that is not a 0.x version. */
export function normalizeVersion(version: string): string | undefined {
  if (version === '0') return LATEST;
  const m = /^0\.(\d+)(?:\.(\d+))?$/.exec(version);
  if (!m) return undefined;
  return m[2] && m[2] !== '0' ? `0.${m[1]}.${m[2]}` : `0.${m[1]}`;
}

/** Compare two 0.x versions (`0.2.1` < `0.3`); unparsable versions sort as the latest. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (normalizeVersion(v) ?? LATEST).split('.').map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function isLatest(version: string): boolean {
  return normalizeVersion(version) === LATEST;
}

/** Categories (docs/standard/categories-list.rst) with the version that added them. */
export const CATEGORIES: { name: string; since: string }[] = [
  ...[
    'accounting', 'agile-project-management', 'applicant-tracking', 'application-development', 'appointment-scheduling',
    'backup', 'billing-and-invoicing', 'blog', 'budgeting', 'business-intelligence', 'business-process-management',
    'cad', 'call-center-management', 'cloud-management', 'collaboration', 'communications', 'compliance-management',
    'contact-management', 'content-management', 'crm', 'customer-service-and-support', 'data-analytics',
    'data-collection', 'data-visualization', 'digital-asset-management', 'digital-citizenship',
    'document-management', 'donor-management', 'e-commerce', 'e-signature', 'email-management', 'email-marketing',
    'employee-management', 'enterprise-project-management', 'enterprise-social-networking', 'erp',
    'event-management', 'facility-management', 'feedback-and-reviews-management', 'financial-reporting',
    'fleet-management', 'fundraising', 'gamification', 'geographic-information-systems', 'grant-management',
    'graphic-design', 'help-desk', 'hr', 'ide', 'identity-management', 'instant-messaging', 'inventory-management',
    'it-asset-management', 'it-development', 'it-management', 'it-security', 'it-service-management',
    'knowledge-management', 'learning-management-system', 'marketing', 'mind-mapping', 'mobile-marketing',
    'mobile-payment', 'network-management', 'office', 'online-booking', 'online-community', 'payment-gateway',
    'payroll', 'predictive-analysis', 'procurement', 'productivity-suite', 'project-collaboration',
    'project-management', 'property-management', 'real-estate-management', 'remote-support', 'resource-management',
    'sales-management', 'seo', 'service-desk', 'social-media-management', 'survey', 'talent-management',
    'task-management', 'taxes-management', 'test-management', 'time-management', 'time-tracking', 'translation',
    'video-conferencing', 'video-editing', 'visitor-management', 'voip', 'warehouse-management',
    'web-collaboration', 'web-conferencing', 'website-builder', 'workflow-management',
  ].map((name) => ({ name, since: '0.2' })),
  { name: 'educational-content', since: '0.3' },
  { name: 'whistleblowing', since: '0.3' },
  { name: 'design', since: '0.4' },
  { name: 'design-system', since: '0.4' },
  { name: 'integrated-library-system', since: '0.4' },
  { name: 'regulations-and-directives', since: '0.4' },
  { name: 'other', since: '0.5' },
];

/** `intendedAudience/scope` values of 0.x (docs/standard/scope-list.rst; `government` is dropped only in 1.0). */
export const SCOPES = [
  'agriculture', 'culture', 'defence', 'education', 'emergency-services', 'employment', 'energy', 'environment',
  'finance-and-economic-development', 'foreign-affairs', 'government', 'healthcare', 'infrastructures', 'justice',
  'local-authorities', 'manufacturing', 'research', 'science-and-technology', 'security', 'society', 'sport',
  'tourism', 'transportation', 'welfare',
];

/** Scope values 1.0 removed, with the reason (publiccodeyml/publiccode.yml PR #353 and the 1.0-rc scope list). */
export const SCOPES_REMOVED_IN_1: Record<string, string> = {
  government:
    'nearly all software described by publiccode.yml is government software, so the value selected nothing in a catalogue',
};

/** The 23 scope values of 1.0. */
export const SCOPES_1 = SCOPES.filter((s) => !(s in SCOPES_REMOVED_IN_1));

/** `supports[].id` aliases (docs/standard/aliases-list.rst, 0.7). */
export const SUPPORT_ALIASES: Record<string, string> = {
  gdpr: 'the EU General Data Protection Regulation (Regulation (EU) 2016/679)',
  eidas: 'the eIDAS Regulation on electronic identification and trust services (Regulation (EU) No 910/2014)',
  nis2: 'the NIS 2 Directive on cybersecurity (Directive (EU) 2022/2555)',
  cra: 'the Cyber Resilience Act (Regulation (EU) 2024/2847)',
  spid: 'SPID, the Italian public digital identity system',
  cie: 'CIE, the Italian electronic identity card',
  anpr: 'ANPR, the Italian national register of the resident population',
  pagopa: 'pagoPA, the Italian platform for payments to public administrations',
  io: 'IO, the Italian public services app',
};

export const SOFTWARE_TYPES = [
  'standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend',
  'standalone/other', 'addon', 'library', 'configurationFiles',
];

/** Values people write for softwareType that map onto one value of the list. */
export const SOFTWARE_TYPE_ALIASES: Record<string, string> = {
  standalone: 'standalone/other',
  mobile: 'standalone/mobile',
  iot: 'standalone/iot',
  desktop: 'standalone/desktop',
  web: 'standalone/web',
  webapp: 'standalone/web',
  'web-app': 'standalone/web',
  'web application': 'standalone/web',
  backend: 'standalone/backend',
  other: 'standalone/other',
  softwareaddon: 'addon',
  plugin: 'addon',
  'add-on': 'addon',
  lib: 'library',
  sdk: 'library',
  configuration: 'configurationFiles',
  configurationfiles: 'configurationFiles',
  'configuration-files': 'configurationFiles',
};

export const DEVELOPMENT_STATUSES = ['concept', 'development', 'beta', 'stable', 'obsolete'];
export const MAINTENANCE_TYPES = ['internal', 'contract', 'community', 'none'];
export const PLATFORMS = ['web', 'windows', 'mac', 'linux', 'ios', 'android'];

/** Italian `piattaforme` keys and the `supports` alias that replaces each since 0.7. */
export const PIATTAFORME_ALIASES: Record<string, string> = {
  spid: 'alias:spid',
  cie: 'alias:cie',
  anpr: 'alias:anpr',
  pagopa: 'alias:pagopa',
  io: 'alias:io',
};

export interface Deprecation {
  /** Matches the JSON Pointer of the deprecated key (one segment per `[^/]+`). */
  pointer: RegExp;
  /** Readable path for messages (`description.[lang].genericName`). */
  path: string;
  since: string;
  /** What to use instead, as a readable path or advice; undefined when it is safe to drop. */
  replacement?: string;
  /** More advice for the message. */
  advice?: string;
  specUrl: string;
  /**
   * The mechanical repair offered as a quick fix: rename the key (when the new name is free), move
   * the value under organisation, or drop the key (nothing replaces it).
   */
  fix: 'rename' | 'remove' | 'to-organisation-name' | 'to-organisation-uri';
  /** For `rename`: the new key name (same parent). */
  renameTo?: string;
}

/** Keys deprecated in 0.x (the 1.0 release candidate removes them). */
export const DEPRECATIONS: Deprecation[] = [
  {
    pointer: /^\/monochromeLogo$/,
    path: 'monochromeLogo',
    since: '0.3',
    replacement: 'logo',
    specUrl: `${CORE_SPEC}#key-monochromelogo-deprecated`,
    fix: 'rename',
    renameTo: 'logo',
  },
  {
    pointer: /^\/inputTypes$/,
    path: 'inputTypes',
    since: '0.3',
    specUrl: `${CORE_SPEC}#key-inputtypes-deprecated`,
    fix: 'remove',
  },
  {
    pointer: /^\/outputTypes$/,
    path: 'outputTypes',
    since: '0.3',
    specUrl: `${CORE_SPEC}#key-outputtypes-deprecated`,
    fix: 'remove',
  },
  {
    pointer: /^\/description\/[^/]+\/genericName$/,
    path: 'description.[lang].genericName',
    since: '0.3',
    specUrl: `${CORE_SPEC}#key-description-lang-genericname-deprecated`,
    fix: 'remove',
  },
  {
    pointer: /^\/legal\/authorsFile$/,
    path: 'legal.authorsFile',
    since: '0.4',
    advice: 'Keep the AUTHORS file in the repository if you like; publiccode.yml no longer points to it.',
    specUrl: `${CORE_SPEC}#key-legal-authorsfile-deprecated`,
    fix: 'remove',
  },
  {
    pointer: /^\/legal\/repoOwner$/,
    path: 'legal.repoOwner',
    since: '0.5',
    replacement: 'organisation.name',
    advice: 'Move the value to organisation.name (organisation also needs a uri).',
    specUrl: `${CORE_SPEC}#key-legal-repoowner-deprecated`,
    fix: 'to-organisation-name',
  },
  {
    pointer: /^\/(IT|it)\/conforme$/,
    path: 'IT.conforme',
    since: '0.5',
    advice: 'The guidelines it declared compliance with are no longer current; for the GDPR use supports: [{id: "alias:gdpr"}].',
    specUrl: `${IT_SPEC}#key-conforme-deprecated`,
    fix: 'remove',
  },
  {
    pointer: /^\/(IT|it)\/riuso\/codiceIPA$/,
    path: 'IT.riuso.codiceIPA',
    since: '0.5',
    replacement: 'organisation.uri',
    advice: 'Write the code as organisation.uri: "urn:x-italian-pa:<codiceIPA>".',
    specUrl: `${IT_SPEC}#chiave-riuso-codiceipa-deprecated`,
    fix: 'to-organisation-uri',
  },
  {
    pointer: /^\/it$/,
    path: 'it',
    since: '0.5',
    replacement: 'IT',
    advice: 'Country sections use uppercase ISO 3166-1 alpha-2 codes since 0.5: rename it to IT.',
    specUrl: `${IT_SPEC}`,
    fix: 'rename',
    renameTo: 'IT',
  },
];

/**
 * Keys of the 0.1 draft renamed or dropped in 0.2 (CHANGELOG.rst, core-0.2 / it-0.2). No 0.2+
 * validator knows them, so they are errors; each names its successor.
 */
export const RENAMED_IN_0_2: { pointer: RegExp; path: string; renameTo?: string; moveTo?: string; why: string }[] = [
  { pointer: /^\/tags$/, path: 'tags', renameTo: 'categories', why: 'with a new list of values: see https://yml.publiccode.tools/categories-list.html' },
  { pointer: /^\/intendedAudience\/onlyFor$/, path: 'intendedAudience.onlyFor', renameTo: 'scope', why: 'with a new list of values: see https://yml.publiccode.tools/scope-list.html' },
  { pointer: /^\/description\/[^/]+\/featureList$/, path: 'description.[lang].featureList', renameTo: 'features', why: 'same content: a list of features' },
  { pointer: /^\/description\/[^/]+\/freeTags$/, path: 'description.[lang].freeTags', why: 'there is no replacement' },
  { pointer: /^\/(IT|it)\/conforme\/accessibile$/, path: 'IT.conforme.accessibile', renameTo: 'lineeGuidaDesign', why: 'to a clearer name; IT.conforme itself is deprecated since 0.5' },
  { pointer: /^\/(IT|it)\/conforme\/interoperabile$/, path: 'IT.conforme.interoperabile', renameTo: 'modelloInteroperabilita', why: 'to a clearer name; IT.conforme itself is deprecated since 0.5' },
  { pointer: /^\/(IT|it)\/conforme\/sicuro$/, path: 'IT.conforme.sicuro', renameTo: 'misureMinimeSicurezza', why: 'to a clearer name; IT.conforme itself is deprecated since 0.5' },
  { pointer: /^\/(IT|it)\/conforme\/privacy$/, path: 'IT.conforme.privacy', renameTo: 'gdpr', why: 'to a clearer name; IT.conforme itself is deprecated since 0.5' },
  { pointer: /^\/(IT|it)\/(spid|pagopa|cie|anpr)$/, path: 'IT.<platform>', moveTo: 'IT.piattaforme.<platform>', why: 'the platforms were grouped under piattaforme (since 0.7, use supports with alias:<platform>)' },
  { pointer: /^\/(IT|it)\/ecosistemi$/, path: 'IT.ecosistemi', why: 'its values are in intendedAudience.scope' },
  { pointer: /^\/(IT|it)\/designKit$/, path: 'IT.designKit', why: 'catalogues track design-kit use themselves' },
];

/** Keys added after 0.2, for "this key is newer than the version your file declares". */
export const KEYS_SINCE: { pointer: RegExp; path: string; since: string }[] = [
  { pointer: /^\/organisation$/, path: 'organisation', since: '0.5' },
  { pointer: /^\/fundedBy$/, path: 'fundedBy', since: '0.5' },
  { pointer: /^\/supports$/, path: 'supports', since: '0.7' },
  { pointer: /^\/(IT|it)\/piattaforme\/io$/, path: 'IT.piattaforme.io', since: '0.3' },
];
