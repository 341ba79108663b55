// GET /api/v1/space/seats: seats per profile (total, used, reserved, free), as the Users tab shows them.
import { createRoute, z } from '@hono/zod-openapi';
import { freeSeats, PROFILES } from '../../domain/profiles.js';
import { seatUsage } from '../../services/seats.js';
import { endpoint } from './endpoint.js';

const SeatsSchema = z
  .object({
    profiles: z.array(
      z.object({
        profile: z.enum(PROFILES),
        total: z.number().int().nullable().openapi({ description: 'null: unlimited' }),
        used: z.number().int(),
        reserved: z.number().int().openapi({ description: 'held by pending, unexpired invitations' }),
        free: z.number().int().nullable().openapi({ description: 'null: unlimited' }),
      }),
    ),
  })
  .openapi('Seats');

const seats = createRoute({
  method: 'get',
  path: '/space/seats',
  summary: 'Seats per profile',
  tags: ['Space'],
  responses: { 200: { description: 'Seats per profile', content: { 'application/json': { schema: SeatsSchema } } } },
});

export const spaceEndpoints = [
  endpoint('users:read', seats, async (c) => {
    const deps = c.get('deps');
    const usage = await seatUsage(deps.db, deps.config.seats, deps.now());
    const profiles = PROFILES.map((p) => {
      const u = usage[p];
      const free = freeSeats(u);
      return { profile: p, total: u.total, used: u.used, reserved: u.reserved, free: Number.isFinite(free) ? free : null };
    });
    return c.json({ profiles }, 200);
  }),
];
