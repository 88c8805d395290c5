// Incremental analysis of big documents: an editing session keeps the chunked document (chunked.ts)
// and, per item (per `Piece`, itself cached by its text), the schema errors and the reports of the rules
// that look at one item at a time. An edit then costs the edited item: its parse, its validation, its
// rules; everything else is reused. The findings are the same as `analyze` gives for the whole text.

import type { ErrorObject } from 'ajv';
import type { Budget } from './limits';
import { analyzePrepared, prepareDocument, runRules, type Analysis, type AnalyzeOptions, type Prepared } from './analyze';
import { ChunkedDocument, FAST_PATH_MIN_CHARS, parseChunked, updateChunked, type Piece, type TextChange } from './chunked';
import { formatOf, parseDocument, type ParsedDocument } from './document';
import { reportsFromErrors } from './messages';
import type { Report, Rule, RuleContext } from './standard';
import type { Finding, Position, Range } from './types';
import { validateAgainst } from './validate';

export type { TextChange } from './chunked';

// ------------------------------------------------------------------------------------------ session

/** The parsed document of one open file, carried from version to version. */
export class DocumentSession {
  private current?: ParsedDocument;
  private readonly cache = new Map<string, Piece>();

  constructor(
    readonly uri: string,
    private readonly languageId?: string,
    /** Texts from this length take the fast path (tests lower it). */
    private readonly minChars = FAST_PATH_MIN_CHARS,
  ) {}

  get document(): ParsedDocument | undefined {
    return this.current;
  }

  /** The document for `text`; `changes` (offsets in the previous text) say where it differs. */
  update(text: string, changes?: readonly TextChange[]): ParsedDocument {
    const prev = this.current;
    // Comparing two big texts costs a pass over both: only without a change list.
    if (prev && (changes === undefined ? prev.text === text : changes.length === 0)) return prev;
    let next: ParsedDocument | undefined;
    if (prev instanceof ChunkedDocument) next = updateChunked(prev, text, changes, { languageId: this.languageId, cache: this.cache, allowLocalErrors: true });
    if (!next && text.length >= this.minChars) {
      // The first version (or one after the layout changed) is parsed whole; a syntax error there
      // sends it to the precise parser, so that what is reported first is exactly what the CLI reports.
      next = parseChunked(this.uri, text, formatOf(this.uri, text, this.languageId), { languageId: this.languageId, cache: this.cache, allowLocalErrors: prev !== undefined });
    }
    if (!next) next = parseDocument(this.uri, text, { languageId: this.languageId, precise: true });
    if (this.cache.size > 4 * ((next as ChunkedDocument).pieces?.length ?? 0) + 1000) {
      // Keep the pieces in use (and so the undo history of the last edits) but not every past text.
      this.cache.clear();
      if (next instanceof ChunkedDocument) for (const p of next.pieces) this.cache.set(p.text, p);
    }
    this.current = next;
    return next;
  }
}

// ------------------------------------------------------------------------------------------ schema split

interface SchemaSplit {
  /** The root schema without the list's `items`: validates everything but the items. */
  skeleton: object;
  /** The items' schema, with the root's definitions so that local references still resolve. */
  items: object;
}

const ANNOTATIONS = ['title', 'description', 'markdownDescription', 'x-civic', '$comment', 'examples', 'default', 'deprecated'];
const ROOT_KEYWORDS = new Set(['$schema', '$id', 'id', 'type', 'required', 'properties', 'dependencies', 'dependentRequired', 'additionalProperties', 'definitions', '$defs', 'minProperties', 'maxProperties', ...ANNOTATIONS]);
const LIST_KEYWORDS = new Set(['type', 'items', 'minItems', 'maxItems', ...ANNOTATIONS]);
const splits = new WeakMap<object, Map<string, SchemaSplit | null>>();

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function onlyLocalRefs(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(onlyLocalRefs);
  if (!isObj(node)) return true;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'enum' || k === 'const' || k === 'examples' || k === 'default') continue;
    if (k === '$ref' && (typeof v !== 'string' || !v.startsWith('#'))) return false;
    if (!onlyLocalRefs(v)) return false;
  }
  return true;
}

/**
 * Can the schema be checked as skeleton + items, with the same errors as a whole-value validation?
 * Only when nothing but `properties[key].items` looks into the items (no combinators or conditionals at
 * the root, no `uniqueItems` on the list) and every reference is local.
 */
function splitSchema(root: object, pointer: string): SchemaSplit | undefined {
  let perRoot = splits.get(root);
  if (!perRoot) splits.set(root, (perRoot = new Map()));
  const hit = perRoot.get(pointer);
  if (hit !== undefined) return hit ?? undefined;
  const result = computeSplit(root as Record<string, unknown>, pointer);
  perRoot.set(pointer, result ?? null);
  return result;
}

