// "Import users", step 2: what each line would do, the seat check for the whole file, and "Import".
import type { FC } from 'hono/jsx';
import { FormError } from '../components/form.js';
import { ImportOptionsFields, type ImportOptionValues } from './upload-page.js';

export interface PreviewLineView {
  line: number;
  email: string;
  ok: boolean;
  /** invite, update_member, already_member, already_invited, repeated, or error. */
  kind: string;
  messages: string[];
}

export interface ImportPreviewView {
  lines: PreviewLineView[];
  summary: string[];
  seats: { ok: boolean; text: string }[];
  canApply: boolean;
  toApply: number;
  ignoredColumns: string[];
}

const KIND_LABEL: Record<string, string> = {
  invite: 'Invite',
  update_member: 'Update',
  already_member: 'Member',
  already_invited: 'Invited',
  repeated: 'Repeated',
  error: 'Problem',
};

export const ImportPreviewPage: FC<{
  preview: ImportPreviewView;
  options: ImportOptionValues;
  carried: { file: string; seal: string };
  error?: string | null;
}> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>Import users: preview</h1>
        <p class="muted">
          <a href="/users">Users</a> · <a href="/users/import">Choose another file</a>
        </p>
      </div>
    </header>
    <FormError message={p.error} />
    <section class="card" aria-labelledby="import-summary">
      <h2 id="import-summary">What the import would do</h2>
      <ul>
        {p.preview.summary.map((s) => (
          <li>{s}</li>
        ))}
      </ul>
      {p.preview.ignoredColumns.length ? <p class="muted">Columns not read: {p.preview.ignoredColumns.join(', ')}.</p> : null}
      <h3>Seats</h3>
      <ul>
        {p.preview.seats.length === 0 ? <li>The file takes no new seat.</li> : null}
        {p.preview.seats.map((s) => (
          <li class={s.ok ? undefined : 'error'}>{s.text}</li>
        ))}
      </ul>
      <form method="post" action="/users/import/apply" class="stack">
        <input type="hidden" name="carried" value={p.carried.file} />
        <input type="hidden" name="seal" value={p.carried.seal} />
        <ImportOptionsFields options={p.options} />
        <div>
          <button class="btn" type="submit" formaction="/users/import/preview">
            Update the preview
          </button>{' '}
          {p.preview.canApply ? (
            <button class="btn btn-primary" type="submit">
              Import ({p.preview.toApply} {p.preview.toApply === 1 ? 'change' : 'changes'})
            </button>
          ) : (
            <span class="error" id="import-blocked">
              Nothing can be imported until every line is correct and the seats suffice.
            </span>
          )}
        </div>
      </form>
    </section>
    <div class="card flush">
      <table class="table">
        <caption class="sr-only">Each line of the file</caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Email</th>
            <th scope="col">Result</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {p.preview.lines.map((l) => (
            <tr class={l.ok ? undefined : 'row-error'} data-line={String(l.line)}>
              <td>{l.line}</td>
              <td>{l.email}</td>
              <td>
                <span class={l.ok ? 'badge' : 'badge badge-danger'}>{KIND_LABEL[l.kind] ?? l.kind}</span>
              </td>
              <td>
                {l.messages.map((m) => (
                  <p class={l.ok ? 'small' : 'small error'}>{m}</p>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);
