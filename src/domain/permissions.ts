// Permissions are named strings; groups bundle them; one `can()` answers every question. Pure.

export const LAUNCHPAD_PERMISSIONS = ['space_admin', 'manage_code_envs'] as const;
export type LaunchpadPermission = (typeof LAUNCHPAD_PERMISSIONS)[number];

export const INSTANCE_PERMISSIONS = [
  'instance_admin',
  'create_projects',
  'create_projects_using_macros',
  'create_projects_using_templates',
  'write_root_project_folder',
  'create_workspaces',
  'share_to_workspaces',
  'write_isolated_code',
  'write_unisolated_code',
  'create_active_web_content',
  'create_code_envs',
  'manage_all_code_envs',
  'create_clusters',
  'manage_all_clusters',
  'develop_plugins',
  'edit_lib_folders',
  'create_published_api_services',
  'create_published_projects',
  'manage_user_defined_meanings',
] as const;
export type InstancePermission = (typeof INSTANCE_PERMISSIONS)[number];

export type Permission = LaunchpadPermission | InstancePermission;
export const PERMISSIONS: readonly Permission[] = [...LAUNCHPAD_PERMISSIONS, ...INSTANCE_PERMISSIONS];

export const PERMISSION_LABELS: Record<Permission, string> = {
  space_admin: 'Space Admin',
  manage_code_envs: 'Manage code envs',
  instance_admin: 'Administrator',
  create_projects: 'Create projects',
  create_projects_using_macros: 'Create projects using macros',
  create_projects_using_templates: 'Create projects using templates',
  write_root_project_folder: 'Write in root project folder',
  create_workspaces: 'Create workspaces',
  share_to_workspaces: 'Share to workspaces',
  write_isolated_code: 'Write isolated code',
  write_unisolated_code: 'Write unisolated code',
  create_active_web_content: 'Create active Web content',
  create_code_envs: 'Create code envs',
  manage_all_code_envs: 'Manage all code envs',
  create_clusters: 'Create clusters',
  manage_all_clusters: 'Manage all clusters',
  develop_plugins: 'Develop plugins',
  edit_lib_folders: 'Edit lib folders',
  create_published_api_services: 'Create published API services',
  create_published_projects: 'Create published projects',
  manage_user_defined_meanings: 'Manage user-defined meanings',
};

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/** What holding one permission also grants. */
const IMPLIES: Partial<Record<Permission, readonly Permission[]>> = {
  space_admin: ['manage_code_envs'],
  instance_admin: INSTANCE_PERMISSIONS.filter((p) => p !== 'instance_admin'),
  manage_all_code_envs: ['create_code_envs'],
  manage_all_clusters: ['create_clusters'],
};

export function impliedBy(permission: Permission): readonly Permission[] {
  return IMPLIES[permission] ?? [];
}

/** The granted permissions plus everything they imply. */
export function expandPermissions(granted: Iterable<string>): Set<Permission> {
  const out = new Set<Permission>();
  for (const p of granted) {
    if (!isPermission(p)) continue; // an unknown name in the database grants nothing
    out.add(p);
    for (const q of impliedBy(p)) out.add(q);
  }
  return out;
}

/** Whoever asks: a signed-in user, or an API key (which holds only what its scope grants). */
export interface Principal {
  /** Effective permissions: the union of the user's groups', implications included. */
  readonly permissions: ReadonlySet<Permission>;
  readonly isOwner: boolean;
}

/** Deny by default: no user, or a permission nobody granted, is a no. */
export function can(user: Principal | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  return user.permissions.has(permission);
}
