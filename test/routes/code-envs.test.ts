import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../src/db/queries/audit.js';
import { findCodeEnvById, listCodeEnvs } from '../../src/db/queries/code-envs.js';
import { snapshot } from '../support/db-snapshot.js';
import { unescapeHtml } from '../support/html.js';
import { addUser, get, makeApp, post, withSpace, type TestApp, type TestUser } from '../support/app.js';

const PANDAS = {
  name: 'pandas-env',
  language: 'python',
  languageVersion: '3.11',
  requirements: 'pandas>=2.0,<3\nnumpy',
  description: 'For the churn models.',
};

/** A space with Mia, a designer whose only group grants Manage code envs, and Rita, a plain reader. */
async function space() {
  const t = await makeApp();
  const owner = await withSpace(t);
  const mia = await addUser(t, {
    email: 'mia@example.com',
    name: 'Mia Manager',
    profile: 'designer',
    groups: [{ name: 'code-env-managers', permissions: ['manage_code_envs'] }],
  });
  const rita = await addUser(t, { email: 'rita@example.com', name: 'Rita Reader' });
  return { t, owner, mia, rita };
}

async function createPandas(t: TestApp, as: TestUser): Promise<number> {
  const res = await post(t, '/code-envs', PANDAS, { cookie: as.cookie });
  expect(res.status).toBe(303);
  const [env] = await listCodeEnvs(t.db);
  return env!.id;
}

/** A form control in a page: what it shows (an input's value, a textarea's text, the selected option) and its error. */
function control(html: string, name: string): { value: string; error: string | null } {
  const tag = new RegExp(`<(input|select|textarea)\\b[^>]*\\sname="${name}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no control named ${name}`);
  const rest = html.slice(tag.index + tag[0].length);
  let value: string;
  if (tag[1] === 'input') value = unescapeHtml(/\svalue="([^"]*)"/.exec(tag[0])?.[1] ?? '');
  else if (tag[1] === 'textarea') value = unescapeHtml(rest.slice(0, rest.indexOf('</textarea>')).replace(/^\n/, ''));
  else value = /<option value="([^"]*)" selected=""/.exec(rest.slice(0, rest.indexOf('</select>')))?.[1] ?? '';
  let error: string | null = null;
  for (const id of (/aria-describedby="([^"]*)"/.exec(tag[0])?.[1] ?? '').split(' ')) {
    const m = new RegExp(`<p class="error" id="${id}">([\\s\\S]*?)</p>`).exec(html);
    if (m) error = unescapeHtml(m[1]!);
  }
  return { value, error };
}

describe('the Code Envs list', () => {
  it('shows each code env with its language, packages, and who created it when', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const res = await get(t, '/code-envs', { cookie: mia.cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    const row = html.slice(html.indexOf(`<tr id="code-env-${id}"`), html.indexOf('</tr>', html.indexOf(`<tr id="code-env-${id}"`)));
    expect(row).toContain('<strong>pandas-env</strong>');
    expect(row).toContain('For the churn models.');
    expect(row).toContain('Python 3.11');
    expect(row).toContain('2 packages');
    expect(row).toContain('Mia Manager');
    expect(row).toContain('2026-11-26 12:00 UTC');
  });

  it('opens New, Edit and Delete as dialogs with htmx, and as links without it', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const html = await (await get(t, '/code-envs', { cookie: mia.cookie })).text();
    for (const href of ['/code-envs/new', `/code-envs/${id}/edit`, `/code-envs/${id}/delete`]) {
      expect(html).toContain(`href="${href}" hx-get="${href}" hx-target="#modal-root" hx-swap="innerHTML"`);
    }
    expect(html).toContain('<details class="menu"><summary class="btn btn-ghost btn-small" aria-label="Actions for pandas-env">');
  });

  it('says so when there are none', async () => {
    const { t, mia } = await space();
    expect(await (await get(t, '/code-envs', { cookie: mia.cookie })).text()).toContain('No code envs yet.');
  });
});

