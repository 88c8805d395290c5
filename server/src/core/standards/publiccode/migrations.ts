// Keys that changed between versions: deprecated in 0.x (warnings), removed in 1.0 (errors), renamed
// after the 0.1 draft (errors: no 0.2+ validator knows them). Every finding names the replacement and,
// where the move is mechanical, carries a quick fix that makes it.

import type { ParsedDocument } from '../../document';
import { splitPointer, valueAt } from '../../pointer';
import type { Rule, RuleContext, RuleMeta } from '../../standard';
import type { Fix, TextEdit } from '../../types';
import { get, isObj, keyFix, nodesMatching, ownValue, type Obj, M } from '../../rules/kit';
import { appendTopLevelEdit, edit, insertIntoMappingEdit, keyLines, quoted, removeKeyEdit, removeKeyFix, yamlBlock } from './edits';
import { DEPRECATIONS, LATEST, PIATTAFORME_ALIASES, RENAMED_IN_0_2, VERSION_VALUES, compareVersions, isVersion1, normalizeVersion, type Deprecation } from './vocabulary';
import * as l10n from '../../l10n';


/**
 * The version the file follows: its own publiccodeYmlVersion when that is text, else the detected
 * one (modeline, forced). The schema is chosen the same way (index.ts).
 */
export function fileVersion(ctx: Pick<RuleContext, 'value' | 'detection'>): string {
  const v = get(ctx.value, 'publiccodeYmlVersion');
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : ctx.detection.version;
}

export function isV1(ctx: Pick<RuleContext, 'value' | 'detection'>): boolean {
  return isVersion1(fileVersion(ctx));
}

/** The declared 0.x version, normalised (`0` → `0.7`), or the latest when unknown or 1.0. */
export function declared0x(ctx: Pick<RuleContext, 'value' | 'detection'>): string {
  const v = fileVersion(ctx);
  // An unsupported version (0.1, 2…) is reported at dispatch; the file is then checked as the latest.
  return ((VERSION_VALUES as readonly string[]).includes(v) ? normalizeVersion(v) : undefined) ?? LATEST;
}

// ------------------------------------------------------------------------------------ fix builders

/** One fix from a removal and an addition; merged into one edit when they touch (end of file). */
function combine(title: string, removal: TextEdit | undefined, addition: TextEdit | undefined, isPreferred = true): Fix[] | undefined {
  if (!removal || !addition) return undefined;
  return [{ title, isPreferred, edits: [removal, addition] }];
}

/**
 * Remove the lines at `removeRange` and append `lines` at the end of the document; when the removed
 * lines are the last ones, replace them instead (edits must not touch).
 */
function moveToTopLevel(doc: ParsedDocument, removeRange: { start: number; end: number } | undefined, lines: string[], title: string): Fix[] | undefined {
  if (!removeRange) return undefined;
  if (removeRange.end >= doc.text.trimEnd().length) {
    return [{ title, isPreferred: true, edits: [edit(doc, removeRange, yamlBlock(doc, lines))] }];
  }
  return combine(title, edit(doc, removeRange, ''), appendTopLevelEdit(doc, lines));
}

/** legal.repoOwner → organisation.name. */
function repoOwnerFix(doc: ParsedDocument, value: unknown, pointer: string): Fix[] | undefined {
  const owner = valueAt(value, pointer);
  if (typeof owner !== 'string' || owner.trim() === '') return removeKeyFix(doc, pointer, l10n.t('Remove legal.repoOwner (it is empty)'));
  const org = get(value, 'organisation');
  if (org === undefined) {
    const ipa = get(value, 'IT', 'riuso', 'codiceIPA') ?? get(value, 'it', 'riuso', 'codiceIPA');
    const lines = ['organisation:', `  name: ${quoted(owner)}`];
    if (typeof ipa === 'string' && /^[A-Za-z0-9_]+$/.test(ipa)) lines.push(`  uri: ${quoted(`urn:x-italian-pa:${ipa}`)}`);
    return moveToTopLevel(doc, keyLines(doc, pointer), lines, l10n.t('Move to organisation.name: {0}', owner));
  }
  if (!isObj(org)) return undefined;
  if (org.name === undefined) {
    return combine(l10n.t('Move to organisation.name: {0}', owner), removeKeyEdit(doc, pointer), insertIntoMappingEdit(doc, '/organisation', `name: ${quoted(owner)}`));
  }
  if (org.name === owner) return removeKeyFix(doc, pointer, l10n.t('Remove legal.repoOwner (organisation.name already says it)'), true);
  return undefined;
}

