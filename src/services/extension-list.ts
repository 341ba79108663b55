// The extensions of the space with whether each is active: for the API (the panel reads the same).
import { listExtensionStates } from '../db/queries/extensions.js';
import { EXTENSION_KEYS, EXTENSIONS, type ExtensionKey } from '../domain/extensions.js';
import type { ServiceDeps } from './deps.js';

export interface ExtensionView {
  key: ExtensionKey;
  name: string;
  description: string;
  group: string;
  active: boolean;
}

export async function listExtensions(deps: Pick<ServiceDeps, 'db'>): Promise<ExtensionView[]> {
  const states = await listExtensionStates(deps.db);
  return EXTENSION_KEYS.map((key) => {
    const def = EXTENSIONS[key];
    return { key, name: def.name, description: def.description, group: def.group, active: states.some((s) => s.key === key && s.active) };
  });
}
