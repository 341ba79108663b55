// The Instances panel (Space Admin): register (the secret shown once), rotate the secret, disable or enable,
// delete with confirmation. The same use cases as `launchpad instance …`.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { CurrentUser } from '../services/principal.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderForbidden, renderNotFound, renderShell } from '../http/pages.js';
import {
  addInstance,
  deleteInstance,
  disableInstance,
  enableInstance,
  findInstanceSummary,
  listInstances,
  rotateInstanceSecret,
  type InstanceChangeResult,
  type InstanceField,
  type InstanceManager,
  type InstanceSummary,
} from '../services/instances.js';
import { CreatedCredentials, EMPTY_INSTANCE, InstanceForm, type InstanceFormValues } from '../../views/instances/instance-form.js';
import { InstancesPage } from '../../views/instances/instances-page.js';
import { instanceProblemMessage } from '../../views/instances/messages.js';
import { ConfirmForm } from '../../views/components/confirm.js';

const LIST = '/instances';
const ID = ':id{[a-z0-9_]+}';
const NOTICES: Record<string, string> = {
  instance_disabled: 'The instance is disabled. Its tokens no longer work and nobody can sign in to it.',
  instance_enabled: 'The instance is enabled again. People sign in to it afresh.',
  instance_deleted: 'The instance is deleted, with every token it held.',
};

const dialog = (title: string, body: Child) => ({ title, active: 'instances', back: LIST, backLabel: 'Instances', body, wide: true });
const manager = (user: CurrentUser): InstanceManager => ({ kind: 'user', user });
const issuer = (c: Context<AppEnv>) => c.get('deps').config.publicUrl.origin;

/** The one-time secret is in this response only: no cache may keep it, no referrer may carry the address. */
function oneTime(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

const showList = signedIn(async (c, { user }) => {
  const result = await listInstances(c.get('deps'), manager(user));
  if (!result.ok) return renderForbidden(c);
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  return renderShell(c, { title: 'Instances', active: 'instances', body: <InstancesPage instances={result.instances} issuer={issuer(c)} notice={notice} /> });
});

const showNew = (c: Context<AppEnv>) => renderDialog(c, dialog('Register instance', <InstanceForm values={EMPTY_INSTANCE} />));

const submitNew = signedIn(async (c, { user }) => {
  const form = await readForm(c);
  const values: InstanceFormValues = {
    name: str(form, 'name'),
    redirectUris: str(form, 'redirectUris'),
    postLogoutRedirectUri: str(form, 'postLogoutRedirectUri'),
    designersOnly: str(form, 'designersOnly') === 'yes',
  };
  const result = await addInstance(c.get('deps'), manager(user), { ...values, redirectUris: [values.redirectUris] });
  if (!result.ok) {
    if (result.code === 'forbidden') return renderForbidden(c);
    const errors: Partial<Record<InstanceField, string>> = {};
    for (const p of result.problems) errors[p.field] ??= instanceProblemMessage(p.code, p.detail);
    return renderDialogForm(c, dialog('Register instance', <InstanceForm values={values} errors={errors} />), 422);
  }
  oneTime(c);
  const body = <CreatedCredentials name={values.name.trim()} clientId={result.clientId} clientSecret={result.clientSecret} issuer={issuer(c)} />;
  return renderDialogForm(c, dialog('Register instance', body), 200);
});

type Action = 'rotate' | 'disable' | 'enable' | 'delete';
const CONFIRM: Record<Action, { title: string; button: string; message: (i: InstanceSummary) => string; applies: (i: InstanceSummary) => boolean }> = {
  rotate: { title: 'Rotate secret', button: 'Rotate secret', message: (i) => `Give ${i.name} a new secret? The current one stops working at once.`, applies: () => true },
  disable: {
    title: 'Disable instance',
    button: 'Disable instance',
    message: (i) => `Disable ${i.name}? Nobody can sign in to it, and every token it holds stops working now.`,
    applies: (i) => i.status === 'active',
  },
  enable: { title: 'Enable instance', button: 'Enable instance', message: (i) => `Enable ${i.name} again?`, applies: (i) => i.status === 'disabled' },
  delete: { title: 'Delete instance', button: 'Delete instance', message: (i) => `Delete ${i.name}? Its tokens stop working. This cannot be undone.`, applies: () => true },
};

const showConfirm = (action: Action) =>
  signedIn(async (c, { user }) => {
    const instance = await findInstanceSummary(c.get('deps'), manager(user), c.req.param('id') ?? '');
    const words = CONFIRM[action];
    if (!instance || !words.applies(instance)) return renderNotFound(c);
    const body = <ConfirmForm action={`/instances/${instance.id}/${action}`} message={words.message(instance)} button={words.button} back={LIST} />;
    return renderDialog(c, { ...dialog(words.title, body), wide: false });
  });

const afterChange = (c: Context<AppEnv>, result: InstanceChangeResult, notice: string) => {
  if (!result.ok) return result.code === 'forbidden' ? renderForbidden(c) : renderNotFound(c);
  return redirectAfterPost(c, `${LIST}?notice=${notice}`);
};

const submitRotate = signedIn(async (c, { user }) => {
  const result = await rotateInstanceSecret(c.get('deps'), manager(user), c.req.param('id') ?? '');
  if (!result.ok) return result.code === 'forbidden' ? renderForbidden(c) : renderNotFound(c);
  oneTime(c);
  const body = <CreatedCredentials name={result.name} clientId={c.req.param('id') ?? ''} clientSecret={result.clientSecret} issuer={issuer(c)} rotated />;
  return renderDialogForm(c, dialog('Rotate secret', body), 200);
});

const submitDisable = signedIn(async (c, { user }) => afterChange(c, await disableInstance(c.get('deps'), manager(user), c.req.param('id') ?? ''), 'instance_disabled'));
const submitEnable = signedIn(async (c, { user }) => afterChange(c, await enableInstance(c.get('deps'), manager(user), c.req.param('id') ?? ''), 'instance_enabled'));
const submitDelete = signedIn(async (c, { user }) => afterChange(c, await deleteInstance(c.get('deps'), manager(user), c.req.param('id') ?? ''), 'instance_deleted'));

const admin = needs('space_admin');
export const instanceRoutes: RouteDef[] = [
  { method: 'GET', path: LIST, access: admin, handler: showList },
  { method: 'GET', path: `${LIST}/new`, access: admin, handler: showNew },
  { method: 'POST', path: LIST, access: admin, handler: submitNew },
  { method: 'GET', path: `${LIST}/${ID}/rotate`, access: admin, handler: showConfirm('rotate') },
  { method: 'POST', path: `${LIST}/${ID}/rotate`, access: admin, handler: submitRotate },
  { method: 'GET', path: `${LIST}/${ID}/disable`, access: admin, handler: showConfirm('disable') },
  { method: 'POST', path: `${LIST}/${ID}/disable`, access: admin, handler: submitDisable },
  { method: 'GET', path: `${LIST}/${ID}/enable`, access: admin, handler: showConfirm('enable') },
  { method: 'POST', path: `${LIST}/${ID}/enable`, access: admin, handler: submitEnable },
  { method: 'GET', path: `${LIST}/${ID}/delete`, access: admin, handler: showConfirm('delete') },
  { method: 'POST', path: `${LIST}/${ID}/delete`, access: admin, handler: submitDelete },
];
