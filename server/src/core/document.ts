// Parse YAML or JSON text into a plain value plus an index from JSON Pointer to source ranges.
// Never throws: syntax problems become findings at their exact place.

import {
  parseAllDocuments,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Scalar,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { FAST_PATH_MIN_CHARS, parseChunked } from './chunked';
import { LineIndex } from './lineIndex';
import { joinPointer } from './pointer';
import type { Finding, Fix, OffsetRange, Position, Range } from './types';
import * as l10n from './l10n';

export type DocumentFormat = 'yaml' | 'json';

/** How a YAML scalar was written; rules need it (an unquoted `0.4` is a float, `yes` is a string). */
export type ScalarStyle = 'plain' | 'single-quoted' | 'double-quoted' | 'block' | 'json';

export interface NodeInfo {
  /** Range of the mapping key, when the node is the value of a key. */
  key?: OffsetRange;
  /** Range of the value itself (for an empty value, an empty range where it would start). */
  value: OffsetRange;
  /** Scalars only: how the value was written and its exact source text. */
  style?: ScalarStyle;
  source?: string;
}

export interface ParseLimits {
  /** Maximum nodes visited through aliases before expansion stops (billion-laughs guard). */
  maxAliasExpansion: number;
  /** Maximum nesting depth indexed. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: ParseLimits = { maxAliasExpansion: 10_000, maxDepth: 500 };

export interface ParsedDocument {
  uri: string;
  text: string;
  format: DocumentFormat;
  /** The first document's value; undefined for an empty document. */
  value: unknown;
  /** JSON Pointer → source ranges; '' is the root. */
  nodes: Map<string, NodeInfo>;
  syntaxFindings: Finding[];
  /** Number of YAML documents in the stream (publiccode requires exactly one). */
  documentCount: number;
  /** Offsets where the 2nd, 3rd… documents begin. */
  extraDocumentOffsets: number[];
  /** The YAML AST of the first document, for edits that preserve formatting. */
  yaml?: Document.Parsed;
  lines: LineIndex;
  rangeOf(r: OffsetRange): Range;
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export interface ParseOptions {
  languageId?: string;
  limits?: Partial<ParseLimits>;
  /** Always the precise parser (one `yaml`/`jsonc-parser` pass over the whole text). */
  precise?: boolean;
  /** `always`: the fast path for any size (tests compare both paths); default: from FAST_PATH_MIN_CHARS up. */
  fast?: 'auto' | 'always';
}

export function formatOf(uri: string, text: string, languageId?: string): DocumentFormat {
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'yaml') return 'yaml';
  const path = uri.split(/[?#]/)[0].toLowerCase();
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.yml') || path.endsWith('.yaml')) return 'yaml';
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '{' || first === '[' ? 'json' : 'yaml';
}

export function parseDocument(
  uri: string,
  text: string,
  options: ParseOptions = {},
): ParsedDocument {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const format = formatOf(uri, text, options.languageId);
  // Big catalogs: split at the items of their biggest list, each item parsed on its own (chunked.ts).
  // Same value, index and findings; steps aside (undefined) whenever it could not prove that.
  if (!options.precise && !options.limits && (options.fast === 'always' || text.length >= FAST_PATH_MIN_CHARS)) {
    const fast = parseChunked(uri, text, format, { languageId: options.languageId });
    if (fast) return fast;
  }
  const lines = new LineIndex(text);
  const base = {
    uri,
    text,
    format,
    lines,
    rangeOf: (r: OffsetRange) => lines.rangeOf(r),
    positionAt: (o: number) => lines.positionAt(o),
    offsetAt: (p: Position) => lines.offsetAt(p),
  };
  try {
    const parsed = format === 'json' ? parseJson(text, lines, limits) : parseYaml(text, lines, limits);
    return { ...base, ...parsed };
  } catch (err) {
    // A parser bug must not take the host down: report it as a finding on the whole document.
    return {
      ...base,
      value: undefined,
      nodes: new Map(),
      documentCount: 0,
      extraDocumentOffsets: [],
      syntaxFindings: [
        syntaxFinding(`${format}/syntax`, `The document could not be parsed: ${String((err as Error)?.message ?? err)}`, lines.rangeOf({ start: 0, end: 0 })),
      ],
    };
  }
}

type ParsedParts = Pick<ParsedDocument, 'value' | 'nodes' | 'syntaxFindings' | 'documentCount' | 'extraDocumentOffsets' | 'yaml'>;

function syntaxFinding(ruleId: string, message: string, range: Range, severity: Finding['severity'] = 'error'): Finding {
  return { ruleId, severity, message, pointer: '', range };
}

/** Set a key on a plain object without ever touching Object.prototype (`__proto__` stays data). */
function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

// ---------------------------------------------------------------------------------------------- YAML

/** In the current language (core/l10n.ts): built when a message is made. */
const YAML_MESSAGES = (): Record<string, string> => ({
  BAD_INDENT: l10n.t('This line is indented wrongly for its place in the structure; align it with its siblings.'),
  MISSING_CHAR: l10n.t('A character is missing here (a closing quote or bracket?).'),
  MULTILINE_IMPLICIT_KEY: l10n.t('A key must fit on one line; is a colon missing, or is this line indented too little?'),
  DUPLICATE_KEY: l10n.t('This key appears twice in the same mapping; keep one.'),
  BLOCK_AS_IMPLICIT_KEY: l10n.t('A nested block cannot be used as a key; check the indentation of this line.'),
  TAB_AS_INDENT: l10n.t('Tabs cannot indent YAML; use spaces.'),
  UNEXPECTED_TOKEN: l10n.t('Unexpected text here; check the indentation and the colons around it.'),
  BAD_SCALAR_START: l10n.t('A plain value cannot start with this character; put the value in quotes.'),
});

function yamlMessage(code: string, raw: string): string {
  const friendly = /followed by map values/.test(raw)
    ? l10n.t('This line reads as a key without a colon: add ": " after the key, or indent the line to continue the text above it.')
    : YAML_MESSAGES()[code];
  const detail = raw.replace(/\s+at line \d+, column \d+[\s\S]*$/, '').trim();
  return friendly ? l10n.t('YAML syntax error: {0} ({1})', friendly, detail) : l10n.t('YAML syntax error: {0}', detail);
}

function scalarStyle(node: Scalar): ScalarStyle {
  switch (node.type) {
    case Scalar.QUOTE_SINGLE:
      return 'single-quoted';
    case Scalar.QUOTE_DOUBLE:
      return 'double-quoted';
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return 'block';
    default:
      return 'plain';
  }
}

function parseYaml(text: string, lines: LineIndex, limits: ParseLimits): ParsedParts {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const all = Array.isArray(docs) ? docs : [];
  const findings: Finding[] = [];
  // A stream that is empty (or only comments) parses to an EmptyStream, which is not an array.
  const real = all.filter((d) => d.contents !== null || d.errors.length > 0);
  const first = all[0];
  for (const doc of all) {
    // One syntax error per line: the parser often reports one mistake two or three ways.
    const linesWithError = new Set<number>();
    for (const e of doc.errors) {
      const range = lines.rangeOf(yamlErrorRange(e.pos, text));
      if (linesWithError.has(range.start.line)) continue;
      linesWithError.add(range.start.line);
      findings.push(syntaxFinding('yaml/syntax', yamlMessage(e.code, e.message), range));
    }
    for (const w of doc.warnings) {
      findings.push(syntaxFinding('yaml/syntax', yamlMessage(w.code, w.message), lines.rangeOf(yamlErrorRange(w.pos, text)), 'warning'));
    }
  }
  const nodes = new Map<string, NodeInfo>();
  let value: unknown = undefined;
  if (first && first.contents) {
    const walker = new YamlWalker(first, text, nodes, limits);
    value = walker.walk(first.contents as YamlNode, '', 0);
    for (const f of walker.limitFindings) findings.push({ ...f, range: lines.rangeOf(f.offsets) } as Finding);
  } else {
    nodes.set('', { value: { start: 0, end: 0 } });
  }
  const extraDocumentOffsets = all.slice(1).map((d) => d.range?.[0] ?? 0);
  return {
    value,
    nodes,
    syntaxFindings: findings,
    documentCount: Math.max(real.length, first ? 1 : 0),
    extraDocumentOffsets,
    yaml: first,
  };
}

function yamlErrorRange(pos: [number, number], text: string): OffsetRange {
  const start = Math.max(0, Math.min(pos[0], text.length));
  let end = Math.max(start, Math.min(pos[1], text.length));
  if (end === start) {
    // Widen an empty range to the rest of the line so that editors can underline it.
    const nl = text.indexOf('\n', start);
    end = nl === -1 ? text.length : nl;
    if (end === start && start > 0) return { start: start - 1, end: start };
  }
  return { start, end };
}

interface LimitFinding extends Omit<Finding, 'range'> {
  offsets: OffsetRange;
}

class YamlWalker {
  private aliasBudget: number;
  readonly limitFindings: LimitFinding[] = [];
  private depthReported = false;
  private aliasReported = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly text: string,
    private readonly nodes: Map<string, NodeInfo>,
    private readonly limits: ParseLimits,
  ) {
    this.aliasBudget = limits.maxAliasExpansion;
  }

  walk(node: YamlNode | null | undefined, pointer: string, depth: number, key?: OffsetRange, viaAlias = false): unknown {
    if (!node) {
      const at = key ? key.end : 0;
      this.record(pointer, { key, value: { start: at, end: at } }, viaAlias);
      return null;
    }
    if (viaAlias && --this.aliasBudget < 0) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.limitFindings.push({
          ruleId: 'yaml/alias-limit',
          severity: 'error',
          message: l10n.t('Aliases in this document expand to more than {0} nodes; the expansion was stopped here. Write the repeated content out, or reduce the aliases.', this.limits.maxAliasExpansion),
          pointer,
          offsets: this.offsets(node),
        });
      }
      return null;
    }
    if (depth > this.limits.maxDepth) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.limitFindings.push({
          ruleId: 'yaml/depth-limit',
          severity: 'error',
          message: l10n.t('The document nests deeper than {0} levels; content below this point was not checked.', this.limits.maxDepth),
          pointer,
          offsets: this.offsets(node),
        });
      }
      return null;
    }
    const range = this.offsets(node);
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      this.record(pointer, { key, value: range }, viaAlias);
      if (!target) return null;
      // Walk the anchored node again under this pointer; its positions are the anchor's.
      return this.walk(target, pointer, depth, key, true);
    }
    if (isScalar(node)) {
      const source = this.text.slice(range.start, range.end);
      this.record(pointer, { key, value: range, style: scalarStyle(node), source }, viaAlias);
      return node.value;
    }
    if (isMap(node)) {
      this.record(pointer, { key, value: range }, viaAlias);
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyName = this.keyName(keyNode);
        const keyRange = keyNode ? this.offsets(keyNode) : range;
        const valueNode = pair.value as YamlNode | null;
        const child = joinPointer(pointer, keyName);
        defineKey(out, keyName, this.walk(valueNode, child, depth + 1, keyRange, viaAlias));
      }
      return out;
    }
    if (isSeq(node)) {
      this.record(pointer, { key, value: range }, viaAlias);
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        out.push(this.walk(item as YamlNode | null, joinPointer(pointer, i), depth + 1, undefined, viaAlias));
      });
      return out;
    }
    return null;
  }

  private keyName(keyNode: YamlNode | null): string {
    if (!keyNode) return '';
    if (isScalar(keyNode)) return keyNode.value === null ? '' : String(keyNode.value);
    const r = this.offsets(keyNode);
    return this.text.slice(r.start, r.end);
  }

  private offsets(node: YamlNode): OffsetRange {
    const r = node.range;
    if (!r) return { start: 0, end: 0 };
    return { start: r[0], end: Math.max(r[0], r[1]) };
  }

  private record(pointer: string, info: NodeInfo, viaAlias: boolean): void {
    // Through an alias, keep the first (alias-site) entry for a pointer; never overwrite it.
    if (viaAlias && this.nodes.has(pointer)) return;
    this.nodes.set(pointer, info);
  }
}

