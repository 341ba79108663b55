import { connect } from 'node:net';
import { defineConfig } from 'vitest/config';

const jsx = { jsx: { runtime: 'automatic', importSource: 'hono/jsx' } } as const;
const include = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
/** Tests that never open the database run once, on the default engine. */
const engineFree = ['test/domain/**', 'test/e2e/**', 'test/binary/**', 'test/config.test.ts', 'test/cli.test.ts'];
const LOCAL_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 500 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

/**
 * The suite runs on SQLite always, and again on PostgreSQL when TEST_DATABASE_URL names a server, or
 * when one answers on 127.0.0.1:5432 (then the `test` database there). TEST_DATABASE_URL=none: SQLite only.
 */
async function postgresUrl(): Promise<string | null> {
  const given = process.env.TEST_DATABASE_URL;
  if (given === 'none') return null;
  if (given) return given;
  return (await answers('127.0.0.1', 5432)) ? LOCAL_POSTGRES : null;
}

export default defineConfig(async () => {
  const pg = await postgresUrl();
  const common = { testTimeout: 30_000, hookTimeout: 60_000 };
  return {
    oxc: jsx,
    test: {
      ...common,
      projects: [
        { oxc: jsx, test: { ...common, name: 'sqlite', include, env: { TEST_DATABASE_URL: '' } } },
        ...(pg
          ? [
              {
                oxc: jsx,
                // Round trips to a server cost more than calls into SQLite: the slowest tests get more time.
                test: { ...common, testTimeout: 120_000, name: 'postgres', include, exclude: engineFree, env: { TEST_DATABASE_URL: pg } },
              },
            ]
          : []),
      ],
    },
  };
});
