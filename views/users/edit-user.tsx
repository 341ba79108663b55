import type { FC } from 'hono/jsx';
import type { EditUserModel } from '../../src/services/member.js';
import { PROFILE_LABELS, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import { profileChoice } from '../components/seats.js';
import { PERMISSION_LABELS, type Permission } from '../../src/domain/permissions.js';
import { Field, FormError } from '../components/form.js';
import { FormActions } from '../components/dialog.js';

export interface EditValues {
  displayName: string;
  profile: Profile;
  groupIds: number[];
}

export const EditUserForm: FC<{
  user: EditUserModel['user'];
  isOwner: boolean;
  groups: EditUserModel['groups'];
  adminsGroupId: number | null;
  values: EditValues;
  errors?: Record<string, string>;
  effective: EditUserModel['effective'];
  back: string;
  /** Each profile's seats, so the choices say how many are free (the member's own profile needs none). */
  usage?: Record<Profile, SeatUsage>;
}> = (p) => (
  <form
    id="edit-user-form"
    method="post"
    action={`/users/${p.user.id}`}
    hx-post={`/users/${p.user.id}`}
    hx-target="#edit-user-form"
    hx-swap="outerHTML"
    class="stack"
  >
    <input type="hidden" name="back" value={p.back} />
    <FormError message={p.errors?._} />
    <Field name="email" label="Email" value={p.user.email} readonly />
    <Field name="displayName" label="Display name" value={p.values.displayName} error={p.errors?.displayName} maxlength={100} required />
    <div class={p.errors?.profile ? 'field has-error' : 'field'}>
      <label for="f-profile-edit">Profile</label>
      <select id="f-profile-edit" name="profile" aria-describedby={p.errors?.profile ? 'f-profile-edit-error' : undefined}>
        {PROFILES.map((pr) => (
          <option value={pr} selected={p.values.profile === pr}>
            {!p.usage ? PROFILE_LABELS[pr] : pr === p.user.profile ? `${PROFILE_LABELS[pr]} (current)` : profileChoice(pr, p.usage[pr])}
          </option>
        ))}
      </select>
      {p.errors?.profile ? (
        <p class="error" id="f-profile-edit-error">
          {p.errors.profile}
        </p>
      ) : null}
    </div>
    {/* With htmx, ticking a box asks the server what these groups would give; the form's own fields stay as typed. */}
    <fieldset
      hx-get={`/users/${p.user.id}/effective-permissions`}
      hx-trigger="change"
      hx-target="#effective-permissions"
      hx-swap="outerHTML"
      hx-sync="this:replace"
    >
      <legend>Groups</legend>
      {p.errors?.groups ? <p class="error">{p.errors.groups}</p> : null}
      <div class="checks">
        {p.groups.map((g) => {
          const locked = p.isOwner && g.id === p.adminsGroupId;
          return (
            <label class="check">
              <input type="checkbox" name="groups" value={String(g.id)} checked={locked || p.values.groupIds.includes(g.id)} disabled={locked} />
              {g.name}
              {locked ? <input type="hidden" name="groups" value={String(g.id)} /> : null}
              {locked ? <span class="muted small">(space owner)</span> : null}
            </label>
          );
        })}
      </div>
    </fieldset>
    <EffectivePermissions effective={p.effective} basis="saved" />
    <FormActions submit="Save" back={p.back} />
  </form>
);

/**
 * The permissions the groups give. "saved": what the member holds now (the page as served, and all a browser
 * without JavaScript can show); "ticked": what the boxes ticked in the form would give once saved.
 */
export const EffectivePermissions: FC<{ effective: EditUserModel['effective']; basis: 'saved' | 'ticked' }> = (p) => (
  <section id="effective-permissions" aria-labelledby="effective-title" aria-live="polite">
    <h3 id="effective-title" class="label">
      Effective permissions{' '}
      <span class="muted small">{p.basis === 'saved' ? '(as saved)' : '(with the groups ticked above, once saved)'}</span>
    </h3>
    {p.effective.length ? (
      <ul class="effective">
        {p.effective.map((e) => (
          <li>
            <strong>{PERMISSION_LABELS[e.permission]}</strong>
            <span class="muted small"> from {e.groups.join(', ')}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p class="muted">{p.basis === 'saved' ? "No permissions: this user's groups grant none." : 'No permissions: the ticked groups grant none.'}</p>
    )}
  </section>
);
