import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram } from '../fakes/telegram-server.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const root = path.resolve(import.meta.dirname, '../..');
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  const now = Date.now();
  server.route('/local.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Local Ledger', [
        {
          id: 'l1',
          title: 'Library reopens after two-year renovation',
          body: 'The central library reopened on Saturday after a two-year renovation, the city said. It now has a children’s wing.',
          date: new Date(now - 3_600_000),
        },
      ]),
    ),
  );
});

afterAll(async () => {
  await server.close();
});

describe('gazette start (console, no token)', () => {
  it('follows the configured feeds, prints a first digest after the first poll and answers commands', async () => {
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
        "  tick: '*/2 * * * * *'",
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
      cwd: root,
      env: { ...process.env, GAZETTE_CONFIG: config, GAZETTE_DATA_DIR: dir, GAZETTE_LOG_LEVEL: 'warn' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const waitFor = async (text: string): Promise<void> => {
      for (let i = 0; i < 300 && !stdout.includes(text); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stdout).toContain(text);
    };
    try {
      await waitFor('Library reopens after two-year renovation');
      expect(stdout).toContain('Sources: Local Ledger');
      child.stdin.write('/feeds\n');
      await waitFor('Local Ledger (127.0.0.1) — ✅ ok');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
  });
});

describe('gazette start (Telegram that refuses the token)', () => {
  it('exits non-zero with one clear line, so a supervisor restarts it', async () => {
    const telegram = await startFakeTelegram();
    telegram.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-start-'));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'start'], {
        cwd: root,
        env: {
          ...process.env,
          GAZETTE_DATA_DIR: dir,
          GAZETTE_LOG_LEVEL: 'silent',
          TELEGRAM_BOT_TOKEN: telegram.token,
          TELEGRAM_API_ROOT: telegram.apiRoot,
        },
        stdio: ['ignore', 'ignore', 'pipe'],
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
