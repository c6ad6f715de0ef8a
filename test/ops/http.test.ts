import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleChat } from '../../src/platforms/console/console-platform.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { worldFeedXml } from '../helpers/world-feed.js';

const T0 = Date.UTC(2026, 10, 28, 6, 0);
let server: FeedServer;
let harness: TestApp;
let base = '';

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/world.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
  });
  server.route('/flaky.xml', (_req, res, hits) => {
    if (hits === 1) res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(worldFeedXml(T0));
    else res.writeHead(503).end();
  });
  harness = createTestApp(T0, { http: { port: 0, host: '127.0.0.1' } });
  const port = await harness.app.ops.start();
  base = `http://127.0.0.1:${port ?? 0}`;
});

afterAll(async () => {
  await harness.app.stop();
  await server.close();
});

describe('the operations endpoint', () => {
  it('reports healthy while the store answers and the poller runs, 503 with the reason otherwise', async () => {
    const healthy = await fetch(`${base}/healthz`);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get('content-type')).toBe('application/json');
    expect(await healthy.json()).toMatchObject({
      status: 'ok',
      store: { ok: true },
      platforms: { console: { ok: true } },
    });
    harness.clock.advance(10 * 60_000);
    const stale = await fetch(`${base}/healthz`);
    expect(stale.status).toBe(503);
    expect(await stale.json()).toMatchObject({ status: 'failing', poll: { ok: false, ageSeconds: 600 } });
    await harness.app.pollOnce();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
    expect((await fetch(`${base}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('exposes every series in Prometheus format, counting what the pipeline did', async () => {
    const empty = await (await fetch(`${base}/metrics`)).text();
    for (const series of [
      'gazette_polls_total{outcome="failed"} 0',
      'gazette_poll_failures_total{reason="dns"} 0',
      'gazette_items_condensed_total 0',
      'gazette_items_filed_total 0',
      'gazette_story_seconds_total 0',
      'gazette_story_cpu_seconds_total 0',
      'gazette_digests_composed_total{platform="console"} 0',
      'gazette_parts_sent_total{platform="console"} 0',
      'gazette_parts_failed_total{platform="console",kind="retry"} 0',
      'gazette_queue_depth{queue="outbox"} 0',
      'nodejs_eventloop_lag_seconds',
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
    ])
      expect(empty).toContain(series);

    await harness.app.services.subscribe(consoleChat, `${server.base}/world.xml`, harness.clock.now());
    await harness.app.services.subscribe(consoleChat, `${server.base}/flaky.xml`, harness.clock.now());
    harness.clock.advance(60 * 60_000);
    await harness.app.pollOnce();
    await harness.app.services.digestNow(consoleChat, null, harness.clock.now());
    await harness.app.deliverDue();
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('gazette_polls_total{outcome="failed"} 1');
    expect(text).toContain('gazette_poll_failures_total{reason="http_status"} 1');
    expect(text).toMatch(/gazette_polls_total\{outcome="(updated|not_modified)"\} 1/);
    expect(text).toMatch(/gazette_items_condensed_total [1-9]/);
    expect(text).toMatch(/gazette_items_filed_total [1-9]/);
    expect(Number(/^gazette_story_seconds_total (\S+)$/mu.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toContain('gazette_digests_composed_total{platform="console"} 1');
    expect(text).toContain('gazette_parts_sent_total{platform="console"} 1');
    expect(text).toContain('gazette_queue_depth{queue="outbox"} 0');
    expect(text).toContain('gazette_queue_depth{queue="feeds_due"} 0');
  });

  it('says the store is down when it stops answering', async () => {
    const other = createTestApp(T0, { http: { port: 0, host: '127.0.0.1' } });
    const port = await other.app.ops.start();
    try {
      await other.app.store.close();
      const response = await fetch(`http://127.0.0.1:${port ?? 0}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'failing', store: { ok: false } });
      // The scrape still answers, with every series but the queue depths the store would give.
      const metrics = await fetch(`http://127.0.0.1:${port ?? 0}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('gazette_polls_total{outcome="updated"} 0');
      expect(text).not.toMatch(/gazette_queue_depth\{/u);
    } finally {
      await other.app.ops.stop();
    }
  });

  it('names the setting when its port is taken, in one line', async () => {
    const port = Number(new URL(base).port);
    const other = createTestApp(T0, { http: { port, host: '127.0.0.1' } });
    try {
      await expect(other.app.ops.start()).rejects.toThrow(
        `http.port 127.0.0.1:${port} is already in use; set http.port (GAZETTE_HTTP_PORT) to a free port`,
      );
    } finally {
      await other.app.store.close();
    }
  });
});
