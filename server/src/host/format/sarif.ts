// SARIF 2.1.0 (buffered; printed once at the end), as GitHub code scanning and other viewers read it:
// one run; `tool.driver.rules` lists every rule that has a result, with its doc page as `helpUri`;
// each result has a 1-based region (columns in UTF-16 code units, end exclusive) and the JSON Pointer of
// the offending node as its logical location.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/types';
import { oneBased } from './position';
import type { FileReport, FormatContext, Formatter } from './types';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A relative path as a URI reference: `/` separators, each segment percent-encoded. */
function relativeUri(rel: string): string {
  return rel.split(/[\\/]/).map(encodeURIComponent).join('/');
}

function artifactLocation(report: FileReport, cwd: string): { uri: string; uriBaseId?: string } {
  // Relative to %SRCROOT% (the current directory), even with `../` segments: consumers resolve it as a
  // URI reference. Only a path with no relative form (another Windows drive) becomes an absolute URI.
  const rel = path.relative(cwd, report.path);
  if (rel && !path.isAbsolute(rel)) return { uri: relativeUri(rel), uriBaseId: '%SRCROOT%' };
  return { uri: pathToFileURL(report.path).href };
}

export function sarif(ctx: FormatContext): Formatter {
  return {
    file: () => '',
    end(reports) {
      const ruleIndex = new Map<string, number>();
      const rules: object[] = [];
      const results: object[] = [];
      for (const report of reports) {
        const location = artifactLocation(report, ctx.cwd);
        for (const f of report.findings) {
          let index = ruleIndex.get(f.ruleId);
          if (index === undefined) {
            index = rules.length;
            ruleIndex.set(f.ruleId, index);
            rules.push({
              id: f.ruleId,
              shortDescription: { text: ctx.ruleTitle(f.ruleId) ?? f.ruleId },
              helpUri: ctx.ruleDocUrl(f.ruleId),
            });
          }
          const r = oneBased(f.range);
          results.push({
            ruleId: f.ruleId,
            ruleIndex: index,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: location,
                  region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
                },
                // The document root ('' in RFC 6901) is shown as '/', as people write it.
                logicalLocations: [{ fullyQualifiedName: f.pointer === '' ? '/' : f.pointer }],
              },
            ],
          });
        }
      }
      const log = {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
          {
            tool: {
              driver: {
                name: ctx.toolName,
                version: ctx.toolVersion,
                semanticVersion: ctx.toolVersion,
                informationUri: ctx.informationUri,
                rules,
              },
            },
            originalUriBaseIds: {
              '%SRCROOT%': { uri: pathToFileURL(ctx.cwd).href.replace(/\/?$/, '/') },
            },
            columnKind: 'utf16CodeUnits',
            results,
          },
        ],
      };
      return JSON.stringify(log, null, 2) + '\n';
    },
  };
}
