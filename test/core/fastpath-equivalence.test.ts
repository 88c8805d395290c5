// The fast path (chunked.ts) against the precise path, on every file of the shared corpus and on
// generated catalogs: same value, same pointer index, same positions, same findings. Files whose layout
// the fast path does not take (it steps aside) are parsed precisely by both, so they are counted, not
// compared.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzePrepared, prepareDocument } from '../../server/src/core/analyze';
import { ChunkedDocument, FAST_PATH_MIN_CHARS } from '../../server/src/core/chunked';
import { parseDocument, type ParsedDocument } from '../../server/src/core/document';
import { graphemeCount } from '../../server/src/core/rules/graphemes';
import { blockScalarValue, fastYamlItem } from '../../server/src/core/yamlChunks';
import { parse as parseYaml } from 'yaml';
import { DocumentSession } from '../../server/src/core/incremental';
import { catalogJson, catalogYaml } from '../../bench/generate.mjs';
import { seededRandom } from '../helpers/random';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    if (statSync(p).isDirectory()) for (const e of readdirSync(p).sort()) walk(path.join(p, e));
    else if (/\.(ya?ml|json)$/i.test(p)) out.push(p);
  };
  walk(CORPUS);
  return out;
}

/** Every difference between the two parses, as text (empty: the same). */
function compareDocuments(precise: ParsedDocument, fast: ParsedDocument): string[] {
  const problems: string[] = [];
  try {
    assert.deepStrictEqual(fast.value, precise.value);
  } catch {
    problems.push('value differs');
  }
  const a = [...precise.nodes.entries()].map((e) => JSON.stringify(e));
  const b = [...fast.nodes.entries()].map((e) => JSON.stringify(e));
  if (a.length !== b.length) problems.push(`index: ${a.length} vs ${b.length} entries`);
  const firstDiff = a.findIndex((e, i) => e !== b[i]);
  if (firstDiff !== -1) problems.push(`index entry ${firstDiff}: ${a[firstDiff]} vs ${b[firstDiff]}`);
  for (const [p, info] of precise.nodes) {
    if (JSON.stringify(fast.nodes.get(p)) !== JSON.stringify(info)) {
      problems.push(`nodes.get(${JSON.stringify(p)})`);
      break;
    }
  }
  if (JSON.stringify(fast.syntaxFindings) !== JSON.stringify(precise.syntaxFindings)) problems.push('syntax findings differ');
  const text = precise.text;
  const step = Math.max(1, Math.floor(text.length / 1500));
  for (let o = 0; o <= text.length; o += step) {
    const p = precise.positionAt(o);
    if (JSON.stringify(fast.positionAt(o)) !== JSON.stringify(p)) {
      problems.push(`positionAt(${o})`);
      break;
    }
    const beyond = { line: p.line, character: p.character + 1000 };
    if (fast.offsetAt(p) !== precise.offsetAt(p) || fast.offsetAt(beyond) !== precise.offsetAt(beyond)) {
      problems.push(`offsetAt(${JSON.stringify(p)})`);
      break;
    }
  }
  if (fast.lines.lineCount !== precise.lines.lineCount) problems.push('line count');
  for (let l = 0; l < precise.lines.lineCount; l += 7) {
    if (fast.lines.lineText(l) !== precise.lines.lineText(l)) {
      problems.push(`lineText(${l})`);
      break;
    }
  }
  return problems;
}

async function findingsOf(doc: ParsedDocument): Promise<string> {
  const analysis = await analyzePrepared(prepareDocument(doc));
  return JSON.stringify(analysis.findings);
}

