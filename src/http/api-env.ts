import type { ApiKeyActor } from '../services/actor.js';
import type { ApiKeyPrincipal } from '../services/api-keys.js';
import type { AppEnv } from './env.js';

/**
 * What an /api handler sees: the app's variables, the key the request authenticated with, and that key
 * as the actor of the use cases, holding what the endpoint's scope grants.
 */
export interface ApiEnv {
  Variables: AppEnv['Variables'] & { apiKey: ApiKeyPrincipal; actor: ApiKeyActor };
}
