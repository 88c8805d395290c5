// Incremental analysis of big documents: an editing session keeps the chunked document (chunked.ts)
// and, per item (per `Piece`, itself cached by its text), the schema errors and the reports of the rules
// that look at one item at a time. An edit then costs the edited item: its parse, its validation, its
// rules; everything else is reused. The findings are the same as `analyze` gives for the whole text.

import type { ErrorObject } from 'ajv';
import { Budget, capRuns, resolveLimits, resolveTrust } from './limits';
import { userSchemaReports } from './userSchema';
import { analyzePrepared, byPosition, preferRuleFindings, prepareDocument, runRules, settingsFor, toFinding, type Analysis, type AnalyzeOptions, type Prepared } from './analyze';
import { ChunkedDocument, FAST_PATH_MIN_CHARS, parseChunked, updateChunked, type Piece, type TextChange } from './chunked';
import { formatOf, parseDocument, type ParsedDocument } from './document';
import { reportsFromErrors } from './messages';
import { isArrayIndex } from './pointer';
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
    /** Read items only when asked (chunked.ts `lazyItems`): a session that serves requests, not checks. */
    private readonly lazyItems = false,
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
    if (prev instanceof ChunkedDocument) next = updateChunked(prev, text, changes, { languageId: this.languageId, cache: this.cache, allowLocalErrors: true, lazyItems: this.lazyItems });
    if (!next && text.length >= this.minChars) {
      // The first version (or one after the layout changed) is parsed whole; a syntax error there
      // sends it to the precise parser, so that what is reported first is exactly what the CLI reports.
      next = parseChunked(this.uri, text, formatOf(this.uri, text, this.languageId), { languageId: this.languageId, cache: this.cache, allowLocalErrors: prev !== undefined, lazyItems: this.lazyItems });
    }
    if (!next) next = parseDocument(this.uri, text, { languageId: this.languageId, precise: true });
    return this.settle(next);
  }

  /**
   * The document after one change (offsets in the current text), without the new text: a big document
   * re-reads the items the change touches; the whole text is put together only when that cannot be done.
   */
  apply(change: TextChange): ParsedDocument {
    const prev = this.current;
    if (!prev) throw new Error(`${this.uri}: a change arrived before the text`);
    if (prev instanceof ChunkedDocument) {
      const next = updateChunked(prev, undefined, [change], { languageId: this.languageId, cache: this.cache, allowLocalErrors: true, lazyItems: this.lazyItems });
      if (next) return this.settle(next);
    }
    return this.update(prev.text.slice(0, change.start) + change.text + prev.text.slice(change.end), [change]);
  }

  private settle(next: ParsedDocument): ParsedDocument {
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
 * checks of the top-level object that do not depend on the items, declare it (`scope: 'item'` on the
 * rule, standard.ts). They run per item and are reused for unchanged items. Any other rule runs over the
 * whole document, unless it declares `itemKey` (what it reads of each item): then its reports are reused
 * while no item's key changes.
 */
export function isItemScoped(rule: Rule): boolean {
  return rule.scope === 'item';
}

// ------------------------------------------------------------------------------------------ analyzer

/** Thrown at a checkpoint when the caller says the work has become stale (a newer version arrived). */
export class Cancelled extends Error {
  constructor() {
    super('cancelled: a newer version arrived');
  }
}

interface ItemState {
  /** The analyzer that knows this (a piece could be looked at by another one: then it starts afresh). */
  owner: IncrementalAnalyzer;
  errors?: ItemErrors;
  schema?: ItemSchemaReports;
  rules?: ItemRuleReports;
  findings?: ItemFindings;
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

/** The findings of one item, sorted, as they were last published; reused while nothing they rest on changed. */
interface ItemFindings {
  k: number;
  key: string;
  schema: ItemSchemaReports;
  rules: ItemRuleReports;
  /** Reports of the document rules (and the rest) that fell inside this item. */
  cross: readonly Report[];
  line: number;
  column: number;
  /** Every range lies inside the item and no message names a line: a line shift moves them all (undefined: not asked yet). */
  movable?: boolean;
  findings: Finding[];
}

/** The last run of a document rule that declares `itemKey`. */
interface DocRuleRun {
  skeleton: object;
  key: string;
  pieces: readonly Piece[];
  baseLines: Float64Array;
  reports: Report[];
}

/** What the last complete analysis of a chunked document left, for the next edit (`editedItems`). */
type LastAnalysis = {
  doc: ChunkedDocument;
  key: string;
  items: object;
  rules: readonly Rule[];
  prefix: string;
  dispatch: readonly Report[];
  S: ItemState[];
  skeletonReports: Report[];
  schemaEntries: ItemSchemaReports[];
  entries: ItemRuleReports[];
  /** The reports of each document rule, of the item rules outside the items, how many of the workspace schema. */
  docReports: Report[][];
  topReports: Report[];
  userReports: number;
  /** Reports of the document rules (and the rest) that fell inside an item, by item; the others. */
  cross: Map<number, Report[]>;
  globalReports: Report[];
  itemChunks: Finding[][];
  /** Findings in all items. */
  total: number;
} & Order;

/** Where the document's own findings go among the items' (`order`). */
interface Order {
  /** The document's own findings. */
  globals: Finding[];
  /** Every item's findings come after the previous item's: then `before` and `after` hold the globals. */
  ordered: boolean;
  before: Finding[];
  after: Finding[];
}

/** What the incremental analysis of a big document gives besides the findings. */
export interface ChunkedAnalysis extends Analysis {
  /**
   * The findings in order, as runs: one per block of consecutive items (the same array object while
   * the block's findings do not change, so that a host can keep what it derived from it), one per item
   * being edited, and the rest before and after them.
   */
  chunks: Finding[][];
}

const NO_REPORTS: readonly Report[] = Object.freeze([]) as readonly Report[];

/** Above this many changed items, item-scoped rules run once over the whole document instead. */
const PER_ITEM_RULE_LIMIT = 64;

/** More items changed at once than this, and no item is taken as the one being edited. */
const FOCUS_MAX_ITEMS = 16;

export class IncrementalAnalyzer {
  /** The pieces of the last version analysed. */
  private prevPieces: readonly Piece[] = [];
  private readonly findings = new WeakMap<Report, { piece: Piece; offset: number; line: number; column: number; finding: Finding }>();
  private skeletonRules?: { skeleton: object; key: string; rules: readonly Rule[]; reports: Report[] };
  private readonly docRuleRuns = new Map<Rule, DocRuleRun>();
  /** The items the last edit touched (`focusOf`; the cap keeps their findings): kept until another edit touches others. */
  private focus: readonly Piece[] = [];
  private last?: LastAnalysis;
  /** The runs of blocks of items (`blocked`), by block, and the items' runs each was made of. */
  private blocks: { sources: Finding[][]; run: Finding[] }[] = [];
  private blockSize = 0;

  private stale: () => boolean = () => false;

  /** What this analyzer knows of an item: kept on its piece (itself cached by its text), see `Piece.analysis`. */
  private st(piece: Piece): ItemState {
    const known = piece.analysis as ItemState | undefined;
    if (known?.owner === this) return known;
    const state: ItemState = { owner: this, errors: undefined, schema: undefined, rules: undefined, findings: undefined };
    piece.analysis = state;
    return state;
  }

  private checkpoint(): void {
    if (this.stale()) throw new Cancelled();
  }

  /**
   * Findings for `doc`, reusing what earlier versions computed for unchanged items. `stale` is asked at
   * checkpoints; when it says yes the work stops with `Cancelled`.
   */
  async analyze(doc: ParsedDocument, options: AnalyzeOptions = {}, stale: () => boolean = () => false): Promise<Analysis & { chunks?: Finding[][] }> {
    this.stale = stale;
    const prep = prepareDocument(doc, options);
    if (!(doc instanceof ChunkedDocument)) return analyzePrepared(prep, options);
    const fast = await this.analyzeChunked(doc, prep, options);
    if (fast) return fast;
    return analyzePrepared(prep, options, {
      schemaReports: (p, hasSyntaxErrors) => this.schemaReports(doc, p, hasSyntaxErrors),
      ruleReports: (p, base, budget) => this.ruleReports(doc, p, base, budget),
      findingOf: (r, compute) => this.findingOf(doc, r, compute),
    });
  }

  /**
   * The analysis of a chunked document item by item: each item's findings (schema, item rules, the
   * reports of document rules that fall inside it) are kept with the item and reused, or moved by a line
   * shift, while nothing they rest on changes; document rules that declare `itemKey` run again only when
   * an item's key changes. Same findings, in the same order, as `analyzePrepared` on the whole document.
   * Undefined where it does not apply (no split schema, syntax errors, a time limit hit): the caller
   * then takes the general path.
   */
  private async analyzeChunked(doc: ChunkedDocument, prep: Prepared, options: AnalyzeOptions): Promise<ChunkedAnalysis | undefined> {
    const { standard, detection, schema } = prep;
    if (!standard || !detection || !schema || doc.value === undefined) return this.forget();
    if (doc.syntaxFindings.some((f) => f.severity === 'error')) return this.forget();
    const split = splitSchema(schema, doc.layout.array);
    if (!split) return this.forget();
    const limits = resolveLimits(options.limits);
    const budget = new Budget(limits);
    const prefix = standard.schemaRulePrefix;
    const list = doc.layout.array;
    const n = doc.pieces.length;
    const f = doc.frame;
    const base = { doc, value: doc.value, detection, workspace: options.workspace, settings: settingsFor(standard, options) };
    const rules = standard.rules;
    const itemRules = rules.filter(isItemScoped);
    const docRules = rules.filter((r) => !isItemScoped(r));
    const key = JSON.stringify([base.detection, base.settings, base.workspace ? 'ws' : '']);
    // An edit inside a few items that moves no line: only those items are looked at again (below, every
    // `changed ?` branch); otherwise every item is checked against what it has cached.
    const last = this.last;
    const changed = last && this.editedItems(last, doc, prep, { key, items: split.items, rules, prefix });
    /** Calls `fn` for the edited items, or for every item. */
    const each = (fn: (k: number) => void): void => {
      if (changed) for (const k of changed) fn(k);
      else
        for (let k = 0; k < n; k++) {
          if ((k & 511) === 511) this.checkpoint();
          fn(k);
        }
    };
    const prevPieces = this.prevPieces;
    if (changed) {
      // The last analysis' per-item arrays are taken over and changed in place (copying them would cost
      // the whole catalog in time and garbage). Until this analysis completes there is no last one: a
      // cancelled or abandoned analysis leaves nothing half-updated behind.
      this.last = undefined;
      this.prevPieces = [];
    }
    const S: ItemState[] = changed ? last.S : new Array(n);
    if (changed) for (const k of changed) S[k] = this.st(doc.pieces[k]);
    else for (let k = 0; k < n; k++) S[k] = this.st(doc.pieces[k]);

    // The schema: the skeleton (unchanged by an edit inside items), then each item (cached by the item's
    // text and place).
    let skeletonReports: Report[];
    if (changed) skeletonReports = last.skeletonReports;
    else {
      const skeletonResult = validateAgainst(split.skeleton, doc.value);
      if (skeletonResult.schemaError) return this.forget();
      skeletonReports = reportsFromErrors(skeletonResult.errors, { prefix, suppressRequired: false });
    }
    const schemaEntries: ItemSchemaReports[] = changed ? last.schemaEntries : new Array(n);
    let schemaFailed = false;
    each((k) => {
      const cached = S[k].schema;
      if (cached && cached.schema === split.items && cached.index === k && !cached.suppress && cached.prefix === prefix) {
        schemaEntries[k] = cached;
        return;
      }
      let errors = S[k].errors;
      if (!errors || errors.schema !== split.items) {
        const result = validateAgainst(split.items, doc.pieces[k].value);
        if (result.schemaError) {
          schemaFailed = true;
          return;
        }
        errors = { schema: split.items, errors: result.errors };
        S[k].errors = errors;
      }
      const at = `${list}/${k}`;
      const reports = errors.errors.length ? reportsFromErrors(errors.errors.map((e) => ({ ...e, instancePath: at + e.instancePath })), { prefix, suppressRequired: false }) : [];
      const entry = { schema: split.items, index: k, suppress: false, prefix, reports };
      S[k].schema = entry;
      schemaEntries[k] = entry;
    });
    if (schemaFailed) return this.forget();

    // The rules.
    // The reports beyond the items' own: dispatch, skeleton, document rules (kept as the same arrays while
    // reused), item rules' reports outside the items, workspace schema.
    const docReports: Report[][] = [];
    for (const rule of docRules) {
      this.checkpoint();
      docReports.push(await this.docRule(rule, doc, base, key, budget));
      if (budget.expired()) return this.forget();
    }
    this.checkpoint();
    const entries: ItemRuleReports[] = changed ? last.entries : new Array(n);
    const stale: number[] = [];
    each((k) => {
      const c = S[k].rules;
      if (c && c.key === key && c.rules === rules && c.index === k) entries[k] = c;
      else stale.push(k);
    });
    const now = (k: number) => ({ offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] });
    const runItem = async (k: number): Promise<ItemRuleReports> => {
      const reports = itemRules.length ? await runRules(itemRules, { ...base, ...itemView(doc, k) }) : [];
      const entry = { key, rules, index: k, base: now(k), reports: reports.filter((r) => itemOf(r.pointer, list, n) === k) };
      S[k].rules = entry;
      return entry;
    };
    const skeletonValid = this.skeletonRules && this.skeletonRules.skeleton === doc.skeleton && this.skeletonRules.key === key && this.skeletonRules.rules === rules;
    if (!skeletonValid || stale.length > PER_ITEM_RULE_LIMIT) {
      const all = itemRules.length ? await runRules(itemRules, base, budget) : [];
      if (budget.expired()) {
        this.skeletonRules = undefined;
        return this.forget();
      }
      const { top, buckets } = fileByItem(all, list, n);
      this.skeletonRules = { skeleton: doc.skeleton, key, rules, reports: top };
      for (let k = 0; k < n; k++) {
        const entry = { key, rules, index: k, base: now(k), reports: buckets[k] };
        S[k].rules = entry;
        entries[k] = entry;
      }
    } else {
      for (const k of stale) {
        this.checkpoint();
        entries[k] = await runItem(k);
      }
    }
    const topReports = this.skeletonRules!.reports;
    const userReports = doc.value !== undefined ? await userSchemaReports(doc, true, { workspace: options.workspace, trust: resolveTrust(options.trust), budget }) : [];
    if (budget.expired()) return this.forget();

    // Reports that fall inside an item go with it; the rest are the document's own. After an edit that
    // changed none of them (the same arrays), they are where they were.
    const prev = changed ? last : undefined;
    const sameOthers = prev !== undefined && userReports.length === 0 && prev.userReports === 0 && topReports === prev.topReports && docReports.length === prev.docReports.length && docReports.every((r, i) => r === prev.docReports[i]);
    let cross = new Map<number, Report[]>();
    let globalReports: Report[] = [];
    if (prev && sameOthers) {
      cross = prev.cross;
      globalReports = prev.globalReports;
    } else {
      for (const group of [prep.dispatchReports, skeletonReports, ...docReports, topReports, userReports]) {
        for (const r of group) {
          const k = itemOf(r.pointer, list, n);
          if (k === undefined) globalReports.push(r);
          else {
            const at = cross.get(k);
            if (at) at.push(r);
            else cross.set(k, [r]);
          }
        }
      }
    }

    // Findings, item by item: after an edit, of the edited items and of those whose share of the
    // document rules' reports changed.
    const before = changed ? new Map<number, Finding[]>() : undefined;
    const itemChunks: Finding[][] = changed ? last.itemChunks : new Array(n);
    let total = changed ? last.total : 0;
    /** Item k's findings; a promise only when its rules must run again (their reports could not be moved). */
    const findingsOf = (k: number): Promise<void> | undefined => {
      const piece = doc.pieces[k];
      const line = f.baseLines[k];
      const column = f.baseCols[k];
      const cr = cross.get(k) ?? NO_REPORTS;
      const rEntry = entries[k];
      const c = S[k].findings;
      let findings: Finding[] | undefined;
      if (c && c.k === k && c.key === key && c.schema === schemaEntries[k] && c.rules === rEntry && c.column === column && sameReports(c.cross, cr)) {
        if (c.line === line) findings = c.findings;
        // Whether they can be moved is asked only when lines move (rarely, and item by item).
        else if ((c.movable ??= isMovable(c.findings, c.line, c.line + piece.breaks))) {
          findings = shiftFindings(c.findings, line - c.line);
          S[k].findings = { k, key, schema: c.schema, rules: c.rules, cross: cr, line, column, movable: true, findings };
        }
      }
      if (findings) {
        place(k, findings);
        return undefined;
      }
      const moved = relocate(rEntry, now(k), piece);
      if (moved) {
        place(k, itemFindings(k, rEntry, moved, cr));
        return undefined;
      }
      return runItem(k).then((entry) => place(k, itemFindings(k, entry, entry.reports, cr)));
    };
    const itemFindings = (k: number, rEntry: ItemRuleReports, ruleReports: Report[], cr: readonly Report[]): Finding[] => {
      const line = f.baseLines[k];
      const own = schemaEntries[k].reports;
      // Most items have reports of one kind, or none: no concatenation then.
      const reports = ruleReports.length === 0 && cr.length === 0 ? own : own.length === 0 && cr.length === 0 ? ruleReports : [...own, ...ruleReports, ...cr];
      const findings = reports.length === 0 ? [] : preferRuleFindings(reports, standard).map((r) => toFinding(doc, r, standard));
      findings.sort(byPosition);
      S[k].findings = { k, key, schema: schemaEntries[k], rules: rEntry, cross: cr, line, column: f.baseCols[k], movable: undefined, findings };
      return findings;
    };
    const place = (k: number, findings: Finding[]): void => {
      if (before) {
        total -= itemChunks[k].length;
        if (!before.has(k)) before.set(k, itemChunks[k]);
      }
      itemChunks[k] = findings;
      total += findings.length;
    };
    if (changed) {
      const todo = new Set(changed);
      if (!sameOthers) for (const k of new Set([...cross.keys(), ...last.cross.keys()])) if (!sameReports(cross.get(k) ?? NO_REPORTS, last.cross.get(k) ?? NO_REPORTS)) todo.add(k);
      for (const k of todo) await findingsOf(k);
    } else {
      for (let k = 0; k < n; k++) {
        if ((k & 511) === 511) this.checkpoint();
        const pending = findingsOf(k);
        if (pending) await pending;
      }
    }
    const globals: Finding[] = [...doc.syntaxFindings, ...preferRuleFindings(globalReports, standard).map((r) => toFinding(doc, r, standard))];
    globals.sort(byPosition);

    const order = this.order(itemChunks, globals, changed ? { last, runs: before! } : undefined);
    const focus = this.focusOf(doc.pieces, prevPieces, changed);
    const runs = this.blocked(order, itemChunks, focus);
    const chunks = total + globals.length <= limits.maxFindings ? runs : capRuns(runs, limits.maxFindings, new Set(focus.map((k) => itemChunks[k])));
    this.last = { doc, key, items: split.items, rules, prefix, dispatch: prep.dispatchReports, S, skeletonReports, docReports, topReports, userReports: userReports.length, cross, globalReports, schemaEntries, entries, itemChunks, total, ...order };
    this.prevPieces = doc.pieces;
    let flat: Finding[] | undefined;
    return {
      doc,
      detection: prep.detection,
      // The flat list only for who asks (the worker sends the runs).
      get findings() {
        return (flat ??= chunks.length === 1 ? chunks[0] : concat(chunks));
      },
      chunks,
    };
  }

  /** Nothing is kept for the next version (the general path takes this one). */
  private forget(): undefined {
    this.last = undefined;
    return undefined;
  }

  /**
   * The items an edit changed since the last analysis, when only they need to be looked at again: the
   * same skeleton, settings, schema and rules, the same number of items, no line or column moved, and a
   * few items changed. Undefined otherwise.
   */
  private editedItems(last: LastAnalysis, doc: ChunkedDocument, prep: Prepared, same: { key: string; items: object; rules: readonly Rule[]; prefix: string }): number[] | undefined {
    if (last.doc === doc || last.doc.skeleton !== doc.skeleton || last.doc.pieces.length !== doc.pieces.length) return undefined;
    if (last.key !== same.key || last.items !== same.items || last.rules !== same.rules || last.prefix !== same.prefix) return undefined;
    if (!sameReports(last.dispatch, prep.dispatchReports)) return undefined;
    const a = last.doc.frame;
    const b = doc.frame;
    if (!sameNumbers(a.baseLines, b.baseLines) || !sameNumbers(a.baseCols, b.baseCols)) return undefined;
    const changed: number[] = [];
    const before = last.doc.pieces;
    const pieces = doc.pieces;
    for (let k = 0; k < pieces.length; k++) {
      if (before[k] !== pieces[k]) {
        changed.push(k);
        if (changed.length > PER_ITEM_RULE_LIMIT) return undefined;
      }
    }
    return changed;
  }

  /**
   * Are the items' findings in document order, item after item, and where do the document's own go
   * (before the items, after them)? Anything out of place (a finding of one item placed inside another…)
   * makes the findings one sorted list, as analyze does. After an edit (`edit.runs`: the old runs of the
   * items it looked at again) only the edited items are checked against their neighbours.
   */
  private order(itemChunks: Finding[][], globals: Finding[], edit: { last: LastAnalysis; runs: Map<number, Finding[]> } | undefined): Order {
    const last = edit?.last;
    if (last?.ordered && sameFindings(globals, last.globals)) {
      let ordered = true;
      for (const [k, old] of edit!.runs) {
        const run = itemChunks[k];
        if (run === old || run.length === 0) continue;
        let p = k - 1;
        while (p >= 0 && itemChunks[p].length === 0) p--;
        let q = k + 1;
        while (q < itemChunks.length && itemChunks[q].length === 0) q++;
        const prev = p >= 0 ? itemChunks[p] : last.before;
        const next = q < itemChunks.length ? itemChunks[q] : last.after;
        if ((prev.length && byPosition(prev[prev.length - 1], run[0]) >= 0) || (next.length && byPosition(run[run.length - 1], next[0]) >= 0)) ordered = false;
        if (!ordered) break;
      }
      if (ordered) return { globals: last.globals, ordered, before: last.before, after: last.after };
    }
    let prevLast: Finding | undefined;
    let firstIn: Finding | undefined;
    let ordered = true;
    for (const run of itemChunks) {
      if (run.length === 0) continue;
      if (prevLast && byPosition(prevLast, run[0]) >= 0) ordered = false;
      firstIn ??= run[0];
      prevLast = run[run.length - 1];
    }
    const before: Finding[] = [];
    const after: Finding[] = [];
    for (const g of globals) {
      if (!firstIn || byPosition(g, firstIn) < 0) before.push(g);
      else if (byPosition(g, prevLast!) > 0) after.push(g);
      else ordered = false;
    }
    return { globals, ordered, before, after };
  }

  /**
   * The runs handed on: the items' findings joined in blocks of consecutive items (about √n of them),
   * the same array while none of its items' findings changes, so that what goes on after an edit (the
   * cap, the worker's message, the conversion to diagnostics) costs the number of blocks, not of items.
   * The items being edited (`focus`) keep runs of their own (the cap keeps them first). Out of order:
   * one sorted run.
   */
  private blocked(order: Order, itemChunks: Finding[][], focus: readonly number[]): Finding[][] {
    if (!order.ordered) {
      const all = concat([order.globals, ...itemChunks]);
      all.sort(byPosition);
      return [all];
    }
    const n = itemChunks.length;
    const size = Math.max(8, Math.min(256, Math.round(Math.sqrt(n))));
    if (this.blockSize !== size) this.blocks = [];
    this.blockSize = size;
    const focused = new Set(focus);
    const out: Finding[][] = order.before.length ? [order.before] : [];
    for (let b = 0, from = 0; from < n; b++, from += size) {
      const to = Math.min(n, from + size);
      let hasFocus = false;
      for (const k of focus) if (k >= from && k < to) hasFocus = true;
      if (hasFocus) {
        // Around the items being edited: the others' runs joined between them.
        let part: Finding[] = [];
        for (let k = from; k < to; k++) {
          if (!focused.has(k)) {
            for (const f of itemChunks[k]) part.push(f);
            continue;
          }
          if (part.length) out.push(part);
          part = [];
          if (itemChunks[k].length) out.push(itemChunks[k]);
        }
        if (part.length) out.push(part);
        continue;
      }
      const cached = this.blocks[b];
      let same = cached !== undefined && cached.sources.length === to - from;
      for (let k = from; k < to && same; k++) same = cached!.sources[k - from] === itemChunks[k];
      if (!same) {
        const run: Finding[] = [];
        for (let k = from; k < to; k++) for (const f of itemChunks[k]) run.push(f);
        this.blocks[b] = { sources: itemChunks.slice(from, to), run };
      }
      if (this.blocks[b].run.length) out.push(this.blocks[b].run);
    }
    if (order.after.length) out.push(order.after);
    return out;
  }

  /**
   * The indexes of the items being worked on: those an edit changed since the last analysis (a few at
   * most: a paste of many items, or a new text, is not an edit of one place), else the last ones found.
   */
  private focusOf(pieces: readonly Piece[], prev: readonly Piece[], edited?: readonly number[]): number[] {
    if (edited && edited.length > FOCUS_MAX_ITEMS) this.focus = [];
    else if (edited && edited.length > 0) {
      this.focus = edited.map((k) => pieces[k]);
      return [...edited];
    }
    if (prev.length > 0 && !edited) {
      const changed: number[] = [];
      if (prev.length === pieces.length) {
        for (let k = 0; k < pieces.length && changed.length <= FOCUS_MAX_ITEMS; k++) if (prev[k] !== pieces[k]) changed.push(k);
      } else {
        const before = new Set(prev);
        for (let k = 0; k < pieces.length && changed.length <= FOCUS_MAX_ITEMS; k++) if (!before.has(pieces[k])) changed.push(k);
      }
      if (changed.length > FOCUS_MAX_ITEMS) this.focus = [];
      else if (changed.length > 0) {
        this.focus = changed.map((k) => pieces[k]);
        return changed;
      }
    }
    if (this.focus.length === 0) return [];
    const wanted = new Set(this.focus);
    const out: number[] = [];
    for (let k = 0; k < pieces.length; k++) if (wanted.has(pieces[k])) out.push(k);
    return out;
  }

  /** A document rule's reports: those of its last run while no item's key (and nothing else it reads) changed. */
  private async docRule(rule: Rule, doc: ChunkedDocument, base: Omit<RuleContext, 'report'>, key: string, budget: Budget): Promise<Report[]> {
    if (!rule.itemKey) return runRules([rule], base, budget);
    const n = doc.pieces.length;
    const prev = this.docRuleRuns.get(rule);
    const headEnd = doc.frame.bases[0];
    let same = prev !== undefined && prev.skeleton === doc.skeleton && prev.key === key && prev.pieces.length === n && sameNumbers(prev.baseLines, doc.frame.baseLines);
    // An unchanged item (the same piece) has the same key; a changed one is compared with its old piece.
    for (let k = 0; k < n && same; k++) if (prev!.pieces[k] !== doc.pieces[k] && rule.itemKey(doc.pieces[k].value) !== rule.itemKey(prev!.pieces[k].value)) same = false;
    if (same && prev!.reports.every((r) => !r.data?.offsets || (r.data.offsets as { end: number }).end <= headEnd)) {
      prev!.pieces = doc.pieces;
      prev!.baseLines = doc.frame.baseLines;
      return prev!.reports;
    }
    const reports = await runRules([rule], base, budget);
    if (budget.expired()) this.docRuleRuns.delete(rule);
    else this.docRuleRuns.set(rule, { skeleton: doc.skeleton, key, pieces: doc.pieces, baseLines: doc.frame.baseLines, reports });
    return reports;
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
      const cached = this.st(piece).schema;
      if (cached && cached.schema === split.items && cached.index === k && cached.suppress === suppress && cached.prefix === prefix) {
        for (const r of cached.reports) out.push(r);
        continue;
      }
      let errors = this.st(piece).errors;
      if (!errors || errors.schema !== split.items) {
        const result = validateAgainst(split.items, piece.value);
        if (result.schemaError) return undefined;
        errors = { schema: split.items, errors: result.errors };
        this.st(piece).errors = errors;
      }
      const at = `${list}/${k}`;
      const reports = errors.errors.length ? reportsFromErrors(errors.errors.map((e) => ({ ...e, instancePath: at + e.instancePath })), { prefix, suppressRequired: suppress }) : [];
      this.st(piece).schema = { schema: split.items, index: k, suppress, prefix, reports };
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
      const c = this.st(doc.pieces[k]).rules;
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
      const { top, buckets } = fileByItem(all, list, n);
      this.skeletonRules = { skeleton: doc.skeleton, key, rules: prep.standard!.rules, reports: top };
      for (let k = 0; k < n; k++) {
        this.st(doc.pieces[k]).rules = { key, rules: prep.standard!.rules, index: k, base: { offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] }, reports: buckets[k] };
        reused[k] = buckets[k];
      }
    } else {
      for (const k of stale) {
        this.checkpoint();
        const reports = await runRules(itemRules, { ...base, ...itemView(doc, k) });
        const own = reports.filter((r) => itemOf(r.pointer, list, n) === k);
        this.st(doc.pieces[k]).rules = { key, rules: prep.standard!.rules, index: k, base: { offset: f.bases[k], line: f.baseLines[k], column: f.baseCols[k] }, reports: own };
        reused[k] = own;
      }
    }
    for (const r of this.skeletonRules!.reports) out.push(r);
    for (let k = 0; k < n; k++) for (const r of reused[k]!) out.push(r);
    return out;
  }
}

