import type { FC } from 'hono/jsx';
import { Field, FormError, NewPasswordField } from '../components/form.js';
import { PROFILE_LABELS, type Profile } from '../../src/domain/profiles.js';
import { withArticle } from '../../src/domain/words.js';

export const AcceptInvitePage: FC<{
  token: string;
  spaceName: string;
  email: string;
  profile: Profile;
  invitedBy: string;
  values?: { displayName?: string };
  errors?: Record<string, string>;
  /** Who this browser is signed in as, if anyone: accepting would replace that session. */
  signedInAs?: { displayName: string; email: string } | null;
}> = (p) => {
  // The focus goes where there is something to do: a field with an error, else a name still to give, else the password.
  const focus = p.errors?.displayName ? 'displayName' : p.errors?.password || p.values?.displayName ? 'password' : 'displayName';
  return (
    <>
      <h1>Join {p.spaceName}</h1>
      <p class="muted">
        {p.invitedBy} invited you as {withArticle(PROFILE_LABELS[p.profile].toLowerCase())}. Choose your name and a password to accept.
      </p>
      {p.signedInAs ? (
        <div class="alert alert-warn" role="note">
          <p>
            You are signed in as <strong>{p.signedInAs.displayName}</strong> ({p.signedInAs.email}). Accepting signs this browser in as{' '}
            {p.email} instead.
          </p>
          <form method="post" action="/logout">
            <input type="hidden" name="next" value={`/invite/${p.token}`} />
            <button class="btn" type="submit">
              Sign out first
            </button>
          </form>
        </div>
      ) : null}
      <FormError message={p.errors?._} />
      <form method="post" action={`/invite/${p.token}`} class="stack">
        <Field name="email" label="Email" type="email" value={p.email} readonly autocomplete="username" />
        <Field
          name="displayName"
          label="Your name"
          value={p.values?.displayName}
          error={p.errors?.displayName}
          autocomplete="name"
          maxlength={100}
          required
          autofocus={focus === 'displayName'}
        />
        <NewPasswordField label="Password" error={p.errors?.password} autofocus={focus === 'password'} />
        <button class="btn btn-primary btn-block" type="submit">
          Accept the invitation
        </button>
      </form>
    </>
  );
};
