import { PassThrough } from 'node:stream';

/** A writable stream that remembers what was written, posing as a terminal or not. */
export function captureStream(isTTY: boolean): PassThrough & { isTTY: boolean; text: () => string } {
  let written = '';
  const stream = Object.assign(new PassThrough(), { isTTY, text: (): string => written });
  stream.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return stream;
}
