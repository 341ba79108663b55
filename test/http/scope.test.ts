// The page middleware (origin check, session, body limit) skips /api and /scim by path prefix; the body
// limits run only for methods that carry a body.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { exceptUnder, underPrefix, withBodyOnly } from '../../src/http/scope.js';

describe('underPrefix', () => {
  it.each([
    { path: '/api', prefix: '/api', under: true },
    { path: '/api/v1/users', prefix: '/api', under: true },
    { path: '/api/', prefix: '/api', under: true },
    { path: '/apiary', prefix: '/api', under: false },
    { path: '/users/api', prefix: '/api', under: false },
    { path: '/scim/v2/Users', prefix: '/scim', under: true },
    { path: '/users/import/preview', prefix: '/users/import', under: true },
    { path: '/users/imports', prefix: '/users/import', under: false },
  ])('$path under $prefix: $under', ({ path, prefix, under }) => {
    expect(underPrefix(path, prefix)).toBe(under);
  });
});

describe('exceptUnder', () => {
  const app = new Hono();
  app.use(exceptUnder(['/api'], async (c, next) => {
    c.header('X-Page-Middleware', 'ran');
    await next();
  }));
  app.get('*', (c) => c.text('ok'));

  it.each([
    { path: '/users', ran: 'ran' },
    { path: '/apiary', ran: 'ran' },
    { path: '/api/v1/users', ran: null },
    { path: '/api', ran: null },
  ])('on $path the middleware ran: $ran', async ({ path, ran }) => {
    const res = await app.request(path);
    expect(await res.text()).toBe('ok');
    expect(res.headers.get('x-page-middleware')).toBe(ran);
  });
});

describe('withBodyOnly', () => {
  const app = new Hono();
  app.use(withBodyOnly(async (c, next) => {
    c.header('X-Body-Middleware', 'ran');
    await next();
  }));
  app.all('*', (c) => c.text('ok'));

  it.each([
    { method: 'GET', ran: null },
    { method: 'HEAD', ran: null },
    { method: 'POST', ran: 'ran' },
    { method: 'PUT', ran: 'ran' },
    { method: 'PATCH', ran: 'ran' },
    { method: 'DELETE', ran: 'ran' },
  ])('$method: ran $ran', async ({ method, ran }) => {
    const res = await app.request('/x', { method });
    expect(res.headers.get('x-body-middleware')).toBe(ran);
  });
});