function computeSplit(root: Record<string, unknown>, pointer: string): SchemaSplit | undefined {
  if (!isObj(root) || !onlyLocalRefs(root)) return undefined;
  const withDefinitions = (items: Record<string, unknown>): object | undefined => {
    if ('definitions' in items || '$defs' in items || '$id' in items || 'id' in items) return undefined;
    const out: Record<string, unknown> = { ...items };
    if (root.$schema !== undefined) out.$schema = root.$schema;
    if (root.definitions !== undefined) out.definitions = root.definitions;
    if (root.$defs !== undefined) out.$defs = root.$defs;
    return out;
  };
  const { $id: _a, id: _b, ...rest } = root;
  if (pointer === '') {
    if (root.type !== 'array' || !isObj(root.items)) return undefined;
    for (const k of Object.keys(root)) if (!LIST_KEYWORDS.has(k) && !['$schema', '$id', 'id', 'definitions', '$defs'].includes(k)) return undefined;
    const items = withDefinitions(root.items);
    if (!items) return undefined;
    const { items: _i, ...skeleton } = rest;
    return { skeleton, items };
  }
  if (pointer.indexOf('/', 1) !== -1) return undefined;
  const key = pointer.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
  for (const k of Object.keys(root)) if (!ROOT_KEYWORDS.has(k)) return undefined;
  const props = root.properties;
  if (!isObj(props) || !isObj(props[key])) return undefined;
  const list = props[key] as Record<string, unknown>;
  for (const k of Object.keys(list)) if (!LIST_KEYWORDS.has(k)) return undefined;
  if (list.type !== 'array' || !isObj(list.items)) return undefined;
  const items = withDefinitions(list.items);
  if (!items) return undefined;
  const { items: _i, ...listWithoutItems } = list;
  return { skeleton: { ...rest, properties: { ...props, [key]: listWithoutItems } }, items };
}

// ------------------------------------------------------------------------------------------ rule scope

/**
 * Rules that look at one item at a time (a dataset of a catalog) and report only inside it, besides
 * checks of the top-level object that do not depend on the items. They run per item and are reused for
 * unchanged items. A standard declares it on the rule (`scope: 'item'`); rules written before that
 * field existed are listed here by their ids. Any other rule runs over the whole document each time.
 */
const ITEM_SCOPED_IDS = new Set([
  'dcat-us/access-url-download', 'dcat-us/bureau-code', 'dcat-us/date-format', 'dcat-us/deprecated-language', 'dcat-us/distribution-url',
  'dcat-us/duplicate-keyword', 'dcat-us/format-is-media-type', 'dcat-us/format-mismatch', 'dcat-us/invalid-date', 'dcat-us/invalid-email',
  'dcat-us/invalid-frequency', 'dcat-us/invalid-language', 'dcat-us/invalid-media-type', 'dcat-us/invalid-temporal', 'dcat-us/invalid-url',
  'dcat-us/legacy-shape', 'dcat-us/license-not-url', 'dcat-us/media-type-required', 'dcat-us/misspelled-key', 'dcat-us/placeholder-code',
  'dcat-us/program-code', 'dcat-us/renamed-key', 'dcat-us/rights-required', 'dcat-us/unregistered-media-type',
]);

export function isItemScoped(rule: Rule): boolean {
  const declared = (rule as Rule & { scope?: string }).scope;
  if (declared !== undefined) return declared === 'item';
  return rule.meta.length > 0 && rule.meta.every((m) => ITEM_SCOPED_IDS.has(m.id));
}

// ------------------------------------------------------------------------------------------ analyzer

/** Thrown at a checkpoint when the caller says the work has become stale (a newer version arrived). */
export class Cancelled extends Error {
  constructor() {
    super('cancelled: a newer version arrived');
  }
}

interface ItemErrors {
  schema: object;
  errors: ErrorObject[];
}

interface ItemSchemaReports {
  schema: object;
  index: number;
  suppress: boolean;
  prefix: string;
  reports: Report[];
}

interface ItemRuleReports {
  key: string;
  rules: readonly Rule[];
  index: number;
  base: { offset: number; line: number; column: number };
  reports: Report[];
}

/** Above this many changed items, item-scoped rules run once over the whole document instead. */
const PER_ITEM_RULE_LIMIT = 64;

export class IncrementalAnalyzer {
  private readonly itemErrors = new WeakMap<Piece, ItemErrors>();
  private readonly itemReports = new WeakMap<Piece, ItemSchemaReports>();
  private readonly itemRules = new WeakMap<Piece, ItemRuleReports>();
  private readonly findings = new WeakMap<Report, { piece: Piece; offset: number; line: number; column: number; finding: Finding }>();
  private skeletonRules?: { skeleton: object; key: string; rules: readonly Rule[]; reports: Report[] };

