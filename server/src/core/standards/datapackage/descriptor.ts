// Reading a Frictionless descriptor: which kind it is (package, resource, table schema, dialect),
// which version it declares and how, where its resources, schemas and fields are (by JSON Pointer),
// and text edits for the quick fixes (replace a key and its value, delete a key, add a first key).

import type { ParsedDocument } from '../../document';
import { isObj, ownValue, ptr, type Obj } from '../../rules/kit';
import type { Detection, Fix, TextEdit } from '../../types';
import { V1_PROFILE_IDS, isUrlLike, normalizeVersion, parseProfileUrl, type Kind, type Version } from './vocabulary';

// ------------------------------------------------------------------------------------ declaration

export interface Declaration {
  /** How the version is declared: `$schema`, `profile`, or not at all (v1 by the spec's default). */
  by: '$schema' | 'profile' | 'none';
  /** The declared value, as written. */
  value?: string;
  /** The version the declaration names, when it names a Frictionless profile. */
  version?: string;
  /** The kind the declaration names (`tableschema.json` → schema). */
  kind?: Kind;
  /** A URL that is not a Frictionless profile: an extension's profile. */
  custom?: boolean;
}

export function declarationOf(value: unknown): Declaration {
  if (!isObj(value)) return { by: 'none' };
  const schema = value.$schema;
  if (typeof schema === 'string') {
    const p = parseProfileUrl(schema);
    if (p) return { by: '$schema', value: schema, version: p.major, kind: p.kind };
    return { by: '$schema', value: schema, custom: true };
  }
  const profile = value.profile;
  if (typeof profile === 'string') {
    const id = profile.trim();
    const kind = ownValue(V1_PROFILE_IDS, id);
    if (kind) return { by: 'profile', value: profile, version: '1', kind };
    const p = parseProfileUrl(id);
    if (p) return { by: 'profile', value: profile, version: p.major, kind: p.kind };
    return { by: 'profile', value: profile, custom: isUrlLike(id) || undefined };
  }
  return { by: 'none' };
}

/** Kinds settled by the file name (`datapackage.json` holds a package whatever its shape), per parsed value. */
const kindByName = new WeakMap<object, Kind>();

