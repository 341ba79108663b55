// The Users tab in Chromium at a desktop width and at 390 px, with JavaScript and without (issue 11
// items 13 and 14): on a phone the rows become cards with their "…" in view, nothing scrolls sideways and
// the top bar keeps the space's name; the fetched row menu and the sign-in focus work in a real browser.
// Screenshots go to test/e2e/.screenshots/users-tab/ for people to look at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { dialog, expectText, JS_OFF, JS_ON, newPerson, onPath, row, shown, signIn, type Mode } from './ui.js';

const SPACE = 'Acme Analytics Europe';
const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };
const INVITEES = ['maximilian.vandenberghe-longname@subsidiary.example.com', 'ada@example.com', 'bob@example.com'];

async function noSidewaysScroll(page: Page, where: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${where}: the page scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
}

describe.skipIf(skipBrowserTests())('the Users tab in Chromium, wide and at 390 px', () => {
  let browser: Browser;
  let launchpad: Launchpad;

  beforeAll(async () => {
    browser = await launchBrowser();
    launchpad = await startLaunchpad();
  });
  afterAll(async () => {
    await browser?.close();
    await launchpad?.close();
  });

  it('a space with an owner and three invitations (one with a very long address)', async () => {
    const setup = await newPerson(browser, launchpad, JS_ON);
    await setup.page.goto(launchpad.setupLink);
    await setup.page.getByLabel('Space name').fill(SPACE);
    await setup.page.getByLabel('Your name').fill(OWNER.name);
    await setup.page.getByLabel('Your email').fill(OWNER.email);
    await setup.page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await setup.page.getByRole('button', { name: 'Create the space' }).click();
    await onPath(setup.page, '/');
    await setup.page.goto('/users');
    await setup.page.getByRole('link', { name: 'Invite a User' }).click();
    const invite = await dialog(setup.page, JS_ON, 'Invite a User');
    await invite.getByLabel('Email addresses').fill(INVITEES.join(', '));
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expectText(invite.getByRole('status'), '3 invitations created');
    await setup.context.close();
  });

  async function signedInAt(mode: Mode, width: number) {
    const person = await newPerson(browser, launchpad, mode);
    await person.page.setViewportSize({ width, height: 844 });
    await signIn(person.page, OWNER.email, OWNER.password);
    return person;
  }

  for (const mode of [JS_ON, JS_OFF]) {
    it(`${mode.name}: at 390 px the rows are cards with their "…" in view, and nothing scrolls sideways`, async () => {
      const { page, context } = await signedInAt(mode, 390);
      await page.goto('/users');
      await shown(row(page, INVITEES[0]!));
      await screenshot(page, `users-tab/${mode.name}-390`);
      await noSidewaysScroll(page, `/users at 390 px (${mode.name})`);
      // The header keeps the space's name.
      expect(await page.locator('.brand-space').isVisible()).toBe(true);
      await expectText(page.locator('.topbar'), SPACE);
      // Each row is a card as wide as the screen at most, with its "…" on screen.
      for (const email of [OWNER.email, ...INVITEES]) {
        const r = row(page, email);
        const box = (await r.boundingBox())!;
        expect(box.x + box.width, `${email}: the card`).toBeLessThanOrEqual(390);
        const more = r.getByLabel(/^Actions for /);
        const b = (await more.boundingBox())!;
        expect(b.x >= 0 && b.x + b.width <= 390, `${email}: its "…" at x=${b.x}`).toBe(true);
      }
      // The "…" works there: a menu (JS) or the actions page (no JS) with the invitation's actions.
      await row(page, INVITEES[0]!).getByLabel(/^Actions for /).click();
      const item = page.getByRole('menuitem', { name: 'Resend invitation' });
      await shown(item);
      const ib = (await item.boundingBox())!;
      expect(ib.x >= 0 && ib.x + ib.width <= 390, `the menu item at x=${ib.x}`).toBe(true);
      await screenshot(page, `users-tab/${mode.name}-390-menu`);
      await noSidewaysScroll(page, `the row's actions at 390 px (${mode.name})`);
      await context.close();
    });

    it(`${mode.name}: at 1280 px the table keeps its columns; sorting headers show the order`, async () => {
      const { page, context } = await signedInAt(mode, 1280);
      await page.goto('/users');
      await shown(row(page, INVITEES[0]!));
      expect(await page.locator('table.user-table thead').isVisible()).toBe(true);
      await expectText(page.locator('th[aria-sort="ascending"]'), 'Name', '▲');
      await screenshot(page, `users-tab/${mode.name}-1280`);
      await row(page, 'ada@example.com').getByLabel(/^Actions for /).click();
      await shown(page.getByRole('menuitem', { name: 'Copy invite link' }));
      await screenshot(page, `users-tab/${mode.name}-1280-menu`);
      await noSidewaysScroll(page, `/users at 1280 px (${mode.name})`);
      await context.close();
    });
  }

  it('after a wrong password the focus is on Password (the email kept)', async () => {
    const { page, context } = await newPerson(browser, launchpad, JS_OFF);
    await page.goto('/login');
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await shown(page.getByRole('alert'));
    expect(await page.getByLabel('Password').evaluate((el) => el === document.activeElement)).toBe(true);
    await context.close();
  });
});
