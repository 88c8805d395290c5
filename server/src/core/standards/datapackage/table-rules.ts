// Table Schema checks beyond the schema: key references, field types, date/time formats, constraints
// per field type and their values.

import type { Rule } from '../../standard';
import { hasDateShape } from '../../rules/dates';
import { each, isObj, ownValue, q, valueFix, type Obj } from '../../rules/kit';
import { checkStrptime, pictureToStrptime } from '../../rules/strptime';
import { fieldNames, fieldsOf, keyList, kindOf, resourcesOf, schemasOf, versionOf } from './descriptor';
import { FIELD_FORMATS, FIELD_TYPE_ALIASES, PROFILE_URLS, TEMPORAL_TYPES, constraintTypes, fieldTypes } from './vocabulary';
import { M, at, quoteFor, near, isV2, effectiveType } from './support';
import * as l10n from '../../l10n';

// ------------------------------------------------------------------------------------------ keys

const keyRefs: Rule = {
  meta: [
    M('datapackage/key-field', 'error', 'A primary, unique or foreign key names a field that the schema does not have'),
    M('datapackage/foreign-key-resource', 'error', 'A foreign key references a resource that the package does not have'),
    M('datapackage/foreign-key-count', 'error', 'A foreign key has a different number of fields on each side'),
  ],
  run(ctx) {
    const { doc, value } = ctx;
    const v2 = isV2(ctx);
    const resources = resourcesOf(value).filter((r) => r.pointer !== '');
    const byName = new Map<string, Obj>();
    for (const r of resources) if (typeof r.value.name === 'string' && !byName.has(r.value.name)) byName.set(r.value.name, r.value);

    const checkNames = (listPointer: string, raw: unknown, names: string[] | undefined, whose: string, what: string) => {
      const list = keyList(raw);
      if (!list || !names) return;
      list.forEach((name, i) => {
        if (names.includes(name)) return;
        const p = typeof raw === 'string' ? listPointer : `${listPointer}/${i}`;
        const ci = names.find((n) => n.toLowerCase() === name.toLowerCase());
        const s = near(name, names);
        ctx.report({
          ruleId: 'datapackage/key-field',
          pointer: p,
          message: l10n.t('{0} names the field {1}, but {2} has no field of that name{3}', what, q(name), whose, s ? l10n.t('; did you mean {0}?', q(s)) : l10n.t('; the fields are {0}{1}.', names.slice(0, 8).map((n) => q(n)).join(', '), names.length > 8 ? ', …' : '')),
          fixes: s ? valueFix(doc, p, quoteFor(doc, p, s), l10n.t('Write {0}', s), ci !== undefined) : undefined,
          data: { suggestion: s, fields: names },
        });
      });
    };

    for (const s of schemasOf(value)) {
      if (!Array.isArray(s.value.fields)) continue;
      const names = fieldNames(s.value);
      const whose = s.pointer === '' ? 'this schema' : `${at(s.pointer)}`;
      checkNames(`${s.pointer}/primaryKey`, s.value.primaryKey, names, whose, 'The primary key');
      each(s.value.uniqueKeys, (uk, i) => checkNames(`${s.pointer}/uniqueKeys/${i}`, uk, names, whose, `uniqueKeys[${i}]`));
      each(s.value.foreignKeys, (fk, i) => {
        if (!isObj(fk)) return;
        const base = `${s.pointer}/foreignKeys/${i}`;
        checkNames(`${base}/fields`, fk.fields, names, whose, `Foreign key ${i + 1}`);
        const ref = fk.reference;
        if (!isObj(ref)) return;
        const local = keyList(fk.fields);
        const remote = keyList(ref.fields);
        if (local && remote && local.length !== remote.length) {
          ctx.report({
            ruleId: 'datapackage/foreign-key-count',
            pointer: `${base}/reference/fields`,
            message: l10n.t('Foreign key {0} links {1} ({2}) to {3} ({4}); both sides need the same number, in the same order.', i + 1, local.length === 1 ? l10n.t('1 field') : l10n.t('{0} fields', local.length), local.map((x) => q(x)).join(', '), remote.length === 1 ? l10n.t('1 referenced field') : l10n.t('{0} referenced fields', remote.length), remote.map((x) => q(x)).join(', ')),
          });
        }
        if ('package' in ref) return; // a reference into another package (external foreign key pattern)
        const target = ref.resource;
        const self = target === undefined || target === '' || (typeof target === 'string' && s.resource && s.resource.value.name === target);
        if (target === undefined && !v2) return; // v1 requires resource: the schema reports it
        if (self) {
          checkNames(`${base}/reference/fields`, ref.fields, names, whose, `Foreign key ${i + 1} (a reference to this same table)`);
          return;
        }
        if (typeof target !== 'string' || s.pointer === '' || kindOf(value) !== 'package') return;
        const res = byName.get(target);
        if (!res) {
          const names2 = [...byName.keys()];
          const sg = near(target, names2);
          const p = `${base}/reference/resource`;
          ctx.report({
            ruleId: 'datapackage/foreign-key-resource',
            pointer: p,
            message: l10n.t('Foreign key {0} references the resource {1}, which this package does not have{2}{3}', i + 1, q(target), sg ? l10n.t('; did you mean {0}?', q(sg)) : l10n.t('; the resources are {0}.', names2.map((n) => q(n)).join(', ') || 'none'), v2 ? '' : l10n.t(' (For a reference to this same table, write resource: "".)')),
            fixes: sg ? valueFix(doc, p, quoteFor(doc, p, sg), l10n.t('Write {0}', sg)) : undefined,
            data: { suggestion: sg },
          });
          return;
        }
        if (isObj(res.schema) && Array.isArray(res.schema.fields)) {
          checkNames(`${base}/reference/fields`, ref.fields, fieldNames(res.schema), `the resource ${q(target)}`, `Foreign key ${i + 1}`);
        }
      });
    }
  },
};

