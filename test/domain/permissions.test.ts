import { describe, expect, it } from 'vitest';
import { can, expandPermissions, type Principal } from '../../src/domain/permissions.js';

const user = (granted: string[]): Principal => ({ isOwner: false, permissions: expandPermissions(granted) });

describe('can(user, permission)', () => {
  it.each([
    { granted: [], permission: 'space_admin', expected: false },
    { granted: [], permission: 'manage_code_envs', expected: false },
    { granted: ['manage_code_envs'], permission: 'manage_code_envs', expected: true },
    { granted: ['manage_code_envs'], permission: 'space_admin', expected: false },
    { granted: ['space_admin'], permission: 'manage_code_envs', expected: true },
    { granted: ['space_admin'], permission: 'space_admin', expected: true },
    { granted: ['instance_admin'], permission: 'develop_plugins', expected: true },
    { granted: ['instance_admin'], permission: 'space_admin', expected: false },
    { granted: ['manage_all_code_envs'], permission: 'create_code_envs', expected: true },
    { granted: ['manage_all_clusters'], permission: 'create_clusters', expected: true },
    { granted: ['create_clusters'], permission: 'manage_all_clusters', expected: false },
    { granted: ['not_a_permission'], permission: 'space_admin', expected: false },
  ] as const)('$granted grants $permission: $expected', ({ granted, permission, expected }) => {
    expect(can(user([...granted]), permission)).toBe(expected);
  });

  it('denies when there is no user', () => {
    expect(can(null, 'manage_code_envs')).toBe(false);
    expect(can(undefined, 'space_admin')).toBe(false);
  });
});
