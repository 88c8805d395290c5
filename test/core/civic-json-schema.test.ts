// The hand-written civic.json schemas: valid draft-07, documented key by key, a link to the dialect's
// specification on every key, and the facts of each dialect (required keys, geography's shape…).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SCHEMA_BY_DIALECT } from '../../server/src/core/standards/civic-json/schemas';
import { DIALECTS, type DialectId } from '../../server/src/core/standards/civic-json/dialects';
import { validateAgainst } from '../../server/src/core/validate';

type S = Record<string, unknown>;

/** Every named property (at any depth) with a readable path. */
function properties(schema: S, path = '#'): [string, S][] {
  const out: [string, S][] = [];
  const visit = (node: unknown, at: string) => {
    if (Array.isArray(node)) node.forEach((n, i) => visit(n, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      const o = node as S;
      if (o.properties && typeof o.properties === 'object') {
        for (const [k, v] of Object.entries(o.properties as S)) out.push([`${at}/properties/${k}`, v as S]);
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'examples' && k !== 'default' && k !== 'enum') visit(v, `${at}/${k}`);
    }
  };
  visit(schema, path);
  return out;
}

for (const dialect of Object.keys(SCHEMA_BY_DIALECT) as DialectId[]) {
  test(`${dialect} schema: valid draft-07, every key documented and linked to its specification`, () => {
    const schema = SCHEMA_BY_DIALECT[dialect] as S;
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
    assert.doesNotThrow(() => ajv.compile(schema));
    assert.match(String(schema.$id), new RegExp(`civic-json-${dialect}\\.schema\\.json$`));
    for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof schema[k], 'string');
    const props = properties(schema);
    assert.ok(props.length >= 2);
    for (const [path, s] of props) {
      for (const k of ['title', 'description', 'markdownDescription']) assert.equal(typeof s[k], 'string', `${path} lacks ${k}`);
      assert.ok(Array.isArray(s.examples) && s.examples.length > 0, `${path} lacks examples`);
      const civic = s['x-civic'] as S | undefined;
      assert.equal(typeof civic?.specUrl, 'string', `${path} lacks x-civic.specUrl`);
      if (civic?.kind === 'url' || civic?.kind === 'email') assert.equal(typeof civic.valueHint, 'string', `${path} lacks a valueHint`);
    }
    // Every dialect allows keys it does not define (reported as hints by civic-json/unknown-key).
    for (const [path, s] of [['#', schema] as [string, S], ...props]) assert.notEqual(s.additionalProperties, false, `${path} forbids extra keys`);
    assert.equal(DIALECTS[dialect].schemaId, `civic-json-${dialect}`);
  });
}

test('dialect facts: required keys, and the geography / data / tags shapes each dialect has', () => {
  const ok = (d: DialectId, v: unknown) => validateAgainst(SCHEMA_BY_DIALECT[d], v).errors.length === 0;
  assert.deepEqual((SCHEMA_BY_DIALECT.dc as S).required, ['name', 'status', 'tags']);
  for (const d of ['betanyc', 'codefordc', 'cfapi'] as const) assert.ok(ok(d, {}), `${d} requires nothing`);
  assert.ok(!ok('dc', {}));
  assert.ok(ok('dc', { name: 'x', status: 'Beta', tags: [], geography: ['NYC'] }));
  assert.ok(!ok('dc', { name: 'x', status: 'Beta', tags: [], geography: 'NYC' }));
  assert.ok(ok('betanyc', { geography: 'NYC' }) && !ok('betanyc', { geography: ['NYC'] }));
  assert.ok(ok('codefordc', { data: { Permits: 'https://example.org' } }) && !ok('codefordc', { data: [] }));
  assert.ok(ok('dc', { name: 'x', status: 'Beta', tags: [], data: [{ name: 'P', url: 'https://example.org' }] }) && !ok('dc', { name: 'x', status: 'Beta', tags: [], data: {} }));
  assert.ok(ok('cfapi', { tags: ['a', { tag: 'b' }] }) && !ok('cfapi', { tags: 'a' }));
  assert.ok(ok('codefordc', { politicalEntity: 'DC Council' }) && ok('codefordc', { politicalEntity: { 'DC Council': 'http://dccouncil.us' } }));
  assert.ok(!ok('dc', { name: 'x', status: 'Official', tags: [] }), 'DC status is a closed list');
  assert.ok(ok('betanyc', { status: 'In Development' }) && ok('cfapi', { status: 'Official' }), 'free text elsewhere');
});
