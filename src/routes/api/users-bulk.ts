// POST /api/v1/users/bulk: the Users tab's bulk actions over the API, on the same use cases (planBulk,
// applyBulk). The rows are ids, or a filter resolved when the action runs; `dry_run` answers the plan
// only. Applying is one transaction: seats too few for the batch, or counts other than `expect`, and
// nothing is written (problem+json from the one error table).
import { createRoute, z } from '@hono/zod-openapi';
import { BULK_ACTIONS, BULK_MAX } from '../../domain/bulk.js';
import { refused } from '../../http/api-problem.js';
import { applyBulk } from '../../services/bulk-apply.js';
import { planBulk, type BulkPlan } from '../../services/bulk-plan.js';
import { endpoint } from './endpoint.js';
import { json, jsonBody, ProfileSchema, problems } from './schemas.js';

const Ids = z.array(z.number().int().positive()).max(BULK_MAX);

const BulkBody = z
  .object({
    action: z.enum(BULK_ACTIONS),
    profile: ProfileSchema.optional().openapi({ description: 'action `profile`: the new profile' }),
    group: z.number().int().positive().optional().openapi({ description: 'actions `add_group`, `remove_group`: the group id' }),
    ids: z
      .object({ users: Ids.default([]), invitations: Ids.default([]) })
      .strict()
      .optional()
      .openapi({ description: 'the rows by id: members and pending invitations' }),
    filter: z
      .object({
        search: z.string().max(200).optional(),
        profile: ProfileSchema.optional(),
        status: z.enum(['active', 'deactivated', 'invited', 'expired']).optional(),
        group: z.number().int().positive().optional(),
      })
      .strict()
      .optional()
      .openapi({ description: 'instead of ids: every row the Users tab’s filters keep when the action runs' }),
    dry_run: z.boolean().default(false).openapi({ description: 'true: answer what would happen, change nothing' }),
    expect: z
      .object({ applied: z.number().int().min(0), refused: z.number().int().min(0) })
      .strict()
      .optional()
      .openapi({ description: 'the counts of a dry run you accepted: when applying would now differ, nothing is written (409 bulk_plan_changed)' }),
  })
  .strict()
  .refine((b) => (b.ids === undefined) !== (b.filter === undefined), { message: 'Give either ids or filter.', path: ['ids'] })
  .refine((b) => b.action !== 'profile' || b.profile !== undefined, { message: 'Give the profile.', path: ['profile'] })
  .refine((b) => !(b.action === 'add_group' || b.action === 'remove_group') || b.group !== undefined, { message: 'Give the group.', path: ['group'] })
  .openapi('BulkUsersAction');

const Count = z.object({ count: z.number().int(), reason: z.string(), words: z.string() });

const BulkAnswer = z
  .object({
    dryRun: z.boolean(),
    applied: z.object({ users: z.number().int(), invitations: z.number().int() }),
    skipped: z.array(Count),
    refused: z.array(Count).openapi({ description: 'rows a rule refuses (reason: the error code); they are left as they are' }),
    summary: z.string().openapi({ example: '12 members to Explorer, 3 skipped: already explorers, 1 refused: the space owner' }),
  })
  .openapi('BulkUsersResult');

const bulk = createRoute({
  method: 'post',
  path: '/users/bulk',
  summary: 'A bulk action on members and invitations: change profile, add to or remove from a group, resend, revoke, deactivate, delete',
  tags: ['Users'],
  request: jsonBody(BulkBody),
  responses: {
    200: json('What was done (or, with dry_run, what would be)', BulkAnswer),
    ...problems({
      409: 'Not enough seats for the batch (profile, needed, free), or the counts differ from `expect`: nothing was written',
      422: 'Nothing selected, more than 10,000 rows, an unknown group, or a body that is not valid',
    }),
  },
});

const answer = (plan: BulkPlan, dryRun: boolean) => ({
  dryRun,
  applied: plan.applied,
  skipped: plan.skipped.map((s) => ({ count: s.count, reason: s.reason, words: s.words })),
  refused: plan.refused.map((r) => ({ count: r.count, reason: r.code, words: r.words })),
  summary: plan.summary,
});

export const bulkUserEndpoints = [
  endpoint('users:write', bulk, async (c) => {
    const body = c.req.valid('json');
    const input = {
      action: body.action,
      profile: body.profile,
      groupId: body.group,
      selection: body.filter
        ? { kind: 'matching' as const, filter: { search: body.filter.search, profile: body.filter.profile, status: body.filter.status, groupId: body.filter.group } }
        : { kind: 'ids' as const, users: body.ids?.users ?? [], invitations: body.ids?.invitations ?? [] },
    };
    const deps = c.get('deps');
    if (body.dry_run) {
      const r = await planBulk(deps, c.get('actor'), input);
      if (!r.ok) return refused(c, r);
      if (r.plan.seats) return refused(c, r.plan.seats);
      return c.json(answer(r.plan, true), 200);
    }
    const r = await applyBulk(deps, c.get('actor'), { ...input, ...(body.expect ? { expect: body.expect } : {}) });
    return r.ok ? c.json(answer(r.plan, false), 200) : refused(c, r);
  }),
];
