import { codeEnvNameKey, type CodeEnvFields, type CodeEnvLanguage } from '../../domain/code-env.js';
import type { Executor } from '../connect.js';
import { GENERIC_PLAN } from '../pg-prepared.js';

export interface CodeEnv {
  id: number;
  name: string;
  language: CodeEnvLanguage;
  languageVersion: string;
  requirements: string;
  description: string;
  createdBy: number | null;
  createdByLabel: string;
  createdAt: number;
  updatedAt: number;
}

const columns = [
  'id',
  'name',
  'language',
  'language_version',
  'requirements',
  'description',
  'created_by',
  'created_by_label',
  'created_at',
  'updated_at',
] as const;

function toCodeEnv(r: {
  id: number;
  name: string;
  language: CodeEnvLanguage;
  language_version: string;
  requirements: string;
  description: string;
  created_by: number | null;
  created_by_label: string;
  created_at: number;
  updated_at: number;
}): CodeEnv {
  return {
    id: r.id,
    name: r.name,
    language: r.language,
    languageVersion: r.language_version,
    requirements: r.requirements,
    description: r.description,
    createdBy: r.created_by,
    createdByLabel: r.created_by_label,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Every code env, by name whatever the case. */
export async function listCodeEnvs(db: Executor): Promise<CodeEnv[]> {
  const rows = await db.selectFrom('code_envs').select(columns).orderBy('name_key').modifyEnd(GENERIC_PLAN).execute();
  return rows.map(toCodeEnv);
}

export async function findCodeEnvById(db: Executor, id: number): Promise<CodeEnv | null> {
  const r = await db.selectFrom('code_envs').select(columns).where('id', '=', id).executeTakeFirst();
  return r ? toCodeEnv(r) : null;
}

/** The code env with this name in any case: `Pandas` finds `pandas`. */
export async function findCodeEnvByName(db: Executor, name: string): Promise<{ id: number; name: string } | null> {
  const r = await db.selectFrom('code_envs').select(['id', 'name']).where('name_key', '=', codeEnvNameKey(name)).executeTakeFirst();
  return r ?? null;
}

export async function insertCodeEnv(
  db: Executor,
  e: CodeEnvFields & { createdBy: number | null; createdByLabel: string; createdAt: number },
): Promise<number> {
  const r = await db
    .insertInto('code_envs')
    .values({
      name: e.name,
      name_key: codeEnvNameKey(e.name),
      language: e.language,
      language_version: e.languageVersion,
      requirements: e.requirements,
      description: e.description,
      created_by: e.createdBy,
      created_by_label: e.createdByLabel,
      created_at: e.createdAt,
      updated_at: e.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCodeEnv(db: Executor, id: number, e: CodeEnvFields & { updatedAt: number }): Promise<void> {
  await db
    .updateTable('code_envs')
    .set({
      name: e.name,
      name_key: codeEnvNameKey(e.name),
      language: e.language,
      language_version: e.languageVersion,
      requirements: e.requirements,
      description: e.description,
      updated_at: e.updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteCodeEnv(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('code_envs').where('id', '=', id).execute();
}
