// `maxLength` and `minLength` for ajv, counting as JSON Schema counts (Unicode code points, so that an
// emoji is one character) without counting when the string's length in UTF-16 units already decides.
// ajv counts the code points of every string it checks, one character at a time: ~14 ms of the schema's
// ~90 ms on a 10,000-dataset catalog, nearly all for descriptions far from their limits. A string of
// `n` UTF-16 units has between ⌈n / 2⌉ and n code points, so only a string near its limit is counted.

import { _, str, type default as Ajv, type CodeKeywordDefinition, type KeywordCxt } from 'ajv';

/** The number of Unicode code points of `s` (a lone surrogate counts as one), as JSON Schema counts a length. */
export function codePointLength(s: string): number {
  return [...s].length;
}

const lengthKeywords: CodeKeywordDefinition = {
  keyword: ['maxLength', 'minLength'],
  type: 'string',
  schemaType: 'number',
  $data: true,
  // ajv's own message and params (messages.ts reads `params.limit`).
  error: {
    message: ({ keyword, schemaCode }) => str`must NOT have ${keyword === 'maxLength' ? 'more' : 'fewer'} than ${schemaCode} characters`,
    params: ({ schemaCode }) => _`{limit: ${schemaCode}}`,
  },
  code(cxt: KeywordCxt) {
    const { keyword, data, schemaCode, gen } = cxt;
    const count = gen.scopeValue('func', { ref: codePointLength });
    cxt.fail$data(
      keyword === 'maxLength'
        ? _`${data}.length > ${schemaCode} && ${count}(${data}) > ${schemaCode}`
        : _`${data}.length < 2 * ${schemaCode} && ${count}(${data}) < ${schemaCode}`,
    );
  },
  // Where ajv's own are checked: before pattern and format, so that errors come in the same order.
  before: 'pattern',
};

/** Makes `ajv` check string lengths with `lengthKeywords` instead of its own keywords. */
export function useCodePointLengths(ajv: Ajv): void {
  ajv.removeKeyword('maxLength');
  ajv.removeKeyword('minLength');
  ajv.addKeyword(lengthKeywords);
}
