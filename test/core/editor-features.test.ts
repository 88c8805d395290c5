// In-process tests of the schema-driven editor features: schemaWalk, complete, hover, actions.
// They use a small schema written here (every construct the walker supports), so they do not move
// when the bundled standards' schemas change; test/lsp covers the real publiccode schema end to end.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { parseDocument, type ParsedDocument } from '../../server/src/core/document';
import { complete, yamlPlainSafe, yamlScalar, type CompletionEntry, type CompletionOptions } from '../../server/src/core/complete';
import { hover } from '../../server/src/core/hover';
import { codeActions, nearest } from '../../server/src/core/actions';
import { objectProperties, quickCheck, resolveRef, schemaFacts, schemasAt } from '../../server/src/core/schemaWalk';
import type { Finding, TextEdit } from '../../server/src/core/types';

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://example.org/thing.schema.json',
  type: 'object',
  required: ['name', 'status', 'maintenance'],
  additionalProperties: false,
  properties: {
    version: { type: 'string', title: 'Format version', description: 'Version of the format.', examples: ['0.7'] },
    name: { type: 'string', title: 'Name', markdownDescription: 'The **name** of the thing.', description: 'The name (plain).', examples: ['Medusa'] },
    status: { $ref: '#/definitions/status' },
    oldName: { type: 'string', description: 'Former name.', deprecated: true, 'x-civic': { deprecatedSince: '0.3', replacement: 'name' } },
    owner: {
      type: 'string',
      markdownDescription: '**Deprecated since 0.5**: use `organisation.name`.\n\nWho owns the repository.',
      deprecated: true,
      'x-civic': { deprecatedSince: '0.5', replacement: '/organisation/name' },
    },
    logo2: { type: 'string', description: 'A second logo.', 'x-civic': { deprecatedSince: '0.3', replacement: '/organisation/name' } },
    platforms: { type: 'array', description: 'Platforms it runs on.', items: { type: 'string', enum: ['web', 'linux', 'windows'] } },
    ready: { type: 'boolean', description: 'Ready for use?' },
    maintenance: { $ref: '#/$defs/maintenance' },
    description: {
      type: 'object',
      patternProperties: { '^[a-z]{2}$': { $ref: '#/definitions/desc' } },
      additionalProperties: false,
      'x-civic': { keysFrom: '/languages' },
    },
    languages: { type: 'array', items: { type: 'string' } },
    organisation: {
      type: 'object',
      description: 'Who owns it.',
      properties: { uri: { type: 'string' }, name: { type: 'string' } },
      required: ['uri'],
      examples: [{ uri: 'https://example.org' }],
      'x-civic': { since: '0.5' },
    },
    either: { oneOf: [{ type: 'string', enum: ['a', 'b'] }, { type: 'array', items: { type: 'string', enum: ['x', 'y'] } }] },
    tree: { $ref: '#/definitions/node' },
    anchored: { $ref: '#leaf' },
    viaId: { $ref: 'https://example.org/thing.schema.json#/definitions/status' },
    external: { $ref: 'other.json#/definitions/x' },
  },
  definitions: {
    status: {
      title: 'Status',
      description: 'How far along it is.',
      type: 'string',
      enum: ['concept', 'development', 'beta', 'stable', 'obsolete'],
      'x-civic': { specUrl: 'https://spec.example/status' },
    },
    desc: { type: 'object', properties: { short: { type: 'string', maxLength: 150 }, long: { type: 'string' } }, required: ['short'] },
    contact: { type: 'object', properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: 'string' } }, required: ['name'] },
    node: { type: 'object', properties: { label: { type: 'string' }, child: { $ref: '#/definitions/node' } } },
    leaf: { $id: '#leaf', type: 'integer', description: 'Found through its $id.' },
  },
  $defs: {
    maintenance: {
      type: 'object',
      required: ['type'],
      additionalProperties: false,
      properties: {
        type: { enum: ['internal', 'contract', 'community', 'none'], description: 'Who maintains it.' },
        contacts: { type: 'array', items: { $ref: '#/definitions/contact' } },
        contractors: { type: 'array', items: { type: 'object' } },
      },
      allOf: [{ if: { properties: { type: { const: 'contract' } }, required: ['type'] }, then: { required: ['contractors'] }, else: { required: ['contacts'] } }],
    },
  },
};

