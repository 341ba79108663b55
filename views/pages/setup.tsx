import type { FC } from 'hono/jsx';
import { Field, FormError, NewPasswordField } from '../components/form.js';

export interface SetupValues {
  spaceName?: string;
  displayName?: string;
  email?: string;
}

export const SetupPage: FC<{ token: string; values?: SetupValues; errors?: Record<string, string> }> = (p) => (
  <>
    <h1>Set up your space</h1>
    <p class="muted">Name the space and create its owner. The owner administers the space and can hand ownership over later.</p>
    <FormError message={p.errors?._} />
    <form method="post" action="/setup" class="stack">
      <input type="hidden" name="token" value={p.token} />
      <Field name="spaceName" label="Space name" value={p.values?.spaceName} error={p.errors?.spaceName} maxlength={80} required autofocus />
      <Field name="displayName" label="Your name" value={p.values?.displayName} error={p.errors?.displayName} autocomplete="name" maxlength={100} required />
      <Field name="email" label="Your email" type="email" value={p.values?.email} error={p.errors?.email} autocomplete="username" required />
      <NewPasswordField label="Password" error={p.errors?.password} />
      <button class="btn btn-primary btn-block" type="submit">
        Create the space
      </button>
    </form>
  </>
);

/** How the commands are typed when the Launchpad runs from its sources. */
export const DEFAULT_CLI_COMMAND = 'npm run launchpad --';

/**
 * Before setup, instead of a sign-in form: how to set up, with the command as this Launchpad runs it. No
 * "Go to sign in" button: sign-in is this very page until the space exists.
 */
export const NotSetUpPage: FC<{ command: string }> = (p) => (
  <>
    <h1>This Launchpad is not set up yet</h1>
    <p>Nobody can sign in until the space and its owner are created. Either:</p>
    <ul>
      <li>open the one-time setup link the server printed when it started (a new link is printed at every start), or</li>
      <li>
        run <code>{p.command}</code> on the server.
      </li>
    </ul>
    <p class="muted">Once the space exists, this page is where you sign in.</p>
  </>
);
