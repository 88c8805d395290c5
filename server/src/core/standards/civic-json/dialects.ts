// The civic.json dialects. Three (four) incompatible formats share the file name civic.json:
//   betanyc    BetaNYC/civic.json specification.md (2014): free-text status/type with recommended values,
//              geography as one text, needs:[{need}], categories:[{category}], thumbnailUrl, bornAt…
//   codefordc  Code for DC's variant of BetaNYC (civictechdc/codefordc.github.com _resources/specification.md):
//              conformsTo, contact {name,email,twitter}, communityPartner/governmentPartner {name: URL},
//              data {name: URL}, needs with want, moreInfo
//   dc         "civic.json extended", DCgov/civic.json schemas/schema-v1.json (draft-04) + specification.html:
//              name, status (closed list) and tags required; geography a list; contact, partners, data lists
//   cfapi      Code for America API (codeforamerica/cfapi update_project_from_civic_json): reads status and
//              tags only; everything else is allowed and ignored
// The modeline cannot be written in JSON, so the dialect comes from the content: an `id` naming the DC
// schema, a `conformsTo` naming the Code for DC page, or else the keys and their shapes (scored below).

import { isObj } from '../../rules/kit';

export type DialectId = 'betanyc' | 'codefordc' | 'dc' | 'cfapi';

export const DIALECT_IDS: readonly DialectId[] = ['betanyc', 'codefordc', 'dc', 'cfapi'];

/** The version before sniffing: the file name (or a version-less --standard) matched, nothing said which dialect. */
export const AUTO = 'auto';

export interface Dialect {
  id: DialectId;
  /** The name people know it by, used in messages. */
  title: string;
  specUrl: string;
  schemaId: string;
  /** Values the dialect recommends (or, when `statusClosed`, requires) for status. */
  statusValues: readonly string[];
  /** The dialect's own specification makes status a closed list (DC extended). */
  statusClosed: boolean;
  /** Recommended values for type (free text), if the dialect lists any. */
  typeValues?: readonly string[];
  /** Severity of a licence that is neither SPDX nor a URL: DC says SHOULD; the others do not define license. */
  licenseSeverity: 'information' | 'hint';
}

export const BETANYC_STATUSES = ['Ideation', 'Alpha', 'Beta', 'Production', 'Archival'] as const;
/** Code for America's Brigade project stages (codeforamerica/brigade README-Project-Search.md): what CfAPI's status should be. */
export const CFA_STAGES = ['Experiment', 'Alpha', 'Beta', 'Official'] as const;
export const BETANYC_TYPES = ['Web App', 'Mobile App', 'Policy Document', 'Dataset'] as const;

export const DC_SCHEMA_URL = 'https://raw.githubusercontent.com/DCgov/civic.json/master/schemas/schema-v1.json';
export const CODEFORDC_SPEC_URL = 'http://codefordc.org/resources/specification.html';

export const DIALECTS: Record<DialectId, Dialect> = {
  betanyc: {
    id: 'betanyc',
    title: 'BetaNYC civic.json',
    specUrl: 'https://github.com/BetaNYC/civic.json/blob/master/specification.md',
    schemaId: 'civic-json-betanyc',
    statusValues: BETANYC_STATUSES,
    statusClosed: false,
    typeValues: BETANYC_TYPES,
    licenseSeverity: 'hint',
  },
  codefordc: {
    id: 'codefordc',
    title: 'Code for DC civic.json',
    specUrl: 'https://github.com/civictechdc/codefordc.github.com/blob/master/_resources/specification.md',
    schemaId: 'civic-json-codefordc',
    statusValues: BETANYC_STATUSES,
    statusClosed: false,
    typeValues: BETANYC_TYPES,
    licenseSeverity: 'hint',
  },
  dc: {
    id: 'dc',
    title: 'DC extended civic.json',
    specUrl: 'https://github.com/DCgov/civic.json/blob/master/specification.html',
    schemaId: 'civic-json-dc',
    statusValues: BETANYC_STATUSES,
    statusClosed: true,
    licenseSeverity: 'information',
  },
  cfapi: {
    id: 'cfapi',
    title: 'Code for America API civic.json',
    specUrl: 'https://github.com/codeforamerica/brigade/blob/master/README-Project-Search.md',
    schemaId: 'civic-json-cfapi',
    statusValues: CFA_STAGES,
    statusClosed: false,
    licenseSeverity: 'hint',
  },
};

export function isDialectId(v: unknown): v is DialectId {
  return typeof v === 'string' && (DIALECT_IDS as readonly string[]).includes(v);
}

