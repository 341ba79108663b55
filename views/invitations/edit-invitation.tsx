// "Edit invitation": the profile and groups of a pending invitation. A dialog with htmx, a page without.
import type { FC } from 'hono/jsx';
import { PROFILE_LABELS, PROFILES, type Profile } from '../../src/domain/profiles.js';
import type { EditInvitationModel } from '../../src/services/edit-invitation.js';
import { FormActions } from '../components/dialog.js';
import { FormError } from '../components/form.js';

export interface EditInvitationValues {
  profile: Profile;
  groupIds: number[];
}

export const EditInvitationForm: FC<{
  model: EditInvitationModel;
  values: EditInvitationValues;
  errors?: Record<string, string>;
  back: string;
}> = (p) => {
  const action = `/invitations/${p.model.invitation.id}/edit`;
  return (
    <form id="edit-invitation-form" method="post" action={action} hx-post={action} hx-target="#edit-invitation-form" hx-swap="outerHTML" class="stack">
      <input type="hidden" name="back" value={p.back} />
      <FormError message={p.errors?._} />
      <p>
        Invitation to <strong>{p.model.invitation.email}</strong>. The link already emailed stays the same and keeps working.
      </p>
      <div class={p.errors?.profile ? 'field has-error' : 'field'}>
        <label for="f-invitation-profile">Profile</label>
        <select id="f-invitation-profile" name="profile" aria-invalid={p.errors?.profile ? 'true' : undefined} aria-describedby={p.errors?.profile ? 'f-invitation-profile-error' : undefined}>
          {PROFILES.map((pr) => (
            <option value={pr} selected={p.values.profile === pr}>
              {PROFILE_LABELS[pr]}
            </option>
          ))}
        </select>
        {p.errors?.profile ? (
          <p class="error" id="f-invitation-profile-error">
            {p.errors.profile}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend>Groups</legend>
        {p.errors?.groups ? <p class="error">{p.errors.groups}</p> : null}
        <div class="checks">
          {p.model.groups.map((g) => (
            <label class="check">
              <input type="checkbox" name="groups" value={String(g.id)} checked={p.values.groupIds.includes(g.id)} /> {g.name}
            </label>
          ))}
        </div>
      </fieldset>
      <FormActions submit="Save" back={p.back} />
    </form>
  );
};
