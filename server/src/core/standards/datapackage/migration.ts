// Data Package v1 → v2 (and pre-1.0 → v1): properties and forms that a later version replaces, with
// the fixes that move a file forward, and v2 properties used in a file that does not declare v2.

import { pointerToPath, valueAt } from '../../pointer';
import type { Report, Rule } from '../../standard';
import type { Severity } from '../../types';
import { each, get, isObj, ptr, q, valueFix, type Obj } from '../../rules/kit';
import { checkOdLicense } from '../../rules/opendefinition';
import {
  dialectsOf,
  fieldsOf,
  insertFirstKeyEdit,
  keyValueText,
  kindOf,
  licenseListsOf,
  renameKeyFix,
  replaceKeyValueFix,
  resourcesOf,
  schemasOf,
} from './descriptor';
import { PROFILE_URLS, V2_ONLY, isUrlLike } from './vocabulary';
import { M, at, quoteFor, flowList, deleteFix, keyOffsets, isV2, versionByDefault } from './support';
import * as l10n from '../../l10n';

// --------------------------------------------------------------------------- undeclared v2 usage

/** Where the descriptor uses properties that only v2 defines (first few), as pointers of keys. */
function v2Features(root: unknown): string[] {
  const out: string[] = [];
  const has = (obj: Obj, keys: string[], base: string) => {
    for (const k of keys) if (k in obj) out.push(`${base}/${k}`);
  };
  for (const r of resourcesOf(root)) {
    if (r.value.type === 'table') out.push(`${r.pointer}/type`);
  }
  if (isObj(root)) {
    each(root.contributors, (c, i) => isObj(c) && has(c, V2_ONLY.contributor, ptr('contributors', i)));
    each(root.sources, (s, i) => isObj(s) && has(s, V2_ONLY.source, ptr('sources', i)));
  }
  for (const s of schemasOf(root)) {
    has(s.value, V2_ONLY.schema, s.pointer);
    for (const f of fieldsOf(s)) {
      has(f.value, V2_ONLY.field, f.pointer);
      if (f.value.type === 'list') out.push(`${f.pointer}/type`);
      if (isObj(f.value.constraints)) has(f.value.constraints, V2_ONLY.constraints, `${f.pointer}/constraints`);
    }
  }
  for (const d of dialectsOf(root)) has(d.value, V2_ONLY.dialect, d.pointer);
  return out;
}

const undeclaredV2: Rule = {
  meta: [M('datapackage/undeclared-v2', 'information', 'The descriptor uses Data Package v2 properties but does not declare v2, so it is read as v1')],
  run(ctx) {
    if (!versionByDefault(ctx)) return;
    const features = v2Features(ctx.value);
    if (features.length === 0) return;
    const kind = kindOf(ctx.value);
    const url = PROFILE_URLS['2'][kind];
    const names = [...new Set(features.map((p) => pointerToPath(p)))];
    const edit = insertFirstKeyEdit(ctx.doc, '$schema', url);
    ctx.report({
      ruleId: 'datapackage/undeclared-v2',
      pointer: features[0],
      on: 'key',
      message: l10n.t('This descriptor uses Data Package v2 properties ({0}{1}) but declares no $schema, so the standard reads it as v1, where they mean nothing. Declare v2 with $schema: {2}.', names.slice(0, 3).join(', '), names.length > 3 ? l10n.t(', and {0} more', names.length - 3) : '', url),
      fixes: edit ? [{ title: l10n.t('Declare Data Package v2 ($schema: {0})', url), isPreferred: true, edits: [edit] }] : undefined,
      data: { features },
    });
  },
};

// ---------------------------------------------------------------------------------- deprecations

