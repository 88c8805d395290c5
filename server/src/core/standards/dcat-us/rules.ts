// DCAT-US 1.1 checks that the JSON Schema cannot express, or that the official schemas get wrong:
// anchored bureau/program codes, calendar-valid ISO 8601 dates, intervals and frequencies, rights for
// non-public data, unique identifiers, media types (syntax, registration, agreement with format),
// licence URLs, language tags, mailto: addresses, and the 1.0 → 1.1 renames.
// Every rule walks the datasets once (catalogs reach thousands of datasets and megabytes): no rule
// scans the whole document per dataset, and cross-dataset checks use one Map.

import type { ParsedDocument } from '../../document';
import { joinPointer } from '../../pointer';
import { checkLanguageTag } from '../../rules/bcp47';
import { checkIsoDateTime, checkIsoInterval, checkRepeatingDuration, type IsoCheck } from '../../rules/iso8601';
import { isObj, ownValue, place, q, type Obj, M } from '../../rules/kit';
import { checkSpdxExpression } from '../../rules/spdx';
import { isAbsoluteUrl, isEmail, parseAbsoluteUrl, suggestUrlFix } from '../../rules/urls';
import type { Rule, RuleContext } from '../../standard';
import type { Fix, TextEdit } from '../../types';
import { distance } from 'fastest-levenshtein';
import { insertAfter, removeMember, render } from './edits';
import { profileOf, shapeOf } from './shape';
import {
  agrees,
  describeMediaType,
  expectedTypesForFormat,
  isKnownMediaType,
  parseMediaType,
  suggestMediaType,
  TOP_LEVEL_TYPES,
  typesForExtension,
} from './media';
import { DATASET_RENAMES, FREQUENCY_WORDS, KNOWN_KEYS, isRedacted, licenseUrl } from './vocabulary';
import * as l10n from '../../l10n';


// ------------------------------------------------------------------------------------------ helpers

// Indexed loops over these (not for-of with destructuring): they run for every dataset, mostly while
// still interpreted, where each step of an iterator allocates.
const RENAMED_KEYS = Object.keys(DATASET_RENAMES);
const RENAMES = Object.values(DATASET_RENAMES);

interface Item {
  value: Obj;
  pointer: string;
}

/** A dataset, with its distributions once a rule asked for them (five rules do, per dataset). */
interface Dataset extends Item {
  dists?: Item[];
}

const datasetCache = new WeakMap<object, Dataset[]>();

/** The dataset objects of the document: catalog.dataset[], a 1.0 list, or the document itself. */
function datasets(ctx: RuleContext): Dataset[] {
  const root = ctx.value;
  if (root !== null && typeof root === 'object') {
    const hit = datasetCache.get(root);
    if (hit) return hit;
  }
  const out: Dataset[] = [];
  const shape = shapeOf(ctx.doc);
  const list = shape === 'catalog-1.0' ? root : shape === 'catalog' && isObj(root) ? root.dataset : undefined;
  const base = shape === 'catalog-1.0' ? '' : '/dataset';
  if (Array.isArray(list)) {
    list.forEach((d, i) => {
      if (isObj(d)) out.push({ value: d, pointer: `${base}/${i}`, dists: undefined });
    });
  } else if (shape === 'dataset' && isObj(root)) {
    out.push({ value: root, pointer: '', dists: undefined });
  }
  if (root !== null && typeof root === 'object') datasetCache.set(root, out);
  return out;
}

/** A distribution of a dataset; its pointer is made when a finding needs it (most have none). */
class Distribution implements Item {
  constructor(
    readonly value: Obj,
    private readonly dataset: Item,
    private readonly index: number,
  ) {}

  get pointer(): string {
    return `${this.dataset.pointer}/distribution/${this.index}`;
  }
}

/** The distribution objects of a dataset (made once per dataset; rules never change them). */
function distributions(ds: Dataset): Item[] {
  if (ds.dists) return ds.dists;
  const list = ds.value.distribution;
  const out: Item[] = [];
  if (Array.isArray(list)) for (let i = 0; i < list.length; i++) if (isObj(list[i])) out.push(new Distribution(list[i] as Obj, ds, i));
  ds.dists = out;
  return out;
}

function isCatalog(ctx: RuleContext): boolean {
  const s = shapeOf(ctx.doc);
  return s === 'catalog' || s === 'catalog-1.0';
}

function is10(ctx: RuleContext): boolean {
  return shapeOf(ctx.doc) === 'catalog-1.0' || (shapeOf(ctx.doc) === 'dataset' && ctx.detection.version === '1.0');
}

/** A string value to check, or undefined (not a string, empty, or a redaction marker). */
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' && !isRedacted(v) ? v : undefined;
}

function replaceWith(doc: ParsedDocument, pointer: string, value: unknown, title: string, isPreferred = true): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info) return undefined;
  return [{ title, isPreferred, edits: [{ range: doc.rangeOf(info.value), newText: render(doc, value) }] }];
}

function renameKey(doc: ParsedDocument, pointer: string, newKey: string, title: string): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const newText = doc.format === 'json' ? JSON.stringify(newKey) : newKey;
  return [{ title, isPreferred: true, edits: [{ range: doc.rangeOf(info.key), newText }] }];
}

function lineOf(doc: ParsedDocument, pointer: string): number | undefined {
  const info = doc.nodes.get(pointer);
  return info ? doc.positionAt(info.value.start).line + 1 : undefined;
}

function keyOffsets(doc: ParsedDocument, pointer: string): { start: number; end: number } | undefined {
  const info = doc.nodes.get(pointer);
  return info ? info.key ?? info.value : undefined;
}

// ------------------------------------------------------------------------------ dispatch metadata

/** Reported while choosing the schema (index.ts chooseSchema); listed here so they have metadata. */
const dispatch: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/conforms-to', 'error', 'A catalog lacks conformsTo, or writes the 1.1 URI differently'),
    M('dcat-us/unsupported-version', 'error', 'conformsTo names a version this tool does not support'),
    M('dcat-us/version-1-0', 'warning', 'The file is a Project Open Data 1.0 list, superseded by 1.1'),
    M('dcat-us/unknown-profile', 'warning', 'The profile setting is neither federal nor non-federal'),
  ],
  run: () => undefined,
};

// ------------------------------------------------------------------------------ profile hint

