// ajv errors → reports written for people. Every message names the place (as a readable path), says
// what is expected in words (never a regex) and quotes what was found.

import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { joinPointer, pointerToPath, splitPointer } from './pointer';
import type { Report } from './standard';
import * as l10n from './l10n';

type SchemaObject = Record<string, unknown>;

/** What a JSON Schema format expects, in words (in the current language: called at report time). */
function formatHint(format: string): string | undefined {
  switch (format) {
    case 'uri':
    case 'url':
      return l10n.t('an absolute URL such as https://example.org/');
    case 'uri-reference': return l10n.t('a URL or a relative path');
    case 'email': return l10n.t('an e-mail address such as name@example.org');
    case 'date': return l10n.t('a date in the form YYYY-MM-DD');
    case 'date-time': return l10n.t('a date and time such as 2024-05-31T12:00:00Z');
    case 'time': return l10n.t('a time such as 12:00:00');
    case 'hostname': return l10n.t('a host name');
    case 'ipv4': return l10n.t('an IPv4 address');
    case 'ipv6': return l10n.t('an IPv6 address');
    case 'uuid': return l10n.t('a UUID');
    case 'duration': return l10n.t('an ISO 8601 duration such as P1Y');
    default: return undefined;
  }
}

/** YAML 1.1 read these as booleans; YAML 1.2 (and every current parser) reads them as strings. */
const YAML11_BOOLEANS = new Set(['y', 'yes', 'n', 'no', 'on', 'off']);

function civic(schema: unknown): { valueHint?: string } {
  if (schema && typeof schema === 'object') {
    const x = (schema as SchemaObject)['x-civic'];
    if (x && typeof x === 'object') return x as { valueHint?: string };
  }
  return {};
}

/** `maintenance.contacts[0].email`, or `the top level` for the root. */
export function placeName(pointer: string): string {
  return pointer === '' ? l10n.t('the top level') : pointerToPath(pointer);
}

export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const s = value.length > 80 ? `${value.slice(0, 77)}…` : value;
    return JSON.stringify(s);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return l10n.t('a list');
  if (typeof value === 'object') return l10n.t('a mapping');
  return String(value);
}

export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return l10n.t('nothing (an empty value)');
  if (Array.isArray(value)) return l10n.t('a list');
  if (typeof value === 'object') return l10n.t('a mapping');
  if (typeof value === 'string') return l10n.t('the text {0}', quote(value));
  if (typeof value === 'number') return l10n.t('the number {0}', value);
  if (typeof value === 'boolean') return l10n.t('the boolean {0}', value);
  return quote(value);
}

/** A JSON Schema type in words (in the current language). */
function typeWord(type: string): string {
  switch (type) {
    case 'string': return l10n.t('a text');
    case 'number': return l10n.t('a number');
    case 'integer': return l10n.t('a whole number');
    case 'boolean': return l10n.t('true or false');
    case 'object': return l10n.t('a mapping (key: value pairs)');
    case 'array': return l10n.t('a list');
    case 'null': return l10n.t('empty (null)');
    default: return type;
  }
}

function typeWords(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return orList(list.map((t) => typeWord(String(t))));
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} or {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

function formatValueList(values: unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (shown.length <= 12) return shown.join(', ');
  return l10n.t('{0}, … ({1} values in all)', shown.slice(0, 10).join(', '), shown.length);
}

/** "a list of texts": the item type in the plural. */
function listOf(type: string): string {
  switch (type) {
    case 'string': return l10n.t('a list of texts');
    case 'number': return l10n.t('a list of numbers');
    case 'integer': return l10n.t('a list of whole numbers');
    case 'boolean': return l10n.t('a list of true or false values');
    case 'object': return l10n.t('a list of mappings');
    case 'array': return l10n.t('a list of lists');
    default: return l10n.t('a list of {0}', type);
  }
}

/** A short description of one alternative of an anyOf/oneOf, for "must be X or Y". */
function describeAlternative(branch: unknown): string {
  if (!branch || typeof branch !== 'object') return l10n.t('something else');
  const s = branch as SchemaObject;
  if (typeof s.title === 'string') return s.title;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? 'value';
    return l10n.t('a {0}', name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());
  }
  if (Array.isArray(s.enum)) return l10n.t('one of {0}', formatValueList(s.enum));
  if ('const' in s) return JSON.stringify(s.const);
  if (s.type === 'array' && s.items && typeof s.items === 'object') {
    const inner = (s.items as SchemaObject).type;
    return inner ? orList((Array.isArray(inner) ? inner : [inner]).map((t) => listOf(String(t)))) : l10n.t('a list');
  }
  if (s.type) return typeWords(s.type);
  return l10n.t('something else');
}

