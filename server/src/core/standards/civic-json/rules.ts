// civic.json checks beyond the dialect's JSON Schema: the shapes that differ between dialects (with the
// repair for each), recommended values where the dialect allows free text, licences (SPDX id or URL),
// URLs and e-mail addresses, repeated tags, placeholders, and keys a dialect does not define (a hint:
// every dialect lets files carry more). The dialect is ctx.detection.version (see index.ts).

import type { ParsedDocument } from '../../document';
import { suggest } from '../../messages';
import { isArrayIndex, parentPointer, splitPointer, valueAt } from '../../pointer';
import { checkSpdxExpression } from '../../rules/spdx';
import { each, get, isObj, keyFix, ownValue, place, ptr, q, valueFix, type Obj, M } from '../../rules/kit';
import { isAbsoluteUrlWithHost, isEmail, isHttpUrl, suggestUrlFix } from '../../rules/urls';
import { objectProperties, schemaFacts, schemasAt, type SchemaObject } from '../../schemaWalk';
import type { Rule, RuleContext, RuleMeta } from '../../standard';
import type { Fix, OffsetRange, Severity } from '../../types';
import {
  DC_SCHEMA_URL,
  DIALECTS,
  DIALECT_IDS,
  KEY_EQUIVALENTS,
  KNOWN_EXTENSIONS,
  STATUS_SYNONYMS,
  declaredDialect,
  isDialectId,
  sniffDialect,
  type Dialect,
  type DialectId,
} from './dialects';
import { MANIFEST_KEYS, SCHEMA_BY_DIALECT } from './schemas';
import * as l10n from '../../l10n';

// ------------------------------------------------------------------------------------------ helpers


function dialectOf(ctx: RuleContext): Dialect {
  const v = ctx.detection.version;
  return DIALECTS[isDialectId(v) ? v : sniffDialect(ctx.value, MANIFEST_KEYS).dialect];
}

function schemaOf(ctx: RuleContext): object {
  return SCHEMA_BY_DIALECT[dialectOf(ctx).id];
}

/** Not an object, or neither a declaration nor a key that describes a project: not a project description. */
function notAManifest(value: unknown): boolean {
  return !isObj(value) || (!declaredDialect(value) && !Object.keys(value).some((k) => MANIFEST_KEYS.has(k)));
}

/**
 * The schemas at a pointer, ignoring which list item it is: no dialect schema depends on the index, so
 * `/tags/0` stands for every tag and the walk is cached once per place, not once per item.
 */
function schemasAtPlace(schema: object, pointer: string) {
  return schemasAt(schema, splitPointer(pointer).map((seg) => (isArrayIndex(seg) ? '0' : seg)));
}

/** The `x-civic` annotation (kind: url, email, license; valueHint) the dialect's schema gives the node. */
function civicAt(schema: object, pointer: string): { kind?: string; valueHint?: string } {
  const civic = schemaFacts(schemasAtPlace(schema, pointer)).civic;
  return { kind: typeof civic.kind === 'string' ? civic.kind : undefined, valueHint: typeof civic.valueHint === 'string' ? civic.valueHint : undefined };
}

function minLengthAt(schema: object, pointer: string): number {
  return schemasAtPlace(schema, pointer).reduce((n, a) => Math.max(n, typeof a.schema.minLength === 'number' ? a.schema.minLength : 0), 0);
}

/** Pointers of every string value in the document, with the value. */
function stringNodes(ctx: RuleContext): [string, string][] {
  const out: [string, string][] = [];
  for (const p of ctx.doc.nodes.keys()) {
    const v = valueAt(ctx.value, p);
    if (typeof v === 'string') out.push([p, v]);
  }
  return out;
}

const childIndex = new WeakMap<ParsedDocument, Map<string, string[]>>();

/** Direct children of a container, in document order (indexed once per document). */
function childPointers(doc: ParsedDocument, parent: string): string[] {
  let index = childIndex.get(doc);
  if (!index) {
    index = new Map();
    const sorted = [...doc.nodes.entries()].filter(([p]) => p !== '').sort((a, b) => a[1].value.start - b[1].value.start);
    for (const [p] of sorted) {
      const up = parentPointer(p);
      const list = index.get(up);
      if (list) list.push(p);
      else index.set(up, [p]);
    }
    childIndex.set(doc, index);
  }
  return index.get(parent) ?? [];
}

