// Forms that follow the choices made in them, dialogs that stay dialogs, and no inline style under the CSP,
// in Chromium with JavaScript (issue 11: items 9, 10, 12 and 15).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { chooseFromRowMenu, dialog, expectText, JS_ON, newPerson, onPath, openPanel, openTab, shown, signIn, type Person } from './ui.js';

const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };
const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'ada has a long password' };

describe.skipIf(skipBrowserTests())('issue 11 forms, in Chromium with JavaScript', () => {
  let browser: Browser;
  let launchpad: Launchpad;
  let owner: Person;
  /** Every Content-Security-Policy violation the owner's page reported. */
  const violations: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    launchpad = await startLaunchpad();
  });

  // The steps share one space and run in order (the journey's way): a step may use what one before made.
  it('the owner sets up the space; Ada is invited and joins', async () => {
    owner = await newPerson(browser, launchpad, JS_ON);
    const page = owner.page;
    // Violations as the page sees them (securitypolicyviolation), whatever the console prints.
    await owner.context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
    });
    page.on('console', (m) => {
      if (/Content Security Policy|violates/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(launchpad.setupLink);
    await page.getByLabel('Space name').fill('Acme Analytics');
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Your email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Create the space' }).click();
    await onPath(page, '/');

    // Ada is invited and joins, so there is someone to edit and to transfer the ownership to.
    await openPanel(page, 'Users, Profiles & Groups');
    await page.getByRole('link', { name: 'Invite a User' }).click();
    const form = await dialog(page, JS_ON, 'Invite a User');
    await form.getByLabel('Email addresses').fill(ADA.email);
    await form.getByRole('button', { name: 'Send invitations' }).click();
    await shown(form.getByRole('status'));
    let link: string | null = null;
    for (let i = 0; i < 50 && !link; i++) {
      link = launchpad.emailedLink(ADA.email);
      if (!link) await new Promise((r) => setTimeout(r, 100));
    }
    const ada = await newPerson(browser, launchpad, JS_ON);
    await ada.page.goto(link!);
    await ada.page.getByLabel('Your name').fill(ADA.name);
    await ada.page.getByLabel('Password', { exact: true }).fill(ADA.password);
    await ada.page.getByRole('button', { name: /Join|Accept/ }).click();
    await onPath(ada.page, '/');
    await ada.context.close();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await launchpad?.close();
  });

  it('item 15: a wrong password in the Transfer dialog sets no inline style (CSP style-src self)', async () => {
    const page = owner.page;
    await page.goto('/users');
    violations.length = 0;
    await chooseFromRowMenu(page, ADA.name, 'Transfer Space Ownership');
    const form = await dialog(page, JS_ON, 'Transfer Space Ownership');
    await form.getByLabel('Your password, to confirm').fill('not the password');
    await form.getByRole('button', { name: 'Transfer Space Ownership' }).click();
    await expectText(await dialog(page, JS_ON, 'Transfer Space Ownership'), 'This is not your password.');
    await page.waitForTimeout(300); // htmx settles after the swap
    violations.push(...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp ?? [])));
    await screenshot(page, 'issue-11/transfer-wrong-password');
    expect(violations).toEqual([]);
  });

  it('item 12: Edit Group and Members open as dialogs; Members adds in place', async () => {
    const page = owner.page;
    await page.goto('/groups');
    await page.getByRole('link', { name: 'Create group' }).click();
    let form = await dialog(page, JS_ON, 'Create group');
    await form.getByLabel('Name', { exact: true }).fill('env-managers');
    await form.getByRole('checkbox', { name: /^Manage code envs/ }).check();
    await form.getByRole('button', { name: 'Create group' }).click();
    await expectText(page.getByRole('main').getByRole('status'), 'The group has been created.');

    await chooseFromRowMenu(page, 'env-managers', 'Edit Group');
    form = await dialog(page, JS_ON, 'Edit Group env-managers');
    expect(new URL(page.url()).pathname).toBe('/groups'); // still on the list, under the dialog
    await form.getByRole('button', { name: 'Close' }).click();

    await chooseFromRowMenu(page, 'env-managers', 'Members');
    const members = await dialog(page, JS_ON, 'Members of env-managers');
    await members.getByLabel('Search by name or email').fill('Ada');
    await members.getByRole('button', { name: 'Search' }).click();
    await members.getByRole('button', { name: `Add ${ADA.name} to the group` }).click();
    await expectText(members.getByRole('status'), 'The user has been added to the group.');
    await expectText(members.locator('tbody'), ADA.name);
    expect(new URL(page.url()).pathname).toBe('/groups');
    await screenshot(page, 'issue-11/members-dialog');
  });

  it('item 9: Edit User’s Effective permissions follow the group boxes before saving', async () => {
    const page = owner.page;
    await page.goto('/users');
    await chooseFromRowMenu(page, ADA.name, 'Edit User');
    const form = await dialog(page, JS_ON, 'Edit User');
    const effective = form.locator('#effective-permissions');
    await expectText(effective, 'Effective permissions (as saved)', 'Manage code envs from env-managers');
    await form.getByRole('checkbox', { name: 'env-managers' }).uncheck();
    await expectText(effective, '(with the groups ticked above, once saved)', 'No permissions: the ticked groups grant none.');
    await form.getByRole('checkbox', { name: 'space_administrators' }).check();
    await expectText(effective, 'Space Admin from space_administrators');
    await screenshot(page, 'issue-11/edit-user-effective');
    await form.getByRole('button', { name: 'Close' }).click();
  });

  it('item 10: the Code Envs form offers only the chosen language’s versions', async () => {
    const page = owner.page;
    await openPanel(page, 'Code Envs');
    await page.getByRole('link', { name: 'New code env' }).click();
    const form = await dialog(page, JS_ON, 'New code env');
    const versions = form.getByLabel('Language version');
    const offered = () => versions.locator('option').allTextContents();
    await expect.poll(offered, { timeout: 5_000 }).toEqual(['Python 3.9', 'Python 3.10', 'Python 3.11', 'Python 3.12', 'Python 3.13']);
    expect(await versions.inputValue()).toBe('3.12'); // the form's choice is kept
    await form.getByLabel('Language', { exact: true }).selectOption('r');
    await expect.poll(offered, { timeout: 5_000 }).toEqual(['R 4.2', 'R 4.3', 'R 4.4', 'R 4.5']);
    expect(await versions.inputValue()).toBe('4.5');
    await screenshot(page, 'issue-11/code-env-versions');
  });

  it('no page reported a Content-Security-Policy violation in any of these steps', () => {
    expect(violations).toEqual([]);
  });
});
