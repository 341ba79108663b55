import type { FC } from 'hono/jsx';
import type { AuditEvent } from '../../src/db/queries/audit.js';

export const ACTION_LABELS: Record<string, string> = {
  'space.created': 'Space created',
  'session.signed_in': 'Signed in',
  'session.signed_out': 'Signed out',
  'password.reset_requested': 'Password reset requested',
  'password.reset_link_created': 'Password reset link created',
  'password.reset': 'Password reset',
  'password.changed': 'Password changed',
  'user.renamed': 'Display name changed',
  'user.updated': 'User edited',
  'user.deleted': 'User deleted',
  'space.ownership_transferred': 'Ownership transferred',
  'invitation.created': 'Invitation sent',
  'invitation.resent': 'Invitation resent',
  'invitation.revoked': 'Invitation revoked',
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
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

export const AuditPage: FC<{
  events: AuditEvent[];
  actions: string[];
  filter: { action?: string; actor?: string };
  actorError: string | null;
  olderHref: string | null;
  newestHref: string | null;
}> = (p) => (
  <>
    <header class="page-head">
      <h1>Audit log</h1>
      <p class="muted">Every change made in the Launchpad, newest first.</p>
    </header>
    <form method="get" action="/audit" class="toolbar" role="search">
      <div class="field inline">
        <label for="f-action">Action</label>
        <select id="f-action" name="action">
          <option value="">All actions</option>
          {p.actions.map((a) => (
            <option value={a} selected={p.filter.action === a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div class="field inline">
        <label for="f-actor">Actor's email</label>
        <input
          id="f-actor"
          name="actor"
          type="search"
          value={p.filter.actor ?? ''}
          placeholder="Everyone"
          autocomplete="off"
          aria-invalid={p.actorError ? 'true' : undefined}
          aria-describedby={p.actorError ? 'f-actor-error' : undefined}
        />
        {p.actorError ? (
          <p id="f-actor-error" class="error">
            {p.actorError}
          </p>
        ) : null}
      </div>
      <button class="btn" type="submit">
        Filter
      </button>
      {p.filter.action || p.filter.actor ? (
        <a class="btn btn-ghost" href="/audit">
          Clear
        </a>
      ) : null}
    </form>
    <div class="card flush">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            <th scope="col">Target</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {p.events.length === 0 ? (
            <tr>
              <td colspan={5} class="empty">
                No events match.
              </td>
            </tr>
          ) : (
            p.events.map((e) => (
              <tr>
                <td class="nowrap">
                  <time datetime={new Date(e.at).toISOString()}>{formatTime(e.at)}</time>
                </td>
                <td>{e.actorLabel}</td>
                <td>
                  <span class="badge">{actionLabel(e.action)}</span>
                </td>
                <td>{e.targetLabel ?? ''}</td>
                <td class="muted small">{describeDetails(e.details)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
    <nav class="pager" aria-label="Pages">
      {p.newestHref ? <a href={p.newestHref}>« Newest</a> : <span />}
      {p.olderHref ? <a href={p.olderHref}>Older »</a> : null}
    </nav>
  </>
);
