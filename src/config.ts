// The only reader of process.env. Validated once at start; an invalid value stops the process
// with a message that names the variable and what it allows.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseDuration } from './domain/duration.js';
import { parseSeats, type Seats } from './domain/profiles.js';

export interface Config {
  port: number;
  host: string;
  /** `file:<path>` or `:memory:` (SQLite), or `postgres://…` / `postgresql://…` (PostgreSQL) */
  databaseUrl: string;
  /** PostgreSQL: connections per process. */
  databasePoolMax: number;
  publicUrl: URL;
  /** true when PUBLIC_URL is https: Secure cookies with the __Host- prefix, HSTS. */
  secure: boolean;
  resendApiKey: string | null;
  resendBaseUrl: string | null;
  mailFrom: string;
  seats: Seats;
  inviteTtlMs: number;
  trustProxy: boolean;
  secretKey: string | null;
  nativeTmpDir: string | null;
  /** Requests a minute each API key may make. */
  apiRateLimit: number;
  /** One OpenID Connect provider for "Sign in with <name>", or null when not configured. */
  oidc: OidcSettings | null;
  /** OIDC_ONLY: password sign-in and reset only for the owner (their way back in when the provider is down). */
  oidcOnly: boolean;
  /** SCIM_DEFAULT_PROFILE: the profile of a user created by SCIM without Launchpad's profile extension. */
  scimDefaultProfile: 'designer' | 'explorer' | 'reader';
  /** Server-Timing headers (session, queries, render, compression) on every response: for the benchmark. */
  serverTiming: boolean;
}

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The name on the button: "Sign in with <name>". */
  name: string;
  /** Always PUBLIC_URL + /login/oidc/callback: what to register at the provider. */
  redirectUri: URL;
}

export const OIDC_CALLBACK_PATH = '/login/oidc/callback';

/** Plain http only for a provider on this machine (tests, a local Keycloak); anything else must be https. */
function isAcceptableIssuer(v: string): boolean {
  if (!URL.canParse(v)) return false;
  const u = new URL(v);
  if (u.protocol === 'https:') return true;
  return u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
}

export class ConfigError extends Error {}

const durationVar = (name: string) =>
  z.string().refine((v) => parseDuration(v) !== null, {
    message: `${name} must be a duration such as 7d, 12h or 30m`,
  });

/** Every variable the Launchpad reads; `--help` and the README list each one (a test holds them to it). */
export const CONFIG_SCHEMA = z.object({
  PORT: z.coerce
    .number({ message: 'PORT must be a whole number from 0 to 65535' })
    .int('PORT must be a whole number from 0 to 65535')
    .min(0, 'PORT must be a whole number from 0 to 65535')
    .max(65535, 'PORT must be a whole number from 0 to 65535')
    .default(3000),
  HOST: z.string().min(1, 'HOST must not be empty').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('file:./data/launchpad.db')
    .refine((v) => v === ':memory:' || /^file:.+/.test(v) || (/^postgres(ql)?:\/\/./.test(v) && URL.canParse(v)), {
      message: 'DATABASE_URL must be file:<path> (SQLite), :memory:, or postgres://user:password@host:port/database (PostgreSQL)',
    }),
  DATABASE_POOL_MAX: z.coerce
    .number({ message: 'DATABASE_POOL_MAX must be a whole number from 1 to 1000' })
    .int('DATABASE_POOL_MAX must be a whole number from 1 to 1000')
    .min(1, 'DATABASE_POOL_MAX must be a whole number from 1 to 1000')
    .max(1000, 'DATABASE_POOL_MAX must be a whole number from 1 to 1000')
    .default(10),
  PUBLIC_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), {
      message: 'PUBLIC_URL must be an http:// or https:// URL, such as https://launchpad.example.com',
    }),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || URL.canParse(v), { message: 'RESEND_BASE_URL must be a URL' }),
  MAIL_FROM: z
    .string()
    .default('Launchpad <launchpad@localhost>')
    .refine((v) => /^(.+<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(v.trim()), {
      message: 'MAIL_FROM must be an address, or "Name <address>"',
    }),
  SEATS: z
    .string()
    .default('designer:5,explorer:10,reader:50')
    .superRefine((v, ctx) => {
      const r = parseSeats(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: `SEATS: ${r.error}; e.g. designer:5,explorer:10,reader:unlimited` });
    }),
  INVITE_TTL: durationVar('INVITE_TTL').default('7d'),
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { message: 'TRUST_PROXY must be true or false' })
    .default('false'),
  SECRET_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.length >= 32, { message: 'SECRET_KEY must be at least 32 characters' }),
  LAUNCHPAD_TMPDIR: z.string().optional(),
  API_RATE_LIMIT: z.coerce
    .number({ message: 'API_RATE_LIMIT must be a whole number of requests a minute, 1 or more' })
    .int('API_RATE_LIMIT must be a whole number of requests a minute, 1 or more')
    .min(1, 'API_RATE_LIMIT must be a whole number of requests a minute, 1 or more')
    .default(600),
  OIDC_ISSUER: z
    .string()
    .optional()
    .refine((v) => v === undefined || isAcceptableIssuer(v), {
      message: 'OIDC_ISSUER must be an https:// URL (http:// only for localhost), such as https://accounts.google.com',
    }),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().max(60, 'OIDC_NAME must be at most 60 characters').default('single sign-on'),
  SCIM_DEFAULT_PROFILE: z.enum(['designer', 'explorer', 'reader'], { message: 'SCIM_DEFAULT_PROFILE must be designer, explorer or reader' }).default('reader'),
  OIDC_ONLY: z.enum(['true', 'false', '1', '0'], { message: 'OIDC_ONLY must be true or false' }).default('false'),
  SERVER_TIMING: z
    .enum(['true', 'false', '1', '0'], { message: 'SERVER_TIMING must be true or false' })
    .default('false'),
});

