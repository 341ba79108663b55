// The Code Envs panel: the list, and New / Edit / Delete code env (dialogs with htmx, pages without JavaScript).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { CODE_ENV_LANGUAGES, LANGUAGE_LABELS, LANGUAGE_VERSIONS, type CodeEnvInput } from '../domain/code-env.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { isHtmx, redirectAfterPost } from '../http/htmx.js';
import { renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { codeEnvById, codeEnvsPage, createCodeEnv, deleteCodeEnv, updateCodeEnv, type CodeEnv, type SaveCodeEnvResult } from '../services/code-envs.js';
import { refusalFieldErrors } from '../services/errors.js';
import { CodeEnvForm, EMPTY_CODE_ENV, VersionOptions } from '../../views/code-envs/code-env-form.js';
import { CodeEnvsPage } from '../../views/code-envs/code-envs-page.js';
import { ConfirmForm } from '../../views/components/confirm.js';
import { idParam } from './params.js';

const LIST = '/code-envs';

const NOTICES: Record<string, string> = {
  code_env_created: 'The code env has been created.',
  code_env_saved: 'The code env has been saved.',
  code_env_deleted: 'The code env has been deleted.',
};

const dialog = (title: string, body: Child) => ({ title, active: 'code-envs', back: LIST, backLabel: 'Code Envs', body, wide: true });


/** The posted form as typed: the service validates it and the form shows it back when it is wrong. */
async function readCodeEnvForm(c: Context<AppEnv>): Promise<CodeEnvInput> {
  const form = await readForm(c);
  return {
    name: str(form, 'name'),
    language: str(form, 'language'),
    languageVersion: str(form, 'languageVersion'),
    requirements: str(form, 'requirements'),
    description: str(form, 'description'),
  };
}

/** A save that failed: the form again with each message next to its field (422), or the status page. */
function saveFailed(
  c: Context<AppEnv>,
  result: Extract<SaveCodeEnvResult, { ok: false }>,
  form: { title: string; action: string; submit: string; values: CodeEnvInput },
) {
  if (result.code !== 'invalid') return renderRefused(c, result);
  const body = <CodeEnvForm action={form.action} submit={form.submit} values={form.values} errors={refusalFieldErrors(result)} />;
  return renderDialogForm(c, dialog(form.title, body), 422);
}

const showList = signedIn(async (c, { user }) => {
  const page = await codeEnvsPage(c.get('deps'), user);
  if (!page.ok) return renderRefused(c, page);
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  return renderShell(c, { title: 'Code Envs', active: 'code-envs', body: <CodeEnvsPage envs={page.envs} notice={notice} /> });
});

const NEW = { title: 'New code env', action: LIST, submit: 'Create code env' };

const showNew = (c: Context<AppEnv>) => renderDialog(c, dialog(NEW.title, <CodeEnvForm {...NEW} values={EMPTY_CODE_ENV} />));

const submitNew = signedIn(async (c, { user }) => {
  const values = await readCodeEnvForm(c);
  const result = await createCodeEnv(c.get('deps'), user, values);
  if (!result.ok) return saveFailed(c, result, { ...NEW, values });
  return redirectAfterPost(c, `${LIST}?notice=code_env_created`);
});

const editForm = (env: CodeEnv) => ({ title: 'Edit code env', action: `/code-envs/${env.id}`, submit: 'Save' });

const showEdit = signedIn(async (c, { user }) => {
  const found = await codeEnvById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const form = editForm(found.env);
  return renderDialog(c, dialog(form.title, <CodeEnvForm {...form} values={found.env} />));
});

const submitEdit = signedIn(async (c, { user }) => {
  const found = await codeEnvById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const values = await readCodeEnvForm(c);
  const result = await updateCodeEnv(c.get('deps'), user, found.env.id, values);
  if (!result.ok) return saveFailed(c, result, { ...editForm(found.env), values });
  return redirectAfterPost(c, `${LIST}?notice=code_env_saved`);
});

const showDelete = signedIn(async (c, { user }) => {
  const found = await codeEnvById(c.get('deps'), user, idParam(c));
  if (!found.ok) return renderRefused(c, found);
  const env = found.env;
  const language = `${LANGUAGE_LABELS[env.language]} ${env.languageVersion}`;
  const message = `Delete the code env ${env.name} (${language})? Its package list goes with it. This cannot be undone.`;
  const body = <ConfirmForm action={`/code-envs/${env.id}/delete`} message={message} button="Delete code env" back={LIST} />;
  return renderDialog(c, { ...dialog('Delete code env', body), wide: false });
});

const submitDelete = signedIn(async (c, { user }) => {
  const result = await deleteCodeEnv(c.get('deps'), user, idParam(c));
  if (!result.ok) return renderRefused(c, result);
  return redirectAfterPost(c, `${LIST}?notice=code_env_deleted`);
});

/**
 * The version options of the language chosen in the form, for htmx to put in the version list: the chosen
 * version stays when it belongs to the language, else the newest is chosen. A plain browser gets the form.
 */
const showLanguageVersions = signedIn(async (c) => {
  if (!isHtmx(c)) return c.redirect(`${LIST}/new`, 303);
  const language = CODE_ENV_LANGUAGES.find((l) => l === c.req.query('language'));
  if (!language) return c.text('Unknown language', 400);
  const versions = LANGUAGE_VERSIONS[language];
  const asked = c.req.query('languageVersion') ?? '';
  return c.html(<VersionOptions language={language} selected={versions.includes(asked) ? asked : versions[versions.length - 1]!} />);
});

export const codeEnvRoutes: RouteDef[] = [
  { method: 'GET', path: '/code-envs', access: needs('manage_code_envs'), handler: showList },
  { method: 'GET', path: '/code-envs/new', access: needs('manage_code_envs'), handler: showNew },
  { method: 'GET', path: '/code-envs/language-versions', access: needs('manage_code_envs'), handler: showLanguageVersions },
  { method: 'POST', path: '/code-envs', access: needs('manage_code_envs'), handler: submitNew },
  { method: 'GET', path: '/code-envs/:id{[0-9]+}/edit', access: needs('manage_code_envs'), handler: showEdit },
  { method: 'POST', path: '/code-envs/:id{[0-9]+}', access: needs('manage_code_envs'), handler: submitEdit },
  { method: 'GET', path: '/code-envs/:id{[0-9]+}/delete', access: needs('manage_code_envs'), handler: showDelete },
  { method: 'POST', path: '/code-envs/:id{[0-9]+}/delete', access: needs('manage_code_envs'), handler: submitDelete },
];