/** The text to delete to remove a member or an item from a JSON container, commas included. */
function removalRange(doc: ParsedDocument, pointer: string): OffsetRange | undefined {
  if (doc.format !== 'json') return undefined;
  const info = doc.nodes.get(pointer);
  if (!info) return undefined;
  const siblings = childPointers(doc, parentPointer(pointer));
  const i = siblings.indexOf(pointer);
  const start = info.key?.start ?? info.value.start;
  if (i > 0) {
    const prev = doc.nodes.get(siblings[i - 1]);
    if (prev) return { start: prev.value.end, end: info.value.end };
  }
  if (i === 0 && siblings.length > 1) {
    const next = doc.nodes.get(siblings[1]);
    if (next) return { start, end: next.key?.start ?? next.value.start };
  }
  return { start, end: info.value.end };
}

function removeFix(doc: ParsedDocument, pointer: string, title: string, isPreferred = false): Fix[] | undefined {
  const range = removalRange(doc, pointer);
  return range ? [{ title, isPreferred, edits: [{ range: doc.rangeOf(range), newText: '' }] }] : undefined;
}

/** Where a finding about the whole file goes: the first top-level key (or the opening brace). */
function topAnchor(doc: ParsedDocument): OffsetRange {
  const first = childPointers(doc, '')[0];
  const key = first ? doc.nodes.get(first)?.key : undefined;
  if (key) return key;
  const root = doc.nodes.get('')?.value ?? { start: 0, end: 0 };
  return { start: root.start, end: Math.min(root.end, root.start + 1) };
}

/** A fix that adds `"key": value` as the last member of the top-level object, indented like its siblings. */
function appendMemberFix(doc: ParsedDocument, key: string, valueText: string, title: string): Fix[] | undefined {
  if (doc.format !== 'json') return undefined;
  const members = childPointers(doc, '');
  const last = members.length ? doc.nodes.get(members[members.length - 1]) : undefined;
  if (!last?.key) return undefined;
  const indent = ' '.repeat(doc.positionAt(last.key.start).character);
  const at = doc.rangeOf({ start: last.value.end, end: last.value.end });
  return [{ title, isPreferred: false, edits: [{ range: at, newText: `,\n${indent}${JSON.stringify(key)}: ${valueText}` }] }];
}

