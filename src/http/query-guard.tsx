// Search text never carries control characters: a search for `%00` listed every row. Rather than guess
// what was meant, the request is refused with a page that says why. Other parameters (`next`, tokens)
// keep their own checks: `safeNext` already sends a `next` with control characters to `/`.
import type { MiddlewareHandler } from 'hono';
import { renderBare } from './pages.js';
import { LinkProblemPage } from '../../views/pages/auth.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** The parameters that carry typed search text: `q` (users, groups, members) and `actor` (audit log). */
const SEARCH_PARAMS = ['q', 'actor'];

export const queryGuard: MiddlewareHandler = async (c, next) => {
  const params = new URL(c.req.url).searchParams;
  for (const value of SEARCH_PARAMS.flatMap((name) => params.getAll(name))) {
    if (CONTROL.test(value)) {
      return renderBare(
        c,
        'Search refused',
        <LinkProblemPage
          title="This search has control characters"
          message="Search text cannot contain control characters such as NUL, tab or line breaks. Remove them and search again."
        />,
        400,
      );
    }
  }
  return next();
};
