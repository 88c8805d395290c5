// Walk a JSON Schema along a JSON Pointer: which (sub)schemas apply to the node at that place?
// Completion, hover and code actions all start here. Pure: no I/O; results that do not depend on the
// document are cached per root schema object (a WeakMap, so dropping a schema frees its cache).
//
// Supported: local `$ref` (`#`, `#/definitions/…`, `#/$defs/…`, any local JSON Pointer, `$id`/`$anchor`
// names and refs that repeat the root's own `$id`), `properties`, `patternProperties`,
// `additionalProperties`/`unevaluatedProperties`, `items` (object, tuple array), `prefixItems`,
// `additionalItems`, `allOf`, `anyOf`/`oneOf` (every branch, minus those whose `type` cannot match the
// instance), `if`/`then`/`else` and `dependentSchemas`/`dependencies` (decided against the document
// value when a small evaluator can, otherwise both branches, marked uncertain).
// Not followed: refs to other documents (they are skipped, never fetched).

import { isArrayIndex, splitPointer } from './pointer';
import { codePointLength } from './stringLength';

export type SchemaObject = Record<string, unknown>;
/** A schema as found in a file: an object (possibly typed as plain `object` by callers) or a boolean. */
export type JsonSchema = SchemaObject | object | boolean;

export interface Applicable {
  /** A schema object that applies to the node (never a bare boolean). */
  schema: SchemaObject;
  /**
   * True when the schema applies for sure (the root, `properties`, `allOf`, a decided `if`); false when
   * it is one branch of an `anyOf`/`oneOf` or of an `if` that could not be decided.
   */
  certain: boolean;
}

export interface WalkOptions {
  /**
   * The document's value. Used to decide `if`/`then`/`else` and `dependentSchemas`, and to drop
   * `anyOf`/`oneOf` branches whose `type` cannot match. Without it every branch is kept.
   */
  document?: unknown;
  /**
   * Treat the instance at this pointer (and below) as unknown: completion passes the pointer of the
   * value being typed, so that a half-typed value does not rule out the branches being completed.
   */
  unknownAt?: string;
}

// ------------------------------------------------------------------------------------------ caching

interface RootCache {
  refs: Map<string, JsonSchema | undefined>;
  /** `$id` and `$anchor` names inside the root → schema. */
  ids?: Map<string, SchemaObject>;
  /** Walk results without a document, by pointer. */
  walks: Map<string, Applicable[]>;
}

const caches = new WeakMap<object, RootCache>();
const MAX_CACHED_WALKS = 2000;

function cacheFor(root: object): RootCache {
  let c = caches.get(root);
  if (!c) {
    c = { refs: new Map(), walks: new Map() };
    caches.set(root, c);
  }
  return c;
}

const regexCache = new Map<string, RegExp | null>();

