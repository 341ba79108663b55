// The API keys panel (Space Admin): the list, New API key (shown once), Revoke key with confirmation.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { CurrentUser } from '../services/principal.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str, strs } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderForbidden, renderNotFound, renderShell } from '../http/pages.js';
import { createApiKey, findApiKeySummary, listApiKeys, revokeApiKey, type ApiKeyField, type KeyManager } from '../services/api-keys.js';
import { ApiKeyForm, CreatedKey, EMPTY_API_KEY, type ApiKeyFormValues } from '../../views/api-keys/api-key-form.js';
import { ApiKeysPage } from '../../views/api-keys/api-keys-page.js';
import { apiKeyProblemMessage } from '../../views/api-keys/messages.js';
import { formatTime } from '../../views/components/format.js';
import { ConfirmForm } from '../../views/components/confirm.js';

const LIST = '/api-keys';
const NOTICES: Record<string, string> = { api_key_revoked: 'The key is revoked. Requests made with it are refused from now on.' };

const dialog = (title: string, body: Child) => ({ title, active: 'api-keys', back: LIST, backLabel: 'API keys', body, wide: true });
const manager = (user: CurrentUser): KeyManager => ({ kind: 'user', user });

const showList = signedIn(async (c, { user }) => {
  const result = await listApiKeys(c.get('deps'), manager(user));
  if (!result.ok) return renderForbidden(c);
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  return renderShell(c, { title: 'API keys', active: 'api-keys', body: <ApiKeysPage keys={result.keys} notice={notice} /> });
});

const showNew = (c: Context<AppEnv>) => renderDialog(c, dialog('New API key', <ApiKeyForm values={EMPTY_API_KEY} />));

const submitNew = signedIn(async (c, { user }) => {
  const form = await readForm(c);
  const values: ApiKeyFormValues = { name: str(form, 'name'), scopes: strs(form, 'scopes'), expiresIn: str(form, 'expiresIn') };
  const result = await createApiKey(c.get('deps'), manager(user), values);
  if (!result.ok) {
    if (result.code === 'forbidden') return renderForbidden(c);
    const errors: Partial<Record<ApiKeyField, string>> = {};
    for (const p of result.problems) errors[p.field] ??= apiKeyProblemMessage(p.code, p.detail);
    return renderDialogForm(c, dialog('New API key', <ApiKeyForm values={values} errors={errors} />), 422);
  }
  // The key is in this response only: no cache may keep it, no referrer may carry the page's address.
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  const body = <CreatedKey name={values.name.trim()} apiKey={result.key} expiresAt={result.expiresAt === null ? null : formatTime(result.expiresAt)} />;
  return renderDialogForm(c, dialog('New API key', body), 200);
});

const showRevoke = signedIn(async (c, { user }) => {
  const key = await findApiKeySummary(c.get('deps'), manager(user), c.req.param('id') ?? '');
  if (!key || key.status === 'revoked') return renderNotFound(c);
  const message = `Revoke the key ${key.name}? Whatever uses it is refused from its next request. This cannot be undone.`;
  const body = <ConfirmForm action={`/api-keys/${key.id}/revoke`} message={message} button="Revoke key" back={LIST} />;
  return renderDialog(c, { ...dialog('Revoke API key', body), wide: false });
});

const submitRevoke = signedIn(async (c, { user }) => {
  const result = await revokeApiKey(c.get('deps'), manager(user), c.req.param('id') ?? '');
  if (!result.ok) return result.code === 'forbidden' ? renderForbidden(c) : renderNotFound(c);
  return redirectAfterPost(c, `${LIST}?notice=api_key_revoked`);
});

export const apiKeyRoutes: RouteDef[] = [
  { method: 'GET', path: '/api-keys', access: needs('space_admin'), handler: showList },
  { method: 'GET', path: '/api-keys/new', access: needs('space_admin'), handler: showNew },
  { method: 'POST', path: '/api-keys', access: needs('space_admin'), handler: submitNew },
  { method: 'GET', path: '/api-keys/:id{[a-z0-9]+}/revoke', access: needs('space_admin'), handler: showRevoke },
  { method: 'POST', path: '/api-keys/:id{[a-z0-9]+}/revoke', access: needs('space_admin'), handler: submitRevoke },
];