const profileHint: Rule = {
  scope: 'document',
  itemKey: (d) => (!isObj(d) ? '' : 'bureauCode' in d || 'programCode' in d ? 'c' : 'o'),
  meta: [M('dcat-us/profile-hint', 'information', 'No dataset has bureauCode or programCode: is this a non-federal catalog?')],
  run(ctx) {
    if (profileOf(ctx.settings).explicit || shapeOf(ctx.doc) !== 'catalog') return;
    const list = datasets(ctx);
    if (list.length === 0 || list.some((d) => 'bureauCode' in d.value || 'programCode' in d.value)) return;
    const at = keyOffsets(ctx.doc, '/dataset') ?? keyOffsets(ctx.doc, '/conformsTo');
    if (!at) return;
    ctx.report({
      ruleId: 'dcat-us/profile-hint',
      pointer: '/dataset',
      message: l10n.t('None of the {0} datasets has bureauCode or programCode, which the federal profile (the default) requires of U.S. federal agencies. If this catalog is published by a state, city or another non-federal body, check it with the non-federal profile (setting "profile": "non-federal" for dcat-us).', list.length),
      data: { offsets: at, datasets: list.length },
    });
  },
};

// --------------------------------------------------------------------------- bureau / program codes

const CODE_KINDS = {
  bureauCode: {
    rule: 'dcat-us/bureau-code',
    anchored: /^\d{3}:\d{2}$/,
    unanchored: /[0-9]{3}:[0-9]{2}/,
    form: 'the 3-digit agency code, a colon and the 2-digit bureau code from OMB Circular A-11 Appendix C, such as "015:11"',
    example: '015:11',
  },
  programCode: {
    rule: 'dcat-us/program-code',
    anchored: /^\d{3}:\d{3}$/,
    unanchored: /[0-9]{3}:[0-9]{3}/,
    form: 'the 3-digit agency code, a colon and the 3-digit program code from the Federal Program Inventory, such as "015:001" ("015:000" when no program applies)',
    example: '015:001',
  },
} as const;

const CODE_FIELDS = ['bureauCode', 'programCode'] as const;
const DATE_FIELDS = ['modified', 'issued'] as const;

const codes: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/bureau-code', 'error', 'A bureauCode is not of the form 015:11 (the official pattern is unanchored)'),
    M('dcat-us/program-code', 'error', 'A programCode is not of the form 015:001 (the official pattern is unanchored)'),
    M('dcat-us/placeholder-code', 'warning', 'A bureau or program code is a placeholder such as 000:00 or 000:000'),
  ],
  run(ctx) {
    for (const ds of datasets(ctx)) {
      for (let f = 0; f < CODE_FIELDS.length; f++) {
        const field = CODE_FIELDS[f];
        const kind = CODE_KINDS[field];
        const v = ds.value[field];
        if (typeof v === 'string' && !isRedacted(v)) {
          const pointer = joinPointer(ds.pointer, field);
          const parts = v.split(/[,;\s]+/).filter(Boolean);
          const list = JSON.stringify(parts);
          ctx.report({
            ruleId: kind.rule,
            pointer,
            message: l10n.t('{0} must be a list of codes, even with one code; found the text {1}. Write {2}.', place(pointer), q(v), list),
            fixes: parts.length ? replaceWith(ctx.doc, pointer, parts, l10n.t('Make it a list: {0}', list)) : undefined,
          });
          continue;
        }
        if (!Array.isArray(v)) continue;
        for (let i = 0; i < v.length; i++) {
          const code = v[i];
          if (typeof code !== 'string') continue;
          const wellFormed = kind.anchored.test(code);
          if (wellFormed && !code.startsWith('000:')) continue; // nearly every code: nothing to say
          reportCode(ctx, joinPointer(joinPointer(ds.pointer, field), i), field, code, wellFormed);
        }
      }
    }
  },
};

/** What is wrong with `code`, at `p` in a bureauCode or programCode list: its form, or a placeholder agency. */
function reportCode(ctx: RuleContext, p: string, field: (typeof CODE_FIELDS)[number], code: string, wellFormed: boolean): void {
  const kind = CODE_KINDS[field];
  const trimmed = code.trim();
  if (!wellFormed) {
    if (trimmed !== code && kind.anchored.test(trimmed)) {
      ctx.report({ ruleId: kind.rule, pointer: p, message: l10n.t('{0} {1} has spaces around the code; write {2}.', place(p), q(code), q(trimmed)), fixes: replaceWith(ctx.doc, p, trimmed, l10n.t('Write {0}', trimmed)) });
      return;
    }
    const official = kind.unanchored.test(code)
      ? ` The official schema's pattern is unanchored, so ${q(code)} passes it, but it is not a ${field === 'bureauCode' ? 'bureau' : 'program'} code form.`
      : '';
    const zero = /^0{3}:/.test(trimmed) ? ' (000 is not an agency code: this looks like a placeholder)' : '';
    ctx.report({
      ruleId: kind.rule,
      pointer: p,
      message: l10n.t('{0} {1} is not a {2} code{3}: write {4}.{5}', place(p), q(code), field === 'bureauCode' ? 'bureau' : 'program', zero, kind.form, official),
      data: { code },
    });
    return;
  }
  ctx.report({
    ruleId: 'dcat-us/placeholder-code',
    pointer: p,
    message: l10n.t('{0} {1} is a placeholder: 000 is no agency\'s code. Use the real {2}, such as {3}.', place(p), q(code), field === 'bureauCode' ? l10n.t('bureau code (OMB Circular A-11 Appendix C)') : l10n.t('program code (Federal Program Inventory; agency:000 when no program applies)'), q(kind.example)),
    data: { code },
  });
}

// ------------------------------------------------------------------------------------- dates

function dateFix(ctx: RuleContext, pointer: string, r: IsoCheck): Fix[] | undefined {
  return !r.valid && r.suggestion ? replaceWith(ctx.doc, pointer, r.suggestion, l10n.t('Write {0}', r.suggestion)) : undefined;
}