/** A schema `pattern` as a RegExp (Unicode mode first, as JSON Schema intends); null if it is invalid. */
export function schemaRegExp(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re !== undefined) return re;
  try {
    re = new RegExp(pattern, 'u');
  } catch {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

export function isSchemaObject(s: unknown): s is SchemaObject {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

function own(o: unknown, key: string): unknown {
  return isSchemaObject(o) && Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

// ------------------------------------------------------------------------------------------- $ref

function indexIds(root: SchemaObject): Map<string, SchemaObject> {
  const ids = new Map<string, SchemaObject>();
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number) => {
    if (depth > 64 || typeof node !== 'object' || node === null || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const o = node as SchemaObject;
    if (node !== root && typeof o.$id === 'string') {
      const id = o.$id;
      ids.set(id, o);
      if (id.startsWith('#')) ids.set(id.slice(1), o);
    }
    if (typeof o.$anchor === 'string') ids.set(o.$anchor, o);
    for (const [k, v] of Object.entries(o)) {
      // `enum`, `const`, `examples` and `default` hold data, not schemas.
      if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
      visit(v, depth + 1);
    }
  };
  visit(root, 0);
  return ids;
}

function stripHash(s: string): string {
  return s.endsWith('#') ? s.slice(0, -1) : s;
}

/** Resolve a `$ref` against the root schema; undefined for refs to other documents or dangling refs. */
export function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!isSchemaObject(root)) return undefined;
  const cache = cacheFor(root);
  if (cache.refs.has(ref)) return cache.refs.get(ref);
  const result = resolveRefUncached(root, ref, cache);
  cache.refs.set(ref, result);
  return result;
}

function resolveRefUncached(root: SchemaObject, ref: string, cache: RootCache): JsonSchema | undefined {
  const hash = ref.indexOf('#');
  const base = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  let start: SchemaObject = root;
  if (base !== '') {
    const rootId = typeof root.$id === 'string' ? stripHash(root.$id) : typeof root.id === 'string' ? stripHash(root.id) : undefined;
    if (base !== rootId) {
      cache.ids ??= indexIds(root);
      const byId = cache.ids.get(base) ?? cache.ids.get(`${base}#`);
      if (!byId) return undefined;
      start = byId;
    }
  }
  if (fragment === '') return start;
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    decoded = fragment;
  }
  if (!decoded.startsWith('/')) {
    cache.ids ??= indexIds(root);
    return cache.ids.get(decoded) ?? cache.ids.get(`#${decoded}`);
  }
  let cur: unknown = start;
  for (const seg of splitPointer(decoded)) {
    if (Array.isArray(cur)) cur = cur[Number(seg)];
    else if (isSchemaObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return isSchemaObject(cur) || typeof cur === 'boolean' ? cur : undefined;
}

// ------------------------------------------------------------------------------ instance helpers

export type InstanceType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

/** The JSON type of a value; undefined for undefined (an unknown instance). */
export function instanceType(v: unknown): InstanceType | undefined {
  if (v === undefined) return undefined;
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'object';
    default:
      return undefined;
  }
}

function typeMatches(declared: unknown, v: unknown): boolean {
  const t = instanceType(v);
  if (t === undefined) return true;
  const list = Array.isArray(declared) ? declared : [declared];
  return list.some((d) => d === t || (d === 'number' && t === 'integer'));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as SchemaObject)[k], (b as SchemaObject)[k]));
}

/** Keywords that never affect validity. */
const ANNOTATIONS = new Set([
  '$schema', '$id', 'id', '$anchor', '$comment', '$defs', 'definitions', 'title', 'description', 'markdownDescription',
  'examples', 'default', 'deprecated', 'readOnly', 'writeOnly', 'errorMessage', 'enumDescriptions',
  'markdownEnumDescriptions', 'deprecationMessage', 'format', 'contentMediaType', 'contentEncoding',
]);

/**
 * A small, partial validator used to decide `if` conditions: true / false when it can tell, undefined
 * when the schema uses something it does not evaluate (or the instance is unknown).
 */
