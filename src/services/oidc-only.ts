// OIDC_ONLY: passwords work for the owner alone, their way back in when the provider is down. Everyone
// else signs in with the provider; their password sign-in and reset get the answers an unknown address
// gets, so the pages tell nobody which address is the owner's.
import type { Executor } from '../db/connect.js';
import { findSpace } from '../db/queries/space.js';
import type { ServiceDeps } from './deps.js';

export async function passwordAllowedFor(deps: ServiceDeps, db: Executor, userId: number): Promise<boolean> {
  if (!deps.config.oidcOnly) return true;
  return (await findSpace(db))?.ownerId === userId;
}
