// Pages the OpenID Provider shows itself: its errors (a wrong redirect URI, an unknown instance…) and the
// sign-out confirmation. Plain pages in the Launchpad's look.
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';
import { Bare } from '../layout.js';

export const ProviderErrorPage: FC<{ error: string; description?: string }> = (p) => (
  <Bare title="Sign-in refused">
    <h1>This instance could not sign you in</h1>
    <p>{p.description ?? 'The request from the instance was not valid.'}</p>
    <p class="muted small">
      Code: <code>{p.error}</code>. Tell the space administrator which instance sent you here.
    </p>
    <p>
      <a class="btn" href="/">
        Go to the Launchpad
      </a>
    </p>
  </Bare>
);

/** The provider gives its own form (with its anti-forgery field); the buttons submit it. */
export const SignOutPage: FC<{ form: string }> = (p) => (
  <Bare title="Sign out">
    <h1>Sign out of the instances?</h1>
    <p>You are leaving an instance of the space. Sign out of the Launchpad's instance sign-in as well?</p>
    {raw(p.form)}
    <div class="form-actions">
      <button class="btn btn-primary" type="submit" form="op.logoutForm" name="logout" value="yes">
        Yes, sign me out
      </button>
      <button class="btn btn-ghost" type="submit" form="op.logoutForm">
        No, stay signed in
      </button>
    </div>
  </Bare>
);

/** The member's profile does not admit them to a designers-only instance. */
export const DesignersOnlyPage: FC<{ instanceName: string; profile: string }> = (p) => (
  <Bare title="Designers only">
    <h1>{p.instanceName} is for designers only</h1>
    <p>
      Your profile in this space is <strong>{p.profile}</strong>. Only members with the designer profile can sign in to this instance. Ask a
      space administrator if you need access.
    </p>
    <p>
      <a class="btn" href="/">
        Go to the Launchpad
      </a>
    </p>
  </Bare>
);

/** The sign-in link from an instance is stale, or was opened in another browser. */
export const SignInExpiredPage: FC = () => (
  <Bare title="Sign-in expired">
    <h1>This sign-in has expired</h1>
    <p>Go back to the instance and sign in again.</p>
  </Bare>
);

/** After sign-out, when the instance gave no address to go back to. */
export const SignedOutPage: FC = () => (
  <Bare title="Signed out">
    <h1>You are signed out of the instance</h1>
    <p>
      <a class="btn" href="/">
        Go to the Launchpad
      </a>
    </p>
  </Bare>
);