// -------------------------------------------------------------------------------- fields: type


const fieldType: Rule = {
  meta: [M('datapackage/field-type', 'error', 'A field type is not a Table Schema type, but one it maps to is known')],
  run(ctx) {
    const v = versionOf(ctx.detection);
    const types = fieldTypes(v);
    for (const s of schemasOf(ctx.value)) {
      for (const f of fieldsOf(s)) {
        const t = f.value.type;
        if (typeof t !== 'string' || types.includes(t)) continue;
        const p = `${f.pointer}/type`;
        if (v === '1' && t === 'list') {
          ctx.report({
            ruleId: 'datapackage/field-type',
            pointer: p,
            message: l10n.t('The list type exists only in Data Package v2; this file is read as v1. Declare v2 ($schema: {0}), or use string.', PROFILE_URLS['2'].package),
          });
          continue;
        }
        const lower = t.trim().toLowerCase();
        const mapped = types.includes(lower) ? lower : ownValue(FIELD_TYPE_ALIASES, lower);
        if (!mapped) continue; // the schema lists the types
        const fmt = ['url', 'uri'].includes(lower) ? ' with format: uri' : lower === 'email' ? ' with format: email' : lower === 'uuid' ? ' with format: uuid' : '';
        ctx.report({
          ruleId: 'datapackage/field-type',
          pointer: p,
          message: l10n.t('{0} is not a Table Schema type; write {1}{2}. The types are {3}.', q(t), q(mapped), fmt, types.join(', ')),
          fixes: valueFix(ctx.doc, p, quoteFor(ctx.doc, p, mapped), l10n.t('Write {0}', mapped)),
          data: { suggestion: mapped },
        });
      }
    }
  },
};

// ------------------------------------------------------------------------------ fields: formats

