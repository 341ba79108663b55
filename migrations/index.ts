// The migrations, listed in code: a folder scan would break once the app is bundled into one binary.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_invitations.js';
import * as m0003 from './0003_extensions_code_envs.js';
import * as m0004 from './0004_user_name_key.js';
import * as m0005 from './0005_list_performance.js';
import * as m0006 from './0006_invitation_name.js';
import * as m0007 from './0007_setup_nonce.js';
import * as m0008 from './0008_sign_in_throttle.js';
import * as m0009 from './0009_api_keys.js';
import * as m0010 from './0010_oidc_logins.js';
import * as m0011 from './0011_scim.js';
import * as m0012 from './0012_api_idempotency.js';
import * as m0013 from './0013_instances.js';
import * as m0014 from './0014_audit_indexes.js';
import * as m0015 from './0015_session_client.js';
import * as m0016 from './0016_invitation_inviter.js';
import * as m0017 from './0017_deactivated_seats.js';
import * as m0018 from './0018_audit_action_date.js';
import * as m0019 from './0019_user_list.js';
import * as m0020 from './0020_user_list_tally.js';
import * as m0021 from './0021_invitation_expiries.js';
import * as m0022 from './0022_user_list_statement_triggers.js';
import * as m0023 from './0023_user_list_search.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_invitations': m0002,
  '0003_extensions_code_envs': m0003,
  '0004_user_name_key': m0004,
  '0005_list_performance': m0005,
  '0006_invitation_name': m0006,
  '0007_setup_nonce': m0007,
  '0008_sign_in_throttle': m0008,
  '0009_api_keys': m0009,
  '0010_oidc_logins': m0010,
  '0011_scim': m0011,
  '0012_api_idempotency': m0012,
  '0013_instances': m0013,
  '0014_audit_indexes': m0014,
  '0015_session_client': m0015,
  '0016_invitation_inviter': m0016,
  '0017_deactivated_seats': m0017,
  '0018_audit_action_date': m0018,
  '0019_user_list': m0019,
  '0020_user_list_tally': m0020,
  '0021_invitation_expiries': m0021,
  '0022_user_list_statement_triggers': m0022,
  '0023_user_list_search': m0023,
};
