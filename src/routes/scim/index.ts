// /scim/v2: the SCIM 2.0 service provider (RFC 7643, RFC 7644). The middleware order is the security story:
//   body ≤ 1 MB → bearer key with the scim scope (cookies are never read) → per-key rate limit → handler.
// Handlers read the request, call one SCIM service (whose writes are the panels' use cases), and answer
// application/scim+json. The API key acts; the audit log names it.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { withBodyOnly } from '../../http/scope.js';
import type { ApiEnv } from '../../http/api-env.js';
import { requireScimKey, SCIM_CONTENT_TYPE, scimError } from '../../http/scim-auth.js';
import { keyActor } from '../../services/actor.js';
import type { Actor } from '../../services/actor.js';
import { discoveryList, resourceTypes, schemas, serviceProviderConfig } from '../../domain/scim/discovery.js';
import { scimErrorBody, scimStatus, type ScimResult } from '../../domain/scim/errors.js';
import { readPage } from '../../domain/scim/list.js';
import type { ScimContext } from '../../domain/scim/meta.js';
import { parseAttributeList, project, type Projection } from '../../domain/scim/projection.js';
import { GROUP_SCHEMA, USER_SCHEMA } from '../../domain/scim/urns.js';
import * as groups from '../../services/scim/groups.js';
import * as users from '../../services/scim/users.js';

export const SCIM_BASE = '/scim/v2';
const MAX_BODY_BYTES = 1024 * 1024;

const contextOf = (c: Context<ApiEnv>): ScimContext => ({ baseUrl: `${c.get('deps').config.publicUrl.href.replace(/\/$/, '')}${SCIM_BASE}` });

/** The key as the use cases' actor, acting under the scim scope (Space Admin; never the owner, nobody's account). */
const actorOf = (c: Context<ApiEnv>): Actor => keyActor(c.get('apiKey'), 'scim');

function json(c: Context, body: unknown, status: 200 | 201 = 200) {
  c.header('Content-Type', SCIM_CONTENT_TYPE);
  return c.body(JSON.stringify(body), status);
}

function answer<T>(c: Context<ApiEnv>, r: ScimResult<T>, ok: (value: T) => Response): Response {
  if (r.ok) return ok(r.value);
  const { status } = scimStatus(r.problem.code);
  c.header('Content-Type', SCIM_CONTENT_TYPE);
  return c.body(JSON.stringify(scimErrorBody(r.problem)), status as 400);
}

/** A resource with its Location and ETag headers, projected as the query asks. */
function resource(c: Context<ApiEnv>, schema: string, status: 200 | 201 = 200) {
  return (r: { meta: { location: string; version: string } }) => {
    c.header('ETag', r.meta.version);
    if (status === 201) c.header('Location', r.meta.location);
    return json(c, project(r, projectionOf(c), schema), status);
  };
}

function projectionOf(c: Context): Projection {
  return { attributes: parseAttributeList(c.req.query('attributes')), excludedAttributes: parseAttributeList(c.req.query('excludedAttributes')) };
}

/** Whether members are wanted at all: Entra asks `excludedAttributes=members` so none are read. */
function wantsMembers(p: Projection): boolean {
  const named = (list?: string[]) => list?.some((a) => a.toLowerCase().replace(`${GROUP_SCHEMA.toLowerCase()}:`, '') === 'members') ?? false;
  if (p.attributes?.length) return named(p.attributes);
  return !named(p.excludedAttributes);
}

async function body(c: Context): Promise<unknown> {
  try {
    return JSON.parse(await c.req.text());
  } catch {
    return undefined; // the readers answer invalidSyntax for a body that is not an object
  }
}

function idOf(c: Context): number | null {
  const raw = c.req.param('id') ?? '';
  return /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : null;
}

const noSuch = (c: Context, what: string) => scimError(c, 404, `No ${what} has the id ${c.req.param('id')}.`);

