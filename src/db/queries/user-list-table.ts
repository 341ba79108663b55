// A page of the Users tab read from user_list (migration 0019): members and pending invitations in one
// table, kept by triggers, with an index in each order and direction. A page, however deep, is one walk
// of one index that touches no table row, where the UNION ALL of users and invitations merged two ordered
// scans row by row (page 1,000: 0.4 ms instead of 6.8 on SQLite).
import { sql, type RawBuilder } from 'kysely';
import type { Profile } from '../../domain/profiles.js';
import type { Executor } from '../connect.js';

export type ListSort = 'name' | 'email' | 'profile' | 'last_login';

/**
 * Each order term by term, as the index of its direction holds it (migration 0019). They order rows
 * exactly as the compound's ORDER BY in user-list.ts does: the terms that do not turn with the
 * direction (id, kind, and the name after a profile or a sign-in time) keep their own direction.
 */
const ORDER: Record<ListSort, Record<'asc' | 'desc', RawBuilder<unknown>>> = {
  name: {
    asc: sql`sort_name, email_key, id, kind`,
    desc: sql`sort_name desc, email_key desc, id, kind`,
  },
  email: {
    asc: sql`email_key, kind, id`,
    desc: sql`email_key desc, kind, id`,
  },
  profile: {
    asc: sql`profile, sort_name, email_key, id, kind`,
    desc: sql`profile desc, sort_name, email_key, id, kind`,
  },
  // Never signed in (and invitations) last, whatever the direction.
  last_login: {
    asc: sql`no_login, last_login_at, sort_name, email_key, kind, id`,
    desc: sql`no_login, last_login_at desc, sort_name, email_key, kind, id`,
  },
};

export interface ListPageQuery {
  profile?: Profile;
  sort: ListSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The page's rows, as kind and id, in the list's order; the rows themselves are read afterwards by id. */
export async function readListPage(db: Executor, q: ListPageQuery): Promise<Array<{ kind: 'user' | 'invitation'; id: number }>> {
  return db
    .selectFrom('user_list')
    .select(['kind', 'id'])
    .$if(q.profile !== undefined, (qb) => qb.where('profile', '=', q.profile!))
    .orderBy(ORDER[q.sort][q.dir])
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
}
