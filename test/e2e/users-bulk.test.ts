// Bulk actions on the Users tab in Chromium, with JavaScript (a dialog through htmx, "select all on this
// page" ticking every row) and without (the table is a form, the confirmation a page). axe checks the
// confirmation step; screenshots go to test/e2e/.screenshots/users-bulk/ for people to look at.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, formatViolations, launchBrowser, screenshot, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import { createSpaceThroughSetup, dialog, expectText, JS_OFF, JS_ON, newPerson, notice, onPath, row, shown, signIn, type Mode } from './ui.js';

const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };
const INVITEES = ['ada@example.com', 'bob@example.com', 'cyd@example.com'];

describe.skipIf(skipBrowserTests())('bulk actions on the Users tab in Chromium', () => {
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

  it('a space with its owner and three invitations', async () => {
    await createSpaceThroughSetup(browser, launchpad, OWNER);
    const setup = await newPerson(browser, launchpad, JS_ON);
    await signIn(setup.page, OWNER.email, OWNER.password);
    await setup.page.goto('/users');
    await setup.page.getByRole('link', { name: 'Invite a User' }).click();
    const invite = await dialog(setup.page, JS_ON, 'Invite a User');
    await invite.getByLabel('Email addresses').fill(INVITEES.join(', '));
    await invite.getByRole('button', { name: 'Send invitations' }).click();
    await expectText(invite.getByRole('status'), '3 invitations created');
    await setup.context.close();
  });

  async function signedIn(mode: Mode, width = 1280) {
    const person = await newPerson(browser, launchpad, mode);
    await person.page.setViewportSize({ width, height: 900 });
    await signIn(person.page, OWNER.email, OWNER.password);
    await person.page.goto('/users');
    await shown(row(person.page, INVITEES[2]!));
    return person;
  }

  it('js-off: tick two rows → confirmation page with the counts → apply → the list says what was done', async () => {
    const { page, context } = await signedIn(JS_OFF);
    await page.getByRole('checkbox', { name: 'ada@example.com' }).check();
    await page.getByRole('checkbox', { name: 'bob@example.com' }).check();
    await page.getByRole('button', { name: 'Act on the selected…' }).click();
    const step = await dialog(page, JS_OFF, 'Act on 2 selected');
    await step.getByLabel('Action').selectOption({ label: 'Change profile' });
    await step.getByRole('button', { name: 'Show what will happen' }).click();
    await page.getByLabel('New profile').selectOption({ label: 'Explorer' });
    await page.getByRole('button', { name: 'Show what will happen' }).click();
    await expectText(page.getByRole('main').getByRole('status'), '2 invitations to Explorer');
    await screenshot(page, 'users-bulk/js-off-confirm');
    // axe needs JavaScript in the page: it checks the same form as a dialog in the js-on journey.
    await page.getByRole('button', { name: 'Change profile: apply to 2' }).click();
    await onPath(page, '/users');
    await expectText(notice(page), 'Change the profile: 2 changed');
    await expectText(row(page, 'ada@example.com'), 'Explorer');
    await expectText(row(page, 'cyd@example.com'), 'Reader');
    await screenshot(page, 'users-bulk/js-off-done');
    await context.close();
  });

  it('js-on: "select all on this page" ticks every row; the dialog counts and applies', async () => {
    const { page, context } = await signedIn(JS_ON);
    const all = page.getByRole('checkbox', { name: 'Select all on this page' });
    await all.check();
    for (const email of INVITEES) expect(await page.getByRole('checkbox', { name: email }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: INVITEES[2]! }).uncheck();
    expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    await page.getByRole('button', { name: 'Act on the selected…' }).click();
    const step = await dialog(page, JS_ON, 'Act on 3 selected');
    await step.getByLabel('Action').selectOption({ label: 'Revoke invitations' });
    await expectText(step.getByRole('status'), '2 invitations revoked, 1 skipped: a member, not an invitation');
    await screenshot(page, 'users-bulk/js-on-dialog');
    const violations = await axeViolations(page);
    expect(violations.length, formatViolations('bulk dialog (js-on)', violations)).toBe(0);
    await step.getByRole('button', { name: 'Revoke invitations: apply to 2' }).click();
    await expectText(notice(page), 'Revoke invitations: 2 changed, 1 skipped');
    expect(await row(page, INVITEES[0]!).count()).toBe(0);
    await shown(row(page, INVITEES[2]!));
    await context.close();
  });

  it('js-on at 390 px: the checkboxes sit with the names, nothing scrolls sideways', async () => {
    const { page, context } = await signedIn(JS_ON, 390);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    await screenshot(page, 'users-bulk/js-on-390');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = (await page.getByRole('checkbox', { name: INVITEES[2]! }).boundingBox())!;
    expect(box.x >= 0 && box.x + box.width <= 390).toBe(true);
    await context.close();
  });
});
