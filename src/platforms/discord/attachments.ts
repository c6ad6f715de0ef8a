import type { Attachment } from '../../core/command.js';
import { err, ok, type Result } from '../../core/result.js';

/** A file as an interaction describes it. */
export interface AttachmentRef {
  readonly name: string;
  readonly url: string;
  readonly size: number;
}

/** Limits of a download. */
export interface DownloadPolicy {
  /** Hosts a file may come from: Discord's CDN, and the API host (a local fake in tests). */
  readonly hosts: ReadonlySet<string>;
  readonly maxBytes: number;
  readonly timeoutMs: number;
}

/** The hosts Discord serves attachments from, plus the configured API's. */
export function attachmentHosts(apiUrl: string): Set<string> {
  return new Set(['cdn.discordapp.com', 'media.discordapp.net', new URL(apiUrl).host]);
}

/** Downloads an attached text file within the policy; the error is safe to show. */
export async function downloadAttachment(
  ref: AttachmentRef,
  policy: DownloadPolicy,
): Promise<Result<Attachment, string>> {
  let url: URL;
  try {
    url = new URL(ref.url);
  } catch {
    return err('That attachment has no usable address.');
  }
  if (!policy.hosts.has(url.host)) return err('That attachment is not on Discord.');
  const tooLarge = `That file is too large (at most ${Math.round(policy.maxBytes / 1024)} KiB).`;
  if (ref.size > policy.maxBytes) return err(tooLarge);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(policy.timeoutMs), redirect: 'error' });
    if (!response.ok || !response.body) return err(`Discord did not serve the file (${response.status}).`);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > policy.maxBytes) {
        await reader.cancel();
        return err(tooLarge);
      }
      chunks.push(next.value);
    }
    return ok({ name: ref.name, content: Buffer.concat(chunks).toString('utf8') });
  } catch {
    return err('The file could not be downloaded; please try again.');
  }
}
