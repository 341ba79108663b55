// Accessibility in Chromium, with JavaScript: axe finds no serious or critical violation on any panel,
// dialog or page for people not signed in (in their error states too); the row "…" menu and the dialogs
// work with the keyboard alone, Escape closes them, and the focused element always shows it.
// Every panel is also saved as a screenshot (test/e2e/.screenshots/js-on/) for people to look at.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, focusIndicator, formatViolations, launchBrowser, screenshot, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { chooseFromRowMenu, dialog, expectNoDialog, expectText, JS_ON, newPerson, onPath, openPanel, openTab, row, shown, signIn, type Person } from './ui.js';

const SPACE = 'Acme Analytics';
const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };
const ADA = { email: 'ada@example.com', name: 'Ada Lovelace', password: 'analytical engine 1843' };
const GROUP = 'analysts';

let shot = 0;

/**
 * axe on the page as it is now (an open dialog included), and a screenshot of it. A violation does not
 * stop the test (expect.soft): every panel is checked, and each failure prints what axe found.
 */
async function checkPanel(page: Page, name: string): Promise<void> {
  shot += 1;
  await screenshot(page, `js-on/${String(shot).padStart(2, '0')}-${name}`);
  const where = `${name} (${new URL(page.url()).pathname})`;
  const violations = await axeViolations(page);
  expect.soft(violations.length, formatViolations(where, violations)).toBe(0);
  // At 1280 px nothing should push the page sideways: wide tables scroll inside their card.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect.soft(overflow, `${where}: the page scrolls sideways by ${overflow}px at 1280px wide`).toBeLessThanOrEqual(0);
}

