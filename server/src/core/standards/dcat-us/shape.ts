// What a DCAT-US document is (a 1.1 catalog, a 1.0 list, one dataset) and which profile applies.
// Shared by dispatch (index.ts) and the rules.

import type { ParsedDocument } from '../../document';
import { isObj } from '../../rules/kit';
import type { StandardSettings } from '../../standard';
import { ACCESS_LEVELS, DEFAULT_PROFILE, PROFILES, type Profile } from './vocabulary';

export const CATALOG_KEYS = ['conformsTo', 'dataset', '@context', '@id', '@type', 'describedBy'];
const DATASET_HINT_KEYS = ['description', 'publisher', 'contactPoint', 'keyword', 'modified', 'bureauCode', 'programCode', 'distribution', 'mbox'];

/** An object with identifier, title and a POD accessLevel, plus one more dataset key. */
export function looksLikeDataset(v: unknown): boolean {
  if (!isObj(v)) return false;
  const level = v.accessLevel;
  return (
    typeof v.identifier === 'string' &&
    'title' in v &&
    typeof level === 'string' &&
    (ACCESS_LEVELS as readonly string[]).includes(level.trim().toLowerCase()) &&
    DATASET_HINT_KEYS.some((k) => k in v)
  );
}

export function looksLikeDatasets(list: unknown[]): boolean {
  return list.slice(0, 5).some(looksLikeDataset);
}

export type Shape = 'catalog' | 'catalog-1.0' | 'dataset';

const DATASET_KEYS = ['identifier', 'accessLevel', 'title', ...DATASET_HINT_KEYS];

/**
 * What the document is: a 1.1 catalog (an object with conformsTo or dataset), a 1.0 list of datasets,
 * or a single dataset entry. An empty object is a catalog in JSON and a dataset entry in YAML (where
 * single entries are kept).
 */
export function shapeOf(doc: Pick<ParsedDocument, 'value' | 'format'>): Shape {
  const value = doc.value;
  if (Array.isArray(value)) return 'catalog-1.0';
  if (!isObj(value)) return doc.format === 'yaml' ? 'dataset' : 'catalog';
  if ('dataset' in value || 'conformsTo' in value) return 'catalog';
  if (looksLikeDataset(value)) return 'dataset';
  if (CATALOG_KEYS.some((k) => k in value)) return 'catalog';
  if (DATASET_KEYS.some((k) => k in value)) return 'dataset';
  return doc.format === 'yaml' ? 'dataset' : 'catalog';
}

export function profileOf(settings: StandardSettings): { profile: Profile; explicit: boolean; invalid?: unknown } {
  const p = settings.profile;
  if (p === undefined || p === null || p === '') return { profile: DEFAULT_PROFILE, explicit: false };
  if (typeof p === 'string' && (PROFILES as readonly string[]).includes(p.trim().toLowerCase())) return { profile: p.trim().toLowerCase() as Profile, explicit: true };
  return { profile: DEFAULT_PROFILE, explicit: false, invalid: p };
}

