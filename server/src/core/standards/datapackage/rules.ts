// Data Package checks that the JSON Schema cannot express (STANDARDS.md §3 and §7): unique names,
// key references, path safety, Open Definition licence ids, RFC 3339 `created`, strptime formats,
// constraints per field type, v1 → v2 renames (with fixes), misplaced and misspelled keys, YAML
// typing, and (with a workspace) that the data files exist. No network.

import { suggest } from '../../messages';
import { valueAt } from '../../pointer';
import type { Rule } from '../../standard';
import { explainInvalidDate, hasDateShape } from '../../rules/dates';
import { each, get, isObj, ownValue, ptr, q, valueFix, type Obj } from '../../rules/kit';
import { checkOdLicense, hasOdIdSyntax } from '../../rules/opendefinition';
import { parseAbsoluteUrl, suggestUrlFix } from '../../rules/urls';
import {
  dialectsOf,
  fieldsOf,
  isTabular,
  kindOf,
  licenseListsOf,
  renameKeyFix,
  resourcesOf,
  schemasOf,
  versionOf,
} from './descriptor';
import {
  CONSTRAINT_KEYS,
  CONTRIBUTOR_KEYS,
  DIALECT_KEYS,
  DIALECT_KEYS_ON_RESOURCE,
  FIELD_KEYS,
  HASH_LENGTHS,
  LICENSE_KEYS,
  PACKAGE_KEYS,
  PROFILE_URLS,
  RESOURCE_KEYS,
  SCHEMA_KEYS,
  SCHEMA_KEYS_ON_RESOURCE,
  SOURCE_KEYS,
  V1_PROFILE_IDS,
  V1_ROLES,
  isUrlLike,
  parseProfileUrl,
  type Kind,
  type Version,
} from './vocabulary';
import { M, KIND_WORDS, at, quoteFor, keyOffsets, isV2, effectiveType } from './support';
import { migrationRules } from './migration';
import { tableSchemaRules } from './table-rules';
import * as l10n from '../../l10n';

// ------------------------------------------------------------------------------------- dispatch

const dispatch: Rule = {
  meta: [M('datapackage/unsupported-version', 'error', 'The descriptor names a Data Package version that does not exist')],
  run: () => undefined,
};

// ------------------------------------------------------------------------------ profile / $schema

const PACKAGE_PROFILE_IDS = Object.keys(V1_PROFILE_IDS).filter((k) => V1_PROFILE_IDS[k] === 'package');
const RESOURCE_PROFILE_IDS = Object.keys(V1_PROFILE_IDS).filter((k) => V1_PROFILE_IDS[k] === 'resource');

const profile: Rule = {
  meta: [
    M('datapackage/profile', 'error', 'profile or $schema does not name a profile for this kind of descriptor'),
    M('datapackage/custom-profile', 'information', 'The descriptor declares an extension profile, which is not checked'),
  ],
  run(ctx) {
    const { doc, value } = ctx;
    if (!isObj(value)) return;
    const shape: Kind = Array.isArray(value.resources) ? 'package' : kindOf(value);
    const v = versionOf(ctx.detection);
    const schemaUrl = value.$schema;
    if (typeof schemaUrl === 'string') {
      const p = parseProfileUrl(schemaUrl);
      if (p && p.kind !== shape && Array.isArray(value.resources)) {
        const right = PROFILE_URLS[v][shape];
        ctx.report({
          ruleId: 'datapackage/profile',
          pointer: '/$schema',
          message: l10n.t('$schema names the {0} profile, but this descriptor lists resources: it is a Data Package. Write {1}.', KIND_WORDS[p.kind], right),
          fixes: valueFix(doc, '/$schema', quoteFor(doc, '/$schema', right), l10n.t('Write {0}', right)),
        });
      } else if (!p && /datapackage\.org|frictionlessdata\.io/i.test(schemaUrl)) {
        const ver: Version = /\/1(\.\d)?\//.test(schemaUrl) ? '1' : '2';
        const right = PROFILE_URLS[ver][shape];
        ctx.report({
          ruleId: 'datapackage/profile',
          pointer: '/$schema',
          message: l10n.t('$schema {0} is not a Data Package profile URL (a page of the specification is not a profile). Write {1}.', q(schemaUrl), right),
          fixes: valueFix(doc, '/$schema', quoteFor(doc, '/$schema', right), l10n.t('Write {0}', right)),
        });
      } else if (!p) {
        ctx.report({
          ruleId: 'datapackage/custom-profile',
          pointer: '/$schema',
          message: l10n.t('$schema names an extension profile ({0}). This file is checked against the core Data Package v{1} profile only: the extension\'s own rules are not fetched or checked.', schemaUrl, v),
        });
      }
    }
    const checkProfile = (pointer: string, val: unknown, allowed: string[], kind: Kind) => {
      if (typeof val !== 'string') return;
      const id = val.trim();
      if (id === 'fiscal-data-package' && pointer === '/profile') {
        ctx.report({
          ruleId: 'datapackage/custom-profile',
          pointer,
          message: l10n.t('profile: fiscal-data-package names the Fiscal Data Package extension. This file is checked against the core Data Package profile only: the Fiscal Data Package rules (model, measures, dimensions) are not checked.'),
        });
      }
      if (allowed.includes(id)) return;
      const profileKind = ownValue(V1_PROFILE_IDS, id);
      if (profileKind) {
        ctx.report({
          ruleId: 'datapackage/profile',
          pointer,
          message: l10n.t('profile {0} is the profile of a {1}, but {2} is a {3}: use {4}.', q(val), KIND_WORDS[profileKind], at(pointer.replace(/\/profile$/, '')), KIND_WORDS[kind], allowed.join(' or ')),
          fixes: allowed.length ? valueFix(ctx.doc, pointer, quoteFor(ctx.doc, pointer, allowed[0]), l10n.t('Write {0}', allowed[0]), false) : undefined,
        });
        return;
      }
      if (isUrlLike(id)) {
        const p = parseProfileUrl(id);
        if (!p && pointer === '/profile' && typeof value.$schema !== 'string') {
          ctx.report({
            ruleId: 'datapackage/custom-profile',
            pointer,
            message: l10n.t('profile names an extension profile ({0}). This file is checked against the core Data Package v{1} profile only: the extension\'s own rules are not fetched or checked.', id, v),
          });
        }
        return;
      }
      const s = suggest(id, allowed) ?? suggest(id.replace(/\s+/g, '-').toLowerCase(), allowed);
      ctx.report({
        ruleId: 'datapackage/profile',
        pointer,
        message: l10n.t('profile {0} is not a registered profile: use {1}, or the URL of a JSON Schema.{2}', q(val), allowed.join(', '), s ? l10n.t(' Did you mean {0}?', q(s)) : ''),
        fixes: s ? valueFix(ctx.doc, pointer, quoteFor(ctx.doc, pointer, s), l10n.t('Write {0}', s)) : undefined,
        data: { suggestion: s },
      });
    };
    if (shape === 'package') checkProfile('/profile', value.profile, PACKAGE_PROFILE_IDS, 'package');
    if (shape === 'resource') checkProfile('/profile', value.profile, RESOURCE_PROFILE_IDS, 'resource');
    for (const r of resourcesOf(value)) if (r.pointer !== '') checkProfile(`${r.pointer}/profile`, r.value.profile, RESOURCE_PROFILE_IDS, 'resource');
  },
};

