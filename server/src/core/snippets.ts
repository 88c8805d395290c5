// Snippets that insert a whole valid object where a list expects one (a publiccode contact, a Data
// Package resource with a Table Schema field, a DCAT-US distribution), and skeletons with every required
// key for an empty document of a detected standard. Templates are plain values whose placeholders
// (`ph(default)`) become tab stops `${n:default}`; every default is itself valid, so accepting the
// snippet as it is gives a file that validates, with the placeholders left for the user to fill.

export interface Placeholder {
  readonly ph: string | number | boolean;
}

type Template = string | number | boolean | Placeholder | Template[] | { [key: string]: Template };

const ph = (d: string | number | boolean): Placeholder => ({ ph: d });
const isPh = (t: unknown): t is Placeholder => !!t && typeof t === 'object' && 'ph' in (t as object);

export interface SnippetDef {
  label: string;
  detail: string;
  /** The array item pointer (with numeric indices) where the object is inserted. */
  at: RegExp;
  /** A fixed template, or one that depends on the document (its parsed value) and version. */
  template: Template | ((document: unknown, version: string) => Template);
}

const CONTACT: Template = { name: ph('Jane Doe'), email: ph('jane.doe@example.org'), affiliation: ph('Example Municipality') };

const RESOURCE: Template = {
  name: ph('my-data'),
  path: ph('data/my-data.csv'),
  format: 'csv',
  mediatype: 'text/csv',
  schema: { fields: [{ name: ph('id'), type: ph('integer') }] },
};

/** In a v1 Tabular Data Package (`profile: tabular-data-package`) every resource must say it is tabular. */
function resourceFor(document: unknown): Template {
  const profile = document && typeof document === 'object' ? (document as Record<string, unknown>).profile : undefined;
  return profile === 'tabular-data-package' ? { ...(RESOURCE as object), profile: 'tabular-data-resource' } : RESOURCE;
}

const DISTRIBUTION: Template = {
  '@type': 'dcat:Distribution',
  title: ph('Data as CSV'),
  downloadURL: ph('https://example.gov/data/my-data.csv'),
  mediaType: ph('text/csv'),
  format: ph('CSV'),
};

export const SNIPPETS: Record<string, SnippetDef[]> = {
  publiccode: [{ label: 'New contact', detail: 'a maintenance contact (name, email, affiliation)', at: /^\/maintenance\/contacts\/\d+$/, template: CONTACT }],
  datapackage: [{ label: 'New resource', detail: 'a tabular data resource with a Table Schema field', at: /^\/resources\/\d+$/, template: resourceFor }],
  'dcat-us': [{ label: 'New distribution', detail: 'a downloadable file (downloadURL and mediaType)', at: /^(\/dataset\/\d+)?\/distribution\/\d+$/, template: DISTRIBUTION }],
};

function publiccodeSkeleton(version: string): Template {
  return {
    publiccodeYmlVersion: version.startsWith('1') ? '1.0' : '0',
    name: ph('My Software'),
    url: ph('https://github.com/example/my-software.git'),
    platforms: [ph('web')],
    developmentStatus: ph('development'),
    softwareType: ph('standalone/web'),
    description: {
      en: {
        shortDescription: ph('What the software does, in one sentence.'),
        longDescription: ph(
          'What the software does, who it is for and why it exists: a description of at least 150 characters that a public administration reads to decide whether the software fits its needs.',
        ),
        features: [ph('The main feature')],
      },
    },
    legal: { license: ph('AGPL-3.0-or-later') },
    maintenance: { type: ph('community'), contacts: [CONTACT] },
    localisation: { localisationReady: ph(true), availableLanguages: [ph('en')] },
  };
}

const SHORT_NAMES: Record<string, string> = { publiccode: 'publiccode.yml', datapackage: 'Data Package', 'dcat-us': 'DCAT-US', 'civic-json': 'civic.json' };

