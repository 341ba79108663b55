// First run: the one-time setup link printed at start creates the space and its owner.
import type { Context } from 'hono';
import { startSignIn } from '../auth/session.js';
import { equalHashes, sha256 } from '../auth/tokens.js';
import { PUBLIC, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderBare } from '../http/pages.js';
import { writeSessionCookie } from '../http/session-cookie.js';
import { describeRefusal } from '../services/errors.js';
import { fieldErrors, setupInput } from '../services/inputs.js';
import { SETUP_PAGE } from '../services/actor.js';
import { createSpaceWithOwner, isSetUp } from '../services/setup.js';
import { LinkProblemPage } from '../../views/pages/auth.js';
import { SetupPage } from '../../views/pages/setup.js';

function tokenMatches(c: Context<AppEnv>, token: string): boolean {
  const expected = c.get('deps').setupTokenHash;
  return expected !== null && token.length > 0 && equalHashes(sha256(token), expected);
}

const alreadySetUp = (c: Context<AppEnv>) => {
  const d = describeRefusal({ code: 'already_set_up' });
  return renderBare(c, 'Already set up', <LinkProblemPage title={d.title ?? ''} message={d.words} />, d.status);
};

const badToken = (c: Context<AppEnv>) =>
  renderBare(
    c,
    'Setup link needed',
    <LinkProblemPage
      title="Open the setup link"
      message="Setup needs the one-time link printed by the server when it started on an empty database. Look in its output, or restart it to get a new link."
    />,
    403,
  );

const showSetup = async (c: Context<AppEnv>) => {
  if (await isSetUp(c.get('deps'))) return alreadySetUp(c);
  const token = c.req.query('token') ?? '';
  if (!tokenMatches(c, token)) return badToken(c);
  c.header('Referrer-Policy', 'no-referrer');
  return renderBare(c, 'Set up your space', <SetupPage token={token} />);
};

const submitSetup = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  if (await isSetUp(deps)) return alreadySetUp(c);
  const form = await readForm(c);
  const token = str(form, 'token');
  if (!tokenMatches(c, token)) return badToken(c);
  const values = { spaceName: str(form, 'spaceName'), displayName: str(form, 'displayName'), email: str(form, 'email') };
  const parsed = setupInput.safeParse({ ...values, password: str(form, 'password') });
  if (!parsed.success) {
    return renderBare(c, 'Set up your space', <SetupPage token={token} values={values} errors={fieldErrors(parsed.error)} />, 422);
  }
  const result = await createSpaceWithOwner(deps, parsed.data, SETUP_PAGE);
  if (!result.ok) return alreadySetUp(c);
  deps.setupTokenHash = null;
  const { token: sessionToken } = await startSignIn(deps.db, result.userId, deps.now());
  writeSessionCookie(c, deps.config.secure, sessionToken);
  return redirectAfterPost(c, '/');
};

export const setupRoutes: RouteDef[] = [
  { method: 'GET', path: '/setup', access: PUBLIC, handler: showSetup },
  { method: 'POST', path: '/setup', access: PUBLIC, handler: submitSetup },
];
