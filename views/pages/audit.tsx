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

/** Where a target lives in the panels; an invitation is found on the Users tab by its address. */
export function targetHref(e: Pick<AuditEvent, 'targetType' | 'targetId' | 'targetLabel'>): string | null {
  if (e.targetId === null || !/^[0-9]+$/.test(e.targetId)) return null;
  switch (e.targetType) {
    case 'user':
      return `/users/${e.targetId}/edit`;
    case 'group':
      return `/groups/${e.targetId}/edit`;
    case 'code_env':
      return `/code-envs/${e.targetId}/edit`;
    case 'invitation':
      return e.targetLabel ? `/users?q=${encodeURIComponent(e.targetLabel)}` : null;
    default:
      return null;
  }
}

export interface AuditFilterValues {
  actions?: string[];
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
}

const hasFilter = (f: AuditFilterValues) => Boolean(f.actions?.length || f.actor || f.target || f.from || f.to);

const Target: FC<{ e: AuditEvent; historyHref: (target: string) => string }> = ({ e, historyHref }) => {
  if (e.targetLabel === null) return <></>;
  const href = targetHref(e);
  return (
    <>
      {href ? <a href={href}>{e.targetLabel}</a> : e.targetLabel}
      {e.targetType && e.targetId ? (
        <>
          {' '}
          <a class="muted small" href={historyHref(`${e.targetType}:${e.targetId}`)} title={`Every event about ${e.targetLabel}`}>
            history
          </a>
        </>
      ) : null}
    </>
  );
};

export const AuditPage: FC<{
  events: AuditEvent[];
  actions: readonly string[];
  filter: AuditFilterValues;
  actorError: string | null;
  /** Which of the members the actor matches the list shows, when it matches more than it reads. */
  actorNote: string | null;
  olderHref: string | null;
  newestHref: string | null;
  exportHref: (format: 'csv' | 'jsonl') => string;
  targetFilterHref: (target: string) => string;
}> = (p) => (
  <>
    <header class="page-head">
      <h1>Audit log</h1>
      <p class="muted">Every change made in the Launchpad, newest first.</p>
      <p>
        Download what the filters show: <a href={p.exportHref('csv')}>CSV</a> · <a href={p.exportHref('jsonl')}>JSON Lines</a>
      </p>
    </header>
    <form method="get" action="/audit" class="toolbar" role="search">
      <div class="field inline">
        <label for="f-action">Actions</label>
        <select id="f-action" name="action" multiple size={4} aria-describedby="f-action-hint">
          {p.actions.map((a) => (
            <option value={a} selected={p.filter.actions?.includes(a)}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
        <p id="f-action-hint" class="muted small">None chosen: all actions.</p>
      </div>
      <div class="field inline">
        <label for="f-actor">Actor</label>
        <input
          id="f-actor"
          name="actor"
          type="search"
          value={p.filter.actor ?? ''}
          placeholder="Part of a name or email"
          autocomplete="off"
          aria-invalid={p.actorError ? 'true' : undefined}
          aria-describedby={p.actorError ? 'f-actor-error' : p.actorNote ? 'f-actor-note' : undefined}
        />
        {p.actorError ? (
          <p id="f-actor-error" class="error">
            {p.actorError}
          </p>
        ) : null}
        {p.actorNote ? (
          <p id="f-actor-note" class="hint warn">
            {p.actorNote}
          </p>
        ) : null}
      </div>
      <div class="field inline">
        <label for="f-target">Target</label>
        <input id="f-target" name="target" type="search" value={p.filter.target ?? ''} placeholder="An address or a group's name" autocomplete="off" />
      </div>
      <div class="field inline">
        <label for="f-from">From</label>
        <input id="f-from" name="from" type="date" value={p.filter.from ?? ''} />
      </div>
      <div class="field inline">
        <label for="f-to">To</label>
        <input id="f-to" name="to" type="date" value={p.filter.to ?? ''} />
      </div>
      <button class="btn" type="submit">
        Filter
      </button>
      {hasFilter(p.filter) ? (
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
                <td>
                  <Target e={e} historyHref={p.targetFilterHref} />
                </td>
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
