// Helpers for the API tests: a key with given scopes, and requests that send it.
import { createApiKey } from '../../src/services/api-keys.js';
import type { TestApp } from '../support/app.js';

export async function makeKey(t: TestApp, scopes: string[], opts: { name?: string; expiresIn?: string } = {}): Promise<{ key: string; id: string }> {
  const r = await createApiKey(t.deps, { kind: 'command_line' }, { name: opts.name ?? 'Test key', scopes, expiresIn: opts.expiresIn ?? '' });
  if (!r.ok) throw new Error(`key not created: ${JSON.stringify(r)}`);
  return { key: r.key, id: r.id };
}

export function api(t: TestApp, method: string, path: string, opts: { key?: string; json?: unknown; headers?: Record<string, string>; body?: string } = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | undefined = opts.body;
  if (opts.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(opts.json);
  }
  return t.app.request(path, { method, headers, body });
}