/** Statuses that mean one of the recommended ones (other vocabularies, other dialects). Keys are lower case. */
export const STATUS_SYNONYMS: Record<'betanyc' | 'cfapi', Record<string, string>> = {
  // BetaNYC / Code for DC / DC: Ideation, Alpha, Beta, Production, Archival. The civic-tech-taxonomy
  // statuses (concept, development, beta, stable, obsolete) and the CfA stages map onto them.
  betanyc: {
    idea: 'Ideation',
    concept: 'Ideation',
    experiment: 'Ideation',
    brainstorming: 'Ideation',
    prototype: 'Alpha',
    development: 'Alpha',
    'in development': 'Alpha',
    stable: 'Production',
    official: 'Production',
    live: 'Production',
    released: 'Production',
    archived: 'Archival',
    archive: 'Archival',
    inactive: 'Archival',
    obsolete: 'Archival',
    deprecated: 'Archival',
    retired: 'Archival',
  },
  // Code for America stages: Experiment, Alpha, Beta, Official.
  cfapi: {
    idea: 'Experiment',
    ideation: 'Experiment',
    concept: 'Experiment',
    experimental: 'Experiment',
    prototype: 'Alpha',
    production: 'Official',
    stable: 'Official',
    live: 'Official',
  },
};

/** Keys that mean the same thing in another dialect: `dialect → key → the dialect's own key`. */
export const KEY_EQUIVALENTS: Record<DialectId, Record<string, string>> = {
  betanyc: { thumbnail: 'thumbnailUrl' },
  codefordc: { thumbnail: 'thumbnailUrl', moreInfoLink: 'moreInfo', partners: 'communityPartner' },
  dc: { thumbnailUrl: 'thumbnail', keyword: 'keywords' },
  cfapi: { tag: 'tags', keywords: 'tags' },
};

/** Keys seen in real files that belong to a known extension rather than to a dialect. */
export const KNOWN_EXTENSIONS: Record<string, string> = {
  owner: "LocalGov Digital's linked-data extension (Lichfield District Council)",
  deployments: "LocalGov Digital's linked-data extension (Lichfield District Council)",
  serviceCategories: "LocalGov Digital's linked-data extension (Lichfield District Council)",
  technologies: "LocalGov Digital's linked-data extension (Lichfield District Council)",
};

// ------------------------------------------------------------------------------------- declarations

/** `id` naming one of the DC extended schemas (schema-v1.json, schema.json, any branch). */
export function isDcSchemaUrl(v: unknown): boolean {
  return typeof v === 'string' && /^https?:\/\/(raw\.githubusercontent\.com\/DCgov\/civic\.json\/[^/]+\/(schemas\/)?schema(-v1(\.\d+)?)?\.json|dcgov\.github\.io\/civic\.json\/(schemas\/)?schema(-v1(\.\d+)?)?\.json)\s*$/i.test(v.trim());
}

/** `conformsTo` naming the Code for DC specification page. */
export function isCodeForDcSpecUrl(v: unknown): boolean {
  return typeof v === 'string' && /^https?:\/\/(www\.)?codefordc\.org\/resources\/specification(\.html)?\/?\s*$/i.test(v.trim());
}

export interface Declaration {
  version: DialectId;
  reason: string;
}

/** A dialect the file declares itself (never guessed). */
export function declaredDialect(value: unknown): Declaration | undefined {
  if (!isObj(value)) return undefined;
  // The DC schema itself has "id": <its own URL>; a JSON Schema is not a civic.json.
  if (typeof value.$schema === 'string' && /json-schema\.org/i.test(value.$schema)) return undefined;
  if (isDcSchemaUrl(value.id)) return { version: 'dc', reason: `id ${JSON.stringify(value.id)} names the DC extended schema` };
  if (isCodeForDcSpecUrl(value.conformsTo)) return { version: 'codefordc', reason: `conformsTo ${JSON.stringify(value.conformsTo)} names the Code for DC specification` };
  return undefined;
}

// ---------------------------------------------------------------------------------------- sniffing

interface Signal {
  dialect: Exclude<DialectId, 'cfapi'>;
  weight: number;
  label: string;
}

const DC_ONLY_TEXT_KEYS = ['homepage', 'repository', 'thumbnail', 'license', 'description'];

