import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { rssFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';

let server: FeedServer;

/** Runs the built CLI in its own process with a data directory of its own, as a user would. */
function gazette(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { GAZETTE_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gazette-cli-')), ...env });
}

beforeAll(async () => {
  server = await startFeedServer();
  const now = Date.now();
  const hour = 3_600_000;
  server.route('/a.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Outlet A', [
        {
          id: 'a1',
          title: 'Bridge collapses on river highway',
          body: 'A bridge on the river highway collapsed on Sunday, injuring five drivers, police said. Engineers had warned about cracks last year. Please enter your comment! Please enter your name here',
          date: new Date(now - hour),
        },
        {
          id: 'a2',
          title: 'Old news from last week',
          body: 'This happened a week ago, the council said.',
          date: new Date(now - 7 * 24 * hour),
        },
      ]),
    ),
  );
  server.route('/b.xml', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed('Outlet B', [
        {
          id: 'b1',
          title: 'Highway bridge collapse injures five drivers',
          body: 'Five drivers were injured when a bridge on the river highway collapsed on Sunday, police said. Repairs will take months.',
          date: new Date(now - 2 * hour),
        },
      ]),
    ),
  );
  server.route('/down.xml', (_req, res) =>
    res.writeHead(503, { 'retry-after': '60' }).end('down for maintenance'),
  );
  server.route('/site.html', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(
        '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/b.xml"></head><body><p>Outlet B</p></body></html>',
      ),
  );
  server.route('/page.html', (_req, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><html><body><p>Hello</p></body></html>'),
  );
});

afterAll(async () => {
  await server.close();
});

