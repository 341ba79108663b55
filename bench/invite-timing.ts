// "Invite a User" with 1,000 new addresses through the real POST /users/invite: the time of one submission
// (validation, the transaction with its invitations, groups, outbox rows and audit events, the page),
// not the delivery, which the mail worker does afterwards. Before the next submission the outbox is
// drained, so delivery never overlaps a timed submission.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { openInviteProbe, type InviteProbe } from './engines.js';
import { FORM } from './session.js';

export interface InviteRun {
  ms: number;
  status: number;
  /** Invitations the database holds for this run's addresses afterwards. */
  created: number;
  /** How long the mail worker then took to deliver them (to the log mailer). */
  drainMs: number | null;
}

export interface InviteTiming {
  addresses: number;
  runs: InviteRun[];
  medianMs: number;
  groups: number[];
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function drainOutbox(probe: InviteProbe, maxMs = 180_000): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    if ((await probe.undelivered()) === 0) return Date.now() - start;
    await sleep(100);
  }
  return null;
}

/** The form's submission, or (with `apiKey`) the API's bulk create: the same use case behind both. */
function submission(o: { baseUrl: string; origin: string; cookie: string; apiKey?: string }, addresses: string[], groupIds: number[]) {
  if (o.apiKey) {
    return fetch(`${o.baseUrl}/api/v1/invitations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${o.apiKey}` },
      body: JSON.stringify({ addresses, profile: 'reader', groups: groupIds }),
    });
  }
  const body = new URLSearchParams({ emails: addresses.join('\n'), profile: 'reader', back: '/users' });
  for (const g of groupIds) body.append('groups', String(g));
  return fetch(`${o.baseUrl}/users/invite`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': FORM, origin: o.origin, cookie: o.cookie },
    body: body.toString(),
  });
}

export async function timeBulkInvites(
  o: { baseUrl: string; origin: string; cookie: string; databaseUrl: string; runs: number; addresses: number; groupIds: number[]; apiKey?: string },
): Promise<InviteTiming> {
  const probe = openInviteProbe(o.databaseUrl);
  const tag = `${o.apiKey ? 'api' : 'form'}${randomBytes(3).toString('hex')}`;
  const runs: InviteRun[] = [];
  try {
    for (let r = 1; r <= o.runs; r++) {
      const prefix = `new.${tag}.r${r}.`;
      const addresses = Array.from({ length: o.addresses }, (_, i) => `${prefix}${i + 1}@newhires.example`);
      const t0 = performance.now();
      const res = await submission(o, addresses, o.groupIds);
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      const created = await probe.pendingWith(prefix);
      const drainMs = await drainOutbox(probe);
      runs.push({ ms, status: res.status, created, drainMs });
    }
  } finally {
    await probe.close();
  }
  return { addresses: o.addresses, runs, medianMs: median(runs.map((r) => r.ms)), groups: o.groupIds };
}
