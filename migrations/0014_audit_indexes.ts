// Frozen: never edit after it has shipped; add a new migration instead. Imports nothing from src/.
// The Audit log's filters, each served by an index that ends in id, so a filtered page is read in the
// log's own order (newest first) and stops after 50 rows, at a million events as at a hundred.
// Action and actor id have theirs since 0001. Only Kysely's portable schema builder (SQLite and PostgreSQL).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Date range.
  await db.schema.createIndex('audit_events_at_idx').on('audit_events').columns(['at', 'id']).execute();
  // Operators and API keys act without a member id: they are found by their label.
  await db.schema.createIndex('audit_events_actor_label_idx').on('audit_events').columns(['actor_label', 'id']).execute();
  // A target by its type and id (the link on each row), or by its label (an address, a group's name).
  await db.schema.createIndex('audit_events_target_idx').on('audit_events').columns(['target_type', 'target_id', 'id']).execute();
  await db.schema.createIndex('audit_events_target_label_idx').on('audit_events').columns(['target_label', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_target_label_idx').execute();
  await db.schema.dropIndex('audit_events_target_idx').execute();
  await db.schema.dropIndex('audit_events_actor_label_idx').execute();
  await db.schema.dropIndex('audit_events_at_idx').execute();
}
