import type { IncomingMessage } from 'node:http';
import type { Transform } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { err, ok, type Result } from '../core/result.js';
import { abortReason, NetworkError, TooLargeError, type IngestError } from './errors.js';

type Coding = 'identity' | 'gzip' | 'deflate' | 'br';

function codingOf(header: string | undefined): Coding | null {
  const value = (header ?? '').trim().toLowerCase();
  if (value === '' || value === 'identity') return 'identity';
  if (value === 'gzip' || value === 'x-gzip') return 'gzip';
  if (value === 'deflate') return 'deflate';
  if (value === 'br') return 'br';
  return null;
}

// A stream cut off mid-way still yields what arrived, as browsers do; the parser's repair takes
// it from there.
const lenient = { finishFlush: constants.Z_SYNC_FLUSH };

/** `deflate` is meant to be zlib-wrapped, but many servers send raw deflate: the header tells. */
function decompressorFor(coding: Exclude<Coding, 'identity'>, firstChunk: Buffer): Transform {
  if (coding === 'gzip') return createGunzip(lenient);
  if (coding === 'br') return createBrotliDecompress({ finishFlush: constants.BROTLI_OPERATION_FLUSH });
  const [b0 = 0, b1 = 0] = firstChunk;
  const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
  return zlibWrapped ? createInflate(lenient) : createInflateRaw(lenient);
}

/**
 * Reads a response body, decompressing gzip, deflate or br itself, and stops as soon as the
 * bytes on the wire or the bytes after decompression pass `maxBytes` (so a decompression bomb
 * costs at most `maxBytes` of memory). An abort of `signal` ends it with the signal's reason.
 */
export function readBody(
  res: IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): Promise<Result<Uint8Array, IngestError>> {
  const coding = codingOf(res.headers['content-encoding']);
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (coding === null) {
    res.destroy();
    return Promise.resolve(err(new NetworkError('The server used a compression Gazette cannot read.')));
  }
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    return Promise.resolve(err(new TooLargeError(maxBytes)));
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let bodyBytes = 0;
    let decompressor: Transform | null = null;
    let settled = false;

    const finish = (result: Result<Uint8Array, IngestError>): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (!result.ok) {
        res.destroy();
        decompressor?.destroy();
      }
      resolve(result);
    };
    const fail = (error: IngestError): void => {
      finish(err(error));
    };
    const onAbort = (): void => {
      fail(abortReason(signal));
    };
    const collect = (chunk: Buffer): void => {
      bodyBytes += chunk.length;
      if (bodyBytes > maxBytes) fail(new TooLargeError(maxBytes));
      else chunks.push(chunk);
    };
    const done = (): void => {
      finish(ok(Buffer.concat(chunks, bodyBytes)));
    };

    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort);
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) {
        fail(new TooLargeError(maxBytes));
        return;
      }
      if (coding === 'identity') {
        collect(chunk);
        return;
      }
      if (decompressor === null) {
        decompressor = decompressorFor(coding, chunk);
        decompressor.on('data', (out: Buffer) => {
          if (!settled) collect(out);
        });
        decompressor.on('error', () => {
          fail(new NetworkError('The response was not validly compressed.'));
        });
        decompressor.on('end', done);
      }
      decompressor.write(chunk);
    });
    res.on('end', () => {
      if (decompressor === null) done();
      else decompressor.end();
    });
    res.on('error', () => {
      fail(new NetworkError());
    });
    res.on('close', () => {
      if (!res.complete)
        fail(new NetworkError('The server closed the connection before the response was complete.'));
    });
  });
}
