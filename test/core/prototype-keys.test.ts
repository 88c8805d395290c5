// Values and keys that name members of Object.prototype (`constructor`, `toString`, `__proto__`,
// `hasOwnProperty`) must be read like any other unknown word: rules look user text up in plain-object
// tables, and an inherited member found there crashed the rule (core/internal-error) or ended up in the
// message ("write undefined", "did you mean function Object() { [native code] }?").
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { ownValue } from '../../server/src/core/rules/kit';
import { replacementsFor } from '../../server/src/core/rules/spdx';
import { checkOdLicense } from '../../server/src/core/rules/opendefinition';
import { suggestLanguageTag } from '../../server/src/core/rules/bcp47';
import { expectedTypesForFormat, suggestMediaType } from '../../server/src/core/standards/dcat-us/media';
import { licenseUrl } from '../../server/src/core/standards/dcat-us/vocabulary';
import type { Finding } from '../../server/src/core/types';
import { samplePubliccode } from '../helpers/publiccodeSample';
import { catalogWith } from './dcat-us-fixtures';

const WORDS = ['constructor', 'toString', '__proto__', 'hasOwnProperty'];
/** An ordinary unknown word: what every prototype name must be treated like. */
const PLAIN = 'qqqqqqq';

type Case = { uri: string; text: (word: string) => string };

async function lint({ uri, text }: Case, word: string): Promise<Finding[]> {
  return (await analyze(uri, text(word), {})).findings;
}

/** Rule ids and pointers, with the word replaced, so a prototype name compares with PLAIN. */
function shape(fs: Finding[], word: string): string[] {
  return fs.map((f) => `${f.ruleId} ${f.pointer.split(word).join('WORD')}`).sort();
}

const byRule = (fs: Finding[], id: string) => fs.filter((f) => f.ruleId === id);

/** For each prototype name: no internal error, no prototype member in a message or fix, the findings of PLAIN; then `expect`. */
async function sameAsPlain(c: Case, expect?: (fs: Finding[], word: string) => void): Promise<void> {
  const plain = await lint(c, PLAIN);
  expect?.(plain, PLAIN);
  for (const word of WORDS) {
    const fs = await lint(c, word);
    const seen = JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.message]), null, 1);
    assert.deepEqual(byRule(fs, 'core/internal-error'), [], `${word}: ${seen}`);
    for (const f of fs) {
      const texts = [f.message, ...(f.fixes ?? []).flatMap((x) => [x.title, ...x.edits.map((e) => String(e.newText))])];
      for (const t of texts) assert.doesNotMatch(t, /\[native code\]|\[object Object\]|\bundefined\b/, `${word}: ${t}`);
    }
    assert.deepEqual(shape(fs, word), shape(plain, PLAIN), `${word} is not read like ${PLAIN}: ${seen}`);
    expect?.(fs, word);
  }
}

function one(fs: Finding[], id: string, pointer: string): Finding {
  const hits = byRule(fs, id).filter((f) => f.pointer === pointer);
  assert.equal(hits.length, 1, `expected one ${id} at ${pointer}, got ${JSON.stringify(fs.map((f) => [f.ruleId, f.pointer, f.message]), null, 1)}`);
  return hits[0];
}

