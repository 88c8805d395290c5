// publiccode.yml (https://yml.publiccode.tools): the metadata file of public software.
// One hand-written schema covers every 0.x release (version differences within 0.x live in the rules);
// a second one covers the 1.0 release candidate, which removed every key 0.x deprecated.

import schema0 from '../../../../../schemas/publiccode/publiccode-0.schema.json';
import schema1 from '../../../../../schemas/publiccode/publiccode-1.schema.json';
import type { ParsedDocument } from '../../document';
import type { Report, SchemaChoice, StandardDefinition } from '../../standard';
import type { Detection } from '../../types';
import { publiccodeRules } from './rules';
import { LATEST, SPEC_URL, VERSION_VALUES, VERSION_VALUES_1, VERSIONS, isLatest, isVersion1, normalizeVersion } from './vocabulary';
import * as l10n from '../../l10n';

export const SCHEMA_ID = 'publiccode-0';
export const SCHEMA_ID_1 = 'publiccode-1';

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
    if (typeof v === 'string') return { version: v.trim() || '0', reason: l10n.t('publiccodeYmlVersion: {0}', JSON.stringify(v)) };
    if (typeof v === 'number') return { version: String(v), reason: l10n.t('publiccodeYmlVersion: {0} (a number; it should be quoted)', v) };
    return { version: '0', reason: l10n.t('publiccodeYmlVersion key') };
  }
  const legacy = legacyVersionKey(value);
  if (legacy) {
    const v = versionFromLegacyValue(value[legacy]) ?? '0';
    return { version: v, reason: l10n.t('legacy key {0}', legacy) };
  }
  return undefined;
}

function supportedList(): string {
  return [...VERSION_VALUES, ...VERSION_VALUES_1].map((v) => `"${v}"`).join(', ');
}

