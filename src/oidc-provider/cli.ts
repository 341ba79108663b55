// `launchpad instance add|list|rotate|disable|enable|delete` and `launchpad rotate-keys`: the same use cases
// as the Instances panel, as the command line.
import { parseArgs } from 'node:util';
import type { ServiceDeps } from '../services/deps.js';
import {
  addInstance,
  deleteInstance,
  disableInstance,
  enableInstance,
  listInstances,
  rotateInstanceSecret,
  type InstanceChangeResult,
  type InstanceManager,
} from '../services/instances.js';
import { rotateSigningKey } from '../services/signing-keys.js';
import { instanceProblemMessage } from '../../views/instances/messages.js';

const CLI: InstanceManager = { kind: 'command_line' };
const FLAGS = { name: '--name', redirectUris: '--redirect-uri', postLogoutRedirectUri: '--post-logout-uri' } as const;
const USAGE =
  'Usage: instance add --name N --redirect-uri URL [--redirect-uri URL] [--post-logout-uri URL] [--designers-only]\n' +
  '       instance list | instance rotate ID | instance disable ID | instance enable ID | instance delete ID\n';

function changed(result: InstanceChangeResult, id: string, done: string): number {
  if (result.ok) {
    console.log(`${done} ${id} (${result.name}).`);
    return 0;
  }
  process.stderr.write(result.code === 'unchanged' ? `The instance ${id} is already so.\n` : `No instance ${id}.\n`);
  return 1;
}

export async function runInstanceCommand(deps: ServiceDeps, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const id = rest[0] ?? '';
  if (['rotate', 'disable', 'enable', 'delete'].includes(sub ?? '') && id === '') {
    process.stderr.write(`instance ${sub} needs the instance id (see instance list)\n`);
    return 2;
  }
  switch (sub) {
    case 'add': {
      const { values } = parseArgs({
        args: rest,
        options: {
          name: { type: 'string' },
          'redirect-uri': { type: 'string', multiple: true },
          'post-logout-uri': { type: 'string' },
          'designers-only': { type: 'boolean' },
        },
      });
      const result = await addInstance(deps, CLI, {
        name: values.name ?? '',
        redirectUris: values['redirect-uri'] ?? [],
        postLogoutRedirectUri: values['post-logout-uri'] ?? '',
        designersOnly: values['designers-only'] ?? false,
      });
      if (!result.ok) {
        if (result.code === 'forbidden') return 1; // not reachable from the command line: kept for the union
        for (const p of result.problems) process.stderr.write(`${FLAGS[p.field]}: ${instanceProblemMessage(p.code, p.detail)}\n`);
        return 2;
      }
      process.stderr.write(`Registered. The client secret is shown only once.\nIssuer: ${deps.config.publicUrl.origin}\n`);
      process.stdout.write(`client_id=${result.clientId}\nclient_secret=${result.clientSecret}\n`);
      return 0;
    }
    case 'list': {
      const result = await listInstances(deps, CLI);
      if (!result.ok) return 1;
      if (result.instances.length === 0) console.log('No instances.');
      for (const i of result.instances) {
        console.log([i.id, i.status, i.name, i.redirectUris.join(','), i.designersOnly ? 'designers only' : 'all profiles', `registered ${new Date(i.createdAt).toISOString()} by ${i.createdByLabel}`].join('\t'));
      }
      return 0;
    }
    case 'rotate': {
      const result = await rotateInstanceSecret(deps, CLI, id);
      if (!result.ok) return changed(result, id, '');
      process.stderr.write(`New secret for ${id} (${result.name}); the old one no longer works. Shown only once:\n`);
      process.stdout.write(`client_secret=${result.clientSecret}\n`);
      return 0;
    }
    case 'disable':
      return changed(await disableInstance(deps, CLI, id), id, 'Disabled the instance');
    case 'enable':
      return changed(await enableInstance(deps, CLI, id), id, 'Enabled the instance');
    case 'delete':
      return changed(await deleteInstance(deps, CLI, id), id, 'Deleted the instance');
    default:
      process.stderr.write(USAGE);
      return 2;
  }
}

/** A new signing key; the previous ones stay published until the tokens they signed have expired. */
export async function runRotateKeys(deps: ServiceDeps, serverSecret: string): Promise<number> {
  const { kid, dropped } = await rotateSigningKey(deps, serverSecret);
  console.log(`New signing key ${kid}; it signs from now on (every server picks it up within seconds).${dropped ? ` Dropped ${dropped} expired key(s).` : ''}`);
  return 0;
}
