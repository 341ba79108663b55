// Bulk actions on the Users tab. The table is a form: its ticked rows (or "all on this page", or "all that
// match the filters") and an action post to /users/bulk, which answers the confirmation step (a dialog
// for htmx, a page without JavaScript) with the plan's counts. The confirmation posts to /users/bulk/apply:
// "Show what will happen" (do=plan) for another profile or group, or Apply, after which the list comes
// back with the result. "All that match" travels as the filters, never as ids: it is resolved on apply.
import type { Context } from 'hono';
import { z } from 'zod';
import { BULK_ACTIONS, BULK_MAX, type BulkAction } from '../domain/bulk.js';
import { PROFILES, type Profile } from '../domain/profiles.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { backToUsers, readUsersParams, usersPageParams } from '../http/list-params.js';
import { renderRefused } from '../http/messages.js';
import type { Actor } from '../services/actor.js';
import { applyBulk } from '../services/bulk-apply.js';
import { planBulk, type BulkFilter, type BulkInput, type BulkPlan } from '../services/bulk-plan.js';
import { describeRefusal, ERRORS, type Refusal } from '../services/errors.js';
import { inviteChoices, usersPage } from '../services/users-page.js';
import { formatCount } from '../domain/words.js';
import { BulkConfirm, plannedFor, type BulkCarried } from '../../views/users/bulk.js';

type Form = Record<string, string | string[]>;

const idList = z.coerce.number().int().positive();

/** Ids from ticked boxes (named u12, i7: views/users/row.tsx) and from the confirmation's lists ("1,2,3"). */
function idsOf(form: Form, prefix: 'u' | 'i', list: string): number[] {
  const boxes = Object.keys(form).flatMap((k) => (k.length > 1 && k[0] === prefix && /^\d+$/.test(k.slice(1)) ? [k.slice(1)] : []));
  const raw = [...boxes, ...str(form, list).split(',')].map((s) => s.trim()).filter(Boolean);
  return [...new Set(raw.map((s) => idList.safeParse(s)).flatMap((r) => (r.success ? [r.data] : [])))].slice(0, BULK_MAX + 1);
}

const filterSchema = z.object({
  fq: z.string().trim().max(200).optional().catch(undefined),
  fprofile: z.enum(PROFILES).optional().catch(undefined),
  fstatus: z.enum(['active', 'deactivated', 'invited', 'expired']).optional().catch(undefined),
  fgroup: z.coerce.number().int().positive().optional().catch(undefined),
});

function filterOf(form: Form): BulkFilter {
  const f = filterSchema.parse({ fq: str(form, 'fq') || undefined, fprofile: str(form, 'fprofile') || undefined, fstatus: str(form, 'fstatus') || undefined, fgroup: str(form, 'fgroup') || undefined });
  return { search: f.fq || undefined, profile: f.fprofile, status: f.fstatus, groupId: f.fgroup };
}

/** "All on this page": the rows the list shows now, with the filters, order and page of `back`. */
async function pageIds(c: Context<AppEnv>, actor: Actor, back: string): Promise<{ users: number[]; invitations: number[] }> {
  const params = readUsersParams(Object.fromEntries(new URL(back, 'http://x').searchParams));
  const page = await usersPage(c.get('deps'), actor, usersPageParams(params));
  const rows = page.ok ? page.rows.map((r) => r.row) : [];
  return { users: rows.filter((r) => r.kind === 'user').map((r) => r.id), invitations: rows.filter((r) => r.kind === 'invitation').map((r) => r.id) };
}

interface BulkRequest {
  action: BulkAction | null;
  carried: BulkCarried;
  back: string;
  profile?: Profile;
  groupId?: number;
}

async function readBulkRequest(c: Context<AppEnv>, actor: Actor, form: Form): Promise<BulkRequest> {
  const back = backToUsers(str(form, 'back'));
  const action = z.enum(BULK_ACTIONS).nullable().catch(null).parse(str(form, 'action') || null);
  const profile = z.enum(PROFILES).optional().catch(undefined).parse(str(form, 'profile') || undefined);
  const groupId = z.coerce.number().int().positive().optional().catch(undefined).parse(str(form, 'group') || undefined);
  let carried: BulkCarried;
  if (str(form, 'all') === '1') carried = { kind: 'matching', filter: filterOf(form) };
  else if (str(form, 'onpage') === '1') carried = { kind: 'ids', ...(await pageIds(c, actor, back)) };
  else carried = { kind: 'ids', users: idsOf(form, 'u', 'users'), invitations: idsOf(form, 'i', 'invitations') };
  return { action, carried, back, profile, groupId };
}

const inputOf = (r: BulkRequest & { action: BulkAction }): BulkInput => ({ action: r.action, selection: r.carried, profile: r.profile, groupId: r.groupId });

const selectedCount = (r: BulkRequest) => (r.carried.kind === 'ids' ? r.carried.users.length + r.carried.invitations.length : null);

const TITLES: Record<BulkAction, string> = {
  profile: 'Change the profile',
  add_group: 'Add to a group',
  remove_group: 'Remove from a group',
  resend: 'Resend invitations',
  revoke: 'Revoke invitations',
  deactivate: 'Deactivate members',
  delete: 'Delete members',
};

