// The Audit log as CSV (for a spreadsheet) and as JSON Lines (for a program): one event a row or a line.
import type { AuditEvent } from '../../db/queries/audit.js';
import { csvChunks, CSV_BATCH_ROWS, isoTime } from './csv-chunks.js';

export const AUDIT_EXPORT_COLUMNS = ['id', 'at', 'actor', 'action', 'target type', 'target id', 'target', 'details'] as const;

export function auditCsv(events: AsyncIterable<AuditEvent>, options?: { bom?: boolean }): AsyncGenerator<string> {
  return csvChunks(
    AUDIT_EXPORT_COLUMNS,
    events,
    (e) => [String(e.id), isoTime(e.at), e.actorLabel, e.action, e.targetType, e.targetId, e.targetLabel, JSON.stringify(e.details)],
    options,
  );
}

/** One JSON object per line (LF), batched like the CSV; JSON needs no formula protection. */
export async function* auditJsonLines(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  let batch = '';
  let n = 0;
  for await (const e of events) {
    batch += `${JSON.stringify({
      id: e.id,
      at: isoTime(e.at),
      actor: { id: e.actorId, label: e.actorLabel },
      action: e.action,
      target: e.targetType === null ? null : { type: e.targetType, id: e.targetId, label: e.targetLabel },
      details: e.details,
    })}\n`;
    if (++n >= CSV_BATCH_ROWS) {
      yield batch;
      batch = '';
      n = 0;
    }
  }
  if (batch) yield batch;
}
