// Counting and the one-line summary shared by the human-readable formats.

import type { Finding } from '../../core/types';
import type { Totals } from './types';

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
    text = `no problems in ${plural(t.files, 'file')}`;
  } else {
    const parts = [plural(t.errors, 'error'), plural(t.warnings, 'warning')];
    if (t.infos) parts.push(`${t.infos} info`);
    text = `${plural(problems, 'problem')} (${parts.join(', ')}) in ${t.filesWithProblems} of ${plural(t.files, 'file')}`;
  }
  if (t.skipped) text += `; ${plural(t.skipped, 'file')} skipped (no standard detected)`;
  return text;
}
