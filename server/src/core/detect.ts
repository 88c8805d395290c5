// Which standard applies to a document, and why. Priority (DESIGN.md "Association"):
// forced by the host → modeline → a declaration inside the file → file name.
// (Workspace config globs and content sniffing come with chapter profiles.)

import { STANDARDS, getStandard } from './standards';
import type { StandardDefinition } from './standard';
import type { Detection } from './types';

export interface ForcedStandard {
  id: string;
  version?: string;
}

export interface Modeline {
  standardId: string;
  version?: string;
  /** Offsets of the `<standard>@<version>` text, for highlighting and diagnostics. */
  start: number;
  end: number;
}

const MODELINE = /^[ \t]*#[ \t]*civic-schemas:[ \t]*([A-Za-z][\w-]*)(?:@([\w.-]+))?[ \t]*$/m;

/** A `# civic-schemas: publiccode@0.7` comment among the first lines of a YAML document. */
export function findModeline(text: string): Modeline | undefined {
  const head = text.slice(0, 2000);
  const m = MODELINE.exec(head);
  if (!m) return undefined;
  const start = m.index + m[0].indexOf(m[1]);
  return { standardId: m[1], version: m[2], start, end: start + m[1].length + (m[2] ? m[2].length + 1 : 0) };
}

export function fileNameOf(uri: string): string {
  const path = uri.split(/[?#]/)[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export interface DetectResult {
  standard: StandardDefinition;
  detection: Detection;
}

export function detect(uri: string, text: string, value: unknown, forced?: ForcedStandard): DetectResult | undefined {
  const fileName = fileNameOf(uri);
  const pick = (standard: StandardDefinition, version: string | undefined, reason: string): DetectResult => {
    const declared = standard.detectFromContent(value);
    const v = version ?? declared?.version ?? standard.defaultVersion;
    const why = version === undefined && declared ? `${reason}; ${declared.reason}` : reason;
    return { standard, detection: { standardId: standard.id, version: v, reason: why } };
  };
  if (forced) {
    const standard = getStandard(forced.id);
    return standard ? pick(standard, forced.version, `chosen with --standard ${forced.id}${forced.version ? `@${forced.version}` : ''}`) : undefined;
  }
  const modeline = findModeline(text);
  if (modeline) {
    const standard = getStandard(modeline.standardId);
    if (standard) {
      return pick(standard, modeline.version, `modeline "# civic-schemas: ${modeline.standardId}${modeline.version ? `@${modeline.version}` : ''}"`);
    }
  }
  for (const standard of STANDARDS) {
    const declared = standard.detectFromContent(value);
    if (declared) {
      const named = standard.matchesFileName(fileName, value) ? `file name ${fileName}; ` : '';
      return { standard, detection: { standardId: standard.id, version: declared.version, reason: `${named}${declared.reason}` } };
    }
  }
  for (const standard of STANDARDS) {
    if (standard.matchesFileName(fileName, value)) return pick(standard, undefined, `file name ${fileName}`);
  }
  return undefined;
}
