import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MessageBody } from './discord-limits.js';

/** One request the fake received, after its body was parsed. */
export interface RecordedRequest {
  readonly method: string;
  /** Path after `/api/v10`, with `%40original` decoded. */
  readonly path: string;
  readonly auth: string | null;
  readonly body: MessageBody & Record<string, unknown>;
  readonly files: { name: string; content: string }[];
  readonly at: number;
  status: number;
}

/** Reads a request body: JSON, or discord.js's multipart with `payload_json` and files. */
export async function readBody(req: IncomingMessage): Promise<Pick<RecordedRequest, 'body' | 'files'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: {}, files: [] };
  if (!type.startsWith('multipart/form-data'))
    return { body: JSON.parse(raw.toString('utf8')) as RecordedRequest['body'], files: [] };
  const request = new Request('http://fake/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: raw,
  });
  // The recipe's way to read discord.js's multipart bodies; a test fake needs no streaming parser.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const form = await request.formData();
  const files: RecordedRequest['files'] = [];
  let body: RecordedRequest['body'] = {};
  for (const [key, value] of form.entries()) {
    if (key === 'payload_json' && typeof value === 'string')
      body = JSON.parse(value) as RecordedRequest['body'];
    else if (typeof value !== 'string') files.push({ name: value.name, content: await value.text() });
  }
  return { body, files };
}

/** Writes a JSON answer (or an empty one for `null`, as Discord's 204s are) and returns the status. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): number {
  if (body === null) res.writeHead(status, headers).end();
  else res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  return status;
}

/** Resolves when `check` holds, polling every few milliseconds; rejects after `timeoutMs`, which only ends a hung test on a loaded machine (timeliness is asserted on its own). */
export async function until(check: () => boolean, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