/** JSON on one line, spaced the way people write it: {"need": "Python"}, ["NYC"]. */
function json(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(json).join(', ')}]`;
  if (isObj(v)) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${json(x)}`).join(', ')}}`;
  return JSON.stringify(v) ?? 'null';
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} or {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

// -------------------------------------------------------------------------------------- dispatch

/** Reported by chooseSchema (index.ts); listed here so that it has metadata and a doc page. */
const dispatch: Rule = {
  meta: [M('civic-json/unknown-dialect', 'warning', 'A forced civic.json dialect (setting or --standard version) does not exist')],
  run: () => undefined,
};

// -------------------------------------------------------------------------------------- manifest

const notManifest: Rule = {
  meta: [M('civic-json/not-a-manifest', 'warning', 'A file named civic.json has none of the keys of any civic.json dialect')],
  run(ctx) {
    if (!isObj(ctx.value) || !notAManifest(ctx.value)) return;
    const keys = Object.keys(ctx.value);
    ctx.report({
      ruleId: 'civic-json/not-a-manifest',
      pointer: '',
      message: l10n.t('This civic.json has none of the keys civic.json defines (status, name, tags, geography, contact…){0}. It does not describe a project the way project listings expect. Add at least "status" (and "name" and "tags" for civic.json extended), or rename the file if it holds other data.', keys.length ? l10n.t(': it has {0}{1}', keys.slice(0, 4).map(json).join(', '), keys.length > 4 ? ', …' : '') : l10n.t(' (it is empty)')),
      data: { offsets: topAnchor(ctx.doc), keys },
    });
  },
};

// ------------------------------------------------------------------------------------ unknown keys

/** Dialects (other than the file's) that define `key` at `pointer`'s object. */
function dialectsDefining(pointer: string, key: string, document: unknown, except: DialectId): Dialect[] {
  return DIALECT_IDS.filter((d) => d !== except)
    .filter((d) => {
      const schema = SCHEMA_BY_DIALECT[d];
      return objectProperties(schema, schemasAtPlace(schema, pointer), valueAt(document, pointer)).some((p) => p.name === key);
    })
    .map((d) => DIALECTS[d]);
}

const unknownKey: Rule = {
  meta: [M('civic-json/unknown-key', 'hint', 'A key the detected civic.json dialect does not define (allowed, but ignored by its tools)')],
  run(ctx) {
    if (notAManifest(ctx.value)) return;
    const dialect = dialectOf(ctx);
    const schema = schemaOf(ctx);
    for (const [pointer] of [...ctx.doc.nodes.entries()]) {
      const obj = valueAt(ctx.value, pointer);
      if (!isObj(obj)) continue;
      const applicable = schemasAtPlace(schema, pointer);
      // Only objects whose keys the dialect names; maps (name → URL) hold free keys.
      if (!applicable.some((a) => isObj(a.schema.properties))) continue;
      if (applicable.some((a) => isObj(a.schema.additionalProperties))) continue;
      const known = objectProperties(schema, applicable, obj).map((p) => p.name);
      for (const key of Object.keys(obj)) {
        if (known.includes(key)) continue;
        const at = pointer === '' ? '' : ` in ${place(pointer)}`;
        const keyPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const equivalent = pointer === '' ? ownValue(KEY_EQUIVALENTS[dialect.id], key) : undefined;
        const rename = equivalent && !(equivalent in obj) ? equivalent : suggest(key, known.filter((k) => !(k in obj)));
        const others = dialectsDefining(pointer, key, ctx.value, dialect.id);
        const extension = pointer === '' ? ownValue(KNOWN_EXTENSIONS, key) : undefined;
        const whose = others.length
          ? ` (it is a key of the ${orList(others.map((d) => d.title))})`
          : extension
            ? ` (it comes from ${extension})`
            : '';
        const ignored = dialect.id === 'dc' ? l10n.t('Extra keys are allowed, but tools that read civic.json extended ignore it.') : l10n.t('Tools that read the {0} ignore it.', dialect.title);
        const advice = rename ? equivalent === rename ? l10n.t(' The {0} calls it {1}.', dialect.title, json(rename)) : l10n.t(' Did you mean {0}?', json(rename)) : '';
        ctx.report({
          ruleId: 'civic-json/unknown-key',
          pointer: keyPointer,
          on: 'key',
          message: l10n.t('{0} is not a key of the {1}{2}{3}. {4}{5}', json(key), dialect.title, at, whose, ignored, advice),
          fixes: rename ? keyFix(ctx.doc, keyPointer, json(rename), l10n.t('Rename to {0}', json(rename))) : undefined,
          data: { key, dialect: dialect.id, suggestion: rename, definedBy: others.map((d) => d.id) },
        });
      }
    }
  },
};

// -------------------------------------------------------------------------------- status and type

/** The recommended value the text most probably means, and whether that is a sure repair (case, typo). */
function nearValue(v: string, values: readonly string[], synonyms: Record<string, string> = {}): { value: string; sure: boolean } | undefined {
  const t = v.trim().replace(/\s+/g, ' ');
  const lower = t.toLowerCase();
  const exact = values.find((x) => x.toLowerCase() === lower);
  if (exact) return { value: exact, sure: true };
  if (t.length >= 3) {
    const close = suggest(t, [...values]);
    if (close) return { value: close, sure: true };
  }
  const synonym = ownValue(synonyms, lower);
  if (synonym && values.includes(synonym)) return { value: synonym, sure: false };
  return undefined;
}

const statusAndType: Rule = {
  meta: [
    M('civic-json/invalid-status', 'error', 'status is not one of the five values the DC extended civic.json allows'),
    M('civic-json/recommended-value', 'information', 'A free-text status or type is not one of the values the dialect recommends'),
  ],
  run(ctx) {
    if (!isObj(ctx.value)) return;
    const dialect = dialectOf(ctx);
    const status = ctx.value.status;
    if (typeof status === 'string' && !dialect.statusValues.includes(status)) {
      const synonyms = dialect.id === 'cfapi' ? STATUS_SYNONYMS.cfapi : STATUS_SYNONYMS.betanyc;
      const near = nearValue(status, dialect.statusValues, synonyms);
      const list = dialect.statusValues.join(', ');
      const fixes = near ? valueFix(ctx.doc, '/status', json(near.value), l10n.t('Write {0}', json(near.value)), near.sure) : undefined;
      const hint = near ? l10n.t(' Did you mean {0}?', json(near.value)) : '';
      if (dialect.statusClosed) {
        ctx.report({
          ruleId: 'civic-json/invalid-status',
          pointer: '/status',
          message: l10n.t('status must be one of {0} in the DC extended civic.json, with this capitalisation; found {1}.{2}', list, q(status), hint),
          fixes,
          data: { allowed: [...dialect.statusValues], suggestion: near?.value },
        });
      } else {
        const what = status.trim() === '' ? l10n.t('status is empty{0}', dialect.id === 'cfapi' ? l10n.t(' (the CfAPI then clears the project\'s status)') : '') : l10n.t('status {0} is not one of the values the {1} recommends', q(status), dialect.title);
        const stages = dialect.id === 'cfapi' ? l10n.t(' (Code for America\'s project stages)') : '';
        ctx.report({
          ruleId: 'civic-json/recommended-value',
          pointer: '/status',
          message: l10n.t('{0}: {1}{2}. Any text is allowed, but listings sort and filter projects by these values.{3}', what, list, stages, hint),
          fixes,
          data: { recommended: [...dialect.statusValues], suggestion: near?.value },
        });
      }
    }
    const type = ctx.value.type;
    if (dialect.typeValues && typeof type === 'string' && type.trim() !== '' && !dialect.typeValues.includes(type)) {
      const near = nearValue(type, dialect.typeValues);
      ctx.report({
        ruleId: 'civic-json/recommended-value',
        pointer: '/type',
        message: l10n.t('type {0} is not one of the values the {1} recommends: {2}. Any text is allowed.{3}', q(type), dialect.title, dialect.typeValues.join(', '), near ? l10n.t(' Did you mean {0}?', json(near.value)) : ''),
        fixes: near ? valueFix(ctx.doc, '/type', json(near.value), l10n.t('Write {0}', json(near.value)), near.sure) : undefined,
        data: { recommended: [...dialect.typeValues], suggestion: near?.value },
      });
    }
  },
};

// ------------------------------------------------------------------------------------------ shapes

const shape: Rule = {
  meta: [M('civic-json/shape', 'error', 'A value has the shape of another civic.json dialect (geography, needs, contact, data, tags…)')],
  run(ctx) {
    if (!isObj(ctx.value) || notAManifest(ctx.value)) return;
    const dialect = dialectOf(ctx);
    const v = ctx.value;
    const doc = ctx.doc;
    const report = (pointer: string, message: string, fixes?: Fix[]) => ctx.report({ ruleId: 'civic-json/shape', pointer, message, fixes, data: { dialect: dialect.id } });
    const oneText = dialect.id === 'betanyc' || dialect.id === 'codefordc';

    // geography: a list in DC extended, one text in BetaNYC and Code for DC.
    if (dialect.id === 'dc' && typeof v.geography === 'string') {
      const text = v.geography;
      report('/geography', `geography must be a list of places in the DC extended civic.json; found the text ${q(text)}, the BetaNYC form. Write ${json([text])}.`, valueFix(doc, '/geography', json(text.trim() === '' ? [] : [text]), l10n.t('Make it a list: {0}', json(text.trim() === '' ? [] : [text]))));
    } else if (oneText && Array.isArray(v.geography)) {
      const items = v.geography.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
      const joined = items.join(', ');
      report(
        '/geography',
        `geography must be one text in the ${dialect.title}; found a list, the DC extended form.${items.length ? ` Write ${json(joined)}` : ' Remove it or write one text'}, or declare the DC dialect with "id": "${DC_SCHEMA_URL}".`,
        items.length ? valueFix(doc, '/geography', json(joined), l10n.t('Make it one text: {0}', json(joined)), false) : undefined,
      );
    }

    // needs / categories: lists of {"need": …} / {"category": …} objects, not of texts.
    if (oneText) {
      for (const [list, field] of [['needs', 'need'], ['categories', 'category']] as const) {
        each(v[list], (item, i) => {
          if (typeof item !== 'string') return;
          const pointer = ptr(list, i);
          const obj = json({ [field]: item });
          report(pointer, `${place(pointer)} must be an object {"${field}": …} in the ${dialect.title}; found the text ${q(item)}. Write ${obj}.`, valueFix(doc, pointer, obj, l10n.t('Write {0}', obj)));
        });
      }
    }

    // contact: one object (DC extended, Code for DC), not a list.
    if ((dialect.id === 'dc' || dialect.id === 'codefordc') && Array.isArray(v.contact)) {
      const list = v.contact;
      const only = list.length === 1 && isObj(list[0]) ? doc.nodes.get('/contact/0') : undefined;
      const more = dialect.id === 'dc' ? l10n.t(' Keep one contact here and list the others under partners.') : l10n.t(' Keep the preferred contact.');
      report(
        '/contact',
        `contact must be one object (name, email${dialect.id === 'dc' ? ', url' : ', twitter'}) in the ${dialect.title}; found a list of ${list.length}.${only ? ' Write the object itself, without the brackets.' : more}`,
        only ? valueFix(doc, '/contact', doc.text.slice(only.value.start, only.value.end), l10n.t('Use the single contact object without the list')) : undefined,
      );
    }

    // tags: a list (DC extended, CfAPI), not one text.
    if ((dialect.id === 'dc' || dialect.id === 'cfapi') && typeof v.tags === 'string') {
      const parts = v.tags.split(',').map((s) => s.trim()).filter(Boolean);
      report('/tags', `tags must be a list of texts in the ${dialect.title}; found the text ${q(v.tags)}${dialect.id === 'cfapi' ? ', which the CfAPI ignores' : ''}. Write ${json(parts)}.`, valueFix(doc, '/tags', json(parts), l10n.t('Make it a list: {0}', json(parts)), parts.length <= 1));
    }

    // data: a list of {name, url} in DC extended; a {name: URL} mapping in Code for DC.
    if (dialect.id === 'dc' && isObj(v.data)) {
      const entries = Object.entries(v.data);
      const convertible = entries.every(([, url]) => typeof url === 'string');
      const list = entries.map(([name, url]) => ({ name, url }));
      report('/data', `data must be a list of data sets ({"name": …, "url": …}) in the DC extended civic.json; found a mapping of names to URLs, the Code for DC form.${convertible ? ` Write ${q(json(list))}.` : ''}`, convertible ? valueFix(doc, '/data', json(list), l10n.t('Make it a list of {"name", "url"} objects')) : undefined);
    } else if (dialect.id === 'codefordc' && Array.isArray(v.data)) {
      const items = v.data;
      const convertible = items.every((d) => isObj(d) && typeof d.name === 'string' && typeof d.url === 'string' && Object.keys(d).every((k) => k === 'name' || k === 'url'));
      const map = Object.fromEntries(items.filter(isObj).map((d) => [d.name, d.url]));
      report('/data', `data must be a mapping of data set names to URLs in the Code for DC civic.json; found a list, the DC extended form.${convertible ? ` Write ${q(json(map))}.` : ''}`, convertible ? valueFix(doc, '/data', json(map), l10n.t('Make it a name → URL mapping')) : undefined);
    }

    // Code for DC: partners and (its) political entity are name → URL mappings.
    if (dialect.id === 'codefordc') {
      for (const key of ['communityPartner', 'governmentPartner']) {
        const val = v[key];
        if (typeof val !== 'string') continue;
        const pointer = ptr(key);
        report(pointer, `${key} must be a mapping of names to URLs in the Code for DC civic.json, such as {"Bread for the City": "http://www.breadforthecity.org/"}; found the text ${q(val)}.${val.trim() === '' ? ' Write {} (or remove the key) when there is none.' : ''}`, val.trim() === '' ? valueFix(doc, pointer, '{}', l10n.t('Write {}')) : undefined);
      }
    }
    if (dialect.id === 'betanyc' && isObj(v.politicalEntity)) {
      const names = Object.keys(v.politicalEntity).join(', ');
      report('/politicalEntity', `politicalEntity must be one text in the BetaNYC civic.json; found a mapping of names to URLs, the Code for DC form.${names ? ` Write ${json(names)}, or declare the Code for DC dialect with "conformsTo".` : ''}`, names ? valueFix(doc, '/politicalEntity', json(names), l10n.t('Make it one text: {0}', json(names)), false) : undefined);
    }
  },
};

// ----------------------------------------------------------------------------------------- licence

const license: Rule = {
  meta: [M('civic-json/license', 'information', 'license is neither a current SPDX licence identifier nor the URL of a licence file')],
  run(ctx) {
    const v = get(ctx.value, 'license');
    if (typeof v !== 'string' || v.trim() === '') return;
    const dialect = dialectOf(ctx);
    const pointer = '/license';
    const severity: Severity = dialect.licenseSeverity;
    const defined = dialect.id === 'dc' ? 'civic.json extended says it SHOULD be' : 'use';
    if (isHttpUrl(v)) return; // the URL of a licence file is allowed
    const r = checkSpdxExpression(v);
    if (r.valid) {
      if (r.deprecated.length) {
        const d = r.deprecated[0];
        const fixes: Fix[] = d.replacements.flatMap((rep) => valueFix(ctx.doc, pointer, json(v.replace(d.id, rep)), l10n.t('Write {0}', json(v.replace(d.id, rep))), d.replacements.length === 1) ?? []);
        ctx.report({
          ruleId: 'civic-json/license',
          pointer,
          severity,
          message: l10n.t('license {0} uses the deprecated SPDX identifier {1}; {2} a current identifier{3}.', q(v), q(d.id), defined, d.replacements.length ? `: ${orList(d.replacements.map((x) => json(x)))}` : ''),
          fixes: fixes.length ? fixes : undefined,
          data: { deprecated: d.id, replacements: d.replacements },
        });
      } else if (r.canonicalCase) {
        ctx.report({
          ruleId: 'civic-json/license',
          pointer,
          severity: 'hint',
          message: l10n.t('license {0} is a valid SPDX identifier, written {1} in the SPDX licence list; listings that compare licences may not match it.', q(v), q(r.canonicalCase)),
          fixes: valueFix(ctx.doc, pointer, json(r.canonicalCase), l10n.t('Write {0}', json(r.canonicalCase))),
          data: { suggestion: r.canonicalCase },
        });
      }
      return;
    }
    const url = suggestUrlFix(v) ?? hostLikeUrl(v);
    if (url) {
      ctx.report({
        ruleId: 'civic-json/license',
        pointer,
        severity,
        message: l10n.t('license {0} looks like the URL of a licence file but is not a complete URL; did you mean {1}?', q(v), q(url)),
        fixes: valueFix(ctx.doc, pointer, json(url), l10n.t('Write {0}', json(url))),
        data: { suggestion: url },
      });
      return;
    }
    const suggestion = r.suggestion && checkSpdxExpression(r.suggestion).valid ? r.suggestion : undefined;
    ctx.report({
      ruleId: 'civic-json/license',
      pointer,
      severity,
      message: l10n.t('license {0} is not an SPDX licence identifier; {1} an identifier from https://spdx.org/licenses/ (such as MIT or GPL-3.0-or-later) or the URL of the licence file.{2}', q(v), defined, suggestion ? l10n.t(' Did you mean {0}?', q(suggestion)) : ''),
      fixes: suggestion ? valueFix(ctx.doc, pointer, json(suggestion), l10n.t('Write {0}', json(suggestion))) : undefined,
      data: { suggestion },
    });
  },
};

/** `drafts.dc.gov`, `example.org/path`: a host name without a scheme. */
function hostLikeUrl(v: string): string | undefined {
  const t = v.trim();
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/.test(t)) return undefined;
  const url = `https://${t}`;
  return isHttpUrl(url) ? url : undefined;
}

