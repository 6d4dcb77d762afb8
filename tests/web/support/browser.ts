import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (`apt-get install -y chromium`): no browser is downloaded from anywhere else. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where every page's screenshot goes (ignored by git; README shows copies of the main ones from docs/screenshots). */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The WCAG 2.2 A and AA rules axe checks (the public sector accessibility regulations' standard). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`The web tests drive Debian's Chromium, which is not at ${CHROMIUM}: install it with "apt-get install -y chromium" (or set CHROMIUM_PATH).`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // As root in a sandbox-less container; no background connections to a network that is not there.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh browser context (its own cookies) with a page that fails the test on any console error (a blocked asset, a CSP refusal). */
export async function newPage(browser: Browser, options: { javaScript?: boolean } = {}): Promise<Page & { consoleErrors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: options.javaScript ?? true, viewport: { width: 1100, height: 900 } });
  const page = (await context.newPage()) as Page & { consoleErrors: string[] };
  page.consoleErrors = [];
  page.on('console', (message) => {
    // A 404 page answers with 404 on purpose; the browser reports that status as a console error.
    if (message.type() === 'error' && !/status of 404/.test(message.text())) page.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => page.consoleErrors.push(error.message));
  return page;
}

/** Sign in through the development sign-in page, as a person the demo names (see src/web/sign-in/demo-people.ts). */
export async function signInAs(page: Page, baseUrl: string, personKey: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator(`input[name="person"][value="${personKey}"]`).check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState('load');
}

/**
 * Every page a test visits goes through here: no WCAG 2.2 A/AA violation that axe can find, no console error,
 * and a full-page screenshot saved as `<name>.png`.
 */
export async function checkPage(page: Page & { consoleErrors?: string[] }, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  expect(violations, `axe on ${name} (${page.url()})`).toEqual([]);
  expect(page.consoleErrors ?? [], `console errors on ${name}`).toEqual([]);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * checkPage for a page shown with JavaScript off: axe needs JavaScript, so it runs on the very HTML the server
 * sent (the error state of a POST included), served again at the same address to a browser with JavaScript on.
 * The screenshot is of the page as the browser without JavaScript showed it.
 */
export async function checkPageWithoutJavaScript(browser: Browser, page: Page & { consoleErrors: string[] }, name: string): Promise<void> {
  expect(page.consoleErrors, `console errors on ${name}`).toEqual([]);
  const html = await page.content();
  const withJavaScript = await newPage(browser);
  await withJavaScript.route(page.url(), (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await withJavaScript.goto(page.url());
  await checkPage(withJavaScript, name);
  await withJavaScript.context().close();
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
