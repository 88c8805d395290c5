// Our verdicts against the community JSON Schema that generic YAML editors use for publiccode.yml
// (SchemaStore src/schemas/json/publiccode.json, draft-07, "version 0.5.0"; there is no official schema
// in the spec repository — STANDARDS.md §1), run through validateAgainst on every real file in
// shared/corpus/publiccode and every spec example in shared/corpus/publiccode-spec-examples. Every
// disagreement must be one documented below: a SchemaStore defect named in STANDARDS.md (§1 "SchemaStore
// gaps", §7.11), a deprecation that is a warning here and an error there, or a rule beyond the schema.
//
// Comparison unit: the "entity" an error is in — a top-level key, one language of description
// (`description.en`), one contact or contractor (`maintenance.contacts[0]`), one dependency
// (`dependsOn.open[1]`), one funder, one list under intendedAudience — so that two validators that word
// or place an error differently inside the same object still agree. A YAML syntax error (pointer '') is
// placed at the deepest node whose text holds it: that is where the schema sees the value the parser
// recovered.
//
// The value given to the schema is ours (`analysis.doc.value`): the `yaml` package, YAML 1.2 core schema,
// which is also what generic editors use (the Red Hat YAML extension parses with the same package, YAML
// 1.2 by default), and what publiccode.yml specifies since 0.3 (STANDARDS.md §1, §7.2). A test below
// checks that it is exactly `yaml.parse(text)` for every well-formed file, and shows why YAML 1.1 would be
// the wrong choice (`yes` would become true and the schema would miss a real error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ErrorObject } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { analyze, type Analysis } from '../../server/src/core/analyze';
import type { ParsedDocument } from '../../server/src/core/document';
import { splitPointer, valueAt } from '../../server/src/core/pointer';
import type { Finding } from '../../server/src/core/types';
import { validateAgainst } from '../../server/src/core/validate';
import { samplePubliccode } from '../helpers/publiccodeSample';

const corpus = resolve(__dirname, '../../../shared/corpus');
const realDir = join(corpus, 'publiccode');
const specDir = join(corpus, 'publiccode-spec-examples');
const schemaStore = JSON.parse(readFileSync(join(corpus, 'schemas', 'SchemaStore__schemastore__src__schemas__json__publiccode.json'), 'utf8')) as object;

type Side = 'schema-only' | 'ours-only';

/** One error: the ajv keyword (schema) or our rule id, where it is, and the schema's length limit. */
interface Evidence {
  what: string;
  pointer: string;
  limit?: number;
}

interface Disagreement {
  side: Side;
  entity: string;
  evidence: Evidence[];
}

interface Comparison {
  analysis: Analysis;
  schemaErrors: Evidence[];
  ourErrors: Evidence[];
  disagreements: Disagreement[];
}

function entity(pointer: string): string {
  const s = splitPointer(pointer);
  const index = (x?: string) => x !== undefined && /^\d+$/.test(x);
  if (s.length === 0) return '(document)';
  if (s[0] === 'description' && s.length > 1) return `description.${s[1]}`;
  if (s[0] === 'maintenance' && (s[1] === 'contacts' || s[1] === 'contractors') && index(s[2])) return `maintenance.${s[1]}[${s[2]}]`;
  if (s[0] === 'dependsOn' && s.length > 2 && index(s[2])) return `dependsOn.${s[1]}[${s[2]}]`;
  if (s[0] === 'fundedBy' && index(s[1])) return `fundedBy[${s[1]}]`;
  if (s[0] === 'intendedAudience' && s.length > 1) return `intendedAudience.${s[1]}`;
  return s[0];
}

