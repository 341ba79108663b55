// `Idempotency-Key` for the API's bulk writes: a retry with the same key and request answers what the
// first request answered (marked `Idempotent-Replayed: true`), and the use case does not run again.
// A key reused for another request is refused (422); one whose first request still runs answers 409.
import type { Context } from 'hono';
import { claimIdempotencyKey, releaseIdempotencyKey, requestFingerprint, settleIdempotencyKey } from '../services/idempotency.js';
import type { ApiEnv } from './api-env.js';
import { problem, PROBLEM_CONTENT_TYPE } from './api-problem.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export async function idempotent(c: Context<ApiEnv>, run: () => Promise<Response>): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return run();
  if (!KEY_PATTERN.test(key)) {
    return problem(c, 'invalid', 'An Idempotency-Key is 1 to 255 visible ASCII characters, such as a UUID.', 'Idempotency-Key');
  }
  const deps = c.get('deps');
  const keyId = c.get('apiKey').id;
  const claim = await claimIdempotencyKey(deps, keyId, key, requestFingerprint(c.req.method, c.req.path, await c.req.text()));
  switch (claim.kind) {
    case 'replay':
      return new Response(claim.body, {
        status: claim.status,
        headers: { 'content-type': claim.status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json', 'idempotent-replayed': 'true', 'cache-control': 'no-store' },
      });
    case 'mismatch':
      return problem(c, 'idempotency_key_reused', 'This Idempotency-Key was sent with another request. Use a new key for a new request.', 'Idempotency-Key');
    case 'in_progress':
      return problem(c, 'idempotency_in_progress', 'The first request with this Idempotency-Key has not answered yet. Retry in a moment.', 'Idempotency-Key');
    case 'first':
      break;
  }
  try {
    const res = await run();
    // Refusals are answers too (a retry gets the same one); a server error lets the key go.
    if (res.status < 500) await settleIdempotencyKey(deps, keyId, key, res.status, await res.clone().text());
    else await releaseIdempotencyKey(deps, keyId, key);
    return res;
  } catch (err) {
    await releaseIdempotencyKey(deps, keyId, key);
    throw err;
  }
}
