import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { body, FEED, fetchErr, fetchOk, policy, serve } from './fetch-helpers.js';

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