const dates: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/invalid-date', 'error', 'modified or issued is not a calendar-valid ISO 8601 date (or, for modified, a repeating duration)'),
    M('dcat-us/date-format', 'warning', 'A date and time are separated by a space instead of T'),
    M('dcat-us/invalid-temporal', 'error', 'temporal is not an ISO 8601 interval start/end, start/duration or duration/end'),
    M('dcat-us/invalid-frequency', 'error', 'accrualPeriodicity is not an ISO 8601 repeating duration (R/P1Y) or irregular'),
  ],
  run(ctx) {
    const v10 = is10(ctx);
    for (const ds of datasets(ctx)) {
      for (let f = 0; f < DATE_FIELDS.length; f++) {
        const field = DATE_FIELDS[f];
        const v = text(ds.value[field]);
        if (v === undefined) continue;
        if (/^\d{4}-\d{2}-\d{2} \d/.test(v) && checkIsoDateTime(v.replace(' ', 'T')).valid) {
          const pointer = joinPointer(ds.pointer, field);
          const fixed = v.replace(' ', 'T');
          ctx.report({
            ruleId: 'dcat-us/date-format',
            pointer,
            message: l10n.t('{0} {1} separates the date and the time with a space; ISO 8601 uses "T": {2}. (The official schema tolerates the space; other consumers may not.)', place(pointer), q(v), q(fixed)),
            fixes: replaceWith(ctx.doc, pointer, fixed, l10n.t('Write {0}', fixed)),
          });
          continue;
        }
        let r: IsoCheck;
        if (field === 'modified' && /^(R\d*\/|P)/i.test(v)) {
          r = checkIsoInterval(v, { repeating: true, bareDuration: true });
          if (r.valid && r.kind !== 'duration' && r.kind !== 'start/duration') {
            r = { valid: false, reason: l10n.t('a repeating modified date is a duration (R/P1D) or a start and a duration (R/2016-01-01/P1D)') };
          }
        } else {
          r = checkIsoDateTime(v);
        }
        if (r.valid) continue;
        const pointer = joinPointer(ds.pointer, field);
        const forms = field === 'modified' ? 'an ISO 8601 date such as "2016-05-25" (or a date and time such as "2016-05-25T14:30:00Z"; "R/P1D" for data updated daily)' : 'an ISO 8601 date such as "2016-05-25" (or "2016-05", "2016", or a date and time)';
        ctx.report({
          ruleId: 'dcat-us/invalid-date',
          pointer,
          message: l10n.t('{0} {1} is not a valid date: {2}. Write {3}.', place(pointer), q(v), r.reason, forms),
          fixes: dateFix(ctx, pointer, r),
        });
      }

      const temporal = text(ds.value.temporal);
      if (temporal !== undefined) {
        const r = checkIsoInterval(temporal, { repeating: true });
        if (!r.valid) {
          const pointer = joinPointer(ds.pointer, 'temporal');
          ctx.report({
            ruleId: 'dcat-us/invalid-temporal',
            pointer,
            message: l10n.t('{0} {1} is not an ISO 8601 interval: {2}. Write start/end such as "2000-01-15/2010-01-15", or start/duration such as "2010-01/P1M".', place(pointer), q(temporal), r.reason),
            fixes: dateFix(ctx, pointer, r),
          });
        }
      }

      const freq = ds.value.accrualPeriodicity;
      if (typeof freq === 'string' && !isRedacted(freq) && freq !== 'irregular') {
        // A duration (nearly every one) is no frequency word: checked first, no pointer made when valid.
        const r = freq.includes('/') ? checkRepeatingDuration(freq) : undefined;
        if (r?.valid) continue;
        const pointer = joinPointer(ds.pointer, 'accrualPeriodicity');
        const word = ownValue(FREQUENCY_WORDS, freq.trim().toLowerCase());
        if (word) {
          const fixes = word.flatMap((w, i) => replaceWith(ctx.doc, pointer, w, l10n.t('Write {0}', w), i === 0) ?? []);
          const lower = freq === 'Irregular' || freq.trim().toLowerCase() === 'irregular';
          ctx.report({
            ruleId: 'dcat-us/invalid-frequency',
            pointer,
            severity: v10 && !lower ? 'warning' : undefined,
            message: lower ? l10n.t('{0} {1} must be written irregular, in lower case.', place(pointer), q(freq)) : l10n.t('{0} {1} is a Project Open Data 1.0 frequency word; since 1.1 it is an ISO 8601 repeating duration: {2}.', place(pointer), q(freq), word.map((w) => q(w)).join(' or ')),
            fixes: fixes.length ? fixes : undefined,
            data: { replacements: word },
          });
          continue;
        }
        const check = r ?? checkRepeatingDuration(freq);
        if (check.valid) continue;
        ctx.report({
          ruleId: 'dcat-us/invalid-frequency',
          pointer,
          message: l10n.t('{0} {1} is not a frequency: {2}. Write an ISO 8601 repeating duration such as "R/P1Y" (yearly), "R/P1M" (monthly), "R/P1W" (weekly), "R/P1D" (daily), or "irregular".', place(pointer), q(freq), check.reason),
          fixes: dateFix(ctx, pointer, check),
        });
      }
    }
  },
};

// ------------------------------------------------------------------------------ rights, identifiers

const rights: Rule = {
  scope: 'item',
  meta: [M('dcat-us/rights-required', 'error', 'A restricted public or non-public dataset has no rights statement')],
  run(ctx) {
    for (const ds of datasets(ctx)) {
      const level = ds.value.accessLevel;
      if (level !== 'restricted public' && level !== 'non-public') continue;
      const r = ds.value.rights ?? ds.value.accessLevelComment;
      if (typeof r === 'string') continue; // an empty text is reported by the schema
      const at = keyOffsets(ctx.doc, joinPointer(ds.pointer, 'accessLevel'));
      if (!at) continue;
      ctx.report({
        ruleId: 'dcat-us/rights-required',
        pointer: joinPointer(ds.pointer, 'rights'),
        message: l10n.t('{0} is {1}, so it needs rights: explain why it is not public{2} (at most 255 characters), e.g. "rights": "This dataset contains Personally Identifiable Information and could not be released for public access."', place(ds.pointer) === 'the document' ? l10n.t('This dataset') : place(ds.pointer), q(level), level === 'restricted public' ? l10n.t(' and how to get access') : ''),
        data: { offsets: at, accessLevel: level },
      });
    }
  },
};

const identifiers: Rule = {
  scope: 'document',
  itemKey: (d) => (isObj(d) ? JSON.stringify([d.identifier ?? null, d.isPartOf ?? null]) : ''),
  meta: [
    M('dcat-us/duplicate-identifier', 'error', 'Two datasets of the catalog share an identifier'),
    M('dcat-us/unknown-collection', 'warning', 'isPartOf names no dataset of the catalog, or a dataset that is itself part of a collection'),
  ],
  run(ctx) {
    if (!isCatalog(ctx)) return;
    const seen = new Map<string, Item>();
    const list = datasets(ctx);
    for (const ds of list) {
      const id = ds.value.identifier;
      if (typeof id !== 'string' || id === '' || isRedacted(id)) continue;
      const pointer = joinPointer(ds.pointer, 'identifier');
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, ds);
        continue;
      }
      const line = lineOf(ctx.doc, joinPointer(first.pointer, 'identifier'));
      ctx.report({
        ruleId: 'dcat-us/duplicate-identifier',
        pointer,
        message: l10n.t('{0} {1} is already the identifier of {2}{3}. Each identifier must be unique in the catalog and stay fixed; harvesters keep the first dataset and drop this one.', place(pointer), q(id), place(first.pointer), line ? l10n.t(' (line {0})', line) : ''),
        data: { identifier: id, first: first.pointer },
      });
    }
    for (const ds of list) {
      const parent = text(ds.value.isPartOf);
      if (parent === undefined) continue;
      const pointer = joinPointer(ds.pointer, 'isPartOf');
      const target = seen.get(parent);
      if (target === undefined) {
        ctx.report({
          ruleId: 'dcat-us/unknown-collection',
          pointer,
          message: l10n.t('{0} {1} is not the identifier of any dataset in this catalog; isPartOf must name the parent dataset of the collection, in the same catalog. Harvesters skip datasets whose collection is missing.', place(pointer), q(parent)),
        });
        continue;
      }
      const grand = target.value.isPartOf;
      if (typeof grand === 'string' && grand !== '') {
        ctx.report({
          ruleId: 'dcat-us/unknown-collection',
          pointer,
          message: l10n.t('{0} {1} names {2}, which is itself part of the collection {3}; collections cannot be nested (harvesters reject the parent).', place(pointer), q(parent), place(target.pointer), q(grand)),
        });
      }
    }
  },
};

