// The single binary's entry (dist/launchpad): the same command line as `npm run launchpad`, with the
// public files and better-sqlite3's native addon read from the executable's own assets.
import './memory-settings.js'; // first: before any other module runs (see memory.ts)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as sea from 'node:sea';
import { runCli } from '../cli.js';
import type { Config } from '../config.js';
import type { ServeOptions } from '../server.js';
import { staticFile, type StaticFiles } from '../http/static.js';
import { ADDON_ASSET, PUBLIC_MANIFEST_ASSET, publicAssetKey } from './assets.js';

function publicFilesFromAssets(): StaticFiles {
  const names = JSON.parse(sea.getAsset(PUBLIC_MANIFEST_ASSET, 'utf8')) as string[];
  return new Map(names.map((name) => [name, staticFile(name, new Uint8Array(sea.getAsset(publicAssetKey(name))))]));
}

let addon: object | null = null;

/**
 * A native addon can only be loaded from a file. It is written to a fresh private folder (mode 0700)
 * under LAUNCHPAD_TMPDIR (or the system's temporary folder), loaded, and removed at once: the loaded
 * library stays mapped, and nothing is left behind for another user to swap.
 */
function loadAddon(config: Config): object {
  if (addon) return addon;
  const parent = config.nativeTmpDir ?? tmpdir();
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(join(parent, 'launchpad-'));
  const file = join(dir, 'better_sqlite3.node');
  try {
    writeFileSync(file, new Uint8Array(sea.getAsset(ADDON_ASSET)), { mode: 0o500 });
    const module = { exports: {} as object };
    try {
      process.dlopen(module, file);
    } catch (err) {
      throw new Error(
        `Could not load the SQLite addon from ${dir} (${(err as Error).message}). ` +
          'If that folder is mounted noexec, set LAUNCHPAD_TMPDIR to a private folder that allows execution.',
      );
    }
    addon = module.exports;
    return addon;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Both read from the assets only when a command needs them: --help and --version touch neither.
let publicFiles: StaticFiles | null = null;
const options: ServeOptions = sea.isSea()
  ? {
      get publicFiles() {
        return (publicFiles ??= publicFilesFromAssets());
      },
      nativeBinding: loadAddon,
      // The binary has no npm behind it: the pages quote its own command.
      cliCommand: './launchpad',
    }
  : {};

runCli(process.argv.slice(2), options).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
