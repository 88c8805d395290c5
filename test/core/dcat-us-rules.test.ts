// DCAT-US 1.1 rules beyond the schema: for each rule a passing and a failing example, from the real
// catalogs in shared/corpus (used unmodified) where one exists, otherwise from a valid catalog edited.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  applyFix,
  byRule,
  catalog,
  catalogWith,
  dataset,
  errors,
  lint,
  lintFile,
  only,
  realDir,
  show,
  testdataDir,
} from './dcat-us-fixtures';

const URI = 'file:///agency/data.json';
const real = (name: string) => join(realDir, `laurelkorwin__gov-datajson-diff__${name}.json`);
const sample = (name: string) => join(testdataDir, `GSA__ckanext-datajson__ckanext__datajson__tests__datajson-samples__${name}.data.json`);
const podExample = (name: string) => join(testdataDir, `project-open-data__project-open-data.github.io__v1.1__examples__${name}.json`);

/** Lint, apply the first fix of the one finding of `id`, lint again: the finding is gone. */
async function fixes(text: string, id: string, expectText?: RegExp): Promise<string> {
  const f = only(await lint(text), id);
  assert.ok(f.fixes?.length, `${id} offers a fix: ${f.message}`);
  const fixed = applyFix(text, URI, f.fixes[0]);
  if (expectText) assert.match(fixed, expectText);
  const after = await lint(fixed);
  assert.equal(byRule(after, id).length, 0, `after the fix: ${show(after)}`);
  assert.deepEqual(errors(after), [], `the fix leaves no errors: ${show(after)}`);
  return fixed;
}

test('the base catalog (every field filled in) has no findings', async () => {
  assert.deepEqual(await lint(catalog()), []);
});

describe('bureau and program codes', () => {
  test('DHS: 024:010 passes the unanchored official pattern but is not a bureau code (real file)', async () => {
    const fs = await lintFile(real('dhs'));
    const codes = byRule(fs, 'dcat-us/bureau-code');
    assert.ok(codes.length > 900, `${codes.length}`);
    const f = codes.find((c) => c.message.includes('"024:010"'));
    assert.ok(f, 'the 608 datasets with 024:010 are reported');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /unanchored/);
    assert.match(f.message, /015:11/);
    assert.match(f.pointer, /^\/dataset\/\d+\/bureauCode\/0$/);
    // 000:000 in bureauCode is both the wrong form and a placeholder.
    assert.ok(codes.some((c) => c.message.includes('"000:000"') && /placeholder/.test(c.message)));
  });

  test('CMS uses well-formed codes: no code findings (real file)', async () => {
    const fs = await lintFile(real('cms'));
    assert.deepEqual(fs.filter((f) => /code/.test(f.ruleId)), []);
  });

  test('a program code with 2 digits after the colon is an error; a list is required', async () => {
    const f = only(await lint(catalogWith((d) => (d.programCode = ['015:01']))), 'dcat-us/program-code');
    assert.match(f.message, /"015:01" is not a program code/);
    assert.match(f.message, /3-digit program code/);
    await fixes(catalogWith((d) => (d.bureauCode = '015:11')), 'dcat-us/bureau-code', /"bureauCode": \[\s*"015:11"\s*\]/);
    await fixes(catalogWith((d) => (d.programCode = ' 015:001')), 'dcat-us/program-code');
  });

  test('placeholder codes 000:000 / 000:00 are warnings (CFPB, real file)', async () => {
    const fs = byRule(await lintFile(real('consumerfinance')), 'dcat-us/placeholder-code');
    assert.ok(fs.length >= 1);
    assert.ok(fs.every((f) => f.severity === 'warning' && /placeholder/.test(f.message)));
    const bureau = only(await lint(catalogWith((d) => (d.bureauCode = ['000:00']))), 'dcat-us/placeholder-code');
    assert.equal(bureau.pointer, '/dataset/0/bureauCode/0');
    // An agency-level program code (agency:000) is legitimate.
    assert.deepEqual(await lint(catalogWith((d) => (d.programCode = ['015:000']))), []);
  });
});