const dateFormat: Rule = {
  meta: [M('datapackage/date-format', 'error', 'A date/time format is not default, any, or a well-formed strptime pattern')],
  run(ctx) {
    const v = versionOf(ctx.detection);
    for (const s of schemasOf(ctx.value)) {
      for (const f of fieldsOf(s)) {
        const type = effectiveType(f, v);
        const raw = f.value.format;
        if (typeof raw !== 'string') continue;
        const p = `${f.pointer}/format`;
        if (!type || !TEMPORAL_TYPES.includes(type)) {
          // A strptime pattern on a field that is not a date/time: the type is probably wrong.
          if (type && FIELD_FORMATS[type] && /%[a-zA-Z]/.test(raw)) {
            ctx.report({
              ruleId: 'datapackage/date-format',
              pointer: p,
              message: l10n.t('{0} {1} is a date/time pattern, but the field\'s type is {2}; patterns apply to date, time and datetime fields. Set the type (date, time or datetime) or remove the format.', at(p), q(raw), type),
            });
          }
          continue;
        }
        const fmt = raw.startsWith('fmt:') ? raw.slice(4) : raw;
        if (fmt === 'default' || fmt === 'any') continue;
        const check = checkStrptime(fmt);
        if (check.problems.length === 0) continue;
        const first = check.problems[0];
        if (first.kind === 'no-directive') {
          if (/^iso[-_ ]?8601$/i.test(fmt) || /^iso$/i.test(fmt)) {
            ctx.report({
              ruleId: 'datapackage/date-format',
              pointer: p,
              message: l10n.t('{0} {1} is not a format name; the ISO 8601 form is the default, so write "default" (or leave format out).', at(p), q(raw)),
              fixes: valueFix(ctx.doc, p, quoteFor(ctx.doc, p, 'default'), l10n.t('Write default')),
            });
            continue;
          }
          const picture = pictureToStrptime(fmt);
          ctx.report({
            ruleId: 'datapackage/date-format',
            pointer: p,
            message: l10n.t('{0} {1} is not a strptime pattern ({2}). {3} formats are "default", "any" or a pattern with % directives{4}.', at(p), q(raw), first.text, type, picture ? l10n.t(': write {0}', q(picture)) : l10n.t(', such as "%d/%m/%Y"')),
            fixes: picture ? valueFix(ctx.doc, p, quoteFor(ctx.doc, p, picture), l10n.t('Write {0}', picture)) : undefined,
            data: { suggestion: picture },
          });
          continue;
        }
        const fixed = check.problems.length === 1 && first.replacement !== undefined && first.token ? fmt.split(first.token).join(first.replacement) : undefined;
        ctx.report({
          ruleId: 'datapackage/date-format',
          pointer: p,
          severity: check.problems.every((x) => x.kind === 'c-only') ? 'warning' : 'error',
          message: l10n.t('{0} {1} is not a pattern Python\'s strptime reads: {2}.{3}', at(p), q(raw), check.problems.map((x) => x.text).join('; '), fixed && fixed !== fmt ? l10n.t(' Write {0}.', q(fixed)) : ''),
          fixes: fixed && fixed !== fmt ? valueFix(ctx.doc, p, quoteFor(ctx.doc, p, fixed), l10n.t('Write {0}', fixed)) : undefined,
        });
      }
    }
  },
};

// --------------------------------------------------------------------------- fields: constraints

function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

