// Who asks a use case to act. Today a signed-in user (kind 'user'); an API key will join this union with
// its own kind, so every use case takes an Actor rather than a user.
import type { CurrentUser } from './principal.js';

export type Actor = CurrentUser;

/** Who acted when nobody was signed in: the command line or the setup page. */
export interface Operator {
  kind: 'operator';
  label: string;
}

export const COMMAND_LINE: Operator = { kind: 'operator', label: 'command line' };
export const SETUP_PAGE: Operator = { kind: 'operator', label: 'setup page' };

/** The user behind an actor, for rules about oneself (you cannot delete yourself, only the owner transfers). */
export function actorUserId(actor: Actor): number {
  return actor.id;
}

/** The name an invitation email gives for who invited. */
export function actorName(actor: Actor): string {
  return actor.displayName;
}
