// The command line: `npm run launchpad -- <command>`; the single binary takes the same words.
import { parseArgs } from 'node:util';
import { createPasswordHasher } from './auth/password.js';
import { CONFIG_VARIABLES, ConfigError, launchpadPassword, loadConfig, type Config } from './config.js';
import { DatabaseStartupError, openAndMigrate } from './db/startup.js';
import { isPostgresUrl } from './db/connect.js';
import { copyDatabase } from './db/copy.js';
import { createLinkSecrets } from './auth/link-secrets.js';
import { loadSecretKey } from './secret-key.js';
import { COMMAND_LINE } from './services/actor.js';
import type { ServiceDeps } from './services/deps.js';
import { fieldErrors, setupInput } from './services/inputs.js';
import { createPasswordResetLink } from './services/password-reset.js';
import { createSpaceWithOwner } from './services/setup.js';
import { runApiKeyCommand } from './cli-api-keys.js';
import { runExportCommand } from './cli-exports.js';
import { runImportCommand } from './cli-import.js';
import { nativeBindingFor, startServer, type ServeOptions } from './server.js';

export const VERSION = '0.1.0';

const HELP = `Launchpad ${VERSION}: the Users, Profiles & Groups panel of your space.

Usage: launchpad [command] [options]

Commands:
  serve                      run the web server (the default)
  migrate                    apply pending database migrations and exit
  create-owner --email E --name N [--space-name S]
                             create the space and its owner on an empty database;
                             the password comes from LAUNCHPAD_PASSWORD or standard input
  reset-password --email E   print a one-time password reset link
  api-key create --name N --scopes a,b [--expires 90d]
                             create an API key of the space and print it (once)
  api-key list               list the API keys (never their secrets)
  api-key revoke ID          revoke an API key; it is refused from its next request
  copy-db --to postgres://…  copy this SQLite database into an empty PostgreSQL database
                             (migrated first); keep the same SECRET_KEY afterwards
  instance add --name N --redirect-uri URL [--redirect-uri URL] [--post-logout-uri URL] [--designers-only]
                             register an instance (OpenID client); prints its id and secret (once)
  instance list | rotate ID | disable ID | enable ID | delete ID
                             list the instances, give one a new secret, disable, enable or delete it
  rotate-keys                add a new signing key for the instances' tokens (old keys stay published)
  export users|audit [--out FILE] [--format csv|jsonl]
                             write the Users list (CSV) or the Audit log (CSV or JSON Lines)
                             to FILE or standard output
  import-users FILE [--dry-run] [--update-existing] [--create-missing-groups]
                             preview a CSV file line by line, then import it in one go
                             (nothing at all when a line has a problem or seats lack)
  --help                     show this help
  --version                  show the version

Configuration (environment variables, or a .env file in the working folder):
${CONFIG_VARIABLES.map(([name, fallback, meaning]) => `  ${name.padEnd(18)} ${meaning} [${fallback}]`).join('\n')}
`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function dbOptions(options: ServeOptions, config: Config) {
  return { nativeBinding: nativeBindingFor(options, config), poolMax: config.databasePoolMax };
}

async function withDeps<T>(config: Config, options: ServeOptions, fn: (deps: ServiceDeps) => Promise<T>): Promise<T> {
  const { db } = await openAndMigrate(config.databaseUrl, dbOptions(options, config));
  try {
    const links = createLinkSecrets(loadSecretKey(config));
    return await fn({ db, config, hasher: createPasswordHasher(), links, now: () => Date.now(), notifyOutbox: () => {} });
  } finally {
    await db.destroy();
  }
}

