// Limits that keep the server answering whatever it is given: a document too big to validate in full,
// nesting too deep for the YAML parser's recursion, unresolved merge-conflict markers, too many findings
// to be useful, and a time budget per document. Each limit that strikes says so with a finding, never
// silently. I/O-free like the rest of the core: the clock is `performance.now` unless a test injects one.

import { visit } from 'jsonc-parser';
import { formatOf, parseDocument, type DocumentFormat, type ParsedDocument } from './document';
import { LineIndex } from './lineIndex';
import type { RuleMeta, Report } from './standard';
import type { Finding, OffsetRange, Position } from './types';
import * as l10n from './l10n';

export interface AnalysisLimits {
  /** YAML documents longer than this (UTF-16 code units ≈ bytes) get a summary pass only. */
  maxYamlChars: number;
  /** JSON documents longer than this get a syntax-only pass. */
  maxJsonChars: number;
  /** Nesting deeper than this is refused before parsing (the YAML parser recurses per level). */
  maxNesting: number;
  /**
   * Findings shown per document; the rest are counted in one `core/too-many-findings` finding.
   * Unlimited by default (the CLI reports everything); the editor shows 1,000 (EDITOR_LIMITS).
   */
  maxFindings: number;
  /**
   * Validation time per document, in milliseconds; later checks are skipped once it is spent.
   * Unlimited by default (a CI run wants every check); 10 s in the editor (EDITOR_LIMITS).
   */
  timeBudgetMs: number;
  /** The clock (milliseconds); tests inject one. */
  now: () => number;
}

export const MB = 1024 * 1024;

export const DEFAULT_ANALYSIS_LIMITS: AnalysisLimits = {
  maxYamlChars: 20 * MB,
  maxJsonChars: 100 * MB,
  maxNesting: 500,
  maxFindings: Number.POSITIVE_INFINITY,
  timeBudgetMs: Number.POSITIVE_INFINITY,
  now: () => performance.now(),
};

/** What an editor adds to the defaults: a list people can read, and an answer within seconds. */
export const EDITOR_LIMITS: Partial<AnalysisLimits> = { maxFindings: 1000, timeBudgetMs: 10_000 };

/** Whom the workspace's own files may be trusted by: Restricted Mode, and the network switch. */
export interface TrustOptions {
  /** False in VS Code's Restricted Mode: no workspace-supplied schema is loaded. Default true (CLI). */
  workspaceTrusted: boolean;
  /** May remote schemas be fetched? Default false: nothing leaves the machine. */
  network: boolean;
}

export const DEFAULT_TRUST: TrustOptions = { workspaceTrusted: true, network: false };

export function resolveTrust(partial?: Partial<TrustOptions>): TrustOptions {
  return {
    workspaceTrusted: partial?.workspaceTrusted !== false,
    network: partial?.network === true,
  };
}

/** Defaults, overridden by whichever given values are sane (positive numbers); junk is ignored. */
export function resolveLimits(partial?: Partial<AnalysisLimits>): AnalysisLimits {
  const out = { ...DEFAULT_ANALYSIS_LIMITS };
  if (!partial || typeof partial !== 'object') return out;
  for (const key of ['maxYamlChars', 'maxJsonChars', 'maxNesting', 'maxFindings', 'timeBudgetMs'] as const) {
    const v = partial[key];
    if (typeof v === 'number' && v >= 0 && !Number.isNaN(v)) out[key] = Number.isFinite(v) ? Math.floor(v) : v;
  }
  if (typeof partial.now === 'function') out.now = partial.now;
  return out;
}

/**
 * Limits from editor settings (`civicSchemas.limits.*`), in the units people think in: megabytes and
 * seconds, over EDITOR_LIMITS. Unknown or nonsensical values fall back to the defaults.
 */
