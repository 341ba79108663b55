// The table map: what Kysely knows of the database. snake_case here, camelCase in the rest of the code.
import type { Generated, Insertable, Selectable } from 'kysely';

/** Who made an invitation (and stands behind it until it is accepted). */
export type InviterKind = 'user' | 'api_key' | 'operator';

export interface SpaceTable {
  id: number;
  name: string;
  owner_id: number;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  email_key: string;
  display_name: string;
  /** display_name folded for search and sorting (Unicode-aware, unlike SQLite's lower()). */
  name_key: string;
  password_hash: string;
  profile: 'designer' | 'explorer' | 'reader';
  created_at: number;
  last_login_at: number | null;
  /** The identity provider's id for this person (SCIM `externalId`, migration 0011); unique when set. */
  external_id: string | null;
  /** When the member was deactivated (epoch ms; migration 0011); null means active (SCIM `active`). */
  deactivated_at: number | null;
}

export interface GroupsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  description: Generated<string>;
  origin: 'space' | 'extension' | 'admin';
  created_at: number;
  /** Kept by triggers on group_members (migration 0005). */
  member_count: Generated<number>;
  /** The identity provider's id for this group (SCIM `externalId`, migration 0011); unique when set. */
  external_id: string | null;
}

/** Kept by triggers on users and invitations (migration 0005): no page counts the tables. */
export interface ProfileCountsTable {
  profile: 'designer' | 'explorer' | 'reader';
  /** Active members only (migration 0017): a deactivated member frees their seat. */
  members: number;
  pending: number;
  /** Deactivated members (migration 0017). */
  deactivated: number;
}

/**
 * Pending invitations per profile and UTC day of expiry (expires_at / 86,400,000), kept by triggers on
 * invitations (migration 0021): the seats sum the days before today instead of counting the expired.
 */
export interface InvitationExpiriesTable {
  profile: 'designer' | 'explorer' | 'reader';
  day: number;
  pending: number;
}

/**
 * Members and pending invitations as one list, with each row's sort keys (migration 0019), kept by
 * triggers on users and invitations: the Users tab's unfiltered pages walk one of its indexes.
 */
export interface UserListTable {
  kind: 'user' | 'invitation';
  /** users.id or invitations.id, as kind says. */
  id: number;
  /** A member's name_key; an invitation's email_key. */
  sort_name: string;
  email_key: string;
  profile: 'designer' | 'explorer' | 'reader';
  /** 1 for a member who never signed in, and for an invitation. */
  no_login: number;
  last_login_at: number | null;
  /** 1 for a deactivated member. */
  deactivated: number;
  /** An invitation's expiry; null for a member. */
  expires_at: number | null;
}

export interface GroupPermissionsTable {
  group_id: number;
  permission: string;
}

export interface GroupMembersTable {
  group_id: number;
  user_id: number;
  added_at: number;
}

export interface SessionsTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: number;
  created_at: number;
  last_verified_at: number;
  /** Migration 0015: the User-Agent and client address the session started with. */
  user_agent: string | null;
  client_address: string | null;
}

export interface PasswordResetsTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: number;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  details: Generated<string>;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  ref_id: string | null;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: number;
  last_error: string | null;
  provider_id: string | null;
  created_at: number;
  sent_at: number | null;
  link_ref: string | null;
}

export interface InvitationsTable {
  id: Generated<number>;
  public_id: string;
  secret_hash: Uint8Array;
  email: string;
  email_key: string;
  /** The name given with `Name <address>` when inviting (migration 0006). */
  display_name: Generated<string | null>;
  profile: 'designer' | 'explorer' | 'reader';
  status: 'pending' | 'accepted' | 'revoked';
  invited_by: number | null;
  invited_by_label: string;
  /** Who stands behind it (migration 0016): a member (invited_by), an API key (inviter_key_id), or the operator. */
  inviter_kind: Generated<InviterKind>;
  inviter_key_id: string | null;
  created_at: number;
  expires_at: number;
  last_sent_at: number | null;
  outbox_id: number | null;
  accepted_at: number | null;
  accepted_user_id: number | null;
  revoked_at: number | null;
}

export interface InvitationGroupsTable {
  invitation_id: number;
  group_id: number;
}

export interface ExtensionsTable {
  key: string;
  active: number;
  group_id: number | null;
  changed_at: number;
}

export interface CodeEnvsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  language: 'python' | 'r';
  language_version: string;
  requirements: Generated<string>;
  description: Generated<string>;
  created_by: number | null;
  created_by_label: string;
  created_at: number;
  updated_at: number;
}

/** Migration 0009: a key of the space; only the SHA-256 of its secret, as hex. */
export interface ApiKeysTable {
  id: string;
  name: string;
  /** Space-separated scope names. */
  scopes: string;
  secret_hash: string;
  created_at: number;
  created_by: number | null;
  created_by_label: string;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_address: string | null;
  revoked_at: number | null;
}

/** Migration 0009: requests per key per fixed window, shared by every process on the database. */
export interface ApiRateCountersTable {
  key_id: string;
  window_start: number;
  hits: number;
}

/** The first answer to an API request sent with an Idempotency-Key (migration 0012). */
export interface ApiIdempotencyTable {
  key_id: string;
  idempotency_key: string;
  request_hash: string;
  created_at: number;
  /** Null while the first request runs. */
  status: number | null;
  body: string | null;
}

/** A single sign-on in progress (migration 0010): only the hash of the browser's secret is kept. */
export interface OidcLoginsTable {
  id: string;
  secret_hash: string;
  next_path: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** Rate-limit counters shared by every process (see src/services/rate-limit.ts). Times are epoch ms. */
export interface ThrottleCountersTable {
  key: string;
  count: number;
  last_at: number;
  expires_at: number;
  audit_event_id: number | null;
}

export interface SetupNonceTable {
  id: number;
  nonce: string;
  created_at: number;
}

/** A registered instance, an OpenID relying party (migration 0013). Only the secret's SHA-256 is kept. */
export interface InstancesTable {
  id: string;
  name: string;
  redirect_uris: string;
  post_logout_redirect_uri: string | null;
  secret_hash: string;
  designers_only: number;
  created_at: number;
  created_by_label: string;
  secret_rotated_at: number | null;
  disabled_at: number | null;
}

/** What the OpenID Provider persists (migration 0013), keyed by model and id. Times are epoch ms. */
export interface OidcArtifactsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  client_id: string | null;
  account_id: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

/** The provider's signing keys (migration 0013): the private JWK encrypted with the server secret. */
export interface OidcKeysTable {
  id: string;
  private_jwk: string;
  created_at: number;
  retired_at: number | null;
}

export interface Database {
  space: SpaceTable;
  users: UsersTable;
  groups: GroupsTable;
  group_permissions: GroupPermissionsTable;
  group_members: GroupMembersTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  invitations: InvitationsTable;
  invitation_groups: InvitationGroupsTable;
  extensions: ExtensionsTable;
  code_envs: CodeEnvsTable;
  profile_counts: ProfileCountsTable;
  invitation_expiries: InvitationExpiriesTable;
  user_list: UserListTable;
  api_keys: ApiKeysTable;
  api_rate_counters: ApiRateCountersTable;
  api_idempotency: ApiIdempotencyTable;
  oidc_logins: OidcLoginsTable;
  throttle_counters: ThrottleCountersTable;
  setup_nonce: SetupNonceTable;
  instances: InstancesTable;
  oidc_artifacts: OidcArtifactsTable;
  oidc_keys: OidcKeysTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type GroupRow = Selectable<GroupsTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;
