import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { checkPage, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

let server: DemoWebServer;
let browser: Browser;
const childId = childA().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the LA's privacy officer", () => {
  it("sees who has looked at each of the LA's children's records, and not the records themselves", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'privacy-officer');
    await expect(page.locator('h1').textContent()).resolves.toContain("Who has looked at children's records");
    await checkPage(page, 'privacy-officer-home');
    await page.getByRole('link', { name: 'Child A (pseudonym)' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childId}/access`);
    await expect(page.locator('h1').textContent()).resolves.toContain('Who has looked');
    // Only the one section they may read: no tabs into the record.
    await expect(page.locator('.moj-sub-navigation a').allTextContents()).resolves.toEqual(['Who has looked']);
    await expect(page.getByRole('button', { name: 'Give someone access' }).count()).resolves.toBe(0);
    await checkPage(page, 'privacy-officer-access');

    const record = await page.goto(`${server.url}/children/${childId}`);
    expect(record!.status()).toBe(404);
    const [latest] = await server.accessLog.forChild(childId, { limit: 1 });
    expect(latest).toMatchObject({ actor: { role: 'privacy_officer' }, outcome: 'denied', via: 'web', route: '/children/:childId' });
  });

  it('leaves no child or family details in the server log after a session of pages and forms', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    for (const path of ['', '/promises', '/deadlines', '/views', '/access', '/access/grant']) await page.goto(`${server.url}/children/${childId}${path}`);
    await page.locator('#organisation').fill('Secret Advocacy Org');
    await page.getByRole('button', { name: 'Give access' }).click();
    const logged = server.logs.join('\n');
    expect(logged.length).toBeGreaterThan(0);
    for (const personal of ['Child A', 'Parent A', 'pseudonym', 'Secret Advocacy Org', 'Fleet Hill', '2014-03-12', 'send-ledger-session=']) {
      expect(logged, personal).not.toContain(personal);
    }
  });
});
