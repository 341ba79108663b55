// Every /api failure is one shape: application/problem+json (RFC 9457) with `type`, `title`, `status`,
// `detail`, the error `code` and, for bad input, the `field`. Two sources of codes, each written once:
// the API's own (authentication, scopes, bodies, rate limit) below, and the use cases' refusals, whose
// status, field and words come from the ONE error table (src/services/errors.ts) through `refused`.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { describeRefusal, ERRORS, refusalFieldErrors, type ErrorCode, type Refusal } from '../services/errors.js';

export const API_PROBLEMS = {
  unauthorized: { status: 401, title: 'Not authenticated' },
  missing_scope: { status: 403, title: 'The key lacks the scope this needs' },
  transfer_panel_only: { status: 403, title: 'Ownership is transferred in the panel only' },
  not_found: { status: 404, title: 'Not found' },
  already_active: { status: 409, title: 'Already active' },
  not_active: { status: 409, title: 'Not active' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key used for another request' },
  idempotency_in_progress: { status: 409, title: 'The first request with this Idempotency-Key is still running' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  bad_cursor: { status: 400, title: 'Cursor not valid here' },
  body_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  invalid: { status: 422, title: 'Invalid request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  server_error: { status: 500, title: 'Server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiProblemCode = keyof typeof API_PROBLEMS;
export const API_PROBLEM_CODES = Object.keys(API_PROBLEMS) as ApiProblemCode[];

/** The use cases' refusal codes that the API's own table does not already name. */
export const REFUSAL_CODES = (Object.keys(ERRORS) as ErrorCode[]).filter((c) => !(c in API_PROBLEMS));

const TITLE_BY_STATUS: Record<number, string> = {
  401: 'Not authenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict with the current state',
  410: 'Gone',
  422: 'Refused',
};

/** A refusal's title: the table's heading where it has one, else one per status. */
export const refusalTitle = (code: ErrorCode) => ERRORS[code].title ?? TITLE_BY_STATUS[ERRORS[code].status] ?? 'Refused';

const ALL_CODES = [...API_PROBLEM_CODES, ...REFUSAL_CODES] as [string, ...string[]];

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/api/docs#problem-missing_scope' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(ALL_CODES),
    field: z.string().optional(),
    errors: z.record(z.string(), z.string()).optional().openapi({ description: 'for bad input: each field with its words' }),
    profile: z.string().optional().openapi({ description: 'not_enough_seats: the profile short of seats' }),
    needed: z.number().int().optional().openapi({ description: 'not_enough_seats: seats the request needs' }),
    free: z.number().int().optional().openapi({ description: 'not_enough_seats: seats free' }),
    malformed: z.array(z.string()).optional().openapi({ description: 'malformed: what could not be read as an address' }),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The documented response of a problem status, for route definitions. */
export const problemResponse = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } } });

export function problemBody(code: ApiProblemCode, detail: string, field?: string): Problem {
  const { status, title } = API_PROBLEMS[code];
  return { type: `/api/docs#problem-${code}`, title, status, detail, code, ...(field === undefined ? {} : { field }) };
}

export function problem<C extends ApiProblemCode>(c: Context, code: C, detail: string, field?: string) {
  const status: (typeof API_PROBLEMS)[C]['status'] = API_PROBLEMS[code].status;
  // c.json keeps a content-type given here: problem+json, as RFC 9457 asks.
  return c.json(problemBody(code, detail, field), status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
}

/** A use case's refusal as problem+json: the same code, status, field and words the panels show. */
export function refusalBody(refusal: Refusal): Problem {
  const d = describeRefusal(refusal);
  const errors = refusal.code === 'invalid' ? refusalFieldErrors(refusal) : undefined;
  const field = d.field ?? (errors ? Object.keys(errors)[0] : undefined);
  return {
    type: `/api/docs#problem-${d.code}`,
    title: refusalTitle(d.code),
    status: d.status,
    detail: d.words,
    code: d.code,
    ...(field ? { field } : {}),
    ...(errors ? { errors } : {}),
    ...(refusal.code === 'not_enough_seats' ? { profile: refusal.profile, needed: refusal.needed, free: refusal.free } : {}),
    ...(refusal.code === 'malformed' ? { malformed: refusal.malformed } : {}),
  };
}

export function refused(c: Context, refusal: Refusal) {
  return c.json(refusalBody(refusal), describeRefusal(refusal).status, { 'content-type': PROBLEM_CONTENT_TYPE, 'cache-control': 'no-store' });
}