// ------------------------------------------------------------------------------------ file name

const ymlExtension: Rule = {
  meta: [M('datapackage/yml-extension', 'information', 'The descriptor is named .yml, which frictionless-py does not read as a descriptor')],
  run(ctx) {
    const path = ctx.doc.uri.split(/[?#]/)[0];
    const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    if (!/\.yml$/i.test(name)) return;
    const nl = ctx.doc.text.indexOf('\n');
    ctx.report({
      ruleId: 'datapackage/yml-extension',
      pointer: '',
      message: l10n.t('{0} ends in .yml: frictionless-py reads a descriptor only from a .json or .yaml file, so it will not open this one as a Data Package. Rename it to {1} (and publish it as datapackage.json).', name, name.replace(/\.yml$/i, '.yaml')),
      data: { offsets: { start: 0, end: nl === -1 ? ctx.doc.text.length : nl } },
    });
  },
};

// ------------------------------------------------------------------------------------ path / data

const pathOrData: Rule = {
  meta: [M('datapackage/path-or-data', 'error', 'A resource needs exactly one of path and data')],
  run(ctx) {
    for (const r of resourcesOf(ctx.value)) {
      const hasPath = 'path' in r.value;
      const hasData = 'data' in r.value;
      const where = r.pointer === '' ? 'The resource' : at(r.pointer);
      if (hasPath && hasData) {
        ctx.report({
          ruleId: 'datapackage/path-or-data',
          pointer: `${r.pointer}/data`,
          on: 'key',
          message: l10n.t('{0} has both path and data; a resource gives exactly one of them. Keep path (the data is in a file) or data (the data is inline), and remove the other.', where),
        });
      } else if (!hasPath && !hasData) {
        const url = r.value.url;
        if (typeof url === 'string') {
          ctx.report({
            ruleId: 'datapackage/path-or-data',
            pointer: `${r.pointer}/path`,
            message: l10n.t('{0} has no path: url is the pre-1.0 name of path (Data Package 1.0 renamed it). Rename url to path.', where),
            fixes: renameKeyFix(ctx.doc, `${r.pointer}/url`, 'path', l10n.t('Rename url to path')),
            data: { offsets: keyOffsets(ctx.doc, `${r.pointer}/url`) },
          });
        } else {
          ctx.report({
            ruleId: 'datapackage/path-or-data',
            pointer: `${r.pointer}/path`,
            on: 'key',
            message: l10n.t('{0} says nowhere where its data is: add path (a relative path or URL of the data file) or data (the data inline).', where),
          });
        }
      }
    }
  },
};

// ------------------------------------------------------------------------------------------ paths

interface PathRef {
  pointer: string;
  value: string;
  what: string;
  /** Part of a `path` array (for the mixing check). */
  inArray?: boolean;
}

function pathRefs(root: unknown): PathRef[] {
  const out: PathRef[] = [];
  const add = (pointer: string, v: unknown, what: string, inArray = false) => {
    if (typeof v === 'string') out.push({ pointer, value: v, what, inArray });
  };
  if (isObj(root) && kindOf(root) === 'package') {
    add('/image', root.image, 'image');
    each(root.sources, (s, i) => add(ptr('sources', i, 'path'), get(s, 'path'), 'a source path'));
    each(root.contributors, (c, i) => add(ptr('contributors', i, 'path'), get(c, 'path'), 'a contributor path'));
  }
  for (const list of licenseListsOf(root)) {
    each(valueAt(root, list), (l, i) => add(`${list}/${i}/path`, get(l, 'path'), 'a licence path'));
  }
  for (const r of resourcesOf(root)) {
    const p = r.value.path;
    if (Array.isArray(p)) p.forEach((x, i) => add(`${r.pointer}/path/${i}`, x, 'a data path', true));
    else add(`${r.pointer}/path`, p, 'a data path');
    add(`${r.pointer}/schema`, r.value.schema, 'a schema path');
    add(`${r.pointer}/dialect`, r.value.dialect, 'a dialect path');
    if (r.pointer !== '') each(r.value.sources, (s, i) => add(`${r.pointer}/sources/${i}/path`, get(s, 'path'), 'a source path'));
  }
  return out;
}

const ALLOWED_SCHEMES = ['http', 'https', 'ftp', 'ftps'];
/** The paths a consumer reads files from. */
const DATA_PATHS = ['a data path', 'a schema path', 'a dialect path'];

/** What is wrong with a URL-or-path, and a certain repair when there is one. */
function pathProblem(value: string, v: Version): { message: string; fix?: string; preferred?: boolean; scheme?: boolean } | undefined {
  const s = value;
  if (s.trim() === '') return { message: 'is empty; give a relative path or a URL' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]+):/.exec(s);
  if (scheme) {
    const name = scheme[1].toLowerCase();
    if (name === 'file') return { message: 'is a file: URL, which points into one computer; write the path relative to the descriptor (such as data/table.csv)' };
    if (!ALLOWED_SCHEMES.includes(name)) return { message: `uses the ${scheme[1]}: scheme; URLs must be http, https, ftp or ftps (or give a relative path)`, scheme: true };
    if (!/^[A-Za-z]+:\/\/[^/\s]/.test(s.trim()) || !parseAbsoluteUrl(s)) {
      const fixed = suggestUrlFix(s);
      return { message: 'is not a valid URL (a fully qualified URL has no spaces and a host after ://)', fix: fixed, preferred: true };
    }
    return undefined;
  }
  if (/^[A-Za-z]:[\\/]/.test(s) || s.startsWith('\\\\')) return { message: 'is an absolute Windows path; write the path relative to the descriptor, with / as separator' };
  if (s.startsWith('/')) {
    const rel = s.replace(/^\/+/, '');
    return { message: 'is an absolute path; paths must be relative to the descriptor (no leading /), so that the package can move', fix: rel || undefined, preferred: false };
  }
  if (s.startsWith('~')) return { message: "starts with ~ (a home directory); paths must be relative to the descriptor" };
  if (s.includes('\\')) return { message: 'uses \\ as separator; paths are POSIX paths, with /', fix: s.replace(/\\/g, '/'), preferred: true };
  const segs = s.split('/');
  if (segs.includes('..')) return { message: 'climbs out of the package with ..; data files must be inside the package directory (the spec forbids ../ for security)' };
  if (segs[0] === '.') return { message: 'starts with ./; write the path without it (both official profiles reject a leading dot)', fix: s.replace(/^(\.\/)+/, ''), preferred: true };
  const hidden = v === '2' ? segs.slice(0, -1).concat(segs[0]).find((x) => x.startsWith('.') && x !== '.') : segs[0].startsWith('.') ? segs[0] : undefined;
  if (hidden) return { message: `goes through the hidden ${segs.indexOf(hidden) === segs.length - 1 ? 'file' : 'folder'} ${JSON.stringify(hidden)}; ${v === '2' ? 'Data Package v2 forbids hidden folders' : 'paths must not start with a dot'}` };
  return undefined;
}

const paths: Rule = {
  meta: [
    M('datapackage/invalid-path', 'error', 'A path is absolute, leaves the package, goes through a hidden folder, or is not an http(s)/ftp(s) URL'),
    M('datapackage/mixed-paths', 'error', 'A path list mixes URLs and relative paths'),
  ],
  run(ctx) {
    const v = versionOf(ctx.detection);
    for (const ref of pathRefs(ctx.value)) {
      const p = pathProblem(ref.value, v);
      if (!p) continue;
      // A link in the metadata (licence, source, contributor, image) with another scheme (mailto:, doi:)
      // reads nothing from disk: a warning. Data, schema and dialect paths are read: an error.
      const metadataLink = !DATA_PATHS.includes(ref.what);
      ctx.report({
        ruleId: 'datapackage/invalid-path',
        pointer: ref.pointer,
        severity: p.scheme && metadataLink ? 'warning' : undefined,
        message: `${at(ref.pointer)} ${q(ref.value)} ${p.message}.${p.fix ? ` Write ${q(p.fix)}.` : ''}`,
        fixes: p.fix ? valueFix(ctx.doc, ref.pointer, quoteFor(ctx.doc, ref.pointer, p.fix), l10n.t('Write {0}', p.fix), p.preferred ?? true) : undefined,
      });
    }
    for (const r of resourcesOf(ctx.value)) {
      const list = r.value.path;
      if (!Array.isArray(list)) continue;
      const strings = list.filter((x): x is string => typeof x === 'string');
      const urls = strings.filter((x) => /^[A-Za-z][A-Za-z0-9+.-]+:\/\//.test(x));
      if (urls.length > 0 && urls.length < strings.length) {
        ctx.report({
          ruleId: 'datapackage/mixed-paths',
          pointer: `${r.pointer}/path`,
          message: l10n.t('{0}.path mixes URLs ({1}) and relative paths ({2}); the items of a path list must be all URLs or all relative paths.', at(r.pointer), urls.length, strings.length - urls.length),
        });
      }
    }
  },
};

// ----------------------------------------------------------------------------------------- names

const uniqueNames: Rule = {
  meta: [
    M('datapackage/duplicate-resource-name', 'error', 'Two resources of the package have the same name'),
    M('datapackage/duplicate-field-name', 'error', 'Two fields of a Table Schema have the same name'),
  ],
  run(ctx) {
    const seen = new Map<string, string>();
    const resources = resourcesOf(ctx.value);
    for (const r of resources.filter((x) => x.pointer !== '')) {
      const name = r.value.name;
      if (typeof name !== 'string') continue;
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, r.pointer);
        continue;
      }
      ctx.report({
        ruleId: 'datapackage/duplicate-resource-name',
        pointer: `${r.pointer}/name`,
        message: l10n.t('The resource name {0} is already used by {1}; resource names must be unique in a package (foreign keys and tools find resources by name). Rename one of them.', q(name), at(first)),
        data: { first },
      });
    }
    const v2 = isV2(ctx);
    for (const s of schemasOf(ctx.value)) {
      const fields = new Map<string, string>();
      for (const f of fieldsOf(s)) {
        const name = f.value.name;
        if (typeof name !== 'string') continue;
        const first = fields.get(name);
        if (first === undefined) {
          fields.set(name, f.pointer);
          continue;
        }
        ctx.report({
          ruleId: 'datapackage/duplicate-field-name',
          pointer: `${f.pointer}/name`,
          severity: v2 ? 'error' : 'warning',
          message: l10n.t('The field name {0} is already used by {1}. {2} Rename one of them.', q(name), at(first), v2 ? l10n.t('Field names must be unique in a Table Schema (Data Package v2).') : l10n.t('Data Package v1 allows it, but keys and tools that look fields up by name cannot tell them apart, and v2 forbids it.')),
          data: { first },
        });
      }
    }
  },
};

