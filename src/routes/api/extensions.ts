// Extensions over the API: list, activate, deactivate. The same use cases as the Extensions panel.
import { createRoute, z } from '@hono/zod-openapi';
import { EXTENSION_KEYS } from '../../domain/extensions.js';
import { problem, problemResponse } from '../../http/api-problem.js';
import { listExtensions } from '../../services/extension-list.js';
import { activateExtension, deactivateExtension } from '../../services/extensions.js';
import { endpoint } from './endpoint.js';

const ExtensionSchema = z
  .object({
    key: z.enum(EXTENSION_KEYS),
    name: z.string(),
    description: z.string(),
    group: z.string().openapi({ description: 'the group the extension creates; every designer joins it while active' }),
    active: z.boolean(),
  })
  .openapi('Extension');

const ExtensionChangeSchema = z
  .object({ key: z.enum(EXTENSION_KEYS), active: z.boolean(), group: z.string(), designersAdded: z.number().int() })
  .openapi('ExtensionChange');

const KeyParam = z.object({ key: z.enum(EXTENSION_KEYS).openapi({ param: { name: 'key', in: 'path' } }) });

const list = createRoute({
  method: 'get',
  path: '/extensions',
  summary: 'List the extensions and whether each is active',
  tags: ['Extensions'],
  responses: { 200: { description: 'The extensions', content: { 'application/json': { schema: z.object({ extensions: z.array(ExtensionSchema) }) } } } },
});

const change = (on: boolean) =>
  createRoute({
    method: 'post',
    path: `/extensions/{key}/${on ? 'activate' : 'deactivate'}`,
    summary: on ? 'Activate an extension (creates its group, adds every designer)' : 'Deactivate an extension (its group is kept)',
    tags: ['Extensions'],
    request: { params: KeyParam },
    responses: {
      200: { description: on ? 'Activated' : 'Deactivated', content: { 'application/json': { schema: ExtensionChangeSchema } } },
      403: problemResponse('The key lacks extensions:write'),
      404: problemResponse('No such extension'),
      409: problemResponse(on ? 'Already active' : 'Not active'),
    },
  });

const toggle = (on: boolean) =>
  endpoint('extensions:write', change(on), async (c) => {
    const { key } = c.req.valid('param');
    const result = await (on ? activateExtension : deactivateExtension)(c.get('deps'), c.get('actor'), key);
    if (!result.ok) {
      switch (result.code) {
        case 'already_active':
          return problem(c, 'already_active', `The extension ${key} is already active.`);
        case 'not_active':
          return problem(c, 'not_active', `The extension ${key} is not active.`);
        case 'forbidden':
          return problem(c, 'missing_scope', 'This needs an API key with the scope extensions:write.');
      }
    }
    return c.json({ key, active: on, group: result.groupName, designersAdded: result.designersAdded }, 200);
  });

export const extensionEndpoints = [
  endpoint('extensions:write', list, async (c) => c.json({ extensions: await listExtensions(c.get('deps')) }, 200)),
  toggle(true),
  toggle(false),
];
