// The core's entry point: text → parse → detect → schema + rules → findings.
// I/O-free: files come through the injected Workspace. Never throws.

import { locate, type ParsedDocument } from './document';
import { detect, findModeline, type ForcedStandard } from './detect';
import { reportsFromErrors, ruleIdOf } from './messages';
import { ruleMeta } from './ruleRegistry';
import type { Report, Rule, RuleContext, StandardDefinition, StandardSettings } from './standard';
import { joinPointer, valueAt } from './pointer';
import { getStandard, STANDARDS } from './standards';
import { Budget, capFindings, guardedParse, resolveLimits, resolveTrust, type AnalysisLimits, type TrustOptions } from './limits';
import { userSchemaReports } from './userSchema';
import type { Detection, Finding, Range, Workspace } from './types';
import { validateAgainst } from './validate';
import * as l10n from './l10n';

export { ruleDocUrl } from './ruleRegistry';

export interface AnalyzeOptions {
  languageId?: string;
  /** Force a standard (the CLI's --standard); otherwise detection decides. */
  standard?: ForcedStandard;
  workspace?: Workspace;
  /** Settings per standard id, e.g. `{ 'dcat-us': { profile: 'federal' } }`. */
  settings?: Readonly<Record<string, StandardSettings>>;
  /** Size, nesting, findings and time limits (limits.ts); defaults when absent. */
  limits?: Partial<AnalysisLimits>;
  /** Restricted Mode and the network switch, for workspace-supplied schemas (userSchema.ts). */
  trust?: Partial<TrustOptions>;
}

export interface Prepared {
  doc: ParsedDocument;
  detection?: Detection;
  standard?: StandardDefinition;
  /** Root JSON Schema for the detected standard and version (for completion and hover). */
  schema?: object;
  /** The schema id chosen by version dispatch. */
  schemaId?: string;
  /** Findings from detection and dispatch (unknown modeline standard, unsupported version…). */
  dispatchReports: Report[];
}

export interface Analysis {
  doc: ParsedDocument;
  detection?: Detection;
  findings: Finding[];
}

export function standardIds(): string[] {
  return STANDARDS.map((s) => s.id);
}

/** Parse and detect, synchronously: enough for completion and hover. */
export function prepare(uri: string, text: string, options: AnalyzeOptions = {}): Prepared {
  return prepareDocument(guardedParse(uri, text, options.languageId, resolveLimits(options.limits)), options);
}

/** `prepare` for a document already parsed (the incremental engine keeps its own). */
export function prepareDocument(doc: ParsedDocument, options: AnalyzeOptions = {}): Prepared {
  const { uri } = doc;
  // Only the head of the text is read here (the modeline sits in its first lines). A chunked document
  // (chunked.ts) gives its head without touching the whole text, which after an edit is a concatenation
  // that V8 would copy whole on the first slice.
  const text = (doc as { head?(chars: number): string }).head?.(4000) ?? doc.text;
  const dispatchReports: Report[] = [];
  const modeline = findModeline(text);
  if (modeline && !getStandard(modeline.standardId) && !options.standard) {
    dispatchReports.push({
      ruleId: 'core/unknown-standard',
      pointer: '',
      message: l10n.t('The modeline names "{0}", which is not a standard this tool knows; use one of {1}.', modeline.standardId, standardIds().join(', ')),
      data: { offsets: { start: modeline.start, end: modeline.end } },
    });
  }
  const found = detect(uri, text, doc.value, options.standard);
  if (!found) return { doc, dispatchReports };
  const choice = found.standard.chooseSchema(found.detection, doc, settingsFor(found.standard, options));
  dispatchReports.push(...(choice.findings ?? []));
  return {
    doc,
    detection: choice.detection ? { ...found.detection, ...choice.detection } : found.detection,
    standard: found.standard,
    schema: found.standard.schemas[choice.schemaId],
    schemaId: choice.schemaId,
    dispatchReports,
  };
}

/**
 * Where the incremental engine (incremental.ts) plugs in: it validates and runs rules item by item and
 * reuses the results of unchanged items; everything else is shared with `analyze`.
 */
