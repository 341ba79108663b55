// `launchpad instance …` and `launchpad rotate-keys`, run as an operator would.
import { afterAll, describe, expect, it } from 'vitest';
import { cliOnFreshDatabase } from '../support/cli.js';

const cli = cliOnFreshDatabase('launchpad-cli-instances-');
const launchpad = cli.launchpad;

afterAll(() => cli.remove());

describe('launchpad instance', () => {
  it('adds (the secret printed once), lists without it, rotates, disables', async () => {
    const added = await launchpad(['instance', 'add', '--name', 'Deployer', '--redirect-uri', 'https://deployer.example.com/cb', '--redirect-uri', 'https://deployer.example.com/cb2', '--designers-only']);
    expect(added.code).toBe(0);
    const clientId = /^client_id=(lpi_[a-z0-9]+)$/m.exec(added.stdout)?.[1];
    const secret = /^client_secret=([a-z0-9]{52})$/m.exec(added.stdout)?.[1];
    expect(clientId).toBeTruthy();
    expect(secret).toBeTruthy();
    expect(added.stderr).toContain('Issuer: https://launchpad.example.com');

    const listed = await launchpad(['instance', 'list']);
    expect(listed.stdout).toContain(`${clientId}\tactive\tDeployer\thttps://deployer.example.com/cb,https://deployer.example.com/cb2\tdesigners only`);
    expect(listed.stdout).not.toContain(secret!);

    const rotated = await launchpad(['instance', 'rotate', clientId!]);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(/^client_secret=[a-z0-9]{52}\n$/);
    expect(rotated.stdout).not.toContain(secret!);

    expect((await launchpad(['instance', 'disable', clientId!])).stdout).toContain(`Disabled the instance ${clientId} (Deployer).`);
    expect((await launchpad(['instance', 'list'])).stdout).toContain(`${clientId}\tdisabled`);
  }, 120_000);

  it('refuses a bad redirect URI, naming the flag', async () => {
    const r = await launchpad(['instance', 'add', '--name', 'X', '--redirect-uri', 'not a url']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--redirect-uri: “not” is not a full http(s) address');
  }, 60_000);

  it('rotate-keys adds a signing key', async () => {
    const r = await launchpad(['rotate-keys']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^New signing key [a-z0-9]{16}; it signs from now on/);
    expect(r.stderr).toBe('');
  }, 60_000);
});
