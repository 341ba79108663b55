// The load cases: the admin's pages (signed in, 200 expected), and the two password-hashing POSTs (303
// expected), where every request uses its own invitation or account and its own client address.
import type { PlainRequest } from './load.js';
import type { SeedResult } from './seed.js';
import { FORM } from './session.js';
import type { BenchSettings } from './settings.js';

export interface LoadCase {
  name: string;
  /** What is requested, for the table. */
  request: string;
  /** A footnote on how the requests differ. */
  note?: string;
  /** Cases the Users-tab target applies to. */
  usersTarget: boolean;
  spec: { requests: PlainRequest[]; expectedStatus: number; spreadOver?: string[] };
  /** POST cases: each request uses up its item (an invitation, an account). */
  usesItems?: boolean;
}

export interface CaseContext {
  origin: string;
  cookie: string;
  seed: SeedResult;
  settings: BenchSettings;
}

/** What a current browser sends: the pages are measured compressed, as they cross the network. */
export const ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

/** At most this many items per POST case: far more than a run uses at a few hundred ms per hash. */
const MAX_ITEMS = 5_000;

/** A fresh client address per request: 10.a.b.c, one range per case. */
function address(range: number, n: number): string {
  return `10.${range}.${(n >> 8) & 255}.${n & 255}`;
}

function page(name: string, path: string, cookie: string, usersTarget = false): LoadCase {
  return { name, request: `GET ${path}`, usersTarget, spec: { requests: [{ method: 'GET', path, headers: { cookie, 'accept-encoding': ACCEPT_ENCODING } }], expectedStatus: 200 } };
}

/** A day relative to today, as the Audit log's date fields send it. */
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

export function pageCases(ctx: CaseContext): LoadCase[] {
  const { cookie, seed, settings } = ctx;
  const group = seed.groupsBySize[Math.min(settings.groupRank, seed.groupsBySize.length) - 1]!;
  const size = group.size.toLocaleString('en-US');
  return [
    page('Users tab, first page', '/users', cookie, true),
    page(`Users tab, page ${settings.deepPage}`, `/users?page=${settings.deepPage}`, cookie, true),
    page(`Users tab, search "${settings.search}"`, `/users?q=${encodeURIComponent(settings.search)}`, cookie, true),
    page(`Users tab, common search "${settings.commonSearch}"`, `/users?q=${encodeURIComponent(settings.commonSearch)}`, cookie, true),
    page(`Users tab, filter by group (${size} members)`, `/users?group=${group.id}`, cookie, true),
    page('Groups tab', '/groups', cookie),
    page(`Group members (${size} members)`, `/groups/${group.id}/members`, cookie),
    page('Audit log', '/audit', cookie),
    page(`Audit log, actor "${settings.search}"`, `/audit?actor=${encodeURIComponent(settings.search)}`, cookie),
    page('Audit log, two actions and a month', `/audit?action=user.updated&action=group.member_removed&from=${day(-60)}&to=${day(-30)}`, cookie),
    page('Audit log, one target', '/audit?target=user:1', cookie),
    page('Code Envs', '/code-envs', cookie),
    page('Overview', '/', cookie),
  ];
}

/**
 * A POST that hashes a password, each request with its own item (an invitation, an account) and its
 * own client address, so no rate limit applies. Past the last item the items repeat, and the repeats
 * count as errors.
 */
function postEach(
  ctx: CaseContext,
  c: { name: string; request: string; note: string; range: number; items: string[]; path: (item: string) => string; form: (item: string, n: number) => Record<string, string> },
): LoadCase {
  const requests = c.items.slice(0, MAX_ITEMS).map((item, n) => ({
    method: 'POST',
    path: c.path(item),
    headers: { 'content-type': FORM, origin: ctx.origin, 'x-forwarded-for': address(c.range, n) },
    body: new URLSearchParams(c.form(item, n)).toString(),
  }));
  return { name: c.name, request: c.request, note: c.note, usersTarget: false, usesItems: true, spec: { expectedStatus: 303, requests } };
}

export function acceptCase(ctx: CaseContext): LoadCase {
  return postEach(ctx, {
    name: 'Accept an invitation',
    request: 'POST /invite/<token>',
    note: 'every request accepts a different seeded invitation (name and password) from a different X-Forwarded-For address',
    range: 1,
    items: ctx.seed.acceptTokens,
    path: (token) => `/invite/${token}`,
    form: (_token, n) => ({ displayName: `Bench Member ${n}`, password: ctx.seed.password }),
  });
}

export function signInCase(ctx: CaseContext): LoadCase {
  return postEach(ctx, {
    name: 'Sign in',
    request: 'POST /login',
    note: 'every request signs in a different seeded member from a different X-Forwarded-For address: this simulates many clients, so neither the per-account nor the per-address limit applies',
    range: 2,
    items: ctx.seed.signInEmails,
    path: () => '/login',
    form: (email) => ({ email, password: ctx.seed.password }),
  });
}
