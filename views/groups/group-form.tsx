import type { FC } from 'hono/jsx';
import {
  impliedBy,
  INSTANCE_PERMISSIONS,
  LAUNCHPAD_PERMISSIONS,
  PERMISSION_LABELS,
  type Permission,
} from '../../src/domain/permissions.js';
import { Field, FormError } from '../components/form.js';
import { FormActions } from '../components/dialog.js';

export interface GroupValues {
  name: string;
  description: string;
  permissions: string[];
}

const PERMISSION_HINTS: Partial<Record<Permission, string>> = {
  space_admin: 'Every panel and right in the Launchpad.',
  manage_code_envs: 'The Code Envs panel: create, edit and delete code environments.',
};

/** Which granted permission implies this one, if any. */
function impliedFrom(p: Permission, granted: string[]): Permission | null {
  for (const g of granted) if (g !== p && impliedBy(g as Permission).includes(p)) return g as Permission;
  return null;
}

const PermissionBox: FC<{ p: Permission; values: GroupValues; lockedOn?: boolean }> = ({ p, values, lockedOn }) => {
  const from = impliedFrom(p, values.permissions);
  const checked = lockedOn || from !== null || values.permissions.includes(p);
  const disabled = lockedOn || from !== null;
  return (
    <label class="check">
      <input type="checkbox" name="permissions" value={p} checked={checked} disabled={disabled} />
      {/* A disabled box is not sent: keep what is locked on, or stored as well as implied. */}
      {lockedOn || (from !== null && values.permissions.includes(p)) ? <input type="hidden" name="permissions" value={p} /> : null}
      <span>
        {PERMISSION_LABELS[p]}
        {from ? <span class="muted small"> (implied by {PERMISSION_LABELS[from]})</span> : null}
        {lockedOn ? <span class="muted small"> (always, for this group)</span> : null}
        {PERMISSION_HINTS[p] ? <span class="hint block">{PERMISSION_HINTS[p]}</span> : null}
      </span>
    </label>
  );
};

export const GroupForm: FC<{
  action: string;
  values: GroupValues;
  errors?: Record<string, string>;
  nameLocked?: boolean;
  isAdmins?: boolean;
  submitLabel: string;
}> = (p) => (
  <form id="group-form" method="post" action={p.action} hx-post={p.action} hx-target="#group-form" hx-swap="outerHTML" class="stack">
    <FormError message={p.errors?._} />
    <Field
      name="name"
      label="Name"
      value={p.values.name}
      error={p.errors?.name}
      readonly={p.nameLocked}
      hint={p.nameLocked ? 'This group was created with the space or by an extension; its name is fixed.' : 'Up to 200 characters: letters, digits, spaces and punctuation (no ";")'}
      maxlength={200}
      required
    />
    <div class={p.errors?.description ? 'field has-error' : 'field'}>
      <label for="f-description">Description</label>
      <textarea
        id="f-description"
        name="description"
        rows={2}
        maxlength={300}
        aria-invalid={p.errors?.description ? 'true' : undefined}
        aria-describedby={p.errors?.description ? 'f-description-error' : undefined}
      >
        {p.values.description}
      </textarea>
      {p.errors?.description ? (
        <p class="error" id="f-description-error">
          {p.errors.description}
        </p>
      ) : null}
    </div>
    {p.isAdmins ? (
      <div class="alert alert-info">Members of space_administrators can see and access all projects on every instance and the Deployer.</div>
    ) : null}
    <fieldset>
      <legend>Launchpad permissions</legend>
      {p.errors?.permissions ? <p class="error">{p.errors.permissions}</p> : null}
      <div class="checks">
        {LAUNCHPAD_PERMISSIONS.map((perm) => (
          <PermissionBox p={perm} values={p.values} lockedOn={p.isAdmins && perm === 'space_admin'} />
        ))}
      </div>
    </fieldset>
    <fieldset>
      <legend>Instance permissions</legend>
      <div class="checks">
        {INSTANCE_PERMISSIONS.map((perm) => (
          <PermissionBox p={perm} values={p.values} />
        ))}
      </div>
    </fieldset>
    <FormActions submit={p.submitLabel} back="/groups" />
  </form>
);