/** Reports filed under the item they lie in (`buckets[k]`), the rest under `top`. */
function fileByItem(reports: readonly Report[], list: string, n: number): { top: Report[]; buckets: Report[][] } {
  const buckets: Report[][] = Array.from({ length: n }, () => []);
  const top: Report[] = [];
  for (const r of reports) {
    const k = itemOf(r.pointer, list, n);
    if (k === undefined) top.push(r);
    else buckets[k].push(r);
  }
  return { top, buckets };
}

/** The item a pointer lies in, or undefined for the rest of the document. */
function itemOf(pointer: string, list: string, n: number): number | undefined {
  if (!pointer.startsWith(`${list}/`)) return undefined;
  const rest = pointer.slice(list.length + 1);
  const slash = rest.indexOf('/');
  const seg = slash === -1 ? rest : rest.slice(0, slash);
  if (!isArrayIndex(seg)) return undefined;
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

function sameNumbers(a: Float64Array, b: Float64Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The same entries in the same order: the same objects, or entries `same` matches with equal fixes and data. */
function sameEntries<T extends { fixes?: unknown; data?: unknown }>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (!same(x, y)) return false;
    if ((x.fixes || y.fixes || x.data || y.data) && JSON.stringify([x.fixes, x.data]) !== JSON.stringify([y.fixes, y.data])) return false;
  }
  return true;
}