export interface MessageContext {
  /** Rule-id prefix of the standard (`publiccode` → `publiccode/unknown-key`). */
  prefix: string;
  /** Set when the document has syntax errors: missing keys may just be unparsed, so they are not reported. */
  suppressRequired: boolean;
}

/** Group anyOf/oneOf branch errors and turn all errors into reports. */
export function reportsFromErrors(errors: ErrorObject[], ctx: MessageContext): Report[] {
  const consumed = new Set<number>();
  const reports: Report[] = [];
  // Pass 1: alternatives. ajv appends the failing branches' errors right before the anyOf/oneOf error.
  const replacements = new Map<number, Report[]>();
  errors.forEach((err, k) => {
    if (err.keyword !== 'anyOf' && err.keyword !== 'oneOf') return;
    if (err.keyword === 'oneOf' && (err.params as { passingSchemas?: unknown }).passingSchemas) {
      replacements.set(k, [{
        ruleId: ruleIdOf(ctx.prefix, 'invalid-value'),
        pointer: err.instancePath,
        message: l10n.t('{0} matches more than one of the allowed forms; make it match exactly one.', placeName(err.instancePath)),
      }]);
      return;
    }
    const branch: number[] = [];
    for (let j = k - 1; j >= 0; j--) {
      if (consumed.has(j)) continue;
      const p = errors[j].instancePath;
      if (p === err.instancePath || p.startsWith(`${err.instancePath}/`)) branch.push(j);
      else break;
    }
    branch.forEach((j) => consumed.add(j));
    // Errors other than a type mismatch mean the value has the shape of one alternative: what is wrong
    // is inside it (a missing key, a bad item), and saying so beats "must be X or Y".
    const inner = branch.filter((j) => !(errors[j].keyword === 'type' && errors[j].instancePath === err.instancePath) && errors[j].keyword !== 'if');
    if (inner.length > 0) {
      replacements.set(k, reportsFromErrors(inner.sort((a, b) => a - b).map((j) => errors[j]), ctx));
      return;
    }
    const alternatives = ((err.schema as unknown[]) ?? []).map(describeAlternative);
    replacements.set(k, [{
      ruleId: ruleIdOf(ctx.prefix, 'wrong-type'),
      pointer: err.instancePath,
      message: l10n.t('{0} must be {1}; found {2}.', placeName(err.instancePath), orList(alternatives), describeFound(err.data)),
    }]);
  });
  errors.forEach((err, k) => {
    if (replacements.has(k)) {
      reports.push(...(replacements.get(k) ?? []));
      return;
    }
    if (consumed.has(k)) return;
    const r = reportFromError(err, ctx);
    if (r) reports.push(r);
  });
  return dedupe(reports);
}

