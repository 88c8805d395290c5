// Offsets ⇄ positions (lineIndex.ts) as vscode-languageserver-textdocument computes them, for texts with
// only \n breaks (the quick scan) and with \r\n or lone \r breaks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../../server/src/core/lineIndex';
import { seededRandom } from '../helpers/random';

test('LineIndex positions = TextDocument positions (\\n, \\r\\n, \\r breaks)', () => {
  const rand = seededRandom(3);
  for (const breaks of [['\n'], ['\n', '\r\n', '\r']]) {
    for (let round = 0; round < 200; round++) {
      let text = '';
      for (let k = rand(30); k > 0; k--) text += rand(3) === 0 ? breaks[rand(breaks.length)] : 'ab c'.slice(rand(4));
      const index = new LineIndex(text);
      const doc = TextDocument.create('file:///x', 'yaml', 1, text);
      for (let offset = 0; offset <= text.length; offset++) {
        const want = doc.positionAt(offset);
        assert.deepEqual(index.positionAt(offset), want, `${JSON.stringify(text)} @${offset}`);
        assert.equal(index.offsetAt(want), doc.offsetAt(want), `${JSON.stringify(text)} back from ${JSON.stringify(want)}`);
      }
      assert.equal(index.lineCount, doc.lineCount, JSON.stringify(text));
    }
  }
});
