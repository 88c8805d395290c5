// The extension manifest (package.json) and what the packaged .vsix contains.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DIALECT_IDS } from '../../server/src/core/standards/civic-json/dialects';
import { PROFILES } from '../../server/src/core/standards/dcat-us/vocabulary';
import { METADATA_FILE_NAMES } from '../../server/src/cli';

const REPO = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const settings = pkg.contributes.configuration.properties as Record<string, { type: string | string[]; description?: string; markdownDescription?: string; enum?: unknown[]; enumDescriptions?: string[]; default?: unknown }>;

test('identity: name, publisher, icon, categories, keywords, repository, license, changelog', () => {
  for (const k of ['name', 'displayName', 'description', 'publisher', 'version', 'license']) assert.ok(pkg[k], k);
  assert.ok(existsSync(path.join(REPO, pkg.icon)), `icon ${pkg.icon}`);
  assert.ok(pkg.categories.includes('Linters'));
  assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30, 'the Marketplace allows at most 30 keywords');
  assert.match(pkg.repository.url, /^https:\/\//);
  assert.ok(existsSync(path.join(REPO, 'LICENSE')));
  assert.match(readFileSync(path.join(REPO, 'CHANGELOG.md'), 'utf8'), new RegExp(`## ${pkg.version.replace(/\./g, '\\.')}`));
});

test('entries: main (Node) and browser (web worker) bundles, and the capabilities', () => {
  assert.equal(pkg.main, './dist/client.js');
  assert.equal(pkg.browser, './dist/client-browser.js');
  assert.ok(['limited', true].includes(pkg.capabilities.virtualWorkspaces.supported));
  assert.ok(pkg.capabilities.virtualWorkspaces.description);
  assert.ok(pkg.capabilities.untrustedWorkspaces.supported !== false);
});

test('every setting has a description, enums have one per value and a valid default', () => {
  for (const [key, s] of Object.entries(settings)) {
    assert.match(key, /^civicSchemas\./);
    assert.ok((s.description ?? s.markdownDescription ?? '').length > 20, `${key} needs a description`);
    if (s.enum) {
      if (s.default !== undefined) assert.ok(s.enum.includes(s.default), `${key} default`);
      assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} enumDescriptions`);
    }
  }
});

test('the settings the server reads are contributed, with the values the standards accept', () => {
  for (const key of ['validate.enable', 'debounceMs', 'network', 'dcat-us.profile', 'civic-json.dialect', 'trace.server'])
    assert.ok(settings[`civicSchemas.${key}`], `civicSchemas.${key} is contributed`);
  assert.deepEqual(settings['civicSchemas.dcat-us.profile'].enum, [...PROFILES]);
  // Unset (VS Code sends "") means federal *with* the non-federal hint, so no default is declared.
  assert.equal(settings['civicSchemas.dcat-us.profile'].default, undefined);
  assert.deepEqual(settings['civicSchemas.civic-json.dialect'].enum, ['auto', ...DIALECT_IDS]);
});

test('commands have titles and the Civic Schemas category', () => {
  assert.ok(pkg.contributes.commands.length >= 2);
  for (const c of pkg.contributes.commands) {
    assert.match(c.command, /^civicSchemas\./);
    assert.ok(c.title && c.category === 'Civic Schemas', c.command);
  }
});

test('activation: on the standards\' file names in the workspace, and on YAML/JSON documents only', () => {
  const events: string[] = pkg.activationEvents;
  for (const e of events) assert.match(e, /^(workspaceContains:\*\*\/|onLanguage:(yaml|json)$)/, e);
  assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
  const globs = events.filter((e) => e.startsWith('workspaceContains:')).join(' ');
  for (const name of METADATA_FILE_NAMES) assert.ok(globs.includes(name), `workspaceContains covers ${name}`);
});

test('vsce ls: the package holds bundles, schemas, grammars, images and docs only', { timeout: 180_000 }, () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const allowed = /^(dist\/(client|server|client-browser|server-browser|cli)\.js|schemas\/.+\.json|syntaxes\/[\w.-]+\.json|images\/[\w.-]+\.(png|svg)|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;
  const unexpected = files.filter((f) => !allowed.test(f));
  assert.deepEqual(unexpected, [], 'sources, tests, maps or tooling in the .vsix');
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/client-browser.js', 'dist/server-browser.js', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'])
    assert.ok(files.includes(f), `${f} is packaged`);
  assert.ok(files.some((f) => f.startsWith('schemas/')));
});

test('the browser bundles load nothing from Node: the client only `vscode`, the worker server nothing', () => {
  // (ajv carries `require("ajv/dist/runtime/…")` inside strings, for generated code: not a load)
  const requires = (f: string) => [...new Set([...readFileSync(path.join(REPO, f), 'utf8').matchAll(/(?<![\w$.'"`])require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))];
  assert.deepEqual(requires('dist/client-browser.js'), ['vscode']);
  assert.deepEqual(requires('dist/server-browser.js'), []);
  assert.match(readFileSync(path.join(REPO, 'dist/server-browser.js'), 'utf8').slice(0, 200), /^"use strict";\s*\(\(\) => \{|^\(\(\) => \{/, 'an IIFE, as a worker script');
});