const constraints: Rule = {
  meta: [
    M('datapackage/constraint-type', 'error', 'A constraint does not apply to the type of its field'),
    M('datapackage/constraint-value', 'error', 'A constraint has a value that its field cannot compare with, or bounds that exclude every value'),
  ],
  run(ctx) {
    const v = versionOf(ctx.detection);
    const table = constraintTypes(v);
    const v2Table = constraintTypes('2');
    for (const s of schemasOf(ctx.value)) {
      for (const f of fieldsOf(s)) {
        const c = f.value.constraints;
        if (!isObj(c)) continue;
        const declared = f.value.type;
        const type = effectiveType(f, v);
        const base = `${f.pointer}/constraints`;
        for (const key of Object.keys(c)) {
          const applies = ownValue(table, key);
          const p = `${base}/${key}`;
          if (applies === undefined) {
            if (v === '1' && ownValue(v2Table, key)) {
              ctx.report({ ruleId: 'datapackage/constraint-type', pointer: p, on: 'key', severity: 'warning', message: l10n.t('{0} is a Data Package v2 constraint; this file is read as v1, where it means nothing. Declare v2 ($schema: {1}).', key, PROFILE_URLS['2'].package) });
            }
            continue;
          }
          if (applies === '*') continue;
          if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(key) && declared === undefined) {
            ctx.report({ ruleId: 'datapackage/constraint-type', pointer: p, on: 'key', message: l10n.t('{0} has a {1} constraint but no type; a field with {1} must declare its type (integer, number, date…), since the comparison depends on it.', at(f.pointer), key) });
            continue;
          }
          if (!type || applies.includes(type)) continue;
          ctx.report({
            ruleId: 'datapackage/constraint-type',
            pointer: p,
            on: 'key',
            message: l10n.t('The {0} constraint does not apply to {1} fields; it applies to {2} fields. {3}', key, type, applies.join(', '), ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(key) && type === 'string' ? l10n.t('If the values are numbers or dates, set the type accordingly.') : l10n.t('Remove it, or change the type.')),
            data: { type, appliesTo: applies },
          });
        }
        // Values.
        if (!type) continue;
        const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
        if (['integer', 'number', 'year'].includes(type)) {
          for (const key of bounds) {
            if (!(key in c)) continue;
            const val = c[key];
            if (numeric(val) !== undefined || (typeof val !== 'string' && typeof val !== 'number')) continue;
            ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/${key}`, message: l10n.t('{0} {1} is not a number, so values of this {2} field cannot be compared with it.', at(`${base}/${key}`), q(String(val)), type) });
          }
          const lo = numeric(c.minimum) ?? numeric(c.exclusiveMinimum);
          const hi = numeric(c.maximum) ?? numeric(c.exclusiveMaximum);
          if (lo !== undefined && hi !== undefined && lo > hi) {
            const k = 'maximum' in c ? 'maximum' : 'exclusiveMaximum';
            ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/${k}`, message: l10n.t('{0} ({1}) is below the minimum ({2}): no value can satisfy both.', at(`${base}/${k}`), hi, lo) });
          }
          each(c.enum, (item, i) => {
            if (numeric(item) !== undefined || typeof item === 'boolean' || item === null) return;
            if (typeof item !== 'string' && typeof item !== 'number') return;
            ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/enum/${i}`, message: l10n.t('{0} {1} is not a number, so no value of this {2} field can equal it.', at(l10n.t('{0}/enum/{1}', base, i)), q(String(item)), type) });
          });
        }
        if (type === 'date' && (f.value.format === undefined || f.value.format === 'default')) {
          for (const key of bounds) {
            const val = c[key];
            if (typeof val !== 'string' || hasDateShape(val)) continue;
            ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/${key}`, message: l10n.t('{0} {1} is not a date in the field\'s format (YYYY-MM-DD).', at(`${base}/${key}`), q(val)) });
          }
        }
        const minL = c.minLength;
        const maxL = c.maxLength;
        if (typeof minL === 'number' && typeof maxL === 'number' && minL > maxL) {
          ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/maxLength`, message: l10n.t('{0} ({1}) is below minLength ({2}): no value can satisfy both.', at(l10n.t('{0}/maxLength', base)), maxL, minL) });
        }
        if (typeof c.pattern === 'string') {
          let ok = true;
          try {
            new RegExp(c.pattern, 'u');
          } catch {
            try {
              new RegExp(c.pattern);
            } catch {
              ok = false;
            }
          }
          if (!ok) ctx.report({ ruleId: 'datapackage/constraint-value', pointer: `${base}/pattern`, message: l10n.t('{0} is not a valid regular expression (check brackets, parentheses and escapes).', at(l10n.t('{0}/pattern', base))) });
        }
      }
    }
  },
};

export const tableSchemaRules: Rule[] = [keyRefs, fieldType, dateFormat, constraints];
