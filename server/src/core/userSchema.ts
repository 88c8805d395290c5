// Schemas that come from the workspace, not from us: a document names one with a root `$schema` key
// holding a path (`$schema: ./schemas/chapter.schema.json`) or with the modeline
// `# civic-schemas: schema=./schemas/chapter.schema.json`. Such a schema is untrusted input:
//
// - it is loaded only through the injected Workspace, so only from inside the workspace folders (after
//   symbolic links) — never `../../../etc/passwd` (`core/schema-outside-workspace`);
// - never in Restricted Mode (`core/untrusted-schema`), never from the network while the `network`
//   setting is off (`core/remote-schema-disabled`; fetching itself is not implemented);
// - its `$ref`s may point to local fragments and other workspace files only; files are loaded at most
//   once each (so mutual references terminate), and `$ref` chains that loop without consuming any data
//   are reported (`core/schema-ref-cycle`) instead of recursing forever in the validator;
// - its `pattern`s run on RE2 (safeRegex.ts): linear time, so a catastrophic pattern cannot hang the
//   server; patterns RE2 cannot run are skipped and reported (`core/unsafe-pattern`), so are patterns
//   that would backtrack catastrophically elsewhere;
// - it is parsed with the document parser, which keeps `__proto__`/`constructor` keys as plain data.

import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { parseDocument, type ParsedDocument } from './document';
import type { Budget, TrustOptions } from './limits';
import { reportsFromErrors } from './messages';
import { joinPointer, pointerToPath, valueAt } from './pointer';
import { checkPattern, re2Engine } from './safeRegex';
import type { Report } from './standard';
import type { OffsetRange, Workspace } from './types';
import { useCodePointLengths } from './stringLength';
import { draftOf } from './validate';
import * as l10n from './l10n';

export interface UserSchemaRef {
  /** The path or URL as written. */
  target: string;
  via: 'modeline' | '$schema';
  /** Where to report: the modeline's text, or the `$schema` value (pointer `/$schema`). */
  offsets?: OffsetRange;
}

const SCHEMA_MODELINE = /^[ \t]*#[ \t]*civic-schemas:[ \t]*schema=(\S+)[ \t]*$/m;
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]+:/;
/** Meta-schemas name the JSON Schema dialect, not a schema for the document's content. */
const META_SCHEMA = /^https?:\/\/json-schema\.org\//i;

/**
 * The workspace schema a document names, if any. A `$schema` URL is left alone when a standard was
 * detected (Data Package v2 names its profile that way) and when it names a JSON Schema dialect.
 */
export function findUserSchemaRef(doc: ParsedDocument, standardDetected: boolean): UserSchemaRef | undefined {
  // A chunked document (chunked.ts) gives its head without flattening the whole (edited) text.
  const m = SCHEMA_MODELINE.exec((doc as { head?(chars: number): string }).head?.(2000) ?? doc.text.slice(0, 2000));
  if (m) {
    const start = m.index + m[0].indexOf('schema=');
    return { target: m[1], via: 'modeline', offsets: { start, end: start + 'schema='.length + m[1].length } };
  }
  const v = doc.value;
  if (!v || typeof v !== 'object' || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, '$schema')) return undefined;
  const target = (v as Record<string, unknown>).$schema;
  if (typeof target !== 'string' || target.trim() === '' || META_SCHEMA.test(target)) return undefined;
  if (HAS_SCHEME.test(target) && !/^file:/i.test(target) && standardDetected) return undefined;
  return { target, via: '$schema' };
}

export interface UserSchemaOptions {
  workspace?: Workspace;
  trust: TrustOptions;
  budget?: Budget;
}

const MAX_FILES = 32;
const MAX_SCHEMA_CHARS = 5 * 1024 * 1024;

interface Loaded {
  uri: string;
  text: string;
  schema: Record<string, unknown>;
}

/** All findings about, and from, the document's workspace schema. Never throws. */
export async function userSchemaReports(doc: ParsedDocument, standardDetected: boolean, options: UserSchemaOptions): Promise<Report[]> {
  try {
    const ref = findUserSchemaRef(doc, standardDetected);
    return ref ? await checkWithUserSchema(doc, ref, options) : [];
  } catch (err) {
    return [{ ruleId: 'core/internal-error', pointer: '', message: l10n.t('Checking against the workspace schema failed unexpectedly ({0}); please report this.', (err as Error)?.message ?? err) }];
  }
}

