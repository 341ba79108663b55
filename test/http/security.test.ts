import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { snapshot } from '../support/db-snapshot.js';
import { endpointsOf, fillPath } from '../support/routes.js';
import { addUser, cookieFrom, get, makeApp, PASSWORD, post, withSpace, type TestApp } from '../support/app.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** A state-changing POST, set up so that it would succeed if it came from our own page. */
interface Attack {
  what: string;
  path: string;
  prepare(t: TestApp): Promise<{ form: Record<string, string>; cookie?: string }>;
}

const ATTACKS: Attack[] = [
  {
    what: 'sign in (log-in CSRF)',
    path: '/login',
    prepare: async (t) => {
      await withSpace(t);
      return { form: { email: 'owner@example.com', password: PASSWORD } };
    },
  },
  {
    what: 'rename the victim',
    path: '/account/name',
    prepare: async (t) => ({ form: { displayName: 'Pwned' }, cookie: (await withSpace(t)).cookie }),
  },
  {
    what: 'change the victim’s password',
    path: '/account/password',
    prepare: async (t) => ({
      form: { current: PASSWORD, password: 'attacker password', confirm: 'attacker password' },
      cookie: (await withSpace(t)).cookie,
    }),
  },
  {
    what: 'sign the victim out',
    path: '/logout',
    prepare: async (t) => ({ form: {}, cookie: (await withSpace(t)).cookie }),
  },
  {
    what: 'send reset emails',
    path: '/forgot-password',
    prepare: async (t) => {
      await withSpace(t);
      return { form: { email: 'owner@example.com' } };
    },
  },
  {
    what: 'take over setup',
    path: '/setup',
    prepare: async (t) => ({
      form: { token: t.setupToken, spaceName: 'Evil', displayName: 'Mallory', email: 'mallory@example.com', password: 'mallory password' },
    }),
  },
];

const CROSS_SITE: Array<{ what: string; headers: Record<string, string> }> = [
  { what: 'Origin https://evil.example', headers: { origin: 'https://evil.example' } },
  { what: 'Origin on a look-alike host', headers: { origin: 'http://localhost.evil.example' } },
  { what: 'Origin on another port', headers: { origin: 'http://localhost:8080' } },
  { what: 'Origin null (sandboxed frame)', headers: { origin: 'null' } },
  { what: 'Sec-Fetch-Site cross-site, no Origin', headers: { 'sec-fetch-site': 'cross-site' } },
  { what: 'Sec-Fetch-Site same-site, no Origin', headers: { 'sec-fetch-site': 'same-site' } },
  { what: 'both cross-site', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
  { what: 'no Origin at all', headers: {} },
];

function rawPost(t: TestApp, path: string, form: Record<string, string>, headers: Record<string, string>, cookie?: string, contentType = 'application/x-www-form-urlencoded') {
  return t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(form).toString(),
  });
}

