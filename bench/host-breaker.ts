/**
 * `npm run bench -- host-breaker`: the article-page step when one host stopped answering. Thirty
 * items link to a server on 127.0.0.1 that accepts connections and never replies; each read waits
 * out the page timeout (scaled down to 400 ms here from the default 15 s). Without the breaker every
 * read waits; with it, three timeouts in a row leave the host alone. Two items of a host that
 * answers are read either way.
 */

import { createServer, type Server } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config/load.js';
import type { Item } from '../src/core/types.js';
import { createFetcher } from '../src/ingest/fetch.js';
import { createHostBreaker } from '../src/pipeline/host-breaker.js';
import { extractTexts, type ExtractDeps } from '../src/pipeline/extract-pending.js';
import pino from 'pino';
import { storedItem } from '../test/helpers/stored-item.js';

const TIMEOUT_MS = 400;
const SILENT_ITEMS = 30;

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });
}

const silent = createServer(() => {
  // Accepts and never answers: a host that is down behind a load balancer.
});
const sentence =
  'Harbour officials said on Tuesday that two cranes collapsed during a storm, halting cargo traffic for the rest of the week.';
const answering = createHttpServer((_req, res) => {
  const paragraphs = Array.from({ length: 8 }, (_, i) => `<p>${sentence} Berth ${i + 1} stays shut.</p>`);
  res
    .writeHead(200, { 'content-type': 'text/html' })
    .end(`<html><body><article>${paragraphs.join('')}</article></body></html>`);
});
const silentPort = await listen(silent);
const answeringPort = await listen(answering);

const config = loadConfig({ configDir: 'config', env: { GAZETTE_ALLOW_PRIVATE_NETWORKS: 'loopback' } });
if (!config.ok) throw new Error(config.error);
const fetcher = createFetcher({ ...config.value.fetch, timeoutMs: TIMEOUT_MS, connectTimeoutMs: TIMEOUT_MS });

const item = (id: number, url: string): Item =>
  storedItem(id, { url, title: 'Cranes collapse', text: 'Two cranes collapsed during a storm.' });
const items = [
  ...Array.from({ length: SILENT_ITEMS }, (_, i) => item(i, `http://127.0.0.1:${silentPort}/story-${i}`)),
  item(100, `http://127.0.0.1:${answeringPort}/a`),
  item(101, `http://127.0.0.1:${answeringPort}/b`),
];

async function run(withBreaker: boolean): Promise<{ ms: number; extracted: number }> {
  const deps: ExtractDeps = {
    fetcher,
    minWords: 80,
    enabledFor: () => Promise.resolve(true),
    concurrency: 4,
    perHostConcurrency: 2,
    log: pino({ level: 'silent' }),
    ...(withBreaker ? { breaker: createHostBreaker(Date.now) } : {}),
  };
  const started = performance.now();
  const { texts } = await extractTexts(deps, items);
  const extracted = items.filter((i) => texts.get(i.id) !== i.text).length;
  return { ms: performance.now() - started, extracted };
}

const without = await run(false);
const withIt = await run(true);
console.log(
  `host-breaker: ${SILENT_ITEMS} pages of a silent host + 2 of a live one, page timeout ${TIMEOUT_MS} ms, 2 reads per host at once`,
);
console.log(`  without breaker: ${Math.round(without.ms)} ms, ${without.extracted} pages extracted`);
console.log(`  with breaker:    ${Math.round(withIt.ms)} ms, ${withIt.extracted} pages extracted`);
console.log(
  `  ratio: ${(without.ms / withIt.ms).toFixed(1)}× (at the default 15 s timeout the wait scales with it)`,
);
silent.close();
answering.close();
process.exit(0);