async function checkWithUserSchema(doc: ParsedDocument, ref: UserSchemaRef, options: UserSchemaOptions): Promise<Report[]> {
  const at = (r: Omit<Report, 'pointer'>): Report => ({
    ...r,
    pointer: ref.via === '$schema' ? '/$schema' : '',
    ...(ref.offsets ? { data: { ...r.data, offsets: ref.offsets } } : {}),
  });
  const named = ref.via === 'modeline' ? `The modeline's schema ${JSON.stringify(ref.target)}` : `$schema ${JSON.stringify(ref.target)}`;
  if (!options.trust.workspaceTrusted) {
    return [at({ ruleId: 'core/untrusted-schema', message: l10n.t('{0} was not loaded: this workspace is not trusted (Restricted Mode), and schemas from an untrusted workspace are never used. Trust the workspace to check the document against it.', named) })];
  }
  if (HAS_SCHEME.test(ref.target) && !/^file:/i.test(ref.target)) {
    if (/^https?:/i.test(ref.target) && !options.trust.network) {
      return [at({ ruleId: 'core/remote-schema-disabled', message: l10n.t('{0} is remote, and network access is off, so it was not fetched and the document was not checked against it. Save the schema in the workspace and name it by a relative path, or turn on the civicSchemas.network setting.', named) })];
    }
    return [];
  }
  const ws = options.workspace;
  if (!ws) {
    return [at({ ruleId: 'core/schema-not-found', message: l10n.t('{0} cannot be read: no workspace folder is open, and schemas are only read from inside one.', named) })];
  }
  const rootUri = ws.resolve(doc.uri, /^file:/i.test(ref.target) ? safeFilePath(ref.target) : ref.target);
  if (!rootUri) {
    return [at({ ruleId: 'core/schema-outside-workspace', message: l10n.t('{0} points outside the workspace; schemas are only read from inside the workspace folders. Copy the schema into the workspace and name it by a path relative to this file.', named) })];
  }

  const reports: Report[] = [];
  const files = new Map<string, Loaded>();
  const queue = [rootUri];
  while (queue.length) {
    const uri = queue.shift()!;
    if (files.has(uri)) continue;
    if (files.size >= MAX_FILES) {
      reports.push(at({ ruleId: 'core/user-schema', severity: 'warning', message: l10n.t('{0} refers to more than {1} schema files; the rest were not loaded.', named, MAX_FILES) }));
      break;
    }
    const bytes = await ws.readFile(uri);
    const shown = uri === rootUri ? named : `The schema file ${uri}, referred to by ${named},`;
    if (!bytes) {
      reports.push(at({ ruleId: 'core/schema-not-found', message: l10n.t('{0} cannot be read (looked for {1}). Check the path, relative to this file.', shown, uri) }));
      if (uri === rootUri) return reports;
      continue;
    }
    if (bytes.length > MAX_SCHEMA_CHARS) {
      reports.push(at({ ruleId: 'core/schema-not-found', message: l10n.t('{0} is larger than {1} MB; it was not loaded.', shown, MAX_SCHEMA_CHARS / 1024 / 1024) }));
      return reports;
    }
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const parsed = parseDocument(uri, text, { precise: true });
    const schema = parsed.value;
    if (parsed.syntaxFindings.some((f) => f.severity === 'error') || !schema || typeof schema !== 'object' || Array.isArray(schema)) {
      reports.push(at({ ruleId: 'core/schema-not-found', message: l10n.t('{0} is not a JSON Schema (it could not be read as a JSON or YAML object); fix the schema file.', shown) }));
      return reports;
    }
    const loaded: Loaded = { uri, text, schema: schema as Record<string, unknown> };
    files.set(uri, loaded);
    sanitize(loaded, ws, options.trust, (r) => reports.push(at(r)), (next) => queue.push(next));
  }
  const cycle = findRefCycle(files, rootUri);
  if (cycle) {
    reports.push(at({ ruleId: 'core/schema-ref-cycle', message: l10n.t('{0} cannot be used: its $ref chain {1} loops back to itself without describing anything. Make one of these references point at a real schema.', named, cycle) }));
    return reports;
  }
  if (options.budget?.expired()) {
    const r = options.budget.report(l10n.t('the check against the workspace schema'));
    if (r) reports.push(r);
    return reports;
  }
  const validator = compile(files, rootUri);
  if (validator instanceof Error) {
    reports.push(at({ ruleId: 'core/user-schema', message: l10n.t('{0} could not be used as a JSON Schema ({1}). Fix the schema file.', named, validator.message.slice(0, 200)) }));
    return reports;
  }
  try {
    validator(doc.value);
  } catch (err) {
    reports.push(at({ ruleId: 'core/user-schema', message: l10n.t('Checking against {0} failed ({1}). Fix the schema file.', named, String((err as Error)?.message ?? err).slice(0, 200)) }));
    return reports;
  }
  const fromSchema = reportsFromErrors(validator.errors ?? [], { prefix: 'user-schema', suppressRequired: doc.syntaxFindings.some((f) => f.severity === 'error') });
  for (const r of fromSchema) reports.push({ ...r, ruleId: 'core/user-schema' });
  return reports;
}