/** Where a schema error points: the missing or extra key for required/additionalProperties, else the instance. */
function schemaPointer(e: ErrorObject): string {
  const p = e.params as { missingProperty?: string; additionalProperty?: string };
  const key = e.keyword === 'required' ? p.missingProperty : e.keyword === 'additionalProperties' ? p.additionalProperty : undefined;
  return key === undefined ? e.instancePath : `${e.instancePath}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Where a finding of ours is: its pointer, or for a syntax error (pointer '') the deepest node whose text holds it. */
function placeOf(f: Finding, doc: ParsedDocument): string {
  if (f.pointer !== '' || !f.ruleId.endsWith('/syntax')) return f.pointer;
  const at = doc.offsetAt(f.range.start);
  let best = '';
  for (const [pointer, node] of doc.nodes) {
    const inside = (node.key ?? node.value).start <= at && at < node.value.end;
    if (inside && splitPointer(pointer).length > splitPointer(best).length) best = pointer;
  }
  return best;
}

/** ajv's wrappers: the errors of their branches carry the place. */
const WRAPPERS = new Set(['oneOf', 'anyOf', 'if']);

async function compare(uri: string, text: string): Promise<Comparison> {
  const analysis = await analyze(uri, text, { standard: { id: 'publiccode' } });
  const v = validateAgainst(schemaStore, analysis.doc.value);
  assert.equal(v.schemaError, undefined, v.schemaError);
  const schemaErrors = v.errors
    .filter((e) => !WRAPPERS.has(e.keyword))
    .map((e) => ({ what: e.keyword, pointer: schemaPointer(e), limit: typeof e.params.limit === 'number' ? e.params.limit : undefined }));
  const ourErrors = analysis.findings.filter((f) => f.severity === 'error').map((f) => ({ what: f.ruleId, pointer: placeOf(f, analysis.doc) }));
  const group = (list: Evidence[]) => {
    const m = new Map<string, Evidence[]>();
    for (const e of list) m.set(entity(e.pointer), [...(m.get(entity(e.pointer)) ?? []), e]);
    return m;
  };
  const theirs = group(schemaErrors);
  const ours = group(ourErrors);
  const disagreements: Disagreement[] = [];
  for (const [k, evidence] of theirs) if (!ours.has(k)) disagreements.push({ side: 'schema-only', entity: k, evidence });
  for (const [k, evidence] of ours) if (!theirs.has(k)) disagreements.push({ side: 'ours-only', entity: k, evidence });
  return { analysis, schemaErrors, ourErrors, disagreements };
}

const hasFinding = (c: Comparison, pointer: string, ruleId: string, severity: Finding['severity']) =>
  c.analysis.findings.some((f) => f.pointer === pointer && f.ruleId === ruleId && f.severity === severity);

const graphemes = (s: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].length;

interface Reason {
  id: string;
  side: Side;
  /** One line, tied to STANDARDS.md. */
  why: string;
  /** Does this reason account for this piece of evidence (computed from the file and the findings)? */
  explains(e: Evidence, c: Comparison): boolean;
}

/** Checks beyond any JSON Schema (STANDARDS.md §7) that the corpus does not show, each with an inline case below. */
const OTHER_BEYOND = /^(publiccode\/(unknown-ipa-code|multiple-documents)|iso3166\/invalid-country)$/;

/** A reason on our side that one or more of our rules account for, whatever the place. */
const ourRule = (id: string, why: string, ...ruleIds: string[]): Reason => ({ id, side: 'ours-only', why, explains: (e) => ruleIds.includes(e.what) });

/** Every way our verdict may differ from SchemaStore's, and why. */
const REASONS: Reason[] = [
  {
    id: 'schema-version-enum-stops-at-0.5',
    side: 'schema-only',
    why: 'SchemaStore defect (STANDARDS.md §1 "SchemaStore gaps", §7.11): its publiccodeYmlVersion enum ends at 0.5/0.5.0, so the current 0.7/0.7.0 (and "1", the 1.0 release candidate, a warning here) fail; the reference validator accepts 0.7.',
    explains: (e, c) => e.what === 'enum' && e.pointer === '/publiccodeYmlVersion' && typeof valueAt(c.analysis.doc.value, e.pointer) === 'string',
  },
  {
    id: 'schema-has-no-supports',
    side: 'schema-only',
    why: 'SchemaStore defect (§1 gaps, §7.11 "no supports"): supports (0.7: alias:<name> or a URI) is not in the schema, whose top-level additionalProperties:false rejects it.',
    explains: (e) => e.what === 'additionalProperties' && e.pointer === '/supports',
  },
  {
    id: 'schema-rejects-lowercase-it',
    side: 'schema-only',
    why: 'SchemaStore defect (§1 gaps, §7.11 "no lowercase it"): top-level additionalProperties:false lists only IT, so the it: section (deprecated since 0.5: a warning for the reference validator and here) is an error there.',
    explains: (e, c) => e.what === 'additionalProperties' && e.pointer === '/it' && hasFinding(c, '/it', 'publiccode/deprecated-key', 'warning'),
  },
  {
    id: 'schema-rejects-lowercase-countries',
    side: 'schema-only',
    why: 'Deprecated, not invalid (§1: uppercase ISO 3166-1 since 0.5, "lowercase → warning" in the Go validator): the schema pattern ^[A-Z]{2}$ makes "it" an error; here it is a publiccode/lowercase-country warning.',
    explains: (e, c) =>
      e.what === 'pattern' &&
      /^\/intendedAudience\/(countries|unsupportedCountries)\/\d+$/.test(e.pointer) &&
      /^[a-z]{2}$/.test(String(valueAt(c.analysis.doc.value, e.pointer))) &&
      hasFinding(c, e.pointer, 'publiccode/lowercase-country', 'warning'),
  },
  {
    id: 'schema-counts-code-points',
    side: 'schema-only',
    why: 'Lengths are grapheme clusters (§1 Go validator umax/umin, §7.8); JSON Schema maxLength/minLength count code points, so an emoji sequence or a combining accent counts several times.',
    explains: (e, c) => {
      const v = valueAt(c.analysis.doc.value, e.pointer);
      if (typeof v !== 'string' || e.limit === undefined || !/^\/description\/[^/]+\/(shortDescription|longDescription|genericName)$/.test(e.pointer)) return false;
      return e.what === 'maxLength' ? graphemes(v) <= e.limit : e.what === 'minLength' && graphemes(v) >= e.limit;
    },
  },
  ourRule(
    'conditional-maintenance',
    'Cross-field rule (§1 "Conditional", §7.6): contacts required when maintenance.type is internal/community, contractors when contract and (since 0.5; the reference validator reads every 0.x as 0.7) only then; the schema has no conditionals (§1 gaps).',
    'publiccode/maintenance-contacts', 'publiccode/maintenance-contractors',
  ),
  {
    id: 'reference-decoder-cascade',
    side: 'ours-only',
    why: "The reference validator's decoder cascade (ARCHITECTURE.md, decoder.ts): after a type error inside a required section publiccode-parser-go reads the whole section as empty; publiccode/dropped-by-reference-parser says so at the section, while both validators report the type error itself.",
    explains: (e, c) => {
      if (e.what !== 'publiccode/dropped-by-reference-parser') return false;
      const section = `/${splitPointer(e.pointer)[0]}/`;
      return c.ourErrors.some((o) => /\/(wrong-type|boolean-as-text)$/.test(o.what) && o.pointer.startsWith(section)) && c.schemaErrors.some((s) => s.what === 'type' && s.pointer.startsWith(section));
    },
  },
  ourRule(
    'description-mandatory-keys',
    'longDescription and features are mandatory (§1 Required fields; the reference validator wants them in every language); the schema requires only shortDescription per language (§1 gaps).',
    'publiccode/description-incomplete',
  ),
  ourRule(
    'bcp47-language-keys',
    'Description keys and availableLanguages are BCP 47 tags (§1, §7.4); the schema takes any key and any string (§1 gaps: "no BCP 47 key pattern").',
    'bcp47/invalid-tag',
  ),
  ourRule(
    'spdx-license',
    'legal.license is an SPDX expression (§1: the Go validator parses it with go-spdx; §7.3); the schema types it as any string.',
    'spdx/invalid-expression',
  ),
  ourRule(
    'oembed-videos',
    'videos must match an oEmbed provider scheme (§1; the Go validator checks data/oembed_schemes.json offline); the schema takes any string, so the spec examples\' placeholder https://youtube.com/xxxxxxxx passes there.',
    'publiccode/video-oembed',
  ),
  {
    id: 'other-rules-beyond-the-schema',
    side: 'ours-only',
    why: 'A check the schema does not make (§1 Go validator checks, §7.7): iPA codes against IndicePA, real ISO 3166-1 codes (XX passes ^[A-Z]{2}$), exactly one YAML document, countryExtensionVersion ∈ {0.2, 1.0} (a plain string there).',
    explains: (e) => OTHER_BEYOND.test(e.what) || (e.what === 'publiccode/invalid-value' && /^\/(it|IT)\/countryExtensionVersion$/.test(e.pointer)),
  },
];

/** The reason of each piece of evidence ('unexplained' when none). */
function reasonsOf(d: Disagreement, c: Comparison): string[] {
  return [...new Set(d.evidence.map((e) => REASONS.find((r) => r.side === d.side && r.explains(e, c))?.id ?? 'unexplained'))];
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((e) => (statSync(join(dir, e)).isDirectory() ? listFiles(join(dir, e)) : [join(dir, e)]));
}

const label = (file: string) => relative(corpus, file).replace(/publiccodeyml__publiccode\.yml_+docs__(en|standard)__example__/, '');

/** Bytes as they are, decoded as UTF-8 (publiccode/encoding reports what does not decode). */
const readText = (file: string) => new TextDecoder('utf-8').decode(readFileSync(file));

const compareFile = (file: string) => compare(pathToFileURL(file).href, readText(file));

function inside(f: Finding, text: string): boolean {
  const lines = text.split(/\r\n|\r|\n/);
  const ok = (p: { line: number; character: number }) => p.line >= 0 && p.character >= 0 && p.line < lines.length && p.character <= lines[p.line].length;
  const { start, end } = f.range;
  return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

test('SchemaStore publiccode.json compiles (draft-07) and accepts a valid 0.5 file', () => {
  const r = validateAgainst(schemaStore, parseYaml(samplePubliccode('"0.5"')));
  assert.equal(r.schemaError, undefined);
  assert.deepEqual(r.errors, []);
});

test('corpus: every real publiccode.yml and spec example against SchemaStore; each disagreement is a documented one', async () => {
  const real = listFiles(realDir);
  const spec = listFiles(specDir);
  assert.equal(real.length, 31);
  assert.equal(spec.length, 16);
  const verdicts = { bothValid: 0, bothInvalid: 0, onlyOursInvalid: 0, onlySchemaInvalid: 0 };
  const byReason = new Map<string, string[]>();
  const unexplained: string[] = [];
  const byFile = new Map<string, { ours: boolean; schema: boolean; disagreements: string[] }>();
  for (const file of [...real, ...spec]) {
    const text = readText(file);
    const c = await compareFile(file);
    for (const f of c.analysis.findings) {
      assert.ok(inside(f, text), `${label(file)}: ${f.ruleId} range ${JSON.stringify(f.range)} lies outside the file`);
      assert.notEqual(f.ruleId, 'core/internal-error', `${label(file)}: ${f.message}`);
    }
    const ours = c.ourErrors.length > 0;
    const schema = c.schemaErrors.length > 0;
    if (!ours && !schema) verdicts.bothValid++;
    else if (ours && schema) verdicts.bothInvalid++;
    else if (ours) verdicts.onlyOursInvalid++;
    else verdicts.onlySchemaInvalid++;
    const here: string[] = [];
    for (const d of c.disagreements) {
      const where = `${label(file)} ${d.entity}`;
      for (const id of reasonsOf(d, c)) {
        if (id === 'unexplained') unexplained.push(`${where} ${d.side}: ${d.evidence.map((e) => `${e.what}@${e.pointer}`).join(' ')}`);
        else byReason.set(id, [...(byReason.get(id) ?? []), where]);
        here.push(`${d.entity} ${id}`);
      }
    }
    byFile.set(label(file), { ours, schema, disagreements: here.sort() });
  }

  const total = [...byReason.values()].reduce((n, l) => n + l.length, 0);
  console.log('publiccode.yml: this tool vs SchemaStore publiccode.json (the schema generic YAML editors use)');
  console.log(`  files analysed: ${byFile.size} (${real.length} real, ${spec.length} spec examples), none crashed`);
  console.log(`  verdicts: both valid ${verdicts.bothValid}, both invalid ${verdicts.bothInvalid}, only ours invalid ${verdicts.onlyOursInvalid}, only schema invalid ${verdicts.onlySchemaInvalid}`);
  console.log(`  disagreements (file × entity × reason): ${total}, unexplained ${unexplained.length}`);
  for (const r of REASONS) console.log(`    ${r.id}: ${byReason.get(r.id)?.length ?? 0}`);
  for (const [id, where] of byReason) console.log(`  ${id}:\n    ${where.join('\n    ')}`);
  if (unexplained.length) console.log(`  unexplained:\n    ${unexplained.join('\n    ')}`);

  assert.deepEqual(unexplained, []);
  assert.equal(byFile.size, 47);
  assert.deepEqual(verdicts, { bothValid: 12, bothInvalid: 25, onlyOursInvalid: 2, onlySchemaInvalid: 8 });
  // Regression guards: how many disagreements each reason explains on the corpus.
  assert.deepEqual(Object.fromEntries([...byReason].map(([id, where]) => [id, where.length]).sort()), {
    'conditional-maintenance': 3,
    'description-mandatory-keys': 3,
    'oembed-videos': 3,
    'reference-decoder-cascade': 3,
    'schema-rejects-lowercase-countries': 20,
    'schema-rejects-lowercase-it': 15,
    'schema-version-enum-stops-at-0.5': 1,
    'spdx-license': 2,
  });
  // The 0.7 file: the schema rejects its version, we accept it, and that is the only difference.
  assert.deepEqual(byFile.get('publiccode/BureauArchitectuurDigitaleOverheid__bouwmeester__publiccode.yml'), {
    ours: false,
    schema: true,
    disagreements: ['publiccodeYmlVersion schema-version-enum-stops-at-0.5'],
  });
  // A 0.2 file with an it: section and lowercase countries: invalid for the schema, warnings here; the
  // contractors of an "internal" maintenance are an error here only.
  assert.deepEqual(byFile.get('publiccode/AUSL-ReggioEmilia__Matilde__publiccode.yml'), {
    ours: true,
    schema: true,
    disagreements: ['intendedAudience.countries schema-rejects-lowercase-countries', 'it schema-rejects-lowercase-it', 'maintenance conditional-maintenance'],
  });
  // Both invalid, at different places: the licence and the misplaced contacts.
  assert.deepEqual(byFile.get('publiccode/CARD-AI__BLKT-VMS-Validavimas__publiccode.yml')?.disagreements, ['legal spdx-license', 'maintenance conditional-maintenance']);
  // A YAML syntax error inside description.en: our yaml/syntax finding and the schema's errors about the
  // value the parser recovered (a missing shortDescription, keys made of prose) fall in the same entity.
  assert.deepEqual(byFile.get('publiccode/Arpae-it__Rshortener__publiccode.yml'), { ours: true, schema: true, disagreements: ['it schema-rejects-lowercase-it'] });
  // Only ours invalid: the spec's own full examples at v0.7.0 and 1.0-rc, for their placeholder video URL.
  assert.deepEqual(
    [...byFile].filter(([, v]) => v.ours && !v.schema).map(([k, v]) => `${k}: ${v.disagreements.join(', ')}`),
    ['publiccode-spec-examples/spec-example-1.0-rc/publiccode.yml: description.en oembed-videos', 'publiccode-spec-examples/spec-example-v0.7.0/publiccode.yml: description.en oembed-videos'],
  );
  // The spec's minimal examples get the same verdict from both: invalid up to core-0.2.1 (the 0.1 keys,
  // version "0.1", localisationReady: yes), valid from v0.3.0 on.
  const minimal = [...byFile].filter(([k]) => /minimal/.test(k));
  assert.equal(minimal.length, 8);
  for (const [k, v] of minimal) assert.deepEqual({ ours: v.ours, schema: v.schema }, /0\.1|core-0\.2/.test(k) ? { ours: true, schema: true } : { ours: false, schema: false }, k);
});

test('the value given to the schema is what the yaml package reads (YAML 1.2) for every well-formed file', async () => {
  let compared = 0;
  for (const file of [...listFiles(realDir), ...listFiles(specDir)]) {
    const text = readText(file);
    const r = await analyze(pathToFileURL(file).href, text, { standard: { id: 'publiccode' } });
    if (r.doc.syntaxFindings.length > 0 || r.doc.documentCount !== 1) continue;
    assert.deepEqual(r.doc.value, parseYaml(text), label(file));
    compared++;
  }
  assert.ok(compared >= 45, `compared ${compared}`);
});

test('YAML 1.1 would be the wrong reading: yes/no become booleans and the schema would miss real errors', async () => {
  // publiccode.yml is YAML 1.2 since 0.3 (STANDARDS.md §1, §7.2), where yes/no are text: the reference
  // validator rejects `localisationReady: yes`, and so do we and the schema on the YAML 1.2 value.
  const file = join(realDir, 'CodeForBaltimore__Healthcare-Rollcall__publiccode.yml');
  const c = await compareFile(file);
  const at = (list: Evidence[]) => list.filter((e) => e.pointer === '/localisation/localisationReady' || e.pointer === '/dependsOn/open/0/optional').map((e) => `${e.what}@${e.pointer}`);
  assert.deepEqual(at(c.schemaErrors), ['type@/localisation/localisationReady', 'type@/dependsOn/open/0/optional']);
  assert.deepEqual(at(c.ourErrors), ['publiccode/boolean-as-text@/localisation/localisationReady', 'publiccode/boolean-as-text@/dependsOn/open/0/optional']);
  const yaml11 = parseYaml(readText(file), { version: '1.1' }) as { localisation: { localisationReady: unknown } };
  assert.equal(yaml11.localisation.localisationReady, true);
  const errors11 = validateAgainst(schemaStore, yaml11).errors.map((e) => e.instancePath);
  assert.ok(!errors11.includes('/localisation/localisationReady') && !errors11.includes('/dependsOn/open/0/optional'), JSON.stringify(errors11));
});

/** A valid publiccode.yml 0.7 (version "0"), edited by the inline cases. */
const sample = (extra = '', edits: [string | RegExp, string][] = []) =>
  edits.reduce((text, [from, to]) => {
    assert.ok(text.match(from), `the case's edit ${String(from)} changes nothing`);
    return text.replace(from, to);
  }, samplePubliccode('"0"', extra));

