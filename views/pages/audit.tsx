import type { FC } from 'hono/jsx';
import { auditActionLabel as actionLabel } from '../../src/domain/audit.js';
import { isPermission, PERMISSION_LABELS, type Permission } from '../../src/domain/permissions.js';
import { PROFILE_LABELS } from '../../src/domain/profiles.js';
import type { AuditEvent } from '../../src/services/audit-log.js';
import { formatTime, plural } from '../components/format.js';

const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(', ') : String(v));
const permissions = (v: unknown) =>
  Array.isArray(v) && v.length ? v.map((p) => (isPermission(String(p)) ? PERMISSION_LABELS[String(p) as Permission] : String(p))).join(', ') : 'none';
/** "designer → reader" reads "Designer → Reader". */
const profiles = (v: unknown) => String(v).replace(/\b(designer|explorer|reader)\b/g, (p) => PROFILE_LABELS[p as keyof typeof PROFILE_LABELS]);

/** How each detail an event records reads in the log; anything else shows as "key: value". */
const DETAIL_TEXT: Record<string, (v: unknown) => string | null> = {
  profile: (v) => `Profile ${profiles(v)}`,
  groups: (v) => (typeof v === 'number' ? (v === 0 ? 'no group' : plural(v, 'group')) : `groups ${list(v)}`),
  invitedBy: (v) => `invited by ${v}`,
  endedSessions: (v) => (Number(v) > 0 ? `${plural(Number(v), 'session')} ended` : null),
  wasExpired: (v) => (v ? 'it had expired' : null),
  owner: (v) => `owner ${v}`,
  from: (v) => `from ${v}`,
  to: (v) => `to ${v}`,
  name: (v) => `name ${v}`,
  renamed: (v) => `renamed ${v}`,
  joined: (v) => `joined ${list(v)}`,
  left: (v) => `left ${list(v)}`,
  group: (v) => `group ${v}`,
  groupKept: (v) => `group ${v} kept`,
  designersAdded: (v) => `${plural(Number(v), 'designer')} added`,
  members: (v) => plural(Number(v), 'member'),
  user: (v) => String(v),
  permissions: (v) => `permissions: ${permissions(v)}`,
  granted: (v) => `granted ${permissions(v)}`,
  withdrawn: (v) => `withdrawn ${permissions(v)}`,
  language: (v) => String(v),
  packages: (v) => plural(Number(v), 'package'),
  added: (v) => `added ${list(v)}`,
  removed: (v) => `removed ${list(v)}`,
  requirements: (v) => `requirements ${v}`,
  description: (v) => `description ${v}`,
  failures: (v) => plural(Number(v), 'failed attempt'),
  address: (v) => `from client address ${v}`,
};

export function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => {
      const text = DETAIL_TEXT[k];
      if (text) return text(v);
      return `${k}: ${typeof v === 'object' && v !== null && !Array.isArray(v) ? JSON.stringify(v) : list(v)}`;
    })
    .filter((t): t is string => t !== null && t !== '')
    .join(' · ');
}

export const AuditPage: FC<{
  events: AuditEvent[];
  actions: readonly string[];
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