function safeFilePath(fileUri: string): string {
  // A `file:` URI is absolute; the Workspace resolves it (and refuses it unless it is inside a root).
  try {
    return decodeURIComponent(new URL(fileUri).pathname);
  } catch {
    return '\0';
  }
}

/**
 * Walk one loaded schema: disarm its patterns, check its `$ref`s (rewritten to absolute workspace URIs
 * so that the validator finds the other files), queue the files they name.
 */
function sanitize(file: Loaded, ws: Workspace, trust: TrustOptions, report: (r: Omit<Report, 'pointer'>) => void, load: (uri: string) => void): void {
  const where = (p: string) => `${file.uri.slice(file.uri.lastIndexOf('/') + 1)} at ${p === '' ? 'its root' : pointerToPath(p)}`;
  const unsafe = (p: string, check: ReturnType<typeof checkPattern>, what: string) => {
    if (!check.runnable) {
      report({ ruleId: 'core/unsafe-pattern', message: l10n.t('The {0} in the workspace schema {1} cannot be checked safely ({2}); it was skipped. Rewrite it without that construct.', what, where(p), check.reason) });
    } else if (check.catastrophic) {
      report({ ruleId: 'core/unsafe-pattern', message: l10n.t('The {0} in the workspace schema {1} can take exponential time on some inputs (nested repetition: a repeated group that itself repeats). It was checked here on a linear-time engine, but other tools may hang on it: rewrite it without nested repetition.', what, where(p)) });
    }
  };
  const seen = new Set<object>();
  const walk = (node: unknown, p: string, depth: number): void => {
    if (!node || typeof node !== 'object' || seen.has(node) || depth > 200) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, joinPointer(p, i), depth + 1));
      return;
    }
    const obj = node as Record<string, unknown>;
    if (typeof obj.pattern === 'string') {
      const check = checkPattern(obj.pattern);
      unsafe(joinPointer(p, 'pattern'), check, 'pattern');
      if (!check.runnable) delete obj.pattern;
    }
    const pp = obj.patternProperties;
    if (pp && typeof pp === 'object' && !Array.isArray(pp)) {
      for (const key of Object.keys(pp)) {
        const check = checkPattern(key);
        unsafe(joinPointer(joinPointer(p, 'patternProperties'), key), check, 'patternProperties pattern');
        if (!check.runnable) delete (pp as Record<string, unknown>)[key];
      }
    }
    if (typeof obj.$ref === 'string') {
      const r = obj.$ref;
      const hash = r.indexOf('#');
      const path = hash === -1 ? r : r.slice(0, hash);
      const fragment = hash === -1 ? '' : r.slice(hash);
      if (path !== '') {
        let target: string | undefined;
        if (HAS_SCHEME.test(path) && !/^file:/i.test(path)) {
          if (!trust.network || !/^https?:/i.test(path)) {
            report({ ruleId: 'core/remote-schema-disabled', message: l10n.t('The workspace schema {0} refers to a remote schema; network access is off, so that part was not checked. Save the referenced schema in the workspace and refer to it by a relative path.', where(joinPointer(p, '$ref'))) });
          }
        } else {
          target = ws.resolve(file.uri, /^file:/i.test(path) ? safeFilePath(path) : path);
          if (!target) {
            report({ ruleId: 'core/schema-outside-workspace', message: l10n.t('The workspace schema {0} refers to a file outside the workspace; it was not read, and that part was not checked.', where(joinPointer(p, '$ref'))) });
          }
        }
        if (target) {
          obj.$ref = target + fragment;
          load(target);
        } else {
          delete obj.$ref;
        }
      }
    }
    for (const [k, v] of Object.entries(obj)) walk(v, joinPointer(p, k), depth + 1);
  };
  walk(file.schema, '', 0);
  file.schema.$id = file.uri;
  if (draftOf(file.schema) === 'draft-04') file.schema.id = file.uri;
}

