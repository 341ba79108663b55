// The space's named rules. Pure.

/** The group created with the space: it holds Space Admin, and the owner is always a member. */
export const SPACE_ADMINISTRATORS = 'space_administrators';
export const SPACE_ADMINISTRATORS_DESCRIPTION = 'Administrators of the space: every panel and right in the Launchpad.';

/** The name shown when a space has none yet (before setup). */
export const DEFAULT_SPACE_NAME = 'Launchpad';

/** Whether this user owns the space. A missing space has no owner. */
export function isOwner(space: { ownerId: number } | null | undefined, userId: number): boolean {
  return space != null && space.ownerId === userId;
}

/** Whether this group is the space's administrators' group (names compare without case). */
export function isSpaceAdministrators(group: { name: string }): boolean {
  return group.name.toLowerCase() === SPACE_ADMINISTRATORS;
}