export function quickCheck(root: JsonSchema, schema: JsonSchema | undefined, v: unknown, depth = 0): boolean | undefined {
  if (schema === undefined) return true;
  if (typeof schema === 'boolean') return schema;
  if (v === undefined || depth > 32) return undefined;
  let unknown = false;
  const merge = (r: boolean | undefined): boolean => {
    if (r === undefined) unknown = true;
    return r === false;
  };
  for (const [k, s] of Object.entries(schema)) {
    if (ANNOTATIONS.has(k) || k.startsWith('x-')) continue;
    switch (k) {
      case '$ref': {
        const target = typeof s === 'string' ? resolveRef(root, s) : undefined;
        if (target === undefined) unknown = true;
        else if (merge(quickCheck(root, target, v, depth + 1))) return false;
        break;
      }
      case 'type':
        if (!typeMatches(s, v)) return false;
        break;
      case 'const':
        if (!deepEqual(s, v)) return false;
        break;
      case 'enum':
        if (Array.isArray(s) && !s.some((e) => deepEqual(e, v))) return false;
        break;
      case 'required':
        if (isSchemaObject(v) && Array.isArray(s) && s.some((name) => typeof name === 'string' && !Object.prototype.hasOwnProperty.call(v, name))) return false;
        break;
      case 'properties':
        if (isSchemaObject(v) && isSchemaObject(s)) {
          for (const [name, sub] of Object.entries(s)) {
            if (!Object.prototype.hasOwnProperty.call(v, name)) continue;
            if (merge(quickCheck(root, sub as JsonSchema, v[name], depth + 1))) return false;
          }
        }
        break;
      case 'pattern':
        if (typeof v === 'string' && typeof s === 'string') {
          const re = schemaRegExp(s);
          if (!re) unknown = true;
          else if (!re.test(v)) return false;
        }
        break;
      case 'minLength':
        if (typeof v === 'string' && typeof s === 'number' && codePointLength(v) < s) return false;
        break;
      case 'maxLength':
        if (typeof v === 'string' && typeof s === 'number' && codePointLength(v) > s) return false;
        break;
      case 'minimum':
        if (typeof v === 'number' && typeof s === 'number' && v < s) return false;
        break;
      case 'maximum':
        if (typeof v === 'number' && typeof s === 'number' && v > s) return false;
        break;
      case 'minItems':
        if (Array.isArray(v) && typeof s === 'number' && v.length < s) return false;
        break;
      case 'maxItems':
        if (Array.isArray(v) && typeof s === 'number' && v.length > s) return false;
        break;
      case 'not': {
        const r = quickCheck(root, s as JsonSchema, v, depth + 1);
        if (r === true) return false;
        if (r === undefined) unknown = true;
        break;
      }
      case 'allOf':
        if (Array.isArray(s)) for (const sub of s) if (merge(quickCheck(root, sub as JsonSchema, v, depth + 1))) return false;
        break;
      case 'anyOf':
      case 'oneOf': {
        if (!Array.isArray(s)) break;
        const results = s.map((sub) => quickCheck(root, sub as JsonSchema, v, depth + 1));
        const yes = results.filter((r) => r === true).length;
        const maybe = results.filter((r) => r === undefined).length;
        if (k === 'anyOf') {
          if (yes === 0 && maybe === 0) return false;
          if (yes === 0) unknown = true;
        } else {
          if (yes + maybe === 0 || yes > 1) return false;
          if (maybe > 0) unknown = true;
        }
        break;
      }
      case 'items':
      case 'additionalItems':
      case 'prefixItems':
      case 'contains':
      case 'patternProperties':
      case 'additionalProperties':
      case 'propertyNames':
      case 'dependencies':
      case 'dependentRequired':
      case 'dependentSchemas':
      case 'if':
      case 'then':
      case 'else':
      case 'uniqueItems':
      case 'multipleOf':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'minProperties':
      case 'maxProperties':
      case 'unevaluatedProperties':
      case 'unevaluatedItems':
        // Not evaluated here; only matters when the instance has the relevant type.
        if (appliesToType(k, v)) unknown = true;
        break;
      default:
        unknown = true;
    }
  }
  return unknown ? undefined : true;
}

function appliesToType(keyword: string, v: unknown): boolean {
  switch (keyword) {
    case 'items':
    case 'additionalItems':
    case 'prefixItems':
    case 'contains':
    case 'uniqueItems':
    case 'unevaluatedItems':
      return Array.isArray(v);
    case 'multipleOf':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return typeof v === 'number';
    case 'if':
    case 'then':
    case 'else':
      return true;
    default:
      return isSchemaObject(v);
  }
}

/** Could this schema match the instance, judging by `type` alone (after `$ref`)? */
function couldMatchType(root: JsonSchema, schema: JsonSchema, v: unknown): boolean {
  if (v === undefined) return true;
  if (typeof schema === 'boolean') return schema;
  let s: JsonSchema | undefined = schema;
  for (let hops = 0; isSchemaObject(s) && hops < 16; hops++) {
    if (s.type !== undefined) return typeMatches(s.type, v);
    if (typeof s.$ref !== 'string') return true;
    s = resolveRef(root, s.$ref);
  }
  return true;
}

