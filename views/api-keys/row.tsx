// One row of the API keys list, with its "…" menu (Revoke key).
import type { FC } from 'hono/jsx';
import type { ApiKeySummary } from '../../src/services/api-keys.js';
import { formatTime } from '../components/format.js';

const When: FC<{ at: number }> = ({ at }) => <time datetime={new Date(at).toISOString()}>{formatTime(at)}</time>;

const STATUS_BADGE = { active: 'badge badge-ok', expired: 'badge badge-warn', revoked: 'badge badge-bad' } as const;
const STATUS_LABEL = { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as const;

export const ApiKeyRow: FC<{ apiKey: ApiKeySummary }> = ({ apiKey: k }) => (
  <tr id={`api-key-${k.id}`}>
    <td>
      <strong>{k.name}</strong>
      <div class="muted small">
        <code>lp_{k.id}_…</code> <span class={STATUS_BADGE[k.status]}>{STATUS_LABEL[k.status]}</span>
      </div>
    </td>
    <td class="small">
      {k.scopes.map((s) => (
        <>
          <code>{s}</code>{' '}
        </>
      ))}
    </td>
    <td class="small">
      {k.createdByLabel}
      <div class="muted nowrap">
        <When at={k.createdAt} />
      </div>
    </td>
    <td class="small nowrap">{k.expiresAt === null ? <span class="muted">Never</span> : <When at={k.expiresAt} />}</td>
    <td class="small">
      {k.lastUsedAt === null ? (
        <span class="muted">Never</span>
      ) : (
        <>
          <When at={k.lastUsedAt} />
          <div class="muted">{k.lastUsedAddress}</div>
        </>
      )}
    </td>
    <td class="actions">
      {k.status === 'revoked' ? null : (
        <details class="menu">
          <summary class="btn btn-ghost btn-small" aria-label={`Actions for ${k.name}`}>
            …
          </summary>
          <div class="menu-items" role="menu">
            <a
              href={`/api-keys/${k.id}/revoke`}
              hx-get={`/api-keys/${k.id}/revoke`}
              hx-target="#modal-root"
              hx-swap="innerHTML"
              class="menu-item danger"
              role="menuitem"
            >
              Revoke key
            </a>
          </div>
        </details>
      )}
    </td>
  </tr>
);
