// One row of the instances list, with its "…" menu (rotate secret, disable or enable, delete).
import type { FC } from 'hono/jsx';
import type { InstanceSummary } from '../../src/services/instances.js';
import { formatTime } from '../components/format.js';

const MenuLink: FC<{ href: string; label: string; danger?: boolean }> = (p) => (
  <a href={p.href} hx-get={p.href} hx-target="#modal-root" hx-swap="innerHTML" class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem">
    {p.label}
  </a>
);

export const InstanceRow: FC<{ instance: InstanceSummary }> = ({ instance: i }) => (
  <tr id={`instance-${i.id}`}>
    <td>
      <strong>{i.name}</strong>
      <div class="muted small">
        <code>{i.id}</code>{' '}
        <span class={i.status === 'active' ? 'badge badge-ok' : 'badge badge-bad'}>{i.status === 'active' ? 'Active' : 'Disabled'}</span>
        {i.designersOnly ? <span class="badge"> Designers only</span> : null}
      </div>
    </td>
    <td class="small">
      {i.redirectUris.map((u) => (
        <div>
          <code>{u}</code>
        </div>
      ))}
      {i.postLogoutRedirectUri ? <div class="muted">After sign-out: <code>{i.postLogoutRedirectUri}</code></div> : null}
    </td>
    <td class="small">
      {i.createdByLabel}
      <div class="muted nowrap">
        <time datetime={new Date(i.createdAt).toISOString()}>{formatTime(i.createdAt)}</time>
      </div>
    </td>
    <td class="actions">
      <details class="menu">
        <summary class="btn btn-ghost btn-small" aria-label={`Actions for ${i.name}`}>
          …
        </summary>
        <div class="menu-items" role="menu">
          <MenuLink href={`/instances/${i.id}/rotate`} label="Rotate secret" />
          {i.status === 'active' ? <MenuLink href={`/instances/${i.id}/disable`} label="Disable" danger /> : <MenuLink href={`/instances/${i.id}/enable`} label="Enable" />}
          <MenuLink href={`/instances/${i.id}/delete`} label="Delete" danger />
        </div>
      </details>
    </td>
  </tr>
);
