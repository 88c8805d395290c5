// publiccode.yml checks that a JSON Schema cannot express: the ones the reference validator
// (italia/publiccode-parser-go) makes beyond its struct tags, and a few more that the spec implies.
// Every rule reports through ctx.report; ranges come from the pointer. File checks use the injected
// Workspace and skip silently without one. No network.

import type { NodeInfo, ParsedDocument } from '../../document';
import { suggest } from '../../messages';
import { valueAt } from '../../pointer';
import type { Rule, RuleContext, RuleMeta } from '../../standard';
import { each, entries, get, isObj, keyFix, nodesMatching, ownValue, place, ptr, q, valueFix, yamlString, type Obj, M } from '../../rules/kit';
import { checkLanguageTag } from '../../rules/bcp47';
import { explainInvalidDate, hasDateShape, isCalendarDate } from '../../rules/dates';
import { graphemeCount } from '../../rules/graphemes';
import { checkCountryCode } from '../../rules/iso3166';
import { checkSpdxExpression } from '../../rules/spdx';
import { isAbsoluteUrlWithHost, isHttpUrl, isUrn, parseAbsoluteUrl, pathExtension, suggestUrlFix } from '../../rules/urls';
import { oembedProvider } from './oembed';
import { declared0x, deprecations, isV1, italianSectionFix, italianSectionReplacement, renamedKeys } from './migrations';
import { removeItemFix } from './edits';
import { IPA_LIST_DATE, isKnownIpaCode, italianPaCode } from './ipa';
import { droppedByReferenceParser } from './decoder';
import {
  CATEGORIES,
  KEYS_SINCE,
  LATEST,
  SOFTWARE_TYPES,
  SCOPES_REMOVED_IN_1,
  SOFTWARE_TYPE_ALIASES,
  SUPPORT_ALIASES,
  compareVersions,
} from './vocabulary';
import * as l10n from '../../l10n';

// ------------------------------------------------------------------------------------------ helpers

/** The declared 0.x version, normalised (`0` → `0.7`), or the latest when unknown (or 1.0). */
function declaredVersion(ctx: RuleContext): string {
  return declared0x(ctx);
}

const DEPENDENCY_KINDS = ['open', 'proprietary', 'hardware'] as const;

// ------------------------------------------------------------------------------------------ meta


// ------------------------------------------------------------------------------------ version ids

/** Reported while choosing the schema (index.ts chooseSchema); listed here so they have metadata. */
const versionDispatch: Rule = {
  meta: [
    M('publiccode/unsupported-version', 'error', 'publiccodeYmlVersion names a version that does not exist'),
    M('publiccode/version-not-string', 'error', 'publiccodeYmlVersion is written as a YAML number instead of a quoted string'),
    M('publiccode/old-version', 'warning', 'publiccodeYmlVersion is not the latest 0.x version'),
    M('publiccode/legacy-version-key', 'error', 'The version is declared with the 0.1 key instead of publiccodeYmlVersion'),
    M('publiccode/release-candidate', 'warning', 'The file declares publiccode.yml 1.0, a release candidate that catalogues do not accept yet'),
  ],
  run: () => undefined,
};

// --------------------------------------------------------------------------------- document-level

const singleDocument: Rule = {
  meta: [M('publiccode/multiple-documents', 'error', 'The file holds more than one YAML document')],
  run(ctx) {
    const { doc } = ctx;
    if (doc.format !== 'yaml' || doc.documentCount <= 1) return;
    const start = doc.extraDocumentOffsets[0] ?? 0;
    const nl = doc.text.indexOf('\n', start);
    const end = nl === -1 ? doc.text.length : nl;
    ctx.report({
      ruleId: 'publiccode/multiple-documents',
      pointer: '',
      message: l10n.t('This file holds {0} YAML documents (the second one starts here); publiccode.yml must be a single document. Remove the --- separator and what follows it, or merge the content into the first document.', doc.documentCount),
      data: { offsets: { start, end: Math.max(end, start) }, documentCount: doc.documentCount },
    });
  },
};

const encoding: Rule = {
  meta: [M('publiccode/encoding', 'error', 'The file is not valid UTF-8 (it contains replacement characters)')],
  run(ctx) {
    const at = ctx.doc.text.indexOf('\uFFFD');
    if (at === -1) return;
    const count = ctx.doc.text.split('\uFFFD').length - 1;
    ctx.report({
      ruleId: 'publiccode/encoding',
      pointer: '',
      message: (count === 1 ? l10n.t('The file contains 1 replacement character (U+FFFD), the mark of bytes that are not valid UTF-8: it was probably saved as Latin-1 or Windows-1252.') : l10n.t('The file contains {0} replacement characters (U+FFFD), the mark of bytes that are not valid UTF-8: it was probably saved as Latin-1 or Windows-1252.', count))
        + ` ${l10n.t('publiccode.yml must be UTF-8 (since 0.2.2); re-save the file as UTF-8 and check the accented letters.')}`,
      data: { offsets: { start: at, end: at + 1 } },
    });
  },
};

// ------------------------------------------------------------------------------------ YAML typing

const BOOLEAN_POINTERS = [
  /^\/localisation\/localisationReady$/,
  /^\/dependsOn\/(open|proprietary|hardware)\/\d+\/optional$/,
  /^\/(IT|it)\/conforme\/(lineeGuidaDesign|modelloInteroperabilita|misureMinimeSicurezza|gdpr)$/,
  /^\/(IT|it)\/piattaforme\/(spid|cie|anpr|pagopa|io)$/,
];
const YAML11_TRUE = /^(y|Y|yes|Yes|YES|on|On|ON)$/;
const YAML11_FALSE = /^(n|N|no|No|NO|off|Off|OFF)$/;