const SKELETONS: Record<string, (version: string) => Template> = {
  publiccode: publiccodeSkeleton,
  datapackage: () => ({ name: ph('my-package'), resources: [RESOURCE] }),
  // The BetaNYC dialect, the one most chapters copied: every key of it, none required.
  'civic-json': () => ({
    status: ph('Alpha'),
    type: ph('Web App'),
    bornAt: ph('Code for Example Hack Night'),
    geography: ph('Example City'),
    politicalEntity: ph('Example City Council'),
    thumbnailUrl: ph('https://example.org/images/project-thumbnail.png'),
    needs: [{ need: ph('Web Designer') }],
    categories: [{ category: ph('Transportation') }],
  }),
  'dcat-us': () => ({
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    dataset: [
      {
        '@type': 'dcat:Dataset',
        title: ph('My dataset'),
        description: ph('What the dataset contains and how it was made.'),
        keyword: [ph('example')],
        modified: ph('2024-01-01'),
        publisher: { '@type': 'org:Organization', name: ph('Example Agency') },
        contactPoint: { '@type': 'vcard:Contact', fn: ph('Jane Doe'), hasEmail: ph('mailto:jane.doe@example.gov') },
        identifier: ph('https://example.gov/data/my-dataset'),
        accessLevel: ph('public'),
        bureauCode: [ph('015:11')],
        programCode: [ph('015:001')],
        distribution: [DISTRIBUTION],
      },
    ],
  }),
};

export interface RenderedSnippet {
  label: string;
  detail: string;
  /** The snippet text; continuation lines carry their full indentation. */
  text: string;
}

export interface RenderStyle {
  format: 'yaml' | 'json';
  /** Column of the first line's content (continuation lines are indented relative to it). */
  column: number;
  unit: string;
  indentlessSequences: boolean;
  /** Scalar writer for YAML (complete.ts's `yamlScalar`). */
  yamlScalar(v: unknown): string;
}

/** Snippets for an object being typed as the item at `itemPointer`. */
export function itemSnippets(standardId: string | undefined, version: string, itemPointer: string, document: unknown, style: RenderStyle): RenderedSnippet[] {
  const defs = standardId ? SNIPPETS[standardId] ?? [] : [];
  return defs
    .filter((d) => d.at.test(itemPointer))
    .map((d) => ({ label: d.label, detail: d.detail, text: render(typeof d.template === 'function' ? d.template(document, version) : d.template, style) }));
}

/** The skeleton of an empty document of `standardId`. */
export function skeletonSnippet(standardId: string | undefined, version: string, title: string, style: RenderStyle): RenderedSnippet | undefined {
  const make = standardId ? SKELETONS[standardId] : undefined;
  if (!make) return undefined;
  return { label: `New ${SHORT_NAMES[standardId!] ?? title} skeleton`, detail: `every required key of ${title} ${version}`, text: render(make(version), style) };
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function render(t: Template, style: RenderStyle): string {
  let stop = 0;
  const scalar = (v: string | number | boolean | Placeholder): string => {
    const raw = isPh(v) ? v.ph : v;
    const text = style.format === 'json' ? JSON.stringify(raw) : style.yamlScalar(raw);
    return isPh(v) ? `\${${++stop}:${escapeSnippet(text)}}` : escapeSnippet(text);
  };
  if (style.format === 'json') {
    const pad = ' '.repeat(style.column);
    const json = (v: Template, indent: string): string => {
      if (Array.isArray(v)) return `[\n${v.map((x) => `${indent}${style.unit}${json(x, indent + style.unit)}`).join(',\n')}\n${indent}]`;
      if (v && typeof v === 'object' && !isPh(v)) {
        return `{\n${Object.entries(v).map(([k, x]) => `${indent}${style.unit}${escapeSnippet(JSON.stringify(k))}: ${json(x, indent + style.unit)}`).join(',\n')}\n${indent}}`;
      }
      return scalar(v as string);
    };
    return `${json(t, pad)}$0`;
  }
  // YAML: the first line goes where the cursor is (`lead` = ''), later lines carry their indentation.
  const lines: string[] = [];
  const obj = (v: { [key: string]: Template }, indent: string, lead: string | undefined): void => {
    for (const [k, x] of Object.entries(v)) {
      const key = `${lead ?? indent}${escapeSnippet(style.yamlScalar(k))}:`;
      lead = undefined;
      if (Array.isArray(x)) {
        lines.push(key);
        arr(x, indent);
      } else if (x && typeof x === 'object' && !isPh(x)) {
        lines.push(key);
        obj(x, indent + style.unit, undefined);
      } else lines.push(`${key} ${scalar(x)}`);
    }
  };
  const arr = (v: Template[], parent: string): void => {
    const item = style.indentlessSequences ? parent : parent + style.unit;
    for (const x of v) {
      if (x && typeof x === 'object' && !isPh(x) && !Array.isArray(x)) obj(x, `${item}  `, `${item}- `);
      else lines.push(`${item}- ${scalar(x as string)}`);
    }
  };
  if (t && typeof t === 'object' && !isPh(t) && !Array.isArray(t)) obj(t, ' '.repeat(style.column), '');
  else return scalar(t as string);
  return `${lines.join('\n')}$0`;
}
