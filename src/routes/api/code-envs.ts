// Code envs over the API: list, get, create, update, delete. The Code Envs panel's use cases, so the
// same checks (name, language and version, requirements) answer with the same codes and words.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { CODE_ENV_LANGUAGES } from '../../domain/code-env.js';
import type { ApiEnv } from '../../http/api-env.js';
import { refused } from '../../http/api-problem.js';
import { codeEnvById, codeEnvsPage, createCodeEnv, deleteCodeEnv, updateCodeEnv, type CodeEnv } from '../../services/code-envs.js';
import { endpoint } from './endpoint.js';
import { IdParam, iso, json, jsonBody, problems, Time } from './schemas.js';

const CodeEnvSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    language: z.enum(CODE_ENV_LANGUAGES),
    languageVersion: z.string(),
    requirements: z.string().openapi({ description: 'one requirement a line, as a requirements file' }),
    description: z.string(),
    createdBy: z.string(),
    createdAt: Time,
    updatedAt: Time,
  })
  .openapi('CodeEnv');

const shown = (e: CodeEnv) => ({
  id: e.id,
  name: e.name,
  language: e.language,
  languageVersion: e.languageVersion,
  requirements: e.requirements,
  description: e.description,
  createdBy: e.createdByLabel,
  createdAt: iso(e.createdAt),
  updatedAt: iso(e.updatedAt),
});

// Plain strings: the use case checks them, so a wrong language answers with the panel's own words.
const Fields = {
  name: z.string().max(1000),
  language: z.string().max(20).openapi({ example: 'python' }),
  languageVersion: z.string().max(20).openapi({ example: '3.11' }),
  requirements: z.string().max(100_000),
  description: z.string().max(10_000),
};

const list = createRoute({
  method: 'get',
  path: '/code-envs',
  summary: 'List the code environments',
  tags: ['Code envs'],
  responses: { 200: json('The code envs', z.object({ codeEnvs: z.array(CodeEnvSchema) })) },
});

const get = createRoute({
  method: 'get',
  path: '/code-envs/{id}',
  summary: 'One code environment',
  tags: ['Code envs'],
  request: { params: IdParam },
  responses: { 200: json('The code env', CodeEnvSchema), ...problems({ 404: 'No such code env' }) },
});

const create = createRoute({
  method: 'post',
  path: '/code-envs',
  summary: 'Create a code environment',
  tags: ['Code envs'],
  request: {
    ...jsonBody(z.object({ ...Fields, requirements: Fields.requirements.default(''), description: Fields.description.default('') }).strict().openapi('CodeEnvCreate')),
  },
  responses: { 201: json('Created', CodeEnvSchema), ...problems({ 422: 'A field is not valid (`errors` has each field’s words)' }) },
});

const update = createRoute({
  method: 'patch',
  path: '/code-envs/{id}',
  summary: 'Change a code environment (what is left out stays)',
  tags: ['Code envs'],
  request: { params: IdParam, ...jsonBody(z.object(Fields).partial().strict().openapi('CodeEnvUpdate')) },
  responses: { 200: json('The code env as changed', CodeEnvSchema), ...problems({ 404: 'No such code env', 422: 'A field is not valid (`errors` has each field’s words)' }) },
});

const remove = createRoute({
  method: 'delete',
  path: '/code-envs/{id}',
  summary: 'Delete a code environment',
  tags: ['Code envs'],
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, ...problems({ 404: 'No such code env' }) },
});

async function current(c: Context<ApiEnv>, id: number, status: 200 | 201) {
  const r = await codeEnvById(c.get('deps'), c.get('actor'), id);
  return r.ok ? c.json(shown(r.env), status) : refused(c, r);
}

export const codeEnvEndpoints = [
  endpoint('code-envs:read', list, async (c) => {
    const r = await codeEnvsPage(c.get('deps'), c.get('actor'));
    return r.ok ? c.json({ codeEnvs: r.envs.map(shown) }, 200) : refused(c, r);
  }),
  endpoint('code-envs:read', get, async (c) => current(c, c.req.valid('param').id, 200)),
  endpoint('code-envs:write', create, async (c) => {
    const r = await createCodeEnv(c.get('deps'), c.get('actor'), c.req.valid('json'));
    return r.ok ? current(c, r.id, 201) : refused(c, r);
  }),
  endpoint('code-envs:write', update, async (c) => {
    const { id } = c.req.valid('param');
    const found = await codeEnvById(c.get('deps'), c.get('actor'), id);
    if (!found.ok) return refused(c, found);
    const e = found.env;
    const body = c.req.valid('json');
    const r = await updateCodeEnv(c.get('deps'), c.get('actor'), id, {
      name: body.name ?? e.name,
      language: body.language ?? e.language,
      languageVersion: body.languageVersion ?? e.languageVersion,
      requirements: body.requirements ?? e.requirements,
      description: body.description ?? e.description,
    });
    return r.ok ? current(c, id, 200) : refused(c, r);
  }),
  endpoint('code-envs:write', remove, async (c) => {
    const r = await deleteCodeEnv(c.get('deps'), c.get('actor'), c.req.valid('param').id);
    return r.ok ? c.body(null, 204) : refused(c, r);
  }),
];
