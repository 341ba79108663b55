// The Users tab's bulk actions: the bar above the table (which rows, which action), and the confirmation
// step that says in counts what will happen before anything is applied. The table sits inside the bar's
// form, so ticking rows and pressing Continue works without JavaScript; htmx opens the step as a dialog.
import type { FC } from 'hono/jsx';
import { BULK_ACTION_LABELS, BULK_ACTIONS, needsGroup, needsProfile, type BulkAction } from '../../src/domain/bulk.js';
import { PROFILE_LABELS, PROFILES, type Profile } from '../../src/domain/profiles.js';
import type { BulkFilter, BulkPlan } from '../../src/services/bulk-plan.js';
import type { GroupRef } from '../../src/services/users-page.js';
import { CancelLink } from '../components/dialog.js';
import { FormError } from '../components/form.js';
import { formatCount } from '../components/format.js';

/** The filters of the list, as hidden fields: "all that match" is resolved from these when it applies. */
export const FilterFields: FC<{ filter: BulkFilter }> = ({ filter }) => (
  <>
    {filter.search ? <input type="hidden" name="fq" value={filter.search} /> : null}
    {filter.profile ? <input type="hidden" name="fprofile" value={filter.profile} /> : null}
    {filter.status ? <input type="hidden" name="fstatus" value={filter.status} /> : null}
    {filter.groupId !== undefined ? <input type="hidden" name="fgroup" value={String(filter.groupId)} /> : null}
  </>
);

/**
 * The bar over the table: "all N that match" and the button that opens the confirmation step, where the
 * action is chosen. Every byte here is on the 30 KB page (issue 12): the actions' list waits for the step.
 */
export const BulkBar: FC<{ total: number; filtered: boolean; filter: BulkFilter; back: string }> = (p) => (
  <div class="bulk-bar">
    <input type="hidden" name="back" value={p.back} />
    <FilterFields filter={p.filter} />
    <button class="btn" type="submit">
      Act on the selected…
    </button>
    {p.total > 0 ? (
      <label>
        <input type="checkbox" name="all" value="1" /> {allLabel(p.total, p.filtered)}
      </label>
    ) : null}
  </div>
);

/** What the confirmation carries from one step to the next: the rows (or the filters) and where to go back. */
export type BulkCarried = { kind: 'ids'; users: number[]; invitations: number[] } | { kind: 'matching'; filter: BulkFilter };

export interface BulkConfirmProps {
  /** Null until one is chosen (the bar leaves it to this step). */
  action: BulkAction | null;
  carried: BulkCarried;
  back: string;
  profile?: Profile;
  groupId?: number;
  /** The groups to choose from, for Add to / Remove from a group. */
  groups: GroupRef[];
  plan: BulkPlan | null;
  /** Each refusal's full words, from the error table, by code. */
  refusedWhy: Record<string, string>;
  seatWords: string | null;
  error?: string | null;
}

/** The profile or group the counts were made for: choosing another one shows its counts before applying. */
export const plannedFor = (action: BulkAction | null, profile: Profile | undefined, groupId: number | undefined) =>
  `${action ?? ''}:${profile ?? (groupId === undefined ? '' : String(groupId))}`;

const applyLabel = (action: BulkAction, n: number) => `${BULK_ACTION_LABELS[action]}: apply to ${formatCount(n)}`;

/** With htmx, choosing another action, profile or group shows its counts at once (do=plan); without, the button does. */
const replan = { 'hx-post': '/users/bulk/apply', 'hx-trigger': 'change', 'hx-target': '#bulk-confirm', 'hx-swap': 'outerHTML', 'hx-vals': '{"do":"plan"}' };

