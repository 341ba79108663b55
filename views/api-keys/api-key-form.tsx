// "New API key": a dialog with htmx, a page without JavaScript. Re-rendered with the messages when wrong.
import type { FC } from 'hono/jsx';
import { API_KEY_NAME_MAX, API_SCOPE_LABELS, API_SCOPES } from '../../src/domain/api-scopes.js';
import type { ApiKeyField } from '../../src/services/api-keys.js';
import { CancelLink } from '../components/dialog.js';
import { Field } from '../components/form.js';

export interface ApiKeyFormValues {
  name: string;
  scopes: string[];
  expiresIn: string;
}

export const EMPTY_API_KEY: ApiKeyFormValues = { name: '', scopes: [], expiresIn: '90d' };

export const ApiKeyForm: FC<{ values: ApiKeyFormValues; errors?: Partial<Record<ApiKeyField, string>> }> = ({ values: v, errors: e = {} }) => (
  <form id="api-key-form" method="post" action="/api-keys" hx-post="/api-keys" hx-target="#api-key-form" hx-swap="outerHTML" class="stack">
    <Field name="name" label="Name" value={v.name} error={e.name} hint="What uses the key: a script, a sync job, your SIEM." maxlength={API_KEY_NAME_MAX} required autofocus />
    <fieldset aria-describedby={e.scopes ? 'f-scopes-error' : undefined}>
      <legend>Scopes</legend>
      {e.scopes ? (
        <p class="error" id="f-scopes-error">
          {e.scopes}
        </p>
      ) : null}
      <div class="checks">
        {API_SCOPES.map((s) => (
          <label class="check">
            <input type="checkbox" name="scopes" value={s} checked={v.scopes.includes(s)} />
            <span>
              <code>{s}</code>
              <span class="hint block">{API_SCOPE_LABELS[s]}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
    <Field name="expiresIn" label="Expires after" value={v.expiresIn} error={e.expiresIn} hint="A duration such as 90d or 12h. Leave empty for a key that does not expire." maxlength={20} />
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">
        Create API key
      </button>
      <CancelLink href="/api-keys" />
    </div>
  </form>
);

/** The key, once: it is not stored and cannot be shown again. */
export const CreatedKey: FC<{ name: string; apiKey: string; expiresAt: string | null }> = (p) => (
  <div id="api-key-form" class="stack">
    <div class="alert alert-success" role="status">
      The key <strong>{p.name}</strong> is created{p.expiresAt ? `; it expires on ${p.expiresAt}` : ''}. Copy it now: it is shown only once.
    </div>
    <div class="copy-row">
      <label class="sr-only" for="new-api-key">
        API key
      </label>
      <input id="new-api-key" type="text" value={p.apiKey} readonly autocomplete="off" spellcheck={false} />
      <button class="btn btn-primary" type="button" data-copy="#new-api-key">
        Copy
      </button>
    </div>
    <p class="muted small">
      Send it as <code>Authorization: Bearer …</code>. The reference is at <a class="text-link" href="/api/docs">/api/docs</a>.
    </p>
    <div class="form-actions">
      <a class="btn btn-ghost" href="/api-keys">
        Done
      </a>
    </div>
  </div>
);
