// `npm run build`: one self-contained executable, dist/launchpad (a Node single executable application).
//  1. esbuild bundles src/binary/main.ts and everything it imports (routes, views, migrations) into one CommonJS file;
//  2. the public files and better-sqlite3's compiled addon become the blob's assets;
//  3. Node writes the blob (with a code cache, for a faster start), and postject injects it into a copy of this node.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadPublicFiles } from '../http/static.js';
import { ADDON_ASSET, PUBLIC_MANIFEST_ASSET, publicAssetKey } from './assets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'dist');
const work = join(dist, '.build');
const output = join(dist, 'launchpad');
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

/**
 * The bundle must be ASCII: one character beyond Latin-1 makes V8 hold the whole source (3.2 MB) as a
 * two-byte string, 3.2 MB more for the process's lifetime. esbuild's `charset: 'ascii'` escapes such
 * characters in string literals and regular expressions, but not in template literals, whose raw text
 * an escape would change (a tagged template such as hono/html's `html` may read it): write them as
 * `${'…'}` or a named constant there.
 */
function assertAscii(file: string): void {
  const code = readFileSync(file, 'latin1');
  const at = code.search(/[^\x00-\x7f]/);
  if (at < 0) return;
  const around = Buffer.from(code.slice(Math.max(0, at - 120), at + 40), 'latin1').toString('utf8');
  throw new Error(`The bundle is not ASCII (byte ${at}), probably a character in a template literal:\n…${around}…`);
}

async function main() {
  const started = Date.now();
  rmSync(work, { recursive: true, force: true });
  rmSync(output, { force: true });
  mkdirSync(work, { recursive: true });

  const bundle = join(work, 'launchpad.cjs');
  await build({
    entryPoints: [join(root, 'src/binary/main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    sourcemap: false,
    legalComments: 'none',
    // Without comments and indentation the bundle is 3.2 MB of ASCII instead of 4.4 MB with a few
    // non-ASCII characters in the libraries' comments. The difference counts twice in memory: V8 keeps
    // the source of the main script on its heap for the process's lifetime, and a source with any
    // character beyond Latin-1 is stored at two bytes a character (8.5 MB; now 3.2 MB); and the blob's
    // pages are mapped in. Names stay as written, so stack traces still name their functions.
    minifyWhitespace: true,
    charset: 'ascii',
    logLevel: 'warning',
    logOverride: { 'empty-import-meta': 'silent' }, // only the npm entry reads public/ next to the sources
  });
  assertAscii(bundle);

  const assets: Record<string, string> = {};
  const publicDir = join(root, 'public');
  const names = [...loadPublicFiles(publicDir).keys()];
  for (const name of names) assets[publicAssetKey(name)] = join(publicDir, name);
  const manifest = join(work, PUBLIC_MANIFEST_ASSET);
  writeFileSync(manifest, JSON.stringify(names));
  assets[PUBLIC_MANIFEST_ASSET] = manifest;
  const require = createRequire(import.meta.url);
  assets[ADDON_ASSET] = join(dirname(require.resolve('better-sqlite3/package.json')), 'build/Release/better_sqlite3.node');

  const blob = join(work, 'sea-prep.blob');
  const seaConfig = join(work, 'sea-config.json');
  writeFileSync(
    seaConfig,
    JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, assets }, null, 2),
  );
  execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'inherit' });

  copyFileSync(process.execPath, output);
  chmodSync(output, 0o755);
  // postject in a child process: its ELF library prints a harmless "Can't find string offset for section
  // name '.note…'" per note section of Node's binary, which would bury real errors.
  const injected = spawnSync(process.execPath, [require.resolve('postject/dist/cli.js'), output, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', SEA_FUSE], {
    encoding: 'utf8',
  });
  const noise = /^warning: Can't find string offset for section name '\.note[^']*'$/;
  const said = `${injected.stdout}${injected.stderr}`.split('\n').filter((l) => l.trim() && !noise.test(l.trim()));
  if (injected.status !== 0) throw new Error(`postject failed (${injected.status}):\n${said.join('\n')}`);
  for (const line of said) if (!/Injection done|^Injecting|Start injection/.test(line)) console.log(line);
  rmSync(work, { recursive: true, force: true });

  console.log(`Built ${output} (Node ${process.version}, ${names.length} public files) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