/** One case per reason: a real file where one shows it, else a small inline file. */
const CASES: { name: string; reason: string; entity: string; file?: string; yaml?: string }[] = [
  { name: 'publiccodeYmlVersion "0.7" (real file)', reason: 'schema-version-enum-stops-at-0.5', entity: 'publiccodeYmlVersion', file: 'publiccode/BureauArchitectuurDigitaleOverheid__bouwmeester__publiccode.yml' },
  { name: 'publiccodeYmlVersion "1", the 1.0 release candidate', reason: 'schema-version-enum-stops-at-0.5', entity: 'publiccodeYmlVersion', yaml: samplePubliccode('"1"') },
  { name: 'supports: [{id: alias:spid}]', reason: 'schema-has-no-supports', entity: 'supports', yaml: sample('supports:\n  - id: alias:spid\n') },
  { name: 'a lowercase it: section (real file)', reason: 'schema-rejects-lowercase-it', entity: 'it', file: 'publiccode/ARPA-SIMC__CRITERIA3D__publiccode.yml' },
  { name: 'countries: [it] (real file)', reason: 'schema-rejects-lowercase-countries', entity: 'intendedAudience.countries', file: 'publiccode/Arpapiemonte__openoise-map__publiccode.yml' },
  { name: 'a shortDescription of 40 family emoji (40 characters, 280 code points)', reason: 'schema-counts-code-points', entity: 'description.en', yaml: sample('', [['Booking system for hospitals', '👨‍👩‍👧‍👦'.repeat(40)]]) },
  { name: 'contractors with maintenance.type internal (real file)', reason: 'conditional-maintenance', entity: 'maintenance', file: 'publiccode/AUSL-ReggioEmilia__Matilde__publiccode.yml' },
  { name: 'no contacts for community maintenance (real file)', reason: 'conditional-maintenance', entity: 'maintenance', file: 'publiccode/CARD-AI__BLKT-VMS-Validavimas__publiccode.yml' },
  { name: 'description.it written as a text (real file)', reason: 'reference-decoder-cascade', entity: 'description', file: 'publiccode/CS78-open__PsyMemo__publiccode.yml' },
  { name: 'a description language without features (real file)', reason: 'description-mandatory-keys', entity: 'description.it', file: 'publiccode/Comune-Milano__gefo__publiccode.yml' },
  { name: 'a description keyed "english"', reason: 'bcp47-language-keys', entity: 'description.english', yaml: sample('', [[/^ {2}en:$/m, '  english:']]) },
  { name: 'license "Apache License, Version 2.0" (real file)', reason: 'spdx-license', entity: 'legal', file: 'publiccode/CARD-AI__BLKT-VMS-Validavimas__publiccode.yml' },
  { name: "the spec example's placeholder video URL (real file)", reason: 'oembed-videos', entity: 'description.en', file: 'publiccode-spec-examples/spec-example-v0.7.0/publiccodeyml__publiccode.yml__docs__standard__example__publiccode.yml' },
  { name: 'an iPA code not in IndicePA', reason: 'other-rules-beyond-the-schema', entity: 'organisation', yaml: sample('organisation:\n  uri: "urn:x-italian-pa:zz_not_a_code"\n') },
  { name: 'country XX', reason: 'other-rules-beyond-the-schema', entity: 'intendedAudience.countries', yaml: sample('intendedAudience:\n  countries:\n    - XX\n') },
  { name: 'a second YAML document', reason: 'other-rules-beyond-the-schema', entity: '(document)', yaml: sample('---\nname: Other\n') },
  { name: 'IT.countryExtensionVersion "0.3"', reason: 'other-rules-beyond-the-schema', entity: 'IT', yaml: sample('IT:\n  countryExtensionVersion: "0.3"\n') },
];

