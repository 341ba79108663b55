// A use case's refusal in HTML: forbidden and not_found become the generic status pages; every other code
// takes its status, field and words from the one table in services/errors.ts.
import type { Context } from 'hono';
import { describeRefusal, type Refusal, type RefusalOf } from '../services/errors.js';
import type { AppEnv } from './env.js';
import { renderForbidden, renderNotFound } from './pages.js';

/** The status page for a refused read (or a write whose target is gone). */
export function renderRefused(c: Context<AppEnv>, refusal: RefusalOf<'forbidden' | 'not_found'>) {
  return refusal.code === 'forbidden' ? renderForbidden(c) : renderNotFound(c);
}

/** Whether the refusal is one of those that get a status page rather than a message in the form. */
export function isStatusRefusal(refusal: Refusal): refusal is RefusalOf<'forbidden' | 'not_found'> {
  return refusal.code === 'forbidden' || refusal.code === 'not_found';
}

/** The words and the HTTP status of a refusal, for a form, a row or a dialog to show. */
export function refusalWords(refusal: Refusal) {
  const { words, status } = describeRefusal(refusal);
  return { words, status };
}
