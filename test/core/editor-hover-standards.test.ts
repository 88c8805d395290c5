// Hover across all four standards, on real corpus files: hovering a key gives its title and
// description, the allowed values where the schema has an enum, and a link to the spec section.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { prepare } from '../../server/src/core/analyze';
import { hover } from '../../server/src/core/hover';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

interface Case {
  standard: string;
  file: string;
  as: string;
  /** Text whose first occurrence is the key to hover (the cursor goes `delta` characters in). */
  needle: string;
  delta: number;
  path: string;
  title: string;
  description: RegExp;
  allowed?: string[];
  spec: string;
}

const CASES: Case[] = [
  {
    standard: 'publiccode',
    file: 'publiccode/Amsterdam__signals-frontend__publiccode.yml',
    as: 'publiccode.yml',
    needle: '\n  type:',
    delta: 4,
    path: 'maintenance.type',
    title: 'Maintenance type',
    description: /How the software is maintained/,
    allowed: ['internal', 'contract', 'community', 'none'],
    spec: 'https://yml.publiccode.tools/schema.core.html#key-maintenance-type',
  },
  {
    standard: 'datapackage',
    file: 'datapackage/frictionlessdata__example-data-packages__cpi__datapackage.json',
    as: 'datapackage.json',
    needle: '"type"',
    delta: 2,
    path: 'resources[0].schema.fields[0].type',
    title: 'Type',
    description: /The type of the values/,
    allowed: ['string', 'number', 'integer', 'boolean', 'date', 'geojson', 'any'],
    spec: 'https://specs.frictionlessdata.io/table-schema/#types-and-formats',
  },
  {
    standard: 'dcat-us',
    file: 'data-json/laurelkorwin__gov-datajson-diff__consumerfinance.json',
    as: 'data.json',
    needle: '"accessLevel"',
    delta: 3,
    path: 'dataset[0].accessLevel',
    title: 'Public access level',
    description: /could\*\* be made publicly available/,
    allowed: ['public', 'restricted public', 'non-public'],
    spec: 'https://project-open-data.cio.gov/v1.1/schema/#accessLevel',
  },
  {
    standard: 'civic-json',
    file: 'civic-json/DCgov__civic.json__civic.json',
    as: 'civic.json',
    needle: '"status"',
    delta: 2,
    path: 'status',
    title: 'Status',
    description: /Where the project is in its life/,
    allowed: ['Ideation', 'Alpha', 'Beta', 'Production', 'Archival'],
    spec: 'https://github.com/DCgov/civic.json/blob/master/specification',
  },
];

describe('hover on a key of a real file of each standard', () => {
  for (const c of CASES) {
    test(`${c.standard}: ${c.path}`, () => {
      const text = readFileSync(path.join(CORPUS, c.file), 'utf8');
      const prep = prepare(`file:///work/${c.as}`, text, {});
      assert.equal(prep.detection?.standardId, c.standard);
      const offset = text.indexOf(c.needle);
      assert.ok(offset >= 0, c.needle);
      const position = prep.doc.positionAt(offset + c.delta);
      const result = hover({ doc: prep.doc, schema: prep.schema, standard: prep.standard, detection: prep.detection }, position);
      assert.ok(result, 'a hover');
      const md = result.markdown;
      assert.ok(md.startsWith(`**\`${c.path}\`** — ${c.title}`), md);
      assert.match(md, c.description);
      if (c.allowed) {
        const line = md.split('\n').find((l) => l.startsWith('Allowed values: '));
        assert.ok(line, `allowed values in\n${md}`);
        for (const v of c.allowed) assert.ok(line.includes(`\`${v}\``), `${v} in ${line}`);
      }
      const links = [...md.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1]);
      assert.ok(links.some((l) => l.startsWith(c.spec)), `a link to ${c.spec} in ${links.join(', ')}`);
      // The hover's range is the key under the cursor.
      const r = result.range!;
      const key = text.slice(prep.doc.offsetAt(r.start), prep.doc.offsetAt(r.end)).replace(/"/g, '');
      assert.equal(key, c.path.split('.').pop()!.replace(/\[\d+\]$/, ''));
    });
  }
});
