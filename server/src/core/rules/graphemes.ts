// Text length as people see it: grapheme clusters (UAX #29), not UTF-16 units or code points.
// "é" written as e + combining accent, a flag, a family emoji: each counts as one character, as in
// the reference validator (which uses rivo/uniseg).

type Segmenter = { segment(input: string): Iterable<unknown> };

let segmenter: Segmenter | null | undefined;

// Also general punctuation (curly quotes, dashes, ellipsis) and currency signs, but not U+200C/U+200D
// (ZWNJ/ZWJ extend the character before them).
const SIMPLE_TEXT = /^[\t\n\x20-\x7e\xa0-\xff\u2000-\u200b\u200e-\u206f\u20a0-\u20cf]*$/;

function getSegmenter(): Segmenter | null {
  if (segmenter !== undefined) return segmenter;
  const Ctor = (Intl as unknown as { Segmenter?: new (locale?: string, options?: { granularity: string }) => Segmenter }).Segmenter;
  segmenter = Ctor ? new Ctor(undefined, { granularity: 'grapheme' }) : null;
  return segmenter;
}

/** Number of grapheme clusters in `text` (code points where Intl.Segmenter is missing). */
export function graphemeCount(text: string): number {
  // Tab, line feed, printable ASCII, Latin-1 letters (and the punctuation below) are one cluster each
  // and never join their neighbours (no CR, so no CR LF pair; combining marks start at U+0300): the
  // count is the length.
  // Most descriptions are such text, and the segmenter is slow (tens of ms for a long description).
  if (SIMPLE_TEXT.test(text)) return text.length;
  const seg = getSegmenter();
  if (!seg) return [...text].length;
  let n = 0;
  for (const _ of seg.segment(text)) n++;
  return n;
}

export interface LengthBounds {
  min?: number;
  max?: number;
}

/** `undefined` when `text` is within bounds, else how it misses them. */
export function checkGraphemeLength(text: string, bounds: LengthBounds): { length: number; problem: 'too-short' | 'too-long' } | undefined {
  const length = graphemeCount(text);
  if (bounds.min !== undefined && length < bounds.min) return { length, problem: 'too-short' };
  if (bounds.max !== undefined && length > bounds.max) return { length, problem: 'too-long' };
  return undefined;
}
