import type { SecureHeadersVariables } from 'hono/secure-headers';
import type { Session } from '../auth/session.js';
import type { RateLimiter } from '../services/rate-limit.js';
import type { ServiceDeps } from '../services/deps.js';
import type { CurrentUser } from '../services/principal.js';

export interface AppDeps extends ServiceDeps {
  limiter: RateLimiter;
  /** SHA-256 of the one-time setup token printed at start, while the space is not set up. */
  setupTokenHash: Uint8Array | null;
  /** How this Launchpad's commands are typed: `./launchpad` for the single binary; `npm run launchpad --` when absent. */
  cliCommand?: string;
}

export interface AppEnv {
  Variables: SecureHeadersVariables & {
    deps: AppDeps;
    user: CurrentUser | null;
    session: Session | null;
  };
}
