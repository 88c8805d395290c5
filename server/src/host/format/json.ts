// A JSON array with one entry per checked file (buffered; printed once at the end):
//   [{ file, standard, version, reason, findings: [{ ruleId, severity, message, pointer,
//      line, column, endLine, endColumn }] }]
// Positions are 1-based; columns count UTF-16 code units.

import { oneBased } from './position';
import type { Formatter } from './types';

export interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  pointer: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonFileResult {
  file: string;
  standard: string | null;
  version: string | null;
  reason: string | null;
  findings: JsonFinding[];
}

export function json(): Formatter {
  return {
    file: () => '',
    end(reports) {
      const out: JsonFileResult[] = reports.map((r) => ({
        file: r.displayPath,
        standard: r.detection?.standardId ?? null,
        version: r.detection?.version ?? null,
        reason: r.detection?.reason ?? null,
        findings: r.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          pointer: f.pointer,
          ...oneBased(f.range),
        })),
      }));
      return JSON.stringify(out, null, 2) + '\n';
    },
  };
}
