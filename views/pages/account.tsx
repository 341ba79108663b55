import type { FC } from 'hono/jsx';
import type { CurrentUser } from '../../src/services/principal.js';
import type { SessionView } from '../../src/services/sessions.js';
import { formatTime } from '../components/format.js';
import { Field, NewPasswordField, Notice } from '../components/form.js';
import { PROFILE_LABELS } from '../../src/domain/profiles.js';

export const AccountPage: FC<{
  user: CurrentUser;
  notice?: string | null;
  nameValue?: string;
  nameError?: string;
  passwordErrors?: Record<string, string>;
  sessions: SessionView[];
}> = (p) => (
  <>
    <header class="page-head">
      <h1>My account</h1>
      <p class="muted">
        {p.user.email} · {PROFILE_LABELS[p.user.profile]}
        {p.user.isOwner ? ' · Space owner' : ''}
      </p>
    </header>
    <Notice message={p.notice} />
    <section class="card">
      <h2>Display name</h2>
      <form method="post" action="/account/name" class="stack narrow">
        <Field name="displayName" label="Name" value={p.nameValue ?? p.user.displayName} error={p.nameError} autocomplete="name" maxlength={100} required />
        <div>
          <button class="btn btn-primary" type="submit">
            Save the name
          </button>
        </div>
      </form>
    </section>
    <section class="card">
      <h2>Password</h2>
      <p class="muted">Changing your password signs you out everywhere else.</p>
      <form method="post" action="/account/password" class="stack narrow">
        <input type="hidden" name="email" value={p.user.email} autocomplete="username" />
        <Field name="current" label="Current password" type="password" error={p.passwordErrors?.current} autocomplete="current-password" required />
        <NewPasswordField label="New password" error={p.passwordErrors?.password} />
        <Field name="confirm" label="Repeat the new password" type="password" error={p.passwordErrors?.confirm} autocomplete="new-password" required />
        <div>
          <button class="btn btn-primary" type="submit">
            Change the password
          </button>
        </div>
      </form>
    </section>
    <SessionsSection sessions={p.sessions} />
  </>
);

const SessionsSection: FC<{ sessions: SessionView[] }> = ({ sessions }) => (
  <section class="card" aria-labelledby="sessions-title">
    <h2 id="sessions-title">Where you are signed in</h2>
    <table class="table">
      <thead>
        <tr>
          <th scope="col">Browser</th>
          <th scope="col">Address</th>
          <th scope="col">Signed in</th>
          <th scope="col">Last seen</th>
          <th scope="col">
            <span class="sr-only">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr data-session={s.current ? 'current' : 'other'}>
            <td>{s.browser}</td>
            <td>{s.address ?? 'unknown'}</td>
            <td>
              <time datetime={new Date(s.createdAt).toISOString()}>{formatTime(s.createdAt)}</time>
            </td>
            <td>
              <time datetime={new Date(s.lastSeenAt).toISOString()}>{formatTime(s.lastSeenAt)}</time>
            </td>
            <td>
              {s.current ? (
                <span class="badge">This browser</span>
              ) : (
                <form method="post" action={`/account/sessions/${s.id}/end`}>
                  <button class="btn btn-small" type="submit" aria-label={`End the session in ${s.browser}`}>
                    End
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    {sessions.some((s) => !s.current) ? (
      <form method="post" action="/account/sessions/end-others">
        <button class="btn" type="submit">
          Sign out everywhere else
        </button>
      </form>
    ) : null}
  </section>
);
