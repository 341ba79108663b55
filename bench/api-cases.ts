// The API's cases: a key made with the command line (as an operator would), and GET /api/v1/users
// (the first 50), loaded like the pages so its req/s stands next to the Users tab's.
import { execFileSync } from 'node:child_process';
import type { LoadCase } from './cases.js';

const KEY = /lp_[a-z0-9]{12}_[a-z0-9]{40}/;

/** `launchpad api-key create` against the bench's database, before the server starts. */
export function createApiKey(
  binary: string,
  env: Record<string, string>,
  made: { name: string; scopes: string } = { name: 'bench', scopes: 'users:read,invitations:write' },
): string {
  const out = execFileSync(binary, ['api-key', 'create', '--name', made.name, '--scopes', made.scopes], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const key = KEY.exec(out)?.[0];
  if (!key) throw new Error(`api-key create printed no key: ${out}`);
  return key;
}

export function apiUsersCase(apiKey: string): LoadCase {
  const path = '/api/v1/users?limit=50';
  return {
    name: 'API: users, first 50',
    request: `GET ${path}`,
    note: 'with a bearer key (the key is checked and its rate counter written on every request; API_RATE_LIMIT raised for the run)',
    usersTarget: false,
    spec: { requests: [{ method: 'GET', path, headers: { authorization: `Bearer ${apiKey}`, 'accept-encoding': 'gzip, deflate, br, zstd' } }], expectedStatus: 200 },
  };
}
