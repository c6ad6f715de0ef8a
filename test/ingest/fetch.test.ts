import type { ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.js';
import type { IngestError } from '../../src/ingest/errors.js';
import { createFetcher, type Fetched, type FetcherDeps, type FetchOptions } from '../../src/ingest/fetch.js';
import { closedPort, startServer, type LocalServer } from './local-server.js';

const policy: Config['fetch'] = {
  userAgent: 'Gazette-test/1.0 (+https://gazette.example)',
  connectTimeoutMs: 1_000,
  timeoutMs: 3_000,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  allowPrivateNetworks: 'loopback',
};

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<LocalServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

type Overrides = Partial<Config['fetch']>;

async function fetchOk(
  url: string,
  options: FetchOptions = {},
  overrides: Overrides = {},
  deps: FetcherDeps = {},
) {
  const result = await createFetcher({ ...policy, ...overrides }, deps).fetch(url, options);
  if (!result.ok) throw new Error(`expected success, got ${result.error.reason}: ${result.error.message}`);
  return result.value;
}

async function fetchErr(
  url: string,
  overrides: Overrides = {},
  deps: FetcherDeps = {},
  options: FetchOptions = {},
): Promise<IngestError> {
  const result = await createFetcher({ ...policy, ...overrides }, deps).fetch(url, options);
  if (result.ok) throw new Error(`expected a failure, got status ${result.value.status}`);
  return result.error;
}

function body(fetched: Awaited<ReturnType<typeof fetchOk>>): string {
  if (fetched.status !== 200) throw new Error('expected a 200');
  return Buffer.from(fetched.body).toString('utf8');
}

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>';

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location }).end();
}

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
    const fetched = (await fetchOk(`${server.origin}/feed.xml`)) as Fetched;
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

describe('fetch: DNS is resolved once per hop and the checked address is the one connected to', () => {
  it('connects to the resolved address, keeping the host name in the Host header', async () => {
    const server = await serve((_req, res) => res.writeHead(200).end(FEED));
    let calls = 0;
    const resolver = () => {
      calls += 1;
      // A rebinding resolver: the first answer passes the check, later ones would not.
      return Promise.resolve(
        calls === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.0.0.1', family: 4 }],
      );
    };
    expect((await fetchOk(`http://feed.test:${server.port}/f`, {}, {}, { resolver })).status).toBe(200);
    expect(calls).toBe(1);
    expect(server.requests[0]?.headers.host).toBe(`feed.test:${server.port}`);
  });

  it('connects only to allowed addresses among several, falling back across families, and refuses when none is allowed', async () => {
    const server = await serve((_req, res) => res.writeHead(200).end(FEED));
    // ::1 is refused by the IPv4-only server; 10.0.0.1 must never be tried.
    const mixed = () =>
      Promise.resolve([
        { address: '10.0.0.1', family: 4 },
        { address: '::1', family: 6 },
        { address: '127.0.0.1', family: 4 },
      ]);
    expect((await fetchOk(`http://feed.test:${server.port}/f`, {}, {}, { resolver: mixed })).status).toBe(
      200,
    );
    const privateOnly = () =>
      Promise.resolve([
        { address: '192.168.0.10', family: 4 },
        { address: 'fd00::1', family: 6 },
      ]);
    expect((await fetchErr(`http://feed.test:${server.port}/f`, {}, { resolver: privateOnly })).reason).toBe(
      'blocked_address',
    );
  });

  it('names DNS failures, and bounds a resolver that never answers by the connect timeout', async () => {
    const failing = () =>
      Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }));
    const dns = await fetchErr('http://nowhere.test/feed', {}, { resolver: failing });
    expect(dns.reason).toBe('dns');
    expect(dns.message).toContain('nowhere.test');
    const hanging = () => new Promise<never>(() => undefined);
    const started = Date.now();
    const timeout = await fetchErr(
      'http://slow-dns.test/feed',
      { connectTimeoutMs: 200 },
      { resolver: hanging },
    );
    expect(timeout.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
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

describe('fetch: size limits and content encodings', () => {
  const big = Buffer.alloc(200 * 1024, 'a');

  it('refuses a declared Content-Length over the limit and a streamed body that grows past it', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(big.length) });
        res.end(big);
      } else {
        res.writeHead(200, { 'transfer-encoding': 'chunked' });
        const timer = setInterval(() => {
          if (!res.write(Buffer.alloc(16 * 1024, 'b'))) return;
        }, 1);
        res.on('close', () => {
          clearInterval(timer);
        });
      }
    });
    expect(await fetchErr(`${server.origin}/declared`)).toMatchObject({ reason: 'too_large' });
    expect(await fetchErr(`${server.origin}/streamed`)).toMatchObject({ reason: 'too_large' });
  });

  it('decompresses gzip, deflate (zlib and raw) and br', async () => {
    const encoded: Record<string, Buffer> = {
      gzip: gzipSync(FEED),
      'x-gzip': gzipSync(FEED),
      deflate: deflateSync(FEED),
      'deflate-raw': deflateRawSync(FEED),
      br: brotliCompressSync(FEED),
    };
    const server = await serve((req, res) => {
      const name = req.url?.slice(1) ?? '';
      res.writeHead(200, { 'content-encoding': name === 'deflate-raw' ? 'deflate' : name });
      res.end(encoded[name]);
    });
    for (const name of Object.keys(encoded))
      expect(body(await fetchOk(`${server.origin}/${name}`)), name).toBe(FEED);
  });

  it('stops a decompression bomb at the limit, and names corrupt or unknown encodings', async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(policy.maxBytes);
    const server = await serve((req, res) => {
      if (req.url === '/bomb') res.writeHead(200, { 'content-encoding': 'gzip' }).end(bomb);
      else if (req.url === '/br-bomb')
        res
          .writeHead(200, { 'content-encoding': 'br' })
          .end(brotliCompressSync(Buffer.alloc(16 * 1024 * 1024)));
      else if (req.url === '/corrupt')
        res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.from('definitely not gzip'));
      else res.writeHead(200, { 'content-encoding': 'compress' }).end('x');
    });
    const before = process.memoryUsage().rss;
    expect((await fetchErr(`${server.origin}/bomb`)).reason).toBe('too_large');
    expect((await fetchErr(`${server.origin}/br-bomb`)).reason).toBe('too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
    expect((await fetchErr(`${server.origin}/corrupt`)).reason).toBe('network');
    expect((await fetchErr(`${server.origin}/compress`)).reason).toBe('network');
  });
});