describe('publiccode.yml', () => {
  const PC = 'file:///repo/publiccode.yml';
  const BASE = samplePubliccode('"0"');

  test('softwareType: the schema rejects it; no alias "undefined" or "{}" is offered', async () => {
    await sameAsPlain({ uri: PC, text: (w) => BASE.replace('softwareType: "standalone/web"', `softwareType: "${w}"`) }, (fs) => {
      one(fs, 'publiccode/invalid-value', '/softwareType');
      assert.deepEqual(byRule(fs, 'publiccode/software-type'), []);
    });
  });

  test('supports[].id alias:<word> is an unknown alias (it was accepted silently)', async () => {
    await sameAsPlain({ uri: PC, text: (w) => samplePubliccode('"0"', `supports:\n  - id: "alias:${w}"\n`) }, (fs, w) => {
      assert.match(one(fs, 'publiccode/unknown-alias', '/supports/0/id').message, new RegExp(`"alias:${w}" is not a known alias`));
    });
  });

  test('IT.piattaforme.<word>: true adds no supports alias to the message, data or fix', async () => {
    await sameAsPlain({ uri: PC, text: (w) => samplePubliccode('"0"', `IT:\n  piattaforme:\n    ${w}: true\n`) }, (fs) => {
      const f = one(fs, 'publiccode/country-section-deprecated', '/IT');
      assert.deepEqual((f.data as { aliases: unknown[] }).aliases, []);
      assert.doesNotMatch(f.message, /supports: \[/);
    });
  });

  test('localisation.availableLanguages: an invalid language tag', async () => {
    await sameAsPlain({ uri: PC, text: (w) => BASE.replace('    - en\n', `    - ${w}\n`) }, (fs) => {
      one(fs, 'bcp47/invalid-tag', '/localisation/availableLanguages/0');
    });
  });
});

describe('Data Package', () => {
  const DP = 'file:///repo/datapackage.json';
  const pkg = (o: object) => JSON.stringify(o, null, 2);

  test('field type: the schema rejects it; no mapped type "undefined" or "{}"', async () => {
    await sameAsPlain({ uri: DP, text: (w) => pkg({ resources: [{ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'x', type: w }] } }] }) }, (fs) => {
      one(fs, 'datapackage/invalid-value', '/resources/0/schema/fields/0/type');
      assert.deepEqual(byRule(fs, 'datapackage/field-type'), []);
    });
  });

  test('a constraint named <word> is an unknown constraint (the constraint checks crashed)', async () => {
    for (const version of [{}, { $schema: 'https://datapackage.org/profiles/2.0/datapackage.json' }]) {
      // JSON text: JSON.stringify would drop a __proto__ key.
      const text = (w: string) => `{${JSON.stringify(version).slice(1, -1)}${Object.keys(version).length ? ',' : ''} "resources": [{"name": "a", "path": "a.csv", "schema": {"fields": [{"name": "x", "type": "integer", "constraints": {"${w}": 1, "minimum": 1}}]}}]}`;
      await sameAsPlain({ uri: DP, text }, (fs) => {
        assert.deepEqual(byRule(fs, 'datapackage/constraint-type'), []);
        assert.deepEqual(byRule(fs, 'datapackage/misspelled-key'), []);
      });
    }
  });

  test('profile: <word> is not a registered profile (it was "the profile of a undefined", and the schema was skipped)', async () => {
    await sameAsPlain({ uri: DP, text: (w) => pkg({ profile: w, resources: [{ name: 'a' }] }) }, (fs, w) => {
      assert.match(one(fs, 'datapackage/profile', '/profile').message, new RegExp(`profile "${w}" is not a registered profile`));
      // The package is still checked against its schema: the resource has neither path nor data.
      assert.ok(fs.some((f) => f.pointer.startsWith('/resources/0') && f.ruleId !== 'datapackage/profile'), JSON.stringify(fs));
    });
  });

  test('licenses[].name: not on the Open Definition list (it was "a 2013 id … the current id is undefined")', async () => {
    await sameAsPlain({ uri: DP, text: (w) => pkg({ licenses: [{ name: w }], resources: [{ name: 'a', path: 'a.csv' }] }) }, (fs) => {
      assert.match(one(fs, 'datapackage/license-name', '/licenses/0/name').message, /is not on the Open Definition licence list/);
    });
  });

  test('hash <word>:… names no known algorithm: no length check against a prototype member', async () => {
    await sameAsPlain({ uri: DP, text: (w) => pkg({ resources: [{ name: 'a', path: 'a.csv', hash: `${w}:abcdef` }] }) }, (fs) => {
      assert.deepEqual(byRule(fs, 'datapackage/hash'), []);
    });
  });

  test('keys named <word> are not misspellings of "function Object() …"', async () => {
    const text = (w: string) => `{"${w}": 1, "resources": [{"name": "a", "path": "a.csv", "${w}": 1, "schema": {"fields": [{"name": "x", "${w}": 1}]}}]}`;
    await sameAsPlain({ uri: DP, text }, (fs) => {
      assert.deepEqual(byRule(fs, 'datapackage/misspelled-key'), []);
    });
  });
});

