// Shared by the DCAT-US tests: a valid 1.1 catalog to edit, corpus paths, and helpers that lint a text
// and apply a quick fix.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, type AnalyzeOptions } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import type { Finding, Fix } from '../../server/src/core/types';

export const corpus = resolve(__dirname, '../../../shared/corpus');
export const realDir = join(corpus, 'data-json');
export const testdataDir = join(corpus, 'data-json-testdata');

export const CONFORMS = 'https://project-open-data.cio.gov/v1.1/schema';

/** A complete, valid federal dataset (every optional field filled in), fresh on every call. */
export function dataset(): Record<string, unknown> {
  return {
    '@type': 'dcat:Dataset',
    title: 'Types of Vegetables',
    description: 'A list of vegetables, with nutrition information and seasonality.',
    keyword: ['vegetables', 'nutrition'],
    modified: '2012-01-15',
    publisher: { '@type': 'org:Organization', name: 'Widget Services', subOrganizationOf: { name: 'General Services Administration' } },
    contactPoint: { '@type': 'vcard:Contact', fn: 'Jane Doe', hasEmail: 'mailto:jane.doe@agency.gov' },
    identifier: 'USDA-ERS-00071',
    accessLevel: 'public',
    bureauCode: ['015:11'],
    programCode: ['015:001'],
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    spatial: 'Lincoln, Nebraska',
    temporal: '2000-01-15/2010-01-15',
    accrualPeriodicity: 'R/P1Y',
    issued: '2001-01-15',
    language: ['en-US'],
    landingPage: 'https://www.agency.gov/vegetables',
    theme: ['vegetables'],
    references: ['https://www.agency.gov/vegetables/documentation.html'],
    describedBy: 'https://www.agency.gov/vegetables/dictionary.pdf',
    describedByType: 'application/pdf',
    dataQuality: true,
    primaryITInvestmentUII: '023-000000001',
    distribution: [
      { '@type': 'dcat:Distribution', downloadURL: 'https://www.agency.gov/vegetables.csv', mediaType: 'text/csv', format: 'CSV', title: 'vegetables.csv' },
      { '@type': 'dcat:Distribution', accessURL: 'https://www.agency.gov/api/vegetables/', format: 'API', title: 'Vegetables API' },
    ],
  };
}

/** A catalog text (pretty JSON) holding the given datasets. */
export function catalog(datasets: Record<string, unknown>[] = [dataset()], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ '@type': 'dcat:Catalog', '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld', conformsTo: CONFORMS, ...extra, dataset: datasets }, null, 2)}\n`;
}

/** The base catalog with one dataset changed by `edit`. */
export function catalogWith(edit: (d: Record<string, unknown>) => void): string {
  const d = dataset();
  edit(d);
  return catalog([d]);
}

export async function lint(text: string, options: AnalyzeOptions & { uri?: string } = {}): Promise<Finding[]> {
  const { uri = 'file:///agency/data.json', ...rest } = options;
  return (await analyze(uri, text, rest)).findings;
}

const fileCache = new Map<string, Promise<Finding[]>>();

/** Lint a corpus file as DCAT-US (memoised: the big catalogs are used by several tests). */
export function lintFile(path: string, options: AnalyzeOptions = {}): Promise<Finding[]> {
  const key = `${path}\u0000${JSON.stringify(options)}`;
  let hit = fileCache.get(key);
  if (!hit) {
    hit = analyze(pathToFileURL(path).href, readFileSync(path, 'utf8'), { standard: { id: 'dcat-us' }, ...options }).then((r) => r.findings);
    fileCache.set(key, hit);
  }
  return hit;
}

export const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);
export const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error');
export const show = (fs: Finding[]) => JSON.stringify(fs.map((f) => [f.ruleId, f.severity, f.pointer, f.message]), null, 1);

export function only(fs: Finding[], id: string): Finding {
  const hits = byRule(fs, id);
  assert.equal(hits.length, 1, `expected one ${id}, got ${show(fs)}`);
  return hits[0];
}

/** Apply one fix to the text it was computed for. */
export function applyFix(text: string, uri: string, fix: Fix): string {
  const doc = parseDocument(uri, text);
  const edits = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
