// The Users tab's file actions, in its page head: import a spreadsheet, download the filtered list.
import type { FC } from 'hono/jsx';

/** `usersHref` gives the list's URL with its filters; the export keeps them and drops the paging. */
export const UsersFileLinks: FC<{ usersHref: (changes: Record<string, string | undefined>) => string }> = ({ usersHref }) => (
  <span class="head-actions">
    <a class="btn" href="/users/import">
      Import users
    </a>{' '}
    <a class="btn btn-ghost" href={usersHref({ page: undefined }).replace(/^\/users/, '/users/export.csv')} download>
      Export CSV
    </a>
  </span>
);