const booleanAsText: Rule = {
  meta: [M('publiccode/boolean-as-text', 'error', 'A true/false key holds text (yes/no/on/off, or a quoted "true")')],
  run(ctx) {
    for (const re of BOOLEAN_POINTERS) {
      for (const [pointer, info] of nodesMatching(ctx.doc, re)) {
        const v = valueAt(ctx.value, pointer);
        if (typeof v !== 'string') continue;
        let truth: boolean | undefined;
        let why: string | undefined;
        if (info.style === 'plain' && (YAML11_TRUE.test(v) || YAML11_FALSE.test(v))) {
          truth = YAML11_TRUE.test(v);
          why = l10n.t('{0} is text in YAML 1.2, which publiccode.yml uses (only YAML 1.1 read it as a boolean)', v);
        } else if (info.style !== 'plain' && /^(true|false)$/i.test(v)) {
          truth = v.toLowerCase() === 'true';
          why = l10n.t('{0} in quotes is text, not a boolean', JSON.stringify(v));
        } else if (info.style !== 'plain' && (YAML11_TRUE.test(v) || YAML11_FALSE.test(v))) {
          truth = YAML11_TRUE.test(v);
          why = l10n.t('{0} is text', JSON.stringify(v));
        }
        if (truth === undefined || !why) continue;
        ctx.report({
          ruleId: 'publiccode/boolean-as-text',
          pointer,
          message: l10n.t('{0} must be true or false; {1}. Write {2}.', place(pointer), why, truth),
          fixes: valueFix(ctx.doc, pointer, String(truth), l10n.t('Write {0}', truth)),
          data: { expected: 'boolean', value: truth },
        });
      }
    }
  },
};

const NUMBER_POINTERS: { re: RegExp; what: string; onlyFor?: string[] }[] = [
  { re: /^\/softwareVersion$/, what: 'a version' },
  // An enum of strings: only its values written unquoted get this (error) finding; others get the enum's.
  { re: /^\/(IT|it)\/countryExtensionVersion$/, what: 'a version', onlyFor: ['0.2', '1.0'] },
  { re: /^\/dependsOn\/(open|proprietary|hardware)\/\d+\/(version|versionMin|versionMax)$/, what: 'a version' },
  { re: /^\/maintenance\/contacts\/\d+\/phone$/, what: 'a phone number' },
];

const numberAsText: Rule = {
  meta: [M('publiccode/number-as-text', 'warning', 'A version or phone number is written as a YAML number instead of a string')],
  run(ctx) {
    for (const { re, what, onlyFor } of NUMBER_POINTERS) {
      for (const [pointer, info] of nodesMatching(ctx.doc, re)) {
        const v = valueAt(ctx.value, pointer);
        if (typeof v !== 'number' || !info.source) continue;
        const source = info.source.trim();
        if (onlyFor && !onlyFor.includes(source)) continue;
        const lost = String(v) !== source;
        const phoneIn1 = what === 'a phone number' && isV1(ctx);
        ctx.report({
          ruleId: 'publiccode/number-as-text',
          pointer,
          message: l10n.t('{0} is {1}, but unquoted {2} is a YAML number{3}; write it as a string in quotes: {4}.', place(pointer), what, source, lost ? l10n.t(' and is read as {0}', v) : '', JSON.stringify(source)),
          fixes: valueFix(ctx.doc, pointer, JSON.stringify(source), l10n.t('Quote it: {0}', JSON.stringify(source))),
          severity: onlyFor || phoneIn1 ? 'error' : undefined,
          data: { source, value: v },
        });
      }
    }
  },
};

const platformsList: Rule = {
  meta: [M('publiccode/platforms-not-list', 'error', 'platforms is a single text instead of a list')],
  run(ctx) {
    const v = get(ctx.value, 'platforms');
    if (typeof v !== 'string') return;
    const items = v.split(',').map((s) => s.trim()).filter(Boolean);
    const flow = `[${items.map((s) => (/^[\w./-]+$/.test(s) ? s : JSON.stringify(s))).join(', ')}]`;
    ctx.report({
      ruleId: 'publiccode/platforms-not-list',
      pointer: '/platforms',
      message: l10n.t('platforms must be a list, even with a single platform; found the text {0}. Write platforms: {1} (or one "- item" per line).', q(v), flow),
      fixes: valueFix(ctx.doc, '/platforms', flow, l10n.t('Make it a list: {0}', flow)),
    });
  },
};

// ----------------------------------------------------------------------------------------- legal

const license: Rule = {
  meta: [
    M('spdx/invalid-expression', 'error', 'The license is not a valid SPDX license expression'),
    M('spdx/deprecated-license', 'warning', 'The license uses a deprecated SPDX identifier'),
    M('spdx/identifier-case', 'warning', 'An SPDX identifier is not written in its canonical case'),
  ],
  run(ctx) {
    const v = get(ctx.value, 'legal', 'license');
    if (typeof v !== 'string') return;
    const pointer = '/legal/license';
    const info = ctx.doc.nodes.get(pointer);
    if (v.trim() === '') return; // the schema reports the empty value
    const r = checkSpdxExpression(v);
    if (!r.valid) {
      const unknown = r.unknown.filter((u) => !/^[()]+$/.test(u));
      const detail = unknown.length ? (unknown.length === 1 ? l10n.t('{0} is not an SPDX license identifier', q(unknown[0])) : l10n.t('{0} are not SPDX license identifiers', `${unknown.slice(0, 3).map((u) => q(u)).join(', ')}${unknown.length > 3 ? ', …' : ''}`)) : l10n.t('the identifiers are known, but they are not combined with AND, OR, WITH and parentheses correctly');
      ctx.report({
        ruleId: 'spdx/invalid-expression',
        pointer,
        message: l10n.t('legal.license {0} is not a valid SPDX license expression: {1}.{2} Use identifiers from https://spdx.org/licenses/ (for example AGPL-3.0-or-later or EUPL-1.2), combined with AND, OR and WITH.', q(v), detail, r.suggestion ? l10n.t(' Did you mean {0}?', q(r.suggestion)) : ''),
        fixes: r.suggestion ? valueFix(ctx.doc, pointer, yamlString(r.suggestion, info), l10n.t('Replace with {0}', r.suggestion)) : undefined,
        data: { suggestion: r.suggestion, unknown: r.unknown },
      });
      return;
    }
    if (r.canonicalCase) {
      ctx.report({
        ruleId: 'spdx/identifier-case',
        pointer,
        message: l10n.t('legal.license {0} is valid, but SPDX identifiers have a canonical spelling: write {1}.', q(v), q(r.canonicalCase)),
        fixes: valueFix(ctx.doc, pointer, yamlString(r.canonicalCase, info), l10n.t('Write {0}', r.canonicalCase)),
        data: { canonical: r.canonicalCase },
      });
    }
    for (const d of r.deprecated) {
      const instead = ` ${d.replacements.length ? l10n.t('Use {0} instead.', d.replacements.map((x) => q(x)).join(` ${l10n.t('or')} `)) : l10n.t('See https://spdx.org/licenses/ for its replacement.')}`;
      ctx.report({
        ruleId: 'spdx/deprecated-license',
        pointer,
        message: l10n.t('legal.license uses {0}, an SPDX identifier deprecated because it is ambiguous.{1}', q(d.id), instead),
        fixes:
          d.replacements.length && r.deprecated.length === 1 && !r.canonicalCase
            ? d.replacements.flatMap((rep, i) => {
                const next = v.replace(d.id, rep);
                return valueFix(ctx.doc, pointer, yamlString(next, info), l10n.t('Use {0}', rep), i === 0) ?? [];
              })
            : undefined,
        data: { id: d.id, replacements: d.replacements },
      });
    }
  },
};

