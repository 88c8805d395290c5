// LSP ranges (0-based line, 0-based UTF-16 character, end exclusive) → the 1-based line:column every
// compiler, GitHub and SARIF use. Columns stay in UTF-16 code units (SARIF's default `columnKind`), so a
// column is the LSP character + 1 and an exclusive end stays exclusive.

import type { Range } from '../../core/types';

export interface OneBasedRegion {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function oneBased(range: Range): OneBasedRegion {
  const line = Math.max(0, range.start.line) + 1;
  const column = Math.max(0, range.start.character) + 1;
  let endLine = Math.max(0, range.end.line) + 1;
  let endColumn = Math.max(0, range.end.character) + 1;
  // Never let the end precede the start, whatever the producer did.
  if (endLine < line || (endLine === line && endColumn < column)) {
    endLine = line;
    endColumn = column;
  }
  return { line, column, endLine, endColumn };
}