describe('dates, intervals and frequencies', () => {
  test('modified and issued must be calendar-valid ISO 8601', async () => {
    const f = only(await lint(catalogWith((d) => (d.modified = '2023-02-29'))), 'dcat-us/invalid-date');
    assert.match(f.message, /February 2023 has 28 days/);
    const us = only(await lint(catalogWith((d) => (d.issued = '05/25/2016'))), 'dcat-us/invalid-date');
    assert.match(us.message, /year-month-day/);
    await fixes(catalogWith((d) => (d.issued = '05/25/2016')), 'dcat-us/invalid-date', /"issued": "2016-05-25"/);
    await fixes(catalogWith((d) => (d.modified = '2016-5-3')), 'dcat-us/invalid-date', /"2016-05-03"/);
    for (const ok of ['2016', '2016-05', '2016-05-25T14:30:00Z', '2016-05-25T14:30:00.123-05:00', '2016-W21-3', '2016-146', 'R/P1D', 'R/PT5M', 'R/2016-01-01/P1D']) {
      assert.deepEqual(await lint(catalogWith((d) => (d.modified = ok))), [], ok);
    }
    for (const bad of ['2016-13-01', '2016-05-25T25:00', 'yesterday', 'R/P', 'R/2016-01-01/2017-01-01']) {
      assert.equal(byRule(await lint(catalogWith((d) => (d.modified = bad))), 'dcat-us/invalid-date').length, 1, bad);
    }
  });

  test('a space between date and time is a warning with the T fix (ckanext arm sample)', async () => {
    const fs = byRule(await lintFile(sample('arm')), 'dcat-us/date-format');
    assert.equal(fs.length, 3);
    assert.ok(fs.every((f) => f.severity === 'warning' && f.fixes?.[0].edits[0].newText === JSON.stringify(f.message.match(/"(\d{4}-\d\d-\d\dT[\d:]+)"/)?.[1])));
    await fixes(catalogWith((d) => (d.modified = '2019-06-27 12:41:27')), 'dcat-us/date-format', /"2019-06-27T12:41:27"/);
  });

  test('temporal must be an interval; …/None and reversed intervals are errors', async () => {
    const energy = only(await lintFile(real('energy')), 'dcat-us/invalid-temporal');
    assert.match(energy.message, /"2015\/2000".*the end 2000 comes before the start 2015/);
    const none = only(await lint(catalogWith((d) => (d.temporal = '2010-01-01/None'))), 'dcat-us/invalid-temporal');
    assert.match(none.message, /"None", which is not a date/);
    const single = only(await lint(catalogWith((d) => (d.temporal = '2010'))), 'dcat-us/invalid-temporal');
    assert.match(single.message, /single point in time/);
    for (const ok of ['2010/2015', '2010-01/P1M', 'P1M/2010-01-01', '2000-01-15T00:45:00Z/P1W', '2011-02-14T12:00:00Z/2013-07-04T19:34:00Z', 'R/2010-01-01/P1Y']) {
      assert.deepEqual(await lint(catalogWith((d) => (d.temporal = ok))), [], ok);
    }
  });

  test('accrualPeriodicity: R/P… or irregular; 1.0 words get their ISO forms', async () => {
    for (const ok of ['R/P1Y', 'R/P0.5M', 'R/P3.5D', 'R/PT1H', 'R/P0.33W', 'irregular']) {
      assert.deepEqual(await lint(catalogWith((d) => (d.accrualPeriodicity = ok))), [], ok);
    }
    const annual = only(await lint(catalogWith((d) => (d.accrualPeriodicity = 'Annual'))), 'dcat-us/invalid-frequency');
    assert.match(annual.message, /1\.0 frequency word.*"R\/P1Y"/);
    await fixes(catalogWith((d) => (d.accrualPeriodicity = 'Annual')), 'dcat-us/invalid-frequency', /"R\/P1Y"/);
    const biweekly = only(await lint(catalogWith((d) => (d.accrualPeriodicity = 'Biweekly'))), 'dcat-us/invalid-frequency');
    assert.deepEqual(biweekly.fixes?.map((f) => f.edits[0].newText), ['"R/P2W"', '"R/P0.5W"']);
    await fixes(catalogWith((d) => (d.accrualPeriodicity = 'R/P1H')), 'dcat-us/invalid-frequency', /"R\/PT1H"/);
    await fixes(catalogWith((d) => (d.accrualPeriodicity = 'R5/P1Y')), 'dcat-us/invalid-frequency', /"R\/P1Y"/);
    await fixes(catalogWith((d) => (d.accrualPeriodicity = 'Irregular')), 'dcat-us/invalid-frequency', /"irregular"/);
    assert.equal(byRule(await lint(catalogWith((d) => (d.accrualPeriodicity = 'R/2010-01-01/2011-01-01'))), 'dcat-us/invalid-frequency').length, 1);
    // Names of the language's own properties are not frequency words.
    for (const odd of ['constructor', '__proto__', 'toString']) {
      const found = await lint(catalogWith((d) => (d.accrualPeriodicity = odd)));
      assert.deepEqual(found.map((f) => f.ruleId), ['dcat-us/invalid-frequency'], odd);
      assert.match(found[0].message, /is not a frequency/, odd);
    }
  });
});

