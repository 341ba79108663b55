// `launchpad api-key create|list|revoke`, run as an operator would.
import { afterAll, describe, expect, it } from 'vitest';
import { cliOnFreshDatabase } from '../support/cli.js';

const cli = cliOnFreshDatabase('launchpad-cli-keys-');
const launchpad = cli.launchpad;

afterAll(() => cli.remove());

describe('launchpad api-key', () => {
  it('--help lists the api-key commands', async () => {
    const r = await launchpad(['--help']);
    expect(r.stdout).toContain('api-key create --name N --scopes a,b [--expires 90d]');
    expect(r.stdout).toContain('api-key list');
    expect(r.stdout).toContain('api-key revoke ID');
    expect(r.stdout).toContain('API_RATE_LIMIT');
  }, 60_000);

  it('creates (printing the key once), lists without the secret, revokes', async () => {
    const created = await launchpad(['api-key', 'create', '--name', 'HR sync', '--scopes', 'users:read,invitations:write', '--expires', '90d']);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^lp_[a-z0-9]{12}_[a-z0-9]{40}$/);
    const id = key.split('_')[1]!;
    const list = await launchpad(['api-key', 'list']);
    expect(list.stdout).toContain(id);
    expect(list.stdout).toContain('HR sync');
    expect(list.stdout).toContain('users:read,invitations:write');
    expect(list.stdout).toContain('command line');
    expect(list.stdout).not.toContain(key.split('_')[2]!);
    const revoked = await launchpad(['api-key', 'revoke', id]);
    expect(revoked.code).toBe(0);
    expect((await launchpad(['api-key', 'list'])).stdout).toMatch(new RegExp(`${id}\\trevoked`));
    expect((await launchpad(['api-key', 'revoke', id])).code).toBe(1);
  }, 120_000);

  it('refuses an unknown scope or a bad expiry, naming the flag', async () => {
    const r = await launchpad(['api-key', 'create', '--name', 'x', '--scopes', 'users:read,root', '--expires', 'later']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--scopes: "root" is not a scope');
    expect(r.stderr).toContain('--expires: must be a duration');
  }, 60_000);
});