export async function runCli(argv: string[], options: ServeOptions = {}): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = first === undefined || first.startsWith('-') ? argv : rest;

  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  }

  try {
    return await runCommand(command, args, config, options);
  } catch (err) {
    if (err instanceof DatabaseStartupError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function runCommand(command: string, args: string[], config: Config, options: ServeOptions): Promise<number> {
  switch (command) {
    case 'serve': {
      const server = await startServer(config, options);
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`Received ${signal}: finishing requests in flight, then stopping.`);
        const force = setTimeout(() => process.exit(1), 15_000);
        force.unref();
        server.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
      return new Promise<number>(() => {}); // runs until a signal
    }
    case 'migrate': {
      const { db, applied: done } = await openAndMigrate(config.databaseUrl, dbOptions(options, config));
      await db.destroy();
      console.log(done.length ? done.join('\n') : 'The database is up to date.');
      return 0;
    }
    case 'create-owner': {
      const { values } = parseArgs({
        args,
        options: { email: { type: 'string' }, name: { type: 'string' }, 'space-name': { type: 'string' } },
      });
      const password = launchpadPassword() ?? (await readStdin());
      const parsed = setupInput.safeParse({
        spaceName: values['space-name'] ?? 'My space',
        displayName: values.name ?? '',
        email: values.email ?? '',
        password,
      });
      if (!parsed.success) {
        const flags: Record<string, string> = { spaceName: '--space-name', displayName: '--name', email: '--email', password: 'password' };
        for (const [field, message] of Object.entries(fieldErrors(parsed.error))) {
          process.stderr.write(`${flags[field] ?? field}: ${message}\n`);
        }
        return 2;
      }
      const result = await withDeps(config, options, (deps) => createSpaceWithOwner(deps, parsed.data, COMMAND_LINE));
      if (!result.ok) {
        process.stderr.write('This database already has a space and an owner; create-owner runs only on an empty one.\n');
        return 1;
      }
      console.log(`Created the space "${parsed.data.spaceName}" with its owner ${parsed.data.email}. Sign in at ${new URL('/login', config.publicUrl).href}`);
      return 0;
    }
    case 'reset-password': {
      const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
      if (!values.email) {
        process.stderr.write('reset-password needs --email\n');
        return 2;
      }
      const email = values.email;
      const result = await withDeps(config, options, (deps) => createPasswordResetLink(deps, email, COMMAND_LINE));
      if (!result.ok) {
        const why =
          result.code === 'password_off'
            ? `With OIDC_ONLY only the owner has a password; ${values.email} signs in with single sign-on.`
            : `No account uses ${values.email}.`;
        process.stderr.write(`${why}\n`);
        return 1;
      }
      console.log(`One-time password reset link for ${values.email} (valid for one hour):\n${result.link}`);
      return 0;
    }
    case 'api-key':
      return withDeps(config, options, (deps) => runApiKeyCommand(deps, args));
    case 'copy-db': {
      const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
      if (!values.to || !isPostgresUrl(values.to)) {
        process.stderr.write('copy-db needs --to postgres://user:password@host:port/database\n');
        return 2;
      }
      if (isPostgresUrl(config.databaseUrl)) {
        process.stderr.write('copy-db copies from SQLite: DATABASE_URL must be the file:… database to copy\n');
        return 2;
      }
      const { db: source } = await openAndMigrate(config.databaseUrl, dbOptions(options, config));
      try {
        const { db: target } = await openAndMigrate(values.to, { poolMax: 2 });
        try {
          const r = await copyDatabase(source, target);
          if (!r.ok) {
            process.stderr.write(
              r.code === 'target_not_empty'
                ? `The target database is not empty (table ${r.table} has rows); copy-db copies only into an empty one.\n`
                : r.code === 'missing_table'
                  ? `The source has no table ${r.table}; nothing was copied.\n`
                  : `Table ${r.table}: ${r.source} rows in the source but ${r.target} copied; nothing was copied.\n`,
            );
            return 1;
          }
          for (const t of r.tables) console.log(`${t.table.padEnd(20)} ${t.rows} rows`);
          console.log(`Copied ${r.tables.length} tables; every row count matches. Start Launchpad with the new DATABASE_URL and the same SECRET_KEY (data/secret.key if it was generated).`);
          return 0;
        } finally {
          await target.destroy();
        }
      } finally {
        await source.destroy();
      }
    }
    // Loaded when used: the other commands start no slower for them.
    case 'instance': {
      const { runInstanceCommand } = await import('./oidc-provider/cli.js');
      return withDeps(config, options, (deps) => runInstanceCommand(deps, args));
    }
    case 'rotate-keys': {
      const { runRotateKeys } = await import('./oidc-provider/cli.js');
      return withDeps(config, options, (deps) => runRotateKeys(deps, loadSecretKey(config)));
    }
    case 'export':
      return withDeps(config, options, (deps) => runExportCommand(deps, args));
    case 'import-users':
      return withDeps(config, options, (deps) => runImportCommand(deps, args));
    default:
      process.stderr.write(`Unknown command "${command}". Run with --help to see the commands.\n`);
      return 2;
  }
}
