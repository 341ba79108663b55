import type { FC } from 'hono/jsx';
import { PROFILE_LABELS, PROFILES, type Profile, type SeatUsage } from '../../src/domain/profiles.js';
import type { GroupRef, UserListQuery, UserListSort, UserRowModel } from '../../src/services/users-page.js';
import { Notice } from '../components/form.js';
import { SeatCards } from '../components/seats.js';
import { UserRow, type RowContext } from './row.js';
import { PanelTabs } from '../components/panel-tabs.js';
import { Pager } from '../components/pager.js';
import { DataTable } from '../components/table.js';

export interface UsersPageProps {
  rows: UserRowModel[];
  total: number;
  query: UserListQuery;
  groups: GroupRef[];
  usage: Record<Profile, SeatUsage>;
  ctx: RowContext;
  notice?: string | null;
  /** Builds the list's URL with some parameters changed. */
  href: (changes: Record<string, string | undefined>) => string;
}

const SortHeader: FC<{ label: string; sort: UserListSort; p: UsersPageProps }> = ({ label, sort, p }) => {
  const current = p.query.sort === sort;
  const nextDir = current && p.query.dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={current ? (p.query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a href={p.href({ sort, dir: nextDir, page: undefined })} class="sort-link">
        {label}
        {current ? <span aria-hidden="true">{p.query.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </a>
    </th>
  );
};

export const SeatsSection: FC<{ usage: Record<Profile, SeatUsage> }> = ({ usage }) => (
  <section id="seats" class="seats-section" aria-label="Seats">
    <SeatCards usage={usage} />
  </section>
);

export const UsersPage: FC<UsersPageProps> = (p) => {
  const q = p.query;
  const filtered = Boolean(q.search || q.profile || q.status || q.groupId);
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
      </header>
      <PanelTabs active="users" />
      <Notice message={p.notice} />
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
        <div class="field">
          <label for="f-group">Group</label>
          <select id="f-group" name="group">
            <option value="">All groups</option>
            {p.groups.map((g) => (
              <option value={String(g.id)} selected={q.groupId === g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
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
      <DataTable
        columns={[
          <SortHeader label="Name" sort="name" p={p} />,
          <SortHeader label="Email" sort="email" p={p} />,
          <SortHeader label="Profile" sort="profile" p={p} />,
          'Groups',
          'Status',
          <SortHeader label="Last sign-in" sort="last_login" p={p} />,
        ]}
        describedBy="users-count"
        bodyId="user-rows"
        empty={filtered ? 'Nobody matches these filters.' : 'Nobody here yet. Invite your first users.'}
        rows={p.rows.map((m) => <UserRow row={m.row} groups={m.groups} ctx={p.ctx} />)}
      />
      <Pager id="users-count" page={q.page} pageSize={q.pageSize} total={p.total} href={(page) => p.href({ page: String(page) })} />
    </>
  );
};