export function limitsFromSettings(raw: unknown): Partial<AnalysisLimits> {
  const out: Partial<AnalysisLimits> = { ...EDITOR_LIMITS };
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
  const yamlMb = num(r.maxYamlSizeMB);
  const jsonMb = num(r.maxJsonSizeMB);
  const findings = num(r.maxFindings);
  const seconds = num(r.timeBudgetSeconds);
  if (yamlMb !== undefined) out.maxYamlChars = Math.round(yamlMb * MB);
  if (jsonMb !== undefined) out.maxJsonChars = Math.round(jsonMb * MB);
  if (findings !== undefined) out.maxFindings = Math.max(1, Math.round(findings));
  if (seconds !== undefined) out.timeBudgetMs = Math.round(seconds * 1000);
  return out;
}

export const LIMIT_RULES: RuleMeta[] = [
  { id: 'core/too-large', severity: 'warning', title: 'The document is too large to validate in full' },
  { id: 'core/too-many-findings', severity: 'information', title: 'More findings than are shown' },
  { id: 'core/time-budget', severity: 'warning', title: 'Validation stopped when its time budget ran out' },
  { id: 'yaml/merge-conflict', severity: 'error', title: 'Unresolved merge-conflict markers' },
  { id: 'json/merge-conflict', severity: 'error', title: 'Unresolved merge-conflict markers' },
  { id: 'core/schema-outside-workspace', severity: 'error', title: 'A schema path leaves the workspace' },
  { id: 'core/remote-schema-disabled', severity: 'warning', title: 'A remote schema was not fetched' },
  { id: 'core/untrusted-schema', severity: 'information', title: 'Workspace schemas are not loaded in Restricted Mode' },
  { id: 'core/unsafe-pattern', severity: 'warning', title: 'A schema pattern is unsafe to run' },
  { id: 'core/schema-not-found', severity: 'error', title: 'The schema named by the document cannot be read' },
  { id: 'core/schema-ref-cycle', severity: 'error', title: 'A schema refers to itself in a loop' },
  { id: 'core/user-schema', severity: 'error', title: 'The document does not match its workspace schema' },
];

// ------------------------------------------------------------------------------------------ parsing

/**
 * `parseDocument` behind the guards: a document over the size limit gets a summary (YAML) or a
 * syntax-only (JSON) pass; nesting beyond `maxNesting` is refused before the parser can exhaust the
 * stack; merge-conflict markers become one friendly finding per conflict instead of parser noise.
 */
export function guardedParse(uri: string, text: string, languageId: string | undefined, limits: AnalysisLimits): ParsedDocument {
  const format = formatOf(uri, text, languageId);
  const max = format === 'json' ? limits.maxJsonChars : limits.maxYamlChars;
  if (text.length > max) return oversized(uri, text, format, max);
  const deep = text.length > limits.maxNesting ? nestingBeyond(text, format, limits.maxNesting) : undefined;
  if (deep !== undefined) {
    return stubDocument(uri, text, format, [
      {
        ruleId: `${format}/depth-limit`,
        severity: 'error',
        message: l10n.t('The document nests deeper than {0} levels here, so it was not parsed (a parser would run out of stack). Metadata files need only a few levels: flatten the structure.', limits.maxNesting),
        pointer: '',
        offsets: { start: deep, end: Math.min(text.length, deep + 1) },
      },
    ]);
  }
  const doc = parseDocument(uri, text, { languageId });
  return withMergeConflicts(doc);
}

interface OffsetFinding extends Omit<Finding, 'range'> {
  offsets: OffsetRange;
}

function stubDocument(uri: string, text: string, format: DocumentFormat, found: OffsetFinding[]): ParsedDocument {
  const lines = new LineIndex(text);
  return {
    uri,
    text,
    format,
    value: undefined,
    nodes: new Map([['', { value: { start: 0, end: 0 } }]]),
    syntaxFindings: found.map(({ offsets, ...f }) => ({ ...f, range: lines.rangeOf(offsets) })),
    documentCount: 0,
    extraDocumentOffsets: [],
    lines,
    rangeOf: (r: OffsetRange) => lines.rangeOf(r),
    positionAt: (o: number) => lines.positionAt(o),
    offsetAt: (p: Position) => lines.offsetAt(p),
  };
}

function sizeText(chars: number): string {
  return chars >= MB ? `${(chars / MB).toFixed(1)} MB` : `${Math.ceil(chars / 1024)} KB`;
}

