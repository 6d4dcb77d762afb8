import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDecision } from '../../src/application/record-decision.js';
import { cast } from '../../src/demo/cast.js';
import { checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

const JOURNEY_TIMEOUT = 120_000;
const LA = cast.caseworker.organisation;

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

describe('the SEN2 return page', () => {
  it("shows an LA officer the year's return: whether it passes, the rules checked, the figures one click from what they count, and the file", async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability/sen2`);
    // "Today" is 2 March 2026: the last census was Thursday 15 January 2026.
    await expect(page.locator('h1').innerText()).resolves.toBe('SEN2 return 2026');
    await expect(page.locator('main').innerText()).resolves.toContain('15 January 2026');
    await checkPageWithoutJavaScript(browser, page, 'sen2-2026');

    const result = await page.locator('#sen2-result').innerText();
    const passes = result.includes('The return passes the checks');
    if (!passes) expect(result).toContain('This return does not pass the checks');
    await expect(page.locator('#rules-checked li').count()).resolves.toBeGreaterThanOrEqual(15);
    await expect(page.locator('#rules-not-checked li').count()).resolves.toBeGreaterThan(0);

    // The file: named for the LA and the year, and saying so when it does not pass.
    const href = await page.getByRole('button', { name: 'Download the return (XML)' }).getAttribute('href');
    const download = await page.context().request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    const disposition = download.headers()['content-disposition']!;
    expect(disposition).toContain(`sen2-${LA}-2026`);
    expect(disposition.includes('does-not-pass')).toBe(!passes);
    const xml = await download.text();
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain(`<LEA>${LA}</LEA>`);
    expect(xml).toContain('<ReferenceDate>2026-01-15</ReferenceDate>');

    // An earlier return, chosen with the plain form.
    await page.locator('#year').selectOption('2025');
    await page.getByRole('button', { name: 'Show the return' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('SEN2 return 2025');
    await checkPageWithoutJavaScript(browser, page, 'sen2-2025');

    // A figure, one click from the children and entries behind it.
    const figureRow = page.locator('#sen2-figures tbody tr', { hasText: 'Requests for an EHC needs assessment received' });
    const count = Number((await figureRow.locator('td').first().innerText()).trim());
    expect(count).toBeGreaterThan(0);
    await figureRow.getByRole('link').click();
    expect(new URL(page.url()).pathname).toBe('/accountability/sen2/figures/requestsReceived');
    await expect(page.locator('#sen2-figure-items tbody tr').count()).resolves.toBe(count);
    await checkPageWithoutJavaScript(browser, page, 'sen2-figure-requests-2025');
    const childHref = await page.locator('#sen2-figure-items tbody tr').first().locator('a').first().getAttribute('href');
    const entryHref = await page.locator('#sen2-figure-items tbody tr').first().locator('a').nth(1).getAttribute('href');
    expect(entryHref).toMatch(new RegExp(`^${childHref}/entries/`));
    await page.locator('#sen2-figure-items tbody tr').first().locator('a').nth(1).click();
    await expect(page.locator('h1').innerText()).resolves.toMatch(/request/i);
    await checkPageWithoutJavaScript(browser, page, 'sen2-figure-entry');

    // A proportion lists what it is out of, each marked in the figure or not.
    await page.goto(`${server.url}/accountability/sen2/figures/reviewsOnTime?year=2025`);
    await expect(page.locator('#sen2-figure-items thead').innerText()).resolves.toContain('In the figure');
    await expect(page.locator('main p').first().innerText()).resolves.toMatch(/^\d+ of \d+ in the return/);
    await checkPageWithoutJavaScript(browser, page, 'sen2-figure-reviews-on-time-2025');

    // The return noted the children it included as read by the officer, for the return.
    const childId = childHref!.split('/').at(-1)!;
    const logged = await server.accessLog.forChild(childId);
    expect(logged.some((entry) => entry.read.includes('sen2Return') && entry.actor.role === 'la_officer')).toBe(true);
    await page.close();
  }, JOURNEY_TIMEOUT);

  for (const person of ['fleet-hill-senco', 'parent-a']) {
    it(`is not found for ${person}, page and file alike`, async () => {
      const page = await newPage(browser, { javaScript: false });
      await signInAs(page, server.url, person);
      const response = await page.goto(`${server.url}/accountability/sen2`);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      await checkPageWithoutJavaScript(browser, page, `sen2-not-found-${person}`);
      const file = await page.context().request.get(`${server.url}/accountability/sen2.xml?year=2026`);
      expect(file.status()).toBe(404);
      expect(await file.text()).not.toContain('<Message>');
      await page.close();
    }, JOURNEY_TIMEOUT);
  }

  it('gives a return that fails the checks, but says so plainly: on the page, failure by failure, and in the file name', async () => {
    // A child with a plan and no setting recorded: the return's active plan has no placement (rule SEN2-AP3).
    const services = { store: server.store, clock: server.clock.now };
    const record = async (name: string, input: Record<string, unknown>, occurredAt: string, childId?: string) =>
      recordDecision(services, cast.caseworker, name, { childId, input, options: { occurredAt }, correlationId: 'sen2-test', causationId: 'sen2-test' });
    const registered = await record('registerChild', { displayName: 'Child S (pseudonym)', dateOfBirth: '2017-03-04', laCode: LA }, '2025-01-06');
    const childId = registered.childId;
    const requested = await record('requestAssessment', { requestedBy: 'parent_carer' }, '2025-02-03', childId);
    const requestId = requested.subjectId as string;
    await record('decideAssessment', { requestId, decision: 'assess' }, '2025-03-10', childId);
    const drafted = await record('issueDraftPlan', { requestId }, '2025-05-19', childId);
    const planId = drafted.subjectId as string;
    await record('issueFinalPlan', { planId, namedSetting: { name: 'Kentish Vale Primary', urn: '100934' } }, '2025-06-16', childId);

    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability/sen2?year=2026`);
    await expect(page.locator('#sen2-result').innerText()).resolves.toContain('This return does not pass the checks');
    const failure = page.locator('#rule-failures tbody tr', { hasText: 'SEN2-AP3' });
    await expect(failure.innerText()).resolves.toContain('Child S (pseudonym)');
    await expect(failure.innerText()).resolves.toContain('no school or setting with a URN is recorded');
    await checkPageWithoutJavaScript(browser, page, 'sen2-does-not-pass');
    const href = await page.getByRole('button', { name: 'Download the return (XML)' }).getAttribute('href');
    const download = await page.context().request.get(`${server.url}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain(`sen2-${LA}-2026-does-not-pass.xml`);
    await page.close();
  }, JOURNEY_TIMEOUT);
});