// ---------------------------------------------------------------------------------- URLs, e-mails

const urlsAndEmails: Rule = {
  meta: [
    M('civic-json/invalid-url', 'warning', 'A value that must be a URL is not an absolute URL'),
    M('civic-json/invalid-email', 'warning', 'A value that must be an e-mail address is not one'),
  ],
  run(ctx) {
    if (notAManifest(ctx.value)) return;
    const schema = schemaOf(ctx);
    for (const [pointer, v] of stringNodes(ctx)) {
      if (v.trim() === '') continue; // civic-json/empty-value
      const { kind, valueHint } = civicAt(schema, pointer);
      if (kind === 'url') {
        if (isAbsoluteUrlWithHost(v)) continue;
        const hint = valueHint ?? l10n.t('an absolute URL such as https://example.org/');
        const fixed = suggestUrlFix(v) ?? hostLikeUrl(v);
        ctx.report({
          ruleId: 'civic-json/invalid-url',
          pointer,
          message: l10n.t('{0} must be {1}; found {2}{3}', place(pointer), hint, q(v), fixed ? l10n.t('. Did you mean {0}?', q(fixed)) : l10n.t(', which is not a URL that a listing could link to.')),
          fixes: fixed ? valueFix(ctx.doc, pointer, json(fixed), l10n.t('Write {0}', json(fixed)), v.trim() !== v || /^https?[;:.,]/i.test(v)) : undefined,
          data: { suggestion: fixed },
        });
      } else if (kind === 'email') {
        if (isEmail(v)) continue;
        const t = v.trim().replace(/^mailto:/i, '');
        const fixed = isEmail(t) ? t : undefined;
        ctx.report({
          ruleId: 'civic-json/invalid-email',
          pointer,
          message: l10n.t('{0} must be an e-mail address such as name@example.org; found {1}.{2}', place(pointer), q(v), fixed ? l10n.t(' Write {0}.', q(fixed)) : ''),
          fixes: fixed ? valueFix(ctx.doc, pointer, json(fixed), l10n.t('Write {0}', json(fixed))) : undefined,
          data: { suggestion: fixed },
        });
      }
    }
  },
};

