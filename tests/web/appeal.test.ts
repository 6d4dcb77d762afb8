import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
const childBId = childB().childId;
const childAId = childA().childId;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** One appeal's section of the page, by its heading. */
const appealSection = (page: Page, heading: string) => page.locator('section', { has: page.getByRole('heading', { level: 2, name: heading }) });
/** One order's card, by what it orders. */
const orderCard = (page: Page, what: string) => page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: what }) });

describe("Child B's appeals on the web", () => {
  it('shows Parent B the conceded appeal: what the local authority agreed to do, each time limit met on time or late, and the assessment revived', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-b');
    // The record's own timeline reads the appeal's entries in words.
    await page.goto(`${server.url}/children/${childBId}`);
    const record = await page.locator('main').innerText();
    expect(record).toContain('Working document sent');
    expect(record).not.toContain('does not describe yet');
    await checkPage(page, 'appeal-child-b-record');
    await page.getByRole('link', { name: 'Appeal', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Appeal to the tribunal');

    // Newest first: the contents appeal, then the appeal against the refusal to assess.
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings).toEqual(['What the EHC plan says: sections F and I', 'The decision not to carry out an EHC needs assessment']);

    const first = appealSection(page, 'The decision not to carry out an EHC needs assessment');
    const firstText = await first.innerText();
    expect(firstText).toContain('Not opposed');
    expect(firstText).toContain('19 April 2024, recorded by Leila Haddad (local authority SEN officer)');
    const order = await orderCard(page, 'Arrange an EHC needs assessment').innerText();
    expect(order).toContain('The local authority did not oppose the appeal (regulation 45)');
    expect(order).toContain('17 May 2024');
    expect(order).toContain('Done on time on 29 May 2024');
    expect(order).toMatch(/Done 28 days late, on 20 September 2024/);
    expect(order).toContain('Complied with late');
    expect(order).toContain('regulation 45');

    // The refusal the concession set aside: the assessment revived, its time limits from the request of 15 January 2024.
    const revived = await page.locator('#revived').innerText();
    expect(revived).toContain('The decision of 22 February 2024 not to carry out an EHC needs assessment was conceded: the local authority did not oppose the appeal on 17 May 2024');
    expect(revived).toContain('The EHC needs assessment was revived: its time limits still run from the original request of 15 January 2024');
    await expect(page.locator('#revived').getByRole('link', { name: 'See the time limits on the deadlines page' }).getAttribute('href')).resolves.toBe(`/children/${childBId}/deadlines`);

    // What happened, in the first appeal: registered, then not opposed.
    const timeline = await first.locator('.moj-timeline').innerText();
    expect(timeline).toMatch(/Not opposed by the local authority[\s\S]*17 May 2024[\s\S]*Appeal registered[\s\S]*19 April 2024/);
    await checkPage(page, 'appeal-child-b-parent');
  }, JOURNEY_TIMEOUT);

  it('shows the advocate the contents appeal: its directions, hearing and the working document, what remains in dispute and who moved when', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'advocate');
    await page.goto(`${server.url}/children/${childBId}/appeal`);
    const contents = appealSection(page, 'What the EHC plan says: sections F and I');
    const text = await contents.innerText();
    expect(text).toContain('EH202/25/00417');
    expect(text).toContain('Mediation certificate issued on 20 October 2025');
    expect(text).toContain('Hearing on 21 April 2026');
    expect(text).toMatch(/\(past\)|\(in \d+ days\)/);

    // The working document: the latest version, the count of changes by status, its length against the 25 pages.
    const summary = await contents.locator('[id^="working-document-"]').innerText();
    expect(summary).toMatch(/Version 2, sent on 20 February 2026 by Parent B \(pseudonym\) \(parent or carer\) for the family/);
    expect(summary).toMatch(/\d+ changes? in dispute, \d+ agreed, \d+ awaiting an answer, 1 withdrawn/);
    expect(summary).toMatch(/\d+ pages? of the 25 the tribunal allows in the bundle/);

    // The changes: one row each, with who answered and when.
    const rows = contents.locator('table', { hasText: 'Who answered, when' }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(4);
    const withdrawn = await rows.filter({ hasText: 'Withdrawn' }).first().innerText();
    expect(withdrawn).toContain('The parent or carer');
    expect(withdrawn).toMatch(/Withdrawn by Parent B \(pseudonym\)[^\n]* on 16 February 2026/);
    const disputed = await rows.filter({ hasText: 'In dispute' }).first().innerText();
    expect(disputed).toMatch(/Disputed by the (local authority|parent or carer), [^,]+, on \d+ \w+ 2026: “/);

    // Both downloads answer.
    for (const name of ['Download the working document (Word)', 'Download the working document (PDF)']) {
      const href = await contents.getByRole('link', { name }).getAttribute('href');
      expect(href).toMatch(/\/working-document\.(docx|pdf)$/);
      const response = await page.request.get(`${server.url}${href}`);
      expect(response.status(), name).toBe(200);
    }
    await checkPage(page, 'appeal-child-b-advocate');
  }, JOURNEY_TIMEOUT);

  it("shows the local authority the appeal's forms, and the orders on the desk and on the case", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${childBId}/appeal`);
    const contents = appealSection(page, 'What the EHC plan says: sections F and I');
    // The response was sent: not opposing is no longer offered; the tribunal's steps and the working document are.
    const actions = await contents.locator('ul.govuk-list', { has: page.getByRole('link', { name: "Record the tribunal's decision" }) }).innerText();
    expect(actions).not.toContain('will not oppose');
    expect(actions).toContain('Propose a change in the working document');
    expect(actions).toContain('Send a new version of the working document');
    await checkPage(page, 'appeal-child-b-la');

    // The case shows the orders still open or not complied with; the first appeal's were all done.
    await page.goto(`${server.url}/children/${childBId}/case`);
    await expect(page.locator('h1').textContent()).resolves.toBe('The case');
    const tribunal = page.locator('#tribunal-orders');
    expect(await tribunal.count()).toBe(0);
    await checkPage(page, 'appeal-child-b-case');

    await page.goto(`${server.url}/desk?cases=team`);
    await expect(page.locator('h1').textContent()).resolves.toBe('My desk');
    await checkPage(page, 'appeal-desk');
  }, JOURNEY_TIMEOUT);
});

describe('who may not read an appeal', () => {
  it('shows a SENCo no Appeal tab, and the address reads as not found', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/children/${childAId}`);
    const tabs = await page.getByRole('navigation', { name: /Sections of/ }).innerText();
    expect(tabs).toContain('Record');
    expect(tabs).not.toContain('Appeal');
    const response = await page.goto(`${server.url}/children/${childAId}/appeal`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await checkPage(page, 'appeal-senco-not-found');
    // The attempt is on the child's access log, refused, as any stranger's would be.
    const [latest] = await server.accessLog.forChild(childAId, { limit: 1 });
    expect(latest).toMatchObject({ outcome: 'denied', route: '/children/:childId/appeal', denied: ['appeal'] });
    expect(latest!.actor.id).toBe(cast.fleetHillSenco.id);
  }, JOURNEY_TIMEOUT);

  it("reads as not found to another local authority's officer, and to a parent of another child", async () => {
    const otherLa = { ...cast.caseworker, id: 'la-officer-other-la', displayName: 'Pat Other', organisation: '999' };
    const { childId } = await recordThroughTheApi(server, otherLa, 'registerChild', 'RegisterChildInput', { displayName: 'Child X (pseudonym)', dateOfBirth: '2016-01-01', laCode: '999' });
    await recordThroughTheApi(server, otherLa, 'requestAssessment', 'AssessmentRequestInput', { requestedBy: 'parent_carer' }, { childId });
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    const response = await page.goto(`${server.url}/children/${childId}/appeal`);
    expect(response?.status()).toBe(404);
    await checkPage(page, 'appeal-other-la-not-found');

    const parent = await newPage(browser);
    await signInAs(parent, server.url, 'parent-a');
    const other = await parent.goto(`${server.url}/children/${childBId}/appeal`);
    expect(other?.status()).toBe(404);
    const form = await parent.goto(`${server.url}/children/${childBId}/appeal/register`);
    expect(form?.status()).toBe(404);
  }, JOURNEY_TIMEOUT);
});