/** A port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// Each test starts the command line a few times: minutes under load, so only a hang should fail it.
describe('gazette CLI', { timeout: 180_000 }, () => {
  it('prints one digest of several feeds, clustering the same story and dropping old items', async () => {
    const result = await gazette(
      [
        'digest',
        `${server.base}/a.xml`,
        `${server.base}/b.xml`,
        `${server.base}/missing.xml`,
        '--since',
        '24h',
      ],
      {
        GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback',
      },
    );
    expect(result.stderr).toContain(`✗ ${server.base}/missing.xml`);
    expect(result.stderr).toContain('404');
    expect(result.code).toBe(0);
    // Two of the three feeds told the story; the third is missing.
    expect(result.stdout).toMatch(/1 story from 2 feeds/);
    expect(result.stdout).toMatch(/Sources: Outlet [AB] <[^>]+> · Outlet [AB]/);
    expect(result.stdout.match(/━━/g)).toHaveLength(2);
    expect(result.stdout).toContain('Outlet B');
    expect(result.stdout).not.toContain('Old news');
    expect(result.stdout).not.toContain('Please enter');
    // Not a TTY: no progress line.
    expect(result.stderr).not.toContain('Fetching feeds');
  });

  it('reads the feed a page advertises, as /subscribe does, and says so of a page that names none', async () => {
    const result = await gazette(
      [
        'digest',
        `${server.base}/a.xml`,
        `${server.base}/site.html`,
        `${server.base}/page.html`,
        '--since',
        '24h',
      ],
      { GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback' },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 story from 2 feeds/);
    expect(result.stdout).toMatch(/Sources: Outlet [AB] <[^>]+> · Outlet [AB]/);
    expect(result.stdout).not.toContain('Old news');
    expect(result.stderr).not.toContain('site.html');
    expect(result.stderr).toContain(
      `✗ ${server.base}/page.html: That address is a web page that names no feed; give the feed’s own address.`,
    );
  });

  it('refuses loopback feeds unless the configuration allows them', async () => {
    const result = await gazette(['digest', `${server.base}/a.xml`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/private|loopback|not allowed|blocked/i);
  });

  it('rejects a bad duration and an invalid configuration with a clear message', async () => {
    const bad = await gazette(['digest', 'bbc-world', '--since', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--since takes a duration');
    const long = await gazette(['digest', 'bbc-world', '--since', '100000h']);
    expect(long.code).toBe(2);
    expect(long.stderr).toContain('ten years at most');
    const negative = await gazette(['digest', 'bbc-world', '--since=-5h']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toContain('without a minus sign');
    const invalid = await gazette(['digest', 'bbc-world'], { DATABASE_URL: 'mysql://nope' });
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('databaseUrl: must be a postgres:// URL');
  });

  it('stops with a clear message, and no password, when DATABASE_URL cannot be reached', async () => {
    const { code, stderr } = await gazette(['start'], {
      DATABASE_URL: 'postgres://gazette:hunter2@127.0.0.1:1/news',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Gazette cannot start: PostgreSQL at 127.0.0.1:1/news is not usable');
    expect(stderr).not.toContain('hunter2');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with a clear message when the data directory cannot hold the database', async () => {
    const notADirectory = path.join(mkdtempSync(path.join(tmpdir(), 'gazette-cli-')), 'file');
    writeFileSync(notADirectory, 'not a directory');
    const { code, stderr } = await gazette(['start'], { GAZETTE_DATA_DIR: notADirectory });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Gazette cannot start: the SQLite database ${path.join(notADirectory, 'gazette.db')}`,
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('imports an OPML file into the console chat and exports it again', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-opml-'));
    const file = path.join(dir, 'feeds.opml');
    writeFileSync(
      file,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline type="rss" text="A" xmlUrl="${server.base}/a.xml"/><outline type="rss" text="B" xmlUrl="${server.base}/b.xml"/></outline>
<outline type="rss" text="Gone" xmlUrl="${server.base}/gone.xml"/></body></opml>`,
    );
    const env = { GAZETTE_DATA_DIR: dir, GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback' };
    const imported = await gazette(['import', file], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 2, already followed 0, failed 1.');
    expect(imported.stdout).toContain(`✗ ${server.base}/gone.xml`);
    const exported = await gazette(['export'], env);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`xmlUrl="${server.base}/a.xml"`);
    expect(exported.stdout).toContain(`xmlUrl="${server.base}/b.xml"`);
    expect(exported.stdout).not.toContain('gone.xml');
  });

  it('follows feeds unreachable at import time, refuses what is not a feed, and leaves out what is over the limit', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-opml-'));
    const closed = await closedPort();
    const outline = (name: string, url: string): string =>
      `<outline type="rss" text="${name}" xmlUrl="${url}"/>`;
    const opml = (...outlines: string[]): string =>
      `<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>${outlines.join('')}</body></opml>`;
    const file = path.join(dir, 'feeds.opml');
    writeFileSync(
      file,
      opml(
        outline('Away', `http://127.0.0.1:${closed}/feed.xml`),
        outline('Down', `${server.base}/down.xml`),
        outline('Page', `${server.base}/page.html`),
        outline('A', `${server.base}/a.xml`),
        outline('B', `${server.base}/b.xml`),
      ),
    );
    const config = path.join(dir, 'limits.yaml');
    writeFileSync(config, 'limits:\n  importFeeds: 3\n');
    const env = { GAZETTE_DATA_DIR: dir, GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback', GAZETTE_CONFIG: config };
    const imported = await gazette(['import', file], env);
    expect(imported.stdout).toContain(
      'Imported 3, already followed 0, failed 1, unreachable for now 2, left out 1.',
    );
    expect(imported.stdout).toContain(
      `✗ ${server.base}/page.html: That address is a web page that names no feed`,
    );
    expect(imported.stdout).toContain(
      'Left out 1 (B…): one import adds at most 3 feeds (limits.importFeeds)',
    );
    expect(imported.code).toBe(0);
    // Importing again takes up the rest.
    const again = await gazette(['import', file], env);
    expect(again.stdout).toContain('Imported 1, already followed 3, failed 1.');
    const exported = await gazette(['export'], env);
    expect(exported.stdout).toContain(`xmlUrl="http://127.0.0.1:${closed}/feed.xml"`);
    expect(exported.stdout).toContain(`xmlUrl="${server.base}/down.xml"`);

    const nothing = path.join(dir, 'nothing.opml');
    writeFileSync(
      nothing,
      opml(outline('Gone', `${server.base}/gone.xml`), outline('Page', `${server.base}/page.html`)),
    );
    const none = await gazette(['import', nothing], env);
    expect(none.stdout).toContain('Imported 0, already followed 0, failed 2.');
    expect(none.code).toBe(1);
  });

  it('exits with status 1 when none of the feeds a topic names could be fetched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'gazette-topic-'));
    const config = path.join(dir, 'catalog.yaml');
    writeFileSync(
      config,
      [
        'console: { feeds: [one] }',
        'catalog:',
        ...['one', 'two', 'three'].map(
          (id) =>
            `  - { id: ${id}, name: ${id}, url: '${server.base}/gone-${id}.xml', topics: [technology], language: en }`,
        ),
        '',
      ].join('\n'),
    );
    const result = await gazette(['digest', 'technology', '--since', '1h30m'], {
      GAZETTE_CONFIG: config,
      GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback',
    });
    expect(result.code, result.stderr).toBe(1);
    // Each failure once: a line per feed, no log line repeating it, then what that means.
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(4);
    expect(lines[3]).toBe('No feed could be fetched.');
    expect(result.stdout).not.toContain('No stories');
    expect(result.stderr).toContain(
      `✗ ${server.base}/gone-one.xml: The server answered with HTTP status 404.`,
    );
  });

  it('answers every misuse in one line with status 2, and --help and --version with status 0', async () => {
    for (const argv of [
      ['frobnicate'],
      ['digest', '--help=no'],
      ['start', '-x'],
      ['digest', 'x', '--since'],
      ['digest', 'x', '--since', 'soon'],
    ]) {
      const { code, stdout, stderr } = await gazette(argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
    }
    const help = await gazette(['digest', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gazette digest <feed>\.\.\. \[--since 24h\]/);
    const version = await gazette(['--version']);
    expect(version.stdout).toMatch(/^gazette \d+\.\d+\.\d+\n$/);
  });

  it('runs the demo with no network and no token', async () => {
    const result = await gazette(['demo']);
    expect(result.code).toBe(0);
    // The port blast, told by two outlets, is one card: whichever telling leads it, both are sources.
    expect(result.stdout).toMatch(
      /Port blast kills dozens in Valdoria capital|Explosions at Valdoria City port/,
    );
    expect(result.stdout.match(/Valdoria City port|Valdoria capital/g)).toHaveLength(1);
    expect(result.stdout).toMatch(/Sources: Harbour Times <[^>]+> · Northwind Wire/);
    expect(result.stdout).not.toContain('Share this article');
  });
});