test('fast path = precise path on every corpus file (value, index, positions, findings)', async () => {
  const files = corpusFiles();
  assert.ok(files.length > 100, `corpus found at ${CORPUS}`);
  let fastCount = 0;
  const failures: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    const precise = parseDocument(uri, text, { precise: true });
    const fast = parseDocument(uri, text, { fast: 'always' });
    if (!(fast instanceof ChunkedDocument)) continue;
    fastCount++;
    const problems = compareDocuments(precise, fast);
    if ((await findingsOf(precise)) !== (await findingsOf(fast))) problems.push('findings differ');
    if (problems.length) failures.push(`${path.relative(CORPUS, file)}: ${problems.join('; ')}`);
  }
  assert.deepEqual(failures, []);
  // The comparison means something only if the fast path was taken often, in every format.
  assert.ok(fastCount >= 100, `the fast path took only ${fastCount} of ${files.length} files`);
});

test('every real data.json catalog of the corpus can take the fast path; the big ones do by default', () => {
  for (const f of readdirSync(path.join(CORPUS, 'data-json'))) {
    const file = path.join(CORPUS, 'data-json', f);
    const text = readFileSync(file, 'utf8');
    assert.ok(parseDocument(pathToFileURL(file).href, text, { fast: 'always' }) instanceof ChunkedDocument, `${f} cannot take the fast path`);
    if (text.length >= FAST_PATH_MIN_CHARS) assert.ok(parseDocument(pathToFileURL(file).href, text) instanceof ChunkedDocument, `${f} (${text.length} characters) was parsed precisely`);
  }
});

test('fast path = precise path on generated catalogs (YAML and JSON)', async () => {
  for (const [name, text] of [['data.json', catalogJson(150, 3)], ['data.yaml', catalogYaml(150, 3)]] as const) {
    const uri = `file:///w/${name}`;
    const precise = parseDocument(uri, text, { precise: true });
    const fast = parseDocument(uri, text, { fast: 'always' });
    assert.ok(fast instanceof ChunkedDocument, name);
    assert.deepEqual(compareDocuments(precise, fast), [], name);
    assert.equal(await findingsOf(fast), await findingsOf(precise), name);
  }
});

test('a "#" that starts a line inside a quoted text is text, not a comment that ends the item', async () => {
  const item = (i: number) => `  - title: "A long title that the writer folded before its number\n      #${i}"\n    id: ${i}\n`;
  const text = `dataset:\n${item(1)}${item(2)}${item(3)}# a comment\nafter: 1\n`;
  const uri = 'file:///w/x.yaml';
  const fast = parseDocument(uri, text, { fast: 'always' });
  assert.ok(fast instanceof ChunkedDocument);
  assert.deepEqual(compareDocuments(parseDocument(uri, text, { precise: true }), fast), []);
});

test('a "#" that starts a line after a plain text is a comment, not more of the text', () => {
  const text = 'dataset:\n  - title: A plain title\n      # said the writer\n    id: 1\n  - title: B\n    id: 2\n';
  const uri = 'file:///w/x.yaml';
  const precise = parseDocument(uri, text, { precise: true });
  assert.deepEqual(precise.value, { dataset: [{ title: 'A plain title', id: 1 }, { title: 'B', id: 2 }] });
  assert.deepEqual(compareDocuments(precise, parseDocument(uri, text, { fast: 'always' })), []);
});