export interface AnalyzeHooks {
  /** Reports of the schema layer, or undefined for the default (ajv over the whole value). */
  schemaReports?(prep: Prepared, hasSyntaxErrors: boolean): Report[] | undefined;
  /** Reports of the standard's rules, or undefined for the default (every rule over the document). */
  ruleReports?(prep: Prepared, base: Omit<RuleContext, 'report'>, budget: Budget): Promise<Report[]> | undefined;
  /** The finding of a report: `compute()` makes it; the hook may reuse one made for the same report before. */
  findingOf?(report: Report, compute: () => Finding): Finding;
}

export async function analyze(uri: string, text: string, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyzePrepared(prepare(uri, text, options), options);
}

export async function analyzePrepared(prep: Prepared, options: AnalyzeOptions = {}, hooks: AnalyzeHooks = {}): Promise<Analysis> {
  const { doc, standard, detection, schema } = prep;
  const reports: Report[] = [...prep.dispatchReports];
  const limits = resolveLimits(options.limits);
  const budget = new Budget(limits);
  if (standard && detection && doc.value !== undefined) {
    const hasSyntaxErrors = doc.syntaxFindings.some((f) => f.severity === 'error');
    const fromHook = schema ? hooks.schemaReports?.(prep, hasSyntaxErrors) : undefined;
    if (fromHook) reports.push(...fromHook);
    else if (schema) {
      const result = validateAgainst(schema, doc.value);
      if (result.schemaError) {
        reports.push({ ruleId: 'core/internal-error', pointer: '', message: l10n.t('The bundled schema {0} could not be used ({1}); please report this.', prep.schemaId, result.schemaError) });
      }
      reports.push(...reportsFromErrors(result.errors, { prefix: standard.schemaRulePrefix, suppressRequired: hasSyntaxErrors }));
    }
    const base = { doc, value: doc.value, detection, workspace: options.workspace, settings: settingsFor(standard, options) };
    reports.push(...(await (hooks.ruleReports?.(prep, base, budget) ?? runRules(standard.rules, base, budget))));
  }
  if (doc.value !== undefined) reports.push(...(await userSchemaReports(doc, standard !== undefined, { workspace: options.workspace, trust: resolveTrust(options.trust), budget })));
  // On a line the parser could not read, the syntax error is the finding; what the schema makes of the
  // parser's recovery (a stray key named ")") is noise.
  const brokenLines = new Set(doc.syntaxFindings.filter((f) => f.severity === 'error').map((f) => f.range.start.line));
  const checked = preferRuleFindings(reports, standard)
    .map((r) => (hooks.findingOf ? hooks.findingOf(r, () => toFinding(doc, r, standard)) : toFinding(doc, r, standard)))
    .filter((f) => !brokenLines.has(f.range.start.line));
  const findings = [...doc.syntaxFindings, ...checked];
  findings.sort(byPosition);
  return { doc, detection, findings: capFindings(findings, limits.maxFindings) };
}

export function settingsFor(standard: StandardDefinition, options: AnalyzeOptions): StandardSettings {
  return options.settings?.[standard.id] ?? {};
}

export async function runRules(rules: readonly Rule[], base: Omit<RuleContext, 'report'>, budget?: Budget): Promise<Report[]> {
  const out: Report[] = [];
  for (const [i, rule] of rules.entries()) {
    if (budget?.expired()) {
      const r = budget.report(l10n.t('{0} of the {1} checks', rules.length - i, rules.length));
      if (r) out.push(r);
      break;
    }
    const ctx: RuleContext = { ...base, report: (r) => out.push(r) };
    try {
      await rule.run(ctx);
    } catch (err) {
      out.push({
        ruleId: 'core/internal-error',
        pointer: '',
        message: l10n.t('The check {0} failed unexpectedly ({1}); other checks still ran. Please report this.', rule.meta.map((m) => m.id).join(', '), (err as Error)?.message ?? err),
      });
    }
  }
  return out;
}

const schemaRuleIdsByPrefix = new Map<string, ReadonlySet<string>>();