// -------------------------------------------------------------------------------------- licences

const licenseName: Rule = {
  meta: [M('datapackage/license-name', 'warning', 'A licence name is not an Open Definition licence id')],
  run(ctx) {
    for (const list of licenseListsOf(ctx.value)) {
      each(valueAt(ctx.value, list), (item, i) => {
        if (!isObj(item)) return;
        const base = `${list}/${i}`;
        if (!('name' in item) && !('path' in item)) {
          if ('url' in item || 'id' in item) return; // pre-1.0 keys: the deprecation tells what to rename
          ctx.report({
            ruleId: 'datapackage/license-name',
            pointer: `${base}/path`,
            on: 'key',
            severity: 'error',
            message: l10n.t('{0} needs a name (an Open Definition licence id such as CC-BY-4.0) or a path (the URL of the licence text), or both.', at(base)),
          });
          return;
        }
        const name = item.name;
        if (typeof name !== 'string' || name === '') return;
        const p = `${base}/name`;
        const r = checkOdLicense(name);
        if (r.status === 'valid' || r.status === 'legacy') return;
        const syntax = hasOdIdSyntax(name);
        if (r.status === 'mappable') {
          const why =
            r.reason === 'case' ? l10n.t('is written {0}; the Open Definition id is {1}', q(name), q(r.suggestion)) : r.reason === 'title' ? l10n.t('is the title of a licence, not its id; the Open Definition id is {0} (the title goes in title)', q(r.suggestion)) : r.reason === 'spdx' ? l10n.t('is an SPDX identifier; Data Packages use Open Definition ids, and the id of this licence is {0}', q(r.suggestion)) : l10n.t('is a 2013 id of the Open Definition list; the current id is {0}', q(r.suggestion));
          ctx.report({
            ruleId: 'datapackage/license-name',
            pointer: p,
            severity: syntax ? 'warning' : 'error',
            message: `${at(p)} ${q(name)} ${why}.`,
            fixes: valueFix(ctx.doc, p, quoteFor(ctx.doc, p, r.suggestion), l10n.t('Write {0}', r.suggestion)),
            data: { suggestion: r.suggestion },
          });
          return;
        }
        ctx.report({
          ruleId: 'datapackage/license-name',
          pointer: p,
          severity: syntax ? 'warning' : 'error',
          message: syntax ? l10n.t('{0} {1} is not on the Open Definition licence list{2}. Use an id from https://licenses.opendefinition.org (such as CC-BY-4.0, ODbL-1.0 or CC0-1.0), or leave name out and give the licence URL in path.', at(p), q(name), r.spdx ? l10n.t(' (it is an SPDX identifier, but the Open Definition list has no id for this licence)') : '') : l10n.t('{0} {1} is not a licence id: an Open Definition id has only letters, digits, \'.\', \'-\' and \'_\' (such as CC-BY-4.0). Put the licence\'s title in title, and its id in name or its URL in path.', at(p), q(name)),
        });
      });
    }
  },
};

