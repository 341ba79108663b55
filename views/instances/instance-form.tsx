// "Register instance": a dialog with htmx, a page without JavaScript. Re-rendered with the messages when wrong.
import type { FC } from 'hono/jsx';
import type { InstanceField } from '../../src/services/instances.js';
import { CancelLink } from '../components/dialog.js';
import { Field } from '../components/form.js';

export interface InstanceFormValues {
  name: string;
  redirectUris: string;
  postLogoutRedirectUri: string;
  designersOnly: boolean;
}

export const EMPTY_INSTANCE: InstanceFormValues = { name: '', redirectUris: '', postLogoutRedirectUri: '', designersOnly: false };

export const InstanceForm: FC<{ values: InstanceFormValues; errors?: Partial<Record<InstanceField, string>> }> = ({ values: v, errors: e = {} }) => (
  <form id="instance-form" method="post" action="/instances" hx-post="/instances" hx-target="#instance-form" hx-swap="outerHTML" class="stack">
    <Field name="name" label="Name" value={v.name} error={e.name} hint="A design node, an automation node, a deployer or a tool of the space." maxlength={100} required autofocus />
    <div class="field">
      <label for="f-redirectUris">Redirect URIs</label>
      <textarea
        id="f-redirectUris"
        name="redirectUris"
        rows={3}
        required
        aria-invalid={e.redirectUris ? 'true' : undefined}
        aria-describedby={e.redirectUris ? 'f-redirectUris-error f-redirectUris-hint' : 'f-redirectUris-hint'}
      >
        {v.redirectUris}
      </textarea>
      <p class="hint" id="f-redirectUris-hint">
        One per line, exactly as the instance sends them: they are compared character for character.
      </p>
      {e.redirectUris ? (
        <p class="error" id="f-redirectUris-error">
          {e.redirectUris}
        </p>
      ) : null}
    </div>
    <Field name="postLogoutRedirectUri" label="After sign-out, back to (optional)" value={v.postLogoutRedirectUri} error={e.postLogoutRedirectUri} maxlength={2000} />
    <label class="check">
      <input type="checkbox" name="designersOnly" value="yes" checked={v.designersOnly} />
      <span>
        Designers only
        <span class="hint block">Refuse explorers and readers, as a deployer or an automation node does.</span>
      </span>
    </label>
    <div class="form-actions">
      <button class="btn btn-primary" type="submit">
        Register instance
      </button>
      <CancelLink href="/instances" />
    </div>
  </form>
);

/** The client id and secret, once: only the secret's hash is kept. */
export const CreatedCredentials: FC<{ name: string; clientId: string; clientSecret: string; issuer: string; rotated?: boolean }> = (p) => (
  <div id="instance-form" class="stack">
    <div class="alert alert-success" role="status">
      {p.rotated ? (
        <>
          The secret of <strong>{p.name}</strong> is replaced; the old one no longer works.
        </>
      ) : (
        <>
          <strong>{p.name}</strong> is registered.
        </>
      )}{' '}
      Copy the secret now: it is shown only once.
    </div>
    <div class="copy-row">
      <label for="client-id">Client id</label>
      <input id="client-id" type="text" value={p.clientId} readonly autocomplete="off" spellcheck={false} />
      <button class="btn" type="button" data-copy="#client-id">
        Copy
      </button>
    </div>
    <div class="copy-row">
      <label for="client-secret">Client secret</label>
      <input id="client-secret" type="text" value={p.clientSecret} readonly autocomplete="off" spellcheck={false} />
      <button class="btn btn-primary" type="button" data-copy="#client-secret">
        Copy
      </button>
    </div>
    <p class="muted small">
      The instance discovers the rest at <code>{p.issuer}/.well-known/openid-configuration</code>, with the scopes <code>openid launchpad</code>.
    </p>
    <div class="form-actions">
      <a class="btn btn-ghost" href="/instances">
        Done
      </a>
    </div>
  </div>
);
