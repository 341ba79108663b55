// The Code Envs panel's use cases: create, edit and delete a code environment. Each is one transaction
// with its audit event; each checks Manage code envs itself, whoever calls it.
import {
  deleteCodeEnv as deleteCodeEnvRow,
  findCodeEnvById,
  findCodeEnvByName,
  listCodeEnvs,
  insertCodeEnv,
  updateCodeEnv as updateCodeEnvRow,
  type CodeEnv,
} from '../db/queries/code-envs.js';
import type { Executor } from '../db/connect.js';
import {
  LANGUAGE_LABELS,
  parseRequirements,
  validateCodeEnv,
  type CodeEnvFields,
  type CodeEnvInput,
  type CodeEnvProblems,
} from '../domain/code-env.js';
import { can } from '../domain/permissions.js';
import { actorName, actorUserId, type Actor } from './actor.js';
import { byActor, recordAudit, type AuditTarget } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';

export type SaveCodeEnvResult = { ok: true; id: number } | Failure<'forbidden' | 'not_found' | 'invalid'>;

export type DeleteCodeEnvResult = { ok: true } | Failure<'forbidden' | 'not_found'>;

const codeEnvTarget = (id: number, name: string): AuditTarget => ({ type: 'code_env', id, label: name });

const languageLabel = (e: Pick<CodeEnvFields, 'language' | 'languageVersion'>) => `${LANGUAGE_LABELS[e.language]} ${e.languageVersion}`;
const packageCount = (e: Pick<CodeEnvFields, 'language' | 'requirements'>) => parseRequirements(e.language, e.requirements).requirements.length;

/** The form's problems plus ensure_unique_name, so every field's problem shows at once. */
async function checkInput(trx: Executor, input: CodeEnvInput, selfId: number | null) {
  const checked = validateCodeEnv(input);
  const problems: CodeEnvProblems = checked.ok ? {} : { ...checked.problems };
  if (!problems.name) {
    const clash = await findCodeEnvByName(trx, input.name);
    if (clash && clash.id !== selfId) problems.name = { code: 'name_taken', existing: clash.name };
  }
  return checked.ok && !problems.name ? { ok: true as const, value: checked.value } : { ok: false as const, code: 'invalid' as const, problems };
}

export async function createCodeEnv(deps: ServiceDeps, actor: Actor, input: CodeEnvInput): Promise<SaveCodeEnvResult> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<SaveCodeEnvResult> => {
    const checked = await checkInput(trx, input, null);
    if (!checked.ok) return checked;
    const env = checked.value;
    const now = deps.now();
    const id = await insertCodeEnv(trx, { ...env, createdBy: actorUserId(actor), createdByLabel: actorName(actor), createdAt: now });
    await recordAudit(trx, now, byActor(actor), 'code_env.created', codeEnvTarget(id, env.name), { language: languageLabel(env), packages: packageCount(env) });
    return { ok: true, id };
  });
}

/** What an edit changed, for the audit trail; empty when nothing did. */
function describeChanges(before: CodeEnv, after: CodeEnvFields): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (after.name !== before.name) changes.name = `${before.name} → ${after.name}`;
  const was = languageLabel(before);
  const is = languageLabel(after);
  if (was !== is) changes.language = `${was} → ${is}`;
  if (after.requirements !== before.requirements) {
    const old = parseRequirements(before.language, before.requirements).requirements.map((r) => r.text);
    const next = parseRequirements(after.language, after.requirements).requirements.map((r) => r.text);
    const added = next.filter((r) => !old.includes(r));
    const removed = old.filter((r) => !next.includes(r));
    if (added.length) changes.added = added;
    if (removed.length) changes.removed = removed;
    if (!added.length && !removed.length) changes.requirements = 'reordered or comments changed';
  }
  if (after.description !== before.description) changes.description = 'changed';
  return changes;
}

export async function updateCodeEnv(deps: ServiceDeps, actor: Actor, id: number, input: CodeEnvInput): Promise<SaveCodeEnvResult> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<SaveCodeEnvResult> => {
    const before = await findCodeEnvById(trx, id);
    if (!before) return { ok: false, code: 'not_found' };
    const checked = await checkInput(trx, input, id);
    if (!checked.ok) return checked;
    const changes = describeChanges(before, checked.value);
    if (Object.keys(changes).length === 0) return { ok: true, id }; // saved as it was: nothing to write or audit
    const now = deps.now();
    await updateCodeEnvRow(trx, id, { ...checked.value, updatedAt: now });
    await recordAudit(trx, now, byActor(actor), 'code_env.updated', codeEnvTarget(id, checked.value.name), changes);
    return { ok: true, id };
  });
}

export async function deleteCodeEnv(deps: ServiceDeps, actor: Actor, id: number): Promise<DeleteCodeEnvResult> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<DeleteCodeEnvResult> => {
    const env = await findCodeEnvById(trx, id);
    if (!env) return { ok: false, code: 'not_found' };
    await deleteCodeEnvRow(trx, id);
    await recordAudit(trx, deps.now(), byActor(actor), 'code_env.deleted', codeEnvTarget(id, env.name), { language: languageLabel(env), packages: packageCount(env) });
    return { ok: true };
  });
}

export type { CodeEnv } from '../db/queries/code-envs.js';

/** The Code Envs panel's list. */
export async function codeEnvsPage(deps: ServiceDeps, actor: Actor): Promise<{ ok: true; envs: CodeEnv[] } | Failure<'forbidden'>> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return { ok: true, envs: await listCodeEnvs(deps.db) };
}

/** One code env, for its Edit and Delete dialogs. */
export async function codeEnvById(deps: ServiceDeps, actor: Actor, id: number): Promise<{ ok: true; env: CodeEnv } | Failure<'forbidden' | 'not_found'>> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  const env = await findCodeEnvById(deps.db, id);
  return env ? { ok: true, env } : { ok: false, code: 'not_found' };
}
