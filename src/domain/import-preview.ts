// The preview of an import: what each line of the file would do to the space, and whether the seats
// suffice for the whole file. Pure: the caller reads the snapshot of the space and the applying use case
// runs the same function again inside its transaction.
import { groupNameProblem } from './groups.js';
import { ADMIN_GROUP, type ImportRow } from './import-rules.js';
import { seatNeeds, type SeatNeed } from './import-seats.js';
import type { Profile, SeatUsage } from './profiles.js';

export interface MemberSnapshot {
  email: string;
  profile: Profile;
  groups: readonly string[];
  isOwner: boolean;
}

export interface InvitationSnapshot {
  email: string;
  profile: Profile;
}

/** What the preview needs of the space; members and invitations may be limited to the file's addresses. */
export interface ImportSnapshot {
  /** By email key (normalizeEmail). */
  members: ReadonlyMap<string, MemberSnapshot>;
  /** Pending invitations that Invite a User would report as "already invited", by email key. */
  pendingInvitations: ReadonlyMap<string, InvitationSnapshot>;
  groupNames: readonly string[];
  seats: Readonly<Record<Profile, SeatUsage>>;
}

export interface ImportOptions {
  /** Change the profile and groups of people who are already members, to what the file says. */
  updateExisting: boolean;
  /** Create the groups the file names that do not exist yet. */
  createMissingGroups: boolean;
}

export type ImportProblem =
  | { code: 'malformed_address'; value: string }
  | { code: 'unknown_profile'; value: string }
  | { code: 'unknown_group'; groups: string[] }
  | { code: 'invalid_group_name'; groups: string[] }
  | { code: 'extra_cells'; count: number }
  | { code: 'conflicting_duplicate'; firstLine: number }
  | { code: 'owner_stays_admin' };

export type ImportAction =
  | { kind: 'invite'; email: string; name: string | null; profile: Profile; groups: string[] }
  | {
      kind: 'update_member';
      email: string;
      profile: { from: Profile; to: Profile } | null;
      addGroups: string[];
      removeGroups: string[];
    }
  /** changesIgnored: the file asks for another profile or groups, but "update existing members" is off. */
  | { kind: 'already_member'; email: string; changesIgnored: boolean }
  | { kind: 'already_invited'; email: string }
  /** The same address, profile and groups as an earlier line: nothing more to do. */
  | { kind: 'repeated'; email: string; firstLine: number };

interface LineBase {
  line: number;
  /** The profile cell held the legacy "space admin": designer + space_administrators. */
  legacyAdmin: boolean;
}

export type ImportLine =
  | (LineBase & { ok: true; action: ImportAction; newGroups: string[] })
  | (LineBase & { ok: false; problems: ImportProblem[] });

export interface ImportPreview {
  lines: ImportLine[];
  counts: Record<ImportAction['kind'] | 'errors', number>;
  /** Distinct, spelled as first written in the file. */
  groupsToCreate: string[];
  /** Profiles the file needs seats of. */
  seats: SeatNeed[];
  /** No line has a problem and every profile has the seats: applying would do all of it. */
  canApply: boolean;
}

const lower = (s: string) => s.toLowerCase();

/** What a line asks for, comparable between two lines of the same address. */
function signature(row: ImportRow): string {
  const profile = row.profile.ok ? `${row.profile.profile}:${row.profile.legacyAdmin}` : '?';
  const groups = row.groups === null ? '-' : row.groups.map(lower).sort().join(';');
  return `${profile}|${groups}|${row.name ?? ''}`;
}

/** The file's groups for a line (the legacy admin's added), spelled as the space or the file first spells them. */
function resolveGroups(row: ImportRow, legacyAdmin: boolean, existing: ReadonlyMap<string, string>, firstSpelling: ReadonlyMap<string, string>) {
  const wanted = [...(row.groups ?? [])];
  if (legacyAdmin && !wanted.some((g) => lower(g) === ADMIN_GROUP)) wanted.push(ADMIN_GROUP);
  const groups: string[] = [];
  const missing: string[] = [];
  for (const g of wanted) {
    const name = existing.get(lower(g));
    if (name === undefined) missing.push(g);
    groups.push(name ?? firstSpelling.get(lower(g)) ?? g);
  }
  return { groups, missing };
}

