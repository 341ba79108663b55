import type { FC } from 'hono/jsx';
import type { CodeEnv } from '../../src/db/queries/code-envs.js';
import { Notice } from '../components/form.js';
import { CodeEnvRow } from './row.js';

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
    <div class="card flush">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Language</th>
            <th scope="col">Packages</th>
            <th scope="col">Created</th>
            <th scope="col" class="actions">
              <span class="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody id="code-env-rows">
          {p.envs.length === 0 ? (
            <tr>
              <td colspan={5} class="empty">
                No code envs yet. Create the first one with “New code env”.
              </td>
            </tr>
          ) : (
            p.envs.map((env) => <CodeEnvRow env={env} />)
          )}
        </tbody>
      </table>
    </div>
  </>
);
