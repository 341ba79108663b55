import type { FC } from 'hono/jsx';
import type { InstanceSummary } from '../../src/services/instances.js';
import { Notice } from '../components/form.js';
import { DataTable } from '../components/table.js';
import { InstanceRow } from './row.js';

export const InstancesPage: FC<{ instances: InstanceSummary[]; issuer: string; notice?: string | null }> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>Instances</h1>
        <p class="muted">
          The space's nodes and tools sign people in through the Launchpad and receive their profile, groups and permissions. Discovery:{' '}
          <code>{p.issuer}/.well-known/openid-configuration</code>.
        </p>
      </div>
      <a class="btn btn-primary" href="/instances/new" hx-get="/instances/new" hx-target="#modal-root" hx-swap="innerHTML">
        Register instance
      </a>
    </header>
    <Notice message={p.notice} />
    <DataTable
      columns={['Instance', 'Redirect URIs', 'Registered']}
      bodyId="instance-rows"
      empty="No instances yet. Register one with “Register instance”."
      rows={p.instances.map((i) => <InstanceRow instance={i} />)}
    />
  </>
);
