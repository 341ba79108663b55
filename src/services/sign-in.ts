// Signing in and out. An unknown email and a wrong password get the same answer in about the same time.
import { invalidateSession, startSignIn } from '../auth/session.js';
import { findPasswordHash, findUserByEmail, updateUser } from '../db/queries/users.js';
import { hashParams } from '../auth/password.js';
import { byUser, recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';
import { passwordAllowedFor } from './oidc-only.js';
import type { Failure } from './errors.js';

export type SignInResult = { ok: true; token: string; userId: number } | Failure<'invalid_credentials'>;

/** One dummy hash per hasher, made on first need, with the same parameters as real ones. */
const dummyHashes = new WeakMap<object, Promise<string>>();

function dummyHash(hasher: ServiceDeps['hasher']): Promise<string> {
  let h = dummyHashes.get(hasher);
  if (!h) dummyHashes.set(hasher, (h = hasher.hash('launchpad-dummy-password')));
  return h;
}

export async function signIn(deps: ServiceDeps, email: string, password: string): Promise<SignInResult> {
  const user = await findUserByEmail(deps.db, email);
  // A deactivated member gets the answer a wrong password gets.
  const allowed = user && user.deactivatedAt === null ? await passwordAllowedFor(deps, deps.db, user.id) : false;
  const stored = user && allowed ? await findPasswordHash(deps.db, user.id) : null;
  // A user provisioned by SCIM holds no password until they set one: treated like no account at all.
  if (!user || !stored || !hashParams(stored)) {
    // Spend the same work as a real check so timing does not tell whether the account exists.
    await deps.hasher.verify(await dummyHash(deps.hasher), password);
    return { ok: false, code: 'invalid_credentials' };
  }
  if (!(await deps.hasher.verify(stored, password))) return { ok: false, code: 'invalid_credentials' };

  // Hashes made with other parameters than today's are made again while we know the password.
  const fresh = deps.hasher.needsRehash(stored) ? await deps.hasher.hash(password) : undefined;

  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const { token } = await startSignIn(trx, user.id, now);
    if (fresh) await updateUser(trx, user.id, { passwordHash: fresh });
    await recordAudit(trx, now, byUser(user), 'session.signed_in');
    return { ok: true as const, token, userId: user.id };
  });
}

export async function signOut(deps: ServiceDeps, session: { id: string; userId: number }, email: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await invalidateSession(trx, session.id);
    await recordAudit(trx, deps.now(), byUser({ id: session.userId, email }), 'session.signed_out');
  });
}
