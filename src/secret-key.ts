// The server secret (for invitation links). From SECRET_KEY, or generated once into the data folder
// with owner-only permissions, so a restart keeps every emailed link working.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from './config.js';

export function loadSecretKey(config: Config): string {
  if (config.secretKey) return config.secretKey;
  if (config.databaseUrl === ':memory:') return randomBytes(32).toString('base64url');
  const dir = dirname(resolve(config.databaseUrl.replace(/^file:/, '')));
  const file = join(dir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  }
  return readFileSync(file, 'utf8').trim();
}
