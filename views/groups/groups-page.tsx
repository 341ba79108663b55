import type { FC } from 'hono/jsx';
import type { GroupSummary } from '../../src/services/groups-page.js';
import { expandPermissions, PERMISSION_LABELS, isPermission, LAUNCHPAD_PERMISSIONS } from '../../src/domain/permissions.js';
import { Notice } from '../components/form.js';
import { Pager } from '../components/pager.js';
import { DataTable } from '../components/table.js';
import { PanelTabs } from '../components/panel-tabs.js';

const ORIGIN_LABELS = { space: 'Created with the space', extension: 'Created by an extension', admin: 'Created by an admin' } as const;

export const PermissionBadges: FC<{ permissions: string[] }> = ({ permissions }) => {
  const granted = permissions.filter(isPermission);
  if (granted.length === 0) return <span class="muted">None</span>;
  const launchpad = granted.filter((p) => (LAUNCHPAD_PERMISSIONS as readonly string[]).includes(p));
  const instance = granted.filter((p) => !(LAUNCHPAD_PERMISSIONS as readonly string[]).includes(p));
  const shown = [...launchpad, ...instance].slice(0, 4);
  // The rest, given or implied (Space Admin implies Manage code envs): a disclosure, so it opens without JS too.
  const rest = [...expandPermissions(granted)].filter((p) => !shown.includes(p));
  return (
    <>
      {shown.map((p) => (
        <span class={p === 'space_admin' ? 'badge badge-admin' : 'badge'}>{PERMISSION_LABELS[p]}</span>
      ))}
      {rest.length > 0 ? (
        <details class="more-permissions small">
          <summary>+{rest.length} more</summary>
          <ul>
            {rest.map((p) => (
              <li>
                {PERMISSION_LABELS[p]}
                {granted.includes(p) ? null : <span class="muted"> (implied)</span>}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
};

const GroupRow: FC<{ g: GroupSummary }> = ({ g }) => (
  <tr id={`group-${g.id}`}>
    <td>
      <strong>{g.name}</strong>
    </td>
    <td class="small">{g.description || <span class="muted">—</span>}</td>
    <td>{g.memberCount}</td>
    <td>
      <PermissionBadges permissions={g.permissions} />
    </td>
    <td class="small muted">{ORIGIN_LABELS[g.origin]}</td>
    <td class="actions">
      {/* Its menu is fetched when opened (app.js asks htmx), or shown as a page of its own without JavaScript. */}
      <a href={`/groups/${g.id}/actions`} aria-label={`Actions for ${g.name}`}>
        …
      </a>
    </td>
  </tr>
);

export const GroupsPage: FC<{
  groups: GroupSummary[];
  total: number;
  page: number;
  pageSize: number;
  search: string;
  notice?: string | null;
}> = ({ groups, total, page, pageSize, search, notice }) => (
  <>
    <header class="page-head">
      <div>
        <h1>Users, Profiles & Groups</h1>
        <p class="muted">Groups bundle permissions; a user has the permissions of all their groups.</p>
      </div>
      <a class="btn btn-primary" href="/groups/new" hx-get="/groups/new" hx-target="#modal-root" hx-swap="innerHTML">
        Create group
      </a>
    </header>
    <PanelTabs active="groups" />
    <Notice message={notice} />
    <form method="get" action="/groups" class="toolbar" role="search">
      <div class="field inline">
        <label for="f-group-q">Search groups</label>
        <input id="f-group-q" type="search" name="q" value={search} placeholder="Name" />
      </div>
      <button class="btn" type="submit">
        Search
      </button>
      {search ? (
        <a class="btn btn-ghost" href="/groups">
          Clear
        </a>
      ) : null}
    </form>
    <DataTable
      columns={['Name', 'Description', 'Members', 'Permissions', 'Origin']}
      describedBy="groups-count"
      empty={search ? `No group name contains “${search}”.` : 'No groups yet.'}
      bodyId="group-rows"
      rows={groups.map((g) => <GroupRow g={g} />)}
    />
    <Pager
      id="groups-count"
      page={page}
      pageSize={pageSize}
      total={total}
      none="No groups"
      href={(n) => `/groups?${new URLSearchParams(search ? { q: search, page: String(n) } : { page: String(n) })}`}
    />
  </>
);
