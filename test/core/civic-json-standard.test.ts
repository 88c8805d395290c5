// The civic.json StandardDefinition: file name, declarations (id, conformsTo), dialect sniffing, the
// `dialect` setting and forced versions, and the JSON syntax messages real civic.json files need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, prepare } from '../../server/src/core/analyze';
import { parseDocument } from '../../server/src/core/document';
import { civicJson } from '../../server/src/core/standards/civic-json';
import { DC_SCHEMA_URL, declaredDialect, sniffDialect } from '../../server/src/core/standards/civic-json/dialects';
import { MANIFEST_KEYS } from '../../server/src/core/standards/civic-json/schemas';

const URI = 'file:///repo/civic.json';

test('identity: id, file name, dialects as versions, schema per dialect', () => {
  assert.equal(civicJson.id, 'civic-json');
  assert.equal(civicJson.schemaRulePrefix, 'civic-json');
  assert.ok(civicJson.matchesFileName('civic.json'));
  assert.ok(!civicJson.matchesFileName('civic.yaml'));
  assert.ok(!civicJson.matchesFileName('my-civic.json'));
  assert.ok(!civicJson.matchesFileName('data.json'));
  assert.deepEqual(civicJson.versions, ['betanyc', 'codefordc', 'dc', 'cfapi']);
  assert.deepEqual(Object.keys(civicJson.schemas).sort(), ['civic-json-betanyc', 'civic-json-cfapi', 'civic-json-codefordc', 'civic-json-dc']);
  for (const schema of Object.values(civicJson.schemas)) assert.match(String((schema as { $schema?: string }).$schema), /draft-07/);
});

test('declarations: id naming the DC schema, conformsTo naming the Code for DC page; nothing else', () => {
  assert.equal(declaredDialect({ id: DC_SCHEMA_URL })?.version, 'dc');
  assert.equal(declaredDialect({ id: 'https://raw.githubusercontent.com/DCgov/civic.json/master/schema.json' })?.version, 'dc');
  assert.equal(declaredDialect({ conformsTo: 'http://codefordc.org/resources/specification.html' })?.version, 'codefordc');
  assert.equal(declaredDialect({ conformsTo: 'https://project-open-data.cio.gov/v1.1/schema' }), undefined);
  assert.equal(declaredDialect({ id: 'my-project' }), undefined);
  assert.equal(declaredDialect({ status: 'Beta' }), undefined);
  assert.equal(declaredDialect(['x']), undefined);
  assert.equal(civicJson.detectFromContent({ status: 'Beta', tags: [] }), undefined, 'content sniffing never claims a file by itself');
});

test('a declaration is detected whatever the file name; an undeclared file only by its name', async () => {
  const declared = await analyze('file:///repo/project.json', JSON.stringify({ name: 'x', status: 'Beta', tags: [], id: DC_SCHEMA_URL }));
  assert.equal(declared.detection?.standardId, 'civic-json');
  assert.equal(declared.detection?.version, 'dc');
  const undeclared = prepare('file:///repo/project.json', JSON.stringify({ status: 'Beta', bornAt: 'x', geography: 'NYC' }));
  assert.notEqual(undeclared.detection?.standardId, 'civic-json');
});

test('sniffing: each dialect from its keys and shapes, with the reason', () => {
  const s = (v: unknown) => sniffDialect(v, MANIFEST_KEYS);
  assert.equal(s({ status: 'Official', tags: ['a'] }).dialect, 'cfapi');
  assert.match(s({ status: 'Official', tags: ['a'] }).reason, /only status and tags/);
  assert.equal(s({ status: 'Beta', geography: 'NYC', needs: [{ need: 'x' }], categories: [] }).dialect, 'betanyc');
  assert.equal(s({ status: 'Beta', geography: 'DC', communityPartner: {}, moreInfo: '' }).dialect, 'codefordc');
  assert.equal(s({ name: 'x', status: 'Beta', tags: [], geography: ['DC'], contact: { name: 'a' } }).dialect, 'dc');
  // Mixed evidence: the best score wins and the reason says so.
  const mixed = s({ status: 'Beta', bornAt: 'DoES Liverpool', geography: 'Liverpool, UK', tags: ['github'] });
  assert.equal(mixed.dialect, 'betanyc');
  assert.ok(mixed.mixed);
  assert.match(mixed.reason, /mixed evidence: also tags from DC extended \(scored 4 to 1\)/);
  const mixedDc = s({ name: 'Code Corps', status: 'Beta', homepage: 'https://x.org', geography: [], tags: [], thumbnailUrl: 'https://x.org/a.png' });
  assert.equal(mixedDc.dialect, 'dc');
  assert.match(mixedDc.reason, /mixed evidence: also thumbnailUrl/);
  // Nothing a civic.json has (a graph that happens to be called civic.json).
  const none = s({ nodes: [], links: [] });
  assert.ok(none.empty);
  assert.equal(none.dialect, 'cfapi');
  assert.equal(s([1, 2]).empty, true);
});

test('the dialect becomes the detection version, and the reason reaches the host', async () => {
  const r = await analyze(URI, JSON.stringify({ status: 'Alpha', geography: 'NYC', needs: [{ need: 'Designer' }] }));
  assert.equal(r.detection?.standardId, 'civic-json');
  assert.equal(r.detection?.version, 'betanyc');
  assert.match(r.detection?.reason ?? '', /^file name civic\.json; BetaNYC dialect by its keys: geography is a text, needs/);
});

