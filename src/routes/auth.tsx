// Sign-in, sign-out, forgotten and reset passwords.
import type { Context } from 'hono';
import { z } from 'zod';
import { normalizeEmail } from '../domain/email.js';
import { PUBLIC, SIGNED_IN, signedIn, type RouteDef } from '../http/access.js';
import { normalizeEmail as emailKey } from '../domain/email.js';
import { clientAddress } from '../http/client-address.js';
import type { AppEnv } from '../http/env.js';
import { readForm, safeNext, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { refusalWords } from '../http/messages.js';
import { renderBare } from '../http/pages.js';
import { RATE_RULES } from '../services/rate-limit.js';
import { clearSessionCookie, writeSessionCookie } from '../http/session-cookie.js';
import { describeRefusal } from '../services/errors.js';
import { emailField, fieldErrors, newPasswordField } from '../services/inputs.js';
import { checkResetToken, requestPasswordReset, resetPassword } from '../services/password-reset.js';
import { DEFAULT_CLI_COMMAND, NotSetUpPage } from '../../views/pages/setup.js';
import { isSetUp } from '../services/setup.js';
import { signIn, signOut } from '../services/sign-in.js';
import { ForgotPasswordPage, LinkProblemPage, LoginPage, ResetPasswordPage } from '../../views/pages/auth.js';

const NOTICES: Record<string, string> = {
  signed_out: 'You have signed out.',
  password_reset: 'Your password has been changed. Sign in with the new one.',
};

/** The sign-in page's offer of single sign-on, when a provider is configured. */
function ssoOffer(c: Context<AppEnv>) {
  const { oidc, oidcOnly } = c.get('deps').config;
  return oidc ? { name: oidc.name, only: oidcOnly } : null;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.ceil(ms / 60_000));
  return m === 1 ? '1 minute' : `${m} minutes`;
}

const showLogin = async (c: Context<AppEnv>) => {
  if (c.get('user')) return c.redirect(safeNext(c.req.query('next')), 303);
  if (!(await isSetUp(c.get('deps')))) {
    return renderBare(c, 'Not set up yet', <NotSetUpPage command={`${c.get('deps').cliCommand ?? DEFAULT_CLI_COMMAND} create-owner`} />);
  }
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  return renderBare(c, 'Sign in', <LoginPage next={c.req.query('next')} notice={notice} sso={ssoOffer(c)} />);
};

const submitLogin = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const form = await readForm(c);
  const email = str(form, 'email').trim();
  const password = str(form, 'password');
  const next = str(form, 'next');
  const address = clientAddress(c, deps.config.trustProxy);
  const attempt = { account: emailKey(email), address };
  const limit = await deps.limiter.beginSignIn(deps.db, attempt);
  if (!limit.allowed) {
    c.header('Retry-After', String(Math.ceil(limit.retryAfterMs / 1000)));
    const error = `Too many sign-in attempts. Try again in ${minutes(limit.retryAfterMs)}.`;
    return renderBare(c, 'Sign in', <LoginPage email={email} next={next} error={error} sso={ssoOffer(c)} />, 429);
  }
  const result = await signIn(deps, email, password);
  if (!result.ok) {
    await deps.limiter.signInFailed(deps.db, attempt, emailKey(email));
    // One message for an unknown email and a wrong password.
    const { words, status } = refusalWords(result);
    return renderBare(c, 'Sign in', <LoginPage email={email} next={next} error={words} sso={ssoOffer(c)} />, status);
  }
  await deps.limiter.signInSucceeded(deps.db, attempt);
  writeSessionCookie(c, deps.config.secure, result.token);
  return redirectAfterPost(c, safeNext(next));
};

const submitLogout = signedIn(async (c, { user, session }) => {
  const deps = c.get('deps');
  await signOut(deps, session, user.email);
  clearSessionCookie(c, deps.config.secure);
  // "Sign out first" on an invitation's page comes back to that page; nothing else is a place to return to.
  const next = safeNext(str(await readForm(c), 'next'));
  return redirectAfterPost(c, next.startsWith('/invite/') ? next : '/login?notice=signed_out');
});

const forgotSchema = z.object({ email: emailField });

const showForgot = (c: Context<AppEnv>) => renderBare(c, 'Forgot your password?', <ForgotPasswordPage />);

const submitForgot = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const form = await readForm(c);
  const parsed = forgotSchema.safeParse({ email: str(form, 'email') });
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return renderBare(c, 'Forgot your password?', <ForgotPasswordPage email={str(form, 'email')} error={errors.email} />, 422);
  }
  const email = parsed.data.email;
  const limit = await deps.limiter.consume(deps.db, [
    [`reset:account:${emailKey(email)}`, RATE_RULES.resetPerAccount],
    [`reset:ip:${clientAddress(c, deps.config.trustProxy)}`, RATE_RULES.resetPerAddress],
  ]);
  if (!limit.allowed) {
    c.header('Retry-After', String(Math.ceil(limit.retryAfterMs / 1000)));
    const message = `Too many requests. Try again in ${minutes(limit.retryAfterMs)}.`;
    return renderBare(c, 'Forgot your password?', <ForgotPasswordPage email={email} limited={message} />, 429);
  }
  await requestPasswordReset(deps, email);
  // The same answer whether or not the account exists.
  return renderBare(c, 'Forgot your password?', <ForgotPasswordPage sent />);
};

const linkProblem = (c: Context<AppEnv>) => {
  const d = describeRefusal({ code: 'invalid_or_expired' });
  return renderBare(c, 'Link no longer valid', <LinkProblemPage title={d.title ?? ''} message={d.words} />, d.status);
};

const showReset = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const token = c.req.param('token')!;
  const check = await checkResetToken(deps, deps.db, token);
  if (!check.ok) return linkProblem(c);
  c.header('Referrer-Policy', 'no-referrer');
  return renderBare(c, 'Choose a new password', <ResetPasswordPage token={token} email={check.user.email} />);
};

const resetSchema = z
  .object({ password: newPasswordField, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

const submitReset = async (c: Context<AppEnv>) => {
  const deps = c.get('deps');
  const token = c.req.param('token')!;
  const form = await readForm(c);
  const parsed = resetSchema.safeParse({ password: str(form, 'password'), confirm: str(form, 'confirm') });
  if (!parsed.success) {
    const check = await checkResetToken(deps, deps.db, token);
    if (!check.ok) return linkProblem(c);
    return renderBare(
      c,
      'Choose a new password',
      <ResetPasswordPage token={token} email={check.user.email} errors={fieldErrors(parsed.error)} />,
      422,
    );
  }
  const result = await resetPassword(deps, token, parsed.data.password);
  if (!result.ok) return linkProblem(c);
  clearSessionCookie(c, deps.config.secure);
  return redirectAfterPost(c, '/login?notice=password_reset');
};

export const authRoutes: RouteDef[] = [
  { method: 'GET', path: '/login', access: PUBLIC, handler: showLogin },
  { method: 'POST', path: '/login', access: PUBLIC, handler: submitLogin },
  { method: 'POST', path: '/logout', access: SIGNED_IN, handler: submitLogout },
  { method: 'GET', path: '/forgot-password', access: PUBLIC, handler: showForgot },
  { method: 'POST', path: '/forgot-password', access: PUBLIC, handler: submitForgot },
  { method: 'GET', path: '/reset-password/:token', access: PUBLIC, handler: showReset },
  { method: 'POST', path: '/reset-password/:token', access: PUBLIC, handler: submitReset },
];