const deprecated: Rule = {
  meta: [M('datapackage/deprecated-property', 'warning', 'A property or form from Data Package v1 (or pre-1.0) that v2 replaces')],
  run(ctx) {
    const { doc, value } = ctx;
    if (!isObj(value)) return;
    const v2 = isV2(ctx);
    // v1 → v2 renames: warnings in v2 files; in v1 files, hints for the move to v2 (the v1 form is correct there).
    const v1to2: Severity | undefined = v2 ? undefined : 'hint';
    const kind = kindOf(value);
    const report = (r: Report) => ctx.report(r);

    // profile → $schema (root)
    if (typeof value.profile === 'string' && (kind === 'package' || kind === 'resource')) {
      const id = value.profile.trim();
      const url2 = PROFILE_URLS['2'][kind];
      const mechanical = id === 'data-package' || id === 'tabular-data-package' || id === 'data-resource' || id === 'tabular-data-resource';
      if (typeof value.$schema === 'string') {
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: '/profile',
          on: 'key',
          severity: 'warning',
          message: l10n.t('profile is the Data Package v1 way to name the profile; this file already declares $schema, which replaces it in v2. Remove profile.'),
          fixes: deleteFix(doc, '/profile', l10n.t('Remove profile')),
          data: { replacement: '$schema' },
        });
      } else {
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: '/profile',
          on: 'key',
          severity: v1to2,
          message: v2 ? l10n.t('profile is the Data Package v1 way to name the profile; v2 uses $schema.{0}', mechanical ? l10n.t(' Write $schema: {0}.', url2) : l10n.t(' Point $schema at the v2 profile of this extension, if it has one.')) : l10n.t('Data Package v2 replaces profile with $schema{0}. To move this file to v2, write $schema: {1}.', id === 'tabular-data-package' ? l10n.t(' (and drops the Tabular Data Package: resources say type: table instead)') : '', url2),
          fixes: mechanical ? replaceKeyValueFix(doc, '/profile', keyValueText(doc, '$schema', url2), l10n.t('Use $schema: {0} (Data Package v2)', url2), v2) : undefined,
          data: { replacement: '$schema' },
        });
      }
    }
    // Pre-1.0 package keys.
    if (kind === 'package') {
      if ('datapackage_version' in value) {
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: '/datapackage_version',
          on: 'key',
          severity: 'warning',
          message: l10n.t('datapackage_version is a pre-1.0 property: the version of the standard is declared with $schema (v2) or profile (v1). Remove it.'),
          fixes: deleteFix(doc, '/datapackage_version', l10n.t('Remove datapackage_version')),
        });
      }
      for (const k of ['author', 'authors', 'maintainer', 'maintainers', 'publisher', 'publishers']) {
        if (!(k in value)) continue;
        const role = k.replace(/s$/, '');
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: ptr(k),
          on: 'key',
          severity: 'warning',
          message: l10n.t('{0} is a pre-1.0 property; people go in contributors, each with {1}.', k, v2 ? l10n.t('roles (for example ["{0}"])', role === 'author' ? 'creator' : role) : l10n.t('a role ("{0}")', role)),
          data: { replacement: 'contributors' },
        });
      }
    }
    // license (singular, pre-1.0) on the package and the resources.
    const holders: { pointer: string; value: Obj }[] = kind === 'package' ? [{ pointer: '', value }] : [];
    for (const r of resourcesOf(value)) holders.push(r);
    for (const h of holders) {
      if (!('license' in h.value) || 'licenses' in h.value) continue;
      const p = `${h.pointer}/license`;
      const lic = h.value.license;
      const od = typeof lic === 'string' ? checkOdLicense(lic) : undefined;
      const name = od && (od.status === 'valid' || od.status === 'legacy') ? od.license.id : od?.status === 'mappable' ? od.suggestion : undefined;
      report({
        ruleId: 'datapackage/deprecated-property',
        pointer: p,
        on: 'key',
        severity: 'warning',
        message: name ? l10n.t('license is the pre-1.0 property; since v1 it is licenses, a list of {name, path, title} with name an Open Definition id: {0}.', `licenses: [{name: ${name}}]`) : l10n.t('license is the pre-1.0 property; since v1 it is licenses, a list of {name, path, title} with name an Open Definition id.'),
        fixes: name ? replaceKeyValueFix(doc, p, keyValueText(doc, 'licenses', [{ name }]), l10n.t('Write {0}', `licenses: [{name: ${name}}]`)) : undefined,
        data: { replacement: 'licenses' },
      });
    }
    // Pre-1.0 keys inside licences, sources, contributors.
    for (const list of licenseListsOf(value)) {
      each(valueAt(value, list), (item, i) => {
        if (!isObj(item)) return;
        const base = `${list}/${i}`;
        const missingBoth = !('name' in item) && !('path' in item);
        let errorGiven = false;
        for (const [old, now] of [['id', 'name'], ['url', 'path']] as const) {
          if (!(old in item)) continue;
          const free = !(now in item);
          // The first rename that would give the licence its required name or path stands in for the
          // schema's "missing path" error (same pointer), as an error.
          const replacesRequired = missingBoth && free && !errorGiven;
          if (replacesRequired) errorGiven = true;
          const od = old === 'id' && typeof item.id === 'string' ? checkOdLicense(item.id) : undefined;
          const odHint = od?.status === 'mappable' ? `, such as ${od.suggestion}` : '';
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: replacesRequired ? `${base}/path` : `${base}/${old}`,
            on: 'key',
            severity: replacesRequired ? 'error' : 'warning',
            message: l10n.t('{0}.{1} is the pre-1.0 name of {2}{3}.', at(base), old, now, free ? l10n.t('; rename it to {0}{1}', now, replacesRequired ? l10n.t(' (a licence needs a name or a path)') : '') : l10n.t('; this licence already has {0}, so remove {1}{2}', now, old, old === 'id' ? l10n.t(' (and make sure {0} is the Open Definition id{1})', now, odHint) : '')),
            fixes: free ? renameKeyFix(doc, `${base}/${old}`, now, l10n.t('Rename {0} to {1}', old, now)) : undefined,
            data: { replacement: now, ...(replacesRequired ? { offsets: keyOffsets(doc, `${base}/${old}`) } : {}) },
          });
        }
      });
    }
    for (const [list, v1Required] of [['sources', true], ['contributors', true]] as const) {
      each(value[list], (item, i) => {
        if (!isObj(item)) return;
        const base = ptr(list, i);
        for (const [old, now] of [['name', 'title'], ['web', 'path']] as const) {
          if (!(old in item)) continue;
          const free = !(now in item);
          const replacesRequired = !v2 && v1Required && now === 'title' && free;
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: replacesRequired ? `${base}/title` : `${base}/${old}`,
            on: 'key',
            severity: replacesRequired ? 'error' : 'warning',
            message: l10n.t('{0}.{1} is the pre-1.0 name of {2}{3}.', at(base), old, now, free ? l10n.t('; rename it to {0}{1}', now, replacesRequired ? l10n.t(' (v1 requires a title)') : '') : l10n.t('; it already has {0}, so remove {1}', now, old)),
            fixes: free ? renameKeyFix(doc, `${base}/${old}`, now, l10n.t('Rename {0} to {1}', old, now)) : undefined,
            data: { replacement: now, ...(replacesRequired ? { offsets: keyOffsets(doc, `${base}/${old}`) } : {}) },
          });
        }
      });
    }
    // contributors[].role → roles
    each(value.contributors, (c, i) => {
      if (!isObj(c) || typeof c.role !== 'string') return;
      const p = ptr('contributors', i, 'role');
      const hasRoles = 'roles' in c;
      report({
        ruleId: 'datapackage/deprecated-property',
        pointer: p,
        on: 'key',
        severity: v1to2,
        message: v2 ? l10n.t('contributors[{0}].role is the v1 property; v2 uses roles, a list{1}. v2 recommends roles from DataCite or CRediT, such as creator, contact, rightsHolder, dataCurator.', i, hasRoles ? l10n.t(' (this contributor has roles already: remove role)') : l10n.t(': roles: ["{0}"]', c.role)) : l10n.t('Data Package v2 replaces contributors[{0}].role with roles, a list: roles: ["{1}"] when you move to v2.', i, c.role),
        fixes: hasRoles
          ? v2 ? deleteFix(doc, p, l10n.t('Remove role')) : undefined
          : replaceKeyValueFix(doc, p, keyValueText(doc, 'roles', [c.role]), l10n.t('Write roles: ["{0}"]', c.role), v2),
        data: { replacement: 'roles' },
      });
    });
    // Resources: profile → type / $schema, url → path.
    for (const r of resourcesOf(value)) {
      if (r.pointer !== '' && typeof r.value.profile === 'string') {
        const p = `${r.pointer}/profile`;
        const id = r.value.profile.trim();
        const tabular = id === 'tabular-data-resource' || /\/tabular-data-resource\.json$/.test(id);
        if (tabular || id === 'data-resource') {
          const hasType = 'type' in r.value;
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            on: 'key',
            severity: v1to2,
            message: tabular ? v2 ? l10n.t('profile: tabular-data-resource is the v1 form; v2 writes type: table.{0}', hasType ? l10n.t(' This resource has a type already: remove profile.') : '') : l10n.t('Data Package v2 replaces profile: tabular-data-resource with type: table.') : v2 ? l10n.t('profile: data-resource is the v1 default; v2 has no resource profile: remove it.') : l10n.t('Data Package v2 has no resource profile (data-resource is the default): it can go when you move to v2.'),
            fixes: tabular && !hasType
              ? replaceKeyValueFix(doc, p, keyValueText(doc, 'type', 'table'), l10n.t('Write type: table'), v2)
              : v2 ? deleteFix(doc, p, l10n.t('Remove profile')) : undefined,
            data: { replacement: tabular ? 'type' : undefined },
          });
        } else if (v2 && isUrlLike(id)) {
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            on: 'key',
            message: l10n.t('A resource profile URL is the v1 way to extend a resource; in v2, extensions declare their profile with $schema on the package.'),
          });
        }
      }
      if ('url' in r.value && ('path' in r.value || 'data' in r.value)) {
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: `${r.pointer}/url`,
          on: 'key',
          severity: 'warning',
          message: l10n.t('{0}.url is the pre-1.0 name of path, and this resource has {1} already: remove url.', at(r.pointer), 'path' in r.value ? 'path' : 'data'),
          fixes: deleteFix(doc, `${r.pointer}/url`, l10n.t('Remove url')),
          data: { replacement: 'path' },
        });
      }
    }
    // Table Schema: string keys → lists, "" self-reference, fmt: prefix.
    for (const s of schemasOf(value)) {
      const pk = s.value.primaryKey;
      if (typeof pk === 'string') {
        const p = `${s.pointer}/primaryKey`;
        report({
          ruleId: 'datapackage/deprecated-property',
          pointer: p,
          severity: v1to2,
          message: v2 ? l10n.t('primaryKey should be a list in v2: {0} (a single string is the v1 form, still accepted).', flowList([pk])) : l10n.t('Data Package v2 writes primaryKey as a list: {0}.', flowList([pk])),
          fixes: valueFix(doc, p, flowList([pk]), l10n.t('Write {0}', flowList([pk])), v2),
        });
      }
      each(s.value.foreignKeys, (fk, i) => {
        if (!isObj(fk)) return;
        const base = `${s.pointer}/foreignKeys/${i}`;
        const pairs: [string, unknown][] = [[`${base}/fields`, fk.fields], [`${base}/reference/fields`, get(fk, 'reference', 'fields')]];
        for (const [p, val] of pairs) {
          if (typeof val !== 'string') continue;
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            severity: v1to2,
            message: v2 ? l10n.t('{0} should be a list in v2: {1} (a single string is the v1 form, still accepted).', at(p), flowList([val])) : l10n.t('Data Package v2 writes {0} as a list: {1}.', at(p), flowList([val])),
            fixes: valueFix(doc, p, flowList([val]), l10n.t('Write {0}', flowList([val])), v2),
          });
        }
        if (v2 && get(fk, 'reference', 'resource') === '') {
          const p = `${base}/reference/resource`;
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            on: 'key',
            message: l10n.t('resource: "" is the v1 way to reference this same table; in v2 a self-reference omits resource. Remove it.'),
            fixes: deleteFix(doc, p, l10n.t('Remove resource: ""')),
          });
        }
      });
      for (const f of fieldsOf(s)) {
        if (typeof f.value.format === 'string' && f.value.format.startsWith('fmt:')) {
          const p = `${f.pointer}/format`;
          const rest = f.value.format.slice(4);
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            severity: 'warning',
            message: l10n.t('The fmt: prefix of {0} is the pre-1.0 way to write a date/time pattern; write the pattern alone: {1}.', at(p), q(rest)),
            fixes: valueFix(doc, p, quoteFor(doc, p, rest), l10n.t('Write {0}', rest)),
          });
        }
      }
    }
    // Table Dialect (v2) dropped two CSV Dialect properties.
    if (v2) {
      for (const d of dialectsOf(value)) {
        for (const k of ['csvddfVersion', 'caseSensitiveHeader']) {
          if (!(k in d.value)) continue;
          const p = `${d.pointer}/${k}`;
          report({
            ruleId: 'datapackage/deprecated-property',
            pointer: p,
            on: 'key',
            message: l10n.t('{0} was a CSV Dialect (v1) property; Table Dialect (v2) removed it. Remove it.', k),
            fixes: deleteFix(doc, p, l10n.t('Remove {0}', k)),
          });
        }
      }
    }
  },
};

export const migrationRules: Rule[] = [undeclaredV2, deprecated];