// ---------------------------------------------------------------------------------------------- JSON

/** In the current language (core/l10n.ts): built when a message is made. */
const JSON_MESSAGES = (): Record<string, string> => ({
  InvalidSymbol: l10n.t('Unexpected character; JSON allows only objects, arrays, strings, numbers, true, false and null here.'),
  InvalidNumberFormat: l10n.t('This is not a valid JSON number.'),
  PropertyNameExpected: l10n.t('A property name in double quotes is expected here (a trailing comma?).'),
  ValueExpected: l10n.t('A value is expected here (a trailing comma?).'),
  ColonExpected: l10n.t('A colon is expected after the property name.'),
  CommaExpected: l10n.t('A comma is expected between entries.'),
  CloseBraceExpected: l10n.t('A closing } is missing.'),
  CloseBracketExpected: l10n.t('A closing ] is missing.'),
  EndOfFileExpected: l10n.t('Only one JSON value is allowed; there is more text after it.'),
  InvalidCommentToken: l10n.t('Comments are not allowed in JSON.'),
  UnexpectedEndOfComment: l10n.t('A comment is not closed.'),
  UnexpectedEndOfString: l10n.t('A string is not closed; add the closing double quote.'),
  UnexpectedEndOfNumber: l10n.t('A number ends unexpectedly.'),
  InvalidUnicode: l10n.t('Invalid \\u escape in a string.'),
  InvalidEscapeCharacter: l10n.t('Invalid escape sequence in a string.'),
  InvalidCharacter: l10n.t('Invalid character in a string (control characters must be escaped).'),
});

