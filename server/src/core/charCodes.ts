// Character codes the hand-written readers of big documents compare with (chunked.ts, yamlChunks.ts):
// `text.charCodeAt(i) === Char.Colon` reads no one-character string. A const enum: inlined when bundled.

export const enum Char {
  Tab = 9,
  LF = 10,
  CR = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  SingleQuote = 39,
  Comma = 44,
  Dash = 45,
  Slash = 47,
  Colon = 58,
  Greater = 62,
  Question = 63,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
}
