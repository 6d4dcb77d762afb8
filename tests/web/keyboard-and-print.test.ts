import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

let server: DemoWebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('keyboard and print', () => {
  it('can be signed in to with the keyboard alone, starting from the skip link', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/sign-in`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    // Tab to the first person, choose them with the arrow keys' selection, then on to the button.
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'person'; i++) {
      await page.keyboard.press('Tab');
      focused = String(await page.evaluate('document.activeElement.name'));
    }
    expect(focused).toBe('person');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Sign in');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toContain("Your children's records");
  });

  it('shows where the keyboard is: the focused link gets the GOV.UK yellow focus state', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const link = page.getByRole('link', { name: 'Child A (pseudonym)' });
    await link.focus();
    await expect(page.evaluate('getComputedStyle(document.activeElement).backgroundColor')).resolves.toBe('rgb(255, 221, 0)');
  });

  it('prints the content without the navigation, the sign-out button or forms', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.govuk-service-navigation').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(false);
    await expect(page.locator('h1').isVisible()).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });

  it("prints an entry's ledger details, which the screen keeps behind a click: a paper copy keeps its evidence", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.getByRole('link', { name: 'Child A (pseudonym)' }).click();
    await page.locator('.moj-timeline__title a').first().click();
    const details = page.locator('details', { hasText: 'Ledger details' });
    const hash = details.locator('.govuk-details__text');
    await expect(hash.isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'print' });
    await expect(hash.isVisible()).resolves.toBe(true);
  });
});
