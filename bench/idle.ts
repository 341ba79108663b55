// Waits for a process to go quiet (its CPU use, from /proc/<pid>/stat, below a threshold), so work left over
// from one case (requests cut off at the end of a run, mail being delivered) does not land in the next.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND; // utime + stime
  } catch {
    return null;
  }
}

/** Resolves with how long it waited; gives up after `maxMs`. */
export async function waitIdle(pid: number, { windowMs = 500, maxCores = 0.05, maxMs = 60_000 } = {}): Promise<number> {
  const start = Date.now();
  let before = cpuSeconds(pid);
  while (before !== null && Date.now() - start < maxMs) {
    await sleep(windowMs);
    const after = cpuSeconds(pid);
    if (after === null) break;
    if ((after - before) / (windowMs / 1000) <= maxCores) break;
    before = after;
  }
  return Date.now() - start;
}