function oversized(uri: string, text: string, format: DocumentFormat, max: number): ParsedDocument {
  const firstLineEnd = text.indexOf('\n');
  const head = { start: 0, end: firstLineEnd === -1 ? Math.min(text.length, 200) : Math.min(firstLineEnd, 200) };
  const found: OffsetFinding[] = [];
  let what: string;
  if (format === 'json') {
    // Syntax only: a streaming scan that builds no tree, so memory stays flat.
    let errors = 0;
    visit(
      text,
      {
        onError(error, offset, length) {
          errors++;
          if (found.length < 20) {
            found.push({ ruleId: 'json/syntax', severity: 'error', message: l10n.t('JSON syntax error here (the document is too large for a detailed check; open a smaller part to see more).'), pointer: '', offsets: { start: offset, end: Math.min(text.length, offset + Math.max(1, length)) } });
          }
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
    what = errors === 0 ? l10n.t('its JSON syntax was checked and is fine') : errors === 1 ? l10n.t('only its JSON syntax was checked (1 error)') : l10n.t('only its JSON syntax was checked ({0} errors)', errors);
  } else {
    what = l10n.t('it was not parsed');
  }
  found.push(...mergeConflictFindings(text, format));
  found.unshift({
    ruleId: 'core/too-large',
    severity: 'warning',
    message: l10n.t('This {0} document is {1}, more than the {2} validated in full, so {3} and no schema or rule checks ran. Split the file, or raise the limit with the civicSchemas.limits.max{4}SizeMB setting.', format.toUpperCase(), sizeText(text.length), sizeText(max), what, format === 'json' ? 'Json' : 'Yaml'),
    pointer: '',
    offsets: head,
    data: { size: text.length, limit: max },
  });
  return stubDocument(uri, text, format, found);
}

/**
 * Offset where nesting first exceeds `max`, or undefined. Linear and allocation-free; counts bracket
 * nesting (outside strings) for both formats, plus indentation levels and `- ` sequence entries for YAML.
 * An estimate on purpose: it only has to catch documents no person writes.
 */
export function nestingBeyond(text: string, format: DocumentFormat, max: number): number | undefined {
  let flow = 0;
  let inString = 0; // 0, or the quote character code
  const indents: number[] = [];
  let lineStart = true;
  let blockDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */ && inString === 34) i++;
      else if (c === inString) inString = 0;
      else if (c === 10 && format === 'yaml' && inString === 39) lineStart = true;
      continue;
    }
    if (format === 'yaml' && lineStart && flow === 0) {
      lineStart = false;
      let j = i;
      while (j < text.length && text.charCodeAt(j) === 32) j++;
      const first = text.charCodeAt(j);
      if (j >= text.length || first === 10 || first === 13 || first === 35 /* # */) {
        i = j - 1;
        lineStart = false;
        continue;
      }
      const indent = j - i;
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      while (text.charCodeAt(j) === 45 /* - */ && (text.charCodeAt(j + 1) === 32 || text.charCodeAt(j + 1) === 10)) {
        dashes++;
        j += 2;
        while (text.charCodeAt(j) === 32) j++;
      }
      blockDepth = indents.length + dashes;
      if (blockDepth > max) return i;
      i = j - 1;
      continue;
    }
    switch (c) {
      case 10:
        lineStart = true;
        break;
      case 34: // "
        inString = 34;
        break;
      case 39: // '
        if (format === 'yaml') inString = 39;
        break;
      case 35: // # starts a YAML comment after a space
        if (format === 'yaml' && (i === 0 || text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 10)) {
          const nl = text.indexOf('\n', i);
          i = nl === -1 ? text.length : nl - 1;
        }
        break;
      case 91: // [
      case 123: // {
        flow++;
        if (flow + (format === 'yaml' ? blockDepth : 0) > max) return i;
        break;
      case 93:
      case 125:
        if (flow > 0) flow--;
        break;
    }
  }
  return undefined;
}

const MARKER = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?$/gm;

