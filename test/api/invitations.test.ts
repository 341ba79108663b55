// /api/v1/invitations: list with a cursor, get, resend, revoke and the invite link (audited).
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { makeApp, withSpace } from '../support/app.js';
import { api, makeKey } from './support.js';

async function space() {
  const t = await makeApp();
  await withSpace(t);
  const { key } = await makeKey(t, ['invitations:write', 'users:read']);
  const addresses = Array.from({ length: 5 }, (_, i) => `p${i}@example.com`);
  const r = (await (await api(t, 'POST', '/api/v1/invitations', { key, json: { addresses, profile: 'reader' } })).json()) as { items: Array<{ invitationId: number }> };
  return { t, key, ids: r.items.map((i) => i.invitationId) };
}

describe('invitations', () => {
  it('pages through the pending ones with a cursor, and filters by status', async () => {
    const { t, key, ids } = await space();
    await api(t, 'POST', `/api/v1/invitations/${ids[0]}/revoke`, { key });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api(t, 'GET', `/api/v1/invitations?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key })).json()) as { invitations: Array<{ email: string }>; nextCursor: string | null };
      seen.push(...page.invitations.map((i) => i.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p1@example.com', 'p2@example.com', 'p3@example.com', 'p4@example.com']);
    const revoked = (await (await api(t, 'GET', '/api/v1/invitations?status=revoked', { key })).json()) as { invitations: Array<{ email: string; status: string }> };
    expect(revoked.invitations).toMatchObject([{ email: 'p0@example.com', status: 'revoked' }]);
  });

  it('resends (renewing the expiry), reports an expired one, and refuses a revoked one', async () => {
    const { t, key, ids } = await space();
    t.clock.advance(8 * 24 * 60 * 60 * 1000);
    const expired = await (await api(t, 'GET', `/api/v1/invitations/${ids[1]}`, { key })).json();
    expect(expired).toMatchObject({ expired: true });
    const resent = await api(t, 'POST', `/api/v1/invitations/${ids[1]}/resend`, { key });
    expect(resent.status).toBe(200);
    expect(await resent.json()).toMatchObject({ expired: false });
    await api(t, 'POST', `/api/v1/invitations/${ids[2]}/revoke`, { key });
    const again = await api(t, 'POST', `/api/v1/invitations/${ids[2]}/revoke`, { key });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'not_pending' });
  });

  it('gives the invite link and records that it was handed out', async () => {
    const { t, key, ids } = await space();
    const res = await api(t, 'GET', `/api/v1/invitations/${ids[0]}/link`, { key });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { link: string }).link).toMatch(/^http:\/\/localhost:3000\//);
    expect(await listAuditEvents(t.db, { action: 'invitation.link_copied', limit: 5 })).toHaveLength(1);
  });

  it('a users:read key can list but not read the link, which is a credential', async () => {
    const { t, ids } = await space();
    const { key } = await makeKey(t, ['users:read']);
    expect((await api(t, 'GET', `/api/v1/invitations/${ids[0]}`, { key })).status).toBe(200);
    expect((await api(t, 'GET', `/api/v1/invitations/${ids[0]}/link`, { key })).status).toBe(403);
  });
});