export const BulkConfirm: FC<BulkConfirmProps> = (p) => {
  const plan = p.plan;
  const applied = plan ? plan.applied.users + plan.applied.invitations : 0;
  const action = p.action;
  const canApply = action !== null && plan !== null && !plan.needsTarget && plan.seats === null && applied > 0;
  const danger = action === 'delete' || action === 'revoke' || action === 'deactivate';
  const chooses = action === null || needsProfile(action) || needsGroup(action);
  return (
    <form id="bulk-confirm" method="post" action="/users/bulk/apply" hx-post="/users/bulk/apply" hx-target="#bulk-confirm" hx-swap="outerHTML" class="stack">
      <input type="hidden" name="back" value={p.back} />
      {p.carried.kind === 'matching' ? (
        <>
          <input type="hidden" name="all" value="1" />
          <FilterFields filter={p.carried.filter} />
        </>
      ) : (
        <>
          <input type="hidden" name="users" value={p.carried.users.join(',')} />
          <input type="hidden" name="invitations" value={p.carried.invitations.join(',')} />
        </>
      )}
      <FormError message={p.error} />
      {p.carried.kind === 'matching' ? (
        <p class="hint">Every row that matches the filters when you apply, not only those you saw.</p>
      ) : null}
      <div class="field">
        <label for="bulk-action">Action</label>
        <select id="bulk-action" name="action" {...replan}>
          {action === null ? <option value="">Choose an action</option> : null}
          {BULK_ACTIONS.map((a) => (
            <option value={a} selected={action === a}>
              {BULK_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      {action && needsProfile(action) ? (
        <div class="field">
          <label for="bulk-profile">New profile</label>
          <select id="bulk-profile" name="profile" {...replan}>
            {p.profile ? null : <option value="">Choose a profile</option>}
            {PROFILES.map((pr) => (
              <option value={pr} selected={p.profile === pr}>
                {PROFILE_LABELS[pr]}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {action && needsGroup(action) ? (
        <div class="field">
          <label for="bulk-group">Group</label>
          <select id="bulk-group" name="group" {...replan}>
            {p.groupId === undefined ? <option value="">Choose a group</option> : null}
            {p.groups.map((g) => (
              <option value={String(g.id)} selected={p.groupId === g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {chooses || plan === null ? (
        <div class="no-js-only">
          <button class="btn" type="submit" name="do" value="plan">
            Show what will happen
          </button>
        </div>
      ) : null}
      {plan && !plan.needsTarget ? (
        <div class="bulk-plan" role="status">
          <p>
            <strong>{plan.summary}.</strong>
          </p>
          <ul>
            <li>{applied ? `${formatCount(applied)} to change.` : 'Nothing to change.'}</li>
            {plan.skipped.map((s) => (
              <li>
                {formatCount(s.count)} skipped: {s.words}.
              </li>
            ))}
            {plan.refused.map((r) => (
              <li class="error">
                {formatCount(r.count)} refused: {r.words}. {p.refusedWhy[r.code]}
              </li>
            ))}
          </ul>
          {p.seatWords ? (
            <p class="error" role="alert">
              {p.seatWords} Nothing will be applied.
            </p>
          ) : null}
          <input type="hidden" name="planned_for" value={plannedFor(action, p.profile, p.groupId)} />
          <input type="hidden" name="expect_applied" value={String(applied)} />
          <input type="hidden" name="expect_refused" value={String(plan.refused.reduce((n, r) => n + r.count, 0))} />
        </div>
      ) : null}
      <div class="form-actions">
        {canApply ? (
          <button class={danger ? 'btn btn-danger' : 'btn btn-primary'} type="submit" name="do" value="apply">
            {applyLabel(action, applied)}
          </button>
        ) : null}
        <CancelLink href={p.back} />
      </div>
    </form>
  );
};

/** "or on all 4 users and invitations", "or on the one that matches the filters". */
function allLabel(total: number, filtered: boolean): string {
  if (total === 1) return filtered ? 'or on the one that matches the filters' : 'or on the one user or invitation';
  return `or on all ${formatCount(total)} ${filtered ? 'that match the filters' : 'users and invitations'}`;
}