/** One finding per conflict (from `<<<<<<<` to `>>>>>>>`), at the opening marker. */
export function mergeConflictFindings(text: string, format: DocumentFormat): OffsetFinding[] {
  if (text.indexOf('<<<<<<<') === -1 && text.indexOf('>>>>>>>') === -1) return [];
  const out: OffsetFinding[] = [];
  let open: { start: number; end: number; line: number } | undefined;
  let line = 0;
  let lastIndex = 0;
  const lineOf = (offset: number) => {
    for (let k = text.indexOf('\n', lastIndex); k !== -1 && k < offset; k = text.indexOf('\n', k + 1)) line++;
    lastIndex = offset;
    return line;
  };
  const close = (end: number | undefined, endLine: number | undefined) => {
    if (!open) return;
    const lines = endLine === undefined ? l10n.t('from line {0}', open.line + 1) : l10n.t('lines {0}–{1}', open.line + 1, endLine + 1);
    out.push({
      ruleId: `${format}/merge-conflict`,
      severity: 'error',
      message: l10n.t('This file has unresolved merge-conflict markers ({0}{1}). Keep the version you want, then delete the lines <<<<<<<, ======= and >>>>>>>.', lines, end === undefined ? l10n.t(', with no closing >>>>>>> marker') : ''),
      pointer: '',
      offsets: { start: open.start, end: open.end },
    });
    open = undefined;
  };
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    const kind = m[1][0];
    const at = lineOf(m.index);
    if (kind === '<') {
      close(undefined, undefined);
      open = { start: m.index, end: m.index + m[0].length, line: at };
    } else if (kind === '>') {
      if (open) close(m.index, at);
      else out.push({ ruleId: `${format}/merge-conflict`, severity: 'error', message: l10n.t('A stray merge-conflict marker >>>>>>> on line {0}: finish resolving the conflict and delete it.', at + 1), pointer: '', offsets: { start: m.index, end: m.index + m[0].length } });
    }
  }
  close(undefined, undefined);
  return out;
}

/** Replace the parser's complaints about marker lines by one friendly finding per conflict. */
function withMergeConflicts(doc: ParsedDocument): ParsedDocument {
  const conflicts = mergeConflictFindings(doc.text, doc.format);
  if (conflicts.length === 0) return doc;
  const markerLines = new Set<number>();
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(doc.text); m; m = MARKER.exec(doc.text)) markerLines.add(doc.positionAt(m.index).line);
  const syntaxId = `${doc.format}/syntax`;
  const kept = doc.syntaxFindings.filter((f) => !(f.ruleId === syntaxId && markerLines.has(f.range.start.line)));
  const added = conflicts.map(({ offsets, ...f }) => ({ ...f, range: doc.rangeOf(offsets) }));
  return { ...doc, syntaxFindings: [...added, ...kept] };
}

// --------------------------------------------------------------------------------------- the budget

/** The validation time budget of one document. */
export class Budget {
  private readonly deadline: number;
  private reported = false;

  constructor(private readonly limits: AnalysisLimits) {
    this.deadline = limits.now() + limits.timeBudgetMs;
  }

  expired(): boolean {
    return this.limits.now() > this.deadline;
  }

  /** The one `core/time-budget` report (undefined once it was made). */
  report(skipped: string): Report | undefined {
    if (this.reported) return undefined;
    this.reported = true;
    return {
      ruleId: 'core/time-budget',
      pointer: '',
      message: l10n.t('Validation of this document took longer than its budget of {0} s, so {1} did not run; the findings shown are partial. Split the file, or raise the civicSchemas.limits.timeBudgetSeconds setting.', formatCount(this.limits.timeBudgetMs / 1000), skipped),
    };
  }
}

// ------------------------------------------------------------------------------------ the findings cap

/**
 * At most `max` findings (errors first, then the rest, each in document order), plus one
 * `core/too-many-findings` finding counting the rest, last. Input is sorted by position; the shown
 * findings keep that order. `capRuns` does the same over runs, and keeps the runs of the items being
 * edited before any other.
 */
export function capFindings(findings: Finding[], max: number): Finding[] {
  if (findings.length <= max) return findings;
  return capRuns([findings], max).flat();
}