/** A `$ref`-only chain that comes back to where it started (`a → b → a`), as text; or undefined. */
function findRefCycle(files: Map<string, Loaded>, rootUri: string): string | undefined {
  const target = (ref: string, base: string): { key: string; node: unknown } => {
    const hash = ref.indexOf('#');
    const file = hash === 0 ? base : hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : decodeURIComponent(ref.slice(hash + 1));
    const root = files.get(file)?.schema;
    return { key: `${file}#${fragment}`, node: fragment.startsWith('/') || fragment === '' ? valueAt(root, fragment) : undefined };
  };
  const checked = new Set<string>();
  const visit = (node: unknown, base: string): string | undefined => {
    if (!node || typeof node !== 'object') return undefined;
    if (Array.isArray(node)) {
      for (const n of node) {
        const c = visit(n, base);
        if (c) return c;
      }
      return undefined;
    }
    const obj = node as Record<string, unknown>;
    if (typeof obj.$ref === 'string') {
      const chain: string[] = [];
      let cur: Record<string, unknown> | undefined = obj;
      let curBase = base;
      while (cur && typeof cur.$ref === 'string') {
        const t = target(cur.$ref, curBase);
        if (checked.has(t.key)) break;
        if (chain.includes(t.key)) return [...chain.slice(chain.indexOf(t.key)), t.key].map(short).join(' → ');
        chain.push(t.key);
        curBase = t.key.slice(0, t.key.indexOf('#'));
        cur = t.node && typeof t.node === 'object' && !Array.isArray(t.node) ? (t.node as Record<string, unknown>) : undefined;
        if (cur && Object.keys(cur).some((k) => k !== '$ref' && k !== '$id' && k !== 'id' && k !== '$schema' && k !== 'description' && k !== 'title')) break;
      }
      for (const k of chain) checked.add(k);
    }
    for (const v of Object.values(obj)) {
      const c = visit(v, base);
      if (c) return c;
    }
    return undefined;
  };
  for (const [uri, f] of files) {
    const c = visit(f.schema, uri);
    if (c) return c;
  }
  void rootUri;
  return undefined;
}

function short(key: string): string {
  const slash = key.lastIndexOf('/', key.indexOf('#'));
  return key.slice(slash + 1);
}

const compiledCache = new Map<string, ValidateFunction | Error>();

function compile(files: Map<string, Loaded>, rootUri: string): ValidateFunction | Error {
  const key = [...files.values()].map((f) => `${f.uri}\0${f.text}`).join('\0\0');
  const hit = compiledCache.get(key);
  if (hit) return hit;
  let result: ValidateFunction | Error;
  try {
    const root = files.get(rootUri)!.schema;
    const draft = draftOf(root);
    const options = { allErrors: true, verbose: true, strict: false, validateFormats: true, unicodeRegExp: false, code: { regExp: re2Engine }, loopRequired: 200, loopEnum: 200 };
    const ajv: Ajv =
      draft === 'draft-04' ? (new AjvDraft04(options) as unknown as Ajv)
      : draft === '2019-09' ? new Ajv2019(options)
      : draft === '2020-12' ? new Ajv2020(options)
      : new Ajv(options);
    addFormats(ajv);
    useCodePointLengths(ajv);
    for (const f of files.values()) if (f.uri !== rootUri) ajv.addSchema(f.schema);
    result = ajv.compile(root);
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  if (compiledCache.size >= 16) compiledCache.delete(compiledCache.keys().next().value!);
  compiledCache.set(key, result);
  return result;
}
