import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressBody, compression, COMPRESS_THRESHOLD, windowBits } from '../../src/http/compression.js';
import { get, makeApp, withSpace } from '../support/app.js';

const decode = (encoding: string | null, bytes: Buffer): Buffer =>
  encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes;

describe('choosing the encoding from Accept-Encoding', () => {
  it.each([
    { header: undefined, chosen: null },
    { header: '', chosen: null },
    { header: 'identity', chosen: null },
    { header: 'gzip, deflate, br, zstd', chosen: 'br' },
    { header: 'gzip', chosen: 'gzip' },
    { header: 'br', chosen: 'br' },
    { header: 'br;q=0, gzip', chosen: 'gzip' },
    { header: 'br;q=0.5, gzip;q=0.8', chosen: 'gzip' },
    { header: 'gzip;q=0, br;q=0', chosen: null },
    { header: '*', chosen: 'br' },
    { header: '*;q=0, gzip', chosen: 'gzip' },
    { header: 'deflate', chosen: null },
    { header: ' GZIP ; q=1 ', chosen: 'gzip' },
  ])('$header → $chosen', ({ header, chosen }) => {
    expect(chooseEncoding(header)).toBe(chosen);
  });
});

describe('the Users page over the wire', () => {
  async function usersPage(acceptEncoding?: string) {
    const t = await makeApp();
    const owner = await withSpace(t);
    const plain = await get(t, '/users', { cookie: owner.cookie });
    const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
    const res = await get(t, '/users', { cookie: owner.cookie, headers });
    return { plain, res, plainBytes: Buffer.from(await plain.arrayBuffer()), bytes: Buffer.from(await res.arrayBuffer()) };
  }

  it.each([
    { accept: 'gzip, deflate, br', encoding: 'br' },
    { accept: 'gzip', encoding: 'gzip' },
  ])('is sent as $encoding to a client that accepts "$accept", and decodes to the same HTML', async ({ accept, encoding }) => {
    const { res, plainBytes, bytes } = await usersPage(accept);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toMatch(/(^|,\s*)Accept-Encoding(\s*,|$)/i);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(bytes.byteLength).toBeLessThan(plainBytes.byteLength / 2);
    expect(decode(encoding, bytes).equals(plainBytes)).toBe(true);
  });

  it.each([undefined, 'identity', 'deflate', 'br;q=0, gzip;q=0'])('is sent as it is when the client accepts %s, still with Vary', async (accept) => {
    const { res, plainBytes, bytes } = await usersPage(accept);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(bytes.equals(plainBytes)).toBe(true);
    expect(bytes.toString('utf8')).toContain('</html>');
  });

  it('keeps the page’s other headers (security headers, cookies)', async () => {
    const { plain, res } = await usersPage('br');
    expect(res.headers.get('content-security-policy')).toBe(plain.headers.get('content-security-policy'));
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('the compression middleware on its own', () => {
  const json = { items: Array.from({ length: 200 }, (_, i) => ({ id: i, email: `user${i}@example.com` })) };
  const app = new Hono();
  app.use(compression());
  app.get('/json', (c) => c.json(json));
  app.get('/small', (c) => c.html('<p>short</p>'));
  const page = `<ul>${Array.from({ length: 300 }, (_, i) => `<li>row ${i}</li>`).join('')}</ul>`;
  app.get('/page', (c) => {
    c.header('X-Before', 'kept');
    return c.html(Promise.resolve(page), 201, { 'X-Extra': 'kept too' });
  });
  app.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'Content-Type': 'image/png' }));
  app.get('/no-transform', (c) => c.body('x'.repeat(4096), 200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-transform' }));
  app.get('/etag', (c) => c.body('y'.repeat(4096), 200, { 'Content-Type': 'text/css', ETag: '"abc"', Vary: 'Cookie' }));
  const req = (path: string, accept = 'br, gzip', method = 'GET') => app.request(path, { method, headers: { 'accept-encoding': accept } });

  it('compresses JSON, which decodes to the same document', async () => {
    const res = await req('/json', 'gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(decode('gzip', Buffer.from(await res.arrayBuffer())).toString('utf8'))).toEqual(json);
  });

  it('compresses a page as c.html renders it, keeping its status and headers', async () => {
    const res = await req('/page', 'gzip');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect([res.headers.get('x-before'), res.headers.get('x-extra')]).toEqual(['kept', 'kept too']);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(decode('gzip', bytes).toString('utf8')).toBe(page);
  });

  it('renders the page as it is for a client that accepts no encoding', async () => {
    const res = await req('/page', 'identity');
    expect(res.status).toBe(201);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.text()).toBe(page);
  });

  it(`leaves bodies under ${COMPRESS_THRESHOLD} bytes as they are, with Vary all the same`, async () => {
    const res = await req('/small');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(await res.text()).toBe('<p>short</p>');
  });

  it.each(['/png', '/no-transform'])('leaves %s alone (not text, or Cache-Control: no-transform)', async (path) => {
    const res = await req(path);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(4096);
  });

  it('adds Accept-Encoding to an existing Vary and weakens a strong ETag (other bytes, same content)', async () => {
    const res = await req('/etag');
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Cookie, Accept-Encoding');
    expect(res.headers.get('etag')).toBe('W/"abc"');
  });

  it('does not compress the answer to HEAD', async () => {
    const res = await req('/json', 'br', 'HEAD');
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});

describe('the brotli window', () => {
  it.each([
    { size: 0, bits: 10 },
    { size: 1000, bits: 10 },
    { size: 27_757, bits: 15 },
    { size: 65_536, bits: 17 },
    { size: 10_000_000, bits: 22 },
  ])('$size bytes: a window of 2^$bits', ({ size, bits }) => {
    expect(windowBits(size)).toBe(bits);
  });

  it('decodes to the same bytes for a body as large as its window', () => {
    const body = Buffer.from(Array.from({ length: 4000 }, (_, i) => `<tr><td>row ${i}</td></tr>`).join(''));
    expect(brotliDecompressSync(Buffer.from(compressBody(body, 'br'))).equals(body)).toBe(true);
  });
});
