// `launchpad api-key create|list|revoke`: the same use cases as the API keys panel, as the command line.
import { parseArgs } from 'node:util';
import { API_SCOPES } from './domain/api-scopes.js';
import { createApiKey, listApiKeys, revokeApiKey, type KeyManager } from './services/api-keys.js';
import type { ServiceDeps } from './services/deps.js';

const CLI: KeyManager = { kind: 'command_line' };
const FLAGS = { name: '--name', scopes: '--scopes', expiresIn: '--expires' } as const;
const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());

const PROBLEM_WORDS = {
  name_required: 'a name is required',
  name_too_long: 'the name is too long',
  scopes_required: `at least one scope is required (${API_SCOPES.join(', ')})`,
  unknown_scope: `is not a scope (scopes: ${API_SCOPES.join(', ')})`,
  expiry_invalid: 'must be a duration such as 90d, 12h or 30m',
} as const;

export async function runApiKeyCommand(deps: ServiceDeps, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'create': {
      const { values } = parseArgs({ args: rest, options: { name: { type: 'string' }, scopes: { type: 'string' }, expires: { type: 'string' } } });
      const result = await createApiKey(deps, CLI, { name: values.name ?? '', scopes: values.scopes ?? '', expiresIn: values.expires ?? '' });
      if (!result.ok) {
        if (result.code === 'forbidden') return 1; // not reachable from the command line: kept for the union
        for (const p of result.problems) process.stderr.write(`${FLAGS[p.field]}: ${p.detail ? `"${p.detail}" ` : ''}${PROBLEM_WORDS[p.code]}\n`);
        return 2;
      }
      process.stderr.write(`Created the API key ${result.id}${result.expiresAt ? `, expiring ${iso(result.expiresAt)}` : ''}. It is shown only once:\n`);
      process.stdout.write(`${result.key}\n`);
      return 0;
    }
    case 'list': {
      const result = await listApiKeys(deps, CLI);
      if (!result.ok) return 1;
      if (result.keys.length === 0) {
        console.log('No API keys.');
        return 0;
      }
      for (const k of result.keys) {
        console.log(
          [k.id, k.status, k.name, k.scopes.join(','), `created ${iso(k.createdAt)} by ${k.createdByLabel}`, `expires ${iso(k.expiresAt)}`, `last used ${iso(k.lastUsedAt)}${k.lastUsedAddress ? ` from ${k.lastUsedAddress}` : ''}`].join('\t'),
        );
      }
      return 0;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id) {
        process.stderr.write('api-key revoke needs the key id (see api-key list)\n');
        return 2;
      }
      const result = await revokeApiKey(deps, CLI, id);
      if (!result.ok) {
        process.stderr.write(result.code === 'already_revoked' ? `The key ${id} is already revoked.\n` : `No API key ${id}.\n`);
        return 1;
      }
      console.log(`Revoked the API key ${id} (${result.name}).`);
      return 0;
    }
    default:
      process.stderr.write('Usage: api-key create --name N --scopes a,b [--expires 90d] | api-key list | api-key revoke ID\n');
      return 2;
  }
}
