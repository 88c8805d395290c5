// Core data → LSP types. No connection here, so the node and browser servers share it.

import {
  CodeActionKind,
  CompletionItemKind,
  CompletionItemTag,
  DiagnosticSeverity,
  DiagnosticTag,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ActionData } from '../core/actions';
import { ruleDocUrl } from '../core/analyze';
import type { CompletionEntry } from '../core/complete';
import type { Finding, Range, Severity } from '../core/types';

export const SOURCE = 'civic-schemas';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries so that code actions (here or in another client) can work from it alone. */
export interface DiagnosticData {
  ruleId: string;
  pointer: string;
  data?: Record<string, unknown>;
  fixes?: Finding['fixes'];
}

export function toDiagnostic(f: Finding): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, pointer: f.pointer };
  if (f.data) data.data = f.data;
  if (f.fixes?.length) data.fixes = f.fixes;
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Error,
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
    data,
  };
  // Rules about deprecated things (`publiccode/deprecated-key`, `…/country-section-deprecated`) strike through.
  if (/[/-]deprecated(-|$)/.test(f.ruleId)) d.tags = [DiagnosticTag.Deprecated];
  return d;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

export function rangesTouch(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

export interface CompletionSupport {
  snippets: boolean;
  markdown: boolean;
  deprecatedTag: boolean;
  deprecatedFlag: boolean;
  insertAsIs: boolean;
}

const KINDS: Record<CompletionEntry['kind'], CompletionItemKind> = {
  property: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
  value: CompletionItemKind.Value,
  keyword: CompletionItemKind.Keyword,
  example: CompletionItemKind.Value,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(e: CompletionEntry, support: CompletionSupport): CompletionItem {
  const item: CompletionItem = {
    label: e.label,
    kind: KINDS[e.kind],
    sortText: e.sortText,
    textEdit: { range: e.range, newText: e.insertText },
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (e.detail) item.detail = e.detail;
  if (e.filterText && e.filterText !== e.label) item.filterText = e.filterText;
  if (e.documentation) item.documentation = support.markdown ? { kind: MarkupKind.Markdown, value: e.documentation } : e.documentation;
  if (e.keepIndentation && e.insertText.includes('\n') && support.insertAsIs) item.insertTextMode = InsertTextMode.asIs;
  if (e.deprecated) {
    if (support.deprecatedTag) item.tags = [CompletionItemTag.Deprecated];
    else if (support.deprecatedFlag) item.deprecated = true;
  }
  if (e.preselect) item.preselect = true;
  return item;
}

export function toCodeAction(
  a: ActionData,
  diagnostic: Diagnostic,
  uri: string,
  version: number,
  documentChanges: boolean,
): CodeAction {
  const edit: WorkspaceEdit = documentChanges
    ? { documentChanges: [{ textDocument: { uri, version }, edits: a.edits }] }
    : { changes: { [uri]: a.edits } };
  const action: CodeAction = { title: a.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
  if (a.isPreferred) action.isPreferred = true;
  return action;
}