test('plain keys whose name is not their text (`null:`, `~:`, `1:`, `0x1F:`, `true:`) are named as the yaml package names them', () => {
  const keys = ['null', '1', '0x1F', '0o17', '+12', '1.50', 'true', 'FALSE', '.inf', 'title'];
  // `null`, `~` and `Null` all name the key '' (one per mapping, or it is written twice).
  const item = (i: number) => `  - ${keys.map((k, j) => `${k === 'null' ? ['null', '~', 'Null'][i % 3] : k}: v${i}-${j}`).join('\n    ')}\n`;
  const text = `dataset:\n${item(1)}${item(2)}${item(3)}`;
  const uri = 'file:///w/x.yaml';
  for (const k of [...keys, '~', 'Null']) assert.ok(fastYamlItem(`  - ${k}: v\n    identifier: x\n`, true), `read on the fast path: ${k}`);
  const fast = parseDocument(uri, text, { fast: 'always' });
  assert.ok(fast instanceof ChunkedDocument);
  const precise = parseDocument(uri, text, { precise: true });
  assert.deepEqual(compareDocuments(precise, fast), []);
  // Looked up by its name, each key's node is found (on the walk and on the map made after many lookups).
  for (let round = 0; round < 3; round++) {
    for (const name of Object.keys((precise.value as { dataset: Record<string, unknown>[] }).dataset[1])) {
      const p = `/dataset/1/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      assert.deepEqual(fast.nodes.get(p), precise.nodes.get(p), p);
    }
  }
});

test('block scalars and blank lines inside scalars are read on the fast path, exactly', async () => {
  // Each value as it follows `    description:` in an item; the item's other keys come after it.
  const values = [
    ' |\n      line one\n\n      line three\n',
    ' |-\n      kept\n        more indented\n\n',
    ' |+\n      keep the trailing lines\n\n\n',
    ' >\n      folded\n      text\n\n      new paragraph\n',
    ' >-\n      The survey\n       \n\n      a spaces-only line above\n',
    ' >+\n      folded, kept\n\n',
    ' |2\n        two more than the key\n',
    ' >1-\n      explicit\n',
    ' |\n      # not a comment in a block scalar\n      text\n',
    ' "a title folded before its number\n      #12"\n',
    ' plain text\n      folded over lines\n\n      with a blank line between\n',
    ' "double quoted\n\n      over a blank line"\n',
    " 'single quoted\n   \n      over a spaces-only line'\n",
  ];
  const item = (v: string, i: number) => `  - description:${v}    identifier: id-${i}\n    title: T\n`;
  for (const v of values) {
    assert.ok(fastYamlItem(item(v, 0), true), `read on the fast path: ${JSON.stringify(v)}`);
  }
  const text = `dataset:\n${values.map(item).join('')}${item(values[4], 99).replace(/\n$/, '')}`;
  const uri = 'file:///w/x.yaml';
  const fast = parseDocument(uri, text, { fast: 'always' });
  assert.ok(fast instanceof ChunkedDocument);
  const precise = parseDocument(uri, text, { precise: true });
  assert.deepEqual(compareDocuments(precise, fast), []);
  assert.equal(await findingsOf(fast), await findingsOf(precise));
  // Blank lines between entries, or after a comment, stay with the `yaml` package (and are still exact).
  for (const odd of ['  - a: 1\n\n    b: 2\n', '  - a: 1 # note\n\n    b: 2\n', '  - a: x\n\n', '  - a: 1\n    # a comment\n    b: 2\n']) {
    assert.equal(fastYamlItem(odd, true), undefined, JSON.stringify(odd));
  }
  // …and a block scalar that keeps its trailing blank lines ends its item with them.
  assert.ok(fastYamlItem('  - a: |+\n      x\n\n', true));
  for (const odd of ['  - a: 1\n\n    b: 2\n', '  - a: 1 # note\n\n    b: 2\n', '  - a: x\n\n', '  - a: |\n      x\n\n', '  - a: |+\n      x\n\n', '  - a: 1\n    # a comment\n    b: 2\n', '  - a: |\n      x\n     # less indented\n    b: 2\n']) {
    const t = `dataset:\n${odd}  - z: 1\n`;
    assert.deepEqual(compareDocuments(parseDocument(uri, t, { precise: true }), parseDocument(uri, t, { fast: 'always' })), [], JSON.stringify(odd));
  }
});

test('a session that reads items lazily gives the same document, reading only what is asked', () => {
  for (const [name, text] of [['data.json', catalogJson(150, 5)], ['data.yaml', catalogYaml(150, 5)]] as const) {
    const uri = `file:///w/${name}`;
    const lazy = new DocumentSession(uri, undefined, 0, true).update(text);
    assert.ok(lazy instanceof ChunkedDocument, name);
    const read = () => lazy.pieces.filter((p) => (p as unknown as { isRead?: boolean }).isRead !== false).length;
    assert.equal(read(), 0, `${name}: nothing read on open`);
    assert.ok(lazy.positionAt(text.length >> 1).line > 0);
    assert.equal(read(), 0, `${name}: positions need no reading`);
    const list = (lazy.value as { dataset: unknown[] }).dataset;
    assert.equal(list.length, 150);
    assert.deepEqual(list[75], (parseDocument(uri, text, { precise: true }).value as { dataset: unknown[] }).dataset[75]);
    assert.equal(read(), 1, `${name}: one dataset read`);
    assert.deepEqual(compareDocuments(parseDocument(uri, text, { precise: true }), lazy), [], name);
  }
});

test('the fast path steps aside where it cannot be exact', () => {
  const cases: [string, string][] = [
    ['anchors and aliases', 'list:\n  - &a {x: 1}\n  - *a\n  - y: 2\n'],
    ['several documents', 'list:\n  - a\n  - b\n---\nother: 1\n'],
    ['a directive', '%YAML 1.2\n---\nlist:\n  - a\n  - b\n'],
    ['a syntax error in an item', 'list:\n  - a: [1, 2\n  - b: 2\n'],
    ['a tab in the indentation', 'list:\n\t- a\n  - b\n'],
  ];
  for (const [why, text] of cases) {
    const doc = parseDocument('file:///w/x.yaml', text, { fast: 'always' });
    assert.ok(!(doc instanceof ChunkedDocument), why);
    assert.deepEqual(doc.value, parseDocument('file:///w/x.yaml', text, { precise: true }).value, why);
  }
  const json: [string, string][] = [
    ['a comment', '{"list": [1, 2, /* c */ 3]}'],
    ['a trailing comma', '{"list": [1, 2, 3,]}'],
    ['unbalanced', '{"list": [1, 2, 3}'],
  ];
  for (const [why, text] of json) {
    const doc = parseDocument('file:///w/x.json', text, { fast: 'always' });
    assert.ok(!(doc instanceof ChunkedDocument), why);
  }
});

test('grapheme count: the plain-text shortcut agrees with Intl.Segmenter', () => {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const count = (s: string) => [...seg.segment(s)].length;
  const samples = [
    'plain ASCII text\twith a tab\nand a line',
    'Città, perché “virgolette” – e … €100',
    'e\u0301 (combining accent)',
    'a\r\nb',
    '👨‍👩‍👧 family',
    'ZW\u200dJ and ZW\u200cNJ',
    '\u00a0\u00ad\u2028\u2029\u202f',
  ];
  for (const s of samples) assert.equal(graphemeCount(s), count(s), JSON.stringify(s));
});

test('quoted and plain scalars over several lines: the fast reader gives what the yaml package gives (random texts)', () => {
  // A small deterministic generator, so that a failure can be replayed.
  const rand = seededRandom(12345);
  const pick = <T,>(xs: T[]) => xs[rand(xs.length)];
  const word = () =>
    pick(['data', 'Ünïcode', 'a', '—', 'x#y', 'emoji 😀', 'q\'s', '\\"', '\\\\', '\\n', '\\t', '\\u00e9', '\\x41', '\\U0001F600', '\\ ', '\\/', '100%', 'k:v',
      // Indicators, which start a scalar but not its later lines.
      '-leased', '- item', '-', '[x]', '{y}', '&a', '*b', '!t', '|p', '>g', '%', '@', '`x`', '?q', '? q', ',c', ':c']);
  const gap = () => pick([' ', '  ', '\n      ', ' \n      ', '\n\n      ', '\n   \n      ', '  \n\n\n      ', '\\\n      ', ' \\\n        ', '\\\n\n      ', '\\\\\n      ']);
  const uri = 'file:///w/x.yaml';
  let compared = 0;
  let escapedBreaks = 0;
  let indicators = 0;
  for (let n = 0; n < 3000; n++) {
    const words = Array.from({ length: 1 + rand(8) }, word);
    let body = words[0];
    for (const w of words.slice(1)) body += gap() + w;
    const style = rand(3);
    const scalar =
      style === 0 ? `"${body}"`
      : style === 1 ? `'${body.replace(/\\/g, '').replace(/'/g, "''")}'`
      : `start ${body.replace(/[\\"'#]/g, '')}`;
    const item = `  - description: ${scalar}\n    id: ${n}\n`;
    let expected: unknown;
    try {
      expected = (parseYaml(`dataset:\n${item}`) as { dataset: { description: unknown }[] }).dataset[0].description;
    } catch {
      continue; // not YAML: the precise path reports it
    }
    const fast = fastYamlItem(item);
    if (!fast) continue; // stepped aside
    compared++;
    if (/\\\n/.test(scalar)) escapedBreaks++;
    if (style === 2 && /\n *[-[{&*!|>%@`?,:]/.test(scalar)) indicators++;
    assert.deepEqual((fast.value as { description: unknown }).description, expected, JSON.stringify(item));
    // And the same index and positions in a catalog, on both paths.
    const text = `dataset:\n${item}  - z: 1\n`;
    assert.deepEqual(compareDocuments(parseDocument(uri, text, { precise: true }), parseDocument(uri, text, { fast: 'always' })), [], JSON.stringify(item));
  }
  assert.ok(compared > 2500 && escapedBreaks > 400 && indicators > 400, `compared ${compared}, with escaped line breaks ${escapedBreaks}, plain lines starting with an indicator ${indicators}`);
});

test('block scalars: the fast reader gives what the yaml package gives, value and place (random texts)', () => {
  const rand = seededRandom(2024);
  const pick = <T,>(xs: readonly T[]) => xs[rand(xs.length)];
  const headers = ['|', '>', '|-', '>-', '|+', '>+', '|2', '>1-'];
  const uri = 'file:///w/x.yaml';
  let simple = 0;
  let compared = 0;
  let listed = 0;
  for (let n = 0; n < 1500; n++) {
    const header = pick(headers);
    // Under a key in column 4, or as an entry of a list whose dashes are in column 6 (followed by
    // another entry, or the last one).
    const inList = rand(2) === 1;
    const col = inList ? 6 : 4;
    const first = col + 2 + rand(2);
    const lines: string[] = [];
    for (let k = 1 + rand(6); k > 0; k--) {
      const kind = rand(10);
      lines.push(
        kind < 5 ? `${' '.repeat(first)}${pick(['text', 'Ünïcode 😀', '# not a comment', 'a: b', '- item', "q's", '"x"'])}`
        : kind < 7 ? `${' '.repeat(first + 1 + rand(3))}${pick(['more indented', 'code()'])}`
        : kind < 9 ? ''
        : ' '.repeat(rand(first + 3)),
      );
    }
    const body = lines.map((l) => `${l}\n`).join('');
    const item = inList
      ? `  - description:\n      - ${header}\n${body}${rand(2) ? '      - last\n' : ''}    id: ${n}\n`
      : `  - description: ${header}\n${body}    id: ${n}\n`;
    // The value as the package reads it, and the same item on both paths of a catalog.
    let expected: unknown;
    try {
      const description = (parseYaml(`dataset:\n${item}`) as { dataset: { description: unknown }[] }).dataset[0].description;
      expected = inList ? (description as unknown[])[0] : description;
    } catch {
      continue;
    }
    if (inList && fastYamlItem(item)) listed++;
    const value = blockScalarValue(header, lines, col);
    if (value !== undefined) {
      simple++;
      assert.equal(value, expected, JSON.stringify(item));
    }
    const text = `dataset:\n${item}  - z: 1\n`;
    const precise = parseDocument(uri, text, { precise: true });
    if (precise.syntaxFindings.length) continue;
    compared++;
    assert.deepEqual(compareDocuments(precise, parseDocument(uri, text, { fast: 'always' })), [], JSON.stringify(item));
  }
  assert.ok(simple > 300 && compared > 1000 && listed > 400, `simple ${simple}, compared ${compared}, list entries read ${listed}`);
});
