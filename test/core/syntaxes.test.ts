// The modeline injection grammar, tokenized with the same TextMate engine VS Code uses
// (vscode-textmate + the Oniguruma WASM build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const repo = resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8'));
const contributed = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'civic-schemas.modeline.injection');

// A small stand-in for VS Code's YAML grammar: comments as begin/end regions, like the real one.
const hostYaml = {
  scopeName: 'source.yaml',
  patterns: [
    { begin: '(?:^[ \\t]*|[ \\t]+)(?=#)', end: '(?!\\G)', patterns: [{ begin: '#', beginCaptures: { 0: { name: 'punctuation.definition.comment.yaml' } }, end: '\\n', name: 'comment.line.number-sign.yaml' }] },
    { match: '^[ \\t]*([\\w-]+)(:)', captures: { 1: { name: 'entity.name.tag.yaml' }, 2: { name: 'punctuation.separator.key-value.mapping.yaml' } } },
  ],
};

async function registry() {
  const wasm = readFileSync(resolve(repo, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new textmate.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === 'source.yaml') return textmate.parseRawGrammar(JSON.stringify(hostYaml), 'yaml.json');
      if (scopeName === contributed.scopeName) {
        const path = resolve(repo, contributed.path);
        return textmate.parseRawGrammar(readFileSync(path, 'utf8'), path);
      }
      return null;
    },
    getInjections: (scopeName: string) => (contributed.injectTo.includes(scopeName) ? [contributed.scopeName] : undefined),
  });
}

function scopesOf(grammar: textmate.IGrammar, line: string): Map<string, string[]> {
  const { tokens } = grammar.tokenizeLine(line, textmate.INITIAL);
  return new Map(tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes]));
}

test('the modeline is highlighted in YAML: directive, standard and version', async () => {
  const grammar = await (await registry()).loadGrammar('source.yaml');
  assert.ok(grammar);
  const scopes = scopesOf(grammar, '# civic-schemas: publiccode@0.7');
  assert.ok(scopes.get('civic-schemas')?.includes('keyword.control.directive.civic-schemas'), JSON.stringify([...scopes]));
  assert.ok(scopes.get('publiccode')?.includes('entity.name.type.standard.civic-schemas'));
  assert.ok(scopes.get('0.7')?.includes('constant.numeric.version.civic-schemas'));
  const noVersion = scopesOf(grammar, '#civic-schemas: datapackage');
  assert.ok(noVersion.get('datapackage')?.includes('entity.name.type.standard.civic-schemas'));
});

test('ordinary comments and keys are left alone', async () => {
  const grammar = await (await registry()).loadGrammar('source.yaml');
  assert.ok(grammar);
  for (const line of ['# a plain comment about civic-schemas', 'name: civic-schemas', '# civic-schemas: publiccode@0.7 trailing words']) {
    for (const scopes of scopesOf(grammar, line).values()) {
      assert.ok(!scopes.some((s) => s.endsWith('.civic-schemas')), `${line}: ${scopes.join(' ')}`);
    }
  }
});
