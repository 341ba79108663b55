// The Code Envs panel's use cases: create, edit and delete a code environment. Each is one transaction
// with its audit event; each checks Manage code envs itself, whoever calls it.
import { insertAuditEvent } from '../db/queries/audit.js';
import {
  deleteCodeEnv as deleteCodeEnvRow,
  findCodeEnvById,
  findCodeEnvByName,
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
import type { ServiceDeps } from './deps.js';
import type { CurrentUser } from './principal.js';

export type SaveCodeEnvResult =
  | { ok: true; id: number }
  | { ok: false; code: 'forbidden' | 'not_found' }
  | { ok: false; code: 'invalid'; problems: CodeEnvProblems };

export type DeleteCodeEnvResult = { ok: true } | { ok: false; code: 'forbidden' | 'not_found' };

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

export async function createCodeEnv(deps: ServiceDeps, actor: CurrentUser, input: CodeEnvInput): Promise<SaveCodeEnvResult> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<SaveCodeEnvResult> => {
    const checked = await checkInput(trx, input, null);
    if (!checked.ok) return checked;
    const env = checked.value;
    const now = deps.now();
    const id = await insertCodeEnv(trx, { ...env, createdBy: actor.id, createdByLabel: actor.displayName, createdAt: now });
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'code_env.created',
      targetType: 'code_env',
      targetId: id,
      targetLabel: env.name,
      details: { language: languageLabel(env), packages: packageCount(env) },
    });
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

export async function updateCodeEnv(deps: ServiceDeps, actor: CurrentUser, id: number, input: CodeEnvInput): Promise<SaveCodeEnvResult> {
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
    await insertAuditEvent(trx, {
      at: now,
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'code_env.updated',
      targetType: 'code_env',
      targetId: id,
      targetLabel: checked.value.name,
      details: changes,
    });
    return { ok: true, id };
  });
}

export async function deleteCodeEnv(deps: ServiceDeps, actor: CurrentUser, id: number): Promise<DeleteCodeEnvResult> {
  if (!can(actor, 'manage_code_envs')) return { ok: false, code: 'forbidden' };
  return deps.db.transaction().execute(async (trx): Promise<DeleteCodeEnvResult> => {
    const env = await findCodeEnvById(trx, id);
    if (!env) return { ok: false, code: 'not_found' };
    await deleteCodeEnvRow(trx, id);
    await insertAuditEvent(trx, {
      at: deps.now(),
      actorId: actor.id,
      actorLabel: actor.email,
      action: 'code_env.deleted',
      targetType: 'code_env',
      targetId: id,
      targetLabel: env.name,
      details: { language: languageLabel(env), packages: packageCount(env) },
    });
    return { ok: true };
  });
}
