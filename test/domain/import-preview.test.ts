// What each line of an import would do to the space, and the seats the whole file needs. Pure.
import { describe, expect, it } from 'vitest';
import { previewImport, type ImportOptions, type ImportSnapshot, type MemberSnapshot } from '../../src/domain/import-preview.js';
import { readImportRow, type ImportHeader, type ImportRow } from '../../src/domain/import-rules.js';
import type { Profile, SeatUsage } from '../../src/domain/profiles.js';

const HEADER: ImportHeader = { columns: { email: 0, name: 1, profile: 2, groups: 3 }, ignored: [], width: 4 };
const NO_GROUPS: ImportHeader = { columns: { email: 0, name: 1, profile: 2 }, ignored: [], width: 3 };

/** Lines as a file would have them, numbered from 2 (under the header). */
function rows(...lines: string[][]): ImportRow[] {
  return lines.map((cells, n) => readImportRow(cells, n + 2, HEADER)!);
}

const usage = (profile: Profile, total: number | null, used = 0, reserved = 0): SeatUsage => ({ profile, total, used, reserved });

function space(over: Partial<ImportSnapshot> & { memberList?: [string, MemberSnapshot][] } = {}): ImportSnapshot {
  return {
    members: new Map(over.memberList ?? []),
    pendingInvitations: over.pendingInvitations ?? new Map(),
    groupNames: over.groupNames ?? ['space_administrators', 'Analysts', 'ml'],
    seats: over.seats ?? { designer: usage('designer', 5), explorer: usage('explorer', 10), reader: usage('reader', null) },
  };
}

const member = (profile: Profile, groups: string[] = [], isOwner = false): MemberSnapshot => ({ email: 'x', profile, groups, isOwner });
const OFF: ImportOptions = { updateExisting: false, createMissingGroups: false };
const UPDATE: ImportOptions = { updateExisting: true, createMissingGroups: false };
const CREATE: ImportOptions = { updateExisting: false, createMissingGroups: true };

describe('previewImport: new people', () => {
  it('invites a new address with its profile, name and groups spelled as the space spells them', () => {
    const p = previewImport(rows(['ada@example.com', 'Ada', 'Designer', 'analysts;ML']), space(), OFF);
    expect(p.lines).toEqual([
      { line: 2, legacyAdmin: false, ok: true, newGroups: [], action: { kind: 'invite', email: 'ada@example.com', name: 'Ada', profile: 'designer', groups: ['Analysts', 'ml'] } },
    ]);
    expect(p.counts).toMatchObject({ invite: 1, errors: 0 });
    expect(p.canApply).toBe(true);
  });

  it('turns the legacy "space admin" into designer + space_administrators, and says so', () => {
    const [line] = previewImport(rows(['ada@example.com', '', 'Space Admin', 'ml']), space(), OFF).lines;
    expect(line).toMatchObject({ ok: true, legacyAdmin: true, action: { kind: 'invite', profile: 'designer', groups: ['ml', 'space_administrators'] } });
  });
});

