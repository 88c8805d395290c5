import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { allRules, ruleDocUrl, DOCS_BASE } from '../../server/src/core/ruleRegistry';

const repo = resolve(__dirname, '../..');

test('every rule id has a stable form, a default severity and a doc page that names it', () => {
  const rules = [...allRules().values()];
  assert.ok(rules.length > 10);
  for (const r of rules) {
    assert.match(r.id, /^[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*$/, r.id);
    assert.ok(['error', 'warning', 'information', 'hint'].includes(r.severity), r.id);
    const page = resolve(repo, 'docs/rules', `${r.id}.md`);
    assert.ok(existsSync(page), `missing doc page docs/rules/${r.id}.md`);
    assert.ok(readFileSync(page, 'utf8').startsWith(`# ${r.id}`), `docs/rules/${r.id}.md must start with "# ${r.id}"`);
    assert.equal(ruleDocUrl(r.id), `${DOCS_BASE}/${r.id}.md`);
  }
});
