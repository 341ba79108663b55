// A server as its own process, spawned directly (no npm or shell in between, so the pid is the server's own):
// `node --import tsx <entry> [args]`, or an executable (the single binary). Output goes to a log file; ready
// once a URL answers; stopped with SIGTERM.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO_ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** A port nothing listens on right now (the OS picks it; we release it for the child). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  name: string;
  pid: number;
  baseUrl: string;
  logFile: string;
  child: ChildProcess;
  /** null while it runs; how it ended otherwise. */
  exited(): string | null;
  /** The last lines of its log. */
  logTail(lines?: number): string;
  /** SIGTERM, then wait; SIGKILL after `graceMs`. Resolves with the exit code or signal. */
  stop(graceMs?: number): Promise<string>;
}

export interface StartOptions {
  name: string;
  /** A TypeScript entry run with `node --import tsx`, or, with `executable`, the executable's path. */
  entry: string;
  executable?: boolean;
  args?: string[];
  env: Record<string, string>;
  port: number;
  logFile: string;
  /** Path that answers 200 once the server is up. */
  readyPath: string;
  readyTimeoutMs?: number;
}

export async function startServerProcess(o: StartOptions): Promise<ServerProcess> {
  const log = openSync(o.logFile, 'a');
  const env = { ...process.env, ...o.env };
  // Mail goes to the log mailer, never to a real provider, whatever the caller's environment says.
  delete env.RESEND_API_KEY;
  delete env.RESEND_BASE_URL;
  const [program, ...programArgs] = o.executable ? [o.entry] : [process.execPath, '--import', 'tsx', o.entry];
  const child = spawn(program!, [...programArgs, ...(o.args ?? [])], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`${o.name}: could not start ${o.entry}`);
  const pid = child.pid;
  let exited: string | null = null;
  const exit = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolve(exited);
    }),
  );

  // The pid we measure must be the server itself: its command line is node running the entry, or the executable.
  const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  if (!cmdline.includes(o.entry)) throw new Error(`${o.name}: pid ${pid} runs "${cmdline.join(' ')}", not ${o.entry}`);

  const baseUrl = `http://127.0.0.1:${o.port}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`${o.name} stopped before it was ready (${exited}); see ${o.logFile}:\n${tail(o.logFile)}`);
    try {
      const res = await fetch(baseUrl + o.readyPath, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${o.name} did not answer ${o.readyPath} in time; see ${o.logFile}:\n${tail(o.logFile)}`);
    }
    await sleep(100);
  }

  return {
    name: o.name,
    pid,
    baseUrl,
    logFile: o.logFile,
    child,
    exited: () => exited,
    logTail: (lines = 20) => tail(o.logFile, lines),
    async stop(graceMs = 20_000) {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const how = await exit;
      clearTimeout(timer);
      return how;
    },
  };
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Builds dist/launchpad from the current sources (src/binary/build.ts) and answers its path. */
export function buildBinary(): string {
  execFileSync(process.execPath, ['--import', 'tsx', 'src/binary/build.ts'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return `${REPO_ROOT}/dist/launchpad`;
}