export function createScimApp(): Hono<ApiEnv> {
  const scim = new Hono<ApiEnv>();
  scim.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  scim.use(withBodyOnly(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => scimError(c, 413, 'Request bodies may be at most 1 MB.') })));
  scim.use(requireScimKey);

  scim.get('/ServiceProviderConfig', (c) => json(c, serviceProviderConfig(contextOf(c))));
  scim.get('/ResourceTypes', (c) => json(c, discoveryList(resourceTypes(contextOf(c)))));
  scim.get('/ResourceTypes/:name', (c) => {
    const found = resourceTypes(contextOf(c)).find((r) => r.id === c.req.param('name'));
    return found ? json(c, found) : scimError(c, 404, `No resource type is called ${c.req.param('name')}.`);
  });
  scim.get('/Schemas', (c) => json(c, discoveryList(schemas(contextOf(c)))));
  scim.get('/Schemas/:urn', (c) => {
    const found = schemas(contextOf(c)).find((s) => s.id === c.req.param('urn'));
    return found ? json(c, found) : scimError(c, 404, `No schema is called ${c.req.param('urn')}.`);
  });

  scim.get('/Users', async (c) => {
    const page = readPage(c.req.query());
    if (!page.ok) return answer(c, page, () => new Response());
    const p = projectionOf(c);
    return answer(c, await users.listUsers(c.get('deps'), contextOf(c), c.req.query('filter'), page.value), (list) =>
      json(c, { ...list, Resources: list.Resources.map((r) => project(r, p, USER_SCHEMA)) }),
    );
  });
  scim.get('/Users/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'user');
    return answer(c, await users.getUser(c.get('deps'), contextOf(c), id), resource(c, USER_SCHEMA));
  });
  scim.post('/Users', async (c) =>
    answer(c, await users.createUser(c.get('deps'), actorOf(c), contextOf(c), await body(c)), resource(c, USER_SCHEMA, 201)),
  );
  scim.put('/Users/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'user');
    return answer(c, await users.replaceUser(c.get('deps'), actorOf(c), contextOf(c), id, await body(c)), resource(c, USER_SCHEMA));
  });
  scim.patch('/Users/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'user');
    return answer(c, await users.patchUser(c.get('deps'), actorOf(c), contextOf(c), id, await body(c)), resource(c, USER_SCHEMA));
  });
  scim.delete('/Users/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'user');
    return answer(c, await users.removeUser(c.get('deps'), actorOf(c), id), () => c.body(null, 204));
  });

  scim.get('/Groups', async (c) => {
    const page = readPage(c.req.query());
    if (!page.ok) return answer(c, page, () => new Response());
    const p = projectionOf(c);
    return answer(c, await groups.listGroups(c.get('deps'), contextOf(c), c.req.query('filter'), page.value, { members: wantsMembers(p) }), (list) =>
      json(c, { ...list, Resources: list.Resources.map((r) => project(r, p, GROUP_SCHEMA)) }),
    );
  });
  scim.get('/Groups/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'group');
    const members = wantsMembers(projectionOf(c));
    return answer(c, await groups.getGroup(c.get('deps'), contextOf(c), id, { members }), resource(c, GROUP_SCHEMA));
  });
  scim.post('/Groups', async (c) =>
    answer(c, await groups.createScimGroup(c.get('deps'), actorOf(c), contextOf(c), await body(c)), resource(c, GROUP_SCHEMA, 201)),
  );
  scim.put('/Groups/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'group');
    return answer(c, await groups.replaceGroup(c.get('deps'), actorOf(c), contextOf(c), id, await body(c)), resource(c, GROUP_SCHEMA));
  });
  scim.patch('/Groups/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'group');
    // 204 as Entra and Okta expect after a members PATCH (RFC 7644 §3.5.2 allows it).
    return answer(c, await groups.patchGroup(c.get('deps'), actorOf(c), contextOf(c), id, await body(c)), () => c.body(null, 204));
  });
  scim.delete('/Groups/:id', async (c) => {
    const id = idOf(c);
    if (id === null) return noSuch(c, 'group');
    return answer(c, await groups.removeScimGroup(c.get('deps'), actorOf(c), id), () => c.body(null, 204));
  });

  scim.all('/*', (c) => scimError(c, 404, 'There is no such SCIM endpoint.'));
  scim.onError((err, c) => {
    console.error(err);
    return scimError(c, 500, 'The error has been logged. Try again in a moment.');
  });
  return scim;
}
