// Download names that sort by date: launchpad-users-2026-12-04.csv. The date is UTC, like the file's times.

export type ExportKind = 'users' | 'audit';
export type ExportFormat = 'csv' | 'jsonl';

export function exportFileName(kind: ExportKind, format: ExportFormat, now: number): string {
  return `launchpad-${kind}-${new Date(now).toISOString().slice(0, 10)}.${format}`;
}

export function exportContentType(format: ExportFormat): string {
  return format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8';
}
