// /api/docs: the API reference, rendered on the server from the OpenAPI document. No JavaScript.
import type { FC } from 'hono/jsx';
import { raw } from 'hono/html';

export interface ReferenceOperation {
  method: string;
  path: string;
  summary: string;
  description?: string;
  scope: string;
  requestSchema?: unknown;
  responses: Array<{ status: string; description: string; schema?: unknown }>;
}

const json = (v: unknown) => JSON.stringify(v, null, 2);

export const ApiReferencePage: FC<{
  base: string;
  operations: ReferenceOperation[];
  /** The API's own problem codes and the use cases' refusal codes. */
  problems: Array<{ code: string; status: number; title: string }>;
  scopes: Array<{ scope: string; label: string }>;
}> = (p) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>API reference · Launchpad</title>
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <main id="main" class="api-docs">
          <header class="page-head">
            <div>
              <h1>Launchpad API</h1>
              <p class="muted">
                JSON under <code>{p.base}</code>, authenticated with an API key sent as <code>Authorization: Bearer lp_…</code>. Keys are
                created by a Space Admin in the API keys panel. The machine-readable document is{' '}
                <a href={`${p.base}/openapi.json`}>{p.base}/openapi.json</a> (OpenAPI 3.1).
              </p>
            </div>
          </header>
          <section class="card stack" aria-labelledby="scopes">
            <h2 id="scopes">Scopes</h2>
            <dl class="api-dl">
              {p.scopes.map((s) => (
                <>
                  <dt>
                    <code>{s.scope}</code>
                  </dt>
                  <dd>{s.label}</dd>
                </>
              ))}
            </dl>
          </section>
          <section class="stack" aria-labelledby="operations">
            <h2 id="operations">Operations</h2>
            {p.operations.map((o) => (
              <article class="card stack api-op" id={`${o.method}-${o.path}`}>
                <h3>
                  <span class="badge">{o.method.toUpperCase()}</span> <code>{p.base + o.path}</code>
                </h3>
                <p>{o.summary}</p>
                {o.description ? <p class="muted">{o.description}</p> : null}
                <p class="small">
                  Scope: <code>{o.scope}</code>
                </p>
                {o.requestSchema ? (
                  <details>
                    <summary>Request body</summary>
                    <pre>{json(o.requestSchema)}</pre>
                  </details>
                ) : null}
                <ul class="small">
                  {o.responses.map((r) => (
                    <li>
                      <strong>{r.status}</strong> {r.description}
                      {r.schema ? (
                        <details>
                          <summary>Schema</summary>
                          <pre>{json(r.schema)}</pre>
                        </details>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </section>
          <section class="card stack" aria-labelledby="problems">
            <h2 id="problems">Problems</h2>
            <p class="muted">
              Every failure is <code>application/problem+json</code> (RFC 9457): <code>type</code>, <code>title</code>, <code>status</code>,{' '}
              <code>detail</code>, <code>code</code> and, for bad input, <code>field</code>.
            </p>
            <dl class="api-dl">
              {p.problems.map((x) => (
                <>
                  <dt id={`problem-${x.code}`}>
                    <code>{x.code}</code> ({x.status})
                  </dt>
                  <dd>{x.title}</dd>
                </>
              ))}
            </dl>
          </section>
        </main>
      </body>
    </html>
  </>
);
