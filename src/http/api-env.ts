import type { ApiKeyPrincipal } from '../services/api-keys.js';
import type { AppEnv } from './env.js';

/** What an /api handler sees: the app's variables, and the key the request authenticated with. */
export interface ApiEnv {
  Variables: AppEnv['Variables'] & { apiKey: ApiKeyPrincipal };
}
