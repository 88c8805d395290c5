// publiccode.yml (https://yml.publiccode.tools): the metadata file of public software.
// One hand-written schema covers every 0.x release; version differences live in the rules.

import schema0 from '../../../../../schemas/publiccode/publiccode-0.schema.json';
import type { ParsedDocument } from '../../document';
import type { Report, SchemaChoice, StandardDefinition } from '../../standard';
import type { Detection } from '../../types';
import { publiccodeRules } from './rules';
import { LATEST, SPEC_URL, VERSION_VALUES, VERSIONS, isLatest, normalizeVersion } from './vocabulary';

export const SCHEMA_ID = 'publiccode-0';

/** Keys that earlier drafts (0.1) or typos used for the version. */
const LEGACY_VERSION_KEY = /^publiccode[-_ ]?ya?ml[-_ ]?version$/i;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function legacyVersionKey(value: Record<string, unknown>): string | undefined {
  return Object.keys(value).find((k) => k !== 'publiccodeYmlVersion' && LEGACY_VERSION_KEY.test(k));
}

/** `http://w3id.org/publiccode/version/0.1` → `0.1`; `0.2` stays. */
function versionFromLegacyValue(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const m = /(\d+(?:\.\d+)*)\/?$/.exec(v.trim());
  return m ? m[1] : undefined;
}

function detectFromContent(value: unknown): Omit<Detection, 'standardId'> | undefined {
  if (!isObject(value)) return undefined;
  if ('publiccodeYmlVersion' in value) {
    const v = value.publiccodeYmlVersion;
    if (typeof v === 'string') return { version: v.trim() || '0', reason: `publiccodeYmlVersion: ${JSON.stringify(v)}` };
    if (typeof v === 'number') return { version: String(v), reason: `publiccodeYmlVersion: ${v} (a number; it should be quoted)` };
    return { version: '0', reason: 'publiccodeYmlVersion key' };
  }
  const legacy = legacyVersionKey(value);
  if (legacy) {
    const v = versionFromLegacyValue(value[legacy]) ?? '0';
    return { version: v, reason: `legacy key ${legacy}` };
  }
  return undefined;
}

function supportedList(): string {
  return VERSION_VALUES.map((v) => `"${v}"`).join(', ');
}

function chooseSchema(detection: Detection, doc: ParsedDocument): SchemaChoice {
  const findings: Report[] = [];
  const value = doc.value;
  if (isObject(value) && 'publiccodeYmlVersion' in value) {
    const v = value.publiccodeYmlVersion;
    const node = doc.nodes.get('/publiccodeYmlVersion');
    const source = node?.source ?? String(v);
    if (typeof v === 'number') {
      const quoted = JSON.stringify(source);
      findings.push({
        ruleId: 'publiccode/version-not-string',
        pointer: '/publiccodeYmlVersion',
        message: `publiccodeYmlVersion must be a quoted string: unquoted, YAML reads ${source} as the number ${v}. Write ${quoted}${
          (VERSION_VALUES as readonly string[]).includes(source) && !isLatest(source) ? ` (or "0" for the latest version, ${LATEST})` : ''
        }.`,
        fixes: node ? [{ title: `Quote the version: ${quoted}`, isPreferred: true, edits: [{ range: doc.rangeOf(node.value), newText: quoted }] }] : undefined,
        data: { version: source },
      });
    } else if (typeof v !== 'string') {
      findings.push({
        ruleId: 'publiccode/version-not-string',
        pointer: '/publiccodeYmlVersion',
        message: `publiccodeYmlVersion must be a quoted string such as "0" (the latest 0.x); found ${
          v === null ? 'nothing' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : `the ${typeof v} ${String(v)}`
        }.`,
        fixes: node ? [{ title: 'Write "0" (the latest 0.x)', edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
      });
    } else {
      if (!(VERSION_VALUES as readonly string[]).includes(v)) {
        const hint = /^1(\.0)*$/.test(v)
          ? ' publiccode.yml 1.0 is not released yet (it is a release candidate); use "0" for the latest 0.x.'
          : ' Use "0" for the latest 0.x release.';
        findings.push({
          ruleId: 'publiccode/unsupported-version',
          pointer: '/publiccodeYmlVersion',
          message: `Unsupported publiccodeYmlVersion ${JSON.stringify(v)}; the supported versions are ${supportedList()}.${hint}`,
          fixes: node ? [{ title: 'Use "0" (the latest 0.x)', edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
          data: { version: v, supported: [...VERSION_VALUES] },
        });
      } else if (!isLatest(v)) {
        findings.push({
          ruleId: 'publiccode/old-version',
          pointer: '/publiccodeYmlVersion',
          message: `v${v} is not the latest version of publiccode.yml; use "0" (always the latest 0.x, now ${LATEST}). Catalogues and the reference validator check every file against ${LATEST}.`,
          fixes: node ? [{ title: 'Use "0" (the latest 0.x)', isPreferred: true, edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
          data: { version: v, latest: LATEST },
        });
      }
    }
  } else if (isObject(value)) {
    const legacy = legacyVersionKey(value);
    if (legacy) {
      const pointer = `/${legacy.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const node = doc.nodes.get(pointer);
      const fixes =
        node?.key && node.value
          ? [{
              title: 'Replace with publiccodeYmlVersion: "0"',
              isPreferred: true,
              edits: [{ range: doc.rangeOf({ start: node.key.start, end: Math.max(node.key.end, node.value.end) }), newText: 'publiccodeYmlVersion: "0"' }],
            }]
          : undefined;
      findings.push({
        ruleId: 'publiccode/legacy-version-key',
        pointer,
        on: 'key',
        message: `${legacy} is not a publiccode.yml key${
          legacy === 'publiccode-yaml-version' ? ' (it was the version key of the 0.1 draft; since 0.2 the key is publiccodeYmlVersion)' : '; the version key is spelled publiccodeYmlVersion'
        }. Write publiccodeYmlVersion: "0" (a quoted string; "0" means the latest 0.x).`,
        fixes,
      });
    }
  }
  return { schemaId: SCHEMA_ID, findings };
}

export const publiccode: StandardDefinition = {
  id: 'publiccode',
  title: 'publiccode.yml',
  specUrl: SPEC_URL,
  versions: VERSIONS,
  matchesFileName: (fileName: string) => /^publiccode\.ya?ml$/i.test(fileName),
  detectFromContent,
  defaultVersion: '0',
  chooseSchema,
  schemas: { [SCHEMA_ID]: schema0 as object },
  schemaRulePrefix: 'publiccode',
  rules: publiccodeRules,
};

export { normalizeVersion };
