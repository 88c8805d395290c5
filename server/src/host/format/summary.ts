// Counting and the one-line summary shared by the human-readable formats.

import type { Finding } from '../../core/types';
import type { Totals } from './types';
import * as l10n from '../../core/l10n';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function countFindings(findings: readonly Finding[]): Pick<Totals, 'errors' | 'warnings' | 'infos'> {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

/** `3 problems (2 errors, 1 warning) in 1 of 5 files`, or `no problems in 5 files`. */
export function summaryText(t: Totals): string {
  const problems = t.errors + t.warnings + t.infos;
  let text: string;
  if (problems === 0) {
    text = t.files === 1 ? l10n.t('no problems in {0} file', t.files) : l10n.t('no problems in {0} files', t.files);
  } else {
    const parts = [
      t.errors === 1 ? l10n.t('{0} error', t.errors) : l10n.t('{0} errors', t.errors),
      t.warnings === 1 ? l10n.t('{0} warning', t.warnings) : l10n.t('{0} warnings', t.warnings),
    ];
    if (t.infos) parts.push(l10n.t('{0} info', t.infos));
    const files = t.files === 1 ? l10n.t('{0} of {1} file', t.filesWithProblems, t.files) : l10n.t('{0} of {1} files', t.filesWithProblems, t.files);
    text = problems === 1 ? l10n.t('{0} problem ({1}) in {2}', problems, parts.join(', '), files) : l10n.t('{0} problems ({1}) in {2}', problems, parts.join(', '), files);
  }
  if (t.skipped) text += t.skipped === 1 ? l10n.t('; {0} file skipped (no standard detected)', t.skipped) : l10n.t('; {0} files skipped (no standard detected)', t.skipped);
  return text;
}
