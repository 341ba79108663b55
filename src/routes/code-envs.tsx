// The Code Envs panel: the list, and New / Edit / Delete code env (dialogs with htmx, pages without JavaScript).
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { findCodeEnvById, listCodeEnvs, type CodeEnv } from '../db/queries/code-envs.js';
import { codeEnvProblemMessages, LANGUAGE_LABELS, type CodeEnvInput } from '../domain/code-env.js';
import { needs, type RouteDef } from '../http/access.js';
import { renderDialog, renderDialogForm } from '../http/dialogs.js';
import type { AppEnv } from '../http/env.js';
import { readForm, str } from '../http/forms.js';
import { redirectAfterPost } from '../http/htmx.js';
import { renderForbidden, renderNotFound, renderShell } from '../http/pages.js';
import { createCodeEnv, deleteCodeEnv, updateCodeEnv, type SaveCodeEnvResult } from '../services/code-envs.js';
import { CodeEnvForm, EMPTY_CODE_ENV } from '../../views/code-envs/code-env-form.js';
import { CodeEnvsPage } from '../../views/code-envs/code-envs-page.js';
import { ConfirmForm } from '../../views/users/confirm.js';

const LIST = '/code-envs';

const NOTICES: Record<string, string> = {
  code_env_created: 'The code env has been created.',
  code_env_saved: 'The code env has been saved.',
  code_env_deleted: 'The code env has been deleted.',
};

const dialog = (title: string, body: Child) => ({ title, active: 'code-envs', back: LIST, backLabel: 'Code Envs', body, wide: true });

async function loadCodeEnv(c: Context<AppEnv>): Promise<CodeEnv | null> {
  const id = Number(c.req.param('id'));
  return Number.isSafeInteger(id) && id > 0 ? findCodeEnvById(c.get('deps').db, id) : null;
}

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
  switch (result.code) {
    case 'forbidden':
      return renderForbidden(c);
    case 'not_found':
      return renderNotFound(c);
    case 'invalid': {
      const body = <CodeEnvForm action={form.action} submit={form.submit} values={form.values} errors={codeEnvProblemMessages(result.problems)} />;
      return renderDialogForm(c, dialog(form.title, body), 422);
    }
  }
}

const showList = async (c: Context<AppEnv>) => {
  const envs = await listCodeEnvs(c.get('deps').db);
  const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
  return renderShell(c, { title: 'Code Envs', active: 'code-envs', body: <CodeEnvsPage envs={envs} notice={notice} /> });
};

const NEW = { title: 'New code env', action: LIST, submit: 'Create code env' };

const showNew = (c: Context<AppEnv>) => renderDialog(c, dialog(NEW.title, <CodeEnvForm {...NEW} values={EMPTY_CODE_ENV} />));

const submitNew = async (c: Context<AppEnv>) => {
  const values = await readCodeEnvForm(c);
  const result = await createCodeEnv(c.get('deps'), c.get('user')!, values);
  if (!result.ok) return saveFailed(c, result, { ...NEW, values });
  return redirectAfterPost(c, `${LIST}?notice=code_env_created`);
};

const editForm = (env: CodeEnv) => ({ title: 'Edit code env', action: `/code-envs/${env.id}`, submit: 'Save' });

const showEdit = async (c: Context<AppEnv>) => {
  const env = await loadCodeEnv(c);
  if (!env) return renderNotFound(c);
  const form = editForm(env);
  return renderDialog(c, dialog(form.title, <CodeEnvForm {...form} values={env} />));
};

const submitEdit = async (c: Context<AppEnv>) => {
  const env = await loadCodeEnv(c);
  if (!env) return renderNotFound(c);
  const values = await readCodeEnvForm(c);
  const result = await updateCodeEnv(c.get('deps'), c.get('user')!, env.id, values);
  if (!result.ok) return saveFailed(c, result, { ...editForm(env), values });
  return redirectAfterPost(c, `${LIST}?notice=code_env_saved`);
};

const showDelete = async (c: Context<AppEnv>) => {
  const env = await loadCodeEnv(c);
  if (!env) return renderNotFound(c);
  const language = `${LANGUAGE_LABELS[env.language]} ${env.languageVersion}`;
  const message = `Delete the code env ${env.name} (${language})? Its package list goes with it. This cannot be undone.`;
  const body = <ConfirmForm action={`/code-envs/${env.id}/delete`} message={message} button="Delete code env" back={LIST} />;
  return renderDialog(c, { ...dialog('Delete code env', body), wide: false });
};

const submitDelete = async (c: Context<AppEnv>) => {
  const env = await loadCodeEnv(c);
  if (!env) return renderNotFound(c);
  const result = await deleteCodeEnv(c.get('deps'), c.get('user')!, env.id);
  if (!result.ok) return result.code === 'forbidden' ? renderForbidden(c) : renderNotFound(c);
  return redirectAfterPost(c, `${LIST}?notice=code_env_deleted`);
};

export const codeEnvRoutes: RouteDef[] = [
  { method: 'GET', path: '/code-envs', access: needs('manage_code_envs'), handler: showList },
  { method: 'GET', path: '/code-envs/new', access: needs('manage_code_envs'), handler: showNew },
  { method: 'POST', path: '/code-envs', access: needs('manage_code_envs'), handler: submitNew },
  { method: 'GET', path: '/code-envs/:id{[0-9]+}/edit', access: needs('manage_code_envs'), handler: showEdit },
  { method: 'POST', path: '/code-envs/:id{[0-9]+}', access: needs('manage_code_envs'), handler: submitEdit },
  { method: 'GET', path: '/code-envs/:id{[0-9]+}/delete', access: needs('manage_code_envs'), handler: showDelete },
  { method: 'POST', path: '/code-envs/:id{[0-9]+}/delete', access: needs('manage_code_envs'), handler: submitDelete },
];
