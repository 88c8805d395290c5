// "New publiccode.yml / datapackage.yaml / data.json / civic.json from the standard": the file name, its
// language and a snippet with every required key, each placeholder a valid default (snippets.ts), so the
// new file validates as soon as it is inserted. Pure; the client opens the document and inserts the snippet.

import { yamlScalar } from './complete';
import { skeletonSnippet } from './snippets';
import { STANDARDS } from './standards';

export interface NewFileChoice {
  fileName: string;
  standardId: string;
}

/** What the "new file" command offers, in this order. */
export const NEW_FILE_CHOICES: readonly NewFileChoice[] = [
  { fileName: 'publiccode.yml', standardId: 'publiccode' },
  { fileName: 'datapackage.yaml', standardId: 'datapackage' },
  { fileName: 'datapackage.json', standardId: 'datapackage' },
  { fileName: 'data.json', standardId: 'dcat-us' },
  { fileName: 'civic.json', standardId: 'civic-json' },
];

export interface NewFileTemplate extends NewFileChoice {
  /** The standard's title, e.g. "DCAT-US 1.1 (Project Open Data data.json)". */
  title: string;
  languageId: 'yaml' | 'json';
  /** Snippet syntax: `${1:default}` tab stops, `$0` at the end. */
  snippet: string;
}

/** The template for one of NEW_FILE_CHOICES' file names; undefined for any other name. */
export function newFileTemplate(fileName: string): NewFileTemplate | undefined {
  const choice = NEW_FILE_CHOICES.find((c) => c.fileName === fileName);
  const standard = choice && STANDARDS.find((s) => s.id === choice.standardId);
  if (!choice || !standard) return undefined;
  const format = fileName.endsWith('.json') ? 'json' : 'yaml';
  const version = standard.versions.includes(standard.defaultVersion) ? standard.defaultVersion : standard.versions[standard.versions.length - 1];
  const rendered = skeletonSnippet(standard.id, version, standard.title, { format, column: 0, unit: '  ', indentlessSequences: false, yamlScalar: (v) => yamlScalar(v) });
  if (!rendered) return undefined;
  return { ...choice, title: standard.title, languageId: format, snippet: `${rendered.text}\n` };
}
