// Is a video URL served by a known oEmbed provider? Offline: the URL is matched against the URL
// schemes of the oembed.com provider registry (npm `oembed-providers`), as the reference validator
// does with its embedded copy of the same registry.

import providers from 'oembed-providers/providers.json';

interface Provider {
  provider_name: string;
  endpoints?: { schemes?: string[] }[];
}

let compiled: { provider: string; re: RegExp }[] | undefined;

function schemeToRegExp(scheme: string): RegExp {
  const body = scheme
    .trim()
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, 'i');
}

function patterns(): { provider: string; re: RegExp }[] {
  if (compiled) return compiled;
  compiled = [];
  for (const p of providers as Provider[]) {
    for (const e of p.endpoints ?? []) {
      for (const s of e.schemes ?? []) {
        if (/^https?:\/\//i.test(s)) compiled.push({ provider: p.provider_name, re: schemeToRegExp(s) });
      }
    }
  }
  return compiled;
}

/** The provider name whose URL schemes match `url` (also trying `www.` for bare domains), or undefined. */
export function oembedProvider(url: string): string | undefined {
  const candidates = [url];
  const m = /^(https?:\/\/)([^/?#]+)(.*)$/i.exec(url);
  if (m && m[2].split('.').length === 2) candidates.push(`${m[1]}www.${m[2]}${m[3]}`);
  for (const c of candidates) {
    const hit = patterns().find((p) => p.re.test(c));
    if (hit) return hit.provider;
  }
  return undefined;
}

export const OEMBED_PROVIDER_COUNT = (providers as Provider[]).length;
