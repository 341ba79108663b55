// Path and query parameters the route files read alike.
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';

/** A positive whole-number path parameter (`:id`); anything else is 0, which matches no row. */
export function idParam(c: Context<AppEnv>, name = 'id'): number {
  const id = Number(c.req.param(name));
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
}

/** ?page=N, a positive whole number; anything else is page 1. */
export function pageParam(c: Context<AppEnv>): number {
  const page = Number(c.req.query('page'));
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}
