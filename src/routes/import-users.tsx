// "Import users": upload (multipart) → preview → apply → result. Works with JavaScript off: plain forms,
// the file carried from the preview to "Import" in a sealed hidden field (see services/import-users.ts).
import type { Context } from 'hono';
import { IMPORT_MAX_BYTES, IMPORT_MAX_LINES } from '../domain/import-rules.js';
import type { ImportPreview } from '../domain/import-preview.js';
import { needs, signedIn, type RouteDef } from '../http/access.js';
import type { AppEnv } from '../http/env.js';
import { importLineMessages, importRefusalMessage, importSeatMessage } from '../http/import-messages.js';
import { refusalWords, renderRefused } from '../http/messages.js';
import { renderShell } from '../http/pages.js';
import { describeRefusal } from '../services/errors.js';
import { parseUsersCsv } from '../services/import/parse-users-csv.js';
import { applyUsersImport, openImportFile, previewUsersImport, sealImportFile, type Importer } from '../services/import-users.js';
import { ImportPreviewPage, type ImportPreviewView } from '../../views/import/preview-page.js';
import { ImportResultPage } from '../../views/import/result-page.js';
import { ImportUploadPage, type ImportOptionValues } from '../../views/import/upload-page.js';
import { HTTPException } from 'hono/http-exception';

/** The upload, or the preview form carrying it deflated: 5 MB of file and room for the form around it. */
export const IMPORT_BODY_LIMIT = IMPORT_MAX_BYTES + 256 * 1024;

const MB = IMPORT_MAX_BYTES / 1024 / 1024;

type Body = Record<string, string | File | (string | File)[]>;

async function readBody(c: Context<AppEnv>): Promise<Body> {
  return c.req.parseBody({ all: true }).catch((cause: unknown) => {
    throw new HTTPException(400, { message: 'unreadable form body', cause });
  }) as Promise<Body>;
}

const text = (b: Body, k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
const optionsOf = (b: Body): ImportOptionValues => ({ updateExisting: text(b, 'update_existing') === '1', createMissingGroups: text(b, 'create_missing_groups') === '1' });

function uploadPage(c: Context<AppEnv>, options: ImportOptionValues, fileError: string | null = null, status: 200 | 413 | 422 = 200) {
  return renderShell(
    c,
    { title: 'Import users', active: 'users', body: <ImportUploadPage options={options} fileError={fileError} maxMb={MB} maxLines={IMPORT_MAX_LINES} /> },
    status,
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function previewView(p: ImportPreview, emails: string[], ignoredColumns: string[]): ImportPreviewView {
  const c = p.counts;
  const summary = [
    c.invite ? `${plural(c.invite, 'person', 'people')} to invite` : null,
    c.update_member ? `${plural(c.update_member, 'member')} to update` : null,
    c.already_member ? `${plural(c.already_member, 'line')} already members, left as they are` : null,
    c.already_invited ? `${plural(c.already_invited, 'line')} already invited` : null,
    c.repeated ? `${plural(c.repeated, 'line')} repeating an earlier line` : null,
    p.groupsToCreate.length ? `groups to create: ${p.groupsToCreate.join(', ')}` : null,
    c.errors ? `${plural(c.errors, 'line')} with a problem` : null,
  ].filter((s): s is string => s !== null);
  return {
    lines: p.lines.map((l, n) => ({ line: l.line, email: emails[n] ?? '', ok: l.ok, kind: l.ok ? l.action.kind : 'error', messages: importLineMessages(l) })),
    summary: summary.length ? summary : ['Nothing to do.'],
    seats: p.seats.map((s) => ({ ok: s.ok, text: importSeatMessage(s) })),
    canApply: p.canApply,
    toApply: c.invite + c.update_member,
    ignoredColumns,
  };
}

/** The file's text: uploaded now, or carried from the preview. A string is a refusal of the file. */
async function fileText(c: Context<AppEnv>, by: Importer, body: Body): Promise<{ text: string } | { error: string; status: 413 | 422 }> {
  const upload = body.file;
  if (upload instanceof File) {
    if (upload.size === 0 && !upload.name) return { error: 'Choose a CSV file.', status: 422 };
    if (upload.size > IMPORT_MAX_BYTES) return { error: importRefusalMessage({ code: 'too_large', bytes: upload.size, maxBytes: IMPORT_MAX_BYTES }), status: 413 };
    const bytes = new Uint8Array(await upload.arrayBuffer());
    const decoded = decodeUtf8(bytes);
    return decoded === null ? { error: importRefusalMessage({ code: 'not_text' }), status: 422 } : { text: decoded };
  }
  const carried = text(body, 'carried');
  if (carried) {
    const opened = openImportFile(c.get('deps'), by, carried, text(body, 'seal'));
    return opened === null ? { error: describeRefusal({ code: 'import_expired' }).words, status: 422 } : { text: opened };
  }
  return { error: 'Choose a CSV file.', status: 422 };
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const showUpload = signedIn((c) => uploadPage(c, { updateExisting: false, createMissingGroups: false }));

/** Reads the file and compares it with the space; the preview page, or the upload page with the refusal. */
async function previewOrRefuse(c: Context<AppEnv>, by: Importer, body: Body, apply: boolean) {
  const options = optionsOf(body);
  const file = await fileText(c, by, body);
  if ('error' in file) return uploadPage(c, options, file.error, file.status);
  const parsed = parseUsersCsv(file.text);
  if (!parsed.ok) return uploadPage(c, options, importRefusalMessage(parsed), 422);
  const emails = parsed.rows.map((r) => (r.address.ok ? r.address.email : r.address.value));
  const carried = sealImportFile(c.get('deps'), by, file.text);
  const page = (preview: ImportPreview, error: string | null, status: 200 | 403 | 409 | 422) =>
    renderShell(
      c,
      {
        title: 'Import users: preview',
        active: 'users',
        body: <ImportPreviewPage preview={previewView(preview, emails, parsed.ignoredColumns)} options={options} carried={carried} error={error} />,
      },
      status,
    );
  if (!apply) {
    const r = await previewUsersImport(c.get('deps'), by, parsed.rows, options);
    return r.ok ? page(r.preview, null, 200) : renderRefused(c, r);
  }
  const r = await applyUsersImport(c.get('deps'), by, parsed.rows, options);
  if (!r.ok) {
    if (r.code === 'forbidden') return renderRefused(c, r);
    // Show why, against the space as it is now.
    const again = await previewUsersImport(c.get('deps'), by, parsed.rows, options);
    if (!again.ok) return renderRefused(c, again);
    const { words, status } = refusalWords(r);
    return page(again.preview, words, status as 409);
  }
  return renderShell(c, {
    title: 'Import users: done',
    active: 'users',
    body: (
      <ImportResultPage
        invited={r.applied.invited.map((i) => ({ ...i, href: `/invitations/${i.id}/edit` }))}
        updated={r.applied.updated}
        groupsCreated={r.applied.groupsCreated}
      />
    ),
  });
}

const submitPreview = signedIn(async (c, { user }) => previewOrRefuse(c, user, await readBody(c), false));
const submitApply = signedIn(async (c, { user }) => previewOrRefuse(c, user, await readBody(c), true));

export const importUsersRoutes: RouteDef[] = [
  { method: 'GET', path: '/users/import', access: needs('space_admin'), handler: showUpload },
  { method: 'POST', path: '/users/import/preview', access: needs('space_admin'), handler: submitPreview },
  { method: 'POST', path: '/users/import/apply', access: needs('space_admin'), handler: submitApply },
];
