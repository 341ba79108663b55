import type { FC } from 'hono/jsx';

import { formatCount as n } from './format.js';

/** "51–100 of 44,197 · « Previous · Page 2 of 884 · Next »" under a paged table. */
export const Pager: FC<{ id?: string; page: number; pageSize: number; total: number; href: (page: number) => string; none?: string }> = (p) => {
  const pages = Math.max(1, Math.ceil(p.total / p.pageSize));
  return (
    <nav class="pager" aria-label="Pages">
      <span id={p.id} class="muted small">
        {p.total === 0
          ? (p.none ?? 'No rows')
          : `${n((p.page - 1) * p.pageSize + 1)}–${n(Math.min(p.page * p.pageSize, p.total))} of ${n(p.total)}`}
      </span>
      <span class="pager-links">
        {p.page > 1 ? <a href={p.href(p.page - 1)}>« Previous</a> : null}
        <span class="muted small">
          Page {n(p.page)} of {n(pages)}
        </span>
        {p.page < pages ? <a href={p.href(p.page + 1)}>Next »</a> : null}
      </span>
    </nav>
  );
};
