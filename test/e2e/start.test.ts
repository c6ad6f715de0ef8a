import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

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
    const child = spawnCli(['start'], {
      GAZETTE_CONFIG: config,
      GAZETTE_DATA_DIR: dir,
      GAZETTE_LOG_LEVEL: 'warn',
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
      await waitFor('Local Ledger (127.0.0.1) [local] — ✅ ok');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.on('close', resolve));
    }
  });
});
