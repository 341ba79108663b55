// The Code Envs form's version list: without JavaScript every version, grouped by language; with htmx, the
// language select asks for the chosen language's versions only, on load and on change.
import { describe, expect, it } from 'vitest';
import { addUser, get, makeApp, withSpace } from '../support/app.js';

async function space() {
  const t = await makeApp();
  await withSpace(t);
  const mia = await addUser(t, { email: 'mia@example.com', groups: [{ name: 'code-env-managers', permissions: ['manage_code_envs'] }] });
  const rita = await addUser(t, { email: 'rita@example.com' });
  return { t, mia, rita };
}

const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"( selected="")?>/g)].map((m) => (m[2] ? `*${m[1]}` : m[1]));

describe('the language version list', () => {
  it('groups every version by language in the form, and the language select asks for the list on load and change', async () => {
    const { t, mia } = await space();
    const html = await (await get(t, '/code-envs/new', { cookie: mia.cookie })).text();
    const versions = /<select[^>]*name="languageVersion"[\s\S]*?<\/select>/.exec(html)![0];
    expect([...versions.matchAll(/<optgroup label="([^"]+)">/g)].map((m) => m[1])).toEqual(['Python', 'R']);
    const language = /<select[^>]*name="language"[^>]*>/.exec(html)![0];
    expect(language).toContain('hx-get="/code-envs/language-versions"');
    expect(language).toContain('hx-trigger="load, change"');
    expect(language).toContain('hx-target="#f-languageVersion"');
  });

  it.each([
    { query: 'language=r&languageVersion=3.12', shown: ['4.2', '4.3', '4.4', '*4.5'] },
    { query: 'language=r&languageVersion=4.3', shown: ['4.2', '*4.3', '4.4', '4.5'] },
    { query: 'language=python&languageVersion=3.11', shown: ['3.9', '3.10', '*3.11', '3.12', '3.13'] },
  ])('htmx asking $query gets only that language’s versions', async ({ query, shown }) => {
    const { t, mia } = await space();
    const res = await get(t, `/code-envs/language-versions?${query}`, { cookie: mia.cookie, htmx: true });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(options(html)).toEqual(shown);
    expect(html).not.toContain('<optgroup');
  });

  it('refuses an unknown language, a member without Manage code envs, and sends a plain browser to the form', async () => {
    const { t, mia, rita } = await space();
    expect((await get(t, '/code-envs/language-versions?language=cobol', { cookie: mia.cookie, htmx: true })).status).toBe(400);
    expect((await get(t, '/code-envs/language-versions?language=r', { cookie: rita.cookie, htmx: true })).status).toBe(403);
    const plain = await get(t, '/code-envs/language-versions?language=r', { cookie: mia.cookie });
    expect(plain.status).toBe(303);
    expect(plain.headers.get('location')).toBe('/code-envs/new');
  });
});