// ------------------------------------------------------------------------------------------ dates

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$/;

function explainDateTime(s: string): { why: string; fix?: string } | undefined {
  const m = RFC3339.exec(s);
  if (m) {
    const bad = explainInvalidDate(m[1]);
    if (bad) return { why: l10n.t('is not a real date: {0}', bad) };
    if (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4]) > 60) return { why: l10n.t('has an hour, minute or second out of range') };
    if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return { why: l10n.t('has a time-zone offset out of range') };
    return undefined;
  }
  if (hasDateShape(s)) {
    const bad = explainInvalidDate(s);
    return bad ? { why: l10n.t('is not a real date: {0}', bad) } : { why: l10n.t('is a date without a time; RFC 3339 needs a date, a time and a time zone'), fix: `${s}T00:00:00Z` };
  }
  const local = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$/.exec(s);
  if (local) return { why: l10n.t('has no time zone; add Z for UTC or an offset such as +02:00'), fix: `${local[1]}T${local[2]}:${local[3]}${local[4] ?? ':00'}Z` };
  return { why: l10n.t('is not an RFC 3339 date and time (the form is YYYY-MM-DDThh:mm:ssZ or with an offset such as +02:00)') };
}

const created: Rule = {
  meta: [M('datapackage/created', 'error', 'created is not an RFC 3339 date and time')],
  run(ctx) {
    if (kindOf(ctx.value) !== 'package') return;
    const c = get(ctx.value, 'created');
    if (typeof c !== 'string') return;
    const e = explainDateTime(c);
    if (!e) return;
    ctx.report({
      ruleId: 'datapackage/created',
      pointer: '/created',
      message: l10n.t('created {0} {1}.{2}', q(c), e.why, e.fix ? l10n.t(' For example {0}, if that is the right time.', q(e.fix)) : ''),
      fixes: e.fix ? valueFix(ctx.doc, '/created', quoteFor(ctx.doc, '/created', e.fix), l10n.t('Write {0}', e.fix), false) : undefined,
    });
  },
};

