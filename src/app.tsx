// createApp(deps): the middleware order and the route table, nothing else.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authorize, type RouteDef } from './http/access.js';
import { compression } from './http/compression.js';
import type { AppDeps, AppEnv } from './http/env.js';
import { renderUnavailable, unavailableReason } from './http/database-unavailable.js';
import { noStore } from './http/no-store.js';
import { originCheck } from './http/origin-check.js';
import { exceptUnder, withBodyOnly } from './http/scope.js';
import { queryGuard } from './http/query-guard.js';
import { renderBare, renderNotFound, renderServerError } from './http/pages.js';
import { sessionMiddleware } from './http/session-middleware.js';
import { sessionClient } from './http/session-client.js';
import { serveStaticFiles, type StaticFiles } from './http/static.js';
import { takeTurns } from './http/take-turns.js';
import { QueryTimingPlugin, recordCompression, serverTiming, timedRender, timedSession } from './http/timing.js';
import { accountRoutes } from './routes/account.js';
import { auditRoutes } from './routes/audit.js';
import { exportRoutes } from './routes/exports.js';
import { IMPORT_BODY_LIMIT, importUsersRoutes } from './routes/import-users.js';
import { authRoutes } from './routes/auth.js';
import { oidcRoutes } from './routes/oidc.js';
import { overviewRoutes } from './routes/overview.js';
import { codeEnvRoutes } from './routes/code-envs.js';
import { setupRoutes } from './routes/setup.js';
import { usersRoutes } from './routes/users.js';
import { usersBulkRoutes } from './routes/users-bulk.js';
import { userActionRoutes } from './routes/user-actions.js';
import { userPermissionRoutes } from './routes/user-permissions.js';
import { invitationRoutes } from './routes/invitations.js';
import { rowMenuRoutes } from './routes/row-menus.js';
import { userSecurityRoutes } from './routes/user-security.js';
import { invitationEditRoutes } from './routes/invitation-edit.js';
import { deactivationRoutes } from './routes/deactivation.js';
import { acceptInvitationRoutes } from './routes/accept-invitation.js';
import { groupRoutes } from './routes/groups.js';
import { extensionRoutes } from './routes/extensions.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { instanceRoutes } from './routes/instances.js';
import { instanceSignInRoutes } from './routes/instance-sign-in.js';
import { mountProvider } from './oidc-provider/mount.js';
import { apiDocRoutes } from './routes/api/docs.js';
import { API_BASE, createApiApp } from './routes/api/index.js';
import { createScimApp, SCIM_BASE } from './routes/scim/index.js';
import { LinkProblemPage } from '../views/pages/auth.js';

/** Every route of the Launchpad, with who may use it. Tests read this table and the router's own list. */
export const ROUTES: RouteDef[] = [
  ...overviewRoutes,
  ...setupRoutes,
  ...authRoutes,
  ...oidcRoutes,
  ...accountRoutes,
  ...auditRoutes,
  ...exportRoutes,
  ...importUsersRoutes,
  ...usersRoutes,
  ...usersBulkRoutes,
  ...userActionRoutes,
  ...userPermissionRoutes,
  ...deactivationRoutes,
  ...invitationRoutes,
  ...rowMenuRoutes,
  ...userSecurityRoutes,
  ...invitationEditRoutes,
  ...acceptInvitationRoutes,
  ...groupRoutes,
  ...extensionRoutes,
  ...codeEnvRoutes,
  ...apiKeyRoutes,
  ...instanceRoutes,
  ...instanceSignInRoutes,
  ...apiDocRoutes,
];

/** /api is answered by bearer keys only: no session cookie is read there, so the page CSRF guard has nothing to guard. */
const API_PREFIX = '/api';
/** /scim likewise: bearer keys with the scim scope only (RFC 7644 clients never hold a session). */
const SCIM_PREFIX = '/scim';

const MAX_BODY_BYTES = 256 * 1024;
/** Only "Import users" takes a file: its routes alone get the larger limit. */
const IMPORT_PREFIX = '/users/import';
const IMPORT_PATHS = `${IMPORT_PREFIX}/*`;

export function createApp(appDeps: AppDeps, publicFiles: StaticFiles): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config } = appDeps;
  const timing = config.serverTiming; // off by default: then none of the timing code is installed
  const deps = timing ? { ...appDeps, db: appDeps.db.withPlugin(new QueryTimingPlugin()) } : appDeps;

  if (timing) app.use(serverTiming());
  // The OpenID Provider's endpoints (/oidc/*, discovery) come first: the page middleware below is not for them.
  mountProvider(app, deps);
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"], // no inline script, no eval
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: config.secure ? 'max-age=31536000; includeSubDomains' : false,
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
      overwrite: false, // a page holding a one-time token sets Referrer-Policy: no-referrer itself
    }),
  );
  app.use(compression({ onCompressed: timing ? recordCompression : undefined })); // files under /static come compressed
  if (timing) app.use(timedRender());
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(serveStaticFiles(publicFiles));
  // SQLite answers synchronously: without turns, one busy turn of the loop holds back new connections.
  if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) app.use(takeTurns());
  app.use(noStore);
  app.use(queryGuard);
  app.use(
    IMPORT_PATHS,
    withBodyOnly(bodyLimit({
      maxSize: IMPORT_BODY_LIMIT,
      onError: (c) =>
        renderBare(c, 'Too large', <LinkProblemPage title="This file is too large" message="At most 5 MB can be imported at once. Split the file and import each part." />, 413),
    })),
  );
  app.use(
    exceptUnder([API_PREFIX, SCIM_PREFIX, IMPORT_PREFIX], withBodyOnly(bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        renderBare(c, 'Too large', <LinkProblemPage title="That was too much at once" message="The form sent more than 256 KB. Send less at a time." />, 413),
    }))),
  );
  // A state change must come from our own pages, whatever its content type (the API takes bearer keys only).
  app.use(exceptUnder([API_PREFIX, SCIM_PREFIX], originCheck({ publicOrigin: config.publicUrl.origin })));
  app.use(exceptUnder([API_PREFIX, SCIM_PREFIX], timing ? timedSession(sessionMiddleware) : sessionMiddleware));
  app.use(exceptUnder([API_PREFIX, SCIM_PREFIX], sessionClient));

  for (const route of ROUTES) app.on(route.method, route.path, authorize(route.access), route.handler);
  app.route(API_BASE, createApiApp());
  app.route(SCIM_BASE, createScimApp());

  app.notFound((c) => renderNotFound(c));
  app.onError((err, c) => {
    if (err instanceof HTTPException && err.status === 403) {
      return renderBare(
        c,
        'Form rejected',
        <LinkProblemPage title="This form was rejected" message="It did not come from a page of this Launchpad. Go back, reload the page and try again." />,
        403,
      );
    }
    if (err instanceof HTTPException && err.status === 400) {
      return renderBare(
        c,
        'Form incomplete',
        <LinkProblemPage title="The form arrived incomplete" message="Part of what was sent is missing or could not be read. Go back and send the form again." />,
        400,
      );
    }
    if (err instanceof HTTPException) return err.getResponse();
    const unavailable = unavailableReason(err);
    if (unavailable) return renderUnavailable(c, unavailable);
    console.error(err);
    return renderServerError(c);
  });
  return app;
}
