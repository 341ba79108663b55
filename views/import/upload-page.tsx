// "Import users", step 1: choose the file and the options.
import type { FC } from 'hono/jsx';
import { formatCount } from '../components/format.js';

export interface ImportOptionValues {
  updateExisting: boolean;
  createMissingGroups: boolean;
}

export const ImportOptionsFields: FC<{ options: ImportOptionValues }> = ({ options }) => (
  <fieldset class="stack">
    <legend>Options</legend>
    <label class="check">
      <input type="checkbox" name="update_existing" value="1" checked={options.updateExisting} /> Update existing members: give them the
      profile and groups the file says
    </label>
    <label class="check">
      <input type="checkbox" name="create_missing_groups" value="1" checked={options.createMissingGroups} /> Create missing groups
    </label>
  </fieldset>
);

export const ImportUploadPage: FC<{ options: ImportOptionValues; fileError?: string | null; maxMb: number; maxLines: number }> = (p) => (
  <>
    <header class="page-head">
      <div>
        <h1>Import users</h1>
        <p class="muted">
          <a href="/users">Users</a> · A CSV file with a header row naming the columns <strong>email</strong>, <strong>profile</strong> and, if you like,
          <strong> name</strong> and <strong>groups</strong> (separated by <code>;</code> inside the cell), in any order. Comma or semicolon
          separated, UTF-8 with or without a byte order mark; at most {p.maxMb} MB and {formatCount(p.maxLines)} lines. The profile{' '}
          <em>space admin</em> of the old console becomes a designer in space_administrators.
        </p>
      </div>
    </header>
    <section class="card">
      <form method="post" action="/users/import/preview" enctype="multipart/form-data" class="stack narrow">
        <div class={p.fileError ? 'field has-error' : 'field'}>
          <label for="f-file">CSV file</label>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={p.fileError ? 'true' : undefined}
            aria-describedby={p.fileError ? 'f-file-error' : undefined}
          />
          {p.fileError ? (
            <p class="error" id="f-file-error">
              {p.fileError}
            </p>
          ) : null}
        </div>
        <ImportOptionsFields options={p.options} />
        <p class="muted">Nothing changes yet: the next page shows, line by line, what the import would do.</p>
        <div>
          <button class="btn btn-primary" type="submit">
            Preview
          </button>{' '}
          <a class="btn btn-ghost" href="/users">
            Cancel
          </a>
        </div>
      </form>
    </section>
  </>
);
