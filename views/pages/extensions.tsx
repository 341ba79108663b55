import type { FC } from 'hono/jsx';
import { EXTENSION_KEYS, EXTENSIONS, type ExtensionKey } from '../../src/domain/extensions.js';
import { Notice } from '../components/form.js';

export const ExtensionsPage: FC<{ active: Record<ExtensionKey, boolean>; notice?: string | null }> = ({ active, notice }) => (
  <>
    <header class="page-head">
      <div>
        <h1>Extensions</h1>
        <p class="muted">Activating an extension creates its group and adds every designer to it; designers who join later are added too.</p>
      </div>
    </header>
    <Notice message={notice} />
    <div class="ext-grid">
      {EXTENSION_KEYS.map((key) => {
        const e = EXTENSIONS[key];
        const on = active[key];
        return (
          <section class="card ext-card" aria-labelledby={`ext-${key}`}>
            <div class="ext-head">
              <h2 id={`ext-${key}`}>{e.name}</h2>
              {on ? <span class="badge badge-ok">Active</span> : <span class="badge">Inactive</span>}
            </div>
            <p>{e.description}</p>
            <p class="muted small">
              Group: <code>{e.group}</code>
            </p>
            <form method="post" action={`/extensions/${key}/${on ? 'deactivate' : 'activate'}`}>
              <button class={on ? 'btn' : 'btn btn-primary'} type="submit">
                {on ? 'Deactivate' : 'Activate'}
              </button>
            </form>
          </section>
        );
      })}
    </div>
  </>
);
