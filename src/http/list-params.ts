// The Users tab's URL parameters, read leniently (a bad value falls back to the default) and written back.
import { z } from 'zod';
import { PROFILES } from '../domain/profiles.js';
import { safeNext } from './forms.js';
import type { UsersPageParams } from '../services/users-page.js';

export const USERS_PAGE_SIZE = 50;

const schema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  profile: z.enum(PROFILES).optional().catch(undefined),
  status: z.enum(['active', 'deactivated', 'invited', 'expired']).optional().catch(undefined),
  group: z.coerce.number().int().positive().optional().catch(undefined),
  group_name: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(['name', 'email', 'profile', 'last_login']).catch('name'),
  dir: z.enum(['asc', 'desc']).catch('asc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type UsersParams = z.infer<typeof schema>;

export function readUsersParams(query: Record<string, string>): UsersParams {
  const cleaned = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  return schema.parse(cleaned);
}

/** What the Users tab's read model takes, from the list's parameters (the page, its fragments, bulk "all on this page"). */
export function usersPageParams(p: UsersParams): UsersPageParams {
  return { search: p.q, profile: p.profile, status: p.status, groupId: p.group, groupName: p.group_name, sort: p.sort, dir: p.dir, page: p.page };
}

export function usersHref(p: UsersParams, changes: Record<string, string | undefined> = {}): string {
  const s = new URLSearchParams();
  const merged: Record<string, string | undefined> = {
    q: p.q,
    profile: p.profile,
    status: p.status,
    group: p.group === undefined ? undefined : String(p.group),
    group_name: p.group === undefined ? p.group_name : undefined,
    sort: p.sort === 'name' ? undefined : p.sort,
    dir: p.dir === 'asc' ? undefined : p.dir,
    page: p.page === 1 ? undefined : String(p.page),
    ...changes,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '') s.set(k, v);
  const text = s.toString();
  return text ? `/users?${text}` : '/users';
}

/** Where a row action returns to: the list with its filters, never anywhere else. */
export function backToUsers(value: string | undefined): string {
  const next = safeNext(value);
  return next === '/users' || next.startsWith('/users?') ? next : '/users';
}