// ------------------------------------------------------------------------------------ media types

/** Checks `value`, the media type at `field` of `owner`; the pointer is made only for a finding. */
function checkMediaType(ctx: RuleContext, owner: Item, field: string, value: string, what: string): 'invalid' | 'unregistered' | 'ok' {
  const parsed = parseMediaType(value);
  if (parsed && isKnownMediaType(parsed.essence)) return 'ok'; // nearly every one
  const pointer = joinPointer(owner.pointer, field);
  const suggestion = suggestMediaType(value);
  const fix = suggestion ? replaceWith(ctx.doc, pointer, suggestion, l10n.t('Write {0}', suggestion)) : undefined;
  if (!parsed || !TOP_LEVEL_TYPES.includes(parsed.type) && !isKnownMediaType(parsed.essence)) {
    const why = !parsed ? l10n.t('a media type is written type/subtype (letters, digits and ! # $ & ^ _ . + -), such as text/csv') : l10n.t('{0} is not a media type\'s top-level type ({1})', q(parsed.type), TOP_LEVEL_TYPES.join(', '));
    ctx.report({
      ruleId: 'dcat-us/invalid-media-type',
      pointer,
      message: l10n.t('{0} {1} is not a media type: {2}.{3} {4}', place(pointer), q(value), why, suggestion ? l10n.t(' Did you mean {0}?', q(suggestion)) : '', what),
      fixes: fix,
      data: { suggestion },
    });
    return 'invalid';
  }
  const vendorOrX = /^(x-|vnd\.|prs\.)/.test(parsed.subtype) || parsed.suffix !== undefined;
  ctx.report({
    ruleId: 'dcat-us/unregistered-media-type',
    pointer,
    severity: vendorOrX && !suggestion ? 'information' : undefined,
    message: suggestion ? l10n.t('{0} {1} is not a registered media type; the registered type is {2}.', place(pointer), q(value), q(suggestion)) : l10n.t('{0} {1} is not a registered media type (not in the IANA registry, nor in the Apache or nginx lists){2}.', place(pointer), q(value), vendorOrX ? l10n.t('; as an x-, vendor or structured-syntax type it is acceptable when no registered type fits') : l10n.t('; check the spelling at https://www.iana.org/assignments/media-types/, and if no registered type fits, mark it unregistered with x- ({0}/x-{1})', parsed.type, parsed.subtype)),
    fixes: fix,
    data: { suggestion },
  });
  return 'unregistered';
}

const mediaTypes: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/media-type-required', 'error', 'A distribution with downloadURL has no mediaType'),
    M('dcat-us/invalid-media-type', 'error', 'A mediaType or describedByType is not a syntactically valid media type'),
    M('dcat-us/unregistered-media-type', 'warning', 'A mediaType or describedByType is not a registered media type'),
    M('dcat-us/format-mismatch', 'warning', 'format and mediaType name different file types'),
    M('dcat-us/format-is-media-type', 'warning', 'format holds a MIME type (1.0 usage); in 1.1 it is a human-readable name and mediaType holds the type'),
  ],
  run(ctx) {
    const v10 = is10(ctx);
    for (const ds of datasets(ctx)) {
      const dsType = text(ds.value.describedByType);
      if (dsType !== undefined) checkMediaType(ctx, ds, 'describedByType', dsType, 'describedByType is the media type of the data dictionary at describedBy.');
      if (v10) continue; // 1.0 distributions have format = MIME type, checked by the 1.0 schema
      for (const dist of distributions(ds)) {
        const d = dist.value;
        const download = d.downloadURL;
        if (typeof download === 'string' && (d.mediaType === undefined || d.mediaType === null) && !isRedacted(download)) {
          const guessed = guessFromUrl(download);
          const edit = guessed ? insertAfter(ctx.doc, joinPointer(dist.pointer, 'downloadURL'), 'mediaType', guessed) : undefined;
          const at = keyOffsets(ctx.doc, joinPointer(dist.pointer, 'downloadURL'));
          ctx.report({
            ruleId: 'dcat-us/media-type-required',
            pointer: joinPointer(dist.pointer, 'mediaType'),
            message: l10n.t('{0} has a downloadURL but no mediaType; a download must say its media type{1}.', place(dist.pointer), guessed ? l10n.t(': the URL ends in .{0}, so probably "mediaType": {1}', extOf(download), q(guessed)) : l10n.t(', such as "mediaType": "text/csv"')),
            fixes: edit ? [{ title: l10n.t('Add "mediaType": "{0}"', guessed), isPreferred: true, edits: [edit] }] : undefined,
            data: at ? { offsets: at, suggestion: guessed } : { suggestion: guessed },
          });
        }
        const dType = text(d.describedByType);
        if (dType !== undefined) checkMediaType(ctx, dist, 'describedByType', dType, 'describedByType is the media type of the data dictionary at describedBy.');
        const mt = text(d.mediaType);
        const status = mt === undefined ? undefined : checkMediaType(ctx, dist, 'mediaType', mt, 'mediaType is the IANA media type of the file at downloadURL, such as text/csv.');
        const format = text(d.format);
        if (format === undefined) continue;
        const formatAsType = /\//.test(format) ? parseMediaType(format) : undefined;
        if (formatAsType && (TOP_LEVEL_TYPES.includes(formatAsType.type) || isKnownMediaType(formatAsType.essence))) {
          const fPointer = joinPointer(dist.pointer, 'format');
          const name = describeMediaType(suggestMediaType(formatAsType.essence) ?? formatAsType.essence);
          const fixes: Fix[] = [];
          if (mt === undefined && !('mediaType' in d)) {
            const rename = ctx.doc.nodes.get(fPointer)?.key;
            if (rename) {
              const edits: TextEdit[] = [{ range: ctx.doc.rangeOf(rename), newText: ctx.doc.format === 'json' ? '"mediaType"' : 'mediaType' }];
              if (name) {
                const add = insertAfter(ctx.doc, fPointer, 'format', name);
                if (add) edits.push(add);
              }
              fixes.push({ title: l10n.t('Move the type to mediaType{0}', name ? l10n.t(' and write format "{0}"', name) : ''), isPreferred: true, edits });
            }
          } else if (name && mt !== undefined && parseMediaType(mt)?.essence === formatAsType.essence) {
            fixes.push(...(replaceWith(ctx.doc, fPointer, name, l10n.t('Write format "{0}"', name)) ?? []));
          }
          ctx.report({
            ruleId: 'dcat-us/format-is-media-type',
            pointer: fPointer,
            message: l10n.t('{0} {1} is a MIME type, as format was in 1.0. Since 1.1, format is a human-readable name{2} and the MIME type goes in mediaType{3}.', place(fPointer), q(format), name ? ` (${q(name)})` : '', mt === undefined ? '' : mt.toLowerCase() === format.toLowerCase() ? l10n.t(', which already holds it') : l10n.t(' (now {0})', q(mt))),
            fixes: fixes.length ? fixes : undefined,
          });
          continue;
        }
        if (mt === undefined || status === 'invalid') continue;
        const expected = expectedTypesForFormat(format);
        const parsed = parseMediaType(mt);
        if (!expected || !parsed || agrees(expected, parsed)) continue;
        const named = expected.named.map((w) => w.toUpperCase()).join('/');
        const mtName = describeMediaType(parsed.essence);
        const want = expected.named.length === 1 ? expected.types.filter((t) => isKnownMediaType(t))[0] : undefined;
        ctx.report({
          ruleId: 'dcat-us/format-mismatch',
          pointer: joinPointer(dist.pointer, 'mediaType'),
          message: l10n.t('{0} says format {1} ({2}) but mediaType {3}{4}. Make them agree: {5}correct format if the file really is {6}.', place(dist.pointer), q(format), named, q(mt), mtName ? ` (${mtName})` : '', want ? l10n.t('for {0} the media type is {1}, or ', named, q(want)) : '', mtName ?? mt),
          data: { format, mediaType: mt, expected: expected.types },
        });
      }
    }
  },
};