/** A member's line: what would change, and whether "update existing members" lets it. */
function memberAction(row: ImportRow, member: MemberSnapshot, email: string, profile: Profile, groups: string[], options: ImportOptions): ImportAction | 'owner_stays_admin' {
  const have = new Set(member.groups.map(lower));
  const want = new Set(groups.map(lower));
  const profileChange = member.profile === profile ? null : { from: member.profile, to: profile };
  const addGroups = groups.filter((g) => !have.has(lower(g)));
  // Without a groups column a line adds only the legacy admin's group; with one, the file is the list.
  const removeGroups = row.groups !== null ? member.groups.filter((g) => !want.has(lower(g))) : [];
  const changes = profileChange !== null || addGroups.length > 0 || removeGroups.length > 0;
  if (!changes || !options.updateExisting) return { kind: 'already_member', email, changesIgnored: changes };
  if (member.isOwner && removeGroups.some((g) => lower(g) === ADMIN_GROUP)) return 'owner_stays_admin';
  return { kind: 'update_member', email, profile: profileChange, addGroups, removeGroups };
}

export type { SeatNeed };

export function previewImport(rows: readonly ImportRow[], space: ImportSnapshot, options: ImportOptions): ImportPreview {
  const existingGroups = new Map(space.groupNames.map((g) => [lower(g), g]));
  const groupsToCreate = new Map<string, string>();
  const firstLineOf = new Map<string, { line: number; signature: string }>();

  const lines = rows.map((row): ImportLine => {
    const legacyAdmin = row.profile.ok && row.profile.legacyAdmin;
    const refuse = (problems: ImportProblem[]): ImportLine => ({ line: row.line, legacyAdmin, ok: false, problems });
    const problems: ImportProblem[] = [];
    if (!row.address.ok) problems.push({ code: 'malformed_address', value: row.address.value });
    if (!row.profile.ok) problems.push({ code: 'unknown_profile', value: row.profile.value });
    if (row.extraCells > 0) problems.push({ code: 'extra_cells', count: row.extraCells });
    if (row.address.ok) {
      const first = firstLineOf.get(row.address.key);
      if (first === undefined) firstLineOf.set(row.address.key, { line: row.line, signature: signature(row) });
      else if (first.signature !== signature(row)) problems.push({ code: 'conflicting_duplicate', firstLine: first.line });
      else if (problems.length === 0) {
        return { line: row.line, legacyAdmin, ok: true, action: { kind: 'repeated', email: row.address.email, firstLine: first.line }, newGroups: [] };
      }
    }
    if (problems.length || !row.address.ok || !row.profile.ok) return refuse(problems);

    const { email, key } = row.address;
    const profile = row.profile.profile;
    const { groups, missing } = resolveGroups(row, legacyAdmin, existingGroups, groupsToCreate);
    const member = space.members.get(key);
    let action: ImportAction;
    if (member) {
      const a = memberAction(row, member, email, profile, groups, options);
      if (a === 'owner_stays_admin') return refuse([{ code: a }]);
      action = a;
    } else if (space.pendingInvitations.has(key)) action = { kind: 'already_invited', email };
    else action = { kind: 'invite', email, name: row.name, profile, groups };

    // Only a line that writes its groups needs them to exist, or to be created.
    const newGroups = action.kind === 'invite' || action.kind === 'update_member' ? missing : [];
    if (newGroups.length && !options.createMissingGroups) return refuse([{ code: 'unknown_group', groups: newGroups }]);
    const invalid = newGroups.filter((g) => groupNameProblem(g) !== null);
    if (invalid.length) return refuse([{ code: 'invalid_group_name', groups: invalid }]);
    for (const g of newGroups) if (!groupsToCreate.has(lower(g))) groupsToCreate.set(lower(g), g);
    return { line: row.line, legacyAdmin, ok: true, action, newGroups };
  });

  const counts: ImportPreview['counts'] = { invite: 0, update_member: 0, already_member: 0, already_invited: 0, repeated: 0, errors: 0 };
  for (const l of lines) counts[l.ok ? l.action.kind : 'errors']++;
  const seats = seatNeeds(lines, space.seats);
  return {
    lines,
    counts,
    groupsToCreate: [...groupsToCreate.values()],
    seats,
    canApply: counts.errors === 0 && seats.every((s) => s.ok),
  };
}
