// The API keys panel in Chromium, with JavaScript and without: create a key (shown once), use it on the
// API, revoke it. axe finds no serious or critical violation on the panel, its dialog and its errors.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations, launchBrowser, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { chooseFromRowMenu, createSpaceThroughSetup, dialog, JS_OFF, JS_ON, newPerson, onPath, openPanel, row, shown, signIn, type Mode, type Person } from './ui.js';

const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };

describe.skipIf(skipBrowserTests())('the API keys panel, in Chromium', () => {
  let browser: Browser;
  let launchpad: Launchpad;

  beforeAll(async () => {
    browser = await launchBrowser();
    launchpad = await startLaunchpad();
    await createSpaceThroughSetup(browser, launchpad, OWNER);
  });
  afterAll(async () => {
    await browser?.close();
    await launchpad?.close();
  });

  const seats = (key: string) => fetch(`${launchpad.url}/api/v1/space/seats`, { headers: { authorization: `Bearer ${key}` } });

  /** axe runs as a script in the page: only with JavaScript on. */
  async function axe(person: Person, where: string, mode: Mode) {
    if (!mode.js) return;
    const violations = await axeViolations(person.page);
    expect.soft(violations.length, formatViolations(where, violations)).toBe(0);
  }

  it.each([JS_ON, JS_OFF])('create, use and revoke a key ($name)', async (mode: Mode) => {
    const owner = await newPerson(browser, launchpad, mode);
    const page = owner.page;
    await signIn(page, OWNER.email, OWNER.password);
    await openPanel(page, 'API keys');
    await axe(owner, `api keys (${mode.name})`, mode);

    await page.getByRole('link', { name: 'New API key' }).click();
    let form = await dialog(page, mode, 'New API key');
    await axe(owner, `new api key (${mode.name})`, mode);
    const name = `Sync ${mode.name}`;
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByRole('button', { name: 'Create API key' }).click();
    await shown(form.getByText('Choose at least one scope.'));
    await axe(owner, `new api key with errors (${mode.name})`, mode);

    form = await dialog(page, mode, 'New API key');
    await form.getByRole('checkbox', { name: /users:read/ }).check();
    await form.getByRole('button', { name: 'Create API key' }).click();
    const keyField = await shown(page.getByLabel('API key', { exact: true }));
    const key = await keyField.inputValue();
    expect(key).toMatch(/^lp_[a-z0-9]{12}_[a-z0-9]{40}$/);
    expect((await seats(key)).status).toBe(200);

    await page.getByRole('link', { name: 'Done' }).click();
    await onPath(page, '/api-keys');
    await shown(row(page, name));
    await chooseFromRowMenu(page, name, 'Revoke key');
    const confirm = await dialog(page, mode, 'Revoke API key');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await onPath(page, '/api-keys');
    await shown(row(page, name).getByText('Revoked'));
    expect((await seats(key)).status).toBe(401);
    await owner.context.close();
  }, 120_000);

  it('the API reference page', async () => {
    const reader = await newPerson(browser, launchpad, JS_ON);
    await reader.page.goto('/api/docs');
    await shown(reader.page.getByRole('heading', { name: 'Launchpad API', level: 1 }));
    await axe(reader, 'api docs', JS_ON);
    await reader.context.close();
  }, 60_000);
});
