// "Import users", step 3: what was done, with a link to each new invitation.
import type { FC } from 'hono/jsx';

export const ImportResultPage: FC<{
  invited: { id: number; email: string; href: string }[];
  updated: number;
  groupsCreated: string[];
}> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>Import users: done</h1>
        <p class="muted">
          <a href="/users">Users</a>
        </p>
      </div>
    </header>
    <div class="alert alert-success" role="status">
      {p.invited.length} {p.invited.length === 1 ? 'invitation' : 'invitations'} sent, {p.updated} {p.updated === 1 ? 'member' : 'members'} updated
      {p.groupsCreated.length ? `, groups created: ${p.groupsCreated.join(', ')}` : ''}.
    </div>
    {p.invited.length ? (
      <section class="card">
        <h2>New invitations</h2>
        <ul>
          {p.invited.map((i) => (
            <li>
              <a href={i.href}>{i.email}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/users?status=invited">Every pending invitation</a>
        </p>
      </section>
    ) : null}
  </>
);