// -------------------------------------------------------------------------------------- languages

const languages: Rule = {
  meta: [
    M('bcp47/invalid-tag', 'error', 'A language is not a valid BCP 47 language tag'),
    M('bcp47/deprecated-tag', 'warning', 'A language tag is deprecated in the IANA registry'),
  ],
  run(ctx) {
    const check = (tag: string, pointer: string, on: 'key' | 'value', what: string) => {
      const r = checkLanguageTag(tag);
      if (r.valid) {
        if (r.deprecated) {
          ctx.report({
            ruleId: 'bcp47/deprecated-tag',
            pointer,
            on,
            message: l10n.t('{0} {1} is a deprecated language tag{2}.', what, q(tag), r.deprecated.preferred ? l10n.t('; write {0}', q(r.deprecated.preferred)) : ''),
            fixes: r.deprecated.preferred
              ? on === 'key'
                ? keyFix(ctx.doc, pointer, r.deprecated.preferred, l10n.t('Rename to {0}', r.deprecated.preferred))
                : valueFix(ctx.doc, pointer, r.deprecated.preferred, l10n.t('Write {0}', r.deprecated.preferred))
              : undefined,
          });
        }
        return;
      }
      ctx.report({
        ruleId: 'bcp47/invalid-tag',
        pointer,
        on,
        message: l10n.t('{0} {1} is not a valid BCP 47 language tag: {2}.{3}', what, q(tag), r.reason, r.suggestion ? l10n.t(' Did you mean {0}?', q(r.suggestion)) : l10n.t(' Use a tag such as en, it, de or en-GB.')),
        fixes: r.suggestion
          ? on === 'key'
            ? keyFix(ctx.doc, pointer, r.suggestion, l10n.t('Rename to {0}', r.suggestion))
            : valueFix(ctx.doc, pointer, r.suggestion, l10n.t('Write {0}', r.suggestion))
          : undefined,
        data: { suggestion: r.suggestion },
      });
    };
    for (const [lang] of entries(get(ctx.value, 'description'))) {
      check(lang, ptr('description', lang), 'key', 'The description language');
    }
    each(get(ctx.value, 'localisation', 'availableLanguages'), (item, i) => {
      if (typeof item === 'string') check(item, ptr('localisation', 'availableLanguages', i), 'value', `localisation.availableLanguages[${i}]`);
    });
  },
};

// -------------------------------------------------------------------------------------- countries

const countries: Rule = {
  meta: [
    M('iso3166/invalid-country', 'error', 'A country is not an ISO 3166-1 alpha-2 code'),
    M('publiccode/lowercase-country', 'warning', 'A country code is lowercase (deprecated since 0.5, an error in 1.0)'),
  ],
  run(ctx) {
    const v1 = isV1(ctx);
    for (const list of ['countries', 'unsupportedCountries']) {
      each(get(ctx.value, 'intendedAudience', list), (item, i) => {
        if (typeof item !== 'string') return;
        const pointer = ptr('intendedAudience', list, i);
        const r = checkCountryCode(item);
        if (r.status === 'valid') return;
        if (r.status === 'lowercase') {
          ctx.report({
            ruleId: 'publiccode/lowercase-country',
            pointer,
            message: v1 ? l10n.t('publiccode.yml 1.0 accepts only uppercase country codes (lowercase ones were deprecated in 0.5): write {0} ({1}) instead of {2}.', q(r.code), r.name, q(item)) : l10n.t('Lowercase country codes are deprecated since publiccode.yml 0.5: write {0} ({1}) instead of {2}.', q(r.code), r.name, q(item)),
            severity: v1 ? 'error' : undefined,
            fixes: valueFix(ctx.doc, pointer, r.code, l10n.t('Write {0}', r.code)),
            data: { code: r.code },
          });
          return;
        }
        ctx.report({
          ruleId: 'iso3166/invalid-country',
          pointer,
          message: l10n.t('intendedAudience.{0}[{1}] {2} is not an ISO 3166-1 alpha-2 country code.{3} Use the two-letter uppercase code, such as IT, DE or FR.', list, i, q(item), r.suggestion ? l10n.t(' Did you mean {0}?', q(r.suggestion)) : ''),
          fixes: r.suggestion ? valueFix(ctx.doc, pointer, r.suggestion, l10n.t('Write {0}', r.suggestion)) : undefined,
          data: { suggestion: r.suggestion },
        });
      });
    }
  },
};

// ------------------------------------------------------------------------------- 1.0 value changes

