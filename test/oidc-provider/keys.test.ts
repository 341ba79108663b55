// Signing keys live in the database, the private half encrypted; `rotate-keys` adds one that signs from then
// on while the old one stays published; another process on the database signs and refreshes alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as oidc from 'openid-client';
import { RETIRED_KEY_KEPT_MS } from '../../src/auth/op-keys.js';
import { listSigningKeys } from '../../src/db/queries/oidc-keys.js';
import { PUBLISH_BEFORE_SIGNING_MS } from '../../src/oidc-provider/provider.js';
import { rotateSigningKey } from '../../src/services/signing-keys.js';
import { addUser, withSpace, type TestUser } from '../support/app.js';
import { registerInstance, relyingParty, SERVER_SECRET, signIn, startLaunchpad, startSecondProcess, type Instance, type RunningLaunchpad } from './support.js';

let lp: RunningLaunchpad;
let member: TestUser;
let instance: Instance;
beforeEach(async () => {
  lp = await startLaunchpad();
  await withSpace(lp.t);
  member = await addUser(lp.t, { email: 'dana@example.com', profile: 'designer', groups: [{ name: 'Analysts', permissions: ['create_projects'] }] });
  instance = await registerInstance(lp.t);
});
afterEach(() => lp.close());

const jwks = async (origin: string) => ((await (await fetch(`${origin}/oidc/jwks`)).json()) as { keys: Array<Record<string, unknown>> }).keys;
const kidOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

/** A refresh at `origin`'s token endpoint, as the instance would send it. */
async function refreshAt(origin: string, refreshToken: string) {
  const res = await fetch(`${origin}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(instance.clientId)}:${encodeURIComponent(instance.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('signing keys', () => {
  it('are stored encrypted, and only their public half is served', async () => {
    await signIn(await relyingParty(lp, instance), member.cookie);
    const [stored] = await listSigningKeys(lp.t.db);
    expect(stored!.encryptedJwk).toMatch(/^v1\./);
    expect(stored!.encryptedJwk).not.toContain('"d"');
    const published = await jwks(lp.origin);
    expect(published.map((k) => k.kid)).toEqual([stored!.id]);
    for (const k of published) for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(k).not.toHaveProperty(secret);
  });

  it('rotate: the new key is published at once and signs once every process publishes it; the old one stays published', async () => {
    const first = await signIn(await relyingParty(lp, instance), member.cookie);
    const oldKid = kidOf(first.id_token!);
    const { kid: newKid } = await rotateSigningKey(lp.t.deps, SERVER_SECRET);

    const other = await startSecondProcess(lp); // a process that starts after the rotation
    try {
      expect((await jwks(other.origin)).map((k) => k.kid).sort()).toEqual([newKid, oldKid].sort());
      const meanwhile = await refreshAt(other.origin, first.refresh_token!);
      expect(kidOf(meanwhile.body.id_token!)).toBe(oldKid); // still the old key: another process may not publish the new one yet

      lp.t.clock.advance(PUBLISH_BEFORE_SIGNING_MS);
      const later = await startSecondProcess(lp);
      const refreshed = await refreshAt(later.origin, meanwhile.body.refresh_token!).finally(() => later.close());
      expect(refreshed.status).toBe(200);
      expect(kidOf(refreshed.body.id_token!)).toBe(newKid);
      // the token and grant issued by the first process were found by the others: nothing lives in memory
      expect(refreshed.body.refresh_token).not.toBe(meanwhile.body.refresh_token);
    } finally {
      await other.close();
    }
  });

  it('a key retired longer than its tokens live is dropped at the next rotation', async () => {
    await signIn(await relyingParty(lp, instance), member.cookie);
    const [original] = await listSigningKeys(lp.t.db);
    await rotateSigningKey(lp.t.deps, SERVER_SECRET);
    expect((await listSigningKeys(lp.t.db)).map((k) => k.id)).toContain(original!.id);
    lp.t.clock.advance(RETIRED_KEY_KEPT_MS + 1);
    await rotateSigningKey(lp.t.deps, SERVER_SECRET);
    const ids = (await listSigningKeys(lp.t.db)).map((k) => k.id);
    expect(ids).toHaveLength(2);
    expect(ids).not.toContain(original!.id);
  });

  it('tokens issued by one process are refreshed by another, and openid-client accepts the result', async () => {
    const first = await signIn(await relyingParty(lp, instance), member.cookie);
    const other = await startSecondProcess(lp);
    try {
      const refreshed = await refreshAt(other.origin, first.refresh_token!);
      expect(refreshed.status).toBe(200);
      const again = await oidc.refreshTokenGrant(await relyingParty(lp, instance), refreshed.body.refresh_token!);
      expect(again.claims()).toMatchObject({ sub: String(member.id), instance_permissions: ['create_projects'] });
    } finally {
      await other.close();
    }
  });
});
