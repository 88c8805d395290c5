// GitHub Actions workflow commands, one per finding, streamed per file:
//   ::error file=publiccode.yml,line=3,col=20,endLine=3,endColumn=30,title=publiccode/invalid-value::message
// Escaping follows @actions/core (`toCommandValue`/`escapeData`/`escapeProperty`).

import type { Severity } from '../../core/types';
import { oneBased } from './position';
import { summaryText } from './summary';
import type { FormatContext, Formatter } from './types';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function github(ctx: FormatContext): Formatter {
  return {
    file(report) {
      const file = report.displayPath.split('\\').join('/');
      let out = '';
      for (const f of report.findings) {
        const r = oneBased(f.range);
        const props = [`file=${escapeProperty(file)}`, `line=${r.line}`];
        // GitHub accepts columns only for single-line annotations.
        if (r.endLine === r.line) props.push(`col=${r.column}`);
        props.push(`endLine=${r.endLine}`);
        if (r.endLine === r.line) props.push(`endColumn=${r.endColumn}`);
        props.push(`title=${escapeProperty(f.ruleId)}`);
        out += `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
      }
      return out;
    },
    end(_reports, totals) {
      // A plain line for the job log; workflow commands above are what GitHub turns into annotations.
      return [summaryText(totals), ...ctx.notes].join('\n') + '\n';
    },
  };
}