/**
 * Parser errors → findings, one per place. A trailing comma (real files have them) is underlined itself,
 * not the bracket after it, and a stray character is quoted; both come with the repair.
 */
function jsonSyntaxFindings(text: string, errors: ParseError[], lines: LineIndex): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<number>();
  const skipSpace = (i: number, step: 1 | -1) => {
    while (i >= 0 && i < text.length && /\s/.test(text[i])) i += step;
    return i;
  };
  let afterSemicolon = -1;
  for (const e of errors) {
    const code = printParseErrorCode(e.error);
    let start = Math.min(e.offset, text.length);
    // `a; b`: the ";" finding already says a comma is missing here.
    if (code === 'CommaExpected' && start === afterSemicolon) continue;
    let end = Math.min(text.length, start + Math.max(1, e.length));
    let message = l10n.t('JSON syntax error: {0}', JSON_MESSAGES()[code] ?? code);
    let fix: Fix | undefined;
    const found = text.slice(start, end);
    const comma = skipSpace(start - 1, -1);
    if ((code === 'PropertyNameExpected' || code === 'ValueExpected') && (found === '}' || found === ']') && text[comma] === ',') {
      start = comma;
      end = comma + 1;
      message = l10n.t('JSON syntax error: Trailing comma: JSON allows no comma after the last {0}; remove it.', found === ']' ? l10n.t('item of a list') : l10n.t('entry of an object'));
      fix = { title: l10n.t('Remove the trailing comma'), isPreferred: true, edits: [{ range: lines.rangeOf({ start, end }), newText: '' }] };
    } else if (code === 'InvalidSymbol' && found.trim() !== '') {
      const shown = JSON.stringify(found.length > 20 ? `${found.slice(0, 19)}…` : found);
      const why = found === ';' ? l10n.t('JSON separates entries with a comma (,)') : found.startsWith("'") ? l10n.t('JSON strings need double quotes') : l10n.t('JSON allows only objects, arrays, strings, numbers, true, false and null here');
      message = l10n.t('JSON syntax error: Unexpected {0} here: {1}.', shown, why);
      if (found === ';') {
        afterSemicolon = skipSpace(end, 1);
        const last = /[}\]]/.test(text[skipSpace(end, 1)] ?? '');
        fix = { title: last ? l10n.t('Remove the ";"') : l10n.t('Replace ";" with ","'), isPreferred: true, edits: [{ range: lines.rangeOf({ start, end }), newText: last ? '' : ',' }] };
      }
    }
    if (seen.has(start)) continue;
    seen.add(start);
    const finding = syntaxFinding('json/syntax', message, lines.rangeOf({ start, end }));
    if (fix) finding.fixes = [fix];
    out.push(finding);
  }
  return out;
}

