// Who asks a use case to act: a signed-in user, or an API key. Every use case takes an Actor, answers
// `can(actor, permission)` the same way for both, and names the actor in its audit event through audit.ts.
import type { InviterKind } from '../db/schema.js';
import { SCOPE_GRANTS, type ApiScope } from '../domain/api-scopes.js';
import type { Permission } from '../domain/permissions.js';
import type { CurrentUser } from './principal.js';

/**
 * An API key acting for the space, like a service account. It holds only what the scope it acts under
 * grants (the endpoint's declared scope, which the key has), and it is never the owner: the owner's rules
 * (transfer, "you cannot delete yourself") do not open to a key.
 */
export interface ApiKeyActor {
  kind: 'api_key';
  /** The key's public id. */
  id: string;
  name: string;
  /** Every scope the key holds. */
  scopes: ReadonlySet<ApiScope>;
  /** What it may do in this request: the grants of the scope it acts under. */
  readonly permissions: ReadonlySet<Permission>;
  readonly isOwner: false;
}

export type Actor = CurrentUser | ApiKeyActor;

/**
 * The actor of a request made with a key, acting under `scope` (null: an endpoint any key may call, which
 * grants nothing). A scope the key does not hold grants nothing either: the check cannot be skipped by
 * building the actor first.
 */
export function keyActor(key: { id: string; name: string; scopes: ReadonlySet<ApiScope> }, scope: ApiScope | null): ApiKeyActor {
  const grants = scope !== null && key.scopes.has(scope) ? SCOPE_GRANTS[scope] : [];
  return { kind: 'api_key', id: key.id, name: key.name, scopes: key.scopes, permissions: new Set(grants), isOwner: false };
}

/** Who acted when nobody was signed in: the command line or the setup page. */
export interface Operator {
  kind: 'operator';
  label: string;
}

export const COMMAND_LINE: Operator = { kind: 'operator', label: 'command line' };
export const SETUP_PAGE: Operator = { kind: 'operator', label: 'setup page' };

/** The user behind an actor, for rules about oneself; null for a key, which is nobody's account. */
export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** How the audit log and the invitation email name a key. */
export const keyActorLabel = (key: { id: string; name: string }) => `API key “${key.name}” (${key.id})`;

/** The name an invitation email and the "Invited by" column give for who invited. */
export function actorName(actor: Actor): string {
  return actor.kind === 'user' ? actor.displayName : keyActorLabel(actor);
}

/** How the audit log names the actor: a user by email, a key by its name and id. */
export function actorLabel(actor: Actor): string {
  return actor.kind === 'user' ? actor.email : keyActorLabel(actor);
}

/** Who stands behind an invitation this actor makes: a member, a key, or the operator (see inviter-rights.ts). */
export function actorAsInviter(actor: Actor | Operator): { kind: InviterKind; userId: number | null; keyId: string | null; name: string } {
  if (actor.kind === 'operator') return { kind: 'operator', userId: null, keyId: null, name: actor.label };
  if (actor.kind === 'api_key') return { kind: 'api_key', userId: null, keyId: actor.id, name: keyActorLabel(actor) };
  return { kind: 'user', userId: actor.id, keyId: null, name: actor.displayName };
}