for (const c of CASES) {
  test(`SchemaStore vs this tool: ${c.name} — ${c.reason}`, async () => {
    const r = c.file ? await compareFile(join(corpus, c.file)) : await compare('file:///repo/publiccode.yml', c.yaml ?? '');
    const d = r.disagreements.find((x) => x.entity === c.entity);
    assert.ok(d, `no disagreement at ${c.entity}: ${JSON.stringify(r.disagreements)}`);
    assert.equal(d.side, REASONS.find((x) => x.id === c.reason)?.side);
    assert.deepEqual(reasonsOf(d, r), [c.reason], JSON.stringify(d));
    // An inline case differs from the schema in that one place only.
    if (c.yaml !== undefined) assert.equal(r.disagreements.length, 1, JSON.stringify(r.disagreements));
  });
}

/** Where both must give the same verdict at the same places (no disagreement at all). */
const AGREE: { name: string; yaml: string; invalid: boolean }[] = [
  { name: 'a valid 0.7 file (version "0")', yaml: sample(), invalid: false },
  { name: 'a valid 0.5 file', yaml: samplePubliccode('"0.5"'), invalid: false },
  // The spec text says "string or array", but the reference validator rejects a string ("wrong type for
  // this field", parser-go testdata v0/invalid/platforms_wrong_type.yml) and so do we and the schema.
  { name: 'platforms as a single string', yaml: sample('', [[/^platforms:\n {2}- web$/m, 'platforms: web']]), invalid: true },
  { name: 'localisationReady: yes (text in YAML 1.2)', yaml: sample('', [['localisationReady: true', 'localisationReady: yes']]), invalid: true },
  { name: 'an unquoted version 0.4 (a YAML number)', yaml: samplePubliccode('0.4'), invalid: true },
  { name: 'releaseDate 2019-02-30 (no such day)', yaml: sample('releaseDate: "2019-02-30"\n'), invalid: true },
  { name: 'an e-mail address with two @', yaml: sample('', [['- name: Francesco Rossi', '- name: Francesco Rossi\n      email: jane@@example.org']]), invalid: true },
  { name: 'a landingURL without scheme', yaml: sample('landingURL: www.example.org\n'), invalid: true },
  { name: 'an unknown category', yaml: sample('categories:\n  - hospital-booking\n'), invalid: true },
  { name: 'a longDescription under 150 characters', yaml: sample('', [[/longDescription: >\n.*\n/, 'longDescription: Too short.\n']]), invalid: true },
  { name: 'an x- extension key', yaml: sample('x-acme: 1\n'), invalid: true },
];

for (const c of AGREE) {
  test(`SchemaStore vs this tool agree: ${c.name}`, async () => {
    const r = await compare('file:///repo/publiccode.yml', c.yaml);
    assert.deepEqual(r.disagreements, []);
    assert.equal(r.ourErrors.length > 0, c.invalid, JSON.stringify(r.ourErrors));
    assert.equal(r.schemaErrors.length > 0, c.invalid, JSON.stringify(r.schemaErrors));
  });
}

test('every reason says why, and each one is exercised by a case', () => {
  for (const r of REASONS) {
    assert.ok(r.why.length > 60 && (/§\d/.test(r.why) || /ARCHITECTURE/.test(r.why)), r.id);
    assert.ok(CASES.some((c) => c.reason === r.id), `no case for ${r.id}`);
  }
});