describe('previewImport: people already there', () => {
  const ada = member('explorer', ['Analysts']);

  it('reports a member whose line asks for nothing new', () => {
    const [line] = previewImport(rows(['ADA@example.com', '', 'explorer', 'analysts']), space({ memberList: [['ada@example.com', ada]] }), UPDATE).lines;
    expect(line).toMatchObject({ ok: true, action: { kind: 'already_member', changesIgnored: false } });
  });

  it('leaves a member as they are without "update existing members", saying the file differs', () => {
    const p = previewImport(rows(['ada@example.com', '', 'designer', 'ml']), space({ memberList: [['ada@example.com', ada]] }), OFF);
    expect(p.lines[0]).toMatchObject({ ok: true, action: { kind: 'already_member', changesIgnored: true } });
    expect(p.seats).toEqual([]);
  });

  it('with "update existing members", changes the profile and makes the groups the file’s list', () => {
    const [line] = previewImport(rows(['ada@example.com', '', 'designer', 'ml']), space({ memberList: [['ada@example.com', ada]] }), UPDATE).lines;
    expect(line).toMatchObject({
      ok: true,
      action: { kind: 'update_member', profile: { from: 'explorer', to: 'designer' }, addGroups: ['ml'], removeGroups: ['Analysts'] },
    });
  });

  it('without a groups column, changes the profile only (a legacy line adds space_administrators)', () => {
    const noGroups = (cells: string[]) => [readImportRow(cells, 2, NO_GROUPS)!];
    const snapshot = space({ memberList: [['ada@example.com', ada]] });
    expect(previewImport(noGroups(['ada@example.com', '', 'reader']), snapshot, UPDATE).lines[0]).toMatchObject({
      action: { kind: 'update_member', profile: { from: 'explorer', to: 'reader' }, addGroups: [], removeGroups: [] },
    });
    expect(previewImport(noGroups(['ada@example.com', '', 'admin']), snapshot, UPDATE).lines[0]).toMatchObject({
      action: { kind: 'update_member', profile: { from: 'explorer', to: 'designer' }, addGroups: ['space_administrators'], removeGroups: [] },
    });
  });

  it('refuses to take the owner out of space_administrators', () => {
    const owner = member('designer', ['space_administrators'], true);
    const [line] = previewImport(rows(['owner@example.com', '', 'designer', '']), space({ memberList: [['owner@example.com', owner]] }), UPDATE).lines;
    expect(line).toMatchObject({ ok: false, problems: [{ code: 'owner_stays_admin' }] });
  });

  it('reports a pending invitation as already invited', () => {
    const pending = new Map([['bob@example.com', { email: 'bob@example.com', profile: 'reader' as const }]]);
    const p = previewImport(rows(['bob@example.com', '', 'designer', '']), space({ pendingInvitations: pending }), UPDATE);
    expect(p.lines[0]).toMatchObject({ ok: true, action: { kind: 'already_invited', email: 'bob@example.com' } });
    expect(p.seats).toEqual([]);
  });
});

describe('previewImport: lines with a problem', () => {
  it.each([
    { cells: ['ada@', '', 'reader', ''], problems: [{ code: 'malformed_address', value: 'ada@' }] },
    { cells: ['ada@example.com', '', 'owner', ''], problems: [{ code: 'unknown_profile', value: 'owner' }] },
    { cells: ['ada@example.com', '', 'reader', 'ml;finance;Legal'], problems: [{ code: 'unknown_group', groups: ['finance', 'Legal'] }] },
    { cells: ['ada@example.com', 'Ada', 'reader', '', 'x'], problems: [{ code: 'extra_cells', count: 1 }] },
    {
      cells: ['not an address', '', '', ''],
      problems: [
        { code: 'malformed_address', value: 'not an address' },
        { code: 'unknown_profile', value: '' },
      ],
    },
  ])('reports $problems', ({ cells, problems }) => {
    const p = previewImport(rows(cells), space(), OFF);
    expect(p.lines[0]).toEqual({ line: 2, legacyAdmin: false, ok: false, problems });
    expect(p.counts.errors).toBe(1);
    expect(p.canApply).toBe(false);
  });

  it('creates missing groups only when asked, once each, as first spelled', () => {
    const file = rows(['ada@example.com', '', 'reader', 'Finance'], ['bob@example.com', '', 'reader', 'finance;ml']);
    const p = previewImport(file, space(), CREATE);
    expect(p.groupsToCreate).toEqual(['Finance']);
    expect(p.lines.map((l) => l.ok && l.newGroups)).toEqual([['Finance'], ['finance']]);
    expect(p.lines[1]).toMatchObject({ action: { groups: ['Finance', 'ml'] } });
    expect(p.canApply).toBe(true);
  });

  it('does not create a group whose name the group rules refuse', () => {
    const long = 'x'.repeat(201);
    const p = previewImport(rows(['ada@example.com', '', 'reader', long]), space(), CREATE);
    expect(p.lines[0]).toMatchObject({ ok: false, problems: [{ code: 'invalid_group_name', groups: [long] }] });
  });

  it('does not hold up a line that writes no groups over a group that does not exist', () => {
    const memberList: [string, MemberSnapshot][] = [['ada@example.com', member('reader')]];
    const p = previewImport(rows(['ada@example.com', '', 'reader', 'finance']), space({ memberList }), OFF);
    expect(p.lines[0]).toMatchObject({ ok: true, action: { kind: 'already_member', changesIgnored: true } });
    expect(previewImport(rows(['ada@example.com', '', 'reader', 'finance']), space({ memberList }), UPDATE).lines[0]).toMatchObject({
      ok: false,
      problems: [{ code: 'unknown_group', groups: ['finance'] }],
    });
  });

  it('creates no group for a line that invites nobody', () => {
    const pending = new Map([['bob@example.com', { email: 'bob@example.com', profile: 'reader' as const }]]);
    expect(previewImport(rows(['bob@example.com', '', 'reader', 'finance']), space({ pendingInvitations: pending }), CREATE).groupsToCreate).toEqual([]);
  });
});

