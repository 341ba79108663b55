// Signing in to an instance: the provider sends the browser here (its interaction), the Launchpad's own
// session says who this is (authorize() sends a signed-out visitor to /login?next=here, password or single
// sign-on), the instance's rules are checked, and the browser goes back to the provider.
import type { Context } from 'hono';
import { SIGNED_IN, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { renderBare } from '../http/pages.js';
import { nodeBindings, providerOf } from '../oidc-provider/mount.js';
import { INTERACTION_PREFIX } from '../oidc-provider/provider.js';
import { instanceAccess } from '../services/instance-sign-in.js';
import { DesignersOnlyPage, SignInExpiredPage } from '../../views/instances/provider-pages.js';

const expired = (c: Context<AppEnv>) => renderBare(c, 'Sign-in expired', <SignInExpiredPage />, 400);

const signIn = signedIn(async (c, { user }) => {
  const node = nodeBindings(c);
  if (!node) return expired(c);
  const deps = c.get('deps');
  const provider = await providerOf(deps).current();
  // The interaction must be this browser's: its cookie, set by the provider, names it.
  const details = await provider.interactionDetails(node.incoming, node.outgoing).catch(() => null);
  if (!details || details.uid !== c.req.param('uid')) return expired(c);
  const access = await instanceAccess(deps, user.id, String(details.params.client_id ?? ''));
  if (!access.ok) {
    if (access.code === 'designers_only') {
      return renderBare(c, 'Designers only', <DesignersOnlyPage instanceName={access.instanceName ?? 'This instance'} profile={access.profile ?? ''} />, 403);
    }
    return expired(c);
  }
  const returnTo = await provider.interactionResult(node.incoming, node.outgoing, { login: { accountId: String(user.id) } }, { mergeWithLastSubmission: false });
  return c.redirect(returnTo, 303);
});

export const instanceSignInRoutes: RouteDef[] = [{ method: 'GET', path: `${INTERACTION_PREFIX}/:uid`, access: SIGNED_IN, handler: signIn }];
