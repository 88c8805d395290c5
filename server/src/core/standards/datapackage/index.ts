// Frictionless Data Package v1 (https://specs.frictionlessdata.io) and v2 (https://datapackage.org):
// `datapackage.json` (also `.yaml`/`.yml`), and standalone Data Resource, Table Schema and Table
// Dialect descriptors that declare their profile.
//
// Version dispatch follows the v2 standard: `$schema` names the profile; without it, `profile` (v1)
// decides; a descriptor with neither is v1 ("The default value is
// https://datapackage.org/profiles/1.0/datapackage.json", data-package.mdx).

import schema1 from '../../../../../schemas/datapackage/datapackage-1.schema.json';
import schema2 from '../../../../../schemas/datapackage/datapackage-2.schema.json';
import type { ParsedDocument } from '../../document';
import { isObj } from '../../rules/kit';
import type { Report, SchemaChoice, StandardDefinition } from '../../standard';
import type { Detection } from '../../types';
import { declarationOf, kindOf, rememberKindFromFileName } from './descriptor';
import { datapackageRules } from './rules';
import { SPEC_URL, VERSIONS, V1_PROFILE_IDS, normalizeVersion, type Kind, type Version } from './vocabulary';
import * as l10n from '../../l10n';

const ROOTS: Record<Version, Record<string, unknown>> = {
  '1': schema1 as unknown as Record<string, unknown>,
  '2': schema2 as unknown as Record<string, unknown>,
};

const DEFINITION_OF: Record<Exclude<Kind, 'package'>, string> = {
  resource: 'dataResource',
  schema: 'tableSchema',
  dialect: 'dialect',
};

/** A root schema for a standalone resource, schema or dialect: the package schema's definition. */
function partSchema(v: Version, kind: Exclude<Kind, 'package'>): object {
  const root = ROOTS[v];
  const def = (root.definitions as Record<string, Record<string, unknown>>)[DEFINITION_OF[kind]];
  return {
    $schema: root.$schema,
    title: `${def.title} (Data Package v${v})`,
    description: def.description,
    markdownDescription: def.markdownDescription,
    definitions: root.definitions,
    $ref: `#/definitions/${DEFINITION_OF[kind]}`,
  };
}

export const SCHEMAS: Record<string, object> = {};
for (const v of ['1', '2'] as Version[]) {
  SCHEMAS[`package-${v}`] = ROOTS[v];
  for (const k of ['resource', 'schema', 'dialect'] as const) SCHEMAS[`${k}-${v}`] = partSchema(v, k);
}

function detectFromContent(value: unknown): Omit<Detection, 'standardId'> | undefined {
  if (!isObj(value)) return undefined;
  const d = declarationOf(value);
  const hasResources = Array.isArray(value.resources);
  if (d.by === '$schema') {
    if (d.version) return { version: d.version, reason: l10n.t('$schema: {0}', JSON.stringify(d.value)) };
    // An extension profile (a v2 mechanism) on something that has the shape of a package.
    if (hasResources) return { version: '2', reason: l10n.t('$schema names an extension profile ({0}) and the file lists resources', d.value) };
    return undefined;
  }
  if (d.by === 'profile') {
    if (d.version) return { version: d.version, reason: l10n.t('profile: {0}', JSON.stringify(d.value)) };
    if (d.custom && hasResources) return { version: '1', reason: l10n.t('profile names an extension profile ({0}) and the file lists resources', d.value) };
    return undefined;
  }
  // Pre-1.0 descriptors carried their spec version.
  if (typeof value.datapackage_version === 'string' && hasResources) return { version: '1', reason: l10n.t('datapackage_version (a pre-1.0 Data Package)') };
  return undefined;
}

function chooseSchema(detection: Detection, doc: ParsedDocument): SchemaChoice {
  const findings: Report[] = [];
  let v = normalizeVersion(detection.version);
  if (!v) {
    const d = declarationOf(doc.value);
    const pointer = d.by === 'none' ? '' : `/${d.by === '$schema' ? '$schema' : 'profile'}`;
    findings.push({
      ruleId: 'datapackage/unsupported-version',
      pointer,
      message: l10n.t('Data Package version {0} does not exist; the versions are 1 and 2. {1}', JSON.stringify(detection.version), d.by === '$schema' ? l10n.t('Use $schema: https://datapackage.org/profiles/2.0/datapackage.json (or the 1.0 profile).') : l10n.t('Checked as Data Package v2.')),
      data: { version: detection.version, supported: VERSIONS },
    });
    v = '2';
  }
  rememberKindFromFileName(doc.value, doc.uri);
  const kind = kindOf(doc.value);
  return { schemaId: `${kind}-${v}`, findings };
}

export const datapackage: StandardDefinition = {
  id: 'datapackage',
  title: 'Frictionless Data Package',
  specUrl: SPEC_URL,
  versions: VERSIONS,
  matchesFileName: (fileName: string) => /^datapackage\.(json|ya?ml)$/i.test(fileName),
  detectFromContent,
  // "The default value is https://datapackage.org/profiles/1.0/datapackage.json" (data-package.mdx, $schema).
  defaultVersion: '1',
  chooseSchema,
  schemas: SCHEMAS,
  schemaRulePrefix: 'datapackage',
  rules: datapackageRules,
};

export { V1_PROFILE_IDS };
