// The codes of the Italian public administrations (codice iPA, from IndicePA), bundled as data:
// schemas/publiccode/ipa-codes.json, generated from ipa-data/ipa-codes.txt (its source and licence in
// ipa-data/README.md). Codes compare case-insensitively. The set is built on first use, not at load.

import list from '../../../../../schemas/publiccode/ipa-codes.json';

let codes: Set<string> | undefined;

/** Is `code` in the bundled IndicePA list (ignoring case)? */
export function isKnownIpaCode(code: string): boolean {
  codes ??= new Set(list.codes.toLowerCase().split('\n'));
  return codes.has(code.toLowerCase());
}

/** When the bundled copy was taken (YYYY-MM-DD), for messages. */
export const IPA_LIST_DATE: string = list.retrieved;

/** The code of an `urn:x-italian-pa:<code>` URI (any case in the prefix), or undefined. */
export function italianPaCode(uri: string): string | undefined {
  const m = /^urn:x-italian-pa:(.*)$/i.exec(uri);
  return m ? m[1] : undefined;
}
