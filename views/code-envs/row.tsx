// One row of the Code Envs list, with its "…" menu (Edit code env, Delete code env).
import type { FC } from 'hono/jsx';
import type { CodeEnv } from '../../src/services/code-envs.js';
import { LANGUAGE_LABELS, requirementNames } from '../../src/domain/code-env.js';
import { formatTime, plural } from '../components/format.js';

export const codeEnvRowId = (id: number) => `code-env-${id}`;

const DialogLink: FC<{ href: string; label: string; danger?: boolean }> = (p) => (
  <a href={p.href} hx-get={p.href} hx-target="#modal-root" hx-swap="innerHTML" class={p.danger ? 'menu-item danger' : 'menu-item'} role="menuitem">
    {p.label}
  </a>
);

export const CodeEnvRow: FC<{ env: CodeEnv }> = ({ env }) => {
  const packages = requirementNames(env.language, env.requirements);
  return (
    <tr id={codeEnvRowId(env.id)}>
      <td>
        <strong>{env.name}</strong>
        {env.description ? <div class="muted small">{env.description}</div> : null}
      </td>
      <td class="nowrap">
        <span class="badge">
          {LANGUAGE_LABELS[env.language]} {env.languageVersion}
        </span>
      </td>
      <td title={packages.join(', ') || undefined}>
        {packages.length === 0 ? <span class="muted">None</span> : plural(packages.length, 'package')}
      </td>
      <td class="small">
        {env.createdByLabel}
        <div class="muted nowrap">
          <time datetime={new Date(env.createdAt).toISOString()}>{formatTime(env.createdAt)}</time>
        </div>
      </td>
      <td class="actions">
        <details class="menu">
          <summary class="btn btn-ghost btn-small" aria-label={`Actions for ${env.name}`}>
            …
          </summary>
          <div class="menu-items" role="menu">
            <DialogLink href={`/code-envs/${env.id}/edit`} label="Edit code env" />
            <DialogLink href={`/code-envs/${env.id}/delete`} label="Delete code env" danger />
          </div>
        </details>
      </td>
    </tr>
  );
};
