// The server's memory, read from /proc/<pid>/status: VmRSS sampled every ~100 ms, and VmHWM (the kernel's
// record of the peak since the process started).
import { readFileSync } from 'node:fs';

export function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM' | 'RssAnon'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // the process has gone
  }
}

export interface RssWindow {
  peakKb: number;
  /** The peak of RssAnon: the process's own memory, without the executable's file-backed code pages. */
  peakAnonKb: number;
  samples: number;
}

export interface RssSampler {
  /** Stops sampling; the peak seen while it ran. */
  stop(): RssWindow;
}

export function sampleRss(pid: number, intervalMs = 100): RssSampler {
  const window: RssWindow = { peakKb: 0, peakAnonKb: 0, samples: 0 };
  const take = () => {
    const kb = readStatusKb(pid, 'VmRSS');
    const anonKb = readStatusKb(pid, 'RssAnon');
    if (kb !== null) {
      window.samples += 1;
      window.peakKb = Math.max(window.peakKb, kb);
    }
    if (anonKb !== null) window.peakAnonKb = Math.max(window.peakAnonKb, anonKb);
  };
  take();
  const timer = setInterval(take, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { ...window };
    },
  };
}