/** Evidence for each dialect in the keys and shapes of the object. */
function signalsOf(obj: Record<string, unknown>): Signal[] {
  const out: Signal[] = [];
  const add = (dialect: Signal['dialect'], weight: number, label: string) => out.push({ dialect, weight, label });
  const has = (k: string) => Object.prototype.hasOwnProperty.call(obj, k);
  // geography: the clearest clash — a list in DC extended, one text in BetaNYC and Code for DC.
  if (Array.isArray(obj.geography)) add('dc', 2, 'geography is a list');
  else if (typeof obj.geography === 'string') add('betanyc', 2, 'geography is a text');
  if (Array.isArray(obj.partners)) add('dc', 2, 'partners list');
  if (Array.isArray(obj.data)) add('dc', 2, 'data is a list');
  else if (isObj(obj.data)) add('codefordc', 3, 'data is a name→URL mapping');
  if (Array.isArray(obj.links)) add('dc', 1, 'links');
  if (Array.isArray(obj.keywords)) add('dc', 1, 'keywords');
  if (Array.isArray(obj.tags)) add('dc', 1, 'tags');
  if (typeof obj.name === 'string') add('dc', 1, 'name');
  for (const k of DC_ONLY_TEXT_KEYS) if (has(k)) add('dc', 1, k);
  if (isObj(obj.contact)) {
    if ('twitter' in obj.contact && !('url' in obj.contact)) add('codefordc', 1, 'contact with twitter');
    else add('dc', 1, 'contact');
  } else if (Array.isArray(obj.contact)) add('codefordc', 2, 'contact is a list');
  if (Array.isArray(obj.needs)) {
    add('betanyc', 2, 'needs');
    if (obj.needs.some((n) => isObj(n) && 'want' in n)) add('codefordc', 2, 'needs with want');
  }
  if (Array.isArray(obj.categories)) add('betanyc', 2, 'categories');
  if (has('bornAt')) add('betanyc', 2, 'bornAt');
  if (has('thumbnailUrl')) add('betanyc', 2, 'thumbnailUrl');
  if (typeof obj.politicalEntity === 'string') add('betanyc', 1, 'politicalEntity');
  else if (isObj(obj.politicalEntity)) add('codefordc', 3, 'politicalEntity is a name→URL mapping');
  for (const k of ['communityPartner', 'governmentPartner', 'moreInfo', 'moreInfoLink']) if (has(k)) add('codefordc', 3, k);
  return out;
}

export interface Sniffed {
  dialect: DialectId;
  /** For people: what decided it (shown in the status bar). */
  reason: string;
  /** Evidence pointed to more than one dialect. */
  mixed: boolean;
  /** No key of any dialect was found. */
  empty: boolean;
}

const CFAPI_KEYS = new Set(['status', 'tags']);

function listLabels(signals: Signal[], max = 4): string {
  const labels = [...new Set(signals.map((s) => s.label))];
  return labels.length > max ? `${labels.slice(0, max).join(', ')} (+${labels.length - max} more)` : labels.join(', ');
}

/** Pick the dialect whose keys and shapes the object has most of. Never throws. */
export function sniffDialect(value: unknown, manifestKeys: ReadonlySet<string>): Sniffed {
  if (!isObj(value)) return { dialect: 'cfapi', reason: 'no civic.json content (not a JSON object); checked as the Code for America API dialect, which requires nothing', mixed: false, empty: true };
  const keys = Object.keys(value);
  const known = keys.filter((k) => manifestKeys.has(k));
  if (known.length === 0) {
    return { dialect: 'cfapi', reason: 'none of the civic.json keys found; checked as the Code for America API dialect, which requires nothing', mixed: false, empty: true };
  }
  if (keys.every((k) => CFAPI_KEYS.has(k))) {
    return { dialect: 'cfapi', reason: `Code for America API dialect: only ${keys.sort().join(' and ')}, the keys the CfAPI reads`, mixed: false, empty: false };
  }
  const signals = signalsOf(value);
  const dc = signals.filter((s) => s.dialect === 'dc');
  const nyc = signals.filter((s) => s.dialect === 'betanyc');
  const cfdc = signals.filter((s) => s.dialect === 'codefordc');
  const sum = (list: Signal[]) => list.reduce((n, s) => n + s.weight, 0);
  const dcScore = sum(dc);
  // Code for DC extends BetaNYC: their evidence adds up against DC extended.
  const familyScore = sum(nyc) + sum(cfdc);
  if (dcScore === 0 && familyScore === 0) {
    // Only shared keys (status, type…) beyond status/tags.
    return { dialect: 'betanyc', reason: `BetaNYC dialect (the original civic.json): only keys all dialects share (${known.join(', ')})`, mixed: false, empty: false };
  }
  if (dcScore > familyScore) {
    const mixed = familyScore > 0;
    return {
      dialect: 'dc',
      reason: `DC extended dialect by its keys: ${listLabels(dc)}${mixed ? `; mixed evidence: also ${listLabels([...nyc, ...cfdc], 3)} from BetaNYC/Code for DC (scored ${dcScore} to ${familyScore})` : ''}`,
      mixed,
      empty: false,
    };
  }
  const dialect: DialectId = sum(cfdc) > 0 ? 'codefordc' : 'betanyc';
  const own = dialect === 'codefordc' ? [...cfdc, ...nyc] : nyc;
  const mixed = dcScore > 0;
  const name = dialect === 'codefordc' ? 'Code for DC dialect' : 'BetaNYC dialect';
  return {
    dialect,
    reason: `${name} by its keys: ${listLabels(own)}${mixed ? `; mixed evidence: also ${listLabels(dc, 3)} from DC extended (scored ${familyScore} to ${dcScore}${familyScore === dcScore ? ', a tie goes to the dialect that requires nothing' : ''})` : ''}`,
    mixed,
    empty: false,
  };
}
