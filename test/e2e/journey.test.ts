// The Users, Profiles & Groups panel end to end, in Chromium, against a real Launchpad (startServer on a
// loopback port, an SQLite file, real password hashing): the owner sets up the space, invites people, a new
// user joins from the copied invite link, gets a profile and a group, creates a code env, receives the
// space, and signing out really ends the session.
//
// The same journey runs twice: with JavaScript (htmx dialogs, rows updated in place, the clipboard) and
// without it (plain pages and forms).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, skipBrowserTests } from '../support/browser.js';
import { startLaunchpad, type Launchpad } from './launchpad.js';
import {
  chooseFromRowMenu,
  dialog,
  expectNoDialog,
  expectText,
  JS_OFF,
  JS_ON,
  newPerson,
  notice,
  onPath,
  openPanel,
  openTab,
  panelLinks,
  pathOf,
  row,
  shown,
  signIn,
  textOf,
  type Mode,
  type Person,
} from './ui.js';

const SPACE = 'Acme Analytics';
const OWNER = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'olivia owns the space' };
const ADA = { email: 'ada@example.com', name: 'Ada Lovelace', renamed: 'Ada King', password: 'analytical engine 1843' };
const GROUP = 'code-env-keepers';

describe.skipIf(skipBrowserTests())('a space comes to life, in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe.each([JS_ON, JS_OFF])('$name', (mode) => journey(mode, () => browser));
});