const standard = { title: 'Thing', specUrl: 'https://spec.example/' };
const detection = { standardId: 'thing', version: '0.4', reason: 'test' };

/**
 * Parse text with a `|` cursor marker; returns the document and the cursor offset. The *last* `|` is the
 * cursor, so that texts can hold YAML block scalar indicators (`long: |`) before it.
 */
function at(marked: string, uri = 'file:///w/thing.yml'): { doc: ParsedDocument; offset: number } {
  const offset = marked.lastIndexOf('|');
  assert.notEqual(offset, -1, 'cursor marker missing');
  const doc = parseDocument(uri, marked.slice(0, offset) + marked.slice(offset + 1));
  return { doc, offset };
}

function completeAt(marked: string, options: CompletionOptions = { snippets: true }, uri?: string) {
  const { doc, offset } = at(marked, uri);
  const result = complete({ doc, schema, standard, detection }, doc.positionAt(offset), options);
  return { doc, offset, items: result.items };
}

const labels = (items: CompletionEntry[]) => items.map((i) => i.label);
const byLabel = (items: CompletionEntry[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no completion item "${label}" among ${labels(items).join(', ')}`);
  return item;
};

/** Expand a snippet the way an editor does when the user accepts the first choice / leaves stops empty. */
function expandSnippet(s: string): string {
  return s
    .replace(/\$\{\d+\|((?:\\.|[^,|])*)[,|][^}]*\}/g, (_m, first: string) => first.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+:((?:\\.|[^}])*)\}/g, (_m, d: string) => d.replace(/\\(.)/g, '$1'))
    .replace(/\$\d+/g, '')
    .replace(/\\([\\$}])/g, '$1');
}

/** Apply a completion item (or edits) to the document text. */
function apply(doc: ParsedDocument, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
  let text = doc.text;
  for (const e of sorted) text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  return text;
}

function accept(doc: ParsedDocument, item: CompletionEntry): string {
  return apply(doc, [{ range: item.range, newText: item.snippet ? expandSnippet(item.insertText) : item.insertText }]);
}

// -------------------------------------------------------------------------------------- schemaWalk

describe('schemaWalk', () => {
  test('follows $ref into definitions and $defs, outer schema first', () => {
    const status = schemasAt(schema, '/status');
    assert.equal(status[0].schema, schema.properties.status, 'the $ref wrapper comes first');
    assert.equal(status[1].schema, schema.definitions.status);
    assert.ok(status.every((a) => a.certain));
    const type = schemasAt(schema, '/maintenance/type');
    assert.deepEqual(schemaFacts(type).enum, ['internal', 'contract', 'community', 'none']);
  });

  test('resolves refs by $id anchor and by the root $id; skips other documents', () => {
    assert.equal(schemaFacts(schemasAt(schema, '/anchored')).description, 'Found through its $id.');
    assert.deepEqual(schemaFacts(schemasAt(schema, '/viaId')).enum, schema.definitions.status.enum);
    assert.equal(resolveRef(schema, 'other.json#/definitions/x'), undefined);
    assert.deepEqual(schemasAt(schema, '/external').map((a) => a.schema), [schema.properties.external]);
    assert.equal(resolveRef(schema, '#/definitions/nope'), undefined);
  });

  test('patternProperties match; additionalProperties:false leaves nothing', () => {
    const short = schemaFacts(schemasAt(schema, '/description/en/short'));
    assert.deepEqual(short.types, ['string']);
    assert.deepEqual(schemasAt(schema, '/description/EN'), []);
    assert.deepEqual(schemasAt(schema, '/nonsense'), []);
  });

  test('items apply to every index', () => {
    assert.deepEqual(schemaFacts(schemasAt(schema, '/platforms/3')).enum, ['web', 'linux', 'windows']);
    assert.deepEqual(schemaFacts(schemasAt(schema, '/maintenance/contacts/0/email')).types, ['string']);
  });

  test('oneOf branches are filtered by the instance type when the document is known', () => {
    assert.deepEqual(schemaFacts(schemasAt(schema, '/either', { document: { either: 'a' } })).enum, ['a', 'b']);
    const asList = schemasAt(schema, '/either', { document: { either: ['x'] } });
    assert.equal(schemaFacts(asList).enum, undefined, 'the list branch has no enum of its own');
    assert.deepEqual(schemaFacts(schemasAt(schema, '/either/0', { document: { either: ['x'] } })).enum, ['x', 'y']);
    // Unknown instance: both branches, uncertain.
    const both = schemasAt(schema, '/either');
    assert.ok(both.some((a) => !a.certain));
  });

  test('if/then/else is decided against the document, or left open', () => {
    const props = (doc: unknown) =>
      objectProperties(schema, schemasAt(schema, '/maintenance', { document: doc }), (doc as { maintenance?: unknown })?.maintenance)
        .filter((p) => p.required)
        .map((p) => p.name);
    assert.deepEqual(props({ maintenance: { type: 'contract' } }), ['type', 'contractors']);
    assert.deepEqual(props({ maintenance: { type: 'internal' } }), ['type', 'contacts']);
    assert.deepEqual(props(undefined), ['type'], 'undecided: neither branch is required for sure');
  });

  test('recursive schemas terminate', () => {
    const deep = schemasAt(schema, '/tree/child/child/child/label');
    assert.deepEqual(schemaFacts(deep).types, ['string']);
  });

  test('walks without a document are cached per schema object', () => {
    assert.equal(schemasAt(schema, '/maintenance/contacts/0'), schemasAt(schema, ['maintenance', 'contacts', '0']));
    const copy = structuredClone(schema);
    assert.notEqual(schemasAt(copy, '/maintenance/contacts/0'), schemasAt(schema, '/maintenance/contacts/0'));
  });

  test('quickCheck decides simple conditions and admits what it cannot', () => {
    assert.equal(quickCheck(schema, { properties: { type: { const: 'contract' } }, required: ['type'] }, { type: 'contract' }), true);
    assert.equal(quickCheck(schema, { properties: { type: { const: 'contract' } }, required: ['type'] }, { type: 'none' }), false);
    assert.equal(quickCheck(schema, { required: ['type'] }, {}), false);
    assert.equal(quickCheck(schema, { pattern: '^a+$' }, 'aaa'), true);
    assert.equal(quickCheck(schema, { not: { type: 'string' } }, 'x'), false);
    assert.equal(quickCheck(schema, { uniqueItems: true }, [1, 1]), undefined);
    assert.equal(quickCheck(schema, { type: 'string' }, undefined), undefined);
  });
});

// ---------------------------------------------------------------------------------------- complete

describe('complete (YAML)', () => {
  test('keys of an empty document: all of them, required first, deprecated last', () => {
    const { items } = completeAt('|');
    assert.deepEqual(new Set(labels(items)), new Set(Object.keys(schema.properties)));
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, 3), ['name', 'status', 'maintenance']);
    assert.deepEqual(new Set(sorted.slice(-3)), new Set(['oldName', 'owner', 'logo2']), 'deprecated (by flag or by x-civic for this version) last');
    const old = byLabel(items, 'oldName');
    assert.equal(old.deprecated, true);
    assert.match(old.detail ?? '', /deprecated/);
    assert.match(old.documentation ?? '', /Deprecated\*\* since version 0\.3\. Use `name` instead/);
    assert.equal(byLabel(items, 'name').kind, 'property');
    assert.match(byLabel(items, 'name').documentation ?? '', /The \*\*name\*\* of the thing\./, 'markdownDescription wins over description');
    assert.match(byLabel(items, 'name').detail ?? '', /required/);
  });

  test('keys already present are not offered; the key being typed is replaced', () => {
    const { doc, items } = completeAt('name: x\nsta|\nready: true\n');
    assert.ok(!labels(items).includes('name'));
    assert.ok(!labels(items).includes('ready'));
    const status = byLabel(items, 'status');
    assert.deepEqual(status.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    const text = accept(doc, status);
    assert.deepEqual(parseYaml(text), { name: 'x', status: 'concept', ready: true });
  });

  test('editing an existing key replaces just the key, and the key itself is offered again', () => {
    const { doc, items } = completeAt('na|me: x\nstatus: beta\n');
    const name = byLabel(items, 'name');
    assert.equal(name.insertText, 'name');
    assert.equal(accept(doc, name), 'name: x\nstatus: beta\n');
    assert.ok(!labels(items).includes('status'));
  });

  test('enum values after `key: `, with the token under the cursor replaced', () => {
    const { doc, items } = completeAt('name: x\nstatus: be|\n');
    assert.deepEqual(labels(items), ['concept', 'development', 'beta', 'stable', 'obsolete']);
    assert.ok(items.every((i) => i.kind === 'enum'));
    assert.equal(accept(doc, byLabel(items, 'stable')), 'name: x\nstatus: stable\n');
  });

  test('values keep the quote the user started with', () => {
    const { doc, items } = completeAt('status: "be|"\n');
    const beta = byLabel(items, 'beta');
    assert.equal(beta.insertText, '"beta"');
    assert.equal(beta.filterText, '"beta"');
    assert.equal(accept(doc, beta), 'status: "beta"\n');
    const single = completeAt("status: 'st|\n");
    assert.equal(accept(single.doc, byLabel(single.items, 'stable')), "status: 'stable'\n");
  });

  test('right after the colon a space is inserted', () => {
    const { doc, items } = completeAt('status:|');
    assert.equal(accept(doc, byLabel(items, 'beta')), 'status: beta');
  });

  test('booleans offer true and false', () => {
    const { items } = completeAt('ready: |');
    assert.deepEqual(labels(items), ['true', 'false']);
  });

  test('sequence items: enum values of the items, also with indentless sequences and right after `-`', () => {
    assert.deepEqual(labels(completeAt('platforms:\n  - |\n').items), ['web', 'linux', 'windows']);
    assert.deepEqual(labels(completeAt('platforms:\n- web\n- li|\n').items), ['linux', 'windows']);
    const { doc, items } = completeAt('platforms:\n  -|');
    assert.equal(accept(doc, byLabel(items, 'linux')), 'platforms:\n  - linux');
    assert.deepEqual(labels(completeAt('platforms: [web, |]').items), ['linux', 'windows']);
  });

  test('values other items of the list already have are not offered again', () => {
    assert.deepEqual(labels(completeAt('platforms:\n  - linux\n  - |\n  - web\n').items), ['windows']);
    assert.deepEqual(labels(completeAt('platforms:\n  - li|nux\n  - web\n').items), ['linux', 'windows'], 'the item being edited keeps its value');
  });

  test('free-form keys named by another list in the document (x-civic.keysFrom)', () => {
    const { doc, items } = completeAt('languages: [en, it, Not A Code]\ndescription:\n  en:\n    short: Hi\n  |\n');
    assert.deepEqual(labels(items), ['it'], 'en is there; a name the patternProperties reject is not offered');
    const it = byLabel(items, 'it');
    assert.deepEqual(parseYaml(accept(doc, it)).description.it, { short: null }, 'the new language gets its required keys');
    assert.deepEqual(completeAt('description:\n  |\n').items, [], 'no list, no names');
  });

  test('keys inside a sequence of mappings', () => {
    const first = completeAt('maintenance:\n  type: internal\n  contacts:\n    - |\n');
    assert.deepEqual(labels(first.items), ['name', 'email', 'phone']);
    assert.equal(byLabel(first.items, 'name').detail?.startsWith('required'), true);
    const second = completeAt('maintenance:\n  type: internal\n  contacts:\n    - name: Ann\n      |\n');
    assert.deepEqual(labels(second.items), ['email', 'phone']);
    const text = accept(second.doc, byLabel(second.items, 'email'));
    assert.deepEqual(parseYaml(text), { maintenance: { type: 'internal', contacts: [{ name: 'Ann', email: null }] } });
  });

  test('conditionally required keys follow the document (if/then/else)', () => {
    const contract = completeAt('maintenance:\n  type: contract\n  |\n');
    assert.match(byLabel(contract.items, 'contractors').detail ?? '', /^required/);
    assert.doesNotMatch(byLabel(contract.items, 'contacts').detail ?? '', /required/);
    const internal = completeAt('maintenance:\n  type: internal\n  |\n');
    assert.match(byLabel(internal.items, 'contacts').detail ?? '', /^required/);
  });

  test('a mapping key inserts its required keys, indented from the key column', () => {
    const { doc, items } = completeAt('name: x\nmaint|\n');
    const m = byLabel(items, 'maintenance');
    assert.equal(m.snippet, true);
    assert.equal(m.keepIndentation, true);
    assert.deepEqual(parseYaml(accept(doc, m)), { name: 'x', maintenance: { type: 'internal' } });
    // Under `- `, continuation lines are indented from the key (after the dash), not from the dash.
    const nested = completeAt('tree:\n  child:\n    |\n');
    const child = byLabel(nested.items, 'child');
    assert.equal(child.insertText, 'child:\n      $1');
  });

  test('a list key inserts a first item in the document\'s sequence style', () => {
    const indented = completeAt('name: x\nfoo:\n  - a\n|');
    assert.equal(expandSnippet(byLabel(indented.items, 'platforms').insertText), 'platforms:\n  - ');
    const indentless = completeAt('name: x\nfoo:\n- a\n|');
    assert.equal(expandSnippet(byLabel(indentless.items, 'platforms').insertText), 'platforms:\n- ');
    const four = completeAt('name: x\nfoo:\n    bar: 1\n|');
    assert.equal(expandSnippet(byLabel(four.items, 'platforms').insertText), 'platforms:\n    - ');
  });

  test('without snippet support the insert text is plain', () => {
    const { items } = completeAt('|', { snippets: false });
    const status = byLabel(items, 'status');
    assert.equal(status.snippet, false);
    assert.equal(status.insertText, 'status: ');
    assert.doesNotMatch(items.map((i) => i.insertText).join('\n'), /\$\d|\$\{/);
  });

  test('strings that YAML would read as numbers are quoted', () => {
    const { items } = completeAt('|');
    assert.equal(byLabel(items, 'version').insertText, 'version: "$1"');
    assert.equal(yamlScalar('0.7'), '"0.7"');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar('stable'), 'stable');
    assert.equal(yamlPlainSafe('standalone/web'), true);
    assert.equal(yamlPlainSafe('- x'), false);
    assert.equal(yamlPlainSafe('a: b'), false);
  });

  test('examples are offered for an empty value, never while typing prose', () => {
    const { items } = completeAt('name: |');
    assert.deepEqual(labels(items), ['Medusa']);
    assert.equal(items[0].kind, 'example');
    assert.equal(items[0].detail, 'example');
    assert.deepEqual(labels(completeAt('name: |', { snippets: true, triggerCharacter: ' ' }).items), ['Medusa']);
    assert.deepEqual(completeAt('name: Me|').items, [], 'once typing has started, examples are not pushed');
    assert.deepEqual(completeAt('name: My app |').items, []);
    assert.deepEqual(completeAt('name: My app |', { snippets: true, triggerCharacter: ' ' }).items, []);
  });

  test('a space typed in indentation does not pop up keys; after `- ` it does', () => {
    assert.deepEqual(completeAt('maintenance:\n  |', { snippets: true, triggerCharacter: ' ' }).items, []);
    assert.ok(completeAt('platforms:\n  - |', { snippets: true, triggerCharacter: ' ' }).items.length === 3);
  });

  test('nothing in comments, block scalars, continuation lines, or unknown places', () => {
    assert.deepEqual(completeAt('name: x # a comm|').items, []);
    assert.deepEqual(completeAt('# sta|\nname: x').items, []);
    assert.deepEqual(completeAt('description:\n  en:\n    long: |\n      text\n      |\n').items, []);
    assert.deepEqual(completeAt('description:\n  en:\n    long: one\n      two |\n').items, []);
    assert.deepEqual(completeAt('description:\n  en:\n    long: >-\n      text\n\n      |\n').items, [], 'a blank line at the body indentation');
  });

  test('right after a block scalar, a sibling key is completed', () => {
    assert.deepEqual(labels(completeAt('description:\n  en:\n    long: |\n      text\n    |').items), ['short']);
    assert.deepEqual(labels(completeAt('description:\n  en:\n    long: |\n      text\n\n    |\n').items), ['short']);
    assert.ok(labels(completeAt('name: x\ndescription:\n  en:\n    long: >-\n      text\n      more\n|').items).includes('status'));
    assert.deepEqual(completeAt('nonsense:\n  |').items, []);
  });

  test('no schema, no completion', () => {
    const { doc, offset } = at('name: |');
    assert.deepEqual(complete({ doc }, doc.positionAt(offset)).items, []);
  });
});

describe('complete (JSON)', () => {
  const json = (marked: string, options?: CompletionOptions) => completeAt(marked, options ?? { snippets: true }, 'file:///w/thing.json');

  test('property names inside an object, present ones left out, a comma added before the next entry', () => {
    const { doc, items } = json('{\n  "name": "x",\n  |\n  "ready": true\n}');
    assert.ok(!labels(items).includes('name') && !labels(items).includes('ready'));
    const status = byLabel(items, 'status');
    assert.equal(status.insertText, '"status": ${1|"concept","development","beta","stable","obsolete"|},');
    assert.deepEqual(JSON.parse(accept(doc, status)), { name: 'x', status: 'concept', ready: true });
  });

  test('a half-typed quoted key is replaced, filter text includes the quote', () => {
    const { doc, items } = json('{"name": "x", "sta|"}');
    const status = byLabel(items, 'status');
    assert.equal(status.filterText, '"status"');
    assert.deepEqual(JSON.parse(accept(doc, status)), { name: 'x', status: 'concept' });
  });

  test('values after the colon and inside arrays', () => {
    const { doc, items } = json('{"status": "b|"}');
    assert.equal(accept(doc, byLabel(items, 'beta')), '{"status": "beta"}');
    assert.deepEqual(labels(json('{"platforms": [|]}').items), ['web', 'linux', 'windows']);
    assert.deepEqual(labels(json('{"ready": |}').items), ['true', 'false']);
    assert.deepEqual(json('{"status": "beta" |}').items, [], 'after a complete value');
  });
});

// ------------------------------------------------------------------------------------------- hover

describe('hover', () => {
  const hoverAt = (marked: string, version = '0.4') => {
    const { doc, offset } = at(marked);
    return { doc, result: hover({ doc, schema, standard, detection: { ...detection, version } }, doc.positionAt(offset)) };
  };

  test('on a key: name, title, description, allowed values, spec link from x-civic', () => {
    const { result } = hoverAt('name: x\nsta|tus: beta\n');
    assert.ok(result);
    assert.match(result.markdown, /\*\*`status`\*\* — Status/);
    assert.match(result.markdown, /How far along it is\./);
    assert.match(result.markdown, /Allowed values: `concept`, `development`, `beta`, `stable`, `obsolete`/);
    assert.match(result.markdown, /\[Thing specification\]\(https:\/\/spec\.example\/status\)/);
    assert.deepEqual(result.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
  });

  test('falls back to the standard\'s spec link; markdownDescription preferred', () => {
    const { result } = hoverAt('na|me: x\n');
    assert.match(result!.markdown, /The \*\*name\*\* of the thing\./);
    assert.doesNotMatch(result!.markdown, /The name \(plain\)/);
    assert.match(result!.markdown, /\(https:\/\/spec\.example\/\)/);
    assert.match(result!.markdown, /Example: `Medusa`/);
  });

  test('on a value: the same documentation, with the value\'s range', () => {
    const { result } = hoverAt('status: st|able\n');
    assert.match(result!.markdown, /How far along it is\./);
    assert.deepEqual(result!.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 14 } });
  });

  test('deprecated keys say since when and what to use instead', () => {
    const { result } = hoverAt('old|Name: x\n');
    assert.match(result!.markdown, /\*\*Deprecated\*\* since version 0\.3\. Use `name` instead\./);
  });

  test('deprecation is not repeated when the description says it; pointer replacements read as paths', () => {
    const owner = hoverAt('own|er: x\n').result!.markdown;
    assert.equal(owner.match(/deprecated/gi)?.length, 1, owner);
    const logo2 = hoverAt('log|o2: x\n').result!.markdown;
    assert.match(logo2, /\*\*Deprecated\*\* since version 0\.3\. Use `organisation\.name` instead\./);
    // x-civic.deprecatedSince applies only from that version on.
    const { items } = completeAt('|');
    assert.equal(byLabel(items, 'logo2').deprecated, true, 'file version 0.4 ≥ 0.3');
  });

  test('since: says when the file\'s version is older', () => {
    assert.match(hoverAt('organ|isation:\n  uri: u\n', '0.4').result!.markdown, /Since version 0\.5\. This file declares 0\.4, which does not have it yet\./);
    const newer = hoverAt('organ|isation:\n  uri: u\n', '0.6').result!.markdown;
    assert.match(newer, /Since version 0\.5\./);
    assert.doesNotMatch(newer, /does not have it/);
    assert.match(newer, /```yaml\norganisation:\n {2}uri: https:\/\/example\.org\n```/, 'object examples are shown as YAML under their key');
  });

  test('a list item without its own description shows the list\'s', () => {
    const { result } = hoverAt('platforms:\n  - li|nux\n');
    assert.match(result!.markdown, /Platforms it runs on\./);
    assert.match(result!.markdown, /`platforms\[0\]`/);
  });

  test('nothing for unknown keys, whitespace, or without a schema', () => {
    assert.equal(hoverAt('name: x\nunkno|wn: 1\n').result, undefined);
    assert.equal(hoverAt('name: x\n|\n').result, undefined);
    const { doc, offset } = at('na|me: x');
    assert.equal(hover({ doc }, doc.positionAt(offset)), undefined);
  });
});

// ----------------------------------------------------------------------------------------- actions

function unknownKey(doc: ParsedDocument, pointer: string, allowed: string[]): Finding {
  const info = doc.nodes.get(pointer)!;
  const key = pointer.split('/').pop()!;
  return { ruleId: 'thing/unknown-key', severity: 'error', message: `Unknown key ${key}`, pointer, range: doc.rangeOf(info.key!), data: { key, allowed } };
}

function invalidValue(doc: ParsedDocument, pointer: string, allowed: unknown[]): Finding {
  const info = doc.nodes.get(pointer)!;
  return { ruleId: 'thing/invalid-value', severity: 'error', message: 'Invalid value', pointer, range: doc.rangeOf(info.value), data: { allowed } };
}

const topKeys = Object.keys(schema.properties);

describe('actions', () => {
  test('nearest: case-insensitive first, then edit distance within a third of the length', () => {
    assert.deepEqual(nearest('Name', ['name', 'nme']).map((c) => c.value), ['name', 'nme']);
    assert.deepEqual(nearest('lisence', ['license', 'licence']).map((c) => c.value), ['licence', 'license']);
    assert.deepEqual(nearest('zzzzzz', ['license']), []);
    assert.deepEqual(nearest('nmae', ['name', 'game']).map((c) => [c.value, c.distance]), [['name', 1]], 'a swap of neighbours counts as one slip');
    assert.deepEqual(nearest('it', ['IT']).map((c) => c.distance), [0]);
  });

  test('unknown key: "Did you mean" replaces the key; the edit fixes the text', () => {
    const doc = parseDocument('file:///w/thing.yml', 'name: x\nstauts: beta\n');
    const actions = codeActions(doc, [unknownKey(doc, '/stauts', topKeys)]);
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, 'Did you mean "status"?');
    assert.equal(actions[0].isPreferred, true);
    assert.equal(actions[0].kind, 'quickfix');
    assert.equal(apply(doc, actions[0].edits), 'name: x\nstatus: beta\n');
  });

  test('unknown key: case-only difference, quoted keys keep their quotes, JSON keys stay JSON', () => {
    const yaml = parseDocument('file:///w/thing.yml', 'maintenance:\n  "Type": internal\n');
    const [a] = codeActions(yaml, [unknownKey(yaml, '/maintenance/Type', ['type', 'contacts', 'contractors'])]);
    assert.equal(apply(yaml, a.edits), 'maintenance:\n  "type": internal\n');
    const json = parseDocument('file:///w/thing.json', '{"nmae": "x"}');
    const [b] = codeActions(json, [unknownKey(json, '/nmae', topKeys)]);
    assert.equal(apply(json, b.edits), '{"name": "x"}');
  });

  test('unknown key: no rename onto a key that is already there; nothing when nothing is close', () => {
    const doc = parseDocument('file:///w/thing.yml', 'status: beta\nstauts: beta\nxyzzy: 1\n');
    assert.deepEqual(codeActions(doc, [unknownKey(doc, '/stauts', topKeys)]), []);
    assert.deepEqual(codeActions(doc, [unknownKey(doc, '/xyzzy', topKeys)]), []);
  });

  test('unknown key: several equally close candidates are offered, none preferred', () => {
    const doc = parseDocument('file:///w/thing.yml', 'cat: 1\n');
    const actions = codeActions(doc, [unknownKey(doc, '/cat', ['bat', 'hat', 'zebra'])]);
    assert.deepEqual(actions.map((a) => a.title), ['Did you mean "bat"?', 'Did you mean "hat"?']);
    assert.ok(actions.every((a) => !a.isPreferred));
  });

  test('invalid value: nearest allowed value, in the quote style of the original', () => {
    const doc = parseDocument('file:///w/thing.yml', "status: Beta\nmaintenance:\n  type: internl\nplatforms:\n  - 'Linux'\n  - \"windos\"\n");
    const findings = [
      invalidValue(doc, '/status', schema.definitions.status.enum),
      invalidValue(doc, '/maintenance/type', ['internal', 'contract', 'community', 'none']),
      invalidValue(doc, '/platforms/0', ['web', 'linux', 'windows']),
      invalidValue(doc, '/platforms/1', ['web', 'linux', 'windows']),
    ];
    const actions = codeActions(doc, findings);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Did you mean "beta"?', true],
      ['Did you mean "internal"?', true],
      ['Did you mean "linux"?', true],
      ['Did you mean "windows"?', true],
    ]);
    assert.equal(apply(doc, actions.flatMap((a) => a.edits)), "status: beta\nmaintenance:\n  type: internal\nplatforms:\n  - 'linux'\n  - \"windows\"\n");
  });

  test('invalid value: a number where text is expected becomes quoted text', () => {
    const doc = parseDocument('file:///w/thing.yml', 'version: 0.4\n');
    const [a] = codeActions(doc, [invalidValue(doc, '/version', ['0', '0.4', '0.7'])]);
    assert.equal(a.title, 'Write "0.4" as text');
    assert.equal(apply(doc, a.edits), 'version: "0.4"\n');
  });

  test('the finding\'s own fixes come first; a suggestion repeating one is dropped', () => {
    const doc = parseDocument('file:///w/thing.yml', 'name: x\nstauts: beta\n');
    const f = unknownKey(doc, '/stauts', topKeys);
    const same = { title: 'Rename to status', edits: [{ range: f.range, newText: 'status' }], isPreferred: true };
    const remove = { title: 'Remove stauts', edits: [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' }] };
    const actions = codeActions(doc, [{ ...f, fixes: [same, remove] }]);
    assert.deepEqual(actions.map((a) => a.title), ['Rename to status', 'Remove stauts']);
    assert.equal(actions[0].isPreferred, true);
  });

  test('a finding that no longer matches the text yields no suggestion', () => {
    const old = parseDocument('file:///w/thing.yml', 'name: x\nstauts: beta\n');
    const f = unknownKey(old, '/stauts', topKeys);
    const now = parseDocument('file:///w/thing.yml', 'name: x\nstatus: beta\n');
    assert.deepEqual(codeActions(now, [f]), []);
  });
});