/** Called at dispatch: a file named datapackage.json/.yaml/.yml is a package unless it declares otherwise. */
export function rememberKindFromFileName(value: unknown, uri: string): void {
  const path = uri.split(/[?#]/)[0];
  if (isObj(value) && /(^|\/)datapackage\.(json|ya?ml)$/i.test(path)) kindByName.set(value, 'package');
}

/** The kind of descriptor at the root: from the declaration, the file name, else its shape (a package by default). */
export function kindOf(value: unknown): Kind {
  const d = declarationOf(value);
  if (d.kind) return d.kind;
  if (!isObj(value)) return 'package';
  const named = kindByName.get(value);
  if (named) return named;
  if ('resources' in value) return 'package';
  if (Array.isArray(value.fields) && !('path' in value) && !('data' in value)) return 'schema';
  if (('path' in value || 'data' in value) && 'name' in value) return 'resource';
  return 'package';
}

/** The version the rules apply: from the detection (modeline, `$schema`, `profile`), `1` by default. */
export function versionOf(detection: Detection): Version {
  return normalizeVersion(detection.version) ?? '2';
}

// ------------------------------------------------------------------------------------- traversal

export interface At<T = Obj> {
  pointer: string;
  value: T;
}

export interface ResourceAt extends At {
  index: number;
}

export interface SchemaAt extends At {
  /** The resource whose schema this is (absent for a standalone Table Schema). */
  resource?: ResourceAt;
}

export interface FieldAt extends At {
  index: number;
  schema: SchemaAt;
}

/** Every resource object, with its pointer (`/resources/0`, or `` for a standalone resource). */
export function resourcesOf(root: unknown): ResourceAt[] {
  const kind = kindOf(root);
  if (kind === 'resource' && isObj(root)) return [{ pointer: '', value: root, index: 0 }];
  if (kind !== 'package' || !isObj(root) || !Array.isArray(root.resources)) return [];
  const out: ResourceAt[] = [];
  root.resources.forEach((r, i) => {
    if (isObj(r)) out.push({ pointer: ptr('resources', i), value: r, index: i });
  });
  return out;
}

/** Every inline Table Schema object (resources' `schema` objects, or the root of a standalone schema). */
export function schemasOf(root: unknown): SchemaAt[] {
  if (kindOf(root) === 'schema' && isObj(root)) return [{ pointer: '', value: root }];
  const out: SchemaAt[] = [];
  for (const r of resourcesOf(root)) {
    const s = r.value.schema;
    if (isObj(s)) out.push({ pointer: `${r.pointer}/schema`, value: s, resource: r });
  }
  return out;
}

/** Every inline dialect object. */
export function dialectsOf(root: unknown): (At & { resource?: ResourceAt })[] {
  if (kindOf(root) === 'dialect' && isObj(root)) return [{ pointer: '', value: root }];
  const out: (At & { resource?: ResourceAt })[] = [];
  for (const r of resourcesOf(root)) {
    const d = r.value.dialect;
    if (isObj(d)) out.push({ pointer: `${r.pointer}/dialect`, value: d, resource: r });
  }
  return out;
}

export function fieldsOf(schema: SchemaAt): FieldAt[] {
  const out: FieldAt[] = [];
  if (!Array.isArray(schema.value.fields)) return out;
  schema.value.fields.forEach((f, i) => {
    if (isObj(f)) out.push({ pointer: `${schema.pointer}/fields/${i}`, value: f, index: i, schema });
  });
  return out;
}

/** Field names of a schema, in order (non-string names skipped). */
export function fieldNames(schema: Obj): string[] {
  return Array.isArray(schema.fields) ? schema.fields.map((f) => (isObj(f) && typeof f.name === 'string' ? f.name : undefined)).filter((n): n is string => n !== undefined) : [];
}

/** Licence lists: the package's and every resource's. */
export function licenseListsOf(root: unknown): string[] {
  const out: string[] = [];
  const kind = kindOf(root);
  if (kind === 'package' && isObj(root) && Array.isArray(root.licenses)) out.push('/licenses');
  for (const r of resourcesOf(root)) if (Array.isArray(r.value.licenses)) out.push(`${r.pointer}/licenses`);
  return out;
}

/** Is the resource tabular: `type: table` (v2) or `profile: tabular-data-resource` (v1)? */
export function isTabular(resource: Obj): boolean {
  return resource.type === 'table' || resource.profile === 'tabular-data-resource' || (typeof resource.profile === 'string' && /\/tabular-data-resource\.json$/.test(resource.profile));
}

/** A key list as the spec allows it: an array of strings, or (v1) one string. */
export function keyList(v: unknown): string[] | undefined {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return undefined;
}

// ------------------------------------------------------------------------------------------ edits

/** `key: value` in the document's syntax (JSON or YAML flow), with `value` given as JSON. */
export function keyValueText(doc: ParsedDocument, key: string, value: unknown): string {
  const v = JSON.stringify(value);
  if (doc.format === 'json') return `${JSON.stringify(key)}: ${v}`;
  const k = /^[A-Za-z_$][\w$.-]*$/.test(key) ? key : JSON.stringify(key);
  const plain = typeof value === 'string' && /^[A-Za-z0-9][\w ./:()+,-]*$/.test(value) && !/:\s|\s#|: *$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) && !/^[\d.+-]+$/.test(value);
  return `${k}: ${plain ? value : v}`;
}

/** Rename a key in place, quoted as the document's syntax needs (kit.keyFix writes the bare name, which JSON cannot take). */
export function renameKeyFix(doc: ParsedDocument, pointer: string, newKey: string, title: string, isPreferred = true): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const current = doc.text.slice(info.key.start, info.key.end);
  const quoted = doc.format === 'json' || /^["']/.test(current) || !/^[A-Za-z_$][\w$.-]*$/.test(newKey);
  return [{ title, isPreferred, edits: [{ range: doc.rangeOf(info.key), newText: quoted ? JSON.stringify(newKey) : newKey }] }];
}

/** Replace a key and its (scalar or flow) value with `text`. */
export function replaceKeyValueFix(doc: ParsedDocument, pointer: string, text: string, title: string, isPreferred = true): Fix[] | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const start = info.key.start;
  const end = Math.max(info.key.end, info.value.end);
  // Only when key and value sit on one line (block values would need re-indenting).
  if (doc.text.slice(start, end).includes('\n')) return undefined;
  return [{ title, isPreferred, edits: [{ range: doc.rangeOf({ start, end }), newText: text }] }];
}

/** Remove a key and its value, with the separator that goes with it; undefined when that is not safe. */
export function deleteKeyEdit(doc: ParsedDocument, pointer: string): TextEdit | undefined {
  const info = doc.nodes.get(pointer);
  if (!info?.key) return undefined;
  const text = doc.text;
  let start = info.key.start;
  let end = Math.max(info.key.end, info.value.end);
  if (doc.format === 'json') {
    // Drop the following comma (and the whitespace before the next key), or else the preceding comma.
    const after = /^\s*,[ \t]*(\r?\n[ \t]*)?/.exec(text.slice(end));
    if (after) {
      end += after[0].length;
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      if (/^[ \t]*$/.test(text.slice(lineStart, start)) && after[1]) {
        start = lineStart;
        end = text.lastIndexOf('\n', end - 1) + 1;
      }
    } else {
      const before = /,\s*$/.exec(text.slice(0, start));
      if (before) start = before.index;
      else {
        // The only key of its object: empty the braces.
        const open = /\{\s*$/.exec(text.slice(0, start));
        const close = /^\s*\}/.exec(text.slice(end));
        if (!open || !close) return undefined;
        start = open.index + 1;
        end += close[0].length - 1;
      }
    }
    return { range: doc.rangeOf({ start, end }), newText: '' };
  }
  // YAML: only a block key alone on its line(s); flow mappings and `- key:` lines are left alone.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return undefined;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl + 1;
  if (text.slice(end, nl === -1 ? text.length : nl).replace(/\s+#.*$/, '').trim() !== '') return undefined;
  return { range: doc.rangeOf({ start: lineStart, end: lineEnd }), newText: '' };
}

/** Insert `key: value` as the first key of the root mapping. */
export function insertFirstKeyEdit(doc: ParsedDocument, key: string, value: unknown): TextEdit | undefined {
  const kv = keyValueText(doc, key, value);
  const first = [...doc.nodes.entries()].find(([p, i]) => i.key && p.indexOf('/', 1) === -1 && p !== '');
  if (doc.format === 'json') {
    const root = doc.nodes.get('');
    if (!root || doc.text[root.value.start] !== '{') return undefined;
    if (!first?.[1].key) return { range: doc.rangeOf({ start: root.value.start + 1, end: root.value.start + 1 }), newText: ` ${kv} ` };
    const at = first[1].key.start;
    const lineStart = doc.text.lastIndexOf('\n', at - 1) + 1;
    const indent = doc.text.slice(lineStart, at);
    if (/^[ \t]*$/.test(indent)) return { range: doc.rangeOf({ start: at, end: at }), newText: `${kv},\n${indent}` };
    return { range: doc.rangeOf({ start: at, end: at }), newText: `${kv}, ` };
  }
  if (!first?.[1].key) return undefined;
  const at = first[1].key.start;
  const lineStart = doc.text.lastIndexOf('\n', at - 1) + 1;
  const indent = doc.text.slice(lineStart, at);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  return { range: doc.rangeOf({ start: lineStart, end: lineStart }), newText: `${indent}${kv}\n` };
}