describe('New code env', () => {
  it('is a dialog for htmx and a page without JavaScript', async () => {
    const { t, mia } = await space();
    const dialog = await (await get(t, '/code-envs/new', { cookie: mia.cookie, htmx: true })).text();
    expect(dialog).toMatch(/^<dialog data-modal/);
    expect(dialog).toContain('<form id="code-env-form" method="post" action="/code-envs" hx-post="/code-envs"');
    const page = await (await get(t, '/code-envs/new', { cookie: mia.cookie })).text();
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<form id="code-env-form" method="post" action="/code-envs"');
  });

  it('without JavaScript: creates it, then redirects to the list, which says so', async () => {
    const { t, mia } = await space();
    const res = await post(t, '/code-envs', PANDAS, { cookie: mia.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/code-envs?notice=code_env_created');
    const list = await (await get(t, res.headers.get('location')!, { cookie: mia.cookie })).text();
    expect(list).toContain('The code env has been created.');
    expect(list).toContain('<strong>pandas-env</strong>');
    expect((await listAuditEvents(t.db, { action: 'code_env.created', limit: 10 })).map((e) => e.targetLabel)).toEqual(['pandas-env']);
  });

  it('with htmx: creates it and tells htmx to go to the list', async () => {
    const { t, mia } = await space();
    const res = await post(t, '/code-envs', PANDAS, { cookie: mia.cookie, htmx: true });
    expect(res.status).toBe(200);
    expect(res.headers.get('hx-redirect')).toBe('/code-envs?notice=code_env_created');
    expect(await listCodeEnvs(t.db)).toHaveLength(1);
  });

  it.each([
    { what: 'a name with a space', change: { name: 'pandas env' }, field: 'name', message: 'Use only letters, digits, _ and - (no spaces).' },
    { what: 'an R version for Python', change: { languageVersion: '4.4' }, field: 'languageVersion', message: 'Choose a version of Python: 3.9, 3.10, 3.11, 3.12 or 3.13.' },
    {
      what: 'a bad package line',
      change: { requirements: '# ours\n\npandas 2.0' },
      field: 'requirements',
      message:
        'Line 3 is not a valid Python requirement: "pandas 2.0". Write a package name, then optional [extras] and version constraints, such as pandas>=2.0,<3 or requests[socks] (>=2.31).',
    },
    { what: 'a long description', change: { description: 'x'.repeat(501) }, field: 'description', message: 'Use at most 500 characters (this has 501).' },
  ])('without JavaScript, $what: 422, the message next to the field, the form as typed', async ({ change, field, message }) => {
    const { t, mia } = await space();
    const typed = { ...PANDAS, ...change };
    const res = await post(t, '/code-envs', typed, { cookie: mia.cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(control(html, field).error).toBe(message);
    for (const name of Object.keys(PANDAS) as Array<keyof typeof PANDAS>) expect(control(html, name).value, name).toBe(typed[name]);
    expect(await listCodeEnvs(t.db)).toEqual([]);
  });

  it('with htmx, bad input: 422 with just the form, to swap in place of itself inside the open dialog', async () => {
    const { t, mia } = await space();
    const typed = { ...PANDAS, name: 'PANDAS-ENV', requirements: 'numpy\n\nnumpy>=2' };
    await createPandas(t, mia);
    const res = await post(t, '/code-envs', typed, { cookie: mia.cookie, htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toMatch(/^<form id="code-env-form"/);
    expect(control(html, 'name')).toEqual({
      value: 'PANDAS-ENV',
      error: 'A code env named pandas-env already exists. Names are unique whatever their case; choose another.',
    });
    expect(control(html, 'requirements')).toEqual({
      value: 'numpy\n\nnumpy>=2',
      error: 'Line 3: numpy is already listed on line 1. List each package once.',
    });
    expect(await listCodeEnvs(t.db)).toHaveLength(1);
  });
});

describe('Edit code env', () => {
  it('shows the code env as it is', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const html = await (await get(t, `/code-envs/${id}/edit`, { cookie: mia.cookie, htmx: true })).text();
    expect(html).toMatch(/^<dialog data-modal/);
    for (const name of Object.keys(PANDAS) as Array<keyof typeof PANDAS>) expect(control(html, name).value, name).toBe(PANDAS[name]);
  });

  it('saves the changes, audits them and redirects to the list', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const res = await post(t, `/code-envs/${id}`, { ...PANDAS, languageVersion: '3.13' }, { cookie: mia.cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/code-envs?notice=code_env_saved');
    expect((await findCodeEnvById(t.db, id))?.languageVersion).toBe('3.13');
    const [event] = await listAuditEvents(t.db, { action: 'code_env.updated', limit: 10 });
    expect(event?.details).toEqual({ language: 'Python 3.11 → Python 3.13' });
  });

  it('refuses bad input with 422 and keeps what was typed', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const res = await post(t, `/code-envs/${id}`, { ...PANDAS, language: 'r', languageVersion: '4.5' }, { cookie: mia.cookie, htmx: true });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`hx-post="/code-envs/${id}"`);
    expect(control(html, 'language').value).toBe('r');
    expect(control(html, 'requirements').error).toMatch(/^Line 1 is not a valid R requirement: "pandas>=2.0,<3"\./);
    expect((await findCodeEnvById(t.db, id))?.language).toBe('python');
  });

  it('answers 404 for a code env that does not exist', async () => {
    const { t, mia } = await space();
    expect((await get(t, '/code-envs/999/edit', { cookie: mia.cookie })).status).toBe(404);
    expect((await post(t, '/code-envs/999', PANDAS, { cookie: mia.cookie })).status).toBe(404);
  });
});

describe('Delete code env', () => {
  it('asks for confirmation first, and asking changes nothing', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const before = await snapshot(t.db);
    const res = await get(t, `/code-envs/${id}/delete`, { cookie: mia.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Delete the code env pandas-env (Python 3.11)?');
    expect(html).toContain(`<form id="confirm-form" method="post" action="/code-envs/${id}/delete"`);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it.each([
    { how: 'without JavaScript', htmx: false },
    { how: 'with htmx', htmx: true },
  ])('$how: deletes it, audits it and goes back to the list', async ({ htmx }) => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    const res = await post(t, `/code-envs/${id}/delete`, {}, { cookie: mia.cookie, htmx });
    expect(res.status).toBe(htmx ? 200 : 303);
    expect(res.headers.get(htmx ? 'hx-redirect' : 'location')).toBe('/code-envs?notice=code_env_deleted');
    expect(await findCodeEnvById(t.db, id)).toBeNull();
    expect(await listAuditEvents(t.db, { action: 'code_env.deleted', limit: 10 })).toHaveLength(1);
  });

  it('answers 404 for a code env that does not exist', async () => {
    const { t, mia } = await space();
    expect((await get(t, '/code-envs/999/delete', { cookie: mia.cookie })).status).toBe(404);
    expect((await post(t, '/code-envs/999/delete', {}, { cookie: mia.cookie })).status).toBe(404);
  });
});

describe('who reaches the Code Envs panel', () => {
  it('a member of a group with only Manage code envs: the whole panel, and no other admin panel', async () => {
    const { t, mia } = await space();
    const id = await createPandas(t, mia);
    expect((await post(t, `/code-envs/${id}`, { ...PANDAS, name: 'pandas-3' }, { cookie: mia.cookie, htmx: true })).status).toBe(200);
    expect((await post(t, `/code-envs/${id}/delete`, {}, { cookie: mia.cookie })).status).toBe(303);
    const trail = (await listAuditEvents(t.db, { limit: 10 })).filter((e) => e.action.startsWith('code_env.'));
    expect(trail.map((e) => [e.action, e.actorLabel])).toEqual([
      ['code_env.deleted', 'mia@example.com'],
      ['code_env.updated', 'mia@example.com'],
      ['code_env.created', 'mia@example.com'],
    ]);
    const overview = await (await get(t, '/', { cookie: mia.cookie })).text();
    expect(overview).toContain('<a href="/code-envs">Code Envs</a>');
    expect(overview).not.toContain('href="/users"');
    expect((await get(t, '/users', { cookie: mia.cookie })).status).toBe(403);
  });

  it('a space administrator, through Space Admin', async () => {
    const { t, owner } = await space();
    const id = await createPandas(t, owner);
    expect((await get(t, `/code-envs/${id}/edit`, { cookie: owner.cookie })).status).toBe(200);
  });

  it('a plain reader gets 403 on every Code Envs route, and nothing changes', async () => {
    const { t, mia, rita } = await space();
    const id = await createPandas(t, mia);
    const before = await snapshot(t.db);
    const requests = [
      () => get(t, '/code-envs', { cookie: rita.cookie }),
      () => get(t, '/code-envs/new', { cookie: rita.cookie }),
      () => post(t, '/code-envs', { ...PANDAS, name: 'mine' }, { cookie: rita.cookie }),
      () => get(t, `/code-envs/${id}/edit`, { cookie: rita.cookie }),
      () => post(t, `/code-envs/${id}`, { ...PANDAS, name: 'mine' }, { cookie: rita.cookie }),
      () => get(t, `/code-envs/${id}/delete`, { cookie: rita.cookie }),
      () => post(t, `/code-envs/${id}/delete`, {}, { cookie: rita.cookie }),
      () => post(t, `/code-envs/${id}/delete`, {}, { cookie: rita.cookie, htmx: true }),
    ];
    for (const request of requests) {
      const res = await request();
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('You do not have access to this page');
    }
    expect(await snapshot(t.db)).toEqual(before);
  });
});
