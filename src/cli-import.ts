// `launchpad import-users FILE [--dry-run] [--update-existing] [--create-missing-groups]`: the same preview
// and the same one-transaction import as the panel, as the command line (audited as "command line").
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_MAX_BYTES } from './domain/import-rules.js';
import { importLineMessages, importRefusalMessage, importSeatMessage } from './http/import-messages.js';
import { COMMAND_LINE } from './services/actor.js';
import type { ServiceDeps } from './services/deps.js';
import { describeRefusal } from './services/errors.js';
import { parseUsersCsv } from './services/import/parse-users-csv.js';
import { applyUsersImport, previewUsersImport, type ImportPreview } from './services/import-users.js';

function printPreview(p: ImportPreview, emails: string[]): void {
  for (const [n, l] of p.lines.entries()) {
    const what = l.ok ? l.action.kind : 'error';
    for (const m of importLineMessages(l)) console.log(`line ${l.line}\t${emails[n]}\t${what}\t${m}`);
  }
  for (const s of p.seats) console.log(`seats\t${importSeatMessage(s)}`);
}

export async function runImportCommand(deps: ServiceDeps, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean' }, 'update-existing': { type: 'boolean' }, 'create-missing-groups': { type: 'boolean' } },
  });
  const path = positionals[0];
  if (!path) {
    process.stderr.write('import-users needs the CSV file: launchpad import-users FILE [--dry-run]\n');
    return 2;
  }
  let bytes: Uint8Array;
  try {
    const size = statSync(path).size;
    if (size > IMPORT_MAX_BYTES) {
      process.stderr.write(`${importRefusalMessage({ code: 'too_large', bytes: size, maxBytes: IMPORT_MAX_BYTES })}\n`);
      return 1;
    }
    bytes = readFileSync(path);
  } catch (err) {
    process.stderr.write(`Cannot read ${path}: ${(err as Error).message}\n`);
    return 2;
  }
  const parsed = parseUsersCsv(bytes);
  if (!parsed.ok) {
    process.stderr.write(`${importRefusalMessage(parsed)}\n`);
    return 1;
  }
  const options = { updateExisting: values['update-existing'] ?? false, createMissingGroups: values['create-missing-groups'] ?? false };
  const emails = parsed.rows.map((r) => (r.address.ok ? r.address.email : r.address.value));
  const preview = await previewUsersImport(deps, COMMAND_LINE, parsed.rows, options);
  if (!preview.ok) return 1;
  printPreview(preview.preview, emails);
  if (values['dry-run']) {
    console.log(preview.preview.canApply ? 'Dry run: nothing was changed.' : 'Dry run: this file cannot be imported as it is; nothing was changed.');
    return preview.preview.canApply ? 0 : 1;
  }
  const applied = await applyUsersImport(deps, COMMAND_LINE, parsed.rows, options);
  if (!applied.ok) {
    process.stderr.write(`${describeRefusal(applied).words}\n`);
    return 1;
  }
  const a = applied.applied;
  console.log(`Imported: ${a.invited.length} invitations queued, ${a.updated} members updated${a.groupsCreated.length ? `, groups created: ${a.groupsCreated.join(', ')}` : ''}.`);
  return 0;
}
