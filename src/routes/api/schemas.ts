// Schemas the API's endpoint families share: ids in paths, paging, a group reference, times, problems.
import { z } from '@hono/zod-openapi';
import { PROFILES } from '../../domain/profiles.js';
import { problemResponse } from '../../http/api-problem.js';

export const IdParam = z.object({
  id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

export const ProfileSchema = z.enum(PROFILES);

export const GroupRefSchema = z.object({ id: z.number().int(), name: z.string() }).openapi('GroupRef');

/** Times are ISO 8601 in UTC. */
export const Time = z.string().openapi({ format: 'date-time', example: '2026-12-04T17:00:00.000Z' });
export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export const limitQuery = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback).openapi({ description: `rows per page, at most ${max}` });

export const cursorQuery = z
  .string()
  .max(2000)
  .optional()
  .openapi({ description: 'the `nextCursor` of the page before; opaque, and tied to the order it was made in' });

export const NextCursor = z.string().nullable().openapi({ description: 'pass as `cursor` for the next page; null on the last page' });

/** The problem responses an endpoint may answer besides the common ones, each with what it means. */
export function problems(byStatus: Record<number, string>) {
  return Object.fromEntries(Object.entries(byStatus).map(([status, description]) => [status, problemResponse(description)]));
}

export const json = <T extends z.ZodType>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
