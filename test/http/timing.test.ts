import { describe, expect, it } from 'vitest';
import { get, makeApp, withSpace } from '../support/app.js';

/** "name;dur=1.2;desc=..." → { name: { dur, desc } } */
function parseServerTiming(header: string) {
  const out: Record<string, { dur: number; desc?: string }> = {};
  for (const metric of header.split(/,\s*(?=[a-z-]+;)/)) {
    const [name, ...params] = metric.split(';');
    const dur = params.find((p) => p.startsWith('dur='));
    const desc = params.find((p) => p.startsWith('desc='));
    out[name!.trim()] = { dur: Number(dur?.slice(4)), desc: desc?.slice(6, -1) };
  }
  return out;
}

describe('the opt-in timing hook (SERVER_TIMING)', () => {
  it('is off by default: no Server-Timing header', async () => {
    const t = await makeApp();
    const owner = await withSpace(t);
    const res = await get(t, '/users', { cookie: owner.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('server-timing')).toBeNull();
  });

  it('when on, tells the Users page’s session, queries, render, compression and total times', async () => {
    const t = await makeApp({ SERVER_TIMING: 'true' });
    const owner = await withSpace(t);
    const res = await get(t, '/users', { cookie: owner.cookie, headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    const m = parseServerTiming(res.headers.get('server-timing')!);
    expect(Object.keys(m)).toEqual(['session', 'db', 'render', 'compress', 'total']);
    for (const { dur } of Object.values(m)) expect(dur).toBeGreaterThanOrEqual(0);
    expect(Number(/^(\d+) queries$/.exec(m.db!.desc!)?.[1])).toBeGreaterThan(1);
    expect(m.render!.dur).toBeGreaterThan(0);
    expect(m.compress!.dur).toBeGreaterThan(0);
    expect(m.total!.dur).toBeGreaterThanOrEqual(m.session!.dur + m.render!.dur + m.compress!.dur);
  });

  it('counts no compression time when the client takes none', async () => {
    const t = await makeApp({ SERVER_TIMING: 'true' });
    const owner = await withSpace(t);
    const m = parseServerTiming((await get(t, '/users', { cookie: owner.cookie })).headers.get('server-timing')!);
    expect(m.compress!.dur).toBe(0);
  });
});
