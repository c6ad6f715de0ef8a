import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/ingest/fetch.js';
import { createImageChecker, IMAGE_MAX_BYTES } from '../../src/ingest/image-check.js';
import { testConfig } from '../helpers/config.js';
import { startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { PRIVATE_IMAGE, servePictures } from '../helpers/picture-feeds.js';

let feeds: FeedServer;

beforeAll(async () => {
  feeds = await startFeedServer();
  servePictures(feeds);
});

afterAll(async () => {
  await feeds.close();
});

const checker = (policy: 'loopback' | 'none' = 'loopback') =>
  createImageChecker(
    createFetcher({ ...testConfig().fetch, allowPrivateNetworks: policy, maxBytes: IMAGE_MAX_BYTES }),
  );

describe('the picture check', () => {
  it('passes a real image that answers 200', async () => {
    expect(await checker().check(`${feeds.base}/img/ok.png`)).toEqual({ ok: true });
  });

  it('refuses a private address before connecting, and loopback unless allowed', async () => {
    expect(await checker().check(PRIVATE_IMAGE)).toEqual({ ok: false, reason: 'blocked_address' });
    expect(await checker('none').check(`${feeds.base}/img/ok.png`)).toEqual({
      ok: false,
      reason: 'blocked_address',
    });
  });

  it('refuses 20 MB whether its length is declared or only streamed, without reading it all', async () => {
    const started = performance.now();
    expect(await checker().check(`${feeds.base}/img/huge.jpg`)).toEqual({ ok: false, reason: 'too_large' });
    expect(await checker().check(`${feeds.base}/img/huge-chunked.jpg`)).toEqual({
      ok: false,
      reason: 'too_large',
    });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses what is not an image, is missing, or is not http(s)', async () => {
    expect(await checker().check(`${feeds.base}/img/page.html`)).toEqual({
      ok: false,
      reason: 'not_an_image',
    });
    expect(await checker().check(`${feeds.base}/img/missing.png`)).toEqual({
      ok: false,
      reason: 'http_status',
    });
    expect(await checker().check('file:///etc/passwd')).toEqual({ ok: false, reason: 'bad_url' });
    expect(await checker().check('javascript:alert(1)')).toEqual({ ok: false, reason: 'bad_url' });
  });

  it('remembers a verdict instead of fetching again', async () => {
    const once = checker();
    const before = feeds.requests.filter((r) => r.path === '/img/ok.png').length;
    await once.check(`${feeds.base}/img/ok.png`);
    await once.check(`${feeds.base}/img/ok.png`);
    expect(feeds.requests.filter((r) => r.path === '/img/ok.png').length).toBe(before + 1);
  });
});
