// The migrations, listed in code: a folder scan would break once the app is bundled into one binary.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_invitations.js';
import * as m0003 from './0003_extensions_code_envs.js';
import * as m0004 from './0004_user_name_key.js';
import * as m0005 from './0005_list_performance.js';
import * as m0006 from './0006_invitation_name.js';
import * as m0030 from './0030_api_keys.js';
import * as m0050 from './0050_scim.js';
import * as m0040 from './0040_oidc_logins.js';
import * as m0020 from './0020_sign_in_throttle.js';
import * as m0080 from './0080_audit_indexes.js';
import * as m0090 from './0090_session_client.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_invitations': m0002,
  '0003_extensions_code_envs': m0003,
  '0004_user_name_key': m0004,
  '0005_list_performance': m0005,
  '0006_invitation_name': m0006,
  '0030_api_keys': m0030,
  '0050_scim': m0050,
  '0040_oidc_logins': m0040,
  '0020_sign_in_throttle': m0020,
  '0080_audit_indexes': m0080,
  '0090_session_client': m0090,
};