// ----------------------------------------------------------------------------------- duplicates

const LISTS = ['tags', 'keywords', 'geography', 'links', 'categories', 'needs'] as const;
/** Lists the DC schema declares uniqueItems for: an exact repeat there is an error. */
const DC_UNIQUE = new Set(['tags', 'links']);

function itemText(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (isObj(item)) {
    for (const k of ['tag', 'category', 'need', 'want']) if (typeof item[k] === 'string') return item[k] as string;
  }
  return undefined;
}

const duplicates: Rule = {
  meta: [M('civic-json/duplicate-item', 'warning', 'A tag, category, place, need or link is listed twice')],
  run(ctx) {
    if (!isObj(ctx.value) || notAManifest(ctx.value)) return;
    const dialect = dialectOf(ctx);
    for (const list of LISTS) {
      const items = ctx.value[list];
      if (!Array.isArray(items)) continue;
      const seen = new Map<string, { index: number; raw: unknown }>();
      items.forEach((item, i) => {
        const text = itemText(item);
        if (text === undefined || text.trim() === '') return;
        const norm = text.trim().replace(/\s+/g, ' ').toLowerCase();
        const first = seen.get(norm);
        if (!first) {
          seen.set(norm, { index: i, raw: item });
          return;
        }
        const pointer = ptr(list, i);
        const exact = json(first.raw) === json(item);
        const severity: Severity | undefined = dialect.id === 'dc' && exact && DC_UNIQUE.has(list) ? 'error' : undefined;
        const firstText = itemText(first.raw) ?? '';
        const differs = firstText !== text ? l10n.t(' (as {0} and {1}, which differ only in case or spaces)', q(firstText), q(text)) : '';
        ctx.report({
          ruleId: 'civic-json/duplicate-item',
          pointer,
          severity,
          message: l10n.t('{0} lists {1} twice, as items {2} and {3}{4}{5}. Remove the repetition.', list, q(text.trim()), first.index + 1, i + 1, differs, severity ? l10n.t('; civic.json extended requires each item once') : ''),
          fixes: removeFix(ctx.doc, pointer, l10n.t('Remove item {0}', i + 1), true),
          data: { first: first.index, duplicate: i },
        });
      });
    }
  },
};

