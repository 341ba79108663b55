import type { FC } from 'hono/jsx';
import type { GroupMember, GroupSummary } from '../../src/services/groups-page.js';
import { FormError, Notice } from '../components/form.js';
import { Pager } from '../components/pager.js';
import { DataTable } from '../components/table.js';
import { PROFILE_LABELS } from '../../src/domain/profiles.js';

export const MemberRow: FC<{ groupId: number; m: GroupMember; locked: boolean }> = ({ groupId, m, locked }) => (
  <tr id={`member-${m.id}`}>
    <td>
      <strong>{m.displayName}</strong>
    </td>
    <td>{m.email}</td>
    <td>
      <span class={`badge badge-${m.profile}`}>{PROFILE_LABELS[m.profile]}</span>
    </td>
    <td class="actions">
      {locked ? (
        <span class="muted small">Space owner</span>
      ) : (
        <form method="post" action={`/groups/${groupId}/members/${m.id}/remove`} hx-post={`/groups/${groupId}/members/${m.id}/remove`} hx-target="closest tr" hx-swap="outerHTML">
          <button class="btn btn-small" type="submit" aria-label={`Remove ${m.displayName} from the group`}>
            Remove
          </button>
        </form>
      )}
    </td>
  </tr>
);

export const CandidateRow: FC<{ groupId: number; m: GroupMember; search: string; inDialog?: boolean }> = ({ groupId, m, search, inDialog }) => (
  <li class="candidate">
    <span>
      <strong>{m.displayName}</strong> <span class="muted">{m.email}</span>
    </span>
    <form
      method="post"
      action={`/groups/${groupId}/members`}
      {...(inDialog ? { 'hx-post': `/groups/${groupId}/members`, 'hx-target': '#members-panel', 'hx-swap': 'outerHTML' } : {})}
    >
      <input type="hidden" name="userId" value={String(m.id)} />
      <input type="hidden" name="q" value={search} />
      <button class="btn btn-small" type="submit" aria-label={`Add ${m.displayName} to the group`}>
        Add
      </button>
    </form>
  </li>
);

export interface MembersModel {
  group: GroupSummary;
  members: GroupMember[];
  total: number;
  page: number;
  pageSize: number;
  ownerId: number;
  isAdmins: boolean;
  search: string;
  candidates: GroupMember[] | null;
  notice?: string | null;
  error?: string | null;
}

/**
 * The members and the search to add more: the body of the Members page, and of the Members dialog. In the
 * dialog (`inDialog`) the search and the Add buttons swap this panel in place with htmx; the same forms
 * work as plain GET and POST without JavaScript.
 */
export const MembersPanel: FC<MembersModel & { inDialog?: boolean }> = (p) => {
  const swap = p.inDialog ? { 'hx-target': '#members-panel', 'hx-swap': 'outerHTML' } : {};
  const base = `/groups/${p.group.id}/members`;
  return (
    <div id="members-panel" class="stack">
      <Notice message={p.notice} />
      <FormError message={p.error} />
      <section class="card">
        <h2>Add users</h2>
        <form method="get" action={base} class="toolbar" role="search" {...(p.inDialog ? { 'hx-get': base, ...swap } : {})}>
          <div class="field">
            <label for="f-member-q">Search by name or email</label>
            <input id="f-member-q" type="search" name="q" value={p.search} />
          </div>
          <button class="btn" type="submit">
            Search
          </button>
        </form>
        {p.candidates === null ? null : p.candidates.length === 0 ? (
          <p class="muted">Nobody outside the group matches “{p.search}”.</p>
        ) : (
          <ul class="candidates">
            {p.candidates.map((m) => (
              <CandidateRow groupId={p.group.id} m={m} search={p.search} inDialog={p.inDialog} />
            ))}
          </ul>
        )}
      </section>
      <DataTable
        columns={['Name', 'Email', 'Profile']}
        describedBy="members-count"
        empty="No members yet."
        rows={p.members.map((m) => <MemberRow groupId={p.group.id} m={m} locked={p.isAdmins && m.id === p.ownerId} />)}
      />
      <Pager id="members-count" page={p.page} pageSize={p.pageSize} total={p.total} none="No members" href={(n) => `${base}?page=${n}`} />
    </div>
  );
};

export const MembersPage: FC<MembersModel> = (p) => (
  <>
    <p class="crumbs">
      <a href="/groups">← Groups</a>
    </p>
    <header class="page-head">
      <div>
        <h1>Members of {p.group.name}</h1>
        <p class="muted">{p.group.description}</p>
      </div>
      <a class="btn" href={`/groups/${p.group.id}/edit`}>
        Edit Group
      </a>
    </header>
    <MembersPanel {...p} />
  </>
);