function extOf(url: string): string {
  const u = parseAbsoluteUrl(url);
  const path = (u ? u.pathname : url.split(/[?#]/)[0]).toLowerCase();
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1);
}

/** The media type a download URL's extension stands for, when the extension is a known, unambiguous one. */
function guessFromUrl(url: string): string | undefined {
  const ext = extOf(url);
  if (!ext || /^(html?|php|aspx?|jsp|cfm|cgi)$/.test(ext)) return undefined;
  const types = typesForExtension(ext);
  return types[0];
}

// ------------------------------------------------------------------------------------- distributions

const DOWNLOAD_EXT = /^(csv|tsv|txt|xlsx?|xlsm|ods|json|geojson|xml|zip|gz|tgz|7z|pdf|docx?|kml|kmz|shp|dbf|sav|dta|sas7bdat|rdata|rds|parquet|nc|h5|hdf|mdb|accdb|sqlite|db|tif|tiff|jpg|jpeg|png|gpkg)$/;

const distributionUrls: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/access-url-download', 'warning', 'accessURL points at a file to download: since 1.1 that is downloadURL'),
    M('dcat-us/distribution-url', 'warning', 'A distribution has neither accessURL nor downloadURL'),
  ],
  run(ctx) {
    if (is10(ctx)) return;
    for (const ds of datasets(ctx)) {
      for (const dist of distributions(ds)) {
        const d = dist.value;
        const access = text(d.accessURL);
        if (d.downloadURL === undefined && access === undefined && (d.accessURL === undefined || d.accessURL === null)) {
          const at = ctx.doc.nodes.get(dist.pointer)?.value;
          ctx.report({
            ruleId: 'dcat-us/distribution-url',
            pointer: dist.pointer,
            message: l10n.t('{0} has neither downloadURL (a file to download, with mediaType) nor accessURL (an API or a web page giving access); each distribution should have one of them.', place(dist.pointer)),
            data: at ? { offsets: { start: at.start, end: Math.min(at.end, at.start + 1) } } : undefined,
          });
          continue;
        }
        if (access === undefined || d.downloadURL !== undefined) continue;
        const ext = extOf(access);
        if (!DOWNLOAD_EXT.test(ext)) continue;
        const pointer = joinPointer(dist.pointer, 'accessURL');
        const fixes: Fix[] = [];
        const key = ctx.doc.nodes.get(pointer)?.key;
        if (key) {
          const edits: TextEdit[] = [{ range: ctx.doc.rangeOf(key), newText: ctx.doc.format === 'json' ? '"downloadURL"' : 'downloadURL' }];
          const guessed = typesForExtension(ext)[0];
          if (d.mediaType === undefined && guessed) {
            const add = insertAfter(ctx.doc, pointer, 'mediaType', guessed);
            if (add) edits.push(add);
          }
          fixes.push({ title: l10n.t('Make it downloadURL{0}', edits.length > 1 ? l10n.t(' and add "mediaType": "{0}"', guessed) : ''), isPreferred: false, edits });
        }
        ctx.report({
          ruleId: 'dcat-us/access-url-download',
          pointer,
          on: 'key',
          message: l10n.t('{0} {1} ends in .{2}, a file to download. In 1.0 accessURL held downloads; since 1.1 a direct download is downloadURL (with mediaType), and accessURL is for indirect access such as an API or a query page.', place(pointer), q(access), ext),
          fixes,
        });
      }
    }
  },
};

// ------------------------------------------------------------------------------------- URLs, licence

const URL_FIELDS = {
  catalog: ['@id', 'describedBy', '@context'],
  dataset: ['landingPage', 'describedBy', 'conformsTo'],
  distribution: ['downloadURL', 'accessURL', 'describedBy', 'conformsTo'],
};
/** The same in a Project Open Data 1.0 list. */
const URL_FIELDS_1_0 = {
  dataset: ['landingPage', 'dataDictionary', 'webService', 'accessURL'],
  distribution: ['accessURL'],
};

