// JSON Pointer (RFC 6901) helpers. '' is the whole document.

export function escapeSegment(segment: string): string {
  // Most keys need no escape: skip the two replacements (a big catalog has hundreds of thousands).
  if (segment.indexOf('~') === -1 && segment.indexOf('/') === -1) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  if (segment.indexOf('~') === -1) return segment;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(parent: string, segment: string | number): string {
  return `${parent}/${escapeSegment(String(segment))}`;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function parentPointer(pointer: string): string {
  const i = pointer.lastIndexOf('/');
  return i <= 0 ? '' : pointer.slice(0, i);
}

export function lastSegment(pointer: string): string {
  const parts = splitPointer(pointer);
  return parts.length ? parts[parts.length - 1] : '';
}

/**
 * A pointer written the way people read paths: `maintenance.contacts[0].email`.
 * Used in messages next to (never instead of) the position.
 */
export function pointerToPath(pointer: string): string {
  // Read segment by segment without regular expressions: a big catalog's messages name ~10,000 places.
  let out = '';
  let start = 1;
  while (start <= pointer.length && pointer !== '') {
    let end = pointer.indexOf('/', start);
    if (end === -1) end = pointer.length;
    const seg = unescapeSegment(pointer.slice(start, end));
    if (isArrayIndex(seg)) out += `[${seg}]`;
    else if (isIdentifier(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
    start = end + 1;
  }
  return out;
}

/** A segment that names a list entry: `0`, `1`, `42` (no sign, no leading zero). */
export function isArrayIndex(seg: string): boolean {
  const n = seg.length;
  if (n === 0 || (n > 1 && seg.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = seg.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A letter, `_` or `$`, then letters, digits, `_`, `$` or `-` (ASCII): written after a dot. */
function isIdentifier(seg: string): boolean {
  const n = seg.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = seg.charCodeAt(i);
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
    if (!letter && (i === 0 || !((c >= 48 && c <= 57) || c === 45))) return false;
  }
  return true;
}

/** Read the value at a pointer, or undefined. Only own properties are followed. */
export function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const seg of splitPointer(pointer)) {
    if (Array.isArray(cur)) {
      const i = Number(seg);
      if (!Number.isInteger(i) || i < 0 || i >= cur.length) return undefined;
      cur = cur[i];
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    } else {
      return undefined;
    }
  }
  return cur;
}