describe('civic.json', () => {
  const CJ = 'file:///repo/civic.json';

  test('an unknown key <word> names no extension and no equivalent key', async () => {
    for (const base of ['{"status": "Beta", "name": "x", "tags": []', '{"status": "Beta", "bornAt": "BetaNYC", "geography": "NYC"']) {
      await sameAsPlain({ uri: CJ, text: (w) => `${base}, "${w}": "y"}` }, (fs, w) => {
        const f = one(fs, 'civic-json/unknown-key', `/${w}`);
        assert.doesNotMatch(f.message, /it comes from|calls it/);
        assert.equal((f.data as { suggestion?: string }).suggestion, undefined);
      });
    }
  });

  test('status <word>: not one of the values, with no synonym', async () => {
    await sameAsPlain({ uri: CJ, text: (w) => JSON.stringify({ status: w, name: 'x', tags: [] }) }, (fs) => {
      assert.equal((one(fs, 'civic-json/invalid-status', '/status').data as { suggestion?: string }).suggestion, undefined);
    });
    await sameAsPlain({ uri: CJ, text: (w) => JSON.stringify({ status: w, bornAt: 'BetaNYC', geography: 'NYC' }) }, (fs) => {
      assert.equal((one(fs, 'civic-json/recommended-value', '/status').data as { suggestion?: string }).suggestion, undefined);
    });
  });
});

describe('DCAT-US', () => {
  const DATA = 'file:///agency/data.json';
  const dist = (edit: (d: Record<string, unknown>) => void) => catalogWith((d) => edit((d.distribution as Record<string, unknown>[])[0]));

  test('mediaType <word>: not a media type, with no suggestion (it suggested "undefined" / "{}")', async () => {
    await sameAsPlain({ uri: DATA, text: (w) => dist((d) => (d.mediaType = w)) }, (fs) => {
      const f = one(fs, 'dcat-us/invalid-media-type', '/dataset/0/distribution/0/mediaType');
      assert.equal((f.data as { suggestion?: string }).suggestion, undefined);
      assert.equal(f.fixes, undefined);
    });
  });

  test('format <word> names no file type (the media-type checks crashed on "constructor")', async () => {
    await sameAsPlain({ uri: DATA, text: (w) => dist((d) => (d.format = w)) }, (fs) => {
      assert.deepEqual(byRule(fs, 'dcat-us/format-mismatch'), []);
    });
  });

  test('license <word> is not a URL, with no licence URL offered', async () => {
    await sameAsPlain({ uri: DATA, text: (w) => catalogWith((d) => (d.license = w)) }, (fs) => {
      one(fs, 'dcat-us/license-not-url', '/dataset/0/license');
    });
  });
});

test('exported lookups return nothing for prototype names', () => {
  for (const w of WORDS) {
    assert.equal(ownValue({ a: 1 }, w), undefined, w);
    assert.deepEqual(replacementsFor(w), [], w);
    assert.equal(licenseUrl(w), `https://spdx.org/licenses/${w}.html`, w);
    assert.deepEqual(checkOdLicense(w), { status: 'unknown', spdx: false }, w);
    assert.equal(suggestLanguageTag(w), undefined, w);
    assert.equal(suggestMediaType(w), undefined, w);
    assert.equal(expectedTypesForFormat(w), undefined, w);
  }
  assert.equal(ownValue({ a: 1 }, 'a'), 1);
});
