import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, launchBrowser, newPage, signInAs } from './support/browser.js';
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

describe('signing in to the web service', () => {
  it('sends a visitor to the sign-in page, which lists the demo people in development, and signs a parent in to their child', async () => {
    const page = await newPage(browser);
    await page.goto(`${server.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await checkPage(page, 'sign-in');
    await signInAs(page, server.url, 'parent-a');
    await expect(page.locator('h1').textContent()).resolves.toContain("Your children's records");
    await expect(page.getByRole('link', { name: 'Child A (pseudonym)' }).count()).resolves.toBe(1);
    await checkPage(page, 'home-parent');
    const childId = (await page.getByRole('link', { name: 'Child A (pseudonym)' }).getAttribute('href'))!.split('/')[2]!;
    const [latest] = await server.accessLog.forChild(childId, { limit: 1 });
    expect(latest).toMatchObject({
      actor: { role: 'parent_carer', displayName: 'Parent A (pseudonym)' },
      outcome: 'permitted',
      via: 'web',
      route: '/',
      purpose: 'direct work with the child as parent carer',
    });
  });
});
