// "Import users": the preview of a file against the space, and applying it. Applying reads the space
// again and runs the same previewImport inside one transaction (BEGIN IMMEDIATE: the write lock is held
// from the first read), and writes nothing at all when a line has a problem or the seats do not suffice.
// New invitations go through writeInvitations, as Invite a User's do (rows, groups, outbox, audit).
import { lockSpace } from '../db/lock.js';
import { actorAsInviter } from './actor.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Executor } from '../db/connect.js';
import { addMember, insertGroup, listGroupRefs, removeMember } from '../db/queries/groups.js';
import { membersByKeys, pendingInvitationsByKeys, type ImportMemberRow } from '../db/queries/import-snapshot.js';
import { findSpace } from '../db/queries/space.js';
import { updateUser } from '../db/queries/users.js';
import { previewImport, type ImportOptions, type ImportPreview, type ImportSnapshot } from '../domain/import-preview.js';
import { IMPORT_MAX_BYTES, type ImportRow } from '../domain/import-rules.js';
import { can } from '../domain/permissions.js';
import { isOwner } from '../domain/space.js';
import type { Actor, Operator } from './actor.js';
import { byActor, byOperator, groupTarget, recordAudit, userTarget, type AuditBy } from './audit.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { joinExtensionGroupsIfDesigner } from './extension-groups.js';
import { writeInvitations, type Inviter } from './invitation-writes.js';
import { seatUsage } from './seats.js';

export type { ImportOptions, ImportPreview } from '../domain/import-preview.js';

/** Who imports: a Space Admin in the panel, or the operator on the command line. */
export type Importer = Actor | Operator;

const allowed = (by: Importer) => by.kind === 'operator' || can(by, 'space_admin');
const auditBy = (by: Importer): AuditBy => (by.kind === 'operator' ? byOperator(by) : byActor(by));
const inviterOf = (by: Importer): Inviter =>
  ({ by: by.kind === 'operator' ? byOperator(by) : byActor(by), ...actorAsInviter(by) });
const lower = (s: string) => s.toLowerCase();

interface Space {
  snapshot: ImportSnapshot;
  members: Map<string, ImportMemberRow>;
  /** Group ids by lower-cased name. */
  groupIds: Map<string, number>;
}

/** The space as far as the file concerns it: its addresses' members and invitations, the groups, the seats. */
async function readSpace(db: Executor, deps: ServiceDeps, rows: readonly ImportRow[], now: number): Promise<Space> {
  const keys = [...new Set(rows.flatMap((r) => (r.address.ok ? [r.address.key] : [])))];
  const [members, invitations, groups, seats, space] = await Promise.all([
    membersByKeys(db, keys),
    pendingInvitationsByKeys(db, keys),
    listGroupRefs(db),
    seatUsage(db, deps.config.seats, now),
    findSpace(db),
  ]);
  const memberMap = new Map(members.map((m) => [m.key, m]));
  return {
    members: memberMap,
    groupIds: new Map(groups.map((g) => [lower(g.name), g.id])),
    snapshot: {
      members: new Map(members.map((m) => [m.key, { email: m.email, profile: m.profile, groups: m.groups.map((g) => g.name), isOwner: isOwner(space, m.id) }])),
      pendingInvitations: new Map(invitations.map((i) => [i.key, { email: i.email, profile: i.profile }])),
      groupNames: groups.map((g) => g.name),
      seats,
    },
  };
}

export async function previewUsersImport(
  deps: ServiceDeps,
  by: Importer,
  rows: readonly ImportRow[],
  options: ImportOptions,
): Promise<{ ok: true; preview: ImportPreview } | Failure<'forbidden'>> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const { snapshot } = await readSpace(deps.db, deps, rows, deps.now());
  return { ok: true, preview: previewImport(rows, snapshot, options) };
}

export interface ImportApplied {
  invited: { id: number; email: string }[];
  updated: number;
  groupsCreated: string[];
}

