import type { LinkSecrets } from '../auth/link-secrets.js';
import type { PasswordHasher } from '../auth/password.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';

/** What every use case is given. No module-level singletons: tests build their own. */
export interface ServiceDeps {
  db: Db;
  config: Config;
  hasher: PasswordHasher;
  links: LinkSecrets;
  now: () => number;
  /** Wakes the mail worker after a commit that queued messages. */
  notifyOutbox: () => void;
}
