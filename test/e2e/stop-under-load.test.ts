import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

const FEEDS = 60;
const ITEMS = 50;
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer();
  const now = Date.now();
  for (let f = 0; f < FEEDS; f++) {
    const items = Array.from({ length: ITEMS }, (_, i) => ({
      id: `f${f}-${i}`,
      title: `Council ${f} votes on plan ${i} for the river district`,
      body: `The council of district ${f} voted on plan ${i} on Tuesday. ${'Residents spoke for and against the plan at length. '.repeat(20)}`,
      date: new Date(now - (f * ITEMS + i) * 60_000),
    }));
    server.route(`/f${f}.xml`, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(`Feed ${f}`, items)),
    );
  }
  // Never answers: a poll is still under way when the process is told to stop.
  server.route('/hang.xml', () => undefined);
});

afterAll(async () => {
  await server.close();
});

/** `gazette start` following `ids` of the served feeds, with its stderr gathered as it comes. */
function startFollowing(ids: readonly string[]): {
  child: ReturnType<typeof spawnCli>;
  stderr: () => string;
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'gazette-stop-'));
  const config = path.join(dir, 'local.yaml');
  writeFileSync(
    config,
    [
      'catalog:',
      ...ids.map(
        (id) =>
          `  - { id: ${id}, name: ${id}, url: '${server.base}/${id}.xml', topics: [culture], language: en }`,
      ),
      'console:',
      `  feeds: [${ids.join(', ')}]`,
      'fetch:',
      '  allowPrivateNetworks: loopback',
      '  timeoutMs: 60000',
      'digest:',
      `  newFeedItems: ${ITEMS}`,
      'extraction:',
      '  minWords: 0',
      'polling:',
      "  tick: '*/1 * * * * *'",
      '',
    ].join('\n'),
  );
  const child = spawnCli(['start'], {
    GAZETTE_CONFIG: config,
    GAZETTE_DATA_DIR: dir,
    GAZETTE_LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdout.resume();
  return { child, stderr: () => stderr };
}

/** Sends SIGTERM; the exit code and how long the process took to end. */
async function stopped(child: ReturnType<typeof spawnCli>): Promise<{ code: number | null; ms: number }> {
  const sent = performance.now();
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, ms: performance.now() - sent };
}

describe('gazette start under load', { timeout: 120_000 }, () => {
  it('stops within 5 s of SIGTERM in the middle of condensing, with a poll under way, without being cut short', async () => {
    const { child, stderr } = startFollowing([...Array.from({ length: FEEDS }, (_, f) => `f${f}`), 'hang']);
    // Half the feeds read: condensing was woken by the first, and the hanging feed is under way.
    const polled = (): number => stderr().split('"msg":"feed polled"').length - 1;
    for (let i = 0; i < 2400 && polled() < FEEDS / 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(polled()).toBeGreaterThanOrEqual(FEEDS / 2);
    await new Promise((r) => setTimeout(r, 300));
    const { code, ms } = await stopped(child);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(5_000);
    expect(stderr()).not.toContain('stopping took too long');
    expect(stderr()).not.toContain('Cannot use a pool');
  });
});