export async function applyUsersImport(
  deps: ServiceDeps,
  by: Importer,
  rows: readonly ImportRow[],
  options: ImportOptions,
): Promise<({ ok: true; applied: ImportApplied; preview: ImportPreview }) | Failure<'forbidden' | 'import_blocked'>> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const result = await deps.db.transaction().execute(async (trx) => {
    await lockSpace(trx);
    const now = deps.now();
    const space = await readSpace(trx, deps, rows, now);
    const preview = previewImport(rows, space.snapshot, options);
    if (!preview.canApply) {
      const seatsShort = preview.seats.filter((s) => !s.ok).map((s) => s.profile);
      return { ok: false as const, code: 'import_blocked' as const, errors: preview.counts.errors, seatsShort };
    }
    const groupsCreated = await createGroups(trx, by, preview.groupsToCreate, space.groupIds, now);
    const groupId = (name: string) => space.groupIds.get(lower(name))!;

    const invites = preview.lines.flatMap((l, n) => {
      const row = rows[n]!;
      return l.ok && l.action.kind === 'invite' && row.address.ok
        ? [{ email: l.action.email, key: row.address.key, name: l.action.name, profile: l.action.profile, groupIds: l.action.groups.map(groupId) }]
        : [];
    });
    const ids = await writeInvitations(trx, deps, inviterOf(by), invites, now);

    let updated = 0;
    for (const [n, l] of preview.lines.entries()) {
      const row = rows[n]!;
      if (!l.ok || l.action.kind !== 'update_member' || !row.address.ok) continue;
      const member = space.members.get(row.address.key)!;
      const a = l.action;
      if (a.profile) {
        await updateUser(trx, member.id, { profile: a.profile.to });
        await joinExtensionGroupsIfDesigner(trx, member.id, a.profile.to, now);
      }
      for (const g of a.addGroups) await addMember(trx, groupId(g), member.id, now);
      for (const g of a.removeGroups) await removeMember(trx, groupId(g), member.id);
      const changes: Record<string, unknown> = { import: true };
      if (a.profile) changes.profile = `${a.profile.from} → ${a.profile.to}`;
      if (a.addGroups.length) changes.joined = a.addGroups;
      if (a.removeGroups.length) changes.left = a.removeGroups;
      await recordAudit(trx, now, auditBy(by), 'user.updated', userTarget(member), changes);
      updated++;
    }
    return { ok: true as const, preview, applied: { invited: invites.map((e, n) => ({ id: ids[n]!, email: e.email })), updated, groupsCreated } };
  });
  if (result.ok && result.applied.invited.length) deps.notifyOutbox();
  return result;
}

async function createGroups(trx: Executor, by: Importer, names: string[], ids: Map<string, number>, now: number): Promise<string[]> {
  for (const name of names) {
    const id = await insertGroup(trx, { name, description: '', origin: 'admin', createdAt: now });
    ids.set(lower(name), id);
    await recordAudit(trx, now, auditBy(by), 'group.created', groupTarget({ id, name }), { import: true });
  }
  return names;
}

// Carrying the file from the preview to "Import": the page holds the file itself (deflated, base64url)
// with a seal, HMAC of who previewed it, when, and the bytes. No server memory, no table; the seal
// stops a changed file, another person's preview or one older than an hour.
const SEAL_TTL_MS = 60 * 60_000;

function sealOf(deps: ServiceDeps, by: Importer, carried: string): string {
  const who = by.kind === 'operator' ? `operator:${by.label}` : `user:${by.id}`;
  return deps.links.secret('import', createHash('sha256').update(`${who}\n${carried}`).digest('base64url'));
}

export function sealImportFile(deps: ServiceDeps, by: Importer, text: string): { file: string; seal: string } {
  const file = `${deps.now()}.${deflateRawSync(Buffer.from(text, 'utf8')).toString('base64url')}`;
  return { file, seal: sealOf(deps, by, file) };
}

/** The text of a carried file, or null when its seal does not match or it is too old. */
export function openImportFile(deps: ServiceDeps, by: Importer, file: string, seal: string): string | null {
  const expected = sealOf(deps, by, file);
  if (seal.length !== expected.length || !timingSafeEqual(Buffer.from(seal), Buffer.from(expected))) return null;
  const [issued, data] = file.split('.', 2);
  const at = Number(issued);
  if (!Number.isFinite(at) || deps.now() - at > SEAL_TTL_MS || data === undefined) return null;
  return inflateRawSync(Buffer.from(data, 'base64url'), { maxOutputLength: IMPORT_MAX_BYTES }).toString('utf8');
}
