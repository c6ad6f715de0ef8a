import { describe, expect, it } from 'vitest';
import { body, FEED, fetchErr, fetchOk, policy, redirect, serve } from './fetch-helpers.js';
import { closedPort } from './local-server.js';

describe('fetch: success and validators', () => {
  it('returns the body, final URL, content type and validators, and sends a clear User-Agent', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Tue, 04 Jun 2024 10:00:00 GMT',
      });
      res.end(FEED);
    });
    const fetched = await fetchOk(`${server.origin}/feed.xml`);
    expect(fetched).toMatchObject({
      status: 200,
      url: `${server.origin}/feed.xml`,
      permanentUrl: null,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Tue, 04 Jun 2024 10:00:00 GMT',
    });
    expect(body(fetched)).toBe(FEED);
    const headers = server.requests[0]?.headers;
    expect(headers?.['user-agent']).toBe(policy.userAgent);
    expect(headers?.['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers?.accept).toContain('application/rss+xml');
    expect(headers?.['if-none-match']).toBeUndefined();
  });

  it('sends ETag and Last-Modified back and reports 304 as not modified', async () => {
    const server = await serve((req, res) => {
      if (
        req.headers['if-none-match'] === '"v1"' &&
        req.headers['if-modified-since'] === 'Tue, 04 Jun 2024 10:00:00 GMT'
      ) {
        res.writeHead(304).end();
      } else res.writeHead(200).end(FEED);
    });
    const validators = { etag: '"v1"', lastModified: 'Tue, 04 Jun 2024 10:00:00 GMT' };
    expect(await fetchOk(`${server.origin}/f`, { validators })).toEqual({
      status: 304,
      url: `${server.origin}/f`,
      maxAgeMs: null,
    });
    expect(
      (await fetchOk(`${server.origin}/f`, { validators: { etag: null, lastModified: null } })).status,
    ).toBe(200);
  });

  it('treats a 304 to an unconditional request as a bad status', async () => {
    const server = await serve((_req, res) => res.writeHead(304).end());
    expect((await fetchErr(`${server.origin}/f`)).reason).toBe('http_status');
  });

  it('never sends back a validator that could inject a header', async () => {
    const server = await serve((_req, res) => res.writeHead(200).end(FEED));
    await fetchOk(`${server.origin}/f`, { validators: { etag: '"a"\r\nx-evil: 1', lastModified: null } });
    expect(server.requests[0]?.headers['if-none-match']).toBeUndefined();
    expect(server.requests[0]?.headers['x-evil']).toBeUndefined();
  });
});

