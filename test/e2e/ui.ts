// What a person does in the Launchpad, as small steps the browser tests share. Each step works with and
// without JavaScript: with it, row actions open <dialog>s in place; without it, the same links and forms
// lead to plain pages.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Launchpad } from './launchpad.js';

/** How long a step waits for the page to show something. */
const WAIT = { timeout: 5_000 };

/** Waits until the element is shown, and returns it. */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', ...WAIT });
  return locator;
}

/** The element's text with runs of white space made one space ('' when it is not there). */
export async function textOf(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return '';
  return ((await locator.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until the element's text contains all these (a row updates, a notice appears). */
export async function expectText(locator: Locator, ...parts: string[]): Promise<void> {
  for (const part of parts) await expect.poll(() => textOf(locator), WAIT).toContain(part);
}

export interface Mode {
  js: boolean;
  /** For test names and screenshot folders. */
  name: 'js-on' | 'js-off';
}

export const JS_ON: Mode = { js: true, name: 'js-on' };
export const JS_OFF: Mode = { js: false, name: 'js-off' };

export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A fresh browser profile (no cookies) on the Launchpad; with JavaScript it may use the clipboard. */
export async function newPerson(browser: Browser, launchpad: Launchpad, mode: Mode): Promise<Person> {
  const context = await browser.newContext({ javaScriptEnabled: mode.js, baseURL: launchpad.url, viewport: { width: 1280, height: 800 } });
  if (mode.js) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: launchpad.url });
  context.setDefaultTimeout(5_000);
  return { context, page: await context.newPage() };
}

/** The path (and query) the page is on. */
export function pathOf(page: Page): string {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await shown(page.getByRole('heading', { name: 'Sign in' }));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/', WAIT);
}

/** Clicks a panel in the side navigation. */
export async function openPanel(page: Page, label: string): Promise<void> {
  const link = panelLinks(page).getByRole('link', { name: label, exact: true });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current'), WAIT).toBe('page');
}

export const panelLinks = (page: Page): Locator => page.getByRole('navigation', { name: 'Panels' });

/** Users / Groups tabs of the "Users, Profiles & Groups" panel. */
export async function openTab(page: Page, tab: 'Users' | 'Groups'): Promise<void> {
  const tabs = page.getByRole('navigation', { name: 'Users, Profiles & Groups' });
  const link = tabs.getByRole('link', { name: tab, exact: true });
  await link.click();
  await expect.poll(() => link.getAttribute('aria-current'), WAIT).toBe('page');
}

/** The table row that mentions this text (a name, an email, a group). */
export function row(page: Page, text: string): Locator {
  return page.locator('tbody tr', { hasText: text });
}

/** Opens a row's "…" menu and picks an item. */
export async function chooseFromRowMenu(page: Page, rowLabel: string, item: string): Promise<void> {
  const summary = page.getByLabel(`Actions for ${rowLabel}`, { exact: true });
  await summary.click();
  await (await shown(page.getByRole('menuitem', { name: item, exact: true }))).click();
}

/**
 * Where a dialog's content is: the open <dialog> with JavaScript, the page standing in for it without.
 * Checks it shows under this title.
 */
export async function dialog(page: Page, mode: Mode, title: string): Promise<Locator> {
  if (mode.js) {
    return shown(page.getByRole('dialog', { name: title }));
  }
  await shown(page.getByRole('heading', { level: 1, name: title }));
  return page.getByRole('main');
}

/** With JavaScript, the dialog is gone once its form succeeded or it was closed. */
export async function expectNoDialog(page: Page): Promise<void> {
  await expect.poll(() => page.locator('dialog').count(), WAIT).toBe(0);
}

/** The success notice shown after a change (role=status). */
export function notice(page: Page): Locator {
  return page.getByRole('main').getByRole('status');
}

/** Waits until the page is on this path (query ignored unless given). */
export async function onPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((u) => (path.includes('?') ? u.pathname + u.search === path : u.pathname === path), WAIT);
}

/** First-run setup through the one-time link, as the owner would do it; the browser context is closed after. */
export async function createSpaceThroughSetup(
  browser: Browser,
  launchpad: Launchpad,
  owner: { name: string; email: string; password: string },
  spaceName = 'Acme Analytics',
): Promise<void> {
  const setup = await newPerson(browser, launchpad, JS_ON);
  await setup.page.goto(launchpad.setupLink);
  await setup.page.getByLabel('Space name').fill(spaceName);
  await setup.page.getByLabel('Your name').fill(owner.name);
  await setup.page.getByLabel('Your email').fill(owner.email);
  await setup.page.getByLabel('Password', { exact: true }).fill(owner.password);
  await setup.page.getByRole('button', { name: 'Create the space' }).click();
  await onPath(setup.page, '/');
  await setup.context.close();
}
