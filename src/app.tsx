// createApp(deps): the middleware order and the route table, nothing else.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { isDatabaseUnavailable } from './http/unavailable.js';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { authorize, type RouteDef } from './http/access.js';
import type { AppDeps, AppEnv } from './http/env.js';
import { renderBare, renderNotFound, renderServerError, renderUnavailable } from './http/pages.js';
import { sessionMiddleware } from './http/session-middleware.js';
import { serveStaticFiles, type StaticFiles } from './http/static.js';
import { accountRoutes } from './routes/account.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { overviewRoutes } from './routes/overview.js';
import { codeEnvRoutes } from './routes/code-envs.js';
import { setupRoutes } from './routes/setup.js';
import { usersRoutes } from './routes/users.js';
import { userActionRoutes } from './routes/user-actions.js';
import { invitationRoutes } from './routes/invitations.js';
import { groupRoutes } from './routes/groups.js';
import { extensionRoutes } from './routes/extensions.js';
import { LinkProblemPage } from '../views/pages/auth.js';

/** Every route of the Launchpad, with who may use it. Tests read this table and the router's own list. */
export const ROUTES: RouteDef[] = [
  ...overviewRoutes,
  ...setupRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...auditRoutes,
  ...usersRoutes,
  ...userActionRoutes,
  ...invitationRoutes,
  ...groupRoutes,
  ...extensionRoutes,
  ...codeEnvRoutes,
];

const MAX_BODY_BYTES = 256 * 1024;

export function createApp(deps: AppDeps, publicFiles: StaticFiles): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const { config } = deps;

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
  app.use(async (c, next) => {
    c.set('deps', deps);
    await next();
  });
  app.use(serveStaticFiles(publicFiles));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        renderBare(c, 'Too large', <LinkProblemPage title="That was too much at once" message="The form sent more than 256 KB. Send less at a time." />, 413),
    }),
  );
  // A state change must come from our own pages: same Origin as the public URL (or as the request, for direct access).
  app.use(
    csrf({
      origin: (origin, c) => origin === config.publicUrl.origin || origin === new URL(c.req.url).origin,
    }),
  );
  app.use(sessionMiddleware);

  for (const route of ROUTES) app.on(route.method, route.path, authorize(route.access), route.handler);

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
    if (err instanceof HTTPException) return err.getResponse();
    if (isDatabaseUnavailable(err)) {
      console.error(`[db] unavailable: ${err.message}`);
      return renderUnavailable(c);
    }
    console.error(err);
    return renderServerError(c);
  });
  return app;
}