describe('fetch: redirects', () => {
  it('follows 301 then 308 and reports the permanent URL', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/a') redirect(res, 301, '/b');
      else if (req.url === '/b') redirect(res, 308, `http://feed.test:${String(req.socket.localPort)}/c`);
      else res.writeHead(200).end(FEED);
    });
    const resolver = () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
    const fetched = await fetchOk(`${server.origin}/a`, {}, {}, { resolver });
    const final = `http://feed.test:${server.port}/c`;
    expect(fetched).toMatchObject({ status: 200, url: final, permanentUrl: final });
  });

  it('gives no permanent URL when any hop was temporary (302, 303, 307)', async () => {
    for (const temporary of [302, 303, 307]) {
      const server = await serve((req, res) => {
        if (req.url === '/a') redirect(res, 301, '/b');
        else if (req.url === '/b') redirect(res, temporary, '/c');
        else res.writeHead(200).end(FEED);
      });
      expect(await fetchOk(`${server.origin}/a`)).toMatchObject({
        url: `${server.origin}/c`,
        permanentUrl: null,
      });
    }
  });

  it('follows exactly maxRedirects hops and refuses one more, and loops', async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1));
      if (req.url === '/loop') redirect(res, 302, '/loop');
      else if (n > 0) redirect(res, 302, `/${n - 1}`);
      else res.writeHead(200).end(FEED);
    });
    expect((await fetchOk(`${server.origin}/5`)).status).toBe(200);
    const tooMany = await fetchErr(`${server.origin}/6`);
    expect(tooMany.reason).toBe('too_many_redirects');
    expect(server.requests).toHaveLength(6 + 6);
    expect((await fetchErr(`${server.origin}/loop`)).reason).toBe('too_many_redirects');
    expect((await fetchErr(`${server.origin}/1`, { maxRedirects: 0 })).reason).toBe('too_many_redirects');
  });

  it('refuses a redirect to a private, link-local or mapped address without connecting', async () => {
    for (const target of [
      'http://10.0.0.1/feed',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:10.0.0.1]/',
      'http://[fe80::1]/',
      'http://0.0.0.0/',
    ]) {
      const server = await serve((_req, res) => {
        redirect(res, 302, target);
      });
      const error = await fetchErr(`${server.origin}/feed`);
      expect(error.reason, target).toBe('blocked_address');
      expect(error.permanent).toBe(true);
    }
  });

  it('refuses a redirect to loopback when the policy is "none", checking every hop', async () => {
    const seen: string[] = [];
    const resolver = (host: string) => {
      seen.push(host);
      return Promise.resolve(
        host === 'public.example'
          ? [{ address: '93.184.215.14', family: 4 }]
          : [{ address: '127.0.0.1', family: 4 }],
      );
    };
    const server = await serve((_req, res) => res.writeHead(200).end(FEED));
    expect((await fetchErr(`${server.origin}/feed`, { allowPrivateNetworks: 'none' })).reason).toBe(
      'blocked_address',
    );
    expect(
      (await fetchErr(`http://localhost:${server.port}/feed`, { allowPrivateNetworks: 'none' }, { resolver }))
        .reason,
    ).toBe('blocked_address');
    expect(
      (await fetchErr(`http://[::1]:${server.port}/feed`, { allowPrivateNetworks: 'none' })).reason,
    ).toBe('blocked_address');
    expect(server.requests).toHaveLength(0);
    expect(seen).toEqual(['localhost']);
  });

  it('refuses a redirect to something that is not http(s)', async () => {
    const server = await serve((_req, res) => {
      redirect(res, 301, 'file:///etc/passwd');
    });
    expect((await fetchErr(`${server.origin}/`)).reason).toBe('bad_url');
  });
});

describe('fetch: statuses, timeouts and failures', () => {
  it('names 404 and 410 as permanent and 500/503/429 as temporary with Retry-After', async () => {
    const now = Date.UTC(2024, 5, 4, 12);
    const server = await serve((req, res) => {
      if (req.url === '/404') res.writeHead(404).end('not here');
      else if (req.url === '/410') res.writeHead(410).end();
      else if (req.url === '/500') res.writeHead(500, { 'retry-after': '120' }).end();
      else if (req.url === '/503')
        res.writeHead(503, { 'retry-after': new Date(now + 90_000).toUTCString() }).end();
      else res.writeHead(429, { 'retry-after': 'soon' }).end();
    });
    const at = (path: string) => fetchErr(`${server.origin}${path}`, {}, { now: () => now });
    expect(await at('/404')).toMatchObject({
      reason: 'http_status',
      status: 404,
      permanent: true,
      retryAfterMs: null,
    });
    expect(await at('/410')).toMatchObject({ status: 410, permanent: true });
    expect(await at('/500')).toMatchObject({ status: 500, permanent: false, retryAfterMs: 120_000 });
    expect(await at('/503')).toMatchObject({ status: 503, retryAfterMs: 90_000 });
    expect(await at('/429')).toMatchObject({ status: 429, retryAfterMs: null });
  });

  it('times out a server that never answers, and one that stalls mid-body', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.write('<rss>');
      }
    });
    for (const path of ['/silent', '/stall']) {
      const started = Date.now();
      const error = await fetchErr(`${server.origin}${path}`, { timeoutMs: 300 });
      expect(error.reason, path).toBe('timeout');
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it('names a refused connection, a bad URL and a cancelled request', async () => {
    expect((await fetchErr(`http://127.0.0.1:${await closedPort()}/`)).reason).toBe('connect');
    for (const url of ['ftp://example.org/feed', 'not a url', 'http://', 'javascript:alert(1)']) {
      expect((await fetchErr(url)).reason, url).toBe('bad_url');
    }
    const server = await serve(() => undefined);
    const controller = new AbortController();
    setTimeout(() => {
      controller.abort();
    }, 50);
    expect((await fetchErr(`${server.origin}/`, {}, {}, { signal: controller.signal })).reason).toBe(
      'network',
    );
  });
});
