// What every output format receives. Formats are pure: data in, text out; the CLI does the I/O.

import type { Detection, Finding } from '../../core/types';

/** The outcome for one checked file. */
export interface FileReport {
  /** Absolute path of the file. */
  path: string;
  /** The path as shown to people: relative to the current directory when inside it. */
  displayPath: string;
  /** Undefined when no standard applies (the findings then say so). */
  detection?: Detection;
  /** Sorted by position; already filtered (e.g. `--quiet`). */
  findings: Finding[];
}

export interface Totals {
  errors: number;
  warnings: number;
  /** `information` and `hint` findings. */
  infos: number;
  /** Files that were checked (skipped files are not counted). */
  files: number;
  filesWithProblems: number;
  /** Files found while walking directories or globs that no standard claims. */
  skipped: number;
}

export interface FormatContext {
  /** Directory that relative paths and SARIF's `%SRCROOT%` refer to. */
  cwd: string;
  toolName: string;
  toolVersion: string;
  informationUri: string;
  ruleDocUrl(ruleId: string): string;
  /** One-line description of a rule, when the core knows it. */
  ruleTitle(ruleId: string): string | undefined;
  color: boolean;
  /** Extra lines for the summary (e.g. "too many warnings"). */
  notes: string[];
}

/**
 * A format prints per file (`file`, streamed as soon as the file is checked) and/or once at the end
 * (`end`). Both return the text to write, possibly empty.
 */
export interface Formatter {
  file(report: FileReport): string;
  end(reports: readonly FileReport[], totals: Totals): string;
}