function dedupe(reports: Report[]): Report[] {
  const seen = new Set<string>();
  return reports.filter((r) => {
    const key = `${r.ruleId}\u0000${r.pointer}\u0000${r.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Rule ids by prefix and name (both literals of the code). */
const ruleIds = new Map<string, Map<string, string>>();

/**
 * `prefix/name`, the same string each time: rule ids are looked up by value (registry, preferences) for
 * every report, and a freshly joined string is flattened and hashed on each lookup.
 */
export function ruleIdOf(prefix: string, name: string): string {
  let byName = ruleIds.get(prefix);
  if (!byName) ruleIds.set(prefix, (byName = new Map()));
  let id = byName.get(name);
  if (id === undefined) byName.set(name, (id = `${prefix}/${name}`));
  return id;
}

function reportFromError(err: ErrorObject, ctx: MessageContext): Report | undefined {
  const at = err.instancePath;
  const where = placeName(at);
  const params = err.params as Record<string, unknown>;
  const parent = (err.parentSchema ?? {}) as SchemaObject;
  const id = (name: string) => ruleIdOf(ctx.prefix, name);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as SchemaObject | undefined) ?? {});
      const suggestion = suggest(key, allowed);
      const unknown = at === '' ? l10n.t('Unknown key {0} at the top level.', JSON.stringify(key)) : l10n.t('Unknown key {0} in {1}.', JSON.stringify(key), where);
      return {
        ruleId: id('unknown-key'),
        pointer: joinPointer(at, key),
        on: 'key',
        message: `${unknown} ${suggestion ? didYouMean(suggestion) : l10n.t('Remove it, or check the spelling against the standard.')}`,
        data: { key, allowed, suggestion },
      };
    }
    case 'unevaluatedProperties': {
      const key = String(params.unevaluatedProperty);
      return { ruleId: id('unknown-key'), pointer: joinPointer(at, key), on: 'key', message: l10n.t('Unknown key {0} in {1}.', JSON.stringify(key), where), data: { key } };
    }
    case 'required': {
      if (ctx.suppressRequired) return undefined;
      const missing = String(params.missingProperty);
      return {
        ruleId: id('required-key'),
        pointer: joinPointer(at, missing),
        on: 'key',
        message: at === '' ? l10n.t('Missing required key {0} at the top level; add it.', JSON.stringify(missing)) : l10n.t('Missing required key {0} in {1}; add it.', JSON.stringify(missing), where),
        data: { missing, parent: at },
      };
    }
    case 'dependencies':
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      return {
        ruleId: id('required-key'),
        pointer: joinPointer(at, missing),
        on: 'key',
        message: at === ''
          ? l10n.t('{0} requires {1} as well; add it.', JSON.stringify(params.property), JSON.stringify(missing))
          : l10n.t('In {0}, {1} requires {2} as well; add it.', where, JSON.stringify(params.property), JSON.stringify(missing)),
        data: { missing, parent: at },
      };
    }
    case 'type': {
      const data = err.data;
      const expected = params.type;
      const expectsBoolean = Array.isArray(expected) ? expected.includes('boolean') : expected === 'boolean';
      if (expectsBoolean && typeof data === 'string' && YAML11_BOOLEANS.has(data.toLowerCase())) {
        const truthy = ['y', 'yes', 'on'].includes(data.toLowerCase());
        return {
          ruleId: id('wrong-type'),
          pointer: at,
          message: l10n.t('{0} must be true or false; {1} is text in YAML 1.2 (only YAML 1.1 read it as a boolean). Write {2}.', where, JSON.stringify(data), truthy),
          data: { expected, yaml11Boolean: truthy },
        };
      }
      return {
        ruleId: id('wrong-type'),
        pointer: at,
        message: l10n.t('{0} must be {1}; found {2}.', where, typeWords(expected), describeFound(data)),
        data: { expected },
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const s = typeof err.data === 'string' ? suggest(err.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: l10n.t('{0} must be one of {1}; found {2}.', where, formatValueList(allowed), quote(err.data)) + (s ? ` ${didYouMean(s)}` : ''),
        data: { allowed, suggestion: s },
      };
    }
    case 'const':
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: l10n.t('{0} must be {1}; found {2}.', where, JSON.stringify(params.allowedValue), quote(err.data)),
        data: { allowed: [params.allowedValue] },
      };
    case 'pattern':
    case 'format': {
      // A schema's x-civic.valueHint is data (English, like the schema's descriptions); the sentence around it is translated.
      const hint = civic(parent).valueHint ?? (err.keyword === 'format' ? formatHint(String(params.format)) : undefined);
      const example = Array.isArray(parent.examples) && parent.examples.length ? quote(parent.examples[0]) : undefined;
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: hint !== undefined
          ? l10n.t('{0} must be {1}; found {2}.', where, hint, quote(err.data))
          : example !== undefined
            ? l10n.t('{0} must be in the form the standard expects (for example {1}); found {2}.', where, example, quote(err.data))
            : l10n.t('{0} must be in the form the standard expects; found {1}.', where, quote(err.data)),
      };
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      const len = typeof err.data === 'string' ? [...err.data].length : 0;
      const fix = limit === 1 && err.keyword === 'minLength' ? ` ${l10n.t('It must not be empty.')}` : '';
      return {
        ruleId: id('length'),
        pointer: at,
        message: (err.keyword === 'minLength'
          ? l10n.t('{0} must be at least {1} characters long; it has {2}.', where, limit, len)
          : l10n.t('{0} must be at most {1} characters long; it has {2}.', where, limit, len)) + fix,
      };
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const n = Array.isArray(err.data) ? err.data.length : 0;
      const message = err.keyword === 'minItems'
        ? (limit === 1 ? l10n.t('{0} must have at least {1} item; it has {2}.', where, limit, n) : l10n.t('{0} must have at least {1} items; it has {2}.', where, limit, n))
        : (limit === 1 ? l10n.t('{0} must have at most {1} item; it has {2}.', where, limit, n) : l10n.t('{0} must have at most {1} items; it has {2}.', where, limit, n));
      return { ruleId: id('count'), pointer: at, message };
    }
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const message = err.keyword === 'minProperties'
        ? (limit === 1 ? l10n.t('{0} must have at least {1} entry.', where, limit) : l10n.t('{0} must have at least {1} entries.', where, limit))
        : (limit === 1 ? l10n.t('{0} must have at most {1} entry.', where, limit) : l10n.t('{0} must have at most {1} entries.', where, limit));
      return { ruleId: id('count'), pointer: at, message };
    }
    case 'uniqueItems':
      return {
        ruleId: id('invalid-value'),
        pointer: joinPointer(at, String(params.i)),
        message: l10n.t('{0} lists the same item twice (items {1} and {2}); remove the repetition.', where, Number(params.j) + 1, Number(params.i) + 1),
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: l10n.t('{0} must be {1} {2}; found {3}.', where, String(params.comparison), String(params.limit), quote(err.data)),
      };
    case 'false schema': {
      const segs = splitPointer(at);
      return {
        ruleId: id('not-allowed'),
        pointer: at,
        on: 'key',
        message: l10n.t('{0} is not allowed in {1} here; remove it.', JSON.stringify(segs[segs.length - 1] ?? ''), placeName(at.slice(0, at.lastIndexOf('/')))),
      };
    }
    case 'not':
      return { ruleId: id('invalid-value'), pointer: at, message: l10n.t('{0} has a form the standard does not allow here.', where) };
    case 'if':
    case '$ref':
      return undefined; // the failing branch's own errors are reported
    default:
      return { ruleId: id('invalid-value'), pointer: at, message: l10n.t('{0} is not valid here ({1}).', where, err.keyword) };
  }
}

/** "Did you mean "x"?", the sentence every suggestion ends a message with. */
export function didYouMean(suggestion: string): string {
  return l10n.t('Did you mean {0}?', JSON.stringify(suggestion));
}

/** The closest candidate by edit distance, if close enough to be a plausible typo. */
export function suggest(value: string, candidates: string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = value.toLowerCase();
  const exactCase = candidates.find((c) => c.toLowerCase() === lower);
  if (exactCase) return exactCase;
  const best = closest(value, candidates);
  const d = distance(value.toLowerCase(), best.toLowerCase());
  return d <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