// -------------------------------------------------------------------------------- placeholders

const emptyValue: Rule = {
  meta: [M('civic-json/empty-value', 'hint', 'A text is empty (a placeholder that was never filled in)')],
  run(ctx) {
    if (notAManifest(ctx.value)) return;
    const schema = schemaOf(ctx);
    for (const [pointer, v] of stringNodes(ctx)) {
      if (v.trim() !== '' || pointer === '/status' || pointer === '') continue;
      if (minLengthAt(schema, pointer) > 0) continue; // the schema reports it
      const parent = valueAt(ctx.value, parentPointer(pointer));
      // Code for DC's name → URL mappings: the shape rule offers {} for an empty text.
      if (dialectOf(ctx).id === 'codefordc' && /^\/(communityPartner|governmentPartner)$/.test(pointer)) continue;
      const isItem = Array.isArray(parent);
      ctx.report({
        ruleId: 'civic-json/empty-value',
        pointer,
        message: l10n.t('{0} is empty; fill it in or remove the {1}.', place(pointer), isItem ? 'item' : 'key'),
        fixes: removeFix(ctx.doc, pointer, isItem ? l10n.t('Remove the empty item') : l10n.t('Remove {0}', place(pointer))),
      });
    }
  },
};

// ------------------------------------------------------------------------- DC: keywords for tags

