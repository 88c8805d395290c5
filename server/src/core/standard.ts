// What a standard plugs into the core. Adding a standard = one folder under standards/ + one line in
// standards/index.ts.

import type { ParsedDocument } from './document';
import type { Detection, Finding, Fix, Severity, Workspace } from './types';

/** Metadata of one rule id: its default severity and what its doc page says in one line. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  title: string;
}

/** Per-standard settings passed by the host (editor settings, CLI flags, later chapter profiles). */
export type StandardSettings = Readonly<Record<string, unknown>>;

/** What a rule reports; the core turns it into a Finding with a range. */
export interface Report {
  ruleId: string;
  message: string;
  pointer: string;
  /** Underline the key (unknown/deprecated keys) or the value (default). */
  on?: 'key' | 'value';
  /** Overrides the rule's default severity (e.g. a warning-level variant of the same check). */
  severity?: Severity;
  fixes?: Fix[];
  data?: Record<string, unknown>;
}

export interface RuleContext {
  doc: ParsedDocument;
  /** The parsed value (never undefined when rules run). */
  value: unknown;
  detection: Detection;
  /** Absent in hosts that cannot read files; file rules then skip silently. */
  workspace?: Workspace;
  /** This standard's settings from the host (e.g. `{ profile: 'federal' }` for DCAT-US); may be empty. */
  settings: StandardSettings;
  report(report: Report): void;
}

export interface Rule {
  /** The rule ids this function may report. */
  meta: RuleMeta[];
  /**
   * What the rule looks at, for the incremental engine (incremental.ts) on big documents:
   * - `'item'`: one item of the document's main list at a time (a dataset of a catalog), reporting only
   *   inside that item (besides checks of the top level that do not depend on the items); it is rerun for
   *   edited items only.
   * - `'document'` (the default): anything else, e.g. comparing items; rerun on every version unless it
   *   declares `itemKey`.
   */
  scope?: 'item' | 'document';
  /**
   * For a `'document'` rule that compares the items of the main list: the part of one item it reads
   * (e.g. its identifier), as a string. While every item's key, the top level and the lines of the items
   * stay the same, the rule's reports of the last version are reused instead of running it again.
   */
  itemKey?(item: unknown): string;
  run(ctx: RuleContext): void | Promise<void>;
}

/** The schema to validate with, after version dispatch. */
export interface SchemaChoice {
  /** Key into the standard's `schemas` map. */
  schemaId: string;
  /** Findings from dispatch itself (unsupported version, version written as a number…). */
  findings?: Report[];
  /**
   * Dispatch may settle what detection left open (civic.json: the dialect, sniffed from the content or
   * forced by a setting): the version and reason given here replace the detection's.
   */
  detection?: Pick<Detection, 'version' | 'reason'>;
}

export interface StandardDefinition {
  id: string;
  title: string;
  /** Link to the standard's specification, used in hovers and docs. */
  specUrl: string;
  /** Versions a modeline may name, newest last. */
  versions: string[];
  /**
   * Does the file name say this standard applies? `value` (the parsed content, possibly undefined) lets a
   * standard with a generic file name (DCAT-US `data.json`) decline a file that is plainly something else.
   */
  matchesFileName(fileName: string, value?: unknown): boolean;
  /** Look inside the value for a declaration (`publiccodeYmlVersion`, `$schema`…). */
  detectFromContent(value: unknown): Omit<Detection, 'standardId'> | undefined;
  /** The version to assume when only the file name (or a version-less modeline) matched. */
  defaultVersion: string;
  /** Pick the schema for the detected version (and profile); may report version problems. */
  chooseSchema(detection: Detection, doc: ParsedDocument, settings: StandardSettings): SchemaChoice;
  /** Schemas by id (plain JSON Schema objects, compiled once and cached by the core). */
  schemas: Record<string, object>;
  /** Rule ids reported by the schema layer: unknown-key, required-key, wrong-type, invalid-value… */
  schemaRulePrefix: string;
  rules: Rule[];
  /**
   * Where a missing key is underlined: on the key of the mapping that lacks it (`'parent-key'`, the
   * default, as VS Code's JSON and YAML servers do), or on the first key inside that mapping
   * (`'first-key-inside'`: where the key belongs, and where publiccode.yml's reference validator
   * reports it). An empty mapping without keys falls back to its value (`{}`), then to its key.
   */
  missingKeyAt?: 'parent-key' | 'first-key-inside';
  /** The profile the settings select, for the code lens and status (DCAT-US: federal or non-federal). */
  profile?(settings: StandardSettings): { name: string; explicit: boolean } | undefined;
}

export type { Finding };
