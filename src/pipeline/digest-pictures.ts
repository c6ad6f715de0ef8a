import type { Digest } from '../core/types.js';
import type { ImageChecker } from '../ingest/image-check.js';

/** Pictures checked at once for one digest: a few hosts, and a digest not held up for long. */
const CONCURRENT_CHECKS = 4;

/**
 * The digest with a picture only on the leading `shown` stories whose picture passed the check;
 * every other entry loses its picture. A failed check only costs the picture, never the story.
 */
export async function checkedPictures(
  digest: Digest,
  checker: ImageChecker,
  shown: number,
  onRefused?: (url: string, reason: string) => void,
): Promise<Digest> {
  const wanted = digest.entries.slice(0, shown).map((entry) => entry.imageUrl);
  const passed = new Set<string>();
  const queue = [...new Set(wanted.filter((url): url is string => url !== null))];
  const worker = async (): Promise<void> => {
    for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
      const verdict = await checker.check(url);
      if (verdict.ok) passed.add(url);
      else onRefused?.(url, verdict.reason);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_CHECKS }, worker));
  return {
    ...digest,
    entries: digest.entries.map((entry, i) => {
      const url = i < shown ? entry.imageUrl : null;
      return url !== null && passed.has(url) ? entry : { ...entry, imageUrl: null };
    }),
  };
}