  private stale: () => boolean = () => false;

  private checkpoint(): void {
    if (this.stale()) throw new Cancelled();
  }

  /**
   * Findings for `doc`, reusing what earlier versions computed for unchanged items. `stale` is asked at
   * checkpoints; when it says yes the work stops with `Cancelled`.
   */
  async analyze(doc: ParsedDocument, options: AnalyzeOptions = {}, stale: () => boolean = () => false): Promise<Analysis> {
    this.stale = stale;
    const prep = prepareDocument(doc, options);
    if (!(doc instanceof ChunkedDocument)) return analyzePrepared(prep, options);
    return analyzePrepared(prep, options, {
      schemaReports: (p, hasSyntaxErrors) => this.schemaReports(doc, p, hasSyntaxErrors),
      ruleReports: (p, base, budget) => this.ruleReports(doc, p, base, budget),
      findingOf: (r, compute) => this.findingOf(doc, r, compute),
    });
  }

  /**
   * A report of an unchanged item (the same report object, reused above) whose item starts where it did
   * keeps its finding: same pointer, same item index, same positions.
   */
  private findingOf(doc: ChunkedDocument, r: Report, compute: () => Finding): Finding {
    const k = itemOf(r.pointer, doc.layout.array, doc.pieces.length);
    if (k === undefined) return compute();
    const f = doc.frame;
    const piece = doc.pieces[k];
    const hit = this.findings.get(r);
    if (hit && hit.piece === piece && hit.offset === f.bases[k] && hit.line === f.baseLines[k] && hit.column === f.baseCols[k]) return hit.finding;
    const finding = compute();
    this.findings.set(r, { piece, offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k], finding });
    return finding;
  }

  private schemaReports(doc: ChunkedDocument, prep: Prepared, suppress: boolean): Report[] | undefined {
    const split = prep.schema && splitSchema(prep.schema, doc.layout.array);
    if (!split || !prep.standard) return undefined;
    const prefix = prep.standard.schemaRulePrefix;
    const skeleton = validateAgainst(split.skeleton, doc.value);
    if (skeleton.schemaError) return undefined;
    const out = reportsFromErrors(skeleton.errors, { prefix, suppressRequired: suppress });
    const list = doc.layout.array;
    for (let k = 0; k < doc.pieces.length; k++) {
      if ((k & 511) === 511) this.checkpoint();
      const piece = doc.pieces[k];
      const cached = this.itemReports.get(piece);
      if (cached && cached.schema === split.items && cached.index === k && cached.suppress === suppress && cached.prefix === prefix) {
        for (const r of cached.reports) out.push(r);
        continue;
      }
      let errors = this.itemErrors.get(piece);
      if (!errors || errors.schema !== split.items) {
        const result = validateAgainst(split.items, piece.value);
        if (result.schemaError) return undefined;
        errors = { schema: split.items, errors: result.errors };
        this.itemErrors.set(piece, errors);
      }
      const at = `${list}/${k}`;
      const reports = errors.errors.length ? reportsFromErrors(errors.errors.map((e) => ({ ...e, instancePath: at + e.instancePath })), { prefix, suppressRequired: suppress }) : [];
      this.itemReports.set(piece, { schema: split.items, index: k, suppress, prefix, reports });
      for (const r of reports) out.push(r);
    }
    return out;
  }

  private async ruleReports(doc: ChunkedDocument, prep: Prepared, base: Omit<RuleContext, 'report'>, budget?: Budget): Promise<Report[]> {
    const rules = prep.standard?.rules ?? [];
    const itemRules = rules.filter(isItemScoped);
    const docRules = rules.filter((r) => !isItemScoped(r));
    this.checkpoint();
    const out = await runRules(docRules, base, budget);
    this.checkpoint();
    if (itemRules.length === 0) return out;
    const key = JSON.stringify([base.detection, base.settings, base.workspace ? 'ws' : '']);
    const list = doc.layout.array;
    const n = doc.pieces.length;
    const f = doc.frame;
    // Which items have no valid reports?
    const stale: number[] = [];
    const reused: (Report[] | undefined)[] = new Array(n);
    for (let k = 0; k < n; k++) {
      const c = this.itemRules.get(doc.pieces[k]);
      const now = { offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] };
      const moved = c && c.key === key && c.rules === prep.standard!.rules && c.index === k ? relocate(c, now, doc.pieces[k]) : undefined;
      if (moved) reused[k] = moved;
      else stale.push(k);
    }
    const skeletonValid = this.skeletonRules && this.skeletonRules.skeleton === doc.skeleton && this.skeletonRules.key === key && this.skeletonRules.rules === prep.standard!.rules;
    if (!skeletonValid || stale.length > PER_ITEM_RULE_LIMIT) {
      // Once over the whole document; the reports are then filed by item.
      const all = await runRules(itemRules, base, budget);
      if (budget?.expired()) {
        // Cut short by the time budget: what ran is reported, nothing is kept for the next version.
        this.skeletonRules = undefined;
        return [...out, ...all];
      }
      const buckets: Report[][] = Array.from({ length: n }, () => []);
      const top: Report[] = [];
      for (const r of all) {
        const k = itemOf(r.pointer, list, n);
        if (k === undefined) top.push(r);
        else buckets[k].push(r);
      }
      this.skeletonRules = { skeleton: doc.skeleton, key, rules: prep.standard!.rules, reports: top };
      for (let k = 0; k < n; k++) {
        this.itemRules.set(doc.pieces[k], { key, rules: prep.standard!.rules, index: k, base: { offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] }, reports: buckets[k] });
        reused[k] = buckets[k];
      }
    } else {
      for (const k of stale) {
        this.checkpoint();
        const reports = await runRules(itemRules, { ...base, ...itemView(doc, k) });
        const own = reports.filter((r) => itemOf(r.pointer, list, n) === k);
        this.itemRules.set(doc.pieces[k], { key, rules: prep.standard!.rules, index: k, base: { offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] }, reports: own });
        reused[k] = own;
      }
    }
    for (const r of this.skeletonRules!.reports) out.push(r);
    for (let k = 0; k < n; k++) for (const r of reused[k]!) out.push(r);
    return out;
  }
}