/** The confirmation step, as a dialog (first time, with htmx), its form alone (inside the dialog) or a page. */
async function renderConfirm(c: Context<AppEnv>, actor: Actor, req: BulkRequest, plan: BulkPlan | null, error: string | null, status: 200 | 409 | 422, inDialog: boolean) {
  const choices = await inviteChoices(c.get('deps'), actor);
  const refusedWhy = Object.fromEntries((plan?.refused ?? []).map((r) => [r.code, ERRORS[r.code].words({ code: r.code } as never)]));
  const body = (
    <BulkConfirm
      action={req.action}
      carried={req.carried}
      back={req.back}
      profile={req.profile}
      groupId={req.groupId}
      groups={choices.ok ? choices.groups : []}
      plan={plan}
      refusedWhy={refusedWhy}
      seatWords={plan?.seats ? describeRefusal(plan.seats).words : null}
      error={error}
    />
  );
  const n = selectedCount(req);
  const title = req.action ? TITLES[req.action] : n === null ? 'Act on all that match' : `Act on ${formatCount(n)} selected`;
  const d = { title, active: 'users', back: req.back, backLabel: 'Users', body };
  return inDialog ? renderDialogForm(c, d, status) : renderDialog(c, d, status);
}

const wordsOf = (r: Refusal) => describeRefusal(r);

async function showPlan(c: Context<AppEnv>, actor: Actor, req: BulkRequest, inDialog: boolean, note: string | null = null, noteStatus: 200 | 409 = 200) {
  if (selectedCount(req) === 0) return renderConfirm(c, actor, req, null, describeRefusal({ code: 'bulk_empty' }).words, 422, inDialog);
  if (req.action === null) return renderConfirm(c, actor, req, null, note, noteStatus, inDialog);
  const r = await planBulk(c.get('deps'), actor, inputOf({ ...req, action: req.action }));
  if (!r.ok) {
    if (r.code === 'forbidden') return renderRefused(c, r);
    const d = wordsOf(r);
    return renderConfirm(c, actor, req, null, d.words, d.status as 422, inDialog);
  }
  return renderConfirm(c, actor, req, r.plan, note, noteStatus, inDialog);
}

/** POST /users/bulk: the table's form. */
const submitSelection = signedIn(async (c, { user }) => showPlan(c, user, await readBulkRequest(c, user, await readForm(c)), false));

/** The result, as the list's notice: counts and the action's name only (never text from the request). */
export function bulkNoticeHref(back: string, plan: BulkPlan): string {
  const skipped = plan.skipped.reduce((n, s) => n + s.count, 0);
  const refused = plan.refused.reduce((n, s) => n + s.count, 0);
  const q = new URLSearchParams({ bulk: plan.action, done: String(plan.applied.users + plan.applied.invitations), skipped: String(skipped), refused: String(refused) });
  return `${back}${back.includes('?') ? '&' : '?'}${q}`;
}

/** POST /users/bulk/apply: the confirmation's form, either to see another target's counts or to apply. */
const submitConfirm = signedIn(async (c, { user }) => {
  const form = await readForm(c);
  const req = await readBulkRequest(c, user, form);
  const action = req.action;
  if (str(form, 'do') !== 'apply' || action === null || str(form, 'planned_for') !== plannedFor(action, req.profile, req.groupId)) return showPlan(c, user, req, true);
  // The counts the confirmation showed: applying holds to them (a form without them is applied as planned now).
  const counted = z.object({ applied: z.coerce.number().int().min(0), refused: z.coerce.number().int().min(0) });
  const expect = counted.safeParse({ applied: str(form, 'expect_applied') || undefined, refused: str(form, 'expect_refused') || undefined });
  const r = await applyBulk(c.get('deps'), user, { ...inputOf({ ...req, action }), ...(expect.success ? { expect: expect.data } : {}) });
  if (r.ok) return redirectAfterPost(c, bulkNoticeHref(req.back, r.plan));
  if (r.code === 'forbidden') return renderRefused(c, r);
  const d = wordsOf(r);
  const plan = 'plan' in r ? r.plan : null;
  return renderConfirm(c, user, req, plan, r.code === 'not_enough_seats' ? null : d.words, d.status as 409, true);
});

export const usersBulkRoutes: RouteDef[] = [
  { method: 'POST', path: '/users/bulk', access: needs('space_admin'), handler: submitSelection },
  { method: 'POST', path: '/users/bulk/apply', access: needs('space_admin'), handler: submitConfirm },
];

/** The notice the list shows after a bulk action, read back from bulkNoticeHref's parameters. */
export function bulkNotice(query: Record<string, string>): string | null {
  const action = z.enum(BULK_ACTIONS).safeParse(query.bulk);
  if (!action.success) return null;
  const n = (k: string) => z.coerce.number().int().min(0).catch(0).parse(query[k]);
  const extra = [n('skipped') ? `${formatCount(n('skipped'))} skipped` : null, n('refused') ? `${formatCount(n('refused'))} refused` : null].filter(Boolean);
  return `${TITLES[action.data]}: ${formatCount(n('done'))} changed${extra.length ? `, ${extra.join(', ')}` : ''}. Each change is in the audit log.`;
}
