// POST /api/v1/invitations: invite up to 1,000 addresses at once, with the Invite a User form's own use
// case and parsing (`Name <email>` included). Each item gets its outcome; seats too few for the batch
// refuse all of it (with needed and free); `atomic` (the default) refuses all of it for one malformed
// item, as the form does. With an `Idempotency-Key`, a retry answers the first answer and invites nobody.
import { createRoute, z } from '@hono/zod-openapi';
import { MAX_INVITES_PER_SUBMISSION } from '../../domain/invite-list.js';
import { idempotent } from '../../http/api-idempotency.js';
import { refused } from '../../http/api-problem.js';
import { inviteUsers } from '../../services/invite-users.js';
import { endpoint } from './endpoint.js';
import { formatCount } from '../../domain/words.js';
import { json, jsonBody, ProfileSchema, problems } from './schemas.js';

const BulkBody = z
  .object({
    addresses: z
      .array(z.string().max(400))
      .min(1)
      .max(MAX_INVITES_PER_SUBMISSION)
      .openapi({ description: 'one address per item: `ada@example.com` or `Ada Lovelace <ada@example.com>`', example: ['Ada Lovelace <ada@example.com>', 'bob@example.com'] }),
    profile: ProfileSchema,
    groups: z.array(z.number().int().positive()).max(1000).default([]).openapi({ description: 'group ids each new member joins' }),
    atomic: z.boolean().default(true).openapi({ description: 'true: one malformed item refuses the whole batch; false: the good ones are invited' }),
  })
  .strict()
  .openapi('BulkInvitation');

const ItemSchema = z
  .object({
    input: z.string().openapi({ description: 'the address as read (or the item as sent, when malformed)' }),
    result: z.enum(['invited', 'already_member', 'already_invited', 'malformed']),
    invitationId: z.number().int().optional(),
    reason: z.string().optional().openapi({ description: 'malformed: why' }),
  })
  .openapi('BulkInvitationItem');

const BulkAnswer = z
  .object({
    items: z.array(ItemSchema),
    invited: z.number().int(),
    duplicates: z.array(z.string()).openapi({ description: 'addresses sent more than once (each invited once)' }),
  })
  .openapi('BulkInvitationResult');

const bulk = createRoute({
  method: 'post',
  path: '/invitations',
  summary: `Invite up to ${formatCount(MAX_INVITES_PER_SUBMISSION)} addresses with a profile and groups`,
  description: 'Send `Idempotency-Key: <uuid>` to make a retry safe: the same key and body answer the first answer again (header `Idempotent-Replayed: true`) and invite nobody twice. Answers are kept for 24 hours.',
  tags: ['Invitations'],
  request: {
    headers: z.object({ 'idempotency-key': z.string().optional().openapi({ description: 'any unique string of 1–255 visible characters, such as a UUID' }) }),
    ...jsonBody(BulkBody),
  },
  responses: {
    200: json('Each item’s outcome', BulkAnswer),
    ...problems({
      409: 'Not enough seats of the profile for the batch (needed, free), or the first request with this Idempotency-Key still runs',
      422: 'Malformed items (atomic), over 1,000 addresses, an unknown group, or an Idempotency-Key sent with another request',
    }),
  },
});

const MALFORMED_REASON = {
  malformed: 'not an email address',
  name_too_long: 'the name is longer than 100 characters',
} as const;

export const bulkInvitationEndpoints = [
  endpoint('invitations:write', bulk, async (c) =>
    idempotent(c, async () => {
      const body = c.req.valid('json');
      const r = await inviteUsers(c.get('deps'), c.get('actor'), { emails: body.addresses, profile: body.profile, groupIds: body.groups, atomic: body.atomic });
      if (!r.ok) return refused(c, r);
      const items = [
        ...r.outcomes.map((o) => ({ input: o.email, result: o.result, ...(o.result === 'already_member' ? {} : { invitationId: o.invitationId }) })),
        ...(r.rejected ?? []).map((x) => ({ input: x.input, result: 'malformed' as const, reason: MALFORMED_REASON[x.reason] })),
      ];
      return c.json({ items, invited: r.outcomes.filter((o) => o.result === 'invited').length, duplicates: r.duplicates }, 200);
    }),
  ),
];
