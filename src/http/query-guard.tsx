// Search text and other query parameters never carry control characters. A NUL in `?q=` reached the
// LIKE pattern, where SQLite ends the string at it and the search matched every row; rather than
// guess what was meant, the request is refused with a page that says why.
import type { MiddlewareHandler } from 'hono';
import { renderBare } from './pages.js';
import { LinkProblemPage } from '../../views/pages/auth.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

export const queryGuard: MiddlewareHandler = async (c, next) => {
  const params = new URL(c.req.url).searchParams;
  for (const value of params.values()) {
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
