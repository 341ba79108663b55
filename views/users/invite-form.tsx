import type { FC } from 'hono/jsx';
import type { GroupRef } from '../../src/services/users-page.js';
import { freeSeats, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import { profileChoice } from '../components/seats.js';
import { MAIL_LOGGED } from './row.js';
import type { InviteOutcome } from '../../src/services/invite-users.js';
import { FormActions } from '../components/dialog.js';

export interface InviteValues {
  emails: string;
  profile: Profile;
  groupIds: number[];
}

export const InviteForm: FC<{ groups: GroupRef[]; usage: Record<Profile, SeatUsage>; values?: InviteValues; error?: string | null; badAddresses?: string[] }> = (p) => {
  const v = p.values ?? { emails: '', profile: 'reader' as Profile, groupIds: [] };
  return (
    <form id="invite-form" method="post" action="/users/invite" hx-post="/users/invite" hx-target="#invite-form" hx-swap="outerHTML" class="stack">
      <div class={p.error ? 'field has-error' : 'field'}>
        <label for="f-emails">Email addresses</label>
        <p class="hint" id="f-emails-hint">
          Separate addresses with commas, spaces, semicolons or new lines. <code>Name &lt;email&gt;</code> works too. Up to 1,000 at once.
        </p>
        <textarea
          id="f-emails"
          name="emails"
          rows={5}
          required
          autofocus
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={p.error ? 'f-emails-hint f-emails-error' : 'f-emails-hint'}
        >
          {v.emails}
        </textarea>
        {p.error ? (
          <div class="error" id="f-emails-error" role="alert">
            {p.error}
            {p.badAddresses && p.badAddresses.length ? (
              <ul class="bad-list">
                {p.badAddresses.map((b) => (
                  <li>
                    <code>{b}</code>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </div>
      <div class="field">
        <label for="f-profile-invite">Profile</label>
        <select id="f-profile-invite" name="profile">
          {PROFILES.map((pr) => (
            <option value={pr} selected={v.profile === pr} class={freeSeats(p.usage[pr]) === 0 ? 'full' : undefined}>
              {profileChoice(pr, p.usage[pr])}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Groups</legend>
        {p.groups.length ? (
          <div class="checks">
            {p.groups.map((g) => (
              <label class="check">
                <input type="checkbox" name="groups" value={String(g.id)} checked={v.groupIds.includes(g.id)} />
                {g.name}
              </label>
            ))}
          </div>
        ) : (
          <p class="muted">No groups yet.</p>
        )}
      </fieldset>
      <FormActions submit="Send invitations" back="/users" />
    </form>
  );
};

const OUTCOME_TEXT: Record<InviteOutcome['result'], string> = {
  invited: 'Invited: the email is on its way.',
  // With no RESEND_API_KEY, the email is only written to the server log: see `InviteResults`.
  already_member: 'Already a member: not invited again.',
  already_invited: 'Already invited: not invited again.',
};

export const InviteResults: FC<{ outcomes: InviteOutcome[]; duplicates: string[]; back: string; mail: 'resend' | 'log' }> = (p) => {
  const invited = p.outcomes.filter((o) => o.result === 'invited').length;
  const text = (r: InviteOutcome['result']) => (r === 'invited' && p.mail === 'log' ? `Invited: the email was ${MAIL_LOGGED}.` : OUTCOME_TEXT[r]);
  return (
    <div id="invite-form" class="stack">
      <div class="alert alert-success" role="status">
        {invited === 0 ? 'Nobody new was invited.' : p.mail === 'log' ? `${invited} invitation${invited === 1 ? '' : 's'} created; the email${invited === 1 ? ' was' : 's were'} ${MAIL_LOGGED}.` : `${invited} invitation${invited === 1 ? '' : 's'} sent.`}
        {p.duplicates.length ? ` Addresses listed more than once were counted once: ${p.duplicates.join(', ')}.` : ''}
      </div>
      <ul class="outcomes">
        {p.outcomes.map((o) => (
          <li class={`outcome outcome-${o.result}`}>
            <span class="outcome-email">{o.email}</span>
            <span class="outcome-text">{text(o.result)}</span>
            {o.result === 'already_invited' ? (
              <form method="post" action={`/invitations/${o.invitationId}/resend`}>
                <input type="hidden" name="back" value={p.back} />
                <button class="btn btn-small" type="submit">
                  Resend
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      <div class="form-actions">
        <a class="btn btn-primary" href={p.back}>
          Done
        </a>
      </div>
    </div>
  );
};
