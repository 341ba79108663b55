// autocannon as the load generator when wrk is not installed, run in a child process of its own
// (bench/autocannon-child.ts), so its JavaScript does not share the benchmark's event loop.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GeneratorResult, LoadRun, LoadSpec } from './load.js';

export interface ChildJob {
  spec: LoadSpec;
  run: LoadRun;
  duration: number;
}

export async function runAutocannon(spec: LoadSpec, run: LoadRun, duration: number): Promise<GeneratorResult> {
  const dir = mkdtempSync(join(tmpdir(), 'launchpad-autocannon-'));
  try {
    const jobPath = join(dir, 'job.json');
    writeFileSync(jobPath, JSON.stringify({ spec, run, duration } satisfies ChildJob));
    const child = new URL('./autocannon-child.ts', import.meta.url).pathname;
    const out = await new Promise<string>((resolve, reject) => {
      const p = spawn(process.execPath, ['--import', 'tsx', child, jobPath], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      p.once('error', reject);
      p.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`autocannon child exited with ${code}`))));
    });
    return JSON.parse(out) as GeneratorResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