// ------------------------------------------------------------------------------------ inline data

const inlineData: Rule = {
  meta: [M('datapackage/inline-data', 'error', 'Inline data is a string without format or mediatype, or tabular data that is not rows')],
  run(ctx) {
    for (const r of resourcesOf(ctx.value)) {
      if (!('data' in r.value)) continue;
      const data = r.value.data;
      const p = `${r.pointer}/data`;
      if (typeof data === 'string' && !('format' in r.value) && !('mediatype' in r.value)) {
        ctx.report({
          ruleId: 'datapackage/inline-data',
          pointer: p,
          message: l10n.t('{0} is a string, so the resource must say what it holds with format (such as csv) or mediatype (such as text/csv); without them, consumers read data as JSON.', at(p)),
        });
        continue;
      }
      if (!isTabular(r.value)) continue;
      if (!Array.isArray(data)) {
        ctx.report({
          ruleId: 'datapackage/inline-data',
          pointer: p,
          message: l10n.t('{0} is tabular, so its inline data must be a list of rows (each a list of cells, or an object of header: cell); found {1}.', at(r.pointer), typeof data === 'string' ? l10n.t('a string') : isObj(data) ? l10n.t('an object') : String(data)),
        });
        continue;
      }
      const arrays = data.filter(Array.isArray).length;
      const objects = data.filter(isObj).length;
      const bad = data.findIndex((row) => !(arrays >= objects ? Array.isArray(row) : isObj(row)));
      if (bad >= 0) {
        ctx.report({
          ruleId: 'datapackage/inline-data',
          pointer: `${p}/${bad}`,
          message: l10n.t('Row {0} of {1} is not {2} like the other rows; tabular inline data is all lists of cells or all objects.', bad + 1, at(p), arrays >= objects ? l10n.t('a list of cells') : l10n.t('an object')),
        });
      }
    }
  },
};

// ------------------------------------------------------------------------- misplaced / misspelled

const FIELD_CONSTRAINT_KEYS = ['required', 'unique', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'enum', 'exclusiveMinimum', 'exclusiveMaximum'];

const misplaced: Rule = {
  meta: [M('datapackage/misplaced-key', 'warning', 'A key is written at the wrong level (and consumers ignore it there)')],
  run(ctx) {
    const value = ctx.value;
    const kind = kindOf(value);
    if (kind === 'package' && isObj(value)) {
      for (const k of ['path', 'data', 'schema', 'dialect', 'fields', 'mediatype']) {
        if (!(k in value)) continue;
        ctx.report({ ruleId: 'datapackage/misplaced-key', pointer: ptr(k), on: 'key', message: l10n.t('{0} describes a resource, not the package: move it into an item of resources.', k) });
      }
    }
    for (const r of resourcesOf(value)) {
      for (const [k, target] of Object.entries(SCHEMA_KEYS_ON_RESOURCE)) {
        if (!(k in r.value)) continue;
        const renamed = k !== target ? ` (and spell it ${target})` : '';
        ctx.report({
          ruleId: 'datapackage/misplaced-key',
          pointer: `${r.pointer}/${k}`,
          on: 'key',
          message: l10n.t('{0} belongs inside the Table Schema: move it into {1}schema{2}. Here, on the resource, consumers ignore it.', k, at(r.pointer) === 'the descriptor' ? '' : `${at(r.pointer)}.`, renamed),
          data: { target: `schema/${target}` },
        });
      }
      for (const k of DIALECT_KEYS_ON_RESOURCE) {
        if (!(k in r.value)) continue;
        ctx.report({
          ruleId: 'datapackage/misplaced-key',
          pointer: `${r.pointer}/${k}`,
          on: 'key',
          message: l10n.t('{0} belongs inside the dialect: move it into {1}dialect. Here, on the resource, consumers ignore it.', k, at(r.pointer) === 'the descriptor' ? '' : `${at(r.pointer)}.`),
          data: { target: `dialect/${k}` },
        });
      }
    }
    for (const s of schemasOf(value)) {
      for (const f of fieldsOf(s)) {
        for (const k of FIELD_CONSTRAINT_KEYS) {
          if (!(k in f.value)) continue;
          ctx.report({
            ruleId: 'datapackage/misplaced-key',
            pointer: `${f.pointer}/${k}`,
            on: 'key',
            message: l10n.t('{0} is a constraint: move it into {1}.constraints ({2}). Here, on the field, consumers ignore it.', k, at(f.pointer), `constraints: {${k}: …}`),
            data: { target: `constraints/${k}` },
          });
        }
      }
    }
  },
};

