import type { FC } from 'hono/jsx';

export const PanelTabs: FC<{ active: 'users' | 'groups' }> = ({ active }) => (
  <nav class="tabs" aria-label="Users, Profiles & Groups">
    <a href="/users" aria-current={active === 'users' ? 'page' : undefined}>
      Users
    </a>
    <a href="/groups" aria-current={active === 'groups' ? 'page' : undefined}>
      Groups
    </a>
  </nav>
);
