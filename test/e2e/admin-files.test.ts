// Admin work at scale in Chromium, with JavaScript and without: import a spreadsheet's file through its
// preview, edit the invitation it created from the row menu, filter the Audit log, and end a session
// from My account.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { chooseFromRowMenu, createSpaceThroughSetup, dialog, JS_OFF, JS_ON, newPerson, onPath, openPanel, row, shown, signIn, type Mode } from './ui.js';

const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };

describe.skipIf(skipBrowserTests())('import, invitation edit, audit filters and sessions, in Chromium', () => {
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

  it.each([JS_ON, JS_OFF])('imports a file through its preview, then edits the invitation ($name)', async (mode: Mode) => {
    const owner = await newPerson(browser, launchpad, mode);
    const page = owner.page;
    await signIn(page, OWNER.email, OWNER.password);
    await openPanel(page, 'Users, Profiles & Groups');
    await page.getByRole('link', { name: 'Import users' }).click();
    await onPath(page, '/users/import');
    const bob = `${mode.name}-bob@example.com`;
    const csv = `\uFEFFemail;name;profile;groups\r\n${mode.name}-ada@example.com;"Lovelace, Ada";Space Admin;\r\n${bob};;reader;${mode.name}-team\r\n`;
    await page.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Preview' }).click();
    await shown(page.getByText(`No group is named "${mode.name}-team"`));
    await page.getByLabel('Create missing groups').check();
    await page.getByRole('button', { name: 'Update the preview' }).click();
    await shown(page.getByText('becomes a designer in space_administrators'));
    await page.getByRole('button', { name: /^Import \(2 changes\)$/ }).click();
    await shown(page.getByText('2 invitations sent, 0 members updated'));

    await page.getByRole('link', { name: bob }).click();
    await shown(page.getByRole('heading', { level: 1, name: 'Edit invitation' }));
    await openPanel(page, 'Users, Profiles & Groups');
    await chooseFromRowMenu(page, bob, 'Edit invitation');
    const form = await dialog(page, mode, 'Edit invitation');
    await form.getByLabel('Profile').selectOption('explorer');
    await form.getByRole('button', { name: 'Save' }).click();
    await shown(row(page, bob).getByText('Explorer'));
    await owner.context.close();
  });

  it.each([JS_ON, JS_OFF])('filters the Audit log by action and actor ($name)', async (mode: Mode) => {
    const owner = await newPerson(browser, launchpad, mode);
    const page = owner.page;
    await signIn(page, OWNER.email, OWNER.password);
    await page.goto(`${launchpad.url}/audit`);
    await page.getByLabel('Actions').selectOption(['invitation.updated']);
    await page.getByLabel('Actor').fill('olivia');
    await page.getByRole('button', { name: 'Filter' }).click();
    await shown(page.getByRole('cell', { name: 'Invitation edited' }).first());
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByRole('cell', { name: 'Invitation sent' }).count()).toBe(0);
    await owner.context.close();
  });

  it.each([JS_ON, JS_OFF])('ends another session from My account ($name)', async (mode: Mode) => {
    const other = await newPerson(browser, launchpad, mode);
    await signIn(other.page, OWNER.email, OWNER.password);
    const me = await newPerson(browser, launchpad, mode);
    await signIn(me.page, OWNER.email, OWNER.password);
    await openPanel(me.page, 'My account');
    const others = me.page.locator('tr[data-session="other"]');
    const before = await others.count();
    expect(before).toBeGreaterThan(0);
    await others.first().getByRole('button', { name: /^End the session/ }).click();
    await shown(me.page.getByText('That session has ended'));
    expect(await me.page.locator('tr[data-session="other"]').count()).toBe(before - 1);
    await other.context.close();
    await me.context.close();
  });
});