// ----------------------------------------------------------------------------------------- expand

/**
 * Everything that applies to one instance given one schema: the schema itself, its `$ref` target,
 * `allOf` members, the possible `anyOf`/`oneOf` branches, and the `if` branch taken.
 */
export function expandSchema(root: JsonSchema, schema: JsonSchema | undefined, instance: unknown, certain = true): Applicable[] {
  const out: Applicable[] = [];
  const index = new Map<SchemaObject, number>();
  const visit = (s: JsonSchema | undefined, sure: boolean, stack: Set<SchemaObject>) => {
    if (!isSchemaObject(s) || stack.has(s) || stack.size > 64) return;
    const at = index.get(s);
    if (at !== undefined) {
      if (sure && !out[at].certain) out[at] = { schema: s, certain: true };
      return;
    }
    index.set(s, out.length);
    out.push({ schema: s, certain: sure });
    stack.add(s);
    if (typeof s.$ref === 'string') visit(resolveRef(root, s.$ref), sure, stack);
    if (Array.isArray(s.allOf)) for (const sub of s.allOf) visit(sub as JsonSchema, sure, stack);
    for (const k of ['anyOf', 'oneOf'] as const) {
      const branches = s[k];
      if (!Array.isArray(branches)) continue;
      let possible = branches.filter((b) => couldMatchType(root, b as JsonSchema, instance));
      if (possible.length === 0) possible = branches;
      for (const b of possible) visit(b as JsonSchema, sure && possible.length === 1, stack);
    }
    if (s.if !== undefined) {
      const r = quickCheck(root, s.if as JsonSchema, instance);
      if (r !== false) visit(s.then as JsonSchema | undefined, sure && r === true, stack);
      if (r !== true) visit(s.else as JsonSchema | undefined, sure && r === false, stack);
    }
    const dependent = isSchemaObject(s.dependentSchemas) ? s.dependentSchemas : isSchemaObject(s.dependencies) ? s.dependencies : undefined;
    if (dependent) {
      for (const [name, dep] of Object.entries(dependent)) {
        if (!isSchemaObject(dep)) continue; // the array form (dependentRequired) is handled by requiredKeys
        if (isSchemaObject(instance)) {
          if (Object.prototype.hasOwnProperty.call(instance, name)) visit(dep, sure, stack);
        } else if (instance === undefined) {
          visit(dep, false, stack);
        }
      }
    }
    stack.delete(s);
  };
  visit(schema, certain, new Set());
  return out;
}

// ------------------------------------------------------------------------------------------- walk

/** The schemas of one child (`segment`) given the schemas that apply to its parent. */
export function childSchemas(parents: Applicable[], segment: string, parentInstance: unknown): Applicable[] {
  const out: Applicable[] = [];
  const asArray = Array.isArray(parentInstance) || (parentInstance === undefined && isArrayIndex(segment));
  const asObject = isSchemaObject(parentInstance) || parentInstance === undefined;
  for (const { schema: s, certain } of parents) {
    if (asArray && isArrayIndex(segment)) {
      const i = Number(segment);
      const prefix = Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : undefined;
      if (prefix) {
        if (i < prefix.length) push(out, prefix[i], certain);
        else push(out, Array.isArray(s.prefixItems) ? s.items : s.additionalItems, certain);
      } else {
        push(out, s.items, certain);
      }
    }
    if (asObject) {
      let matched = false;
      const props = own(s, 'properties');
      if (isSchemaObject(props) && Object.prototype.hasOwnProperty.call(props, segment)) {
        push(out, props[segment], certain);
        matched = true;
      }
      const patterns = own(s, 'patternProperties');
      if (isSchemaObject(patterns)) {
        for (const [pattern, sub] of Object.entries(patterns)) {
          if (schemaRegExp(pattern)?.test(segment)) {
            push(out, sub, certain);
            matched = true;
          }
        }
      }
      if (!matched) push(out, isSchemaObject(s.additionalProperties) ? s.additionalProperties : s.unevaluatedProperties, certain);
    }
  }
  return out;
}

