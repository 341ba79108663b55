// A Groups-tab row's actions: the "…" menu htmx fetches into the row when it opens, and, without
// JavaScript, the page that link leads to. Each item is a real link: a dialog with htmx, a page without.
import type { FC } from 'hono/jsx';
import type { GroupSummary } from '../../src/services/groups-page.js';

const DialogLink: FC<{ href: string; label: string; danger?: boolean }> = (p) => (
  <a class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem" href={p.href} hx-get={p.href} hx-target="#modal-root" hx-swap="innerHTML">
    {p.label}
  </a>
);

/** The items themselves, for the menu and for the page. Groups made with the space cannot be deleted. */
export const GroupMenuItems: FC<{ group: GroupSummary }> = ({ group }) => (
  <div class="menu-items" role="menu">
    <DialogLink href={`/groups/${group.id}/edit`} label="Edit Group" />
    <DialogLink href={`/groups/${group.id}/members`} label="Members" />
    {group.origin !== 'space' ? <DialogLink href={`/groups/${group.id}/delete`} label="Delete group" danger /> : null}
  </div>
);

/** The open menu htmx puts in place of the row's "…" link. */
export const GroupRowMenu: FC<{ group: GroupSummary }> = ({ group }) => (
  <details class="menu" open>
    <summary class="menu-btn" aria-label={`Actions for ${group.name}`}>
      …
    </summary>
    <GroupMenuItems group={group} />
  </details>
);
