// URL, URN and e-mail syntax checks. No I/O: nothing here resolves or fetches anything.

/** The WHATWG URL of an absolute URL, or undefined. Leading/trailing or inner spaces are rejected. */
export function parseAbsoluteUrl(text: string): URL | undefined {
  if (text.length === 0 || /\s/.test(text)) return undefined;
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text)) return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The everyday http(s) URL (`https://www.agency.gov/data/x.csv?y=1`), which the WHATWG parser always
 * accepts: letters, digits and hyphens in the host's labels (the last one starting with a letter, so not
 * an IPv4 address; no `--`, so no punycode to check), a port of at most 4 digits, then printable ASCII.
 * Anything else goes to the parser itself.
 */
const PLAIN_HTTP_URL = /^https?:\/\/(?:[A-Za-z0-9-]+\.)*[A-Za-z][A-Za-z0-9-]*(?::[0-9]{1,4})?(?:[/?#][\x21-\x7e]*)?$/;

/** Whether `parseAbsoluteUrl` would read `text` (without making the URL when that is plain to see). */
export function isAbsoluteUrl(text: string): boolean {
  if (PLAIN_HTTP_URL.test(text) && !text.includes('--', 7)) return true;
  return parseAbsoluteUrl(text) !== undefined;
}

/** An absolute URL with a scheme and a host (`https://example.org/x`, `ftp://host/`). */
export function isAbsoluteUrlWithHost(text: string): boolean {
  const u = parseAbsoluteUrl(text);
  return !!u && u.host !== '' && /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text);
}

/** An http:// or https:// URL with a host. */
export function isHttpUrl(text: string): boolean {
  const u = parseAbsoluteUrl(text);
  return !!u && (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '' && /^https?:\/\//i.test(text);
}

// RFC 2141: "urn:" <NID> ":" <NSS>; NID is 1–32 letters, digits or hyphens, not starting with a hyphen
// and not "urn"; NSS is one or more of the allowed characters or %-escapes.
const URN = /^urn:([A-Za-z0-9][A-Za-z0-9-]{0,31}):((?:[A-Za-z0-9()+,\-.:=@;$_!*'/?#]|%[0-9A-Fa-f]{2})+)$/i;

export interface Urn {
  nid: string;
  nss: string;
}

/** The parts of an RFC 2141 URN, or undefined. */
export function parseUrn(text: string): Urn | undefined {
  const m = URN.exec(text);
  if (!m || m[1].toLowerCase() === 'urn') return undefined;
  return { nid: m[1], nss: m[2] };
}

export function isUrn(text: string): boolean {
  return parseUrn(text) !== undefined;
}

// The WHATWG "valid e-mail address" (HTML living standard): what people mean by an e-mail address,
// without the obsolete RFC 5322 forms (quoted local parts, comments, IP literals).
const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** Does the text look like a URL written wrongly (`http;//`, `https:/x`, `www.x.org`)? Returns a fixed form. */
export function suggestUrlFix(text: string): string | undefined {
  const t = text.trim();
  if (t !== text && isHttpUrl(t)) return t;
  const m = /^(https?)[;:.,]+\/*(.+)$/i.exec(t);
  if (m && !/^https?:\/\//i.test(t)) {
    const fixed = `${m[1].toLowerCase()}://${m[2]}`;
    if (isHttpUrl(fixed)) return fixed;
  }
  if (/^www\./i.test(t) && isHttpUrl(`https://${t}`)) return `https://${t}`;
  return undefined;
}

/** Lower-cased extension of the path part of a URL or relative path, with the dot (`.png`), or ''. */
export function pathExtension(pathOrUrl: string): string {
  let path = pathOrUrl;
  const u = parseAbsoluteUrl(pathOrUrl);
  if (u) path = u.pathname;
  else path = path.split(/[?#]/)[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}
