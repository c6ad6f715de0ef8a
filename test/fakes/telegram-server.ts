import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Update } from 'telegraf/types';
import type { NewUpdate } from './telegram-updates.js';
import { createFakeState, type ApiError, type FakeState } from './telegram-fake-state.js';
import { runMethod } from './telegram-fake-methods.js';

/** One Bot API call as the fake received it. */
export interface RecordedCall {
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Monotonic time of arrival, in ms. */
  readonly at: number;
}

/** A local Bot API for telegraf: long polling held open, calls recorded, errors scripted. */
export interface FakeTelegram extends FakeState {
  /** API root to hand to telegraf (`TELEGRAM_API_ROOT`). */
  readonly apiRoot: string;
  readonly token: string;
  readonly calls: RecordedCall[];
  /** Time each answer but getUpdates's waits after the call took effect: the network's round trip. */
  latencyMs: number;
  /** Cuts the connection of the next `times` calls of `method` without an answer. */
  resetNext(method: string, times?: number): void;
  /** Queues an update for getUpdates; its update_id is assigned here. */
  push(update: NewUpdate): number;
  /** Calls of one method, in order. */
  callsOf(method: string): RecordedCall[];
  /** Resolves once `predicate` holds, checking after every call; rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

async function readParams(req: IncomingMessage, url: string): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value);
    }
    // Node's own multipart parser is enough for the few small bodies a test sends.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const form = await new Request(url, { method: 'POST', headers, body: req, duplex: 'half' }).formData();
    const params: Record<string, unknown> = {};
    for (const [key, value] of form.entries()) {
      params[key] =
        typeof value === 'string'
          ? value
          : { filename: value.name, content: Buffer.from(await value.arrayBuffer()).toString('utf8') };
    }
    return params;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (body === '') return {};
  const parsed: unknown = JSON.parse(body);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function answer(res: ServerResponse, outcome: { result: unknown } | { error: ApiError }): void {
  const body = 'error' in outcome ? { ok: false, ...outcome.error } : { ok: true, result: outcome.result };
  const status = 'error' in outcome ? outcome.error.error_code : 200;
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts the fake on 127.0.0.1 with an ephemeral port. */
export async function startFakeTelegram(token = '123456:TEST-token'): Promise<FakeTelegram> {
  const state = createFakeState();
  const calls: RecordedCall[] = [];
  const watchers = new Set<() => void>();
  const notify = (): void => {
    for (const watcher of [...watchers]) watcher();
  };
  let nextUpdateId = 1;
  const updates: Update[] = [];
  const polls = new Set<{ offset: number; reply: (updates: Update[]) => void }>();
  const resets = new Map<string, number>();

  const pending = (offset: number): Update[] => updates.filter((u) => u.update_id >= offset);

  const getUpdates = (params: Record<string, unknown>, res: ServerResponse): void => {
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    // Confirmed updates are forgotten, as Telegram does.
    for (let i = updates.length - 1; i >= 0; i--)
      if ((updates[i]?.update_id ?? 0) < offset) updates.splice(i, 1);
    const timeout = typeof params.timeout === 'number' ? params.timeout : 0;
    const ready = pending(offset);
    if (ready.length > 0 || timeout <= 0) {
      answer(res, { result: ready });
      return;
    }
    // Held open like the real one: until an update arrives, the time is up, or the client leaves.
    const poll = {
      offset,
      reply: (found: Update[]): void => {
        clearTimeout(timer);
        polls.delete(poll);
        if (!res.writableEnded) answer(res, { result: found });
      },
    };
    const timer = setTimeout(
      () => {
        poll.reply([]);
      },
      Math.min(timeout, 50) * 1000,
    );
    polls.add(poll);
    res.on('close', () => {
      clearTimeout(timer);
      polls.delete(poll);
    });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && file) {
      const content = file[1] === token ? state.fileContent(decodeURIComponent(file[2] ?? '')) : null;
      if (content === null) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(content);
      return;
    }
    const call = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (call?.[1] !== token) {
      answer(res, { error: { error_code: 404, description: 'Not Found' } });
      return;
    }
    const method = call[2] ?? '';
    readParams(req, url.href)
      .then((params) => {
        calls.push({ method, params, at: performance.now() });
        notify();
        const cuts = resets.get(method) ?? 0;
        if (cuts > 0) {
          resets.set(method, cuts - 1);
          req.socket.destroy();
          return;
        }
        const scripted = method === 'getUpdates' ? state.takeScripted(method, null) : null;
        if (scripted !== null) {
          answer(res, { error: scripted });
          return;
        }
        if (method === 'getUpdates') {
          getUpdates(params, res);
          return;
        }
        const outcome = runMethod(state, method, params, performance.now());
        notify();
        if (fake.latencyMs > 0) {
          setTimeout(() => {
            answer(res, outcome);
          }, fake.latencyMs);
        } else answer(res, outcome);
      })
      .catch((error: unknown) => {
        answer(res, { error: { error_code: 400, description: `Bad Request: ${String(error)}` } });
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeTelegram = Object.assign(state, {
    latencyMs: 0,
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    push(update: NewUpdate): number {
      const full: Update = { ...update, update_id: nextUpdateId++ };
      updates.push(full);
      for (const poll of [...polls]) {
        const ready = pending(poll.offset);
        if (ready.length > 0) poll.reply(ready);
      }
      return full.update_id;
    },
    callsOf: (method: string) => calls.filter((c) => c.method === method),
    resetNext(method: string, times = 1): void {
      resets.set(method, (resets.get(method) ?? 0) + times);
    },
    waitFor(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        // Calls wake the check at once; the interval catches changes no call announces (the store).
        const interval = setInterval(check, 10);
        const timer = setTimeout(() => {
          clearInterval(interval);
          watchers.delete(check);
          reject(new Error('fake Telegram: condition not met in time'));
        }, timeoutMs);
        const done = (): void => {
          clearInterval(interval);
          clearTimeout(timer);
          watchers.delete(check);
          resolve();
        };
        function check(): void {
          if (predicate()) done();
        }
        watchers.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const poll of [...polls]) poll.reply([]);
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  });
  return fake;
}
