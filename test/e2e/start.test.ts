import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { startFakeTelegram } from '../fakes/telegram-server.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  const now = Date.now();
  server.route('/local.xml', (_req, res, hits) => {
    // Away at the first poll, back at the next: the first digest must follow the recovery.
    if (hits === 1) {
      res.writeHead(503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Local Ledger', [
        {
          id: 'l1',
          title: 'Library reopens after two-year renovation',
          body: 'The central library reopened on Saturday after a two-year renovation, the city said. It now has a children’s wing.',
          date: new Date(now - 3_600_000),
        },
      ]),
    );
  });
});

afterAll(async () => {
  await server.close();
});

/** Starts `gazette start` on its own data directory with a local catalog feed and quick polls. */
function start(env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-start-'));
  const config = path.join(dir, 'local.yaml');
  writeFileSync(
    config,
    [
      'catalog:',
      `  - { id: local, name: Local Ledger, url: '${server.base}/local.xml', topics: [culture], language: en }`,
      'console:',
      '  feeds: [local]',
      'fetch:',
      '  allowPrivateNetworks: loopback',
      'polling:',
      "  tick: '*/1 * * * * *'",
      '  backoffBaseMinutes: 0.02',
      '',
    ].join('\n'),
  );
  const child = spawnCli(['start'], { GAZETTE_CONFIG: config, GAZETTE_DATA_DIR: dir, ...env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const waitFor = async (stream: () => string, text: string | RegExp): Promise<void> => {
    // Generous: a busy machine may be slow; the wait ends as soon as the text is there.
    for (let i = 0; i < 1200; i++) {
      const now = stream();
      if (typeof text === 'string' ? now.includes(text) : text.test(now)) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never printed ${String(text)}:\n${stream()}`);
  };
  const stop = async (): Promise<{ code: number | null; ms: number }> => {
    const sent = performance.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { code, ms: performance.now() - sent };
  };
  return { child, out: () => stdout, err: () => stderr, waitFor, stop };
}

describe('gazette start (console, no token)', { timeout: 120_000 }, () => {
  it('says the first poll failed in words, prints the first digest once a poll reads the feed, and answers commands', async () => {
    const run = start({ GAZETTE_LOG_LEVEL: 'warn' });
    try {
      await run.waitFor(
        run.out,
        'Your feed could not be read (1 HTTP error). Gazette keeps trying; /feeds shows each one.',
      );
      await run.waitFor(run.out, 'Library reopens after two-year renovation');
      expect(run.out()).toContain('Feeds answer again.');
      expect(run.out()).toContain('Sources: Local Ledger');
      run.child.stdin.write('/feeds\n');
      await run.waitFor(run.out, 'Local Ledger (127.0.0.1) [local] — ✅ ok');
    } finally {
      const stopped = await run.stop();
      expect(stopped.code).toBe(0);
    }
  });

  it('serves /healthz and /metrics, logs JSON when not on a terminal, and stops within 5 s of SIGTERM', async () => {
    const run = start({ GAZETTE_HTTP_PORT: '0', LOG_FORMAT: 'auto' });
    try {
      await run.waitFor(run.err, /"msg":"serving \/healthz and \/metrics"/);
      const line =
        run
          .err()
          .split('\n')
          .find((l) => l.includes('serving /healthz')) ?? '{}';
      const { port } = JSON.parse(line) as { port: number };
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', platforms: { console: { ok: true } } });
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('gazette_polls_total');
      expect(metrics).toContain('nodejs_eventloop_lag_seconds');
      for (const line of run.err().trim().split('\n'))
        expect(() => JSON.parse(line) as unknown, line).not.toThrow();
    } finally {
      const stopped = await run.stop();
      expect(stopped.code).toBe(0);
      expect(stopped.ms).toBeLessThan(5_000);
    }
  });
});

describe('gazette start (Telegram that refuses the token)', () => {
  it('exits non-zero with one clear line, so a supervisor restarts it', async () => {
    const telegram = await startFakeTelegram();
    telegram.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-start-'));
    try {
      const child = spawnCli(['start'], {
        GAZETTE_DATA_DIR: dir,
        GAZETTE_LOG_LEVEL: 'silent',
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_API_ROOT: telegram.apiRoot,
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(1);
      const lines = stderr.trim().split('\n');
      expect(lines.filter((line) => line.startsWith('Gazette stopped:'))).toEqual([
        expect.stringContaining('Telegram 401: Unauthorized') as string,
      ]);
    } finally {
      await telegram.close();
    }
  });
});
