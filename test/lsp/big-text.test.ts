// The main loop's text of big documents (lsp/bigText.ts) and the stdio writer of big documents'
// diagnostics (host/diagnosticsWriter.ts) are drop-in replacements: same offsets, positions, lines and
// text as vscode-languageserver-textdocument after any edits (CRLF included), same bytes as JSON.stringify.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BigTextDocument } from '../../server/src/lsp/bigText';
import { encodeMessage } from '../../server/src/host/diagnosticsWriter';
import { DIAGNOSTIC_RUNS } from '../../server/src/lsp/scheduler';
import { rng, catalogYaml } from '../../bench/generate.mjs';

function compare(a: TextDocument, b: BigTextDocument, random: () => number, what: string): void {
  assert.equal(b.lineCount, a.lineCount, `${what}: lineCount`);
  const n = a.getText().length;
  for (let i = 0; i < 40; i++) {
    const o = Math.floor(random() * (n + 3)) - 1;
    assert.deepEqual(b.positionAt(o), a.positionAt(o), `${what}: positionAt(${o})`);
    const p = { line: Math.floor(random() * (a.lineCount + 1)), character: Math.floor(random() * 30) };
    assert.equal(b.offsetAt(p), a.offsetAt(p), `${what}: offsetAt(${JSON.stringify(p)})`);
  }
  const line = Math.floor(random() * a.lineCount);
  assert.deepEqual(b.getLineRange(line), a.getLineRange(line), `${what}: getLineRange(${line})`);
  assert.equal(b.getEOLCharacters(line), a.getEOLCharacters(line), `${what}: getEOLCharacters(${line})`);
  const r = { start: a.positionAt(Math.floor(random() * n)), end: a.positionAt(n) };
  assert.equal(b.getText(r), a.getText(r), `${what}: getText(range)`);
}

/** A random edit of `a`: a span of up to `maxSpan` characters replaced by one of `pieces`. */
function randomChange(a: TextDocument, random: () => number, pieces: readonly string[], maxSpan: number) {
  const n = a.getText().length;
  const s = Math.floor(random() * n);
  const e = Math.min(n, s + Math.floor(random() * maxSpan));
  return { range: { start: a.positionAt(s), end: a.positionAt(e) }, text: pieces[Math.floor(random() * pieces.length)] };
}

for (const [name, base] of [
  ['LF', catalogYaml(12, 4)],
  ['CRLF', catalogYaml(12, 4).replace(/\n/g, '\r\n')],
] as const) {
  test(`BigTextDocument = TextDocument after random edits (${name})`, () => {
    const random = rng(name.length * 7919);
    let a = TextDocument.create('file:///w/data.yaml', 'yaml', 1, base);
    const b = new BigTextDocument('file:///w/data.yaml', 'yaml', 1, base);
    const pieces = ['', 'x', '\n', '\r', '\r\n', 'ab\ncd', 'é€', '  - identifier: new\n    title: New\n'];
    for (let i = 0; i < 120; i++) {
      const change = randomChange(a, random, pieces, 12);
      a = TextDocument.update(a, [change], i + 2);
      b.update([change], i + 2);
      assert.equal(b.version, a.version);
      // Read the text only now and then: edits stay unapplied in between.
      if (i % 17 === 0) assert.equal(b.getText(), a.getText(), `edit ${i}: text`);
      compare(a, b, random, `edit ${i}`);
    }
    assert.equal(b.getText(), a.getText());
    b.update([{ text: 'whole\nnew' }], 500);
    assert.equal(b.getText(), 'whole\nnew');
    assert.equal(b.lineCount, 2);
  });
}

// Typing inside lines keeps the number of lines: the line table records the shifts and applies them in
// one pass once many are pending (LineTable); lookups in between add them up.
test('BigTextDocument = TextDocument after many edits that keep the number of lines', () => {
  const random = rng(99173);
  const base = catalogYaml(12, 6);
  let a = TextDocument.create('file:///w/data.yaml', 'yaml', 1, base);
  const b = new BigTextDocument('file:///w/data.yaml', 'yaml', 1, base);
  const pieces = ['', 'x', 'é€', 'publicX', '👍'];
  for (let i = 0; i < 400; i++) {
    const line = Math.floor(random() * a.lineCount);
    const range = a.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const s = Math.floor(random() * (range.length + 1));
    const e = Math.min(range.length, s + Math.floor(random() * 4));
    const change = { range: { start: { line, character: s }, end: { line, character: e } }, text: pieces[Math.floor(random() * pieces.length)] };
    a = TextDocument.update(a, [change], i + 2);
    b.update([change], i + 2);
    if (i % 7 === 0) compare(a, b, random, `edit ${i}`);
  }
  compare(a, b, random, 'at the end');
  assert.equal(b.getText(), a.getText());
});

// Unread edits pile up (past the 32 that force a flush) and are composed into the text in one go.
test('BigTextDocument = TextDocument when many edits are applied before the text is read', () => {
  const base = catalogYaml(12, 5);
  const random = rng(4241);
  let a = TextDocument.create('file:///w/data.yaml', 'yaml', 1, base);
  const b = new BigTextDocument('file:///w/data.yaml', 'yaml', 1, base);
  const pieces = ['', 'x', '\n', 'ab\ncd', 'é€', '  - identifier: new\n'];
  for (let i = 0; i < 300; i++) {
    const change = randomChange(a, random, pieces, 20);
    a = TextDocument.update(a, [change], i + 2);
    b.update([change], i + 2);
    if (i % 45 === 44) assert.equal(b.getText(), a.getText(), `after edit ${i}`);
  }
  assert.equal(b.getText(), a.getText());
});

test('the diagnostics writer writes what JSON.stringify writes, run by run', () => {
  const d = (line: number, message: string) => ({ range: { start: { line, character: 1 }, end: { line, character: 4 } }, severity: 1, code: 'dcat-us/x', source: 'civic-schemas', message, data: { pointer: `/dataset/${line}` } });
  const runs = [[d(1, 'a "quoted" — é')], [], [d(5, 'b'), d(6, 'c\n')], [d(9, 'd')]];
  const diagnostics = runs.flat();
  Object.defineProperty(diagnostics, DIAGNOSTIC_RUNS, { value: runs });
  const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///w/data.json', version: 7, diagnostics } };
  assert.equal(encodeMessage(msg as never).toString('utf8'), JSON.stringify(msg));
  // Kept runs: the same bytes the second time, and after one run changed.
  assert.equal(encodeMessage(msg as never).toString('utf8'), JSON.stringify(msg));
  runs[2] = [d(5, 'changed')];
  const next = runs.flat();
  Object.defineProperty(next, DIAGNOSTIC_RUNS, { value: runs });
  const msg2 = { ...msg, params: { ...msg.params, diagnostics: next } };
  assert.equal(encodeMessage(msg2 as never).toString('utf8'), JSON.stringify(msg2));
  // Messages without runs are written as they are.
  const plain = { jsonrpc: '2.0', id: 3, result: { items: [1, 2] } };
  assert.equal(encodeMessage(plain as never).toString('utf8'), JSON.stringify(plain));
});
