// DCAT-US 1.1 / Project Open Data metadata (`data.json`): the catalogs U.S. federal agencies (and many
// states and cities) publish at agency.gov/data.json, and single dataset entries kept in YAML or JSON.
// Version from the catalog's conformsTo (1.1), a plain list of datasets is POD 1.0; profile (federal or
// non-federal) from the host's settings, federal by default.

import catalog10 from '../../../../../schemas/dcat-us/v1.0/catalog.json';
import dataset10 from '../../../../../schemas/dcat-us/v1.0/dataset.json';
import catalogFederal from '../../../../../schemas/dcat-us/catalog.json';
import catalogNonFederal from '../../../../../schemas/dcat-us/catalog-non-federal.json';
import datasetFederal from '../../../../../schemas/dcat-us/dataset.json';
import datasetNonFederal from '../../../../../schemas/dcat-us/dataset-non-federal.json';
import distribution from '../../../../../schemas/dcat-us/distribution.json';
import organization from '../../../../../schemas/dcat-us/organization.json';
import vcard from '../../../../../schemas/dcat-us/vcard.json';
import vcardNonFederal from '../../../../../schemas/dcat-us/vcard-non-federal.json';
import type { ParsedDocument } from '../../document';
import { escapeSegment } from '../../pointer';
import { isObj, q, type Obj } from '../../rules/kit';
import type { Report, SchemaChoice, StandardDefinition, StandardSettings } from '../../standard';
import type { Detection, Fix } from '../../types';
import { bundleSchema } from './bundle';
import { CATALOG_KEYS, looksLikeDataset, looksLikeDatasets, profileOf, shapeOf } from './shape';
import { dcatUsRules } from './rules';
import { CONFORMS_TO_1_1, LATEST, SPEC_URL, VERSIONS } from './vocabulary';
import * as l10n from '../../l10n';

/** The schema files, by the name other files `$ref` them with. */
const FILES: Record<string, object> = {
  'catalog.json': catalogFederal,
  'catalog-non-federal.json': catalogNonFederal,
  'dataset.json': datasetFederal,
  'dataset-non-federal.json': datasetNonFederal,
  'distribution.json': distribution,
  'organization.json': organization,
  'vcard.json': vcard,
  'vcard-non-federal.json': vcardNonFederal,
};
const FILES_10: Record<string, object> = { 'catalog.json': catalog10, 'dataset.json': dataset10 };

export const SCHEMA_IDS = {
  catalog: { federal: 'dcat-us-1.1-catalog-federal', 'non-federal': 'dcat-us-1.1-catalog-non-federal' },
  dataset: { federal: 'dcat-us-1.1-dataset-federal', 'non-federal': 'dcat-us-1.1-dataset-non-federal' },
  catalog10: 'dcat-us-1.0-catalog',
  dataset10: 'dcat-us-1.0-dataset',
} as const;

// Each root is made self-contained (its references become local `#/definitions/…`), so that ajv,
// completion and hover need no other document.
const SCHEMAS: Record<string, object> = {
  [SCHEMA_IDS.catalog.federal]: bundleSchema('catalog.json', FILES),
  [SCHEMA_IDS.catalog['non-federal']]: bundleSchema('catalog-non-federal.json', FILES),
  [SCHEMA_IDS.dataset.federal]: bundleSchema('dataset.json', FILES),
  [SCHEMA_IDS.dataset['non-federal']]: bundleSchema('dataset-non-federal.json', FILES),
  [SCHEMA_IDS.catalog10]: bundleSchema('catalog.json', FILES_10),
  [SCHEMA_IDS.dataset10]: bundleSchema('dataset.json', FILES_10),
};

function versionFromConformsTo(ct: unknown): string | undefined {
  if (typeof ct === 'string') {
    if (/project-open-data\.cio\.gov\/v1\.1\/schema/i.test(ct)) return '1.1';
    if (/project-open-data/i.test(ct)) return /\/v(\d+(?:\.\d+)*)\//i.exec(ct)?.[1] ?? 'unknown';
    if (/dcat-us\/3|dcat-us-3|dcat-us\/v?3/i.test(ct)) return '3.0';
    return undefined;
  }
  if (isObj(ct) && /dcat-us/i.test(JSON.stringify(ct))) return '3.0';
  return undefined;
}

