// `launchpad export users|audit [--out FILE] [--format csv|jsonl]`: the panel's downloads, as the command
// line, through the same use cases (so they are audited, by "command line").
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { COMMAND_LINE } from './services/actor.js';
import type { ServiceDeps } from './services/deps.js';
import { exportAudit, exportUsers, type ExportFile } from './services/exports.js';

export async function runExportCommand(deps: ServiceDeps, args: string[], stdout: Writable = process.stdout): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string' }, format: { type: 'string' } },
  });
  const what = positionals[0];
  const format = values.format ?? 'csv';
  if (what !== 'users' && what !== 'audit') {
    process.stderr.write('export needs what to export: users or audit\n');
    return 2;
  }
  if (format !== 'csv' && format !== 'jsonl') {
    process.stderr.write('--format: csv or jsonl\n');
    return 2;
  }
  if (what === 'users' && format !== 'csv') {
    process.stderr.write('--format: the Users list exports as csv only\n');
    return 2;
  }
  const file = what === 'users' ? await exportUsers(deps, COMMAND_LINE, {}) : await exportAudit(deps, COMMAND_LINE, {}, format);
  if (!file.ok) return 1; // the operator may always export: kept for the union
  await write(file, values.out, stdout);
  if (values.out) process.stderr.write(`Wrote ${values.out}\n`);
  return 0;
}

async function write(file: ExportFile, out: string | undefined, stdout: Writable): Promise<void> {
  const source = Readable.from(file.chunks);
  if (out) await pipeline(source, createWriteStream(out));
  else await pipeline(source, stdout, { end: false });
}