/** Presses Tab until `target` has the focus, as a keyboard user would get there. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

async function expectFocusVisible(page: Page, where: string): Promise<void> {
  const focus = await focusIndicator(page);
  expect(focus.visible, `${where}: the focused element ${focus.element} shows no outline or box-shadow`).toBe(true);
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);
const focusIsInside = (locator: Locator) => locator.evaluate((el) => el.contains(document.activeElement));

describe.skipIf(skipBrowserTests())('accessibility and keyboard use, in Chromium', () => {
  let browser: Browser;
  let launchpad: Launchpad;
  let owner: Person;
  let ada: Person;

  beforeAll(async () => {
    browser = await launchBrowser();
    launchpad = await startLaunchpad();
  });
  afterAll(async () => {
    await browser?.close();
    await launchpad?.close();
  });

  it('the pages for people not signed in: setup, sign-in, accepting an invitation', async () => {
    const setup = await newPerson(browser, launchpad, JS_ON);
    const page = setup.page;
    await page.goto(launchpad.setupLink);
    await shown(page.getByRole('heading', { name: 'Set up your space' }));
    await checkPanel(page, 'setup');

    await page.getByLabel('Space name').fill(SPACE);
    await page.getByLabel('Your name').fill(OWNER.name);
    await page.getByLabel('Your email').fill(OWNER.email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create the space' }).click();
    await shown(page.locator('.error'));
    await checkPanel(page, 'setup-with-errors');
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByRole('button', { name: 'Create the space' }).click();
    await onPath(page, '/');
    await setup.context.close();

    owner = await newPerson(browser, launchpad, JS_ON);
    await owner.page.goto('/login');
    await shown(owner.page.getByRole('heading', { name: 'Sign in' }));
    await checkPanel(owner.page, 'sign-in');
    await owner.page.getByLabel('Email').fill(OWNER.email);
    await owner.page.getByLabel('Password').fill('not the password');
    await owner.page.getByRole('button', { name: 'Sign in' }).click();
    await shown(owner.page.getByRole('alert'));
    await checkPanel(owner.page, 'sign-in-failed');
    await signIn(owner.page, OWNER.email, OWNER.password);

    // An invitation for Ada, and its page.
    await owner.page.goto('/users');
    await owner.page.getByRole('link', { name: 'Invite a User' }).click();
    const invite = await dialog(owner.page, JS_ON, 'Invite a User');
    await invite.getByLabel('Email addresses').fill(`${ADA.email} bob@example.com`);
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expectText(invite.getByRole('status'), '2 invitations created; the emails were written to the server log (no RESEND_API_KEY).');
    await expect.poll(() => launchpad.emailedLink(ADA.email), { timeout: 5_000 }).toMatch(/\/invite\//);

    ada = await newPerson(browser, launchpad, JS_ON);
    await ada.page.goto(launchpad.emailedLink(ADA.email)!);
    await shown(ada.page.getByRole('heading', { name: `Join ${SPACE}` }));
    await checkPanel(ada.page, 'accept-invite');
    await ada.page.getByLabel('Your name').fill(ADA.name);
    await ada.page.getByLabel('Password', { exact: true }).fill('short');
    await ada.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await shown(ada.page.locator('.error'));
    await checkPanel(ada.page, 'accept-invite-with-errors');
    await ada.page.getByLabel('Password', { exact: true }).fill(ADA.password);
    await ada.page.getByRole('button', { name: 'Accept the invitation' }).click();
    await onPath(ada.page, '/');
    await checkPanel(ada.page, 'overview-member');
  });

  it('the Users tab, its "…" menu and every dialog of its rows', async () => {
    const page = owner.page;
    await page.goto('/');
    await checkPanel(page, 'overview-owner');

    await openPanel(page, 'Users, Profiles & Groups');
    await expectText(row(page, ADA.email), ADA.name);
    await checkPanel(page, 'users');

    await page.getByLabel(`Actions for ${ADA.name}`).click();
    await shown(page.getByRole('menuitem', { name: 'Edit User' }));
    await checkPanel(page, 'users-row-menu');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: 'Invite a User' }).click();
    let form = await dialog(page, JS_ON, 'Invite a User');
    await checkPanel(page, 'invite-dialog');
    await form.getByLabel('Email addresses').fill('carol@example.com, dan.example.com');
    await form.getByRole('button', { name: 'Send invitations' }).click();
    await shown(form.getByRole('alert'));
    await checkPanel(page, 'invite-dialog-with-error');
    await page.keyboard.press('Escape');
    await expectNoDialog(page);

    await chooseFromRowMenu(page, 'bob@example.com', 'Copy invite link');
    await dialog(page, JS_ON, 'Copy invite link');
    await checkPanel(page, 'copy-invite-link-dialog');
    await page.keyboard.press('Escape');
    await expectNoDialog(page);

    await chooseFromRowMenu(page, 'bob@example.com', 'Revoke invitation');
    await dialog(page, JS_ON, 'Revoke invitation');
    await checkPanel(page, 'revoke-invitation-dialog');
    await page.keyboard.press('Escape');

    await chooseFromRowMenu(page, ADA.name, 'Edit User');
    form = await dialog(page, JS_ON, 'Edit User');
    await checkPanel(page, 'edit-user-dialog');
    await form.getByLabel('Display name').fill('   '); // blank: the server says so next to the field
    await form.getByRole('button', { name: 'Save' }).click();
    await shown(form.locator('.error'));
    await checkPanel(page, 'edit-user-dialog-with-error');
    await page.keyboard.press('Escape');
    await expectNoDialog(page);

    await chooseFromRowMenu(page, ADA.name, 'Transfer Space Ownership');
    await dialog(page, JS_ON, 'Transfer Space Ownership');
    await checkPanel(page, 'transfer-ownership-dialog');
    await page.keyboard.press('Escape');

    await chooseFromRowMenu(page, ADA.name, 'Delete user');
    await dialog(page, JS_ON, 'Delete user');
    await checkPanel(page, 'delete-user-dialog');
    await page.keyboard.press('Escape');
    await expectNoDialog(page);
  });

  it('the Groups tab, Create group, Edit Group and the members page', async () => {
    const page = owner.page;
    await openPanel(page, 'Users, Profiles & Groups');
    await openTab(page, 'Groups');
    await checkPanel(page, 'groups');

    await page.getByRole('link', { name: 'Create group' }).click();
    const form = await dialog(page, JS_ON, 'Create group');
    await checkPanel(page, 'create-group-dialog');
    await form.getByLabel('Name', { exact: true }).fill(GROUP);
    await form.getByRole('checkbox', { name: /^Manage code envs/ }).check();
    await form.getByRole('button', { name: 'Create group' }).click();
    // The dialog sits on /groups already: wait for the redirect that follows the POST, not just the path.
    await onPath(page, '/groups?notice=created');

    await chooseFromRowMenu(page, GROUP, 'Edit Group');
    await shown(page.getByRole('heading', { name: `Edit Group ${GROUP}` }));
    await checkPanel(page, 'edit-group');

    await page.goto('/groups');
    await chooseFromRowMenu(page, 'space_administrators', 'Edit Group');
    await shown(page.getByRole('heading', { name: 'Edit Group space_administrators' }));
    await checkPanel(page, 'edit-group-space-administrators');

    await page.goto('/groups');
    await chooseFromRowMenu(page, GROUP, 'Members');
    const members = await dialog(page, JS_ON, `Members of ${GROUP}`); // a dialog, as Create group is
    await members.getByLabel('Search by name or email').fill('ada');
    await members.getByRole('button', { name: 'Search' }).click();
    await shown(members.getByRole('button', { name: `Add ${ADA.name} to the group` }));
    await checkPanel(page, 'group-members-search');
    await members.getByRole('button', { name: `Add ${ADA.name} to the group` }).click();
    await expectText(members.locator('tbody tr', { hasText: ADA.email }), ADA.name);
    await checkPanel(page, 'group-members');
    await members.getByRole('button', { name: 'Close' }).click();
  });

  it('Extensions, Code Envs (and its dialog), Audit log, My account, a missing page', async () => {
    const page = owner.page;
    await openPanel(page, 'Extensions');
    await checkPanel(page, 'extensions');
    await page.getByRole('region', { name: 'Code Studios' }).getByRole('button', { name: 'Activate' }).click();
    await shown(page.getByRole('status'));
    await checkPanel(page, 'extensions-activated');

    await openPanel(page, 'Code Envs');
    await checkPanel(page, 'code-envs-empty');
    await page.getByRole('link', { name: 'New code env' }).click();
    const form = await dialog(page, JS_ON, 'New code env');
    await checkPanel(page, 'new-code-env-dialog');
    await form.getByLabel('Name', { exact: true }).fill('bad name!');
    await form.getByLabel('Package requirements').fill('pandas>>2');
    await form.getByRole('button', { name: 'Create code env' }).click();
    await shown(form.locator('.error').first());
    await checkPanel(page, 'new-code-env-dialog-with-errors');
    await form.getByLabel('Name', { exact: true }).fill('team-pandas');
    await form.getByLabel('Package requirements').fill('pandas>=2.0,<3\nnumpy');
    await form.getByRole('button', { name: 'Create code env' }).click();
    // As above: the path is /code-envs before the POST too, so wait for the redirect's notice.
    await onPath(page, '/code-envs?notice=code_env_created');
    await checkPanel(page, 'code-envs');

    await openPanel(page, 'Audit log');
    await checkPanel(page, 'audit-log');
    await openPanel(page, 'My account');
    await checkPanel(page, 'my-account');
    await page.goto('/no-such-page');
    await checkPanel(page, 'not-found');

    // Ada, now in the group with "Manage code envs", sees the Code Envs panel too.
    await ada.page.goto('/code-envs');
    await checkPanel(ada.page, 'code-envs-member');
  });

  it('a row\'s "…" menu shows whole, even on the last row of a table', async () => {
    const page = owner.page;
    for (const path of ['/users', '/groups', '/code-envs']) {
      await page.goto(path);
      // The Users rows carry a link that htmx turns into the open menu; the other tables a <details> menu.
      const opener = page.locator('tbody tr:last-child details.menu > summary, tbody tr:last-child td:last-child > a[href*="/actions"]');
      await opener.click();
      const items = page.locator('tbody tr:last-child [role="menuitem"]');
      await shown(items.first());
      for (let i = 0; i < (await items.count()); i++) {
        const item = items.nth(i);
        // What a person sees at the middle of the item is the item, not whatever cut it off.
        const onTop = await item.evaluate((el) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return hit !== null && (hit === el || el.contains(hit));
        });
        expect.soft(onTop, `${path}: the last row's menu item "${await item.textContent()}" is hidden or cut off`).toBe(true);
      }
      await page.keyboard.press('Escape');
    }
  });

  describe('with the keyboard alone', () => {
    it('the row "…" menu opens with Enter, its items are reached with Tab and the arrow keys, Escape closes it', async () => {
      const page = owner.page;
      await page.goto('/users');
      const summary = page.getByLabel(`Actions for ${ADA.name}`);
      const menu = row(page, ADA.email).locator('details.menu');

      await tabTo(page, summary);
      await expectFocusVisible(page, 'the "…" button');
      await page.keyboard.press('Enter');
      await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);

      await page.keyboard.press('Tab');
      expect(await isFocused(page.getByRole('menuitem', { name: 'Edit User' }))).toBe(true);
      await expectFocusVisible(page, 'the "Edit User" menu item');
      // Arrow keys move through the items too, round and round.
      await page.keyboard.press('ArrowDown');
      expect(await isFocused(page.getByRole('menuitem', { name: 'Transfer Space Ownership' }))).toBe(true);
      await expectFocusVisible(page, 'the "Transfer Space Ownership" menu item');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      expect(await isFocused(page.getByRole('menuitem', { name: 'Delete user' }))).toBe(true);

      await page.keyboard.press('Escape');
      await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      expect(await isFocused(summary)).toBe(true);
    });

    it('"Edit User" opens a dialog that takes the focus, is used with the keyboard, and Escape closes it', async () => {
      const page = owner.page;
      await page.goto('/users');
      const summary = page.getByLabel(`Actions for ${ADA.name}`);
      await tabTo(page, summary);
      await page.keyboard.press('Enter');
      // The Users rows' menus are fetched when they open (the list stays light): wait for it.
      await shown(page.getByRole('menuitem', { name: 'Edit User' }));
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // "Edit User"

      const edit = await dialog(page, JS_ON, 'Edit User');
      await expect.poll(() => focusIsInside(edit)).toBe(true);
      await expectFocusVisible(page, 'the Edit User dialog');

      // Escape closes it without saving, and the focus goes back to the row's "…".
      const name = edit.getByLabel('Display name');
      await tabTo(page, name);
      await expectFocusVisible(page, 'the Display name field');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Not Saved');
      await page.keyboard.press('Escape');
      await expectNoDialog(page);
      await expectText(row(page, ADA.email), ADA.name);
      await expect.poll(() => isFocused(page.getByLabel(`Actions for ${ADA.name}`))).toBe(true);

      // Again, and this time save with Enter: the row changes and the focus is back on its "…".
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      const again = await dialog(page, JS_ON, 'Edit User');
      await tabTo(page, again.getByLabel('Display name'));
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('Ada Byron');
      await page.keyboard.press('Enter');
      await expectNoDialog(page);
      await expectText(row(page, ADA.email), 'Ada Byron');
      await expect.poll(() => isFocused(page.getByLabel('Actions for Ada Byron'))).toBe(true);
      await expectFocusVisible(page, 'the "…" button after saving');
    });

    it('"Invite a User" opens on Enter with the address field focused; Escape closes it and the focus returns', async () => {
      const page = owner.page;
      await page.goto('/users');
      const opener = page.getByRole('link', { name: 'Invite a User' });
      await tabTo(page, opener);
      await expectFocusVisible(page, 'the "Invite a User" button');
      await page.keyboard.press('Enter');

      const invite = await dialog(page, JS_ON, 'Invite a User');
      await expect.poll(() => isFocused(invite.getByLabel('Email addresses'))).toBe(true);
      await expectFocusVisible(page, 'the Email addresses field');
      await page.keyboard.type('erin@example.com');
      await page.keyboard.press('Tab');
      expect(await isFocused(invite.getByLabel('Profile'))).toBe(true);
      await expectFocusVisible(page, 'the Profile select');
      await tabTo(page, invite.getByRole('button', { name: 'Send invitations' }), 20);
      await expectFocusVisible(page, 'the "Send invitations" button');

      await page.keyboard.press('Escape');
      await expectNoDialog(page);
      await expect.poll(() => isFocused(opener)).toBe(true);
      // Nothing was sent.
      expect(await row(page, 'erin@example.com').count()).toBe(0);
    });
  });
});