function chooseSchema(detection: Detection, doc: ParsedDocument): SchemaChoice {
  const findings: Report[] = [];
  const value = doc.value;
  // The file's own version decides; a modeline or --standard version counts when the file has none.
  const written = isObject(value) && typeof value.publiccodeYmlVersion === 'string' ? value.publiccodeYmlVersion.trim() : undefined;
  const schemaId = isVersion1(written ?? detection.version) && (written === undefined || (VERSION_VALUES_1 as readonly string[]).includes(written)) ? SCHEMA_ID_1 : SCHEMA_ID;
  if (isObject(value) && 'publiccodeYmlVersion' in value) {
    const v = value.publiccodeYmlVersion;
    const node = doc.nodes.get('/publiccodeYmlVersion');
    const source = node?.source ?? String(v);
    if (typeof v === 'number') {
      const quoted = JSON.stringify(source);
      findings.push({
        ruleId: 'publiccode/version-not-string',
        pointer: '/publiccodeYmlVersion',
        message: l10n.t('publiccodeYmlVersion must be a quoted string: unquoted, YAML reads {0} as the number {1}. Write {2}{3}.', source, v, quoted, (VERSION_VALUES as readonly string[]).includes(source) && !isLatest(source) ? l10n.t(' (or "0" for the latest version, {0})', LATEST) : ''),
        fixes: node ? [{ title: l10n.t('Quote the version: {0}', quoted), isPreferred: true, edits: [{ range: doc.rangeOf(node.value), newText: quoted }] }] : undefined,
        data: { version: source },
      });
    } else if (typeof v !== 'string') {
      findings.push({
        ruleId: 'publiccode/version-not-string',
        pointer: '/publiccodeYmlVersion',
        message: l10n.t('publiccodeYmlVersion must be a quoted string such as "0" (the latest 0.x); found {0}.', v === null ? l10n.t('nothing') : Array.isArray(v) ? l10n.t('a list') : typeof v === 'object' ? l10n.t('a mapping') : typeof v === 'number' ? l10n.t('the number {0}', v) : typeof v === 'boolean' ? l10n.t('the boolean {0}', v) : l10n.t('the {0} {1}', typeof v, String(v))),
        fixes: node ? [{ title: l10n.t('Write "0" (the latest 0.x)'), edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
      });
    } else {
      if ((VERSION_VALUES_1 as readonly string[]).includes(v)) {
        findings.push({
          ruleId: 'publiccode/release-candidate',
          pointer: '/publiccodeYmlVersion',
          message: l10n.t('publiccodeYmlVersion {0} declares publiccode.yml 1.0, which is still a release candidate: the released reference validator (publiccode-parser-go 5.x) and the catalogues that use it reject version {0} ("unsupported version"). This file is checked against the 1.0 release candidate; write "0" if it must be accepted by catalogues today.', JSON.stringify(v)),
          fixes: node ? [{ title: l10n.t('Use "0" (the latest 0.x, accepted by catalogues today)'), edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
          data: { version: v },
        });
      } else if (!(VERSION_VALUES as readonly string[]).includes(v)) {
        const legacy = /^0\.1(\.0)?$/.test(v);
        const hint = legacy ? l10n.t(' 0.1 was the first draft (its version key was publiccode-yaml-version); a file that uses publiccodeYmlVersion already follows 0.2 or later, so write "0" (the latest 0.x).') : isVersion1(v) ? l10n.t(' For the 1.0 release candidate write "1".') : l10n.t(' Use "0" for the latest 0.x release.');
        findings.push({
          ruleId: 'publiccode/unsupported-version',
          pointer: '/publiccodeYmlVersion',
          message: l10n.t('Unsupported publiccodeYmlVersion {0}; the supported versions are {1}.{2}', JSON.stringify(v), supportedList(), hint),
          fixes: node
            ? [{ title: isVersion1(v) ? l10n.t('Use "1" (the 1.0 release candidate)') : l10n.t('Use "0" (the latest 0.x)'), isPreferred: legacy || undefined, edits: [{ range: doc.rangeOf(node.value), newText: isVersion1(v) ? '"1"' : '"0"' }] }]
            : undefined,
          data: { version: v, supported: [...VERSION_VALUES, ...VERSION_VALUES_1] },
        });
      } else if (!isLatest(v)) {
        findings.push({
          ruleId: 'publiccode/old-version',
          pointer: '/publiccodeYmlVersion',
          message: l10n.t('v{0} is not the latest version of publiccode.yml; use "0" (always the latest 0.x, now {1}). Catalogues and the reference validator check every file against {1}.', v, LATEST),
          fixes: node ? [{ title: l10n.t('Use "0" (the latest 0.x)'), isPreferred: true, edits: [{ range: doc.rangeOf(node.value), newText: '"0"' }] }] : undefined,
          data: { version: v, latest: LATEST },
        });
      }
    }
  } else if (isObject(value)) {
    const legacy = legacyVersionKey(value);
    if (legacy) {
      const legacyPointer = `/${legacy.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      const node = doc.nodes.get(legacyPointer);
      const fixes =
        node?.key && node.value
          ? [{
              title: l10n.t('Replace with publiccodeYmlVersion: "0"'),
              isPreferred: true,
              edits: [{ range: doc.rangeOf({ start: node.key.start, end: Math.max(node.key.end, node.value.end) }), newText: 'publiccodeYmlVersion: "0"' }],
            }]
          : undefined;
      findings.push({
        ruleId: 'publiccode/legacy-version-key',
        // Reported as the missing publiccodeYmlVersion (one finding, not two), underlined on the old key.
        pointer: '/publiccodeYmlVersion',
        on: 'key',
        message: l10n.t('{0} is not a publiccode.yml key{1}. Write publiccodeYmlVersion: "0" (a quoted string; "0" means the latest 0.x). The rest of this file is checked against the latest 0.x: what it reports is what to change for that.', legacy, legacy === 'publiccode-yaml-version' ? l10n.t(' (it was the version key of the 0.1 draft; since 0.2 the key is publiccodeYmlVersion)') : l10n.t('; the version key is spelled publiccodeYmlVersion')),
        fixes,
        data: node?.key ? { offsets: node.key, legacyKey: legacy } : { legacyKey: legacy },
      });
    }
  }
  return { schemaId, findings };
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
  schemas: { [SCHEMA_ID]: schema0 as object, [SCHEMA_ID_1]: schema1 as object },
  schemaRulePrefix: 'publiccode',
  rules: publiccodeRules,
  // A missing key is underlined where it belongs: on the first key of the mapping that lacks it, the
  // line the reference validator (and so CI) reports.
  missingKeyAt: 'first-key-inside',
};

export { normalizeVersion };
