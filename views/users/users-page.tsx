import type { Child, FC } from 'hono/jsx';
import { PROFILE_LABELS, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import type { GroupFilter, UserListQuery, UserListSort, UserRowModel } from '../../src/services/users-page.js';
import { Notice } from '../components/form.js';
import { SeatCards } from '../components/seats.js';
import { UserRow, type RowContext } from './row.js';
import { PanelTabs } from '../components/panel-tabs.js';
import { Pager } from '../components/pager.js';
import { DataTable } from '../components/table.js';
import { UsersFileLinks } from '../import/file-links.js';
import { BulkBar } from './bulk.js';

export interface UsersPageProps {
  rows: UserRowModel[];
  total: number;
  query: UserListQuery;
  groupFilter: GroupFilter;
  usage: Record<Profile, SeatUsage>;
  ctx: RowContext;
  notice?: string | null;
  /** Builds the list's URL with some parameters changed. */
  href: (changes: Record<string, string | undefined>) => string;
}

/** A header that sorts: it says so (the ⇅ mark and its title) and shows the current order (▲ / ▼). */
const SortHeader: FC<{ label: string; sort: UserListSort; p: UsersPageProps; lead?: Child }> = ({ label, sort, p, lead }) => {
  const current = p.query.sort === sort;
  const nextDir = current && p.query.dir === 'asc' ? 'desc' : 'asc';
  const order = current ? (p.query.dir === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={order}>
      {lead}
      <a href={p.href({ sort, dir: nextDir, page: undefined })} class={current ? 'sort-link sorted' : 'sort-link'} title={`Sort by ${label.toLowerCase()}, ${nextDir === 'asc' ? 'ascending' : 'descending'}`}>
        {label}
        <span class="sort-mark" aria-hidden="true">
          {current ? (p.query.dir === 'asc' ? '▲' : '▼') : '⇅'}
        </span>
      </a>
    </th>
  );
};

export const SeatsSection: FC<{ usage: Record<Profile, SeatUsage> }> = ({ usage }) => (
  <section id="seats" class="seats-section" aria-label="Seats">
    <SeatCards usage={usage} />
  </section>
);

/** Where a row action's notice shows: the page fills it, and htmx row actions replace it out of band. */
export const UsersNotice: FC<{ message?: string | null }> = ({ message }) => (
  <div id="users-notice">
    <Notice message={message} />
  </div>
);

/** The list's count and pages; htmx row actions that change the count replace it out of band. */
export const UsersPager: FC<{ query: UserListQuery; total: number; href: UsersPageProps['href'] }> = (p) => (
  <div id="users-pager">
    <Pager id="users-count" page={p.query.page} pageSize={p.query.pageSize} total={p.total} href={(page) => p.href({ page: String(page) })} />
  </div>
);

/** The group filter: a field that takes a group's name (suggestions come with htmx), not a list of every group. */
const GroupField: FC<{ filter: GroupFilter; href: UsersPageProps['href'] }> = ({ filter, href }) => (
  <div class="field">
    <label for="f-group">Group</label>
    <input
      id="f-group"
      type="search"
      name="group_name"
      value={filter?.text ?? ''}
      placeholder="Any group"
      list="group-options"
      autocomplete="off"
      hx-get="/users/group-options"
      hx-trigger="input changed delay:250ms"
      hx-target="#group-options"
      hx-swap="innerHTML"
      aria-describedby={filter && !filter.group ? 'f-group-hint' : undefined}
    />
    <datalist id="group-options"></datalist>
    {filter && !filter.group ? (
      <p class="hint" id="f-group-hint" role="status">
        {filter.suggestions.length ? 'No group has exactly that name. Pick one: ' : `No group's name contains “${filter.text}”.`}
        {filter.suggestions.slice(0, 8).map((g) => (
          <a class="chip" href={href({ group: String(g.id), group_name: undefined, page: undefined })}>
            {g.name}
          </a>
        ))}
      </p>
    ) : null}
  </div>
);

export const UsersPage: FC<UsersPageProps> = (p) => {
  const q = p.query;
  const filtered = Boolean(q.search || q.profile || q.status || p.groupFilter);
  return (
    <>
      <header class="page-head">
        <div>
          <h1>Users, Profiles & Groups</h1>
          <p class="muted">Invite people, choose their profile and manage what their groups allow.</p>
        </div>
        <a class="btn btn-primary" href="/users/invite" hx-get="/users/invite" hx-target="#modal-root" hx-swap="innerHTML">
          Invite a User
        </a>
        <UsersFileLinks usersHref={p.href} />
      </header>
      <PanelTabs active="users" />
      <UsersNotice message={p.notice} />
      <SeatsSection usage={p.usage} />
      <form method="get" action="/users" class="toolbar" role="search">
        <div class="field">
          <label for="f-q">Search</label>
          <input id="f-q" type="search" name="q" value={q.search ?? ''} placeholder="Name or email" />
        </div>
        <div class="field">
          <label for="f-profile">Profile</label>
          <select id="f-profile" name="profile">
            <option value="">All profiles</option>
            {PROFILES.map((pr) => (
              <option value={pr} selected={q.profile === pr}>
                {PROFILE_LABELS[pr]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-status">Status</label>
          <select id="f-status" name="status">
            <option value="">All</option>
            <option value="active" selected={q.status === 'active'}>
              Active
            </option>
            <option value="deactivated" selected={q.status === 'deactivated'}>
              Deactivated
            </option>
            <option value="invited" selected={q.status === 'invited'}>
              Invited
            </option>
            <option value="expired" selected={q.status === 'expired'}>
              Expired
            </option>
          </select>
        </div>
        <GroupField filter={p.groupFilter} href={p.href} />
        <input type="hidden" name="sort" value={q.sort} />
        <input type="hidden" name="dir" value={q.dir} />
        <button class="btn" type="submit">
          Apply
        </button>
        {filtered ? (
          <a class="btn btn-ghost" href="/users">
            Clear
          </a>
        ) : null}
      </form>
      {/* The bulk actions' form holds the table: ticked rows post with the chosen action (no JavaScript needed). */}
      <form id="bulk" method="post" action="/users/bulk" hx-post="/users/bulk" hx-target="#modal-root" hx-swap="innerHTML">
      <BulkBar total={p.total} filtered={filtered} back={p.ctx.back} filter={{ search: q.search, profile: q.profile, status: q.status, groupId: q.groupId }} />
      <DataTable
        columns={[
          <SortHeader label="Name" sort="name" p={p} lead={p.rows.length ? <input type="checkbox" name="onpage" value="1" aria-label="Select all on this page" /> : null} />,
          <SortHeader label="Email" sort="email" p={p} />,
          <SortHeader label="Profile" sort="profile" p={p} />,
          'Groups',
          'Status',
          <SortHeader label="Last sign-in" sort="last_login" p={p} />,
        ]}
        describedBy="users-count"
        bodyId="user-rows"
        class="user-table"
        empty={filtered ? 'Nobody matches these filters.' : 'Nobody here yet. Invite your first users.'}
        rows={p.rows.map((m) => <UserRow row={m.row} groups={m.groups} ctx={p.ctx} />)}
      />
      </form>
      <UsersPager query={q} total={p.total} href={p.href} />
    </>
  );
};