/** The item a pointer lies in, or undefined for the rest of the document. */
function itemOf(pointer: string, list: string, n: number): number | undefined {
  if (!pointer.startsWith(`${list}/`)) return undefined;
  const rest = pointer.slice(list.length + 1);
  const slash = rest.indexOf('/');
  const seg = slash === -1 ? rest : rest.slice(0, slash);
  if (!/^(0|[1-9][0-9]*)$/.test(seg)) return undefined;
  const k = Number(seg);
  return k < n ? k : undefined;
}

/**
 * The document as a rule sees it when it checks item `k` alone: the list holds only that item, at its
 * own index (the other places are holes, which forEach/map/filter skip), so pointers and messages name
 * the right dataset; positions are those of the real document.
 */
function itemView(doc: ChunkedDocument, k: number): { doc: ParsedDocument; value: unknown } {
  const items: unknown[] = [];
  items[k] = doc.pieces[k].value;
  let value: unknown;
  if (doc.layout.array === '') value = items;
  else {
    const real = doc.value as Record<string, unknown>;
    const key = doc.layout.array.slice(1).replace(/~1/g, '/').replace(/~0/g, '~');
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(real)) Object.defineProperty(out, name, { value: name === key ? items : real[name], enumerable: true, writable: true, configurable: true });
    value = out;
  }
  const view = Object.create(doc, { value: { value, enumerable: true } }) as ParsedDocument;
  return { doc: view, value };
}

/**
 * Reports computed when the item started at `c.base`, moved to where it starts now. Undefined when a
 * report carries a position outside the item (it cannot be moved with it: compute again).
 */
function relocate(c: ItemRuleReports, now: { offset: number; line: number; column: number }, piece: Piece): Report[] | undefined {
  const b = c.base;
  if (b.offset === now.offset && b.line === now.line && b.column === now.column) return c.reports;
  const dOffset = now.offset - b.offset;
  const dLine = now.line - b.line;
  const lastLine = b.line + piece.breaks;
  const inside = (p: Position) => p.line >= b.line && p.line <= lastLine && (p.line !== b.line || p.character >= b.column);
  const move = (p: Position): Position => ({ line: p.line + dLine, character: p.line === b.line ? p.character - b.column + now.column : p.character });
  const moveRange = (r: Range): Range | undefined => (inside(r.start) && inside(r.end) ? { start: move(r.start), end: move(r.end) } : undefined);
  const out: Report[] = [];
  for (const r of c.reports) {
    let next = r;
    if (r.fixes?.length) {
      const fixes = [];
      for (const fix of r.fixes) {
        const edits = [];
        for (const e of fix.edits) {
          const range = moveRange(e.range);
          if (!range) return undefined;
          edits.push({ ...e, range });
        }
        fixes.push({ ...fix, edits });
      }
      next = { ...next, fixes };
    }
    const offsets = r.data?.offsets as { start: number; end: number } | undefined;
    if (offsets) {
      if (offsets.start < b.offset || offsets.end > b.offset + piece.text.length) return undefined;
      next = { ...next, data: { ...r.data, offsets: { start: offsets.start + dOffset, end: offsets.end + dOffset } } };
    }
    // Anything else position-like in `data` (a line number in a message…) cannot be moved: recompute.
    if (dLine !== 0 && /\bline \d+/.test(r.message)) return undefined;
    out.push(next);
  }
  return out;
}