function detectFromContent(value: unknown): Omit<Detection, 'standardId'> | undefined {
  if (isObj(value)) {
    const version = versionFromConformsTo(value.conformsTo);
    if (version) return { version, reason: l10n.t('conformsTo: {0}', typeof value.conformsTo === 'string' ? q(value.conformsTo) : l10n.t('a DCAT-US standard')) };
    if (Array.isArray(value.dataset) && looksLikeDatasets(value.dataset)) return { version: LATEST, reason: l10n.t('a "dataset" list of DCAT-US datasets (no conformsTo)') };
    if (looksLikeDataset(value)) return { version: LATEST, reason: l10n.t('a single DCAT-US dataset (identifier, title, accessLevel…)') };
    return undefined;
  }
  if (Array.isArray(value) && looksLikeDatasets(value)) return { version: '1.0', reason: l10n.t('a list of Project Open Data 1.0 datasets (no conformsTo)') };
  return undefined;
}

/**
 * `data.json` names many kinds of file; the name alone claims it only while the content could be a
 * catalog being written (empty, or with a catalog key), never a file that is plainly something else.
 */
function matchesFileName(fileName: string, value?: unknown): boolean {
  if (!/^data\.json$/i.test(fileName)) return false;
  if (value === undefined || value === null) return true;
  if (isObj(value)) return Object.keys(value).length === 0 || CATALOG_KEYS.some((k) => k in value) || looksLikeDataset(value);
  if (Array.isArray(value)) return value.length === 0 || looksLikeDatasets(value);
  return false;
}

function firstKeyOffset(doc: ParsedDocument, value: Obj): { start: number; indent: string } | undefined {
  const first = Object.keys(value)[0];
  if (first === undefined) return undefined;
  const info = doc.nodes.get(`/${escapeSegment(first)}`);
  if (!info?.key) return undefined;
  const lineStart = doc.text.lastIndexOf('\n', info.key.start - 1) + 1;
  const before = doc.text.slice(lineStart, info.key.start);
  // JSON key ranges include the quotes, so both formats insert right before the key.
  return { start: info.key.start, indent: /^\s*$/.test(before) ? before : ' ' };
}

function insertConformsTo(doc: ParsedDocument, value: Obj): Fix[] | undefined {
  const at = firstKeyOffset(doc, value);
  if (!at) return undefined;
  const line = doc.format === 'json' ? `"conformsTo": "${CONFORMS_TO_1_1}",\n${at.indent}` : `conformsTo: ${CONFORMS_TO_1_1}\n${at.indent}`;
  const pos = doc.positionAt(at.start);
  return [{ title: l10n.t('Add conformsTo: {0}', CONFORMS_TO_1_1), isPreferred: true, edits: [{ range: { start: pos, end: pos }, newText: line }] }];
}

/** Wrap a 1.0 list into a 1.1 catalog object. */
function wrapFix(doc: ParsedDocument): Fix[] | undefined {
  const root = doc.nodes.get('');
  if (!root) return undefined;
  const start = doc.positionAt(root.value.start);
  const end = doc.positionAt(root.value.end);
  if (doc.format === 'json') {
    return [{
      title: l10n.t('Wrap the list into a 1.1 catalog: {"conformsTo": …, "dataset": [...]}'),
      edits: [
        { range: { start, end: start }, newText: `{\n  "conformsTo": "${CONFORMS_TO_1_1}",\n  "dataset": ` },
        { range: { start: end, end }, newText: '\n}' },
      ],
    }];
  }
  if (doc.text[root.value.start] !== '-') return undefined;
  return [{ title: l10n.t('Wrap the list into a 1.1 catalog (conformsTo, dataset)'), edits: [{ range: { start, end: start }, newText: `conformsTo: ${CONFORMS_TO_1_1}\ndataset:\n` }] }];
}

