// Per-standard settings reach the analysis over LSP: `civicSchemas.dcat-us.profile` decides whether a real
// DCAT-US catalogue (GSA's ny.data.json test sample) must carry the federal-only bureauCode/programCode,
// from initializationOptions, from workspace/configuration after a didChangeConfiguration, and from
// settings pushed with the notification.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DidChangeConfigurationNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { EDITOR_CAPABILITIES, LspTestClient, REPO } from '../helpers/lspClient';

const FILE = path.resolve(REPO, '../shared/corpus/data-json-testdata/GSA__ckanext-datajson__ckanext__datajson__tests__datajson-samples__ny.data.json');
const TEXT = readFileSync(FILE, 'utf8');
const URI = 'file:///catalog/data.json';
const FEDERAL_ONLY = ['bureauCode', 'programCode'];

const missingKeys = (p: PublishDiagnosticsParams) =>
  p.diagnostics.filter((d) => d.code === 'dcat-us/required-key').map((d) => /"(\w+)"/.exec(String(d.message))?.[1]).sort();

test('the default (federal) profile asks for bureauCode and programCode', async () => {
  const client = await LspTestClient.start();
  try {
    await client.open(URI, TEXT, 'json');
    assert.deepEqual(missingKeys(await client.waitForDiagnostics(URI, 1)), FEDERAL_ONLY);
  } finally {
    client.dispose();
  }
});

test('dcat-us.profile non-federal in initializationOptions drops them', async () => {
  const client = await LspTestClient.start({ initializationOptions: { validate: true, 'dcat-us.profile': 'non-federal' } });
  try {
    await client.open(URI, TEXT, 'json');
    assert.deepEqual(missingKeys(await client.waitForDiagnostics(URI, 1)), []);
  } finally {
    client.dispose();
  }
});

test('a configuration change is pulled (workspace/configuration) and revalidates open documents', async () => {
  let section: unknown = null;
  const client = await LspTestClient.start({ capabilities: { ...EDITOR_CAPABILITIES, workspace: { ...EDITOR_CAPABILITIES.workspace, configuration: true, didChangeConfiguration: { dynamicRegistration: true } } } });
  try {
    client.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map((i) => (i.section === 'civicSchemas' ? section : null)));
    await client.open(URI, TEXT, 'json');
    assert.deepEqual(missingKeys(await client.waitForDiagnostics(URI, 1)), FEDERAL_ONLY);
    // As VS Code sends the section: nested objects for dotted setting names.
    section = { validate: { enable: true }, 'dcat-us': { profile: 'non-federal' }, 'civic-json': { dialect: 'auto' } };
    const next = client.waitForDiagnostics(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    assert.deepEqual(missingKeys(await next), []);
    // Pushed settings (clients without workspace/configuration) work the same way, back to federal.
    const again = client.waitForDiagnostics(URI);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { civicSchemas: { 'dcat-us': { profile: 'federal' } } } });
    assert.deepEqual(missingKeys(await again), FEDERAL_ONLY);
  } finally {
    client.dispose();
  }
});
