// The preview of an import: what each line of the file would do to the space, and whether the seats
// suffice for the whole file. Pure: the caller reads the snapshot of the space and the applying use case
// runs the same function again inside its transaction.
import { groupNameProblem } from './groups.js';
import { ADMIN_GROUP, type ImportRow } from './import-rules.js';
import { checkSeats, freeSeats, PROFILES, type Profile, type SeatUsage } from './profiles.js';

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
  | { code: 'owner_must_stay_admin' };

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

export interface SeatNeed {
  profile: Profile;
  /** Seats the file takes, less those it frees by moving members to another profile. */
  needed: number;
  free: number;
  ok: boolean;
}

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

export function previewImport(rows: readonly ImportRow[], space: ImportSnapshot, options: ImportOptions): ImportPreview {
  const existingGroups = new Map(space.groupNames.map((g) => [lower(g), g]));
  const groupsToCreate = new Map<string, string>();
  const firstLineOf = new Map<string, { line: number; signature: string }>();

  const lines = rows.map((row): ImportLine => {
    const legacyAdmin = row.profile.ok && row.profile.legacyAdmin;
    const problems: ImportProblem[] = [];
    if (!row.address.ok) problems.push({ code: 'malformed_address', value: row.address.value });
    if (!row.profile.ok) problems.push({ code: 'unknown_profile', value: row.profile.value });
    if (row.extraCells > 0) problems.push({ code: 'extra_cells', count: row.extraCells });

    // The groups the line names, the legacy admin's group added; each resolved to its existing spelling.
    const wanted = [...(row.groups ?? [])];
    if (legacyAdmin && !wanted.some((g) => lower(g) === ADMIN_GROUP)) wanted.push(ADMIN_GROUP);
    const groups: string[] = [];
    const missing: string[] = [];
    for (const g of wanted) {
      const existing = existingGroups.get(lower(g));
      if (existing !== undefined) groups.push(existing);
      else {
        missing.push(g);
        groups.push(groupsToCreate.get(lower(g)) ?? g);
      }
    }
    if (missing.length && !options.createMissingGroups) problems.push({ code: 'unknown_group', groups: missing });
    const invalid = missing.filter((g) => groupNameProblem(g) !== null);
    if (invalid.length && options.createMissingGroups) problems.push({ code: 'invalid_group_name', groups: invalid });

    if (row.address.ok) {
      const first = firstLineOf.get(row.address.key);
      if (first === undefined) firstLineOf.set(row.address.key, { line: row.line, signature: signature(row) });
      else if (first.signature !== signature(row)) problems.push({ code: 'conflicting_duplicate', firstLine: first.line });
      else if (problems.length === 0) {
        return { line: row.line, legacyAdmin, ok: true, action: { kind: 'repeated', email: row.address.email, firstLine: first.line }, newGroups: [] };
      }
    }
    if (problems.length || !row.address.ok || !row.profile.ok) return { line: row.line, legacyAdmin, ok: false, problems };

    const { email, key } = row.address;
    const profile = row.profile.profile;
    const touchesGroups = row.groups !== null || legacyAdmin;
    const member = space.members.get(key);
    let action: ImportAction;
    if (member) {
      const have = new Set(member.groups.map(lower));
      const want = new Set(groups.map(lower));
      const profileChange = member.profile === profile ? null : { from: member.profile, to: profile };
      const addGroups = touchesGroups ? groups.filter((g) => !have.has(lower(g))) : [];
      // Without a groups column the legacy line only adds space_administrators; with one, the file is the list.
      const removeGroups = row.groups !== null ? member.groups.filter((g) => !want.has(lower(g))) : [];
      const changes = profileChange !== null || addGroups.length > 0 || removeGroups.length > 0;
      if (!changes || !options.updateExisting) action = { kind: 'already_member', email, changesIgnored: changes };
      else if (member.isOwner && removeGroups.some((g) => lower(g) === ADMIN_GROUP)) {
        return { line: row.line, legacyAdmin, ok: false, problems: [{ code: 'owner_must_stay_admin' }] };
      } else action = { kind: 'update_member', email, profile: profileChange, addGroups, removeGroups };
    } else if (space.pendingInvitations.has(key)) action = { kind: 'already_invited', email };
    else action = { kind: 'invite', email, name: row.name, profile, groups };

    const createsGroups = action.kind === 'invite' || action.kind === 'update_member';
    const newGroups = createsGroups ? missing : [];
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

/** The whole file's seats: invitations and moves into a profile take one, moves out of it give one back. */
function seatNeeds(lines: readonly ImportLine[], usage: Readonly<Record<Profile, SeatUsage>>): SeatNeed[] {
  const net = Object.fromEntries(PROFILES.map((p) => [p, 0])) as Record<Profile, number>;
  const touched = new Set<Profile>();
  for (const l of lines) {
    if (!l.ok) continue;
    if (l.action.kind === 'invite') {
      net[l.action.profile]++;
      touched.add(l.action.profile);
    } else if (l.action.kind === 'update_member' && l.action.profile) {
      net[l.action.profile.to]++;
      net[l.action.profile.from]--;
      touched.add(l.action.profile.to);
    }
  }
  return PROFILES.filter((p) => touched.has(p) && net[p] > 0).map((profile) => {
    const check = checkSeats(usage[profile], net[profile]);
    return check.ok
      ? { profile, needed: net[profile], free: freeSeats(usage[profile]), ok: true }
      : { profile, needed: check.needed, free: check.free, ok: false };
  });
}