test('settings.dialect forces a dialect; a forced version beats it; an unknown one is reported', async () => {
  const text = JSON.stringify({ status: 'Alpha', geography: 'NYC' });
  const forced = await analyze(URI, text, { settings: { 'civic-json': { dialect: 'dc' } } });
  assert.equal(forced.detection?.version, 'dc');
  assert.match(forced.detection?.reason ?? '', /dialect dc set by the civic-json "dialect" setting/);
  assert.ok(forced.findings.some((f) => f.ruleId === 'civic-json/shape' && f.pointer === '/geography'), 'checked as DC: geography must be a list');
  assert.ok(forced.findings.some((f) => f.ruleId === 'civic-json/required-key' && f.pointer === '/tags'));
  const auto = await analyze(URI, text, { settings: { 'civic-json': { dialect: 'auto' } } });
  assert.equal(auto.detection?.version, 'betanyc');
  const cli = await analyze(URI, text, { standard: { id: 'civic-json', version: 'cfapi' }, settings: { 'civic-json': { dialect: 'dc' } } });
  assert.equal(cli.detection?.version, 'cfapi');
  const bad = await analyze(URI, text, { settings: { 'civic-json': { dialect: 'nyc' } } });
  assert.equal(bad.detection?.version, 'betanyc');
  const finding = bad.findings.find((f) => f.ruleId === 'civic-json/unknown-dialect');
  assert.ok(finding);
  assert.match(finding.message, /"nyc", which is not a civic\.json dialect; use one of betanyc, codefordc, dc, cfapi/);
  const unknownVersion = await analyze(URI, text, { standard: { id: 'civic-json', version: '1.0' } });
  assert.equal(unknownVersion.detection?.version, 'betanyc');
  assert.ok(unknownVersion.findings.some((f) => f.ruleId === 'civic-json/unknown-dialect'));
});

test('chooseSchema: the schema of the dialect, and the detection it settles', () => {
  const doc = parseDocument(URI, JSON.stringify({ status: 'Beta', tags: ['x'] }));
  const choice = civicJson.chooseSchema({ standardId: 'civic-json', version: 'auto', reason: 'file name civic.json' }, doc, {});
  assert.equal(choice.schemaId, 'civic-json-cfapi');
  assert.equal(choice.detection?.version, 'cfapi');
  assert.deepEqual(choice.findings, []);
  const dc = civicJson.chooseSchema({ standardId: 'civic-json', version: 'dc', reason: 'chosen with --standard civic-json@dc' }, doc, {});
  assert.equal(dc.schemaId, 'civic-json-dc');
  assert.equal(dc.detection?.reason, 'chosen with --standard civic-json@dc');
});

test('JSON syntax: a trailing comma is underlined itself, with a fix; a stray ";" is quoted', async () => {
  const text = '{\n  "needs": [\n    {"need": "Python"},\n  ],\n  "status": "Beta"\n}';
  const doc = parseDocument(URI, text);
  assert.equal(doc.syntaxFindings.length, 1);
  const f = doc.syntaxFindings[0];
  assert.equal(f.ruleId, 'json/syntax');
  assert.deepEqual(f.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 23 } });
  assert.match(f.message, /Trailing comma: JSON allows no comma after the last item of a list; remove it/);
  assert.deepEqual(f.fixes?.[0].edits, [{ range: f.range, newText: '' }]);
  const objectComma = parseDocument(URI, '{"a": 1,\n}');
  assert.equal(objectComma.syntaxFindings.length, 1, 'one finding per place, not two');
  assert.match(objectComma.syntaxFindings[0].message, /after the last entry of an object/);
  const semi = parseDocument(URI, '{"needs": [{"need": "a"}; {"need": "b"}], "x": 1;\n}');
  const messages = semi.syntaxFindings.map((x) => x.message);
  assert.match(messages[0], /Unexpected ";" here: JSON separates entries with a comma/);
  assert.equal(semi.syntaxFindings[0].fixes?.[0].edits[0].newText, ',', 'between entries: a comma');
  assert.equal(semi.syntaxFindings.length, 2, "no second finding for the missing comma");
  assert.equal(semi.syntaxFindings[1].fixes?.[0].edits[0].newText, '', 'before the closing brace: nothing');
  // CityOfNewYork/CROL-Overview's civic.json (abridged): a ";" after a list item and a trailing comma.
  const crol = [
    '{',
    '    "status": "Beta",',
    '    "geography": "NYC",',
    '    "type":"Project",',
    '    "needs": [',
    '        {"need": "Researcher"},',
    '        {"need": "Scraper"};',
    '    ],',
    '    "categories": [',
    '        {"category": "Code is law"},',
    '    ]',
    '}',
  ].join('\n');
  const r = await analyze(URI, crol);
  const syntax = r.findings.filter((x) => x.ruleId === 'json/syntax');
  assert.deepEqual(syntax.map((x) => [x.range.start.line, x.range.start.character, x.range.end.character]), [[6, 27, 28], [9, 35, 36]]);
  assert.equal(crol.split("\n")[6][27], ";");
  assert.equal(crol.split("\n")[9][35], ",");
  assert.match(syntax[0].message, /Unexpected ";" here/);
  assert.equal(syntax[0].fixes?.[0].edits[0].newText, '', 'before "]" the ";" is removed, not turned into a trailing comma');
  assert.match(syntax[1].message, /Trailing comma/);
  assert.equal(r.detection?.version, 'betanyc', 'the parser recovers: the rest is still checked');
  assert.ok(r.findings.some((x) => x.ruleId === 'civic-json/recommended-value' && x.pointer === '/type'));
  const quote = parseDocument(URI, "{'a': 1}");
  assert.match(quote.syntaxFindings[0].message, /double quotes/);
});
