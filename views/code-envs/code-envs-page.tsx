import type { FC } from 'hono/jsx';
import type { CodeEnv } from '../../src/services/code-envs.js';
import { Notice } from '../components/form.js';
import { CodeEnvRow } from './row.js';
import { DataTable } from '../components/table.js';

export const CodeEnvsPage: FC<{ envs: CodeEnv[]; notice?: string | null }> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>Code Envs</h1>
        <p class="muted">The Python and R environments of the space, with the packages each one installs.</p>
      </div>
      <a class="btn btn-primary" href="/code-envs/new" hx-get="/code-envs/new" hx-target="#modal-root" hx-swap="innerHTML">
        New code env
      </a>
    </header>
    <Notice message={p.notice} />
    <DataTable
      columns={['Name', 'Language', 'Packages', 'Created']}
      bodyId="code-env-rows"
      empty="No code envs yet. Create the first one with “New code env”."
      rows={p.envs.map((env) => <CodeEnvRow env={env} />)}
    />
  </>
);