/** The rule ids of a standard's schema findings (a big document asks once per dataset). */
function schemaRuleIds(prefix: string): ReadonlySet<string> {
  let ids = schemaRuleIdsByPrefix.get(prefix);
  if (!ids) {
    ids = new Set(['unknown-key', 'required-key', 'wrong-type', 'invalid-value', 'length', 'count', 'not-allowed'].map((n) => ruleIdOf(prefix, n)));
    schemaRuleIdsByPrefix.set(prefix, ids);
  }
  return ids;
}

/**
 * A rule's finding is more specific than the schema's at the same node (e.g. an SPDX parse error
 * beats "must be a string"): when both exist at one pointer, keep the rule's.
 */
export function preferRuleFindings(reports: Report[], standard?: StandardDefinition): Report[] {
  if (!standard || reports.length < 2) return reports; // one report has nothing to give way to
  const schemaIds = schemaRuleIds(standard.schemaRulePrefix);
  const isSchema = (r: Report) => schemaIds.has(r.ruleId);
  const ruleErrorsAt = new Set(reports.filter((r) => !isSchema(r) && (r.severity ?? ruleMeta(r.ruleId)?.severity) === 'error').map((r) => r.pointer));
  return reports.filter((r) => !isSchema(r) || !ruleErrorsAt.has(r.pointer));
}

export function toFinding(doc: ParsedDocument, r: Report, standard?: StandardDefinition): Finding {
  const meta = ruleMeta(r.ruleId);
  const offsets = (r.data?.offsets as { start: number; end: number } | undefined) ?? locateReport(doc, r, standard?.missingKeyAt);
  const finding: Finding = {
    ruleId: r.ruleId,
    severity: r.severity ?? meta?.severity ?? 'error',
    message: r.message,
    pointer: r.pointer,
    range: doc.rangeOf(offsets),
  };
  if (r.fixes?.length) finding.fixes = r.fixes;
  if (r.data) {
    const { offsets: _ignored, ...rest } = r.data;
    if (Object.keys(rest).length) finding.data = rest;
  }
  return finding;
}

function locateReport(doc: ParsedDocument, r: Report, missingKeyAt: StandardDefinition['missingKeyAt'] = 'parent-key'): { start: number; end: number } {
  // One lookup for the usual case (a big document's lookup reads the item's index and makes the node).
  const at = doc.nodes.get(r.pointer);
  if (at) return r.on === 'key' && at.key ? at.key : at.value;
  if (r.on !== 'key') return locate(doc, r.pointer, r.on ?? 'value');
  // A missing key: point at the key of the nearest existing ancestor (or, for standards that ask for
  // it, at the first key inside that ancestor); at the top level, its first key.
  let p = r.pointer;
  while (p !== '' && !doc.nodes.has(p)) p = p.slice(0, p.lastIndexOf('/'));
  const info = doc.nodes.get(p);
  const firstKey = () => firstKeyInside(doc, p);
  if (missingKeyAt === 'first-key-inside' && info) {
    const inside = firstKey();
    if (inside) return inside;
    // An empty flow mapping (`legal: {}`): its braces are where the key goes.
    if (doc.text[info.value.start] === '{') return { start: info.value.start, end: Math.max(info.value.start + 1, info.value.end) };
  }
  if (info?.key) return info.key;
  const first = firstKey();
  if (first) return first;
  return info ? { start: info.value.start, end: Math.min(info.value.end, info.value.start + 1) } : { start: 0, end: 0 };
}

/**
 * The key of the first member, in document order, of the mapping at `pointer`. Looks only at that
 * mapping's own members (not the whole index), so that thousands of missing-key findings in a large
 * catalog stay linear.
 */
function firstKeyInside(doc: ParsedDocument, pointer: string): { start: number; end: number } | undefined {
  const value = valueAt(doc.value, pointer);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  let first: { start: number; end: number } | undefined;
  for (const k of Object.keys(value)) {
    const key = doc.nodes.get(joinPointer(pointer, k))?.key;
    if (key && (!first || key.start < first.start)) first = key;
  }
  return first;
}

export function byPosition(a: Finding, b: Finding): number {
  return cmpPos(a.range, b.range) || a.ruleId.localeCompare(b.ruleId);
}

function cmpPos(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}