/** The same reports: the same objects, or reports that say exactly the same. */
function sameReports(a: readonly Report[], b: readonly Report[]): boolean {
  return sameEntries(a, b, (x, y) => x.ruleId === y.ruleId && x.pointer === y.pointer && x.message === y.message && x.on === y.on && x.severity === y.severity);
}

/** Can these findings of an item (lines `first`..`last`) move with it by whole lines? */
function isMovable(findings: readonly Finding[], first: number, last: number): boolean {
  const inside = (r: Range) => r.start.line >= first && r.end.line <= last;
  for (const f of findings) {
    if (!inside(f.range) || /\bline \d+/.test(f.message)) return false;
    for (const fix of f.fixes ?? []) for (const e of fix.edits) if (!inside(e.range)) return false;
  }
  return true;
}

function shiftFindings(findings: readonly Finding[], by: number): Finding[] {
  const move = (r: Range): Range => ({ start: { line: r.start.line + by, character: r.start.character }, end: { line: r.end.line + by, character: r.end.character } });
  return findings.map((f) => {
    const out: Finding = { ...f, range: move(f.range) };
    if (f.fixes) out.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: move(e.range) })) }));
    return out;
  });
}

/** The same findings: same places, rules, severities and messages. */
function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  const at = (r: Range) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
  return sameEntries(a, b, (x, y) => x.ruleId === y.ruleId && x.severity === y.severity && x.message === y.message && x.pointer === y.pointer && at(x.range) === at(y.range));
}

/** The runs one after the other (`Array.prototype.flat` is slower on thousands of runs). */
function concat(runs: readonly Finding[][]): Finding[] {
  let n = 0;
  for (const r of runs) n += r.length;
  const out: Finding[] = new Array(n);
  let i = 0;
  for (const r of runs) for (let j = 0; j < r.length; j++) out[i++] = r[j];
  return out;
}