/** Explicit misspellings per level (normalised forms catch case, `_`/`-` and plural variants). */
const TYPOS: Record<string, Record<string, string>> = {
  package: { licence: 'licenses', licences: 'licenses' },
  resource: { mimetype: 'mediatype', mimeType: 'mediatype', licence: 'licenses', licences: 'licenses' },
  constraints: { min: 'minimum', max: 'maximum', minValue: 'minimum', maxValue: 'maximum', regex: 'pattern', min_length: 'minLength', max_length: 'maxLength' },
  dialect: { delimeter: 'delimiter', separator: 'delimiter', quotechar: 'quoteChar' },
  field: { constraint: 'constraints' },
};

function norm(k: string): string {
  return k.toLowerCase().replace(/[-_\s]/g, '');
}

function closeKey(key: string, known: string[], level: string): string | undefined {
  const explicit = ownValue(TYPOS[level] ?? {}, key);
  if (explicit) return explicit;
  const n = norm(key);
  return known.find((k) => k !== key && (norm(k) === n || norm(k) === `${n}s` || `${norm(k)}s` === n));
}

const misspelled: Rule = {
  meta: [M('datapackage/misspelled-key', 'warning', 'A key is a misspelling of a standard key (consumers ignore it)')],
  run(ctx) {
    const { doc, value } = ctx;
    const check = (obj: Obj, base: string, known: string[], level: string, skip: string[] = []) => {
      for (const key of Object.keys(obj)) {
        if (known.includes(key) || skip.includes(key)) continue;
        const target = closeKey(key, known, level);
        if (!target) continue;
        // A known misspelling next to the real key is more likely a custom property of its own.
        if (ownValue(TYPOS[level] ?? {}, key) && target in obj) continue;
        const p = `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        const taken = target in obj;
        ctx.report({
          ruleId: 'datapackage/misspelled-key',
          pointer: p,
          on: 'key',
          message: taken ? l10n.t('{0} looks like a misspelling of {1}, which {2} also has; consumers ignore {0}. Merge it into {1} and remove it.', q(key), target, at(base)) : l10n.t('{0} is not a Data Package property, so consumers ignore it; did you mean {1}?', q(key), target),
          fixes: taken ? undefined : renameKeyFix(doc, p, target, l10n.t('Rename to {0}', target)),
          data: { suggestion: target },
        });
      }
    };
    const kind = kindOf(value);
    if (kind === 'package' && isObj(value)) {
      // license (singular), author… are pre-1.0 properties: the deprecation rule explains them.
      check(value, '', PACKAGE_KEYS, 'package', ['license', 'author', 'authors', 'maintainer', 'maintainers', 'publisher', 'publishers']);
      each(value.contributors, (c, i) => isObj(c) && check(c, ptr('contributors', i), CONTRIBUTOR_KEYS, 'contributor', ['name', 'web']));
      each(value.sources, (c, i) => isObj(c) && check(c, ptr('sources', i), SOURCE_KEYS, 'source', ['name', 'web']));
    }
    for (const list of licenseListsOf(value)) each(valueAt(value, list), (l, i) => isObj(l) && check(l, `${list}/${i}`, LICENSE_KEYS, 'license', ['url', 'id']));
    for (const r of resourcesOf(value)) {
      check(r.value, r.pointer, RESOURCE_KEYS, 'resource', ['license', 'url', ...Object.keys(SCHEMA_KEYS_ON_RESOURCE), ...DIALECT_KEYS_ON_RESOURCE]);
    }
    for (const s of schemasOf(value)) {
      check(s.value, s.pointer, SCHEMA_KEYS, 'schema');
      for (const f of fieldsOf(s)) {
        check(f.value, f.pointer, FIELD_KEYS, 'field', FIELD_CONSTRAINT_KEYS);
        if (isObj(f.value.constraints)) check(f.value.constraints, `${f.pointer}/constraints`, CONSTRAINT_KEYS, 'constraints');
      }
    }
    for (const d of dialectsOf(value)) check(d.value, d.pointer, DIALECT_KEYS, 'dialect');
  },
};

// --------------------------------------------------------------------------------------- tabular

const tabular: Rule = {
  meta: [M('datapackage/tabular-resource', 'error', 'A tabular resource lacks what tabular resources need (a schema; in a Tabular Data Package, its profile)')],
  run(ctx) {
    const value = ctx.value;
    const tabularPackage = isObj(value) && kindOf(value) === 'package' && value.profile === 'tabular-data-package' && typeof value.$schema !== 'string';
    for (const r of resourcesOf(value)) {
      const declared = isTabular(r.value);
      if (tabularPackage && r.value.profile !== 'tabular-data-resource' && r.value.type !== 'table') {
        ctx.report({
          ruleId: 'datapackage/tabular-resource',
          pointer: `${r.pointer}/profile`,
          on: 'key',
          message: l10n.t('This is a Tabular Data Package (profile: tabular-data-package), so every resource must be a Tabular Data Resource: add profile: tabular-data-resource to {0}{1}.', at(r.pointer), 'schema' in r.value ? '' : l10n.t(', with a schema')),
        });
      }
      if ('schema' in r.value || !(declared || tabularPackage)) continue;
      const v1Form = r.value.profile === 'tabular-data-resource' || tabularPackage;
      ctx.report({
        ruleId: 'datapackage/tabular-resource',
        pointer: `${r.pointer}/schema`,
        on: 'key',
        severity: v1Form ? 'error' : 'warning',
        message: v1Form ? l10n.t('{0} is a Tabular Data Resource, which must have a schema (a Table Schema describing its fields).', at(r.pointer)) : l10n.t('{0} is a table (type: table), which should have a schema describing its fields.', at(r.pointer)),
      });
    }
  },
};

// ------------------------------------------------------------------------------------------ files

const missingFile: Rule = {
  meta: [M('datapackage/missing-file', 'warning', 'A data, schema or dialect file named by a relative path is not in the workspace')],
  async run(ctx) {
    const ws = ctx.workspace;
    if (!ws) return;
    const v = versionOf(ctx.detection);
    for (const ref of pathRefs(ctx.value)) {
      if (!DATA_PATHS.includes(ref.what)) continue;
      if (pathProblem(ref.value, v) || /^[A-Za-z][A-Za-z0-9+.-]+:/.test(ref.value)) continue;
      const target = ws.resolve(ctx.doc.uri, ref.value);
      if (!target) continue;
      if (await ws.exists(target)) continue;
      ctx.report({
        ruleId: 'datapackage/missing-file',
        pointer: ref.pointer,
        message: l10n.t('{0} {1} does not exist next to the descriptor (looked for {2}). Check the path, relative to the descriptor\'s folder, and the case of the file name.', at(ref.pointer), q(ref.value), target),
        data: { resolved: target },
      });
    }
  },
};

// ------------------------------------------------------------------------------------------- hash

const hash: Rule = {
  meta: [M('datapackage/hash', 'error', 'A hash does not have the length of its algorithm, or names the algorithm in upper case')],
  run(ctx) {
    for (const r of resourcesOf(ctx.value)) {
      const h = r.value.hash;
      if (typeof h !== 'string' || h === '') continue;
      const p = `${r.pointer}/hash`;
      const m = /^([^:]+):([a-fA-F0-9]+)$/.exec(h);
      const algo = m ? m[1] : 'md5';
      const hex = m ? m[2] : h;
      if (!/^[a-fA-F0-9]+$/.test(hex)) continue; // the schema reports it
      const want = ownValue(HASH_LENGTHS, algo.toLowerCase());
      if (m && algo !== algo.toLowerCase() && want) {
        ctx.report({
          ruleId: 'datapackage/hash',
          pointer: p,
          severity: 'warning',
          message: l10n.t('The algorithm of {0} is written {1}; the spec prefixes the hash with the algorithm name in lower case: {2}.', at(p), q(algo), q(`${algo.toLowerCase()}:${hex}`)),
          fixes: valueFix(ctx.doc, p, quoteFor(ctx.doc, p, `${algo.toLowerCase()}:${hex}`), l10n.t('Write {0}:…', algo.toLowerCase())),
        });
      }
      if (want && hex.length !== want) {
        ctx.report({
          ruleId: 'datapackage/hash',
          pointer: p,
          message: l10n.t('{0} has {1} hex digits, but a {2} digest has {3}{4}. Check that the algorithm matches the digest{5}.', at(p), hex.length, algo.toLowerCase(), want, m ? '' : l10n.t(' (without a prefix, a hash is MD5)'), !m ? l10n.t(', and prefix other algorithms, as in sha256:…') : ''),
        });
      }
    }
  },
};

// ---------------------------------------------------------------------------------------- version

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const versionFormat: Rule = {
  meta: [M('datapackage/version-format', 'information', 'The package version is not a Semantic Version')],
  run(ctx) {
    if (kindOf(ctx.value) !== 'package') return;
    const ver = get(ctx.value, 'version');
    if (typeof ver !== 'string' || SEMVER.test(ver)) return;
    const stripped = ver.replace(/^v/i, '');
    const fix = stripped !== ver && SEMVER.test(stripped) ? stripped : undefined;
    ctx.report({
      ruleId: 'datapackage/version-format',
      pointer: '/version',
      message: l10n.t('version {0} is not a Semantic Version (MAJOR.MINOR.PATCH such as 1.0.0), which the standard recommends.{1}', q(ver), fix ? l10n.t(' Write {0}.', q(fix)) : ''),
      fixes: fix ? valueFix(ctx.doc, '/version', quoteFor(ctx.doc, '/version', fix), l10n.t('Write {0}', fix)) : undefined,
    });
  },
};

// ------------------------------------------------------------------------------------------ roles

const contributorRole: Rule = {
  meta: [M('datapackage/contributor-role', 'warning', 'A v1 contributor role is not one of author, publisher, maintainer, wrangler, contributor')],
  run(ctx) {
    if (isV2(ctx)) return;
    each(get(ctx.value, 'contributors'), (c, i) => {
      const role = get(c, 'role');
      if (typeof role !== 'string' || V1_ROLES.includes(role)) return;
      const p = ptr('contributors', i, 'role');
      const s = V1_ROLES.find((r) => r === role.toLowerCase().trim()) ?? suggest(role, V1_ROLES);
      ctx.report({
        ruleId: 'datapackage/contributor-role',
        pointer: p,
        message: l10n.t('contributors[{0}].role {1} is not a v1 role: it must be one of {2}.{3}', i, q(role), V1_ROLES.join(', '), s ? l10n.t(' Did you mean {0}?', q(s)) : l10n.t(' (Data Package v2 allows any roles, in roles.)')),
        fixes: s ? valueFix(ctx.doc, p, quoteFor(ctx.doc, p, s), l10n.t('Write {0}', s)) : undefined,
      });
    });
  },
};

// ------------------------------------------------------------------------------------ YAML typing

const yamlType: Rule = {
  meta: [M('datapackage/yaml-type', 'error', 'A text property is written as an unquoted YAML number or boolean')],
  run(ctx) {
    const { doc, value } = ctx;
    if (doc.format !== 'yaml') return;
    const v = versionOf(ctx.detection);
    const targets: string[] = [];
    const keys = (base: string, obj: unknown, names: string[]) => {
      if (!isObj(obj)) return;
      for (const k of names) if (k in obj) targets.push(`${base}/${k}`);
    };
    const items = (base: string, list: unknown) => each(list, (_, i) => targets.push(`${base}/${i}`));
    const kind = kindOf(value);
    if (kind === 'package') {
      keys('', value, ['name', 'id', 'title', 'version', 'description', 'homepage', 'image', 'created']);
      items('/keywords', get(value, 'keywords'));
      each(get(value, 'contributors'), (c, i) => keys(ptr('contributors', i), c, ['title', 'email', 'path', 'organization', 'role']));
      each(get(value, 'sources'), (c, i) => keys(ptr('sources', i), c, ['title', 'email', 'path', 'version']));
    }
    for (const list of licenseListsOf(value)) each(valueAt(value, list), (l, i) => keys(`${list}/${i}`, l, ['name', 'title', 'path']));
    for (const r of resourcesOf(value)) {
      keys(r.pointer, r.value, ['name', 'title', 'description', 'format', 'mediatype', 'encoding', 'hash']);
      if (Array.isArray(r.value.path)) items(`${r.pointer}/path`, r.value.path);
      else keys(r.pointer, r.value, ['path']);
    }
    for (const s of schemasOf(value)) {
      if (Array.isArray(s.value.missingValues)) items(`${s.pointer}/missingValues`, s.value.missingValues);
      if (Array.isArray(s.value.primaryKey)) items(`${s.pointer}/primaryKey`, s.value.primaryKey);
      each(s.value.uniqueKeys, (uk, i) => items(`${s.pointer}/uniqueKeys/${i}`, uk));
      each(s.value.foreignKeys, (fk, i) => {
        const base = `${s.pointer}/foreignKeys/${i}`;
        if (Array.isArray(get(fk, 'fields'))) items(`${base}/fields`, get(fk, 'fields'));
        if (Array.isArray(get(fk, 'reference', 'fields'))) items(`${base}/reference/fields`, get(fk, 'reference', 'fields'));
        keys(`${base}/reference`, get(fk, 'reference'), ['resource']);
      });
      for (const f of fieldsOf(s)) {
        keys(f.pointer, f.value, ['name', 'title', 'description', 'format', 'rdfType', 'decimalChar', 'groupChar']);
        for (const k of ['trueValues', 'falseValues', 'missingValues']) if (Array.isArray(f.value[k])) items(`${f.pointer}/${k}`, f.value[k]);
        const c = f.value.constraints;
        keys(`${f.pointer}/constraints`, c, ['pattern']);
        if (isObj(c) && Array.isArray(c.enum) && effectiveType(f, v) === 'string') items(`${f.pointer}/constraints/enum`, c.enum);
      }
    }
    for (const d of dialectsOf(value)) keys(d.pointer, d.value, ['delimiter', 'quoteChar', 'escapeChar', 'lineTerminator', 'nullSequence', 'commentChar', 'headerJoin']);
    for (const p of targets) {
      const info = doc.nodes.get(p);
      const val = valueAt(value, p);
      if (!info || info.style !== 'plain' || !info.source || (typeof val !== 'number' && typeof val !== 'boolean')) continue;
      const source = info.source.trim();
      const lost = String(val) !== source;
      ctx.report({
        ruleId: 'datapackage/yaml-type',
        pointer: p,
        message: l10n.t('{0} must be text, but unquoted, YAML reads {1} as the {2} {3}{4}. Quote it: {5}.', at(p), source, typeof val, String(val), lost ? l10n.t(' (the text you wrote is lost)') : '', JSON.stringify(source)),
        fixes: valueFix(doc, p, JSON.stringify(source), l10n.t('Quote it: {0}', JSON.stringify(source))),
        data: { source },
      });
    }
  },
};

// ------------------------------------------------------------------------------------------ export

export const datapackageRules: Rule[] = [
  dispatch,
  profile,
  ymlExtension,
  ...migrationRules,
  pathOrData,
  paths,
  uniqueNames,
  licenseName,
  created,
  inlineData,
  ...tableSchemaRules,
  misplaced,
  misspelled,
  tabular,
  missingFile,
  hash,
  versionFormat,
  contributorRole,
  yamlType,
];

