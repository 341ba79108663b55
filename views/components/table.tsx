import type { Child, FC } from 'hono/jsx';

/**
 * A list's table in its card: the column headings (a string, or a header cell of its own such as a
 * sortable one), a last column for each row's actions, and a message across the table when it has no rows.
 */
export const DataTable: FC<{
  columns: Child[];
  rows: Child[];
  empty: Child;
  /** The element that describes the table (its count under it). */
  describedBy?: string;
  /** The body's id, where htmx adds rows. */
  bodyId?: string;
  /** A class of the table's own (e.g. one whose rows become cards on a phone). */
  class?: string;
}> = (p) => (
  <div class="card flush">
    <table class={p.class ? `table ${p.class}` : 'table'} aria-describedby={p.describedBy}>
      <thead>
        <tr>
          {p.columns.map((c) => (typeof c === 'string' ? <th scope="col">{c}</th> : c))}
          <th scope="col" class="actions">
            <span class="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody id={p.bodyId}>
        {p.rows.length === 0 ? (
          <tr>
            <td colspan={p.columns.length + 1} class="empty">
              {p.empty}
            </td>
          </tr>
        ) : (
          p.rows
        )}
      </tbody>
    </table>
  </div>
);