const RANK = { error: 0, warning: 1, information: 2, hint: 3 } as const;

/**
 * Made once, when the module loads (a host's start, not a big document's open, pays for ICU's first
 * formatter: ~6 ms): `toLocaleString('en')` would build one on every call, and the cap runs after every edit.
 */
const englishNumbers = new Intl.NumberFormat('en');

/** 12,345. */
function formatCount(n: number): string {
  return englishNumbers.format(n);
}

/**
 * `capFindings` over runs of findings in document order (an incremental analysis' items): the same
 * findings, as runs; a run kept whole is the same array, a run cut by the same threshold as before is the
 * same subset, so that what did not change is neither copied nor encoded again. The findings of the runs
 * in `focusRuns` (the items being edited) are kept before any other, so that the part of a big document
 * being worked on always shows its findings (VS Code itself shows at most 1,000 per file, errors first).
 * The note is a run of its own.
 */
export function capRuns(runs: readonly Finding[][], max: number, focusRuns?: ReadonlySet<Finding[]>): Finding[][] {
  const focus = focusRuns?.size ? focusRuns : undefined;
  // Ranks -1 (the focus: every finding of a run in `focusRuns`) … 3 (hints). A run's ranks are counted
  // once (runs are kept while unchanged).
  const isFocused = (run: Finding[]) => focus !== undefined && focus.has(run);
  const counts = [0, 0, 0, 0, 0];
  const focused: boolean[] = new Array(runs.length);
  let total = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    total += run.length;
    if ((focused[i] = isFocused(run))) counts[0] += run.length;
    else {
      const c = statsOf(run).counts;
      for (let r = 0; r < 4; r++) counts[r + 1] += c[r];
    }
  }
  if (total <= max) return runs as Finding[][];
  // All findings of the ranks below `cut` are kept, and the first `room` of rank `cut` in document order.
  let cut = -1;
  let room = max;
  while (room >= counts[cut + 1]) room -= counts[++cut];
  const out: Finding[][] = [];
  // Hidden findings by rule (index in `ruleIds`), in the order the rules were first hidden.
  const hiddenCount: number[] = [];
  const hiddenOrder: number[] = [];
  const hide = (rule: number, n: number) => {
    if (hiddenCount[rule] === undefined) {
      hiddenCount[rule] = 0;
      hiddenOrder.push(rule);
    }
    hiddenCount[rule] += n;
  };
  const hideAll = (pairs: readonly number[]) => {
    for (let j = 0; j < pairs.length; j += 2) hide(pairs[j], pairs[j + 1]);
  };
  let firstHidden: Finding | undefined;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i];
    if (run.length === 0) {
      out.push(run);
      continue;
    }
    if (!focused[i]) {
      // Whole runs from their counts: every finding below the cut (kept as is), above it (hidden), or
      // cut at a rank (all of rank `cut` kept while there is room for them, none once it is spent). Only
      // the run in which the room runs out is looked at finding by finding.
      const st = statsOf(run);
      if (st.high < cut) {
        out.push(run);
        continue;
      }
      if (st.low > cut) {
        firstHidden ??= run[0];
        hideAll(st.byRule);
        continue;
      }
      const atCut = st.counts[cut];
      if (room >= atCut || room === 0) {
        const below = room >= atCut ? cut + 1 : cut;
        room -= room >= atCut ? atCut : 0;
        if (st.high < below) {
          out.push(run);
          continue;
        }
        const sub = subsetBelow(run, below);
        firstHidden ??= sub.firstHidden;
        hideAll(sub.hiddenByRule);
        if (sub.kept.length > 0) out.push(sub.kept);
        continue;
      }
    }
    const kept: Finding[] = [];
    for (const f of run) {
      const r = focused[i] ? -1 : RANK[f.severity];
      if (r < cut || (r === cut && room > 0)) {
        if (r === cut) room--;
        kept.push(f);
      } else {
        firstHidden ??= f;
        hide(ruleIndex(f.ruleId), 1);
      }
    }
    if (kept.length === run.length) out.push(run);
    else if (kept.length > 0) out.push(kept);
  }
  const hidden = total - max;
  const top = hiddenOrder.map((r) => [ruleIds[r], hiddenCount[r]] as const).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([id, n]) => `${n} ${id}`).join(', ');
  const more = `${top}${hiddenOrder.length > 3 ? ', …' : ''}`;
  const note: Finding = {
    ruleId: 'core/too-many-findings',
    severity: 'information',
    message: (hidden === 1 ? l10n.t('{0} more finding not shown ({1}); only the first {2} are listed.', formatCount(hidden), more, formatCount(max)) : l10n.t('{0} more findings not shown ({1}); only the first {2} are listed.', formatCount(hidden), more, formatCount(max)))
      + (focus ? ` ${l10n.t('The findings of the item you are editing are always listed.')}` : '')
      + ` ${l10n.t('Fix these, or run the CLI for the full report.')}`,
    pointer: '',
    range: firstHidden!.range,
    data: { hidden, shown: max },
  };
  out.push([note]);
  return out;
}