describe('rights, identifiers and collections', () => {
  test('non-public datasets without rights (OPM, DHS: real files)', async () => {
    const opm = byRule(await lintFile(real('opm')), 'dcat-us/rights-required');
    assert.equal(opm.length, 105);
    const dhs = byRule(await lintFile(real('dhs')), 'dcat-us/rights-required');
    assert.equal(dhs.length, 149);
    assert.ok(dhs.every((f) => f.severity === 'error' && /rights/.test(f.message) && f.pointer.endsWith('/rights')));
  });

  test('rights given, or a public dataset: no finding', async () => {
    assert.deepEqual(await lint(catalogWith((d) => Object.assign(d, { accessLevel: 'non-public', rights: 'Contains personally identifiable information.' }))), []);
    const f = only(await lint(catalogWith((d) => (d.accessLevel = 'restricted public'))), 'dcat-us/rights-required');
    assert.match(f.message, /"restricted public".*how to get access/);
  });

  test('a repeated identifier is reported at the second dataset, naming the first', async () => {
    const a = dataset();
    const b = dataset();
    b.title = 'Types of Fruit';
    const text = catalog([a, b]);
    const f = only(await lint(text), 'dcat-us/duplicate-identifier');
    assert.equal(f.pointer, '/dataset/1/identifier');
    assert.match(f.message, /already the identifier of dataset\[0\] \(line \d+\)/);
    const line = Number(/line (\d+)/.exec(f.message)?.[1]);
    assert.match(text.split('\n')[line - 1], /"identifier": "USDA-ERS-00071"/);
    b.identifier = 'USDA-ERS-00072';
    assert.deepEqual(await lint(catalog([a, b])), []);
  });

  test('isPartOf must name a dataset of the catalog (POD extended example; ckanext collection samples pass)', async () => {
    const f = only(await lintFile(podExample('catalog-sample-extended')), 'dcat-us/unknown-collection');
    assert.match(f.message, /"widget-modulators" is not the identifier of any dataset/);
    assert.deepEqual(byRule(await lintFile(sample('collection-2-parent-4-children')), 'dcat-us/unknown-collection'), []);
  });
});

