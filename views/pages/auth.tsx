import type { FC } from 'hono/jsx';
import { Field, FormError, NewPasswordField, Notice } from '../components/form.js';
import { PasswordOnlyForOwnerNote, SsoButton } from './sso.js';

/** Single sign-on as the sign-in page shows it: the provider's name, and whether passwords are for the owner only. */
export interface SsoOffer {
  name: string;
  only: boolean;
}

export const LoginPage: FC<{ email?: string; next?: string; error?: string | null; notice?: string | null; sso?: SsoOffer | null }> = (
  p,
) => (
  <>
    <h1>Sign in</h1>
    <Notice message={p.notice} />
    {p.sso && <SsoButton name={p.sso.name} next={p.next} />}
    {p.sso?.only && <PasswordOnlyForOwnerNote name={p.sso.name} />}
    <FormError message={p.error} />
    <form method="post" action="/login" class="stack">
      <input type="hidden" name="next" value={p.next ?? ''} />
      {/* After a refusal the email is kept: the focus goes where the person types again, the password. */}
      <Field name="email" label="Email" type="email" value={p.email} autocomplete="username" required autofocus={!p.email} />
      <Field name="password" label="Password" type="password" autocomplete="current-password" required autofocus={Boolean(p.email)} />
      <button class="btn btn-primary btn-block" type="submit">
        Sign in
      </button>
    </form>
    <p class="muted center">
      <a href="/forgot-password">Forgot your password?</a>
    </p>
  </>
);

export const ForgotPasswordPage: FC<{ email?: string; error?: string; sent?: boolean; limited?: string | null }> = (p) => (
  <>
    <h1>Forgot your password?</h1>
    {p.sent ? (
      <>
        <Notice message="If an account uses this address, we have sent it a link to choose a new password. The link works for one hour." />
        <p>
          <a href="/login">Back to sign in</a>
        </p>
      </>
    ) : (
      <>
        <p class="muted">Enter the email address of your account and we will send you a link to choose a new password.</p>
        <FormError message={p.limited} />
        <form method="post" action="/forgot-password" class="stack">
          <Field name="email" label="Email" type="email" value={p.email} error={p.error} autocomplete="username" required autofocus />
          <button class="btn btn-primary btn-block" type="submit">
            Send the link
          </button>
        </form>
        <p class="muted center">
          <a href="/login">Back to sign in</a>
        </p>
      </>
    )}
  </>
);

export const ResetPasswordPage: FC<{ token: string; email: string; errors?: Record<string, string> }> = (p) => (
  <>
    <h1>Choose a new password</h1>
    <p class="muted">For {p.email}. Signing in elsewhere will be ended.</p>
    <form method="post" action={`/reset-password/${p.token}`} class="stack">
      <input type="hidden" name="email" value={p.email} autocomplete="username" />
      <NewPasswordField label="New password" error={p.errors?.password} autofocus />
      <Field name="confirm" label="Repeat the new password" type="password" error={p.errors?.confirm} autocomplete="new-password" required />
      <button class="btn btn-primary btn-block" type="submit">
        Set the password
      </button>
    </form>
  </>
);

export const LinkProblemPage: FC<{ title: string; message: string }> = (p) => (
  <>
    <h1>{p.title}</h1>
    <p>{p.message}</p>
    <p>
      <a class="btn" href="/login">
        Go to sign in
      </a>
    </p>
  </>
);
