// Who the Audit log's "actor" filter means: members whose address or name holds the typed text.
import { sql } from 'kysely';
import type { Executor } from '../connect.js';

/** At most this many members match one actor filter; a broader term is asked to be narrowed. */
export const ACTOR_MATCH_LIMIT = 200;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Ids of members whose email or name contains `term` (case folded as the keys are): the first `limit` in
 * the list's order by name, which the name index delivers (the order SQLite's plan already gave, now said).
 */
export async function membersMatching(db: Executor, term: string, limit = ACTOR_MATCH_LIMIT): Promise<number[]> {
  const like = `%${escapeLike(term.normalize('NFC').toLowerCase())}%`;
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`(email_key like ${like} escape '\\' or name_key like ${like} escape '\\')`)
    .orderBy('name_key')
    .orderBy('email_key')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
