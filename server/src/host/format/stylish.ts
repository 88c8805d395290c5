// Compiler-style lines, one per finding, streamed per file:
//   path/publiccode.yml:12:20 error `developmentStatus` must be one of … [publiccode/invalid-value]
// then a summary line. Colour only when asked (a terminal, or --color).

import type { Severity } from '../../core/types';
import { oneBased } from './position';
import { summaryText } from './summary';
import type { FormatContext, Formatter } from './types';

const ansi = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', green: '\x1b[32m', dim: '\x1b[2m', bold: '\x1b[1m', reset: '\x1b[0m' };

export const SEVERITY_LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** Messages are meant to be one line; make sure of it so that every finding is exactly one line. */
export function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function stylish(ctx: FormatContext): Formatter {
  const paint = (code: string, text: string) => (ctx.color ? `${code}${text}${ansi.reset}` : text);
  const severityColor: Record<Severity, string> = { error: ansi.red, warning: ansi.yellow, information: ansi.blue, hint: ansi.dim };
  return {
    file(report) {
      let out = '';
      for (const f of report.findings) {
        const { line, column } = oneBased(f.range);
        out += `${report.displayPath}:${line}:${column} ${paint(severityColor[f.severity], SEVERITY_LABEL[f.severity])} ${oneLine(f.message)} ${paint(ansi.dim, `[${f.ruleId}]`)}\n`;
      }
      return out;
    },
    end(_reports, totals) {
      const problems = totals.errors + totals.warnings + totals.infos;
      const mark = problems ? paint(totals.errors ? ansi.red : ansi.yellow, '✖') : paint(ansi.green, '✔');
      const lines = [`${mark} ${summaryText(totals)}`, ...ctx.notes.map((n) => paint(ansi.red, `✖ ${n}`))];
      return (problems ? '\n' : '') + lines.join('\n') + '\n';
    },
  };
}