describe('distributions and media types', () => {
  test('downloadURL needs mediaType; the fix adds the type of the extension', async () => {
    const text = catalogWith((d) => delete (d.distribution as Record<string, unknown>[])[0].mediaType);
    const fs = await lint(text);
    const f = only(fs, 'dcat-us/media-type-required');
    assert.equal(fs.filter((x) => x.ruleId === 'dcat-us/required-key').length, 0, 'the schema dependency is not reported twice');
    assert.match(f.message, /probably "mediaType": "text\/csv"/);
    await fixes(text, 'dcat-us/media-type-required', /"downloadURL": "https:\/\/www.agency.gov\/vegetables.csv",\n\s+"mediaType": "text\/csv"/);
  });

  test('mediaType must be a valid media type (USAID type/csv, energy pdf/xls: real files)', async () => {
    const usaid = only(await lintFile(real('usaid')), 'dcat-us/invalid-media-type');
    assert.match(usaid.message, /"type\/csv".*Did you mean "text\/csv"/);
    const energy = byRule(await lintFile(real('energy')), 'dcat-us/invalid-media-type');
    assert.ok(energy.some((f) => /"pdf\/xls"/.test(f.message) && !f.fixes));
    await fixes(catalogWith((d) => ((d.distribution as Record<string, unknown>[])[0].mediaType = 'type/csv')), 'dcat-us/invalid-media-type');
  });

  test('unregistered media types: the registered one is suggested; x- types are information', async () => {
    const fs = byRule(await lintFile(real('energy')), 'dcat-us/unregistered-media-type');
    assert.ok(fs.some((f) => /"text\/json".*"application\/json"/.test(f.message) && f.severity === 'warning' && f.fixes));
    const stata = byRule(await lintFile(real('usaid')), 'dcat-us/unregistered-media-type').filter((f) => f.message.includes('x-stata'));
    assert.ok(stata.length > 0 && stata.every((f) => f.severity === 'information'));
    await fixes(catalogWith((d) => ((d.distribution as Record<string, unknown>[])[0].mediaType = 'text/tsv')), 'dcat-us/unregistered-media-type', /"text\/tab-separated-values"/);
  });

  test('format and mediaType must agree (brief example: CSV with application/pdf; GSA xlsx/xls real)', async () => {
    const f = only(await lint(catalogWith((d) => ((d.distribution as Record<string, unknown>[])[0].mediaType = 'application/pdf'))), 'dcat-us/format-mismatch');
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /format "CSV".*mediaType "application\/pdf".*"text\/csv"/);
    const gsa = byRule(await lintFile(real('gsa')), 'dcat-us/format-mismatch');
    assert.ok(gsa.some((x) => /"xlsx".*"application\/vnd.ms-excel"/.test(x.message)));
    // Agreement through containers, suffixes and aliases.
    const agree: [string, string][] = [['Zipped CSV', 'application/zip'], ['Excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['JSON', 'application/vnd.api+json'], ['XML', 'application/rdf+xml'], ['kmz', 'application/vnd.google-earth.kmz'], ['API', 'application/json'], ['Web page', 'text/html'], ['CSV', 'application/octet-stream']];
    for (const [format, mediaType] of agree) {
      const fs = await lint(catalogWith((d) => Object.assign((d.distribution as Record<string, unknown>[])[0], { format, mediaType })));
      assert.deepEqual(byRule(fs, 'dcat-us/format-mismatch'), [], `${format} / ${mediaType}`);
    }
  });

  test('format holding a MIME type (1.0 usage): FDA/GSA real; the fix moves it to mediaType', async () => {
    assert.ok(byRule(await lintFile(real('gsa')), 'dcat-us/format-is-media-type').length > 10);
    const text = catalogWith((d) => ((d.distribution as Record<string, unknown>[])[1] = { accessURL: 'https://www.agency.gov/api/vegetables/', format: 'application/json' }));
    const fixed = await fixes(text, 'dcat-us/format-is-media-type');
    assert.match(fixed, /"mediaType": "application\/json",\s+"format": "JSON"/);
    await fixes(catalogWith((d) => ((d.distribution as Record<string, unknown>[])[0].format = 'text/csv')), 'dcat-us/format-is-media-type', /"format": "CSV"/);
  });

  test('accessURL to a file is a 1.0 download link (DHS real); indirect accessURL passes', async () => {
    const dhs = byRule(await lintFile(real('dhs')), 'dcat-us/access-url-download');
    assert.ok(dhs.length > 0 && dhs.every((f) => f.severity === 'warning'));
    const text = catalogWith((d) => ((d.distribution as Record<string, unknown>[])[1] = { accessURL: 'https://www.agency.gov/files/report.pdf', title: 'Report' }));
    const f = only(await lint(text), 'dcat-us/access-url-download');
    const fixed = applyFix(text, URI, f.fixes![0]);
    assert.match(fixed, /"downloadURL": "https:\/\/www.agency.gov\/files\/report.pdf",\s+"mediaType": "application\/pdf"/);
    assert.deepEqual(await lint(fixed), []);
  });

  test('a distribution without any URL (DOL real)', async () => {
    const f = only(await lintFile(real('dol')), 'dcat-us/distribution-url');
    assert.equal(f.severity, 'warning');
    assert.equal(byRule(await lintFile(real('cms')), 'dcat-us/distribution-url').length, 0);
  });
});

describe('URLs, licences, languages, e-mail', () => {
  test('URL fields must be absolute URLs (ckanext missing-catalog sample); spaces get %20', async () => {
    const fs = byRule(await lintFile(sample('missing-catalog')), 'dcat-us/invalid-url');
    assert.ok(fs.some((f) => /describedBy "data.gov".*no scheme/.test(f.message)));
    await fixes(catalogWith((d) => (d.landingPage = 'https://www.agency.gov/my vegetables/')), 'dcat-us/invalid-url', /my%20vegetables/);
    await fixes(catalogWith((d) => (d.references = ['http;//www.agency.gov/doc.html'])), 'dcat-us/invalid-url', /"http:\/\/www.agency.gov\/doc.html"/);
  });

  test('license must be a URL; a licence id gets its URL', async () => {
    const f = only(await lint(catalogWith((d) => (d.license = 'CC0'))), 'dcat-us/license-not-url');
    assert.match(f.message, /"https:\/\/creativecommons.org\/publicdomain\/zero\/1.0\/"/);
    await fixes(catalogWith((d) => (d.license = 'CC-BY-4.0')), 'dcat-us/license-not-url', /"https:\/\/creativecommons.org\/licenses\/by\/4.0\/"/);
    const pd = only(await lint(catalogWith((d) => (d.license = 'Public Domain'))), 'dcat-us/license-not-url');
    assert.equal(pd.fixes, undefined);
    assert.match(pd.message, /government-works/);
  });

  test('language tags: us-EN and sp-US (energy, GSA real) get the right tag', async () => {
    const energy = byRule(await lintFile(real('energy')), 'dcat-us/invalid-language');
    assert.ok(energy.some((f) => /"us-EN".*Did you mean "en-US"/.test(f.message)));
    const gsa = byRule(await lintFile(real('gsa')), 'dcat-us/invalid-language');
    assert.ok(gsa.some((f) => /"sp-US".*"es-US"/.test(f.message)));
    await fixes(catalogWith((d) => (d.language = ['us-EN'])), 'dcat-us/invalid-language', /"en-US"/);
    assert.deepEqual(await lint(catalogWith((d) => (d.language = ['es-MX', 'wo', 'nv', 'en-US']))), []);
    await fixes(catalogWith((d) => (d.language = ['iw'])), 'dcat-us/deprecated-language', /"he"/);
  });

  test('hasEmail must be a mailto: address', async () => {
    await fixes(catalogWith((d) => ((d.contactPoint as Record<string, unknown>).hasEmail = 'jane.doe@agency.gov')), 'dcat-us/invalid-email', /"mailto:jane.doe@agency.gov"/);
    const f = only(await lint(catalogWith((d) => ((d.contactPoint as Record<string, unknown>).hasEmail = 'mailto:jane.doe'))), 'dcat-us/invalid-email');
    assert.match(f.message, /"jane.doe" is not an e-mail address/);
  });
});

describe('1.0 → 1.1 renames', () => {
  test('a dataset-level accessURL (OPM real) is moved into a distribution', async () => {
    const fs = byRule(await lintFile(real('opm')), 'dcat-us/renamed-key');
    assert.equal(fs.length, 29);
    assert.ok(fs.every((f) => f.severity === 'warning' && /distribution/.test(f.message) && f.fixes));
    const text = catalogWith((d) => {
      delete d.distribution;
      d.accessURL = 'https://www.agency.gov/report.pdf';
    });
    await fixes(text, 'dcat-us/renamed-key', /"distribution": \[\{"downloadURL":"https:\/\/www.agency.gov\/report.pdf","mediaType":"application\/pdf"\}\]/);
  });

  test('renamed keys: warnings naming the replacement, key renamed by the fix', async () => {
    const cases: [string, string][] = [['accessLevelComment', 'rights'], ['dataDictionary', 'describedBy'], ['PrimaryITInvestmentUII', 'primaryITInvestmentUII']];
    for (const [old, now] of cases) {
      const text = catalogWith((d) => {
        d[old] = d[now] ?? 'Contains personally identifiable information.';
        delete d[now];
      });
      const f = only(await lint(text), 'dcat-us/renamed-key');
      assert.match(f.message, new RegExp(`Use ${now}`));
      await fixes(text, 'dcat-us/renamed-key', new RegExp(`"${now}":`));
    }
    const ws = only(await lint(catalogWith((d) => (d.webService = 'https://www.agency.gov/api/'))), 'dcat-us/renamed-key');
    assert.match(ws.message, /removed in 1.1.*accessURL.*"API"/);
  });

  test('mbox moves into contactPoint.hasEmail', async () => {
    const text = catalogWith((d) => {
      delete (d.contactPoint as Record<string, unknown>).hasEmail;
      d.mbox = 'jane.doe@agency.gov';
    });
    const fs = await lint(text);
    const f = only(fs, 'dcat-us/renamed-key');
    assert.match(f.message, /contactPoint.hasEmail/);
    const fixed = applyFix(text, URI, f.fixes![0]);
    assert.match(fixed, /"fn": "Jane Doe",\n\s+"hasEmail": "mailto:jane.doe@agency.gov"/);
    assert.doesNotMatch(fixed, /mbox/);
    assert.deepEqual(await lint(fixed), []);
  });

  test('publisher and contactPoint as texts (1.0 shapes) are errors in 1.1, fixed into objects', async () => {
    await fixes(catalogWith((d) => (d.publisher = 'Widget Services')), 'dcat-us/legacy-shape', /"publisher": \{"name":"Widget Services"\}/);
    const text = catalogWith((d) => {
      d.contactPoint = 'Jane Doe';
      d.mbox = 'jane.doe@agency.gov';
    });
    const fs = await lint(text);
    const f = only(fs, 'dcat-us/legacy-shape');
    assert.equal(byRule(fs, 'dcat-us/wrong-type').length, 0, 'the schema type error gives way to the specific finding');
    const fixed = applyFix(text, URI, f.fixes![0]);
    assert.match(fixed, /"contactPoint": \{"fn":"Jane Doe","hasEmail":"mailto:jane.doe@agency.gov"\}/);
    assert.deepEqual(await lint(fixed), []);
  });
});

describe('keys and keywords', () => {
  test('misspelled keys (USAID describedBY, real) and wrong capitalisation', async () => {
    const f = only(await lintFile(real('usaid')), 'dcat-us/misspelled-key');
    assert.match(f.message, /"describedBY".*"describedBy"/);
    await fixes(catalogWith((d) => {
      d.ContactPoint = d.contactPoint;
      delete d.contactPoint;
    }), 'dcat-us/misspelled-key', /"contactPoint":/);
    // Extension keys (USAID's own fields) are left alone.
    assert.deepEqual(await lint(catalogWith((d) => Object.assign(d, { USAIDinitiative: 'x', additionalField: 'y', 'dcterms:source': 'z' }))), []);
    // Inside the dataset's publisher, contact point and distributions, named by where they are.
    const nested = byRule(
      await lint(
        catalogWith((d) => {
          const publisher = d.publisher as Record<string, unknown>;
          const contact = d.contactPoint as Record<string, unknown>;
          publisher.Name = publisher.name;
          delete publisher.name;
          contact.hasEmial = contact.hasEmail;
          delete contact.hasEmail;
          Object.assign((d.distribution as object[])[1], { mediatype: 'text/html' });
        }),
      ),
      'dcat-us/misspelled-key',
    );
    assert.deepEqual(
      nested.map((f) => [f.pointer, f.data?.suggestion]),
      [
        ['/dataset/0/publisher/Name', 'name'],
        ['/dataset/0/contactPoint/hasEmial', 'hasEmail'],
        ['/dataset/0/distribution/1/mediatype', 'mediaType'],
      ],
    );
    assert.match(nested[2].message, /"mediatype" in dataset\[0\]\.distribution\[1\]: did you mean "mediaType"\?/);
  });

  test('a keyword listed twice in one dataset (DOL real)', async () => {
    const fs = byRule(await lintFile(real('dol')), 'dcat-us/duplicate-keyword');
    assert.ok(fs.some((f) => /"Child labor" repeats keyword 1 \("Child Labor"\)/.test(f.message)));
    assert.deepEqual(byRule(await lintFile(real('cms')), 'dcat-us/duplicate-keyword'), []);
  });
});

describe('redaction markers', () => {
  test('[[REDACTED-…]] markers (accepted by the federal dashboard) raise no format errors', async () => {
    const R = '[[REDACTED-EX B3]]';
    const text = catalogWith((d) => {
      Object.assign(d, { modified: R, issued: R, temporal: R, accrualPeriodicity: R, license: R, landingPage: R, describedBy: R, describedByType: R, conformsTo: R, keyword: R, theme: R, references: R, language: R, dataQuality: R, primaryITInvestmentUII: R, distribution: R });
      (d.contactPoint as Record<string, unknown>).hasEmail = R;
    });
    assert.deepEqual(await lint(text), []);
    const dist = catalogWith((d) => {
      d.distribution = [{ downloadURL: R, mediaType: R, accessURL: R, conformsTo: R, describedBy: R, describedByType: R, format: 'CSV' }];
      d.references = [R];
      d.language = [R];
    });
    assert.deepEqual(await lint(dist), []);
  });
});
