// `launchpad rotate-keys`: a new signing key for the OpenID Provider, audited. Every process picks it up
// within seconds (they compare the key list in the database); the old key stays published until the ID
// tokens it signed have expired.
import { addSigningKey } from '../auth/op-keys.js';
import { recordAudit } from './audit.js';
import type { ServiceDeps } from './deps.js';

export async function rotateSigningKey(deps: Pick<ServiceDeps, 'db' | 'now'>, serverSecret: string): Promise<{ kid: string; dropped: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.now();
    const result = await addSigningKey(trx, serverSecret, now);
    await recordAudit(trx, now, { id: null, label: 'command line' }, 'oidc.signing_key_rotated', undefined, { kid: result.kid, retiredKeysDropped: result.dropped });
    return result;
  });
}