/** IT.riuso.codiceIPA → organisation.uri: urn:x-italian-pa:<code>. */
function codiceIpaFix(doc: ParsedDocument, value: unknown, pointer: string): Fix[] | undefined {
  const code = valueAt(value, pointer);
  if (typeof code !== 'string' || !/^[A-Za-z0-9_]+$/.test(code)) return undefined;
  const urn = `urn:x-italian-pa:${code}`;
  // Drop the riuso section when codiceIPA is all it holds.
  const riusoPointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const riuso = valueAt(value, riusoPointer);
  const removePointer = isObj(riuso) && Object.keys(riuso).length === 1 ? riusoPointer : pointer;
  const org = get(value, 'organisation');
  if (org === undefined) return moveToTopLevel(doc, keyLines(doc, removePointer), ['organisation:', `  uri: ${quoted(urn)}`], l10n.t('Move to organisation.uri: {0}', urn));
  if (!isObj(org)) return undefined;
  if (org.uri === undefined) return combine(l10n.t('Move to organisation.uri: {0}', urn), removeKeyEdit(doc, removePointer), insertIntoMappingEdit(doc, '/organisation', `uri: ${quoted(urn)}`));
  if (org.uri === urn) return removeKeyFix(doc, removePointer, l10n.t('Remove codiceIPA (organisation.uri already says it)'), true);
  return undefined;
}

/**
 * What an Italian section says in keys that replace it: supports aliases for the platforms (and the
 * GDPR), organisation.uri for the iPA code.
 */
export function italianSectionReplacement(value: unknown, key: 'IT' | 'it'): { aliases: string[]; ipa?: string } {
  const section = get(value, key);
  const aliases = Object.entries(isObj(get(section, 'piattaforme')) ? (get(section, 'piattaforme') as Obj) : {})
    .filter(([k, on]) => on === true && ownValue(PIATTAFORME_ALIASES, k))
    .map(([k]) => PIATTAFORME_ALIASES[k]);
  if (get(section, 'conforme', 'gdpr') === true) aliases.push('alias:gdpr');
  const ipa = get(section, 'riuso', 'codiceIPA');
  return { aliases, ipa: typeof ipa === 'string' && ipa !== '' ? ipa : undefined };
}

/**
 * Replace the whole Italian section with supports (and organisation.uri), when nothing would be lost
 * or merged by hand: no supports key yet, and no other organisation.uri.
 */
export function italianSectionFix(doc: ParsedDocument, value: unknown, key: 'IT' | 'it'): Fix[] | undefined {
  const section = get(value, key);
  if (section !== null && section !== undefined && !isObj(section)) return undefined;
  const lines = keyLines(doc, `/${key}`);
  if (!lines) return undefined;
  const { aliases, ipa } = italianSectionReplacement(value, key);
  if (aliases.length && get(value, 'supports') !== undefined) return undefined;
  const out: string[] = [];
  if (aliases.length) out.push('supports:', ...aliases.map((a) => `  - id: ${quoted(a)}`));
  const extra: TextEdit[] = [];
  if (ipa) {
    if (!/^[A-Za-z0-9_]+$/.test(ipa)) return undefined;
    const urn = `urn:x-italian-pa:${ipa}`;
    const org = get(value, 'organisation');
    if (org === undefined) out.push('organisation:', `  uri: ${quoted(urn)}`);
    else if (isObj(org) && org.uri === undefined) {
      const e = insertIntoMappingEdit(doc, '/organisation', `uri: ${quoted(urn)}`);
      if (!e) return undefined;
      extra.push(e);
    } else if (!(isObj(org) && org.uri === urn)) return undefined;
  }
  const title = out.length || extra.length ? l10n.t('Replace the {0} section with {1}', key, [aliases.length ? 'supports' : '', ipa ? 'organisation.uri' : ''].filter(Boolean).join(' and ')) : l10n.t('Remove the {0} section', key);
  return [{ title, isPreferred: true, edits: [edit(doc, lines, out.length ? yamlBlock(doc, out) : ''), ...extra] }];
}

function deprecationFix(ctx: RuleContext, d: Deprecation, pointer: string): Fix[] | undefined {
  const { doc, value } = ctx;
  const segs = splitPointer(pointer);
  const name = segs[segs.length - 1];
  const parent = valueAt(value, pointer.slice(0, pointer.lastIndexOf('/')));
  switch (d.fix) {
    case 'rename': {
      const to = d.renameTo!;
      if (isObj(parent) && to in parent) {
        return name === 'it' ? undefined : removeKeyFix(doc, pointer, l10n.t('Remove {0} ({1} is already set)', name, to));
      }
      return keyFix(doc, pointer, to, l10n.t('Rename {0} to {1}', name, to));
    }
    case 'remove':
      return removeKeyFix(doc, pointer, l10n.t('Remove {0}', segs.join('.')), true);
    case 'to-organisation-name':
      return repoOwnerFix(doc, value, pointer);
    case 'to-organisation-uri':
      return codiceIpaFix(doc, value, pointer);
  }
  return undefined;
}

// ------------------------------------------------------------------------------------------ rules