/**
 * DC extended's own texts disagree: specification.html lists "keywords", the published schema requires
 * "tags". A file that followed the prose has keywords and no tags; say so, and offer the rename.
 */
const keywordsForTags: Rule = {
  meta: [M('civic-json/keywords-for-tags', 'error', 'A DC extended file has keywords (the specification\'s name) but not the tags its schema requires')],
  run(ctx) {
    if (!isObj(ctx.value) || dialectOf(ctx).id !== 'dc' || 'tags' in ctx.value || !('keywords' in ctx.value)) return;
    const key = ctx.doc.nodes.get('/keywords')?.key;
    ctx.report({
      ruleId: 'civic-json/keywords-for-tags',
      pointer: '/tags',
      message: l10n.t('Missing required key "tags": the published DC extended schema requires "tags", and this file lists them under "keywords" (the name specification.html uses). Rename "keywords" to "tags".'),
      fixes: keyFix(ctx.doc, '/keywords', '"tags"', l10n.t('Rename "keywords" to "tags"')),
      data: key ? { offsets: key } : undefined,
    });
  },
};

// -------------------------------------------------------------------- DC: recommended keys, contacts

const DC_RECOMMENDED = ['contact', 'description', 'homepage', 'id', 'license', 'repository'] as const;

const recommendedKeys: Rule = {
  meta: [M('civic-json/recommended-key', 'information', 'The DC extended civic.json strongly recommends a key the file does not have')],
  run(ctx) {
    if (!isObj(ctx.value) || dialectOf(ctx).id !== 'dc' || notAManifest(ctx.value)) return;
    const missing = DC_RECOMMENDED.filter((k) => !(k in (ctx.value as Obj)));
    if (!missing.length) return;
    ctx.report({
      ruleId: 'civic-json/recommended-key',
      pointer: '',
      message: (missing.length === 1
        ? l10n.t('The DC extended civic.json strongly recommends {0}, which is missing; add it if it applies.', orList(missing.map((k) => json(k))))
        : l10n.t('The DC extended civic.json strongly recommends {0}, which are missing; add those that apply.', orList(missing.map((k) => json(k)))))
        + (missing.includes('id') ? ` ${l10n.t('"id" names the schema: {0}.', json(DC_SCHEMA_URL))}` : ''),
      fixes: missing.includes('id') ? appendMemberFix(ctx.doc, 'id', json(DC_SCHEMA_URL), l10n.t('Add "id" (the DC extended schema URL)')) : undefined,
      data: { offsets: topAnchor(ctx.doc), missing },
    });
  },
};