describe('previewImport: an address given twice', () => {
  it('says a repeated identical line adds nothing', () => {
    const p = previewImport(rows(['ada@example.com', '', 'reader', ''], ['Ada@Example.com', '', 'READER', '']), space(), OFF);
    expect(p.lines[1]).toEqual({ line: 3, legacyAdmin: false, ok: true, newGroups: [], action: { kind: 'repeated', email: 'Ada@Example.com', firstLine: 2 } });
    expect(p.counts).toMatchObject({ invite: 1, repeated: 1 });
    expect(p.seats).toEqual([{ profile: 'reader', needed: 1, free: Number.POSITIVE_INFINITY, ok: true }]);
  });

  it('refuses the same address with another profile, naming the first line', () => {
    const p = previewImport(rows(['ada@example.com', '', 'reader', ''], ['ada@example.com', '', 'designer', '']), space(), OFF);
    expect(p.lines[1]).toMatchObject({ ok: false, problems: [{ code: 'conflicting_duplicate', firstLine: 2 }] });
    expect(p.canApply).toBe(false);
  });
});

describe('previewImport: seats for the whole file', () => {
  const tight = { designer: usage('designer', 3, 1, 1), explorer: usage('explorer', 2, 2, 0), reader: usage('reader', null, 40) };

  it('counts invitations per profile against the free seats', () => {
    const file = rows(['a@example.com', '', 'designer', ''], ['b@example.com', '', 'space admin', ''], ['c@example.com', '', 'reader', '']);
    const p = previewImport(file, space({ seats: tight }), OFF);
    expect(p.seats).toEqual([
      { profile: 'designer', needed: 2, free: 1, ok: false },
      { profile: 'reader', needed: 1, free: Number.POSITIVE_INFINITY, ok: true },
    ]);
    expect(p.counts.errors).toBe(0);
    expect(p.canApply).toBe(false);
  });

  it('counts a seat freed by a member moving to another profile', () => {
    // explorer is full, but m leaves it for reader as n takes an explorer seat: net zero.
    const memberList: [string, MemberSnapshot][] = [['m@example.com', member('explorer')]];
    const file = rows(['m@example.com', '', 'reader', ''], ['n@example.com', '', 'explorer', '']);
    const p = previewImport(file, space({ seats: tight, memberList }), UPDATE);
    expect(p.seats).toEqual([{ profile: 'reader', needed: 1, free: Number.POSITIVE_INFINITY, ok: true }]);
    expect(p.canApply).toBe(true);
  });

  it('counts a member moved into a full profile', () => {
    const memberList: [string, MemberSnapshot][] = [['m@example.com', member('reader')]];
    const p = previewImport(rows(['m@example.com', '', 'explorer', '']), space({ seats: tight, memberList }), UPDATE);
    expect(p.seats).toEqual([{ profile: 'explorer', needed: 1, free: 0, ok: false }]);
    expect(p.canApply).toBe(false);
  });

  it('needs no seat for members left as they are', () => {
    const memberList: [string, MemberSnapshot][] = [['m@example.com', member('reader')]];
    expect(previewImport(rows(['m@example.com', '', 'explorer', '']), space({ seats: tight, memberList }), OFF).seats).toEqual([]);
  });
});