function push(out: Applicable[], s: unknown, certain: boolean): void {
  if (isSchemaObject(s)) out.push({ schema: s, certain });
}

function segmentsOf(at: string | readonly (string | number)[]): string[] {
  return typeof at === 'string' ? splitPointer(at) : at.map(String);
}

function instanceAt(document: unknown, segs: string[], depth: number): unknown {
  let cur = document;
  for (let i = 0; i < depth; i++) {
    const seg = segs[i];
    if (Array.isArray(cur)) cur = isArrayIndex(seg) ? cur[Number(seg)] : undefined;
    else if (isSchemaObject(cur) && Object.prototype.hasOwnProperty.call(cur, seg)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/**
 * The schemas that apply to the node at `at` (a JSON Pointer or a path of segments), in order of
 * precedence: outer schemas before their `$ref` targets, so the most specific description comes first.
 * Empty when nothing in the schema describes that place (e.g. under `additionalProperties: false`).
 */
export function schemasAt(root: JsonSchema, at: string | readonly (string | number)[], options: WalkOptions = {}): Applicable[] {
  const segs = segmentsOf(at);
  const useDocument = options.document !== undefined;
  const cacheKey = segs.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const cache = isSchemaObject(root) && !useDocument ? cacheFor(root) : undefined;
  const cached = cache?.walks.get(cacheKey);
  if (cached) return cached;
  const unknownPrefix = options.unknownAt === undefined ? undefined : splitPointer(options.unknownAt);
  // The instance is unknown at `unknownAt` and below, when this walk runs through that place.
  const unknownFrom = unknownPrefix && unknownPrefix.every((s, i) => segs[i] === s) ? unknownPrefix.length : Infinity;
  const instanceFor = (depth: number) => (useDocument && depth < unknownFrom ? instanceAt(options.document, segs, depth) : undefined);

  let current = expandSchema(root, typeof root === 'boolean' ? (root ? {} : undefined) : root, instanceFor(0));
  for (let i = 0; i < segs.length && current.length > 0; i++) {
    const children = childSchemas(current, segs[i], instanceFor(i));
    const childInstance = instanceFor(i + 1);
    const next: Applicable[] = [];
    const seen = new Map<SchemaObject, number>();
    for (const c of children) {
      for (const a of expandSchema(root, c.schema, childInstance, c.certain)) {
        const j = seen.get(a.schema);
        if (j === undefined) {
          seen.set(a.schema, next.length);
          next.push(a);
        } else if (a.certain && !next[j].certain) {
          next[j] = a;
        }
      }
    }
    current = next;
  }
  if (cache) {
    if (cache.walks.size >= MAX_CACHED_WALKS) cache.walks.clear();
    cache.walks.set(cacheKey, current);
  }
  return current;
}

// ------------------------------------------------------------------------------------ annotations

export interface CivicAnnotation {
  since?: string;
  deprecatedSince?: string;
  replacement?: string;
  specUrl?: string;
  [k: string]: unknown;
}

/** What the applicable schemas say about a node, merged (the first, most specific, wins for text). */
export interface SchemaFacts {
  title?: string;
  description?: string;
  markdownDescription?: string;
  /** Allowed JSON types (from `type`, or implied by `enum`/`const`). Empty = anything. */
  types: InstanceType[];
  /** Allowed values, when the schema restricts them to a list (enum or const). */
  enum?: unknown[];
  /** Per-value descriptions from `markdownEnumDescriptions`/`enumDescriptions` or `oneOf` const branches. */
  enumDescriptions: Map<string, string>;
  examples: unknown[];
  default?: unknown;
  deprecated: boolean;
  deprecationMessage?: string;
  civic: CivicAnnotation;
  /** Does any applicable schema describe an object with named properties? */
  hasProperties: boolean;
  /** Does any applicable schema describe items? */
  hasItems: boolean;
}

function typesOf(s: SchemaObject): InstanceType[] | undefined {
  if (typeof s.type === 'string') return [s.type as InstanceType];
  if (Array.isArray(s.type)) return s.type.filter((t): t is InstanceType => typeof t === 'string');
  return undefined;
}

function valueKey(v: unknown): string {
  return JSON.stringify(v);
}

export function schemaFacts(applicable: Applicable[]): SchemaFacts {
  const facts: SchemaFacts = {
    types: [],
    enumDescriptions: new Map(),
    examples: [],
    deprecated: false,
    civic: {},
    hasProperties: false,
    hasItems: false,
  };
  let certainTypes: Set<InstanceType> | undefined;
  const maybeTypes = new Set<InstanceType>();
  let certainEnum: unknown[] | undefined;
  const maybeEnum: unknown[] = [];
  let anyUncertainEnum = false;
  let anyUncertainUnrestricted = false;
  const seenExamples = new Set<string>();
  for (const { schema: s, certain } of applicable) {
    if (facts.title === undefined && typeof s.title === 'string') facts.title = s.title;
    if (facts.description === undefined && typeof s.description === 'string') facts.description = s.description;
    if (facts.markdownDescription === undefined && typeof s.markdownDescription === 'string') facts.markdownDescription = s.markdownDescription;
    if (s.deprecated === true) facts.deprecated = true;
    if (facts.deprecationMessage === undefined && typeof s.deprecationMessage === 'string') {
      facts.deprecationMessage = s.deprecationMessage;
      facts.deprecated = true;
    }
    if (facts.default === undefined && s.default !== undefined) facts.default = s.default;
    if (Array.isArray(s.examples)) {
      for (const e of s.examples) {
        const k = valueKey(e);
        if (!seenExamples.has(k)) {
          seenExamples.add(k);
          facts.examples.push(e);
        }
      }
    }
    const x = s['x-civic'];
    if (isSchemaObject(x)) for (const [k, v] of Object.entries(x)) if (facts.civic[k] === undefined) facts.civic[k] = v;
    if (isSchemaObject(s.properties) || isSchemaObject(s.patternProperties) || isSchemaObject(s.additionalProperties)) facts.hasProperties = true;
    if (s.items !== undefined || s.prefixItems !== undefined) facts.hasItems = true;

    let values: unknown[] | undefined;
    if (Array.isArray(s.enum)) values = s.enum;
    else if (Object.prototype.hasOwnProperty.call(s, 'const')) values = [s.const];
    if (values) {
      const descs = Array.isArray(s.markdownEnumDescriptions) ? s.markdownEnumDescriptions : Array.isArray(s.enumDescriptions) ? s.enumDescriptions : undefined;
      if (descs) values.forEach((v, i) => typeof descs[i] === 'string' && !facts.enumDescriptions.has(valueKey(v)) && facts.enumDescriptions.set(valueKey(v), descs[i] as string));
      if (!Array.isArray(s.enum)) {
        const d = typeof s.markdownDescription === 'string' ? s.markdownDescription : typeof s.description === 'string' ? s.description : undefined;
        if (d && !facts.enumDescriptions.has(valueKey(s.const))) facts.enumDescriptions.set(valueKey(s.const), d);
      }
      if (certain) certainEnum = certainEnum ? certainEnum.filter((v) => values!.some((w) => deepEqual(v, w))) : [...values];
      else {
        anyUncertainEnum = true;
        for (const v of values) if (!maybeEnum.some((w) => deepEqual(v, w))) maybeEnum.push(v);
      }
    } else if (!certain && allowsFreeValues(s)) {
      anyUncertainUnrestricted = true;
    }

    const t = typesOf(s) ?? (values ? [...new Set(values.map((v) => instanceType(v) ?? 'null'))] : undefined);
    if (t) {
      if (certain) certainTypes = certainTypes ? new Set([...certainTypes].filter((x) => t.includes(x) || (x === 'integer' && t.includes('number')))) : new Set(t);
      else for (const x of t) maybeTypes.add(x);
    }
  }
  if (certainEnum) facts.enum = certainEnum;
  else if (anyUncertainEnum && !anyUncertainUnrestricted) facts.enum = maybeEnum;
  if (certainTypes) facts.types = [...certainTypes];
  else facts.types = [...maybeTypes];
  return facts;
}

/** Does a branch without enum/const accept free values (so a sibling branch's enum is not exhaustive)? */
function allowsFreeValues(s: SchemaObject): boolean {
  if (s.pattern !== undefined || s.format !== undefined) return true;
  const types = typesOf(s);
  return types !== undefined && types.some((t) => t !== 'object' && t !== 'array');
}

// ---------------------------------------------------------------------------------------- objects

export interface PropertyInfo {
  name: string;
  /** The schemas that apply to the property's value (already expanded). */
  schemas: Applicable[];
  /** Required by a schema that certainly applies. */
  required: boolean;
  /** Position among the declared properties (schema order), for stable sorting. */
  order: number;
}

/**
 * The named properties the schemas declare for an object (in schema order), with whether each is
 * required. `instance` is the object as it is now (to decide conditionals); its keys are not removed.
 */
export function objectProperties(root: JsonSchema, applicable: Applicable[], instance?: unknown): PropertyInfo[] {
  const byName = new Map<string, PropertyInfo>();
  const required = new Set<string>();
  const add = (name: string, s: unknown, certain: boolean) => {
    let info = byName.get(name);
    if (!info) {
      info = { name, schemas: [], required: false, order: byName.size };
      byName.set(name, info);
    }
    if (s !== undefined && typeof s !== 'boolean') {
      const childInstance = isSchemaObject(instance) && Object.prototype.hasOwnProperty.call(instance, name) ? instance[name] : undefined;
      for (const a of expandSchema(root, s as JsonSchema, childInstance, certain)) {
        if (!info.schemas.some((b) => b.schema === a.schema)) info.schemas.push(a);
      }
    }
  };
  for (const { schema: s, certain } of applicable) {
    if (isSchemaObject(s.properties)) {
      for (const [name, sub] of Object.entries(s.properties)) {
        if (sub === false) continue; // `name: false` forbids the key
        add(name, sub, certain);
      }
    }
    const names = s.propertyNames;
    if (isSchemaObject(names) && Array.isArray(names.enum)) for (const n of names.enum) if (typeof n === 'string') add(n, undefined, certain);
    if (certain && Array.isArray(s.required)) for (const r of s.required) if (typeof r === 'string') required.add(r);
    // dependentRequired / dependencies (array form): required once the trigger key is present.
    const deps = isSchemaObject(s.dependentRequired) ? s.dependentRequired : isSchemaObject(s.dependencies) ? s.dependencies : undefined;
    if (certain && deps && isSchemaObject(instance)) {
      for (const [trigger, list] of Object.entries(deps)) {
        if (Array.isArray(list) && Object.prototype.hasOwnProperty.call(instance, trigger)) for (const r of list) if (typeof r === 'string') required.add(r);
      }
    }
  }
  // Keys forbidden by a certain `properties: {x: false}` or `not: {required: [x]}` are dropped.
  const forbidden = new Set<string>();
  for (const { schema: s, certain } of applicable) {
    if (!certain) continue;
    if (isSchemaObject(s.properties)) for (const [name, sub] of Object.entries(s.properties)) if (sub === false) forbidden.add(name);
    if (isSchemaObject(s.not) && Array.isArray(s.not.required) && s.not.required.length === 1) forbidden.add(String(s.not.required[0]));
  }
  for (const name of required) if (!byName.has(name)) add(name, undefined, true);
  return [...byName.values()]
    .filter((p) => !forbidden.has(p.name))
    .map((p) => ({ ...p, required: required.has(p.name) }));
}

/** May the object hold keys beyond the named ones (patternProperties or additionalProperties)? */
export function allowsOtherKeys(applicable: Applicable[]): boolean {
  const certain = applicable.filter((a) => a.certain);
  return !certain.some((a) => a.schema.additionalProperties === false && a.schema.patternProperties === undefined);
}