function journey(mode: Mode, browser: () => Browser) {
  let launchpad: Launchpad;
  let owner: Person;
  let ada: Person;
  let broken = false;

  beforeAll(async () => {
    launchpad = await startLaunchpad();
  });
  afterAll(async () => {
    await owner?.context.close();
    await ada?.context.close();
    await launchpad?.close();
  });

  /** One step of the journey; after a failing step the later ones are skipped, not failed again. */
  function step(name: string, body: () => Promise<void>) {
    it(name, async (ctx) => {
      if (broken) ctx.skip();
      try {
        await body();
      } catch (err) {
        broken = true;
        for (const [who, person] of [['owner', owner], ['ada', ada]] as const) {
          if (person && !person.page.isClosed()) await screenshot(person.page, `failures/${mode.name}-${who}`).catch(() => {});
        }
        throw err;
      }
    });
  }

  step('the owner creates the space from the one-time setup link, then signs in', async () => {
    const setup = await newPerson(browser(), launchpad, mode);
    await setup.page.goto(launchpad.setupLink);
    await shown(setup.page.getByRole('heading', { name: 'Set up your space' }));
    await setup.page.getByLabel('Space name').fill(SPACE);
    await setup.page.getByLabel('Your name').fill(OWNER.name);
    await setup.page.getByLabel('Your email').fill(OWNER.email);
    await setup.page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await setup.page.getByRole('button', { name: 'Create the space' }).click();
    await onPath(setup.page, '/');
    await expectText(setup.page.getByRole('main'), SPACE, `Welcome, ${OWNER.name}.`, 'Space owner');

    // The link works once.
    await setup.page.goto(launchpad.setupLink);
    await shown(setup.page.getByRole('heading', { name: 'This space is already set up' }));
    await setup.context.close();

    owner = await newPerson(browser(), launchpad, mode);
    await signIn(owner.page, OWNER.email, OWNER.password);
    await expectText(owner.page.getByRole('main'), `Welcome, ${OWNER.name}.`);
  });

  step('"Invite a User" with three addresses: the malformed one is named, the list is kept; fixed, all three are sent', async () => {
    const page = owner.page;
    await openPanel(page, 'Users, Profiles & Groups');
    await page.getByRole('link', { name: 'Invite a User' }).click();

    let form = await dialog(page, mode, 'Invite a User');
    const typed = `${ADA.email}, bob.example.com\ncarol@example.com`;
    await form.getByLabel('Email addresses').fill(typed);
    await form.getByLabel('Profile').selectOption('explorer');
    await form.getByRole('button', { name: 'Send invitations' }).click();

    form = await dialog(page, mode, 'Invite a User');
    const problem = form.getByRole('alert');
    await expectText(problem, 'This is not an email address: bob.example.com', 'Nothing was sent');
    expect(await textOf(problem)).not.toMatch(/ada@|carol@/);
    expect(await form.getByLabel('Email addresses').inputValue()).toBe(typed);
    expect(await form.getByLabel('Profile').inputValue()).toBe('explorer');

    await form.getByLabel('Email addresses').fill(typed.replace('bob.example.com', 'bob@example.com'));
    await form.getByRole('button', { name: 'Send invitations' }).click();
    await expectText(form.getByRole('status'), '3 invitations created; the emails were written to the server log (no RESEND_API_KEY).');
    await form.getByRole('link', { name: 'Done' }).click();

    await onPath(page, '/users');
    for (const email of [ADA.email, 'bob@example.com', 'carol@example.com']) await expectText(row(page, email), 'Explorer', 'Invited');
  });

  step('"Copy invite link" from the row\'s "…" menu gives the emailed link; Ada opens it in her own browser and joins', async () => {
    const page = owner.page;
    await chooseFromRowMenu(page, ADA.email, 'Copy invite link');
    const view = await dialog(page, mode, 'Copy invite link');
    const shownLink = await view.getByLabel('Invitation link').inputValue();
    await screenshot(page, `${mode.name}/journey-copy-invite-link`);

    let link = shownLink;
    // Without JavaScript a Copy button could do nothing: there is none, the link is there to copy by hand.
    if (!mode.js) expect(await view.getByRole('button', { name: 'Copy' }).count()).toBe(0);
    if (mode.js) {
      // One click: the menu item copied the link already (issue 11), and says so with the link in view.
      await expectText(view.getByRole('status'), 'Copied to the clipboard.');
      expect(await view.getByLabel('Invitation link').isVisible()).toBe(true);
      link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toBe(shownLink);
    } else {
      // Without JavaScript: a page with the link in a focused field, so Select all takes just the link.
      const field = view.getByLabel('Invitation link');
      expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('ControlOrMeta+A');
      expect(await field.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, shownLink.length]);
      await expectText(view.getByRole('status'), "The link's field has the focus");
    }
    expect(link.startsWith(`${launchpad.url}/invite/`)).toBe(true);
    await expect.poll(() => launchpad.emailedLink(ADA.email), { timeout: 5_000 }).toBe(link);

    await view.getByRole('link', { name: 'Done' }).click();
    if (mode.js) await expectNoDialog(page);
    else await onPath(page, '/users');

    ada = await newPerson(browser(), launchpad, mode);
    await ada.page.goto(link);
    await shown(ada.page.getByRole('heading', { name: `Join ${SPACE}` }));
    expect(await ada.page.getByLabel('Email').inputValue()).toBe(ADA.email);
    await ada.page.getByLabel('Your name').fill(ADA.name);
    await ada.page.getByLabel('Password', { exact: true }).fill(ADA.password);
    await ada.page.getByRole('button', { name: 'Accept the invitation' }).click();

    await onPath(ada.page, '/');
    await expectText(ada.page.getByRole('main'), `Welcome, ${ADA.name}.`, 'Explorer');
    await expectText(ada.page.getByRole('banner'), ADA.name, ADA.email);
    expect(await panelLinks(ada.page).getByRole('link', { name: 'Code Envs' }).count()).toBe(0);
  });

  step('"Edit User" changes Ada\'s name and profile; the row updates in place', async () => {
    const page = owner.page;
    await openPanel(page, 'Users, Profiles & Groups');
    await expectText(row(page, ADA.email), ADA.name, 'Explorer', 'Active');
    // A mark on this very document: a full page load would wipe it.
    if (mode.js) await page.evaluate(() => Object.assign(window, { launchpadE2eMark: 'same document' }));

    await chooseFromRowMenu(page, ADA.name, 'Edit User');
    const form = await dialog(page, mode, 'Edit User');
    expect(await form.getByLabel('Email').inputValue()).toBe(ADA.email);
    await form.getByLabel('Display name').fill(ADA.renamed);
    await form.getByLabel('Profile').selectOption('designer');
    await form.getByRole('button', { name: 'Save' }).click();

    if (mode.js) {
      await expectNoDialog(page);
      await expectText(row(page, ADA.email), ADA.renamed, 'Designer');
      expect(await page.evaluate(() => (window as unknown as { launchpadE2eMark?: string }).launchpadE2eMark)).toBe('same document');
      expect(pathOf(page)).toBe('/users');
    } else {
      await onPath(page, '/users');
      await expectText(notice(page), 'The user has been saved.');
      await expectText(row(page, ADA.email), ADA.renamed, 'Designer');
    }
    expect(await textOf(row(page, ADA.email))).not.toContain(ADA.name);
    // Two designers now (Olivia and Ada): the seat cards say so.
    await expectText(page.locator('.seat-card', { hasText: 'Designer' }), '2 members · 0 invited · 3 free of 5');
  });

  step('a group with "Manage code envs" gets Ada as a member', async () => {
    const page = owner.page;
    await openTab(page, 'Groups');
    await page.getByRole('link', { name: 'Create group' }).click();
    const form = await dialog(page, mode, 'Create group');
    await form.getByLabel('Name', { exact: true }).fill(GROUP);
    await form.getByLabel('Description').fill('People who look after the code environments');
    await form.getByRole('checkbox', { name: /^Manage code envs/ }).check();
    await form.getByRole('button', { name: 'Create group' }).click();

    await onPath(page, '/groups');
    await expectText(notice(page), 'The group has been created.');
    await expectText(row(page, GROUP), 'Manage code envs', 'Created by an admin');

    await chooseFromRowMenu(page, GROUP, 'Members');
    // With JavaScript a dialog over the Groups tab (as Create group is), without it the Members page.
    const members = await dialog(page, mode, `Members of ${GROUP}`);
    await members.getByLabel('Search by name or email').fill('ada');
    await members.getByRole('button', { name: 'Search' }).click();
    await members.getByRole('button', { name: `Add ${ADA.renamed} to the group` }).click();
    await expectText(members.getByRole('status'), 'The user has been added to the group.');
    await expectText(members.locator('tbody tr', { hasText: ADA.email }), ADA.renamed, 'Designer');
    if (mode.js) await members.getByRole('button', { name: 'Close' }).click();
  });

  step('Ada now sees the Code Envs panel, opens it and creates a code env', async () => {
    const page = ada.page;
    await page.reload();
    await shown(panelLinks(page).getByRole('link', { name: 'Code Envs' }));
    expect(await panelLinks(page).getByRole('link', { name: 'Users, Profiles & Groups' }).count()).toBe(0);
    await expectText(page.getByRole('main'), GROUP, 'Designer');

    await openPanel(page, 'Code Envs');
    await shown(page.getByRole('heading', { level: 1, name: 'Code Envs' }));
    await page.getByRole('link', { name: 'New code env' }).click();
    const form = await dialog(page, mode, 'New code env');
    await form.getByLabel('Name', { exact: true }).fill('ada-pandas');
    await form.getByLabel('Language', { exact: true }).selectOption('python');
    await form.getByLabel('Package requirements').fill('pandas>=2.0,<3\nnumpy');
    await form.getByRole('button', { name: 'Create code env' }).click();

    await onPath(page, '/code-envs');
    await expectText(notice(page), 'The code env has been created.');
    await expectText(row(page, 'ada-pandas'), 'Python 3.12', '2 packages');
  });

  step('"Transfer Space Ownership" to Ada needs the owner\'s password', async () => {
    const page = owner.page;
    await openPanel(page, 'Users, Profiles & Groups');
    await chooseFromRowMenu(page, ADA.renamed, 'Transfer Space Ownership');
    let form = await dialog(page, mode, 'Transfer Space Ownership');
    await form.getByLabel('Your password, to confirm').fill('not the password');
    await form.getByRole('button', { name: 'Transfer Space Ownership' }).click();
    form = await dialog(page, mode, 'Transfer Space Ownership');
    await expectText(form, 'This is not your password.');

    await form.getByLabel('Your password, to confirm').fill(OWNER.password);
    await form.getByRole('button', { name: 'Transfer Space Ownership' }).click();
    await onPath(page, '/users');
    await expectText(notice(page), 'You transferred the ownership of the space.');
    await expectText(row(page, ADA.email), 'Space owner', 'space_administrators');
    expect(await textOf(row(page, OWNER.email))).not.toContain('Space owner');

    // Ada owns the space now, and administers it.
    await ada.page.goto('/');
    await expectText(ada.page.getByRole('main'), 'Space owner', 'space_administrators');
    await shown(panelLinks(ada.page).getByRole('link', { name: 'Users, Profiles & Groups' }));
  });

  step('signing out ends the session: the old cookie opens nothing', async () => {
    const saved = await owner.context.cookies();
    expect(saved.map((c) => c.name)).toContain('launchpad_session');

    await owner.page.getByRole('button', { name: 'Sign out' }).click();
    await onPath(owner.page, '/login');
    await expectText(owner.page.getByRole('main'), 'You have signed out.');

    // Someone who kept a copy of the cookie gets the sign-in page, not the panel.
    const copy = await newPerson(browser(), launchpad, mode);
    try {
      await copy.context.addCookies(saved);
      await copy.page.goto('/users');
      await onPath(copy.page, '/login');
      await shown(copy.page.getByRole('heading', { name: 'Sign in' }));
    } finally {
      await copy.context.close();
    }

    // Ada's own session is untouched.
    await ada.page.goto('/');
    await expectText(ada.page.getByRole('main'), `Welcome, ${ADA.renamed}.`);
  });
}
