// The audit trail's vocabulary: every action a use case records, with how it reads. Pure.

export const AUDIT_ACTION_LABELS = {
  'space.created': 'Space created',
  'session.signed_in': 'Signed in',
  'session.signed_out': 'Signed out',
  'session.sign_in_failed': 'Sign-in failed',
  'session.ended': 'Session ended',
  'user.signed_out_everywhere': 'Signed out everywhere',
  'password.reset_sent': 'Password reset email sent',
  'sso.signed_in': 'Signed in with single sign-on',
  'sso.refused': 'Single sign-on refused',
  'password.reset_requested': 'Password reset requested',
  'password.reset_link_created': 'Password reset link created',
  'password.reset': 'Password reset',
  'password.changed': 'Password changed',
  'user.renamed': 'Display name changed',
  'user.updated': 'User edited',
  'user.deleted': 'User deleted',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.provisioned': 'User provisioned',
  'space.ownership_transferred': 'Ownership transferred',
  'invitation.created': 'Invitation sent',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
  'invitation.updated': 'Invitation edited',
  'invitation.accepted': 'Invitation accepted',
  'invitation.link_copied': 'Invite link copied',
  'group.created': 'Group created',
  'group.updated': 'Group edited',
  'group.deleted': 'Group deleted',
  'group.member_added': 'Group member added',
  'group.member_removed': 'Group member removed',
  'extension.activated': 'Extension activated',
  'extension.deactivated': 'Extension deactivated',
  'code_env.created': 'Code env created',
  'code_env.updated': 'Code env edited',
  'code_env.deleted': 'Code env deleted',
  'api_key.created': 'API key created',
  'api_key.revoked': 'API key revoked',
  'instance.created': 'Instance registered',
  'instance.secret_rotated': 'Instance secret rotated',
  'instance.disabled': 'Instance disabled',
  'instance.enabled': 'Instance enabled',
  'instance.deleted': 'Instance deleted',
  'oidc.signing_key_rotated': 'Signing key rotated',
  'users.exported': 'Users exported',
  'audit.exported': 'Audit log exported',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

/** An action's label; an action recorded by an older version reads as itself. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
}

export type AuditTargetType = 'user' | 'invitation' | 'group' | 'space' | 'extension' | 'code_env' | 'instance';