function parseJson(text: string, lines: LineIndex, limits: ParseLimits): ParsedParts {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: true });
  const findings: Finding[] = jsonSyntaxFindings(text, errors, lines);
  const nodes = new Map<string, NodeInfo>();
  let depthReported = false;
  const walk = (node: JsonNode, pointer: string, depth: number, key?: OffsetRange): unknown => {
    const value: OffsetRange = { start: node.offset, end: node.offset + node.length };
    if (depth > limits.maxDepth) {
      if (!depthReported) {
        depthReported = true;
        findings.push({
          ruleId: 'json/depth-limit',
          severity: 'error',
          message: l10n.t('The document nests deeper than {0} levels; content below this point was not checked.', limits.maxDepth),
          pointer,
          range: lines.rangeOf(value),
        });
      }
      return null;
    }
    switch (node.type) {
      case 'object': {
        nodes.set(pointer, { key, value });
        const out: Record<string, unknown> = {};
        for (const prop of node.children ?? []) {
          const [k, v] = prop.children ?? [];
          if (!k) continue;
          const name = String(k.value);
          const keyRange = { start: k.offset, end: k.offset + k.length };
          const child = joinPointer(pointer, name);
          if (v) defineKey(out, name, walk(v, child, depth + 1, keyRange));
          else {
            nodes.set(child, { key: keyRange, value: { start: keyRange.end, end: keyRange.end } });
            defineKey(out, name, null);
          }
        }
        return out;
      }
      case 'array': {
        nodes.set(pointer, { key, value });
        return (node.children ?? []).map((c, i) => walk(c, joinPointer(pointer, i), depth + 1));
      }
      default:
        nodes.set(pointer, { key, value, style: 'json', source: text.slice(value.start, value.end) });
        return node.value ?? null;
    }
  };
  const value = root ? walk(root, '', 0) : undefined;
  if (!root) nodes.set('', { value: { start: 0, end: 0 } });
  return { value, nodes, syntaxFindings: findings, documentCount: root ? 1 : 0, extraDocumentOffsets: [] };
}

/** The best range for a pointer: the node itself, or the nearest ancestor that exists. */
export function locate(doc: ParsedDocument, pointer: string, on: 'key' | 'value' = 'value'): OffsetRange {
  let p = pointer;
  for (;;) {
    const info = doc.nodes.get(p);
    if (info) return on === 'key' && info.key ? info.key : info.value;
    if (p === '') return { start: 0, end: 0 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
