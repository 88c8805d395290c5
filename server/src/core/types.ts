// The core's vocabulary. Everything here is plain data so that every host (LSP server, CLI, tests,
// a future report) can consume it without knowing how it was produced.
// Positions follow LSP: 0-based line, 0-based UTF-16 character.

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Half-open [start, end) offsets into the document text (UTF-16 code units). */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A machine-applicable repair offered with a finding (a quick fix in the editor). */
export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Finding {
  /** Stable id `<standard-or-area>/<name>`, e.g. `publiccode/unknown-key`. */
  ruleId: string;
  severity: Severity;
  /** For people: what is wrong, where, how to fix it. Never a raw regex. */
  message: string;
  /** JSON Pointer of the offending node ('' = the document). */
  pointer: string;
  range: Range;
  fixes?: Fix[];
  /** Rule-specific facts (e.g. the expected values) that editor features may use. */
  data?: Record<string, unknown>;
}

/** File access injected by the host. Paths are workspace-relative URIs or absolute `file:` URIs. */
export interface Workspace {
  /** Resolve `relativePath` against the directory of `fromUri`; undefined if it leaves the workspace. */
  resolve(fromUri: string, relativePath: string): string | undefined;
  exists(uri: string): Promise<boolean>;
  readFile(uri: string): Promise<Uint8Array | undefined>;
}

/** Which standard (and version) applies to a document, and why — the reason is shown to users. */
export interface Detection {
  standardId: string;
  /** The version as written or implied, e.g. `0.7`, `0` (latest 0.x), `0.2.1`. */
  version: string;
  /** Human-readable reason, e.g. `file name publiccode.yml`, `publiccodeYmlVersion: "0.4"`. */
  reason: string;
}