describe('cross-site POSTs are rejected with 403 and change nothing', () => {
  const cases = ATTACKS.flatMap((attack) => CROSS_SITE.map((site) => ({ ...site, attack, name: `${attack.what} with ${site.what}` })));

  it.each(cases)('$name', async ({ attack, headers }) => {
    const t = await makeApp();
    const { form, cookie } = await attack.prepare(t);
    const before = await snapshot(t.db);
    const res = await rawPost(t, attack.path, form, headers, cookie);
    expect(res.status).toBe(403);
    expect(cookieFrom(res)).toBeNull();
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each(ATTACKS)('also as text/plain or multipart ($what)', async (attack) => {
    for (const contentType of ['text/plain', 'multipart/form-data; boundary=x']) {
      const t = await makeApp();
      const { form, cookie } = await attack.prepare(t);
      const before = await snapshot(t.db);
      const res = await rawPost(t, attack.path, form, { origin: 'https://evil.example' }, cookie, contentType);
      expect(res.status, contentType).toBe(403);
      expect(await snapshot(t.db)).toEqual(before);
    }
  });

  it.each(ATTACKS)('while the same request from our own origin goes through ($what)', async (attack) => {
    for (const origin of ['http://localhost:3000', 'http://localhost']) {
      const t = await makeApp();
      const { form, cookie } = await attack.prepare(t);
      const before = await snapshot(t.db);
      const res = await rawPost(t, attack.path, form, { origin }, cookie);
      expect(res.status, origin).not.toBe(403);
      expect(await snapshot(t.db), `${attack.path} from ${origin} should change something`).not.toEqual(before);
    }
  });
});

function csp(res: Response): Map<string, string[]> {
  const header = res.headers.get('content-security-policy');
  expect(header, 'Content-Security-Policy header').not.toBeNull();
  return new Map(
    header!
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  const pages = [
    { what: 'the sign-in page', request: (t: TestApp) => get(t, '/login') },
    { what: 'a signed-in page', request: async (t: TestApp) => get(t, '/', { cookie: (await withSpace(t)).cookie }) },
    { what: 'the 404 page', request: (t: TestApp) => get(t, '/no-such-page') },
    { what: 'a static file', request: (t: TestApp) => get(t, '/static/app.js') },
  ];

  it.each(pages)('CSP on $what: script-src self without unsafe-inline/eval, frame-ancestors none', async ({ request }) => {
    const t = await makeApp();
    const policy = csp(await request(t));
    const script = policy.get('script-src') ?? policy.get('default-src');
    expect(script).toContain("'self'");
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) expect(script).not.toContain(bad);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
  });

  it.each(pages)('nosniff and a strict referrer policy on $what', async ({ request }) => {
    const t = await makeApp();
    const res = await request(t);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('pages carry no inline script (the CSP would block it)', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    for (const path of ['/login', '/forgot-password']) {
      const html = await (await get(t, path)).text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\ssrc="\/static\//);
      expect(html, path).not.toMatch(/\son[a-z]+="/); // no inline event handlers
    }
    for (const path of ['/', '/account']) {
      const html = await (await get(t, path, { cookie: owner.cookie })).text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\ssrc="\/static\//);
      expect(html, path).not.toMatch(/\son[a-z]+="/);
    }
  });

  it.each([
    { publicUrl: 'https://launchpad.example.com', hsts: true },
    { publicUrl: 'https://launchpad.example.com:8443', hsts: true },
    { publicUrl: 'http://launchpad.example.com', hsts: false },
    { publicUrl: 'http://localhost:3000', hsts: false },
  ])('HSTS with PUBLIC_URL $publicUrl: $hsts', async ({ publicUrl, hsts }) => {
    const t = await makeApp({ PUBLIC_URL: publicUrl });
    for (const path of ['/login', '/no-such-page']) {
      const header = (await get(t, path)).headers.get('strict-transport-security');
      if (hsts) expect(header, path).toMatch(/^max-age=31536000(;|$)/);
      else expect(header, path).toBeNull();
    }
  });
});

describe('the session cookie', () => {
  it.each([
    { publicUrl: 'http://localhost:3000', name: 'launchpad_session', secure: false },
    { publicUrl: 'https://launchpad.example.com', name: '__Host-launchpad_session', secure: true },
  ])('with PUBLIC_URL $publicUrl is $name: HttpOnly, SameSite=Lax, Path=/, Secure=$secure, no Domain', async ({ publicUrl, name, secure }) => {
    const t = await makeApp({ PUBLIC_URL: publicUrl });
    await withSpace(t);
    const res = await post(t, '/login', { email: 'owner@example.com', password: PASSWORD });
    expect(res.status).toBe(303);
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
    expect(set, res.headers.getSetCookie().join('\n')).toBeDefined();
    const attrs = set!.split(';').slice(1).map((a) => a.trim().toLowerCase());
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=lax');
    expect(attrs).toContain('path=/');
    expect(attrs.includes('secure')).toBe(secure);
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    const cookie = set!.split(';')[0]!;
    expect((await get(t, '/account', { cookie })).status).toBe(200);
  });

  it('on https, a session cookie without the __Host- prefix is ignored', async () => {
    const t = await makeApp({ PUBLIC_URL: 'https://launchpad.example.com' });
    const owner = await withSpace(t); // owner.cookie is the unprefixed launchpad_session=…
    expect((await get(t, '/account', { cookie: owner.cookie })).status).toBe(303);
    expect((await get(t, '/account', { cookie: `__Host-${owner.cookie}` })).status).toBe(200);
  });
});

const STACK_SIGNS = [/\bat [\w.<>]+ \(/, /node_modules/, /\.tsx?:\d+/, /\/work\//, /Error:/];

describe('error pages', () => {
  it.each([
    { what: 'signed out', signedIn: false },
    { what: 'signed in', signedIn: true },
  ])('404 for an unknown path ($what): a generic page, no stack', async ({ signedIn }) => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await get(t, '/no/such/page?x=<b>', signedIn ? { cookie: owner.cookie } : {});
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('Page not found');
    for (const sign of STACK_SIGNS) expect(html).not.toMatch(sign);
  });

  it('500 when something breaks: a generic page, no stack and no error message', async () => {
    const t = await makeApp();
    await withSpace(t);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await t.db.destroy(); // every query now throws
    const res = await get(t, '/login');
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain('Something went wrong');
    for (const sign of STACK_SIGNS) expect(html).not.toMatch(sign);
    expect(html).not.toMatch(/destroyed|driver|kysely|sqlite/i);
    expect(logged).toHaveBeenCalled(); // the operator gets the details in the log
  });
});

describe('request size', () => {
  const body = (bytes: number) => {
    const head = 'email=owner%40example.com&password=';
    return head + 'x'.repeat(bytes - head.length);
  };

  it.each([
    { what: 'over 256 KB, with Content-Length', bytes: 256 * 1024 + 1, contentLength: true, status: 413 },
    { what: 'over 256 KB, streamed without Content-Length', bytes: 300 * 1024, contentLength: false, status: 413 },
    { what: '1 MB', bytes: 1024 * 1024, contentLength: true, status: 413 },
    { what: 'just under 256 KB', bytes: 256 * 1024 - 1, contentLength: true, status: 401 },
  ])('a body $what answers $status', async ({ bytes, contentLength, status }) => {
    const t = await makeApp();
    await withSpace(t);
    const data = body(bytes);
    expect(data.length).toBe(bytes);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' };
    if (contentLength) headers['content-length'] = String(bytes);
    const init: RequestInit & { duplex?: 'half' } = contentLength
      ? { method: 'POST', headers, body: data }
      : { method: 'POST', headers, body: new Blob([data]).stream(), duplex: 'half' };
    const before = await snapshot(t.db);
    const res = await t.app.request('/login', init);
    expect(res.status).toBe(status);
    if (status === 413) {
      expect(await res.text()).toContain('That was too much at once');
      expect(await snapshot(t.db)).toEqual(before);
    }
  });
});

describe('static files', () => {
  const publicDir = fileURLToPath(new URL('../../public/', import.meta.url));

  it('serves the pinned htmx build as JavaScript, cached for a year and immutable', async () => {
    const t = await makeApp();
    const res = await get(t, '/static/htmx-4.0.1.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript(;|$)/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const served = Buffer.from(await res.arrayBuffer());
    expect(served.equals(readFileSync(`${publicDir}htmx-4.0.1.min.js`))).toBe(true);
  });

  it.each([
    { path: '/static/app.js', type: /^text\/javascript/ },
    { path: '/static/app.css', type: /^text\/css/ },
    { path: '/static/favicon.svg', type: /^image\/svg\+xml/ },
  ])('serves $path unversioned, so it is revalidated rather than cached for good', async ({ path, type }) => {
    const t = await makeApp();
    const res = await get(t, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(type);
    expect(res.headers.get('cache-control')).not.toMatch(/immutable/);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const t = await makeApp();
    const first = await get(t, '/static/app.css');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await get(t, '/static/app.css', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it.each(['/static/nope.js', '/static/%2e%2e/package.json', '/static/..%2fpackage.json', '/static/'])('404 for %s', async (path) => {
    const t = await makeApp();
    expect((await get(t, path)).status).toBe(404);
  });
});

describe('user text is escaped in pages', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '"><img src=x onerror=alert(1)>';

  it('a display name shows as text in the header and on My account', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const user = await addUser(t, { email: 'mallory@example.com', name: SCRIPT });
    for (const path of ['/', '/account']) {
      const html = await (await get(t, path, { cookie: user.cookie })).text();
      expect(html, path).not.toContain(SCRIPT);
      expect(html, path).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
    // Renamed through the form, it is escaped for other people too (the owner's audit log).
    expect((await post(t, '/account/name', { displayName: IMG }, { cookie: user.cookie })).status).toBe(303);
    for (const [path, cookie] of [['/account', user.cookie], ['/audit', owner.cookie]] as const) {
      const html = await (await get(t, path, { cookie })).text();
      expect(html, path).not.toContain('<img src=x');
    }
  });

  it('a space name and an email typed into a form are escaped', async () => {
    const t = await makeApp();
    const res = await post(t, '/setup', { token: t.setupToken, spaceName: SCRIPT, displayName: IMG, email: IMG, password: 'long enough pw' });
    expect(res.status).toBe(422); // the email is invalid; the values are shown again
    const html = await res.text();
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain('<img src=x');
    const login = await post(t, '/login', { email: IMG, password: 'x' });
    expect(await login.text()).not.toContain('<img src=x');
  });

  it('a space name is escaped on every signed-in page', async () => {
    const t = await makeApp();
    const res = await post(t, '/setup', { token: t.setupToken, spaceName: SCRIPT, displayName: 'Olivia', email: 'olivia@example.com', password: 'long enough pw' });
    expect(res.status).toBe(303);
    const html = await (await get(t, '/', { cookie: cookieFrom(res)! })).text();
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('no state change on GET', () => {
  it('GET /logout is 404 and the session survives', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    expect((await get(t, '/logout', { cookie: owner.cookie })).status).toBe(404);
    expect((await get(t, '/account', { cookie: owner.cookie })).status).toBe(200);
  });

  it('every POST-only path answers GET with 404 or 405', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const endpoints = endpointsOf(t.app);
    const getPaths = new Set(endpoints.filter((e) => e.method === 'GET').map((e) => e.path));
    const postOnly = endpoints.filter((e) => e.method === 'POST' && !getPaths.has(e.path));
    expect(postOnly.length).toBeGreaterThan(0);
    for (const e of postOnly) {
      const url = fillPath(e.path, () => String(owner.id), String(owner.id));
      expect([404, 405], `GET ${e.path}`).toContain((await get(t, url, { cookie: owner.cookie })).status);
    }
  });

  it('no GET route writes to the database, signed in or not', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const reader = await addUser(t, { email: 'reader@example.com' });
    const gets = endpointsOf(t.app).filter((e) => e.method === 'GET');
    // A download (a link, so a GET) records who took the list in the audit log, and nothing else.
    const DOWNLOADS = /\/export\.(csv|jsonl)$/;
    const withoutAudit = (s: Record<string, unknown[]>) => ({ ...s, audit_events: [] });
    let before = await snapshot(t.db);
    for (const e of gets) {
      const url = fillPath(e.path, (name) => (/id$/i.test(name) ? String(reader.id) : 'x'), String(reader.id));
      for (const cookie of [undefined, reader.cookie, owner.cookie]) {
        await (await get(t, url, cookie ? { cookie } : {})).arrayBuffer();
        const after = await snapshot(t.db);
        if (DOWNLOADS.test(e.path)) {
          expect(withoutAudit(after), `GET ${url}`).toEqual(withoutAudit(before));
          const added = after.audit_events!.length - before.audit_events!.length;
          expect(added, `GET ${url}: one audit event, only for the Space Admin`).toBe(cookie === owner.cookie ? 1 : 0);
          before = after;
        } else expect(after, `GET ${url}`).toEqual(before);
      }
    }
  });
});
