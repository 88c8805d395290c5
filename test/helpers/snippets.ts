// Test helper: what a completion or command snippet inserts when the user accepts every default.

/** The text a snippet inserts when every placeholder keeps its default (tab stops `${n:default}`, `$n`). */
export function snippetDefaults(snippet: string): string {
  let out = '';
  let depth = 0; // inside how many placeholders: only there does `}` close one
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) out += snippet[++i];
    else if (c === '$' && snippet[i + 1] === '{') {
      i = snippet.indexOf(':', i); // the default follows
      depth++;
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '}' && depth > 0) depth--;
    else out += c;
  }
  return out;
}