function urlProblem(v: string): { reason: string; fixed?: string } | undefined {
  if (isAbsoluteUrl(v)) return undefined;
  const trimmed = v.trim();
  if (trimmed !== v && parseAbsoluteUrl(trimmed)) return { reason: l10n.t('it has spaces before or after it'), fixed: trimmed };
  if (/\s/.test(trimmed)) {
    const encoded = trimmed.replace(/\s/g, (c) => (c === ' ' ? '%20' : encodeURIComponent(c)));
    if (parseAbsoluteUrl(encoded)) return { reason: l10n.t('a URL cannot contain spaces; write them as %20'), fixed: encoded };
  }
  const fixed = suggestUrlFix(v);
  if (fixed) return { reason: l10n.t('the scheme is mistyped or missing'), fixed };
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return { reason: l10n.t('it has no scheme such as https:// (relative paths are not allowed)') };
  return { reason: l10n.t('it cannot be read as a URL') };
}

const urls: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/invalid-url', 'error', 'A URL field holds something that is not an absolute URL'),
    M('dcat-us/license-not-url', 'error', 'license is not a URL (a name or an SPDX id instead of the licence URL)'),
  ],
  run(ctx) {
    const invalid = (v: string, p: { reason: string; fixed?: string }, pointer: string) =>
      ctx.report({
        ruleId: 'dcat-us/invalid-url',
        pointer,
        message: l10n.t('{0} {1} is not a valid absolute URL: {2}.{3}', place(pointer), q(v), p.reason, p.fixed ? l10n.t(' Write {0}.', q(p.fixed)) : ''),
        fixes: p.fixed ? replaceWith(ctx.doc, pointer, p.fixed, l10n.t('Write {0}', p.fixed)) : undefined,
      });
    /** `owner`: the pointer of `obj`, or the item whose pointer it is (made only for a finding). */
    const check = (obj: Obj, owner: string | Item, fields: readonly string[]) => {
      for (let i = 0; i < fields.length; i++) {
        const v = text(obj[fields[i]]);
        if (v === undefined) continue;
        const p = urlProblem(v);
        if (p) invalid(v, p, joinPointer(typeof owner === 'string' ? owner : owner.pointer, fields[i]));
      }
    };
    if (shapeOf(ctx.doc) === 'catalog' && isObj(ctx.value)) check(ctx.value, '', URL_FIELDS.catalog);
    const v10 = is10(ctx);
    for (const ds of datasets(ctx)) {
      check(ds.value, ds, v10 ? URL_FIELDS_1_0.dataset : URL_FIELDS.dataset);
      const refs = ds.value.references;
      if (Array.isArray(refs)) {
        for (let i = 0; i < refs.length; i++) {
          const v = text(refs[i]);
          const p = v === undefined ? undefined : urlProblem(v);
          if (p) invalid(v!, p, joinPointer(joinPointer(ds.pointer, 'references'), i));
        }
      }
      for (const dist of distributions(ds)) check(dist.value, dist, v10 ? URL_FIELDS_1_0.distribution : URL_FIELDS.distribution);
      const license = text(ds.value.license);
      if (license === undefined || v10) continue;
      const p = urlProblem(license);
      if (!p) continue;
      const pointer = joinPointer(ds.pointer, 'license');
      if (p.fixed) {
        ctx.report({ ruleId: 'dcat-us/invalid-url', pointer, message: l10n.t('{0} {1} is not a valid URL: {2}. Write {3}.', place(pointer), q(license), p.reason, q(p.fixed)), fixes: replaceWith(ctx.doc, pointer, p.fixed, l10n.t('Write {0}', p.fixed)) });
        continue;
      }
      const spdx = /\s(and|or|with)\s/i.test(license) ? undefined : checkSpdxExpression(license);
      const id = spdx ? (spdx.valid ? license.trim() : spdx.suggestion) : undefined;
      const url = id && !/\s/.test(id) ? licenseUrl(id) : undefined;
      ctx.report({
        ruleId: 'dcat-us/license-not-url',
        pointer,
        message: l10n.t('{0} {1} is not a URL; since 1.1 license is the URL of the licence{2}. See https://project-open-data.cio.gov/open-licenses/.', place(pointer), q(license), url ? l10n.t(': for {0}, {1}', id, q(url)) : l10n.t(', such as "https://creativecommons.org/publicdomain/zero/1.0/" (CC0) or, for U.S. Government works, "https://www.usa.gov/government-works"')),
        fixes: url ? replaceWith(ctx.doc, pointer, url, l10n.t('Write {0}', url)) : undefined,
        data: { spdx: id, url },
      });
    }
  },
};

// ----------------------------------------------------------------------------- language, e-mail

/** `us-EN` → `en-US`; the POD spec's own "sp for Spanish" → `es`. */
function languageSuggestion(tag: string, fallback?: string): string | undefined {
  const parts = tag.split(/[-_]/);
  if (parts.length === 2 && /^[A-Za-z]{2}$/.test(parts[0]) && /^[A-Za-z]{2,3}$/.test(parts[1])) {
    const swapped = `${parts[1].toLowerCase()}-${parts[0].toUpperCase()}`;
    if (checkLanguageTag(swapped).valid && !checkLanguageTag(tag).valid) return swapped;
  }
  if (/^sp(-|_|$)/i.test(tag)) {
    const es = `es${tag.slice(2).replace('_', '-')}`;
    const check = checkLanguageTag(es);
    if (check.valid) return es.replace(/-(\w+)$/, (m, r: string) => `-${r.toUpperCase()}`);
  }
  return fallback;
}

const language: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/invalid-language', 'error', 'A language is not a valid RFC 5646 (BCP 47) language tag'),
    M('dcat-us/deprecated-language', 'warning', 'A language tag uses a subtag the IANA registry deprecates'),
  ],
  run(ctx) {
    for (const ds of datasets(ctx)) {
      const list = ds.value.language;
      if (!Array.isArray(list)) continue;
      list.forEach((tag, i) => {
        if (typeof tag !== 'string' || isRedacted(tag)) return;
        const r = checkLanguageTag(tag);
        if (r.valid && !r.deprecated) return; // nearly every tag
        const pointer = joinPointer(joinPointer(ds.pointer, 'language'), i);
        if (r.valid) {
          if (r.deprecated) {
            ctx.report({
              ruleId: 'dcat-us/deprecated-language',
              pointer,
              message: l10n.t('{0} {1} uses a deprecated subtag{2}.', place(pointer), q(tag), r.deprecated.preferred ? l10n.t('; write {0}', q(r.deprecated.preferred)) : ''),
              fixes: r.deprecated.preferred ? replaceWith(ctx.doc, pointer, r.deprecated.preferred, l10n.t('Write {0}', r.deprecated.preferred)) : undefined,
            });
          }
          return;
        }
        const suggestion = languageSuggestion(tag, r.suggestion);
        ctx.report({
          ruleId: 'dcat-us/invalid-language',
          pointer,
          message: l10n.t('{0} {1} is not an RFC 5646 language tag: {2}.{3} Write the language first, then the region: "en-US", "es-MX", "es".', place(pointer), q(tag), r.reason, suggestion ? l10n.t(' Did you mean {0}?', q(suggestion)) : ''),
          fixes: suggestion ? replaceWith(ctx.doc, pointer, suggestion, l10n.t('Write {0}', suggestion)) : undefined,
          data: { suggestion },
        });
      });
    }
  },
};