interface RunStats {
  /** Findings by rank (error, warning, information, hint). */
  counts: [number, number, number, number];
  /** The lowest and highest rank in the run. */
  low: number;
  high: number;
  /** Findings by rule: pairs of (index in `ruleIds`, count), in the order of first occurrence. */
  byRule: number[];
}

/** Rule ids as small numbers, so that the cap counts hidden findings per rule in arrays. */
const ruleIds: string[] = [];
const ruleIndexes = new Map<string, number>();

function ruleIndex(id: string): number {
  let i = ruleIndexes.get(id);
  if (i === undefined) {
    ruleIndexes.set(id, (i = ruleIds.length));
    ruleIds.push(id);
  }
  return i;
}

/** `pairs` (rule index, count) with one more finding of `rule`. */
function countRule(pairs: number[], rule: number): void {
  for (let j = 0; j < pairs.length; j += 2) {
    if (pairs[j] === rule) {
      pairs[j + 1]++;
      return;
    }
  }
  pairs.push(rule, 1);
}

// A run's counts and subsets travel with the run, on a symbol-keyed property: the cap looks at thousands
// of runs per edit, and a WeakMap lookup per run cost more than the rest of the cap.
const STATS = Symbol('cap stats');
const SUBSETS = Symbol('cap subsets');
type Annotated = Finding[] & { [STATS]?: RunStats; [SUBSETS]?: Subset[] };

function statsOf(run: Annotated): RunStats {
  let s = run[STATS];
  if (!s) {
    s = { counts: [0, 0, 0, 0], low: 4, high: -1, byRule: [] };
    for (const f of run) {
      const r = RANK[f.severity];
      s.counts[r]++;
      if (r < s.low) s.low = r;
      if (r > s.high) s.high = r;
      countRule(s.byRule, ruleIndex(f.ruleId));
    }
    run[STATS] = s;
  }
  return s;
}

/** What a cap keeps of a run when it keeps the ranks below `below`: the same object while the run is unchanged. */
interface Subset {
  kept: Finding[];
  /** Pairs of (rule index, count). */
  hiddenByRule: number[];
  firstHidden?: Finding;
}

function subsetBelow(run: Annotated, below: number): Subset {
  let byRank = run[SUBSETS];
  if (!byRank) run[SUBSETS] = byRank = [];
  let sub = byRank[below];
  if (!sub) {
    sub = { kept: [], hiddenByRule: [] };
    for (const f of run) {
      if (RANK[f.severity] < below) sub.kept.push(f);
      else {
        sub.firstHidden ??= f;
        countRule(sub.hiddenByRule, ruleIndex(f.ruleId));
      }
    }
    byRank[below] = sub;
  }
  return sub;
}


/** Is this text over the size limit for full validation (so that hosts can skip their big-document path)? */
export function exceedsSizeLimit(uri: string, text: string, languageId: string | undefined, limits: AnalysisLimits): boolean {
  return text.length > (formatOf(uri, text, languageId) === 'json' ? limits.maxJsonChars : limits.maxYamlChars);
}
