import type { Fetcher } from './fetch.js';

/**
 * Largest picture offered to a platform: Telegram fetches photos by URL up to 5 MB, and a
 * thumbnail needs far less.
 */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

/** How long a verdict on one address is kept: the same lead picture recurs across chats and slots. */
const VERDICT_TTL_MS = 6 * 3_600_000;
const MAX_VERDICTS = 2_000;

const IMAGE_ACCEPT = 'image/avif, image/webp, image/png, image/jpeg, image/gif;q=0.8';

/** Formats both platforms render, by the bytes they begin with: a header can lie, a file less so. */
function isRenderableImage(body: Uint8Array): boolean {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => body[i] === b);
  const ascii = (offset: number, text: string): boolean => {
    for (let i = 0; i < text.length; i++) if (body[offset + i] !== text.charCodeAt(i)) return false;
    return true;
  };
  return (
    starts(0xff, 0xd8, 0xff) ||
    starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) ||
    ascii(0, 'GIF87a') ||
    ascii(0, 'GIF89a') ||
    (ascii(0, 'RIFF') && ascii(8, 'WEBP'))
  );
}

/** Says whether a picture may be shown; `reason` names why not, for the log. */
export type ImageVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks picture addresses before a platform is told to show them. */
export interface ImageChecker {
  check(url: string): Promise<ImageVerdict>;
}

/**
 * Checks a picture through a guarded fetcher (which refuses private addresses on every hop and stops
 * reading past its byte cap): it must answer 200 with an image type, and its bytes must be a JPEG,
 * PNG, GIF or WebP of at most {@link IMAGE_MAX_BYTES}. The platform then fetches it by URL itself.
 * Verdicts are remembered for a few hours.
 */
export function createImageChecker(fetcher: Fetcher, now: () => number = Date.now): ImageChecker {
  const verdicts = new Map<string, { verdict: ImageVerdict; at: number }>();

  async function fetchVerdict(url: string): Promise<ImageVerdict> {
    const fetched = await fetcher.fetch(url, { accept: IMAGE_ACCEPT });
    if (!fetched.ok) return { ok: false, reason: fetched.error.reason };
    if (fetched.value.status !== 200) return { ok: false, reason: 'not_modified' };
    const { body, contentType } = fetched.value;
    if (body.length > IMAGE_MAX_BYTES) return { ok: false, reason: 'too_large' };
    if (contentType !== null && !/^\s*image\//iu.test(contentType))
      return { ok: false, reason: 'not_an_image' };
    return isRenderableImage(body) ? { ok: true } : { ok: false, reason: 'not_an_image' };
  }

  return {
    async check(url) {
      const known = verdicts.get(url);
      if (known !== undefined && now() - known.at < VERDICT_TTL_MS) return known.verdict;
      const verdict = await fetchVerdict(url);
      verdicts.delete(url);
      verdicts.set(url, { verdict, at: now() });
      // A Map iterates in insertion order: the first key is the oldest verdict.
      if (verdicts.size > MAX_VERDICTS) {
        const oldest = verdicts.keys().next();
        if (oldest.done !== true) verdicts.delete(oldest.value);
      }
      return verdict;
    },
  };
}