const email: Rule = {
  scope: 'item',
  meta: [M('dcat-us/invalid-email', 'error', 'contactPoint.hasEmail is not a mailto: e-mail address')],
  run(ctx) {
    if (is10(ctx)) return;
    for (const ds of datasets(ctx)) {
      const cp = ds.value.contactPoint;
      if (!isObj(cp)) continue;
      const v = text(cp.hasEmail);
      if (v === undefined) continue;
      // Nearly every one: `mailto:` and an e-mail address (anything else is looked at below).
      if (v.startsWith('mailto:') && v.indexOf('?') === -1 && isEmail(v.trim().slice(7))) continue;
      const pointer = joinPointer(joinPointer(ds.pointer, 'contactPoint'), 'hasEmail');
      const m = /^mailto:(.*)$/i.exec(v.trim());
      const address = (m ? m[1] : v.trim()).split('?')[0];
      if (m && v.startsWith('mailto:') && isEmail(address)) continue;
      let fixed: string | undefined;
      let why: string;
      if (!isEmail(address)) {
        why = l10n.t('{0} is not an e-mail address', q(address));
      } else if (!m) {
        fixed = `mailto:${v.trim()}`;
        why = l10n.t('the address must be written as a mailto: URI');
      } else {
        fixed = `mailto:${m[1]}`;
        why = v !== v.trim() ? l10n.t('it has spaces around it') : l10n.t('the scheme is written in lower case: mailto:');
      }
      ctx.report({
        ruleId: 'dcat-us/invalid-email',
        pointer,
        message: l10n.t('{0} {1}: {2}. Write it as "mailto:name@agency.gov"{3}.', place(pointer), q(v), why, fixed ? `: ${q(fixed)}` : ''),
        fixes: fixed ? replaceWith(ctx.doc, pointer, fixed, l10n.t('Write {0}', fixed)) : undefined,
      });
    }
  },
};

// ------------------------------------------------------------------------------------ 1.0 → 1.1

