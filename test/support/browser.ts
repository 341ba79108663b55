// Browser tests: find Chromium (or say how to get it), launch it, run axe, take screenshots.
//
// Without Chromium the browser tests are skipped on a developer's machine, with a message saying how to
// install it; with CI=true they never skip: they fail with the same message.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium from Debian, or CHROMIUM_PATH. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';
}

export function missingChromiumMessage(path: string): string {
  return (
    `Chromium was not found at ${path}, so the browser tests cannot run. ` +
    'Install it with `sudo apt-get install chromium` (or point CHROMIUM_PATH at a Chromium binary), ' +
    'or run `.ci/run`, which installs it.'
  );
}

const announced = new Set<string>();

/**
 * Whether this file's browser tests should be skipped: only when Chromium is missing and CI is not "true".
 * Says why on the console, once per test file.
 */
export function skipBrowserTests(env: NodeJS.ProcessEnv = process.env): boolean {
  const path = chromiumPath(env);
  if (existsSync(path) || env.CI === 'true') return false;
  if (!announced.has(path)) {
    announced.add(path);
    console.warn(`\n[e2e] SKIPPED: ${missingChromiumMessage(path)}\n`);
  }
  return true;
}

// Without the background-networking flags Chromium keeps calling home, which floods a closed network.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches Chromium; fails with the install message when it is missing (which, with CI=true, is never skipped). */
export async function launchBrowser(): Promise<Browser> {
  const path = chromiumPath();
  if (!existsSync(path)) throw new Error(missingChromiumMessage(path));
  return chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
}

// ---------------------------------------------------------------------------------------------------------
// Screenshots

/** Where screenshots go; test/e2e/.gitignore keeps them out of git. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../e2e/.screenshots/', import.meta.url));

/** A full-page PNG named after the panel, e.g. `js-on/03-users.png`; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9/_-]+/gi, '-')}.png`);
  mkdirSync(dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// Accessibility (axe-core)

const require = createRequire(import.meta.url);
let axeSource: string | null = null;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/**
 * Runs axe on the page as it is now (dialogs included) and returns the violations of the given impacts.
 * axe is evaluated through the DevTools protocol, so the page's CSP (no inline script) does not stop it.
 */
export async function axeViolations(page: Page, impacts: string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact !== null && impacts.includes(v.impact));
}

/** Violations as a person reads them: rule, impact, what to do, and each element with its HTML. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no serious or critical accessibility violation`;
  const lines = [`${where}: ${violations.length} accessibility violation(s)`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`    - ${n.target.join(' ')}`, `      ${n.html.slice(0, 200)}`);
      if (n.failureSummary) lines.push(...n.failureSummary.split('\n').map((l) => `        ${l}`));
    }
    if (v.nodes.length > 5) lines.push(`    … and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Focus

/** How the focused element shows it has the focus: its outline and box-shadow, and what it is. */
export function focusIndicator(page: Page): Promise<{ element: string; outline: string; boxShadow: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { element: 'body', outline: 'none', boxShadow: 'none', visible: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? 'none' : `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
    const boxShadow = s.boxShadow || 'none';
    const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    return { element: label, outline, boxShadow, visible: outline !== 'none' || boxShadow !== 'none' };
  });
}
