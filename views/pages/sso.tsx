// Single sign-on: the button on the sign-in page, the pages for a refused sign-in, and the note for admins.
import type { FC } from 'hono/jsx';
import type { SsoProblem } from '../../src/services/sso-sign-in.js';

/** A real form: works with JavaScript off, and the POST is behind the same-origin check. */
export const SsoButton: FC<{ name: string; next?: string }> = (p) => (
  <form method="post" action="/login/oidc" class="stack">
    <input type="hidden" name="next" value={p.next ?? ''} />
    <button class="btn btn-primary btn-block" type="submit">
      Sign in with {p.name}
    </button>
  </form>
);

export const PasswordOnlyForOwnerNote: FC<{ name: string }> = (p) => (
  <p class="muted">
    Password sign-in is only for the space owner. Everyone else signs in with {p.name}.
  </p>
);

const PROBLEMS: Record<SsoProblem, { title: string; message: (name: string) => string; status: 400 | 403 | 409 | 502 }> = {
  not_member: {
    title: 'You are not a member of this space',
    message: (name) =>
      `${name} signed you in, but no member of this space and no pending invitation uses your email address. Ask a space administrator to invite you.`,
    status: 403,
  },
  email_unverified: {
    title: 'Your email address is not verified',
    message: (name) =>
      `${name} did not confirm that your email address is verified, so this space cannot match you to a member. Verify it with ${name}, or ask your administrator.`,
    status: 403,
  },
  no_seat: {
    title: 'No seat is free for your profile',
    message: () => 'Your invitation is waiting, but every seat of its profile is taken. Ask a space administrator to free one.',
    status: 409,
  },
  inviter_lapsed: {
    title: 'This invitation needs another administrator',
    message: () =>
      'Your invitation was sent by someone who is no longer a space administrator, so it cannot be used. Ask another space administrator to send it to you again.',
    status: 403,
  },
  login_expired: {
    title: 'This sign-in has expired',
    message: () => 'A sign-in must be finished within 10 minutes, once, in the browser that started it. Start again.',
    status: 400,
  },
  provider_refused: {
    title: 'The sign-in was cancelled',
    message: (name) => `${name} did not sign you in. Start again, or ask your administrator.`,
    status: 403,
  },
  token_invalid: {
    title: 'The sign-in could not be checked',
    message: (name) => `The answer from ${name} did not pass the checks, so nobody was signed in. Start again.`,
    status: 400,
  },
  provider_unreachable: {
    title: 'The identity provider cannot be reached',
    message: (name) => `${name} does not answer right now. Try again in a few minutes; the space owner can still sign in with a password.`,
    status: 502,
  },
};

export function ssoProblemStatus(code: SsoProblem): 400 | 403 | 409 | 502 {
  return PROBLEMS[code].status;
}

export const SsoProblemPage: FC<{ code: SsoProblem; name: string }> = (p) => {
  const problem = PROBLEMS[p.code];
  return (
    <>
      <h1>{problem.title}</h1>
      <p>{problem.message(p.name)}</p>
      <p>
        <a class="btn" href="/login">
          Back to sign in
        </a>
      </p>
    </>
  );
};

/** For admins on the Overview: what to register at the provider. */
export const SsoSettingsNote: FC<{ name: string; issuer: string; redirectUri: string; oidcOnly: boolean }> = (p) => (
  <section class="card" aria-labelledby="sso-settings">
    <h2 id="sso-settings">Single sign-on</h2>
    <p>
      Members sign in with {p.name} (<code>{p.issuer}</code>). Register this redirect URI for the Launchpad's client at the
      provider: <code>{p.redirectUri}</code>
    </p>
    <p class="muted">
      {p.oidcOnly
        ? 'Password sign-in and password reset are off for everyone but the owner.'
        : 'Members can also sign in with a password.'}
    </p>
  </section>
);
