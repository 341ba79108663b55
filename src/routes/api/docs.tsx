// GET /api/v1/openapi.json and GET /api/docs: public, read-only, built from the endpoints' zod schemas.
import { API_SCOPE_LABELS, API_SCOPES } from '../../domain/api-scopes.js';
import { PUBLIC, type RouteDef } from '../../http/access.js';
import { API_PROBLEM_CODES, API_PROBLEMS, REFUSAL_CODES, refusalTitle } from '../../http/api-problem.js';
import { ERRORS } from '../../services/errors.js';
import { API_BASE, createApiApp, openApiDocument } from './index.js';
import { ApiReferencePage, type ReferenceOperation } from '../../../views/api-keys/api-reference.js';

type Doc = ReturnType<typeof openApiDocument>;
type Content = Record<string, { schema?: unknown }> | undefined;

const schemaOf = (content: Content) => (content ? Object.values(content)[0]?.schema : undefined);

/** The schema with each `$ref` to a named component written out, for a reader rather than a tool. */
function inline(schema: unknown, components: Record<string, unknown>, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, components, depth));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && depth < 8) return inline(components[ref.replace('#/components/schemas/', '')], components, depth + 1);
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inline(v, components, depth)]));
}

function operationsOf(doc: Doc): ReferenceOperation[] {
  const components = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const out: ReferenceOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (!op) continue;
      const scope = (op as { 'x-scope'?: unknown })['x-scope'];
      const body = op.requestBody && 'content' in op.requestBody ? (op.requestBody.content as Content) : undefined;
      out.push({
        method,
        path,
        summary: op.summary ?? '',
        description: op.description,
        scope: typeof scope === 'string' ? scope : 'any key',
        requestSchema: inline(schemaOf(body), components),
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
          status,
          description: 'description' in r ? r.description : '',
          schema: 'content' in r ? inline(schemaOf(r.content as Content), components) : undefined,
        })),
      });
    }
  }
  return out;
}

/** The document depends only on the endpoint table's schemas: built once, on first request. */
let cached: Doc | null = null;
const doc = () => (cached ??= openApiDocument(createApiApp()));

export const apiDocRoutes: RouteDef[] = [
  { method: 'GET', path: `${API_BASE}/openapi.json`, access: PUBLIC, handler: (c) => c.json(doc()) },
  {
    method: 'GET',
    path: '/api/docs',
    access: PUBLIC,
    handler: (c) =>
      c.html(
        <ApiReferencePage
          base={API_BASE}
          operations={operationsOf(doc())}
          problems={[
            ...API_PROBLEM_CODES.map((code) => ({ code, ...API_PROBLEMS[code] })),
            // The use cases' refusals, with the status and title the error table gives them.
            ...REFUSAL_CODES.map((code) => ({ code, status: ERRORS[code].status, title: refusalTitle(code) })),
          ]}
          scopes={API_SCOPES.map((scope) => ({ scope, label: API_SCOPE_LABELS[scope] }))}
        />,
      ),
  },
];