function chooseSchema(detection: Detection, doc: ParsedDocument, settings: StandardSettings): SchemaChoice {
  const findings: Report[] = [];
  const value = doc.value;
  const { profile, invalid } = profileOf(settings);
  if (invalid !== undefined) {
    findings.push({
      ruleId: 'dcat-us/unknown-profile',
      pointer: '',
      message: l10n.t('The DCAT-US profile setting is {0}, which is not a profile; use "federal" (the default: U.S. federal agencies) or "non-federal" (states, cities and others). Checking with the federal profile.', q(String(invalid))),
      data: { offsets: { start: 0, end: 0 }, profile: invalid },
    });
  }
  const shape = shapeOf(doc);
  if (shape === 'catalog-1.0') {
    findings.push({
      ruleId: 'dcat-us/version-1-0',
      pointer: '',
      message: l10n.t('This data.json is a plain list of datasets: Project Open Data 1.0 (2013), superseded by 1.1 on 2014-11-06. Harvesters such as data.gov expect a 1.1 catalog: an object with "conformsTo": "{0}" and the list under "dataset"; then move the renamed keys (see the other warnings). Checked against the 1.0 schema.', CONFORMS_TO_1_1),
      fixes: wrapFix(doc),
      data: { offsets: { start: doc.nodes.get('')?.value.start ?? 0, end: (doc.nodes.get('')?.value.start ?? 0) + 1 } },
    });
    return { schemaId: SCHEMA_IDS.catalog10, findings };
  }
  if (shape === 'dataset') {
    if (detection.version === '1.0') return { schemaId: SCHEMA_IDS.dataset10, findings };
    return { schemaId: SCHEMA_IDS.dataset[profile], findings };
  }
  // An object catalog.
  if (isObj(value)) {
    const ct = value.conformsTo;
    if (!('conformsTo' in value)) {
      findings.push({
        ruleId: 'dcat-us/conforms-to',
        pointer: '/conformsTo',
        on: 'key',
        message: l10n.t('The catalog has no conformsTo. A 1.1 catalog must name its schema version with "conformsTo": "{0}"; without it harvesters refuse the whole file (and read it as 1.0, which had no catalog object).', CONFORMS_TO_1_1),
        fixes: insertConformsTo(doc, value),
        data: { offsets: offsetsOfFirstKey(doc, value) },
      });
    } else if (ct !== CONFORMS_TO_1_1) {
      const version = versionFromConformsTo(ct);
      const node = doc.nodes.get('/conformsTo');
      if (version === '1.1') {
        findings.push({
          ruleId: 'dcat-us/conforms-to',
          pointer: '/conformsTo',
          message: l10n.t('conformsTo must be exactly "{0}"; found {1}. Harvesters compare the text exactly, so a different scheme, case or a trailing slash makes them refuse the catalog.', CONFORMS_TO_1_1, q(String(ct))),
          fixes: node ? [{ title: l10n.t('Write "{0}"', CONFORMS_TO_1_1), isPreferred: true, edits: [{ range: doc.rangeOf(node.value), newText: doc.format === 'json' ? JSON.stringify(CONFORMS_TO_1_1) : CONFORMS_TO_1_1 }] }] : undefined,
        });
      } else {
        const what = version === '3.0' ? l10n.t('DCAT-US 3.0, which this tool does not support yet') : typeof ct === 'string' ? l10n.t('{0}, which is not a DCAT-US version', q(ct)) : l10n.t('not a text');
        findings.push({
          ruleId: 'dcat-us/unsupported-version',
          pointer: '/conformsTo',
          message: l10n.t('conformsTo names {0}. The supported version is DCAT-US 1.1: "conformsTo": "{1}". The catalog is checked as 1.1.', what, CONFORMS_TO_1_1),
          data: { conformsTo: ct },
        });
      }
    }
  }
  return { schemaId: SCHEMA_IDS.catalog[profile], findings };
}

function offsetsOfFirstKey(doc: ParsedDocument, value: Obj): { start: number; end: number } {
  const first = Object.keys(value)[0];
  const info = first === undefined ? undefined : doc.nodes.get(`/${escapeSegment(first)}`);
  if (info?.key) return info.key;
  const root = doc.nodes.get('');
  const start = root?.value.start ?? 0;
  return { start, end: Math.min(start + 1, doc.text.length) };
}

export const dcatUs: StandardDefinition = {
  id: 'dcat-us',
  title: 'DCAT-US 1.1 (Project Open Data data.json)',
  specUrl: SPEC_URL,
  versions: VERSIONS,
  matchesFileName,
  detectFromContent,
  defaultVersion: LATEST,
  chooseSchema,
  schemas: SCHEMAS,
  schemaRulePrefix: 'dcat-us',
  rules: dcatUsRules,
  profile(settings) {
    const { profile, explicit } = profileOf(settings);
    return { name: profile, explicit };
  },
};
