import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from '../../src/domain/audit.js';
import { isOwner, isSpaceAdministrators, SPACE_ADMINISTRATORS } from '../../src/domain/space.js';

describe('isOwner', () => {
  it.each([
    { space: { ownerId: 7 }, userId: 7, owner: true },
    { space: { ownerId: 7 }, userId: 8, owner: false },
    { space: null, userId: 7, owner: false },
  ])('space $space, user $userId: $owner', ({ space, userId, owner }) => expect(isOwner(space, userId)).toBe(owner));
});

describe('the administrators group', () => {
  it('is known by its name, whatever the case', () => {
    expect(isSpaceAdministrators({ name: SPACE_ADMINISTRATORS })).toBe(true);
    expect(isSpaceAdministrators({ name: 'Space_Administrators' })).toBe(true);
    expect(isSpaceAdministrators({ name: 'analysts' })).toBe(false);
  });
});

describe('audit actions', () => {
  it('each has a label; an unknown action reads as itself', () => {
    for (const action of AUDIT_ACTIONS) expect(auditActionLabel(action)).not.toBe(action);
    expect(isAuditAction('user.deleted')).toBe(true);
    expect(auditActionLabel('something.old')).toBe('something.old');
  });
});
