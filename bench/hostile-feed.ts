/**
 * What a hostile 5 MiB feed costs Gazette: each feed below is served from 127.0.0.1 to a real
 * Gazette (fetch, parse, normalise, store, condense: `app.pollOnce()`), after a first small poll
 * so that every hostile item is new and condensed. Prints the CPU time of the poll and the longest
 * the event loop was blocked meanwhile (perf_hooks.monitorEventLoopDelay), next to a plain news feed
 * of the same size as baseline. Goals: under 5 s of CPU, no block over 200 ms.
 * `npm run bench -- hostile-feed [--only <words of a feed's name>]`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { loadLanguageDetector } from '../src/condense/language.js';
import { defaultStoryModel } from '../src/stories/story-model.js';
import { startFeedServer } from '../test/helpers/feed-server.js';
import { testConfig } from '../test/helpers/config.js';
import { benchApp } from './lib/bench-app.js';

const MIB = 1024 * 1024;
const SIZE = 5 * MIB;

const escapeXml = (text: string): string => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');

function rss(items: readonly { title: string; body: string }[], prolog = ''): string {
  const entries = items
    .map(
      (item, i) =>
        `<item><guid>i${i}</guid><title>${item.title}</title><link>http://127.0.0.1/a/${i}</link>` +
        `<pubDate>${new Date(Date.now() - i * 60_000).toUTCString()}</pubDate><description>${item.body}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>Hostile</title><link>http://127.0.0.1/</link>${entries}</channel></rss>`;
}

/** `count` items whose bodies together fill the feed to about 5 MiB. */
function itemsOf(
  count: number,
  body: (i: number, chars: number) => string,
): { title: string; body: string }[] {
  const chars = Math.floor((SIZE - 200 * count) / count);
  return Array.from({ length: count }, (_, i) => ({
    title: `Item ${i} of a hostile feed`,
    body: body(i, chars),
  }));
}

const repeatTo = (unit: string, chars: number): string =>
  unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);

const NEWS =
  'The council agreed the budget on Tuesday after three days of talks, the mayor said. ' +
  'Spending on transport rises by a tenth, and the opposition voted against the plan. ' +
  'Officials in Brussels said the decision would be reviewed by the European Commission next month. ';

const feeds: readonly [string, () => string][] = [
  [
    'baseline: 1,000 plain news items',
    () => rss(itemsOf(1000, (i, n) => escapeXml(`Story ${i}. ${repeatTo(NEWS, n - 20)}`))),
  ],
  ['one item: 5 MiB of escaped "<"', () => rss([{ title: 'x', body: repeatTo('&lt;', SIZE - 400) }])],
  ['1,000 items of escaped "<"', () => rss(itemsOf(1000, (_, n) => repeatTo('&lt;', n)))],
  [
    '1,000 news items and one stray close tag',
    () =>
      rss(
        itemsOf(
          1000,
          (i, n) => escapeXml(`Story ${i}. ${repeatTo(NEWS, n - 20)}`) + (i === 500 ? '</b>' : ''),
        ),
      ),
  ],
  ['1,000 items of "A, " (capitalised words)', () => rss(itemsOf(1000, (_, n) => repeatTo('A, ', n)))],
  ['1,000 items of one unbroken word', () => rss(itemsOf(1000, (_, n) => repeatTo('a', n)))],
  ['1,000 items of "." runs', () => rss(itemsOf(1000, (_, n) => repeatTo('.', n)))],
  [
    'billion laughs: undeclared &lol10; everywhere',
    () =>
      rss(
        itemsOf(1000, (_, n) => repeatTo('&lol10;', n)),
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol10 "&lol;&lol;">]>',
      ),
  ],
  [
    'opens, then stray closes',
    () => rss([{ title: 'x', body: `${'<a>'.repeat(SIZE / 8)}${'</b>'.repeat(SIZE / 8 - 100)}` }]),
  ],
  ['unclosed CDATA and comments', () => rss([{ title: 'x', body: repeatTo('<![CDATA[<!--<', SIZE - 400) }])],
];

const small = rss([{ title: 'Seed', body: 'A first item, so that later items are news.' }]);

interface Measured {
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly maxBlockMs: number;
  readonly items: number;
  readonly bytes: number;
}

async function measure(body: string): Promise<Measured> {
  const server = await startFeedServer();
  server.route('/feed.xml', (_req, res, hits) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(hits === 1 ? small : body);
  });
  const base = testConfig();
  const config = {
    ...base,
    dataDir: mkdtempSync(path.join(tmpdir(), 'gazette-hostile-')),
    extraction: { ...base.extraction, minWords: 0 },
    fetch: { ...base.fetch, timeoutMs: 60_000 },
  };
  const { app, store } = benchApp(config);
  const now = Date.now();
  const subscription = await store.subscriptions.ensure(
    {
      platform: 'console',
      chatId: 'console',
      threadId: '',
      schedule: '0 8 * * *',
      timezone: 'UTC',
      nextDigestAt: null,
    },
    now,
  );
  const feed = await store.feeds.upsert({ url: `${server.base}/feed.xml` }, now);
  await store.subscriptions.addFeed(subscription.id, feed.id, 0, now);
  await app.pollOnce();
  await store.feeds.enable(feed.id, Date.now());

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await app.pollOnce();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  delay.disable();
  const items = (await store.items.latest(feed.id, 5000)).length;
  await app.stop();
  await server.close();
  return {
    cpuMs: (used.user + used.system) / 1000,
    wallMs,
    maxBlockMs: delay.max / 1e6,
    items,
    bytes: Buffer.byteLength(body),
  };
}

const onlyFlag = process.argv.indexOf('--only');
const only = onlyFlag === -1 ? '' : (process.argv[onlyFlag + 1] ?? '');

// What `app.start()` does before the first pass of a running bot.
loadLanguageDetector();
defaultStoryModel();

console.log('feed (5 MiB, second poll)                      CPU s   wall s  longest block  items');
for (const [name, build] of feeds.filter(([name]) => name.includes(only))) {
  const result = await measure(build());
  console.log(
    `${name.padEnd(46)} ${(result.cpuMs / 1000).toFixed(2).padStart(6)} ${(result.wallMs / 1000).toFixed(2).padStart(7)}` +
      ` ${result.maxBlockMs.toFixed(0).padStart(10)} ms  ${String(result.items).padStart(5)}` +
      `  (${(result.bytes / MIB).toFixed(2)} MiB)`,
  );
}
console.log('goals: under 5 s of CPU and no event-loop block over 200 ms for every hostile feed');
