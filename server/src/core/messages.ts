// ajv errors → reports written for people. Every message names the place (as a readable path), says
// what is expected in words (never a regex) and quotes what was found.

import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { joinPointer, pointerToPath, splitPointer } from './pointer';
import type { Report } from './standard';

type SchemaObject = Record<string, unknown>;

const FORMAT_HINTS: Record<string, string> = {
  uri: 'an absolute URL such as https://example.org/',
  'uri-reference': 'a URL or a relative path',
  url: 'an absolute URL such as https://example.org/',
  email: 'an e-mail address such as name@example.org',
  date: 'a date in the form YYYY-MM-DD',
  'date-time': 'a date and time such as 2024-05-31T12:00:00Z',
  time: 'a time such as 12:00:00',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
  uuid: 'a UUID',
  duration: 'an ISO 8601 duration such as P1Y',
};

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
  return pointer === '' ? 'the top level' : pointerToPath(pointer);
}

export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const s = value.length > 80 ? `${value.slice(0, 77)}…` : value;
    return JSON.stringify(s);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

export function describeFound(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  return quote(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value pairs)',
  array: 'a list',
  null: 'empty (null)',
};

function typeWords(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return orList(list.map((t) => TYPE_WORDS[String(t)] ?? String(t)));
}

function orList(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function formatValueList(values: unknown[]): string {
  const shown = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (shown.length <= 12) return shown.join(', ');
  return `${shown.slice(0, 10).join(', ')}, … (${shown.length} values in all)`;
}

/** A short description of one alternative of an anyOf/oneOf, for "must be X or Y". */
function describeAlternative(branch: unknown): string {
  if (!branch || typeof branch !== 'object') return 'something else';
  const s = branch as SchemaObject;
  if (typeof s.title === 'string') return s.title;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? 'value';
    return `a ${name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
  }
  if (Array.isArray(s.enum)) return `one of ${formatValueList(s.enum)}`;
  if ('const' in s) return JSON.stringify(s.const);
  if (s.type === 'array' && s.items && typeof s.items === 'object') {
    const inner = (s.items as SchemaObject).type;
    return inner ? `a list of ${typeWords(inner).replace(/^an? /, '')}s` : 'a list';
  }
  if (s.type) return typeWords(s.type);
  return 'something else';
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
        ruleId: `${ctx.prefix}/invalid-value`,
        pointer: err.instancePath,
        message: `${placeName(err.instancePath)} matches more than one of the allowed forms; make it match exactly one.`,
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
      ruleId: `${ctx.prefix}/wrong-type`,
      pointer: err.instancePath,
      message: `${placeName(err.instancePath)} must be ${orList(alternatives)}; found ${describeFound(err.data)}.`,
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

function reportFromError(err: ErrorObject, ctx: MessageContext): Report | undefined {
  const at = err.instancePath;
  const where = placeName(at);
  const params = err.params as Record<string, unknown>;
  const parent = (err.parentSchema ?? {}) as SchemaObject;
  const id = (name: string) => `${ctx.prefix}/${name}`;
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const allowed = Object.keys((parent.properties as SchemaObject | undefined) ?? {});
      const suggestion = suggest(key, allowed);
      const inWhere = at === '' ? 'at the top level' : `in ${where}`;
      return {
        ruleId: id('unknown-key'),
        pointer: joinPointer(at, key),
        on: 'key',
        message: `Unknown key ${JSON.stringify(key)} ${inWhere}.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ' Remove it, or check the spelling against the standard.'}`,
        data: { key, allowed, suggestion },
      };
    }
    case 'unevaluatedProperties': {
      const key = String(params.unevaluatedProperty);
      return { ruleId: id('unknown-key'), pointer: joinPointer(at, key), on: 'key', message: `Unknown key ${JSON.stringify(key)} in ${where}.`, data: { key } };
    }
    case 'required': {
      if (ctx.suppressRequired) return undefined;
      const missing = String(params.missingProperty);
      const inWhere = at === '' ? 'at the top level' : `in ${where}`;
      return {
        ruleId: id('required-key'),
        pointer: joinPointer(at, missing),
        on: 'key',
        message: `Missing required key ${JSON.stringify(missing)} ${inWhere}; add it.`,
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
        message: `${where === 'the top level' ? '' : `In ${where}, `}${JSON.stringify(params.property)} requires ${JSON.stringify(missing)} as well; add it.`.replace(/^./, (c) => c.toUpperCase()),
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
          message: `${where} must be true or false; ${JSON.stringify(data)} is text in YAML 1.2 (only YAML 1.1 read it as a boolean). Write ${truthy}.`,
          data: { expected, yaml11Boolean: truthy },
        };
      }
      return {
        ruleId: id('wrong-type'),
        pointer: at,
        message: `${where} must be ${typeWords(expected)}; found ${describeFound(data)}.`,
        data: { expected },
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const s = typeof err.data === 'string' ? suggest(err.data, allowed.filter((v): v is string => typeof v === 'string')) : undefined;
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: `${where} must be one of ${formatValueList(allowed)}; found ${quote(err.data)}.${s ? ` Did you mean ${JSON.stringify(s)}?` : ''}`,
        data: { allowed, suggestion: s },
      };
    }
    case 'const':
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: `${where} must be ${JSON.stringify(params.allowedValue)}; found ${quote(err.data)}.`,
        data: { allowed: [params.allowedValue] },
      };
    case 'pattern':
    case 'format': {
      const hint = civic(parent).valueHint ?? (err.keyword === 'format' ? FORMAT_HINTS[String(params.format)] : undefined);
      const example = Array.isArray(parent.examples) && parent.examples.length ? ` (for example ${quote(parent.examples[0])})` : '';
      const expected = hint ?? `in the form the standard expects${example}`;
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: `${where} must be ${expected}; found ${quote(err.data)}.`,
      };
    }
    case 'minLength':
    case 'maxLength': {
      const limit = Number(params.limit);
      const len = typeof err.data === 'string' ? [...err.data].length : 0;
      const bound = err.keyword === 'minLength' ? `at least ${limit}` : `at most ${limit}`;
      const fix = limit === 1 && err.keyword === 'minLength' ? ' It must not be empty.' : '';
      return {
        ruleId: id('length'),
        pointer: at,
        message: `${where} must be ${bound} characters long; it has ${len}.${fix}`,
      };
    }
    case 'minItems':
    case 'maxItems': {
      const limit = Number(params.limit);
      const n = Array.isArray(err.data) ? err.data.length : 0;
      const bound = err.keyword === 'minItems' ? `at least ${limit}` : `at most ${limit}`;
      return { ruleId: id('count'), pointer: at, message: `${where} must have ${bound} item${limit === 1 ? '' : 's'}; it has ${n}.` };
    }
    case 'minProperties':
    case 'maxProperties': {
      const limit = Number(params.limit);
      const bound = err.keyword === 'minProperties' ? `at least ${limit}` : `at most ${limit}`;
      return { ruleId: id('count'), pointer: at, message: `${where} must have ${bound} entr${limit === 1 ? 'y' : 'ies'}.` };
    }
    case 'uniqueItems':
      return {
        ruleId: id('invalid-value'),
        pointer: joinPointer(at, String(params.i)),
        message: `${where} lists the same item twice (items ${Number(params.j) + 1} and ${Number(params.i) + 1}); remove the repetition.`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        ruleId: id('invalid-value'),
        pointer: at,
        message: `${where} must be ${String(params.comparison)} ${String(params.limit)}; found ${quote(err.data)}.`,
      };
    case 'false schema': {
      const segs = splitPointer(at);
      return {
        ruleId: id('not-allowed'),
        pointer: at,
        on: 'key',
        message: `${JSON.stringify(segs[segs.length - 1] ?? '')} is not allowed in ${placeName(at.slice(0, at.lastIndexOf('/')))} here; remove it.`,
      };
    }
    case 'not':
      return { ruleId: id('invalid-value'), pointer: at, message: `${where} has a form the standard does not allow here.` };
    case 'if':
    case '$ref':
      return undefined; // the failing branch's own errors are reported
    default:
      return { ruleId: id('invalid-value'), pointer: at, message: `${where} is not valid here (${err.keyword}).` };
  }
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
