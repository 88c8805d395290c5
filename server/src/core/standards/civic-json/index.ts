// civic.json: project metadata for civic technology, in three incompatible dialects that share the file
// name (BetaNYC 2014, its Code for DC variant, DC's "extended" civic.json, and what the Code for America
// API reads). The dialect is the Detection's version: declared in the file (`id`, `conformsTo`), forced
// (--standard civic-json@dc, or the `dialect` setting), or sniffed from the keys and their shapes.

import type { ParsedDocument } from '../../document';
import type { Report, SchemaChoice, StandardDefinition, StandardSettings } from '../../standard';
import type { Detection } from '../../types';
import { AUTO, DIALECT_IDS, DIALECTS, declaredDialect, isDialectId, sniffDialect, type DialectId } from './dialects';
import { civicJsonRules } from './rules';
import { MANIFEST_KEYS, SCHEMAS } from './schemas';
import * as l10n from '../../l10n';

function detectFromContent(value: unknown): Omit<Detection, 'standardId'> | undefined {
  return declaredDialect(value);
}

function settingDialect(settings: StandardSettings): { dialect?: DialectId; invalid?: string } {
  const raw = settings.dialect;
  if (raw === undefined || raw === null || raw === '' || raw === AUTO) return {};
  if (isDialectId(raw)) return { dialect: raw };
  return { invalid: typeof raw === 'string' ? raw : JSON.stringify(raw) };
}

/**
 * Which dialect: a version forced by the host (CLI --standard civic-json@dc) wins, then the `dialect`
 * setting, then a declaration in the file, then the keys and shapes. The chosen dialect becomes the
 * Detection's version, and the reason says what decided it.
 */
function chooseSchema(detection: Detection, doc: ParsedDocument, settings: StandardSettings): SchemaChoice {
  const findings: Report[] = [];
  const declared = declaredDialect(doc.value);
  const forced = isDialectId(detection.version) && detection.version !== declared?.version ? detection.version : undefined;
  if (!isDialectId(detection.version) && detection.version !== AUTO) {
    findings.push({
      ruleId: 'civic-json/unknown-dialect',
      pointer: '',
      message: l10n.t('"{0}" is not a civic.json dialect; use one of {1}. The dialect was taken from the file\'s content instead.', detection.version, DIALECT_IDS.join(', ')),
      data: { offsets: { start: 0, end: 0 }, dialects: [...DIALECT_IDS] },
    });
  }
  const setting = settingDialect(settings);
  if (setting.invalid !== undefined) {
    findings.push({
      ruleId: 'civic-json/unknown-dialect',
      pointer: '',
      message: l10n.t('The civic-json "dialect" setting is {0}, which is not a civic.json dialect; use one of {1} (or "auto"). The dialect was taken from the file\'s content instead.', JSON.stringify(setting.invalid), DIALECT_IDS.join(', ')),
      data: { offsets: { start: 0, end: 0 }, dialects: [...DIALECT_IDS] },
    });
  }
  let dialect: DialectId;
  let reason: string;
  if (forced) {
    dialect = forced;
    reason = detection.reason;
  } else if (setting.dialect) {
    dialect = setting.dialect;
    reason = `${detection.reason}; dialect ${setting.dialect} set by the civic-json "dialect" setting`;
  } else if (declared) {
    dialect = declared.version;
    reason = detection.reason.includes(declared.reason) ? detection.reason : `${detection.reason}; ${declared.reason}`;
  } else {
    const sniffed = sniffDialect(doc.value, MANIFEST_KEYS);
    dialect = sniffed.dialect;
    reason = `${detection.reason}; ${sniffed.reason}`;
  }
  return { schemaId: DIALECTS[dialect].schemaId, findings, detection: { version: dialect, reason } };
}

export const civicJson: StandardDefinition = {
  id: 'civic-json',
  title: 'civic.json',
  specUrl: 'https://github.com/DCgov/civic.json',
  versions: [...DIALECT_IDS],
  matchesFileName: (fileName: string) => /^civic\.json$/i.test(fileName),
  detectFromContent,
  defaultVersion: AUTO,
  chooseSchema,
  schemas: SCHEMAS,
  schemaRulePrefix: 'civic-json',
  rules: civicJsonRules,
};