/** E.164: a +, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9]\d{1,14}$/;

/** The number in E.164 form when only separators (spaces, dashes, dots, parentheses, a trunk "(0)") or a 00 prefix stand in the way. */
export function toE164(phone: string): string | undefined {
  let compact = phone.trim().replace(/\(0\)/g, '').replace(/[\s().\-/]/g, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  return E164.test(compact) ? compact : undefined;
}

const phoneE164: Rule = {
  meta: [M('publiccode/phone-e164', 'error', 'A contact phone number is not in E.164 form, which publiccode.yml 1.0 requires')],
  run(ctx) {
    if (!isV1(ctx)) return;
    each(get(ctx.value, 'maintenance', 'contacts'), (contact, i) => {
      const phone = get(contact, 'phone');
      if (typeof phone !== 'string' || E164.test(phone)) return;
      const pointer = ptr('maintenance', 'contacts', i, 'phone');
      const fixed = toE164(phone);
      const local = !fixed && !/^\s*(\+|00)/.test(phone);
      ctx.report({
        ruleId: 'publiccode/phone-e164',
        pointer,
        message: l10n.t('maintenance.contacts[{0}].phone {1} is not an E.164 number, which publiccode.yml 1.0 requires: a + and the country code, then the number, digits only (no spaces or separators), at most 15 digits.{2}', i, q(phone), fixed ? l10n.t(' Write {0}.', q(fixed)) : local ? l10n.t(' Add the international prefix (such as +39 for Italy) and remove the separators.') : ''),
        fixes: fixed ? valueFix(ctx.doc, pointer, JSON.stringify(fixed), l10n.t('Write {0}', fixed)) : undefined,
        data: { suggestion: fixed },
      });
    });
  },
};

const removedValues: Rule = {
  meta: [M('publiccode/removed-value', 'error', 'A list value that publiccode.yml 1.0 removed (the government scope)')],
  run(ctx) {
    if (!isV1(ctx)) return;
    each(get(ctx.value, 'intendedAudience', 'scope'), (item, i) => {
      if (typeof item !== 'string' || !Object.prototype.hasOwnProperty.call(SCOPES_REMOVED_IN_1, item)) return;
      const pointer = ptr('intendedAudience', 'scope', i);
      ctx.report({
        ruleId: 'publiccode/removed-value',
        pointer,
        message: l10n.t('The scope {0} was removed in publiccode.yml 1.0: {1}. Remove it, or pick the fields the software serves (such as local-authorities, welfare or justice).', q(item), SCOPES_REMOVED_IN_1[item]),
        fixes: removeItemFix(ctx.doc, pointer, l10n.t('Remove {0}', item)),
        data: { removedIn: '1.0' },
      });
    });
  },
};

const yamlVersion: Rule = {
  meta: [M('publiccode/yaml-version', 'warning', 'A %YAML directive asks for YAML 1.1 (publiccode.yml is YAML 1.2; an error in 1.0)')],
  run(ctx) {
    if (ctx.doc.format !== 'yaml') return;
    const m = /^%YAML[ \t]+(1\.[01])\b.*$/m.exec(ctx.doc.text);
    if (!m) return;
    const firstContent = ctx.doc.text.search(/^(?!%|#|\s*$)/m);
    if (firstContent !== -1 && m.index > firstContent) return; // a directive only counts before the document
    const v1 = isV1(ctx);
    const nl = ctx.doc.text.indexOf('\n', m.index);
    const lineEnd = nl === -1 ? ctx.doc.text.length : nl + 1;
    ctx.report({
      ruleId: 'publiccode/yaml-version',
      pointer: '',
      severity: v1 ? 'error' : undefined,
      message: l10n.t('%YAML {0} asks for YAML {0}, but publiccode.yml is YAML 1.2 (specified since 0.3{1}). Under this directive some tools read yes/no/on/off as booleans and numbers such as 0755 as octal, while YAML 1.2 tools, the reference validator among them, do not. Remove the directive and write true/false.', m[1], v1 ? l10n.t(', and required by 1.0') : ''),
      fixes: [{ title: l10n.t('Remove the %YAML directive'), isPreferred: true, edits: [{ range: ctx.doc.rangeOf({ start: m.index, end: lineEnd }), newText: '' }] }],
      data: { offsets: { start: m.index, end: m.index + m[0].length } },
    });
  },
};

// -------------------------------------------------------------------------------- version mismatch

const newerThanVersion: Rule = {
  meta: [M('publiccode/newer-than-version', 'information', 'A key or value is newer than the version the file declares')],
  run(ctx) {
    const declared = declaredVersion(ctx);
    if (compareVersions(declared, LATEST) >= 0) return;
    const written = ctx.detection.version;
    for (const k of KEYS_SINCE) {
      for (const [pointer, info] of nodesMatching(ctx.doc, k.pointer)) {
        if (!info.key || compareVersions(k.since, declared) <= 0) continue;
        ctx.report({
          ruleId: 'publiccode/newer-than-version',
          pointer,
          on: 'key',
          message: l10n.t('{0} was added in publiccode.yml {1}, but this file declares {2}; set publiccodeYmlVersion: "0" (the latest, {3}).', k.path, k.since, written, LATEST),
          data: { since: k.since, declared: written },
        });
      }
    }
    const since = new Map(CATEGORIES.map((c) => [c.name, c.since]));
    each(get(ctx.value, 'categories'), (item, i) => {
      if (typeof item !== 'string') return;
      const s = since.get(item);
      if (!s || compareVersions(s, declared) <= 0) return;
      ctx.report({
        ruleId: 'publiccode/newer-than-version',
        pointer: ptr('categories', i),
        message: l10n.t('The category {0} was added in publiccode.yml {1}, but this file declares {2}; set publiccodeYmlVersion: "0" (the latest, {3}).', q(item), s, written, LATEST),
        data: { since: s, declared: written },
      });
    });
  },
};

// ---------------------------------------------------------------------------------- description

const LENGTHS: { key: string; min?: number; max?: number; advice: () => string }[] = [
  { key: 'shortDescription', max: 150, advice: () => l10n.t('Keep it to one short sentence; put the details in longDescription.') },
  { key: 'longDescription', min: 150, max: 10000, advice: () => l10n.t('Describe what the software does for its users in 150 to 10000 characters.') },
  { key: 'genericName', max: 35, advice: () => l10n.t('The key is deprecated: you can also drop it.') },
];

const textLength: Rule = {
  meta: [M('publiccode/text-length', 'error', 'A description text is too short or too long (counted in user-perceived characters)')],
  run(ctx) {
    for (const [lang, desc] of entries(get(ctx.value, 'description'))) {
      for (const l of LENGTHS) {
        const text = get(desc, l.key);
        if (typeof text !== 'string') continue;
        if (l.key === 'shortDescription' && text === '') continue; // the schema reports an empty value
        const n = graphemeCount(text);
        const pointer = ptr('description', lang, l.key);
        let bound: string | undefined;
        const range = l.min !== undefined && l.max !== undefined ? ` ${l10n.t('(between {0} and {1})', l.min, l.max)}` : '';
        if (l.min !== undefined && n < l.min) bound = (n === 1 ? l10n.t('{0} is {1} character long; it must be at least {2}', place(pointer), n, l.min) : l10n.t('{0} is {1} characters long; it must be at least {2}', place(pointer), n, l.min)) + range;
        else if (l.max !== undefined && n > l.max) bound = (n === 1 ? l10n.t('{0} is {1} character long; it must be at most {2}', place(pointer), n, l.max) : l10n.t('{0} is {1} characters long; it must be at most {2}', place(pointer), n, l.max)) + range;
        if (!bound) continue;
        ctx.report({
          ruleId: 'publiccode/text-length',
          pointer,
          message: `${bound}. ${l.advice()}`,
          data: { length: n, min: l.min, max: l.max },
        });
      }
    }
  },
};

const descriptionComplete: Rule = {
  meta: [M('publiccode/description-incomplete', 'error', 'longDescription or features is missing from a description language')],
  run(ctx) {
    const langs = entries(get(ctx.value, 'description')).filter(([, d]) => isObj(d)) as [string, Obj][];
    if (langs.length === 0) return;
    for (const key of ['longDescription', 'features']) {
      const having = langs.filter(([, d]) => key in d).map(([l]) => l);
      for (const [lang, d] of langs) {
        if (key in d) continue;
        const pointer = ptr('description', lang, key);
        const none = having.length === 0;
        ctx.report({
          ruleId: 'publiccode/description-incomplete',
          pointer,
          on: 'key',
          severity: none ? 'error' : 'warning',
          message: none ? l10n.t('description.{0} has no {1}: it is mandatory (for at least one language, and the reference validator wants it in every language). {2}', lang, key, key === 'features' ? l10n.t('List the main features for users, one item each.') : l10n.t('Describe the software for its users in 150 to 10000 characters.')) : l10n.t('description.{0} has no {1} (description.{2} has one). The standard asks for it in at least one language, but the reference validator and the catalogues that use it reject a language without it: add it here too.', lang, key, having[0]),
          data: { missing: key, lang },
        });
      }
    }
  },
};

// ---------------------------------------------------------------------------------- maintenance

const maintenance: Rule = {
  meta: [
    M('publiccode/maintenance-contacts', 'error', 'maintenance.contacts is missing although maintenance.type requires it'),
    M('publiccode/maintenance-contractors', 'error', 'maintenance.contractors is missing for a contract, or present without one'),
  ],
  run(ctx) {
    const m = get(ctx.value, 'maintenance');
    if (!isObj(m)) return;
    const type = m.type;
    if (typeof type !== 'string') return;
    // A key required by the type and absent: underline `type: …`, the reason it is required.
    const typeInfo = ctx.doc.nodes.get('/maintenance/type');
    const atType = (key: string) => (!(key in m) && typeInfo?.key ? { offsets: { start: typeInfo.key.start, end: Math.max(typeInfo.key.end, typeInfo.value.end) } } : {});
    if ((type === 'internal' || type === 'community') && m.contacts == null) {
      ctx.report({
        ruleId: 'publiccode/maintenance-contacts',
        pointer: '/maintenance/contacts',
        on: 'key',
        message: l10n.t('maintenance.contacts is required when maintenance.type is {0}: list at least one person responsible for the software (name, and optionally email, phone and affiliation).', q(type)),
        data: { type, ...atType('contacts') },
      });
    }
    if (type === 'contract' && m.contractors == null) {
      ctx.report({
        ruleId: 'publiccode/maintenance-contractors',
        pointer: '/maintenance/contractors',
        on: 'key',
        message: l10n.t('maintenance.contractors is required when maintenance.type is "contract": list the contractors (name and until, the end date of the contract, as YYYY-MM-DD).'),
        data: { type, ...atType('contractors') },
      });
    }
    if (type !== 'contract' && 'contractors' in m) {
      const declared = ctx.detection.version;
      const older = compareVersions(declaredVersion(ctx), '0.5') < 0;
      ctx.report({
        ruleId: 'publiccode/maintenance-contractors',
        pointer: '/maintenance/contractors',
        on: 'key',
        message: l10n.t('maintenance.contractors is only allowed when maintenance.type is "contract" (it is {0}). Remove the contractors, or set the type to "contract"{1}.{2}', q(type), type === 'community' || type === 'internal' ? l10n.t(' and keep the people in contacts') : '', older ? l10n.t(' Your file declares {0}, which allowed it; publiccode.yml 0.5 and later (and the reference validator, which checks every file as {1}) do not.', declared, LATEST) : ''),
        data: { type },
      });
    }
  },
};

// --------------------------------------------------------------------------------- country sections

const countrySections: Rule = {
  meta: [
    M('publiccode/duplicate-country-section', 'error', 'Both it and IT sections are present'),
    M('publiccode/country-section-deprecated', 'information', 'Country sections are deprecated since 0.7 in favour of supports and organisation'),
  ],
  run(ctx) {
    const v = ctx.value;
    if (!isObj(v)) return;
    if (isV1(ctx)) return; // 1.0 removed country sections: publiccode/removed-key reports them
    if ('it' in v && 'IT' in v) {
      ctx.report({
        ruleId: 'publiccode/duplicate-country-section',
        pointer: '/it',
        on: 'key',
        message: l10n.t('Both it and IT are present; they are the same (Italian) section and the reference validator reads only IT. Move anything missing from IT into it, then remove the lowercase it section.'),
      });
    }
    if ('IT' in v && compareVersions(declaredVersion(ctx), '0.7') >= 0) {
      const { aliases, ipa } = italianSectionReplacement(v, 'IT');
      const parts: string[] = [];
      if (aliases.length) parts.push(`supports: [${aliases.map((a) => `{id: "${a}"}`).join(', ')}]`);
      if (ipa) parts.push(`organisation.uri: "urn:x-italian-pa:${ipa}"`);
      ctx.report({
        ruleId: 'publiccode/country-section-deprecated',
        pointer: '/IT',
        on: 'key',
        message: l10n.t('Country sections, including IT, are deprecated since publiccode.yml 0.7 and removed in 1.0; use supports (alias:spid, alias:cie, alias:anpr, alias:pagopa, alias:io, alias:gdpr) and organisation instead.{0}', parts.length ? l10n.t(' For this file: {0}.', parts.join('; ')) : ''),
        fixes: 'it' in v ? undefined : italianSectionFix(ctx.doc, v, 'IT'),
        data: { aliases, ipa },
      });
    }
  },
};

/** Top-level keys the schema rejects that deserve a specific explanation: x- extensions, other countries. */
const foreignKeys: Rule = {
  meta: [
    M('publiccode/extension-key', 'error', 'An x- extension key: publiccode.yml has no extension mechanism'),
    M('publiccode/unknown-country-section', 'error', 'A country section other than IT: only the Italian one is defined'),
  ],
  run(ctx) {
    for (const key of Object.keys(isObj(ctx.value) ? ctx.value : {})) {
      const pointer = ptr(key);
      if (/^x-/i.test(key)) {
        ctx.report({
          ruleId: 'publiccode/extension-key',
          pointer,
          on: 'key',
          message: l10n.t('{0} is not a publiccode.yml key: the standard has no x- extension keys, and the reference validator and the catalogues reject files that contain them. Keep this data in another file of the repository.', key),
        });
        continue;
      }
      if (key === 'IT' || key === 'it' || !/^([a-z]{2}|[A-Z]{2})$/.test(key)) continue;
      if (checkCountryCode(key.toUpperCase()).status !== 'valid') continue;
      ctx.report({
        ruleId: 'publiccode/unknown-country-section',
        pointer,
        on: 'key',
        message: l10n.t('{0} looks like a country (or language) section, but publiccode.yml has none: it defines only the Italian country section (IT), deprecated since 0.7 in favour of supports and organisation. Texts in a language go under description.<language>; other data belongs in another file.', key),
      });
    }
  },
};

// ----------------------------------------------------------------------------------- vocabularies

const softwareType: Rule = {
  meta: [M('publiccode/software-type', 'error', 'softwareType uses a name that maps to one of the allowed values')],
  run(ctx) {
    const v = get(ctx.value, 'softwareType');
    if (typeof v !== 'string' || SOFTWARE_TYPES.includes(v)) return;
    const mapped = ownValue(SOFTWARE_TYPE_ALIASES, v.trim().toLowerCase()) ?? SOFTWARE_TYPES.find((t) => t.toLowerCase() === v.trim().toLowerCase());
    if (!mapped) return; // the schema lists the allowed values
    ctx.report({
      ruleId: 'publiccode/software-type',
      pointer: '/softwareType',
      message: l10n.t('softwareType {0} is not one of the allowed values; write {1}. The values are {2}.', q(v), q(mapped), SOFTWARE_TYPES.join(', ')),
      fixes: valueFix(ctx.doc, '/softwareType', JSON.stringify(mapped), l10n.t('Write {0}', mapped)),
      data: { suggestion: mapped },
    });
  },
};

const supports: Rule = {
  meta: [M('publiccode/unknown-alias', 'error', 'A supports id names an alias that does not exist')],
  run(ctx) {
    const names = Object.keys(SUPPORT_ALIASES);
    each(get(ctx.value, 'supports'), (item, i) => {
      const id = get(item, 'id');
      if (typeof id !== 'string') return;
      const m = /^alias:(.*)$/i.exec(id);
      if (!m) return;
      if (id.startsWith('alias:') && ownValue(SUPPORT_ALIASES, m[1])) return;
      const pointer = ptr('supports', i, 'id');
      const close = ownValue(SUPPORT_ALIASES, m[1].toLowerCase()) ? m[1].toLowerCase() : suggest(m[1], names);
      ctx.report({
        ruleId: 'publiccode/unknown-alias',
        pointer,
        message: l10n.t('supports[{0}].id {1} is not a known alias.{2} The aliases are {3}; for anything else use a URI that identifies it (such as https://eur-lex.europa.eu/eli/… or urn:…).', i, q(id), close ? l10n.t(' Did you mean "alias:{0}"?', close) : '', names.map((n) => l10n.t('alias:{0}', n)).join(', ')),
        fixes: close ? valueFix(ctx.doc, pointer, `alias:${close}`, l10n.t('Write alias:{0}', close)) : undefined,
        data: { suggestion: close ? `alias:${close}` : undefined, aliases: names },
      });
    });
  },
};

// ------------------------------------------------------------------------------------------- URIs

/** Pointers of the organisation URIs: organisation.uri and each fundedBy[].uri. */
function organisationUris(value: unknown): string[] {
  const out: string[] = [];
  if (isObj(get(value, 'organisation'))) out.push('/organisation/uri');
  each(get(value, 'fundedBy'), (_, i) => out.push(ptr('fundedBy', i, 'uri')));
  return out;
}

const organisationUri: Rule = {
  meta: [M('publiccode/organisation-uri', 'error', 'An organisation URI is neither an absolute URL with a host nor a URN')],
  run(ctx) {
    for (const pointer of organisationUris(ctx.value)) {
      const v = valueAt(ctx.value, pointer);
      if (typeof v !== 'string') continue;
      if (isAbsoluteUrlWithHost(v) || isUrn(v)) continue;
      const looksLikeIpa = /^[A-Za-z0-9_]{2,16}$/.test(v) && !/^\d+$/.test(v);
      const lowerUrn = /^urn:/i.test(v);
      ctx.report({
        ruleId: 'publiccode/organisation-uri',
        pointer,
        message: l10n.t('{0} {1} must be an absolute URL with a host (https://example.org/…) or a URN (urn:<namespace>:<id>, RFC 2141).{2}', place(pointer), q(v), looksLikeIpa ? l10n.t(' If {0} is an Italian iPA code, write "urn:x-italian-pa:{1}".', q(v), v) : lowerUrn ? l10n.t(' This URN is malformed: check the namespace and that the part after it is not empty.') : ''),
        fixes: looksLikeIpa ? valueFix(ctx.doc, pointer, `"urn:x-italian-pa:${v}"`, l10n.t('Write urn:x-italian-pa:{0}', v)) : undefined,
      });
    }
  },
};

/** Where an iPA code appears: organisation URIs as `urn:x-italian-pa:<code>`, and the 0.x Italian section. */
function ipaCodes(ctx: RuleContext): { pointer: string; code: string }[] {
  const out: { pointer: string; code: string }[] = [];
  for (const pointer of organisationUris(ctx.value)) {
    const v = valueAt(ctx.value, pointer);
    const code = typeof v === 'string' && isUrn(v) ? italianPaCode(v) : undefined;
    if (code) out.push({ pointer, code });
  }
  // 1.0 removed the Italian section (publiccode/removed-key reports it whole).
  if (!isV1(ctx)) {
    for (const section of ['IT', 'it']) {
      const code = get(ctx.value, section, 'riuso', 'codiceIPA');
      if (typeof code === 'string' && code !== '') out.push({ pointer: ptr(section, 'riuso', 'codiceIPA'), code });
    }
  }
  return out;
}

const unknownIpaCode: Rule = {
  meta: [M('publiccode/unknown-ipa-code', 'error', 'An Italian iPA code is not in the IndicePA list of public administrations')],
  run(ctx) {
    for (const { pointer, code } of ipaCodes(ctx)) {
      if (isKnownIpaCode(code)) continue;
      ctx.report({
        ruleId: 'publiccode/unknown-ipa-code',
        pointer,
        message: l10n.t(
          '{0}: {1} is not an iPA code in the IndicePA list of Italian public administrations bundled with this tool (retrieved {2}), and the reference validator (publiccode-parser-go) rejects codes it does not know. Look up the administration on https://indicepa.gov.it and use its "Codice IPA" (case does not matter). A very new administration may be missing from the bundled copy, which upstream refreshes weekly.',
          place(pointer),
          q(code),
          IPA_LIST_DATE,
        ),
        data: { code, listDate: IPA_LIST_DATE },
      });
    }
  },
};

const URL_POINTERS = [
  /^\/url$/,
  /^\/landingURL$/,
  /^\/roadmap$/,
  /^\/isBasedOn(\/\d+)?$/,
  /^\/description\/[^/]+\/(documentation|apiDocumentation)$/,
  /^\/description\/[^/]+\/videos\/\d+$/,
  /^\/maintenance\/contractors\/\d+\/website$/,
];

const malformedUrl: Rule = {
  meta: [M('publiccode/malformed-url', 'error', 'A URL is mistyped in a way that can be repaired (http;//, a stray space, no scheme)')],
  run(ctx) {
    for (const re of URL_POINTERS) {
      for (const [pointer, info] of nodesMatching(ctx.doc, re)) {
        const v = valueAt(ctx.value, pointer);
        if (typeof v !== 'string' || parseAbsoluteUrl(v)) continue;
        const fixed = suggestUrlFix(v);
        if (!fixed) continue;
        ctx.report({
          ruleId: 'publiccode/malformed-url',
          pointer,
          message: l10n.t('{0} {1} is not a valid URL; did you mean {2}?', place(pointer), q(v), q(fixed)),
          fixes: valueFix(ctx.doc, pointer, yamlString(fixed, info), l10n.t('Write {0}', fixed)),
          data: { suggestion: fixed },
        });
      }
    }
  },
};

const videos: Rule = {
  meta: [M('publiccode/video-oembed', 'error', 'A video URL is not from a known oEmbed provider')],
  run(ctx) {
    for (const [lang, desc] of entries(get(ctx.value, 'description'))) {
      each(get(desc, 'videos'), (item, i) => {
        if (typeof item !== 'string' || !isHttpUrl(item)) return; // the schema reports non-URLs
        if (oembedProvider(item)) return;
        ctx.report({
          ruleId: 'publiccode/video-oembed',
          pointer: ptr('description', lang, 'videos', i),
          message: l10n.t('{0} is not a video URL from a known oEmbed provider; publiccode.yml needs videos that catalogues can embed (YouTube, Vimeo, Dailymotion, PeerTube instances listed at oembed.com, …). Link the video page on such a platform.', q(item)),
        });
      });
    }
  },
};

// ------------------------------------------------------------------------------------------ dates

const dates: Rule = {
  meta: [M('publiccode/invalid-date', 'error', 'A date is not a real calendar day, or carries a time')],
  run(ctx) {
    const targets: string[] = ['/releaseDate'];
    each(get(ctx.value, 'maintenance', 'contractors'), (_, i) => targets.push(ptr('maintenance', 'contractors', i, 'until')));
    for (const pointer of targets) {
      const v = valueAt(ctx.value, pointer);
      if (typeof v !== 'string') continue;
      if (hasDateShape(v)) {
        const why = explainInvalidDate(v);
        if (!why) continue;
        ctx.report({ ruleId: 'publiccode/invalid-date', pointer, message: l10n.t('{0} {1} is not a real date: {2}. Write an existing day as YYYY-MM-DD.', place(pointer), q(v), why) });
        continue;
      }
      const m = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(v.trim());
      if (m && isCalendarDate(m[1])) {
        ctx.report({
          ruleId: 'publiccode/invalid-date',
          pointer,
          message: l10n.t('{0} must be a date only (YYYY-MM-DD), without a time; write {1}.', place(pointer), q(m[1])),
          fixes: valueFix(ctx.doc, pointer, JSON.stringify(m[1]), l10n.t('Write {0}', m[1])),
        });
      }
    }
  },
};

// ------------------------------------------------------------------------------------------ files

const LOGO_EXTENSIONS = ['.svg', '.svgz', '.png'];
const SCREENSHOT_EXTENSIONS = ['.jpg', '.jpeg', '.png'];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The reference validator's floor for PNG logos (the spec asks for 1000 px). */
const MIN_LOGO_WIDTH = 120;
const RECOMMENDED_LOGO_WIDTH = 1000;

interface FileRef {
  pointer: string;
  value: string;
  kind: 'logo' | 'screenshot' | 'authors';
}

function fileRefs(value: unknown): FileRef[] {
  const out: FileRef[] = [];
  for (const key of ['logo', 'monochromeLogo']) {
    const v = get(value, key);
    if (typeof v === 'string' && v !== '') out.push({ pointer: ptr(key), value: v, kind: 'logo' });
  }
  for (const [lang, desc] of entries(get(value, 'description'))) {
    each(get(desc, 'screenshots'), (item, i) => {
      if (typeof item === 'string' && item !== '') out.push({ pointer: ptr('description', lang, 'screenshots', i), value: item, kind: 'screenshot' });
    });
  }
  const authors = get(value, 'legal', 'authorsFile');
  if (typeof authors === 'string' && authors !== '') out.push({ pointer: '/legal/authorsFile', value: authors, kind: 'authors' });
  return out;
}

function pngWidth(bytes: Uint8Array): number | undefined {
  if (bytes.length < 24) return undefined;
  for (let i = 0; i < 8; i++) if (bytes[i] !== PNG_SIGNATURE[i]) return undefined;
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return undefined;
  return ((bytes[16] << 24) >>> 0) + (bytes[17] << 16) + (bytes[18] << 8) + bytes[19];
}

const files: Rule = {
  meta: [
    M('publiccode/absolute-path', 'error', 'A file reference is an absolute path or a file: URL'),
    M('publiccode/file-extension', 'error', 'A logo or screenshot has a file type the standard does not allow'),
    M('publiccode/missing-file', 'error', 'A referenced file does not exist in the repository'),
    M('publiccode/invalid-image', 'error', 'A PNG logo is not a PNG image, or is too narrow'),
  ],
  async run(ctx) {
    for (const ref of fileRefs(ctx.value)) {
      const { pointer, value: v, kind } = ref;
      const where = place(pointer);
      if (v.startsWith('/') || /^[A-Za-z]:[\\/]/.test(v) || v.startsWith('\\\\')) {
        ctx.report({ ruleId: 'publiccode/absolute-path', pointer, message: l10n.t('{0} {1} is an absolute path; only paths relative to the repository root (such as img/logo.svg) or http(s) URLs are allowed.', where, q(v)) });
        continue;
      }
      if (/^file:/i.test(v)) {
        ctx.report({ ruleId: 'publiccode/absolute-path', pointer, message: l10n.t('{0} {1} is a file:// URL; only paths relative to the repository root (such as img/logo.svg) or http(s) URLs are allowed.', where, q(v)) });
        continue;
      }
      const isUrl = parseAbsoluteUrl(v) !== undefined;
      const ext = pathExtension(v);
      const allowed = kind === 'logo' ? LOGO_EXTENSIONS : kind === 'screenshot' ? SCREENSHOT_EXTENSIONS : undefined;
      if (allowed && !allowed.includes(ext)) {
        ctx.report({
          ruleId: 'publiccode/file-extension',
          pointer,
          message: `${ext ? l10n.t('{0} {1} is a {2} file;', where, q(v), ext) : l10n.t('{0} {1} has no file extension;', where, q(v))} ${kind === 'logo' ? l10n.t('a logo must be SVG, SVGZ or PNG (.svg, .svgz, .png).') : l10n.t('a screenshot must be JPEG or PNG (.jpg, .jpeg, .png).')}`,
          data: { extension: ext, allowed },
        });
        continue;
      }
      if (isUrl || !ctx.workspace) continue; // remote files need the network; no workspace, no file checks
      const target = ctx.workspace.resolve(ctx.doc.uri, v);
      if (!target) {
        ctx.report({ ruleId: 'publiccode/missing-file', pointer, message: l10n.t('{0} {1} points outside the repository; files must be inside it, relative to its root.', where, q(v)) });
        continue;
      }
      if (!(await ctx.workspace.exists(target))) {
        ctx.report({
          ruleId: 'publiccode/missing-file',
          pointer,
          message: l10n.t('{0} {1} does not exist (looked for {2}). Check the path, relative to the repository root, and the case of the file name.', where, q(v), target),
          data: { resolved: target },
        });
        continue;
      }
      if (kind === 'logo' && ext === '.png') {
        const bytes = await ctx.workspace.readFile(target);
        if (!bytes) continue;
        const width = pngWidth(bytes);
        if (width === undefined) {
          ctx.report({ ruleId: 'publiccode/invalid-image', pointer, message: l10n.t('{0} {1} is not a valid PNG image (the file does not start with a PNG header). Export the logo again as PNG, or use SVG.', where, q(v)) });
        } else if (width < MIN_LOGO_WIDTH) {
          ctx.report({ ruleId: 'publiccode/invalid-image', pointer, message: l10n.t('{0} {1} is {2} px wide; a PNG logo must be at least {3} px wide (the spec asks for {4} px). Use a larger PNG, or SVG.', where, q(v), width, MIN_LOGO_WIDTH, RECOMMENDED_LOGO_WIDTH), data: { width } });
        } else if (width < RECOMMENDED_LOGO_WIDTH) {
          ctx.report({ ruleId: 'publiccode/invalid-image', severity: 'warning', pointer, message: l10n.t('{0} {1} is {2} px wide; the spec asks PNG logos to be at least {3} px wide (or SVG).', where, q(v), width, RECOMMENDED_LOGO_WIDTH), data: { width } });
        }
      }
    }
  },
};

export const publiccodeRules: Rule[] = [
  versionDispatch,
  singleDocument,
  encoding,
  booleanAsText,
  droppedByReferenceParser,
  numberAsText,
  platformsList,
  license,
  languages,
  countries,
  phoneE164,
  removedValues,
  yamlVersion,
  newerThanVersion,
  textLength,
  descriptionComplete,
  maintenance,
  countrySections,
  foreignKeys,
  deprecations,
  renamedKeys,
  softwareType,
  supports,
  organisationUri,
  unknownIpaCode,
  malformedUrl,
  videos,
  dates,
  files,
];

