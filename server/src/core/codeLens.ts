// The code lenses at the top of a detected file: which standard, version and profile apply and why (its
// command opens the specification), and — when the file is on an older version and the migration fixes
// are certain — "Upgrade to <latest>" applying all of them at once (fileActions.ts's upgradeEdits).
// Pure: the LSP layer turns these into CodeLens objects.

import type { Prepared } from './analyze';
import type { ParsedDocument } from './document';
import { upgradeEdits } from './fileActions';
import * as l10n from './l10n'; // @vscode/l10n: npm run l10n:export
import type { StandardSettings } from './standard';
import type { Finding, Range, TextEdit } from './types';

/** Client commands the lenses run (contributed by the extension, hidden from the palette). */
export const OPEN_SPECIFICATION_COMMAND = 'civicSchemas.openSpecification';
export const APPLY_EDITS_COMMAND = 'civicSchemas.applyEdits';

export interface Lens {
  range: Range;
  title: string;
  command: string;
  arguments: unknown[];
}

const TOP: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** An upgrade to the latest version: one edit from the current text to the upgraded one. */
export interface Upgrade {
  edits: TextEdit[];
  count: number;
  target: string;
}

/**
 * Lenses for a prepared document; `upgrade` (upgradeToLatest) adds the upgrade lens. `version` is the
 * editor's document version the edits apply to (the client refuses them on a newer one).
 */
export function detectionLenses(prepared: Prepared, upgrade: Upgrade | undefined, settings: StandardSettings, uri: string, version: number): Lens[] {
  const { detection, standard } = prepared;
  if (!detection || !standard) return [];
  const profile = standard.profile?.(settings);
  const title = profile
    ? l10n.t('{0}, version {1}, {2} profile — detected by {3}', standard.title, detection.version, profile.name, detection.reason)
    : l10n.t('{0}, version {1} — detected by {2}', standard.title, detection.version, detection.reason);
  const lenses: Lens[] = [{ range: TOP, title, command: OPEN_SPECIFICATION_COMMAND, arguments: [standard.specUrl] }];
  if (upgrade) {
    lenses.push({
      range: TOP,
      title: upgrade.count === 1 ? l10n.t('Upgrade to {0} (1 change)', upgrade.target) : l10n.t('Upgrade to {0} ({1} changes)', upgrade.target, upgrade.count),
      command: APPLY_EDITS_COMMAND,
      arguments: [uri, version, upgrade.edits],
    });
  }
  return lenses;
}

/** Rounds of migration fixes at most: one fix can reveal the next (`it:` → `IT:` → the IT section's move). */
const MAX_ROUNDS = 4;

/**
 * Every certain migration fix, applied round after round until none is left (each round re-analyses the
 * text with `analyzeText`), as one edit of the changed span. Undefined when there is nothing to upgrade.
 */
export async function upgradeToLatest(doc: ParsedDocument, findings: readonly Finding[], analyzeText: (text: string) => Promise<{ doc: ParsedDocument; findings: readonly Finding[] }>): Promise<Upgrade | undefined> {
  let current = { doc, findings };
  let text = doc.text;
  let count = 0;
  let target: string | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const step = upgradeEdits(current.doc, current.findings);
    if (!step || step.edits.length === 0) break;
    text = applyTextEdits(current.doc, step.edits);
    count += step.count;
    target ??= step.target;
    if (round + 1 < MAX_ROUNDS) current = await analyzeText(text);
  }
  if (count === 0 || !target || text === doc.text) return undefined;
  return { edits: [changedSpan(doc, text)], count, target };
}

function applyTextEdits(doc: ParsedDocument, edits: readonly TextEdit[]): string {
  const spans = edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start || b.end - a.end);
  let out = doc.text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

/** One edit replacing what differs between the document and `after` (common prefix and suffix kept). */
function changedSpan(doc: ParsedDocument, after: string): TextEdit {
  const before = doc.text;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { range: { start: doc.positionAt(start), end: doc.positionAt(before.length - end) }, newText: after.slice(start, after.length - end) };
}
