// The migrations, listed in code: a folder scan would break once the app is bundled into one binary.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
};
