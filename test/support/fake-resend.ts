// A stand-in for the Resend HTTP API on 127.0.0.1, for driving the real SDK in tests. It records every request
// and answers each one as scripted: 200 {id}, an error status with Resend's JSON error body, or no answer at all.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeReply =
  | { kind: 'ok'; id?: string }
  | { kind: 'error'; status: number; name?: string; message?: string }
  /** A status with a body that is not JSON (a proxy's error page). */
  | { kind: 'raw'; status: number; body: string }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the fake answered (its scripted reply). */
  reply: FakeReply;
}

export interface FakeResend {
  /** Base URL for the SDK (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Messages the fake accepted (answered 200), in order. */
  readonly delivered: RecordedRequest[];
  /** Queues replies for the next requests, in order; once used up, requests get `fallback`. */
  script(...replies: FakeReply[]): void;
  /** The reply for requests beyond the script (200 with a fresh id unless changed). */
  fallback: FakeReply;
  close(): Promise<void>;
}

const ERROR_NAMES: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  403: 'invalid_api_key',
  409: 'invalid_idempotent_request',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
};

function answer(res: ServerResponse, reply: FakeReply): void {
  switch (reply.kind) {
    case 'ok':
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: reply.id ?? randomUUID() }));
      return;
    case 'error': {
      // Resend's error body; the SDK takes statusCode and name from the body, not from the HTTP status.
      const name = reply.name ?? ERROR_NAMES[reply.status] ?? 'application_error';
      const body = { statusCode: reply.status, name, message: reply.message ?? `fake ${name}` };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (reply.status === 429) headers['retry-after'] = '1';
      res.writeHead(reply.status, headers).end(JSON.stringify(body));
      return;
    }
    case 'raw':
      res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.body);
      return;
    case 'hang':
      return;
  }
}

export async function startFakeResend(): Promise<FakeResend> {
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const reply = queue.shift() ?? fake.fallback;
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the text
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, reply });
      answer(res, reply);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const fake: FakeResend = {
    url: `http://127.0.0.1:${port}`,
    requests,
    get delivered() {
      return requests.filter((r) => r.reply.kind === 'ok');
    },
    script: (...replies) => void queue.push(...replies),
    fallback: { kind: 'ok' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections(); // hanging requests included
        server.close(() => resolve());
      }),
  };
  return fake;
}
