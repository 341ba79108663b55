// Every /api failure is one shape: application/problem+json (RFC 9457) with `type`, `title`, `status`,
// `detail`, the error `code` and, for bad input, the `field`. The codes and their statuses live here, once.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';

export const API_PROBLEMS = {
  unauthorized: { status: 401, title: 'Not authenticated' },
  missing_scope: { status: 403, title: 'The key lacks the scope this needs' },
  transfer_panel_only: { status: 403, title: 'Ownership is transferred in the panel only' },
  not_found: { status: 404, title: 'Not found' },
  already_active: { status: 409, title: 'Already active' },
  not_active: { status: 409, title: 'Not active' },
  malformed_json: { status: 400, title: 'Malformed JSON' },
  body_too_large: { status: 413, title: 'Request body too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  invalid: { status: 422, title: 'Invalid request' },
  rate_limited: { status: 429, title: 'Too many requests' },
  server_error: { status: 500, title: 'Server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ApiProblemCode = keyof typeof API_PROBLEMS;
export const API_PROBLEM_CODES = Object.keys(API_PROBLEMS) as ApiProblemCode[];

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/api/docs#problem-missing_scope' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(API_PROBLEM_CODES as [ApiProblemCode, ...ApiProblemCode[]]),
    field: z.string().optional(),
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
