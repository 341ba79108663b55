// The extensions a space can activate, and the group each creates. Pure.
import type { Permission } from './permissions.js';

export const EXTENSION_KEYS = ['code_studios', 'api_deployer', 'automation_node'] as const;
export type ExtensionKey = (typeof EXTENSION_KEYS)[number];

export interface ExtensionDef {
  key: ExtensionKey;
  name: string;
  description: string;
  group: string;
  groupDescription: string;
  permissions: readonly Permission[];
}

export const EXTENSIONS: Record<ExtensionKey, ExtensionDef> = {
  code_studios: {
    key: 'code_studios',
    name: 'Code Studios',
    description: 'Browser-based IDEs (VS Code, JupyterLab, RStudio) next to your projects.',
    group: 'code-studios-designers',
    groupDescription: 'May create and use Code Studios. Every designer joins while the extension is active.',
    permissions: [],
  },
  api_deployer: {
    key: 'api_deployer',
    name: 'API Deployer',
    description: 'Publish API services to the local Deployer and an API node.',
    group: 'deployer',
    groupDescription: 'May publish API services on the local Deployer and the API node.',
    permissions: ['create_published_api_services'],
  },
  automation_node: {
    key: 'automation_node',
    name: 'Automation node',
    description: 'Publish projects to the local Deployer and run them on an Automation node.',
    group: 'project-deployer',
    groupDescription: 'May publish projects on the local Deployer and the Automation node.',
    permissions: ['create_published_projects'],
  },
};

export function isExtensionKey(v: unknown): v is ExtensionKey {
  return typeof v === 'string' && (EXTENSION_KEYS as readonly string[]).includes(v);
}
