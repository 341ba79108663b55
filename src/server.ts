// serve: read config, open the database, migrate, start the HTTP server and the mail worker; stop cleanly.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { createPasswordHasher } from './auth/password.js';
import { hmacSha256, randomSecret, sha256 } from './auth/tokens.js';
import { setupNonce } from './db/queries/setup-nonce.js';
import { compactListTally } from './db/queries/user-list-table.js';
import type { Config } from './config.js';
import type { NativeBinding } from './db/connect.js';
import { openAndMigrate } from './db/startup.js';
import { createRateLimiter } from './services/rate-limit.js';
import { loadPublicFiles, type StaticFiles } from './http/static.js';
import { createLogMailer } from './mail/log-mailer.js';
import type { Mailer } from './mail/mailer.js';
import { createOutboxWorker } from './mail/outbox-worker.js';
import { purgeExpiredSessions, SESSION_PURGE_EVERY_MS } from './auth/session.js';
import { createResendMailer } from './mail/resend-mailer.js';
import { isSetUp } from './services/setup.js';
import { resolveLinkRef } from './services/links.js';
import { createLinkSecrets } from './auth/link-secrets.js';
import { loadSecretKey } from './secret-key.js';

/** How often the Users list's tally is compacted: a bulk import's rows are summed within a minute. */
const TALLY_COMPACT_EVERY_MS = 60_000;

export interface RunningServer {
  port: number;
  url: string;
  setupLink: string | null;
  close(): Promise<void>;
}

export interface ServeOptions {
  publicFiles?: StaticFiles;
  /** The addon, or how to get it once the configuration is known (the single binary unpacks it into LAUNCHPAD_TMPDIR). */
  nativeBinding?: NativeBinding | ((config: Config) => NativeBinding);
  log?: (line: string) => void;
  /** How an operator types this Launchpad's commands (the single binary: `./launchpad`); pages quote it. */
  cliCommand?: string;
}

export function nativeBindingFor(options: ServeOptions, config: Config): NativeBinding | undefined {
  return typeof options.nativeBinding === 'function' ? options.nativeBinding(config) : options.nativeBinding;
}

export function mailerFor(config: Config, log: (line: string) => void): Mailer {
  return config.resendApiKey ? createResendMailer(config.resendApiKey, config.resendBaseUrl) : createLogMailer(log);
}

export function defaultPublicFiles(): StaticFiles {
  return loadPublicFiles(fileURLToPath(new URL('../public', import.meta.url)));
}

export async function startServer(config: Config, options: ServeOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  const { db, applied } = await openAndMigrate(config.databaseUrl, {
    nativeBinding: nativeBindingFor(options, config),
    poolMax: config.databasePoolMax,
  });
  for (const line of applied) log(`[db] ${line}`);

  const now = () => Date.now();
  const mailer = mailerFor(config, log);
  const secretKey = loadSecretKey(config);
  const links = createLinkSecrets(secretKey);
  const worker = createOutboxWorker({
    db,
    mailer,
    from: config.mailFrom,
    now,
    resolveLink: (ref) => resolveLinkRef(db, config.publicUrl, links, ref),
  });
  let setupToken: string | null = null;
  // Every process on the database prints, and accepts, the same one-time link: derived from the server
  // secret and a nonce the first process wrote (only its hash is compared, in the setup route).
  if (!(await isSetUp({ db }))) setupToken = hmacSha256(secretKey, `setup:${await setupNonce(db, randomSecret(), now())}`);

  const deps = {
    db,
    config,
    hasher: createPasswordHasher(),
    links,
    now,
    notifyOutbox: () => worker.kick(),
    limiter: createRateLimiter(now),
    setupTokenHash: setupToken ? sha256(setupToken) : null,
    ...(options.cliCommand ? { cliCommand: options.cliCommand } : {}),
  };
  const app = createApp(deps, options.publicFiles ?? defaultPublicFiles());
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  worker.start();
  // Expired sessions go at start and then hourly.
  const purge = () => purgeExpiredSessions(db, now()).catch((err: unknown) => log(`[sessions] purge failed: ${String(err)}`));
  await purge();
  const purgeTimer = setInterval(purge, SESSION_PURGE_EVERY_MS);
  purgeTimer.unref();
  // PostgreSQL: the Users list's tally of blocks (migration 0020) gathers a row per change; fold them.
  const compact = () => compactListTally(db).catch((err: unknown) => log(`[user list] tally compaction failed: ${String(err)}`));
  await compact();
  const compactTimer = setInterval(compact, TALLY_COMPACT_EVERY_MS);
  compactTimer.unref();

  const base = config.publicUrl.href.replace(/\/$/, '');
  const setupLink = setupToken ? `${base}/setup?token=${setupToken}` : null;
  log(`Launchpad listening on http://${config.host}:${port} (public URL ${base})`);
  log(
    mailer.name === 'log'
      ? '[mail] RESEND_API_KEY is not set: emails are written to this log instead of being sent.'
      : `[mail] sending with ${mailer.name} from ${config.mailFrom}`,
  );
  if (setupLink) log(`\nThis Launchpad has no space yet. Open this one-time link to set it up:\n\n  ${setupLink}\n`);

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `http://${config.host}:${port}`,
    setupLink,
    close() {
      closing ??= (async () => {
        // Stop taking requests and let those in flight finish; then the worker; then the database.
        clearInterval(purgeTimer);
        clearInterval(compactTimer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop();
        await db.destroy();
      })();
      return closing;
    },
  };
}