const reachable: Rule = {
  meta: [M('civic-json/unreachable-contact', 'information', 'A contact or partner gives no way to reach them (no e-mail, URL or Twitter handle)')],
  run(ctx) {
    if (!isObj(ctx.value)) return;
    const dialect = dialectOf(ctx);
    const filled = (o: SchemaObject, k: string) => typeof o[k] === 'string' && (o[k] as string).trim() !== '';
    if (dialect.id === 'dc') {
      const check = (pointer: string, o: unknown, who: string) => {
        if (!isObj(o) || filled(o, 'email') || filled(o, 'url')) return;
        ctx.report({
          ruleId: 'civic-json/unreachable-contact',
          pointer,
          message: l10n.t('{0} has no e-mail address or URL; civic.json extended says a {1} SHOULD have an "email" and/or a "url" so that people can reach them.', place(pointer), who),
        });
      };
      check('/contact', ctx.value.contact, 'contact');
      each(ctx.value.partners, (p, i) => check(ptr('partners', i), p, 'partner'));
    } else if (dialect.id === 'codefordc') {
      const c = ctx.value.contact;
      if (isObj(c) && !filled(c, 'email') && !filled(c, 'twitter')) {
        ctx.report({
          ruleId: 'civic-json/unreachable-contact',
          pointer: '/contact',
          message: l10n.t('contact has no e-mail address or Twitter handle; the Code for DC civic.json asks for at least one way to reach the project.'),
        });
      }
    }
  },
};

export const civicJsonRules: Rule[] = [dispatch, notManifest, unknownKey, statusAndType, shape, keywordsForTags, license, urlsAndEmails, duplicates, emptyValue, recommendedKeys, reachable];
