import type { FC } from 'hono/jsx';
import type { ApiKeySummary } from '../../src/services/api-keys.js';
import { Notice } from '../components/form.js';
import { DataTable } from '../components/table.js';
import { ApiKeyRow } from './row.js';

export const ApiKeysPage: FC<{ keys: ApiKeySummary[]; notice?: string | null }> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>API keys</h1>
        <p class="muted">
          Keys of the space, for scripts and integrations. Each has scopes and, best, an expiry; it is shown once when created. See the{' '}
          <a class="text-link" href="/api/docs">API reference</a>.
        </p>
      </div>
      <a class="btn btn-primary" href="/api-keys/new" hx-get="/api-keys/new" hx-target="#modal-root" hx-swap="innerHTML">
        New API key
      </a>
    </header>
    <Notice message={p.notice} />
    <DataTable
      columns={['Name', 'Scopes', 'Created', 'Expires', 'Last used']}
      bodyId="api-key-rows"
      empty="No API keys yet. Create one with “New API key”."
      rows={p.keys.map((k) => <ApiKeyRow apiKey={k} />)}
    />
  </>
);
