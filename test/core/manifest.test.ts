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
// Manifest strings are `%key%` references into package.nls.json (English), .es.json and .fr.json.
const nls: Record<string, Record<string, string>> = Object.fromEntries(
  ['', '.es', '.fr'].map((l) => [l ? l.slice(1) : 'en', JSON.parse(readFileSync(path.join(REPO, `package.nls${l}.json`), 'utf8'))]),
);
/** The English text of a manifest string (resolving a `%key%` reference). */
const text = (s: string | undefined): string => {
  const m = /^%(.+)%$/.exec(s ?? '');
  if (!m) return s ?? '';
  assert.ok(nls.en[m[1]], `package.nls.json has ${m[1]}`);
  return nls.en[m[1]];
};
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
    assert.ok(text(s.description ?? s.markdownDescription).length > 20, `${key} needs a description`);
    if (s.enum) {
      if (s.default !== undefined) assert.ok(s.enum.includes(s.default), `${key} default`);
      assert.equal(s.enumDescriptions?.length, s.enum.length, `${key} enumDescriptions`);
      for (const d of s.enumDescriptions ?? []) assert.ok(text(d).length > 5, `${key}: ${d}`);
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
    assert.ok(text(c.title).length > 5 && c.category === 'Civic Schemas', c.command);
  }
  for (const id of ['civicSchemas.newFile', 'civicSchemas.validateWorkspace', 'civicSchemas.showRuleDocumentation'])
    assert.ok(pkg.contributes.commands.some((c: { command: string }) => c.command === id), `${id} is contributed`);
  // The lenses' commands take arguments: not in the Command Palette.
  const hidden = pkg.contributes.menus.commandPalette.filter((m: { when: string }) => m.when === 'false').map((m: { command: string }) => m.command);
  assert.deepEqual(hidden.sort(), ['civicSchemas.applyEdits', 'civicSchemas.openSpecification']);
});

test('manifest strings: every %key% is in package.nls.json, and Spanish and French translate every key', () => {
  const refs = [...JSON.stringify(pkg).matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);
  assert.ok(refs.length >= 20, `${refs.length} references`);
  for (const r of refs) assert.ok(nls.en[r], `package.nls.json lacks ${r}`);
  for (const lang of ['es', 'fr']) {
    assert.deepEqual(Object.keys(nls[lang]).sort(), Object.keys(nls.en).sort(), `package.nls.${lang}.json has exactly the English keys`);
    for (const [k, v] of Object.entries(nls[lang])) assert.ok(v.trim().length > 0, `${lang} ${k}`);
  }
  assert.equal(pkg.l10n, './l10n', 'the client strings (vscode.l10n.t) come from l10n/');
});

test('activation: on the standards\' file names in the workspace, and on YAML/JSON documents only', () => {
  const events: string[] = pkg.activationEvents;
  for (const e of events) assert.match(e, /^(workspaceContains:\*\*\/|onLanguage:(yaml|json)$)/, e);
  assert.ok(!events.includes('*') && !events.includes('onStartupFinished'));
  const globs = events.filter((e) => e.startsWith('workspaceContains:')).join(' ');
  for (const name of METADATA_FILE_NAMES) assert.ok(globs.includes(name), `workspaceContains covers ${name}`);
});

test('vsce ls: the package holds bundles, schemas, grammars, images, rule docs and translations only', { timeout: 180_000 }, () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: REPO, encoding: 'utf8', timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  const allowed = /^(dist\/(client|server|worker|client-browser|server-browser|cli)\.js|schemas\/.+\.json|syntaxes\/[\w.-]+\.json|images\/[\w.-]+\.(png|svg)|docs\/rules\/[\w-]+\/[\w-]+\.md|l10n\/bundle\.l10n(\.[a-z]{2})?\.json|package\.nls(\.[a-z]{2})?\.json|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/;
  const unexpected = files.filter((f) => !allowed.test(f));
  assert.deepEqual(unexpected, [], 'sources, tests, maps or tooling in the .vsix');
  // dist/worker.js: the server's thread for big documents (without it, they are checked on the main loop).
  // docs/rules: "Show documentation for <rule>" opens the page offline. l10n, package.nls: es and fr.
  for (const f of ['dist/client.js', 'dist/server.js', 'dist/worker.js', 'dist/client-browser.js', 'dist/server-browser.js', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/rules/publiccode/unknown-key.md', 'l10n/bundle.l10n.es.json', 'l10n/bundle.l10n.fr.json', 'package.nls.json', 'package.nls.es.json', 'package.nls.fr.json'])
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
