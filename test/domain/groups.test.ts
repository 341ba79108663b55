// Group rules, the permissions one permission implies, and the groups the extensions bring. Pure.
import { describe, expect, it } from 'vitest';
import { EXTENSION_KEYS, EXTENSIONS, isExtensionKey } from '../../src/domain/extensions.js';
import { groupNameProblem } from '../../src/domain/groups.js';
import { expandPermissions, impliedBy, INSTANCE_PERMISSIONS, PERMISSION_LABELS, PERMISSIONS } from '../../src/domain/permissions.js';

const CHARACTERS = 'Use letters, digits, spaces and punctuation, without ";", tabs or line breaks.';
const EDGES = 'Remove the spaces at the start and the end.';

describe('groupNameProblem', () => {
  it.each([
    'a',
    'Analysts',
    'data-scientists',
    'team_42',
    'v1.2',
    '9lives',
    'x'.repeat(200),
    'space_administrators',
    // As identity providers send them (issue 15): spaces, capitals, punctuation, other scripts.
    'Test SCIMv2',
    'two words',
    'Sales & Marketing (EMEA)',
    '-dash-first',
    'a/b',
    '<script>',
    'équipe',
    'code-studios-designers',
  ])('accepts %j', (name) => {
    expect(groupNameProblem(name)).toBeNull();
  });

  it.each([
    { name: '', message: 'Enter a name.' },
    { name: 'x'.repeat(201), message: 'Use at most 200 characters.' },
    { name: ' leading', message: EDGES },
    { name: 'trailing ', message: EDGES },
    { name: 'semi;colon', message: CHARACTERS },
    { name: 'tab\there', message: CHARACTERS },
    { name: 'new\nline', message: CHARACTERS },
    { name: 'bidi\u202eoverride', message: CHARACTERS },
  ])('refuses $name with "$message"', ({ name, message }) => {
    expect(groupNameProblem(name)).toBe(message);
  });
});

describe('implied permissions', () => {
  const others = INSTANCE_PERMISSIONS.filter((p) => p !== 'instance_admin');

  it.each([
    { granted: 'space_admin', implies: ['manage_code_envs'] },
    { granted: 'instance_admin', implies: others },
    { granted: 'manage_all_code_envs', implies: ['create_code_envs'] },
    { granted: 'manage_all_clusters', implies: ['create_clusters'] },
    { granted: 'manage_code_envs', implies: [] },
    { granted: 'create_code_envs', implies: [] },
    { granted: 'create_clusters', implies: [] },
    { granted: 'create_published_api_services', implies: [] },
  ] as const)('$granted implies $implies', ({ granted, implies }) => {
    expect([...impliedBy(granted)].sort()).toEqual([...implies].sort());
  });

  it('Administrator implies every instance permission, and no Launchpad permission', () => {
    const effective = expandPermissions(['instance_admin']);
    expect([...effective].sort()).toEqual([...INSTANCE_PERMISSIONS].sort());
    expect(effective.has('space_admin')).toBe(false);
    expect(effective.has('manage_code_envs')).toBe(false);
  });

  it.each([
    { granted: [], effective: [] },
    { granted: ['space_admin'], effective: ['space_admin', 'manage_code_envs'] },
    { granted: ['manage_code_envs'], effective: ['manage_code_envs'] },
    { granted: ['manage_all_code_envs', 'manage_all_clusters'], effective: ['create_code_envs', 'manage_all_code_envs', 'create_clusters', 'manage_all_clusters'] },
    { granted: ['create_code_envs', 'manage_all_code_envs'], effective: ['create_code_envs', 'manage_all_code_envs'] },
    { granted: ['no_such_permission', 'develop_plugins'], effective: ['develop_plugins'] },
  ])('$granted gives $effective', ({ granted, effective }) => {
    expect([...expandPermissions(granted)].sort()).toEqual([...effective].sort());
  });

  it('one expansion is complete: expanding again adds nothing, for every permission', () => {
    for (const p of PERMISSIONS) {
      const once = expandPermissions([p]);
      expect([...expandPermissions(once)].sort(), p).toEqual([...once].sort());
    }
  });

  it("every permission has the reference document's label", () => {
    expect(PERMISSIONS.map((p) => PERMISSION_LABELS[p])).toEqual([
      'Space Admin',
      'Manage code envs',
      'Administrator',
      'Create projects',
      'Create projects using macros',
      'Create projects using templates',
      'Write in root project folder',
      'Create workspaces',
      'Share to workspaces',
      'Write isolated code',
      'Write unisolated code',
      'Create active Web content',
      'Create code envs',
      'Manage all code envs',
      'Create clusters',
      'Manage all clusters',
      'Develop plugins',
      'Edit lib folders',
      'Create published API services',
      'Create published projects',
      'Manage user-defined meanings',
    ]);
  });
});

describe('extensions', () => {
  it.each([
    { key: 'code_studios', name: 'Code Studios', group: 'code-studios-designers', permissions: [] },
    { key: 'api_deployer', name: 'API Deployer', group: 'deployer', permissions: ['create_published_api_services'] },
    { key: 'automation_node', name: 'Automation node', group: 'project-deployer', permissions: ['create_published_projects'] },
  ] as const)('$name brings the group $group with $permissions', ({ key, name, group, permissions }) => {
    const def = EXTENSIONS[key];
    expect(def).toMatchObject({ key, name, group });
    expect([...def.permissions]).toEqual(permissions);
    expect(groupNameProblem(def.group), 'the group name is a valid group name').toBeNull();
  });

  it('there are exactly three', () => {
    expect([...EXTENSION_KEYS]).toEqual(['code_studios', 'api_deployer', 'automation_node']);
  });

  it.each([
    { value: 'code_studios', expected: true },
    { value: 'api_deployer', expected: true },
    { value: 'automation_node', expected: true },
    { value: 'Code Studios', expected: false },
    { value: 'geo', expected: false },
    { value: '', expected: false },
    { value: undefined, expected: false },
  ])('isExtensionKey($value) is $expected', ({ value, expected }) => {
    expect(isExtensionKey(value)).toBe(expected);
  });
});