const renames: Rule = {
  scope: 'item',
  meta: [
    M('dcat-us/renamed-key', 'warning', 'A Project Open Data 1.0 key that 1.1 renamed, moved or removed'),
    M('dcat-us/legacy-shape', 'error', 'publisher or contactPoint is a text (1.0) instead of an object (1.1)'),
  ],
  run(ctx) {
    const v10 = is10(ctx);
    for (const ds of datasets(ctx)) {
      const o = ds.value;
      for (let r = 0; r < RENAMES.length; r++) {
        const key = RENAMED_KEYS[r];
        const rename = RENAMES[r];
        if (!(key in o)) continue;
        const pointer = joinPointer(ds.pointer, key);
        let fixes: Fix[] | undefined;
        if (rename.renameTo && !(rename.renameTo in o)) fixes = renameKey(ctx.doc, pointer, rename.renameTo, l10n.t('Rename to {0}', rename.renameTo));
        if (key === 'mbox' && typeof o.mbox === 'string') fixes = mboxFix(ctx, ds);
        if (key === 'accessURL' && typeof o.accessURL === 'string') fixes = accessUrlFix(ctx, ds);
        ctx.report({
          ruleId: 'dcat-us/renamed-key',
          pointer,
          on: 'key',
          message: l10n.t('{0} is a Project Open Data 1.0 key: {1}.{2}{3}', key, rename.explanation, rename.replacement ? l10n.t(' Use {0}.', rename.replacement) : '', rename.renameTo && rename.renameTo in o ? l10n.t(' ({0} is already there: remove {1}.)', rename.renameTo, key) : ''),
          fixes,
          data: { replacement: rename.replacement },
        });
      }
      if (v10) continue;
      const publisher = o.publisher;
      if (typeof publisher === 'string' && publisher !== '') {
        const pointer = joinPointer(ds.pointer, 'publisher');
        ctx.report({
          ruleId: 'dcat-us/legacy-shape',
          pointer,
          message: l10n.t('{0} is a text, as in 1.0; since 1.1 publisher is an object with the name (and optionally subOrganizationOf): {1}.', place(pointer), `{"name": ${JSON.stringify(publisher)}}`),
          fixes: replaceWith(ctx.doc, pointer, { name: publisher }, l10n.t('Make it {"name": …}')),
        });
      }
      const cp = o.contactPoint;
      if (typeof cp === 'string' && cp !== '') {
        const pointer = joinPointer(ds.pointer, 'contactPoint');
        const mbox = typeof o.mbox === 'string' && o.mbox !== '' ? o.mbox : undefined;
        const obj: Obj = { fn: cp };
        if (mbox) obj.hasEmail = mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}`;
        const fixes: Fix[] = [];
        const info = ctx.doc.nodes.get(pointer);
        if (info) {
          const edits: TextEdit[] = [{ range: ctx.doc.rangeOf(info.value), newText: JSON.stringify(obj) }];
          const remove = mbox ? removeMember(ctx.doc, ds.pointer, o, 'mbox') : undefined;
          if (!mbox || remove) {
            if (remove) edits.push(remove);
            fixes.push({ title: mbox ? l10n.t('Make it {"fn": …, "hasEmail": "mailto:…"} and remove mbox') : l10n.t('Make it {"fn": …}'), isPreferred: true, edits });
          }
        }
        ctx.report({
          ruleId: 'dcat-us/legacy-shape',
          pointer,
          message: l10n.t('{0} is a text, as in 1.0; since 1.1 contactPoint is an object with the name (fn) and the e-mail (hasEmail, a mailto: URI): {1}.', place(pointer), JSON.stringify(obj)),
          fixes: fixes.length ? fixes : undefined,
        });
      }
    }
  },
};

/** mbox → contactPoint.hasEmail, when contactPoint is an object without hasEmail (a string contactPoint is fixed by legacy-shape). */
function mboxFix(ctx: RuleContext, ds: Item): Fix[] | undefined {
  const cp = ds.value.contactPoint;
  const mbox = ds.value.mbox as string;
  if (!isObj(cp) || 'hasEmail' in cp) return undefined;
  const last = Object.keys(cp).pop();
  if (last === undefined) return undefined;
  const cpPointer = joinPointer(ds.pointer, 'contactPoint');
  const address = mbox.startsWith('mailto:') ? mbox : `mailto:${mbox}`;
  const add = insertAfter(ctx.doc, joinPointer(cpPointer, last), 'hasEmail', address);
  const remove = removeMember(ctx.doc, ds.pointer, ds.value, 'mbox');
  if (!add || !remove) return undefined;
  return [{ title: l10n.t('Move it to contactPoint.hasEmail: {0}', address), isPreferred: true, edits: [add, remove] }];
}

/** A dataset-level 1.0 accessURL → a distribution (downloadURL + mediaType for a file, else accessURL). */
function accessUrlFix(ctx: RuleContext, ds: Item): Fix[] | undefined {
  const o = ds.value;
  const url = o.accessURL as string;
  if ((o.format !== undefined && o.format !== null) || isRedacted(url)) return undefined;
  if (o.distribution !== undefined && o.distribution !== null) return undefined;
  const ext = extOf(url);
  const type = DOWNLOAD_EXT.test(ext) ? typesForExtension(ext)[0] : undefined;
  const dist = type ? { downloadURL: url, mediaType: type } : { accessURL: url };
  const value = JSON.stringify([dist]);
  const title = l10n.t('Move it into a distribution: {0}', type ? l10n.t('downloadURL with mediaType {0}', type) : 'accessURL');
  const pointer = joinPointer(ds.pointer, 'accessURL');
  const info = ctx.doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  if (o.distribution === undefined) {
    return [{
      title,
      isPreferred: true,
      edits: [
        { range: ctx.doc.rangeOf(info.key), newText: ctx.doc.format === 'json' ? '"distribution"' : 'distribution' },
        { range: ctx.doc.rangeOf(info.value), newText: value },
      ],
    }];
  }
  const distInfo = ctx.doc.nodes.get(joinPointer(ds.pointer, 'distribution'));
  const remove = removeMember(ctx.doc, ds.pointer, o, 'accessURL');
  if (!distInfo || !remove) return undefined;
  return [{ title, isPreferred: true, edits: [{ range: ctx.doc.rangeOf(distInfo.value), newText: value }, remove] }];
}

// ---------------------------------------------------------------------------------- misspelled keys

/** A list of known keys, and the same as a set for the question asked of every key of every dataset. */
interface KnownKeys {
  list: readonly string[];
  set: ReadonlySet<string>;
}

const knownKeys = (list: readonly string[]): KnownKeys => ({ list, set: new Set(list) });
const KNOWN = {
  catalog: knownKeys(KNOWN_KEYS.catalog),
  dataset: knownKeys(KNOWN_KEYS.dataset),
  publisher: knownKeys(KNOWN_KEYS.publisher),
  contactPoint: knownKeys(KNOWN_KEYS.contactPoint),
  distribution: knownKeys(KNOWN_KEYS.distribution),
};

/** The known key that `key` (not one of them) misspells or miscapitalises, if there is exactly one. */
function closeKey(key: string, known: readonly string[]): string | undefined {
  if (key.includes(':')) return undefined;
  const lower = key.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  const limit = key.length <= 6 ? 1 : 2;
  let best: string | undefined;
  let bestD = Infinity;
  let ties = 0;
  for (const k of known) {
    if (Math.abs(k.length - key.length) > limit) continue;
    const d = distance(lower, k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
      ties = 1;
    } else if (d === bestD) ties++;
  }
  return best && bestD <= limit && ties === 1 && key.length >= 4 ? best : undefined;
}

const misspelled: Rule = {
  scope: 'item',
  meta: [M('dcat-us/misspelled-key', 'warning', 'A key is a misspelling (or wrong capitalisation) of a DCAT-US key')],
  run(ctx) {
    if (is10(ctx)) return;
    /** The keys of `obj`, the object at `owner` (or at its `field`), checked against `known`. */
    const check = (obj: Obj, known: KnownKeys, owner: Item | string, field?: string) => {
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        if (known.set.has(key)) continue; // nearly every key: no pointer made
        const fix = closeKey(key, known.list);
        if (!fix || fix in obj) continue;
        const at = typeof owner === 'string' ? owner : owner.pointer;
        const base = field === undefined ? at : joinPointer(at, field);
        const pointer = joinPointer(base, key);
        ctx.report({
          ruleId: 'dcat-us/misspelled-key',
          pointer,
          on: 'key',
          message: l10n.t('Unknown key {0}{1}: did you mean {2}? DCAT-US keys are case-sensitive, and other tools ignore {0}.', q(key), base === '' ? '' : l10n.t(' in {0}', place(base)), q(fix)),
          fixes: renameKey(ctx.doc, pointer, fix, l10n.t('Rename to {0}', fix)),
          data: { suggestion: fix },
        });
      }
    };
    if (shapeOf(ctx.doc) === 'catalog' && isObj(ctx.value)) check(ctx.value, KNOWN.catalog, '');
    for (const ds of datasets(ctx)) {
      const o = ds.value;
      check(o, KNOWN.dataset, ds);
      if (isObj(o.publisher)) check(o.publisher, KNOWN.publisher, ds, 'publisher');
      if (isObj(o.contactPoint)) check(o.contactPoint, KNOWN.contactPoint, ds, 'contactPoint');
      for (const dist of distributions(ds)) check(dist.value, KNOWN.distribution, dist);
    }
  },
};

// ------------------------------------------------------------------------------------- keywords

const keywords: Rule = {
  scope: 'item',
  meta: [M('dcat-us/duplicate-keyword', 'warning', 'A dataset lists the same keyword twice')],
  run(ctx) {
    for (const ds of datasets(ctx)) {
      const list = ds.value.keyword;
      if (!Array.isArray(list) || list.length < 2) continue;
      const seen = new Map<string, number>();
      list.forEach((k, i) => {
        if (typeof k !== 'string') return;
        const norm = k.trim().toLowerCase();
        const first = seen.get(norm);
        if (first === undefined) {
          seen.set(norm, i);
          return;
        }
        const pointer = joinPointer(joinPointer(ds.pointer, 'keyword'), i);
        ctx.report({
          ruleId: 'dcat-us/duplicate-keyword',
          pointer,
          message: l10n.t('{0} {1} repeats keyword {2} ({3}); avoid duplicate keywords in a dataset.', place(pointer), q(k), first + 1, q(list[first] as string)),
        });
      });
    }
  },
};

export const dcatUsRules: Rule[] = [dispatch, profileHint, codes, dates, rights, identifiers, mediaTypes, distributionUrls, urls, language, email, renames, misspelled, keywords];

