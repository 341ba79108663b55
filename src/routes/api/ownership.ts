// Transferring the ownership needs the owner's password, typed in the panel: the API never offers it.
import { createRoute, z } from '@hono/zod-openapi';
import { problem, problemResponse } from '../../http/api-problem.js';
import { endpoint } from './endpoint.js';

const transfer = createRoute({
  method: 'post',
  path: '/ownership/transfer',
  summary: 'Not offered: transfer the ownership in the panel',
  description: 'Always answers 403 transfer_panel_only. The transfer needs the owner’s password, typed in the Users panel.',
  tags: ['Space'],
  request: { body: { content: { 'application/json': { schema: z.object({}).passthrough() } }, required: false } },
  responses: { 403: problemResponse('Ownership is transferred in the panel only') },
});

export const ownershipEndpoints = [
  endpoint(null, transfer, (c) =>
    problem(c, 'transfer_panel_only', 'Ownership can only be transferred by the owner, in the Users panel, with their password. The API does not offer it.'),
  ),
];
