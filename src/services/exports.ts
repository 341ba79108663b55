// Downloads: the Users list (CSV) and the Audit log (CSV or JSON Lines), with the filters of the page they
// come from and every page of it. Each export is audited before its first byte leaves; the rows are then
// read in keyset batches while the response streams, so memory stays flat however long the list.
import { eachUserForExport, type UserExportFilter } from '../db/queries/user-export.js';
import { can } from '../domain/permissions.js';
import type { Actor, Operator } from './actor.js';
import { byActor, byOperator, recordAudit } from './audit.js';
import { eachAuditEventFor, type AuditFilter } from './audit-log.js';
import type { ServiceDeps } from './deps.js';
import type { Failure } from './errors.js';
import { auditCsv, auditJsonLines } from './export/audit-export.js';
import { exportContentType, exportFileName, type ExportFormat } from './export/file-name.js';
import { usersCsv } from './export/users-csv.js';

export type { UserExportFilter } from '../db/queries/user-export.js';
export type { ExportFormat } from './export/file-name.js';

/** Who downloads: a Space Admin in the panel, or the operator on the command line. */
export type Exporter = Actor | Operator;

export interface ExportFile {
  ok: true;
  fileName: string;
  contentType: string;
  chunks: AsyncIterable<string>;
}

const byExporter = (e: Exporter) => (e.kind === 'operator' ? byOperator(e) : byActor(e));
const allowed = (e: Exporter) => e.kind === 'operator' || can(e, 'space_admin');
/** The filters as the log records them: only those set. */
const setOnly = (o: object) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));

export async function exportUsers(deps: ServiceDeps, by: Exporter, filter: UserExportFilter): Promise<ExportFile | Failure<'forbidden'>> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  await recordAudit(deps.db, now, byExporter(by), 'users.exported', undefined, { format: 'csv', ...setOnly(filter) });
  return {
    ok: true,
    fileName: exportFileName('users', 'csv', now),
    contentType: exportContentType('csv'),
    chunks: usersCsv(eachUserForExport(deps.db, filter, now)),
  };
}

export async function exportAudit(deps: ServiceDeps, by: Exporter, filter: AuditFilter, format: ExportFormat): Promise<ExportFile | Failure<'forbidden'>> {
  if (!allowed(by)) return { ok: false, code: 'forbidden' };
  const now = deps.now();
  // The event is written before the first batch is read: the file is the log as it stood when the
  // download began, this download's own event included (when the filters keep it).
  const events = await eachAuditEventFor(deps, filter);
  await recordAudit(deps.db, now, byExporter(by), 'audit.exported', undefined, { format, ...setOnly(filter) });
  return {
    ok: true,
    fileName: exportFileName('audit', format, now),
    contentType: exportContentType(format),
    chunks: format === 'csv' ? auditCsv(events) : auditJsonLines(events),
  };
}
