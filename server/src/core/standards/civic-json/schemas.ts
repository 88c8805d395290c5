// The hand-written schema of each civic.json dialect (schemas/civic-json/), and the keys they define.

import betanycSchema from '../../../../../schemas/civic-json/civic-json-betanyc.schema.json';
import cfapiSchema from '../../../../../schemas/civic-json/civic-json-cfapi.schema.json';
import codefordcSchema from '../../../../../schemas/civic-json/civic-json-codefordc.schema.json';
import dcSchema from '../../../../../schemas/civic-json/civic-json-dc.schema.json';
import { DIALECTS, type DialectId } from './dialects';

export const SCHEMA_BY_DIALECT: Record<DialectId, object> = {
  betanyc: betanycSchema as object,
  codefordc: codefordcSchema as object,
  dc: dcSchema as object,
  cfapi: cfapiSchema as object,
};

/** By schema id (the StandardDefinition's `schemas`). */
export const SCHEMAS: Record<string, object> = Object.fromEntries(
  (Object.keys(SCHEMA_BY_DIALECT) as DialectId[]).map((d) => [DIALECTS[d].schemaId, SCHEMA_BY_DIALECT[d]]),
);

/** Every top-level key some dialect defines. */
export const ALL_KNOWN_KEYS: ReadonlySet<string> = new Set(
  Object.values(SCHEMA_BY_DIALECT).flatMap((s) => Object.keys((s as { properties?: object }).properties ?? {})),
);

/**
 * Keys that, alone, do not make a civic.json: generic names other JSON files use too (a graph's
 * "links", a catalogue's "data", "id", "type", "conformsTo"). A file with only these is not a project description.
 */
const GENERIC_KEYS = new Set(['links', 'data', 'type', 'id', 'keywords', 'conformsTo']);

/** Keys whose presence says the file describes a project the civic.json way. */
export const MANIFEST_KEYS: ReadonlySet<string> = new Set([...ALL_KNOWN_KEYS].filter((k) => !GENERIC_KEYS.has(k)));
