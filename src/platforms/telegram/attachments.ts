import type { Telegram } from 'telegraf';
import type { Document } from 'telegraf/types';
import type { Attachment } from '../../core/command.js';
import { err, ok, type Result } from '../../core/result.js';

const kib = (bytes: number): string => `${Math.ceil(bytes / 1024)} KiB`;

/** Reads at most `maxBytes` of a response body; more is an error, not a silent cut. */
async function readCapped(response: Response, maxBytes: number): Promise<Result<Buffer, string>> {
  // fetch's body carries bytes; Node's types leave the stream's chunks untyped.
  const body = response.body as ReadableStream<Uint8Array> | null;
  const reader = body?.getReader();
  if (!reader) return ok(Buffer.alloc(0));
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return ok(Buffer.concat(chunks));
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return err(`That file is larger than ${kib(maxBytes)}.`);
    }
    chunks.push(Buffer.from(value));
  }
}

/**
 * Downloads a document the user sent (getFile, then the file URL on the same API root), refusing
 * one over `maxBytes` before and while reading it. Errors are messages for the user.
 */
export async function downloadDocument(
  telegram: Telegram,
  document: Document,
  maxBytes: number,
  timeoutMs: number,
): Promise<Result<Attachment, string>> {
  const name = document.file_name ?? 'document';
  if (document.file_size !== undefined && document.file_size > maxBytes) {
    return err(`${name} is ${kib(document.file_size)}; /import reads files up to ${kib(maxBytes)}.`);
  }
  const link = await telegram.getFileLink(document.file_id);
  // A self-hosted Bot API server in --local mode answers with a path on its own disk.
  if (link.protocol !== 'http:' && link.protocol !== 'https:') {
    return err('This Bot API server keeps files on its own disk; Gazette can only download over HTTP.');
  }
  const response = await fetch(link, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) return err(`Telegram did not hand over ${name} (HTTP ${response.status}); try again.`);
  const body = await readCapped(response, maxBytes);
  if (!body.ok) return body;
  return ok({ name, content: body.value.toString('utf8') });
}