function oidcSettings(e: z.infer<typeof CONFIG_SCHEMA>, publicUrl: URL): OidcSettings | null {
  const set = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET].filter((v) => v !== undefined).length;
  if (set === 0) return null;
  if (set < 3) throw new ConfigError('Invalid configuration:\n  OIDC_ISSUER: single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together');
  return {
    issuer: new URL(e.OIDC_ISSUER!),
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    name: e.OIDC_NAME.trim(),
    redirectUri: new URL(OIDC_CALLBACK_PATH, publicUrl),
  };
}

/** Builds the config from an environment map (process.env by default, after reading .env). */
export function loadConfig(env: Record<string, string | undefined> = readProcessEnv()): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = CONFIG_SCHEMA.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${String(i.path[0] ?? '')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  // Several processes on one PostgreSQL database must derive the same invitation links.
  if (/^postgres/.test(e.DATABASE_URL) && !e.SECRET_KEY) {
    throw new ConfigError('Invalid configuration:\n  SECRET_KEY: required with a PostgreSQL DATABASE_URL, the same in every process');
  }
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const seats = parseSeats(e.SEATS);
  if (!seats.ok) throw new ConfigError(seats.error);
  const oidc = oidcSettings(e, publicUrl);
  const oidcOnly = e.OIDC_ONLY === 'true' || e.OIDC_ONLY === '1';
  if (oidcOnly && !oidc) throw new ConfigError('Invalid configuration:\n  OIDC_ONLY: needs a provider (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    publicUrl,
    secure: publicUrl.protocol === 'https:',
    resendApiKey: e.RESEND_API_KEY ?? null,
    resendBaseUrl: e.RESEND_BASE_URL ?? null,
    mailFrom: e.MAIL_FROM,
    seats: seats.seats,
    inviteTtlMs: parseDuration(e.INVITE_TTL)!,
    trustProxy: e.TRUST_PROXY === 'true' || e.TRUST_PROXY === '1',
    secretKey: e.SECRET_KEY ?? null,
    nativeTmpDir: e.LAUNCHPAD_TMPDIR ?? null,
    apiRateLimit: e.API_RATE_LIMIT,
    oidc,
    oidcOnly,
    scimDefaultProfile: e.SCIM_DEFAULT_PROFILE,
    serverTiming: e.SERVER_TIMING === 'true' || e.SERVER_TIMING === '1',
  };
}

function readProcessEnv(): Record<string, string | undefined> {
  // .env fills in what the real environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

/** create-owner's password, when given in LAUNCHPAD_PASSWORD rather than on standard input. */
export function launchpadPassword(env: Record<string, string | undefined> = readProcessEnv()): string | null {
  return env.LAUNCHPAD_PASSWORD ?? null;
}

/** The variables, for `--help` and the README. */
export const CONFIG_VARIABLES: ReadonlyArray<[name: string, fallback: string, meaning: string]> = [
  ['PORT', '3000', 'HTTP port'],
  ['HOST', '127.0.0.1', 'address to listen on'],
  ['DATABASE_URL', 'file:./data/launchpad.db', 'SQLite file (its folder is created), or postgres://user:password@host/db'],
  ['DATABASE_POOL_MAX', '10', 'PostgreSQL: connections per process'],
  ['PUBLIC_URL', 'http://localhost:$PORT', 'the address users reach; every emailed link is built from it'],
  ['RESEND_API_KEY', '(none)', 'Resend API key; without it mail goes to the log'],
  ['RESEND_BASE_URL', "(Resend's own API)", 'where Resend requests go: a test double or a relay of yours'],
  ['MAIL_FROM', 'Launchpad <launchpad@localhost>', 'sender of every email'],
  ['SEATS', 'designer:5,explorer:10,reader:50', 'seats per profile; a count or unlimited'],
  ['INVITE_TTL', '7d', 'how long an invitation link works'],
  ['TRUST_PROXY', 'false', 'take the client address from X-Forwarded-For (only behind your own proxy)'],
  ['SECRET_KEY', '(generated into the data folder)', 'server secret for invitation links, 32+ characters'],
  ['API_RATE_LIMIT', '600', 'requests a minute each API key may make'],
  ['LAUNCHPAD_TMPDIR', '(the system temporary folder)', 'single binary: where its SQLite addon is unpacked'],
  ['OIDC_ISSUER', '(none)', 'OpenID Connect provider for single sign-on; redirect URI: PUBLIC_URL/login/oidc/callback'],
  ['OIDC_CLIENT_ID', '(none)', 'the Launchpad\'s client id at that provider'],
  ['OIDC_CLIENT_SECRET', '(none)', 'its client secret'],
  ['OIDC_NAME', 'single sign-on', 'the button says "Sign in with <name>"'],
  ['SCIM_DEFAULT_PROFILE', 'reader', 'profile of a user created by SCIM without the Launchpad extension'],
  ['OIDC_ONLY', 'false', 'true: only the owner may sign in or reset with a password; everyone else uses the provider'],
  ['SERVER_TIMING', 'false', 'a Server-Timing header on every response (session, queries, render, compression)'],
];
