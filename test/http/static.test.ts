import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadPublicFiles, staticFile } from '../../src/http/static.js';
import { makeApp } from '../support/app.js';

const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

describe('static files are compressed once, when they are loaded', () => {
  const files = loadPublicFiles(publicDir);

  it.each(['/app.css', '/app.js', '/htmx-4.0.1.min.js', '/favicon.svg'])('%s has brotli and gzip forms that decode to the file', (name) => {
    const file = files.get(name)!;
    const original = readFileSync(`${publicDir}${name.slice(1)}`);
    expect(Buffer.from(file.body).equals(original)).toBe(true);
    expect(brotliDecompressSync(file.encoded.br!.body).equals(original)).toBe(true);
    expect(gunzipSync(file.encoded.gzip!.body).equals(original)).toBe(true);
    expect(file.encoded.br!.body.byteLength).toBeLessThan(original.byteLength);
    expect(new Set([file.etag, file.encoded.br!.etag, file.encoded.gzip!.etag]).size).toBe(3);
  });

  it('keeps no compressed form of a file that is not text', () => {
    expect(staticFile('/logo.png', new Uint8Array(2048)).encoded).toEqual({});
  });

  it('keeps no compressed form that would be larger than the file', () => {
    expect(staticFile('/tiny.css', new TextEncoder().encode('a{}')).encoded).toEqual({});
  });
});

describe('serving the compressed forms', () => {
  async function appWithFiles() {
    const t = await makeApp();
    const files = loadPublicFiles(publicDir);
    return { app: createApp(t.deps, files), files };
  }
  const fetchCss = (app: Awaited<ReturnType<typeof appWithFiles>>['app'], headers: Record<string, string>) =>
    app.request('/static/app.css', { headers });

  it('hands over the bytes made at start, the same ones on every request (never compressed again)', async () => {
    const { app, files } = await appWithFiles();
    const made = files.get('/app.css')!.encoded.br!;
    for (let i = 0; i < 2; i++) {
      const res = await fetchCss(app, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.headers.get('content-encoding')).toBe('br');
      expect(res.headers.get('etag')).toBe(made.etag);
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(made.body))).toBe(true);
    }
  });

  it.each([
    { accept: 'gzip', encoding: 'gzip' },
    { accept: 'br', encoding: 'br' },
    { accept: 'identity', encoding: null },
    { accept: undefined, encoding: null },
  ])('answers Accept-Encoding "$accept" with $encoding, and Vary: Accept-Encoding', async ({ accept, encoding }) => {
    const { app, files } = await appWithFiles();
    const file = files.get('/app.css')!;
    const res = await fetchCss(app, accept ? { 'accept-encoding': accept } : {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe(encoding);
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('etag')).toBe(encoding ? file.encoded[encoding as 'br' | 'gzip']!.etag : file.etag);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/);
  });

  it('revalidates each form by its own ETag', async () => {
    const { app, files } = await appWithFiles();
    const file = files.get('/app.css')!;
    const br = { 'accept-encoding': 'br' };
    expect((await fetchCss(app, { ...br, 'if-none-match': file.encoded.br!.etag })).status).toBe(304);
    expect((await fetchCss(app, { ...br, 'if-none-match': `W/${file.encoded.br!.etag}` })).status).toBe(304);
    expect((await fetchCss(app, { ...br, 'if-none-match': `"other", ${file.encoded.br!.etag}` })).status).toBe(304);
    // The plain file's ETag does not stand for the brotli bytes.
    expect((await fetchCss(app, { ...br, 'if-none-match': file.etag })).status).toBe(200);
    expect((await fetchCss(app, { 'if-none-match': file.etag })).status).toBe(304);
  });

  it('leaves an image as it is, without Vary', async () => {
    const t = await makeApp();
    const app = createApp(t.deps, new Map([['/x.png', staticFile('/x.png', new Uint8Array(4096))]]));
    const res = await app.request('/static/x.png', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(4096);
  });
});