/** Deprecated keys: warnings in 0.x, errors in 1.0 (which removed them). */
export const deprecations: Rule = {
  meta: [
    M('publiccode/deprecated-key', 'warning', 'A key is deprecated in publiccode.yml 0.x'),
    M('publiccode/removed-key', 'error', 'A key was removed in publiccode.yml 1.0'),
  ],
  run(ctx) {
    const { value } = ctx;
    const v1 = isV1(ctx);
    for (const d of DEPRECATIONS) {
      for (const [pointer, info] of nodesMatching(ctx.doc, d.pointer)) {
        if (!info.key) continue;
        const segs = splitPointer(pointer);
        // In 1.0 the country sections are gone as a whole: one finding on the section (below).
        if (v1 && (segs[0] === 'IT' || segs[0] === 'it')) continue;
        const path = segs.join('.');
        let message: string;
        if (v1) {
          message = l10n.t('{0} was removed in publiccode.yml 1.0 (deprecated since {1}){2}.{3}', path, d.since, d.replacement ? l10n.t('; use {0} instead', d.replacement) : l10n.t('; delete it'), d.advice ? ` ${d.advice}` : '');
        } else if (pointer === '/it') {
          message = l10n.t('The lowercase it section is deprecated since publiccode.yml 0.5: country sections use uppercase codes, so rename it to IT.{0}', compareVersions(declared0x(ctx), '0.7') >= 0 ? l10n.t(' (Country sections as a whole are deprecated since 0.7 in favour of supports and organisation.)') : '');
        } else if (/\/codiceIPA$/.test(pointer)) {
          const code = valueAt(value, pointer);
          message = l10n.t('{0} is deprecated since publiccode.yml 0.5; use organisation.uri{1} instead.', path, typeof code === 'string' && code ? l10n.t(': "urn:x-italian-pa:{0}"', code) : l10n.t(' with urn:x-italian-pa:<codiceIPA>'));
        } else {
          message = l10n.t('{0} is deprecated since publiccode.yml {1}{2}.{3}', path, d.since, d.replacement ? l10n.t('; use {0} instead', d.replacement) : l10n.t('; it\'s safe to drop it'), d.advice ? ` ${d.advice}` : '');
        }
        ctx.report({
          ruleId: v1 ? 'publiccode/removed-key' : 'publiccode/deprecated-key',
          pointer,
          on: 'key',
          message,
          fixes: deprecationFix(ctx, d, pointer),
          data: { since: d.since, replacement: d.replacement, specUrl: d.specUrl, ...(v1 ? { removedIn: '1.0' } : {}) },
        });
      }
    }
    if (!v1 || !isObj(value)) return;
    for (const key of ['IT', 'it'] as const) {
      if (!(key in value)) continue;
      const { aliases, ipa } = italianSectionReplacement(value, key);
      const parts: string[] = [];
      if (aliases.length) parts.push(`supports: [${aliases.map((a) => `{id: "${a}"}`).join(', ')}]`);
      if (ipa) parts.push(`organisation.uri: "urn:x-italian-pa:${ipa}"`);
      ctx.report({
        ruleId: 'publiccode/removed-key',
        pointer: `/${key}`,
        on: 'key',
        message: l10n.t('Country sections ({0}) were removed in publiccode.yml 1.0 (deprecated since 0.7{1}): declare platforms and regulations with supports (alias:spid, alias:cie, alias:anpr, alias:pagopa, alias:io, alias:gdpr) and the administration with organisation.uri.{2}', key, key === 'it' ? l10n.t('; the lowercase it since 0.5') : '', parts.length ? l10n.t(' For this file: {0}.', parts.join('; ')) : l10n.t(' Nothing in this section needs to move; delete it.')),
        fixes: italianSectionFix(ctx.doc, value, key),
        data: { since: '0.7', removedIn: '1.0', aliases, ipa },
      });
    }
  },
};

/** Keys of the 0.1 draft that 0.2 renamed or dropped. */
export const renamedKeys: Rule = {
  meta: [M('publiccode/renamed-key', 'error', 'A key uses its 0.1 name, renamed or dropped in 0.2')],
  run(ctx) {
    const { doc, value } = ctx;
    for (const r of RENAMED_IN_0_2) {
      for (const [pointer, info] of nodesMatching(doc, r.pointer)) {
        if (!info.key) continue;
        const segs = splitPointer(pointer);
        const name = segs[segs.length - 1];
        const path = segs.join('.');
        const parent = valueAt(value, pointer.slice(0, pointer.lastIndexOf('/')));
        let fixes: Fix[] | undefined;
        let message: string;
        if (r.renameTo) {
          const free = !(isObj(parent) && r.renameTo in parent);
          message = l10n.t('{0} is the 0.1 name of {1}: publiccode.yml 0.2 renamed it ({2}). Rename the key to {3}.', path, [...segs.slice(0, -1), r.renameTo].join('.'), r.why, r.renameTo);
          if (free) fixes = keyFix(doc, pointer, r.renameTo, l10n.t('Rename {0} to {1}', name, r.renameTo));
        } else if (r.moveTo) {
          message = l10n.t('{0} is a 0.1 key: since 0.2 it is {1}; {2}.', path, r.moveTo.replace('<platform>', name), r.why.replace(/<platform>/g, name));
        } else {
          message = l10n.t('{0} is a 0.1 key that publiccode.yml 0.2 dropped: {1}. Delete it.', path, r.why);
          fixes = removeKeyFix(doc, pointer, l10n.t('Remove {0}', path), true);
        }
        ctx.report({ ruleId: 'publiccode/renamed-key', pointer, on: 'key', message, fixes, data: { renameTo: r.renameTo, moveTo: r.moveTo } });
      }
    }
  },
};
