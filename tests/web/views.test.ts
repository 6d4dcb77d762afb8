import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { childRecordAsOf } from '../../src/application/child-record-as-of.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 90_000;

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;
const viewsUrl = () => `${server.url}/children/${childAId}/views`;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Child A's record as the application layer reads it for Parent A: what got recorded, whatever the page said. */
async function childARecord() {
  const reader = { actor: cast.parentA, reads: new AccessRecorder({ actor: cast.parentA, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  const known = await childRecordAsOf({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childAId, 'test');
  if (!known) throw new Error('Child A not found');
  return known;
}


const findingFor = (page: Page, decision: string, date: string) => page.locator('tbody tr', { has: page.locator('th', { hasText: decision }) }).filter({ hasText: date });

describe('record my views, and were they heard before each decision', () => {
  it('shows Parent A each decision and that no views were recorded before any of them', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(viewsUrl());
    await expect(page.locator('h1').textContent()).resolves.toBe('Views, wishes and feelings');
    await expect(page.locator('main').innerText()).resolves.toContain("Views were recorded before 0 of the 11 decisions in Child A (pseudonym)'s record.");
    await expect(findingFor(page, 'The amendment of the EHC plan', '13 February 2025').locator('.govuk-tag').innerText()).resolves.toBe('No');
    const amendment = await findingFor(page, 'The amendment of the EHC plan', '13 February 2025').innerText();
    expect(amendment).toContain('No views were recorded before this decision.');
    const review = await findingFor(page, 'The annual review, which decided to amend the plan', '21 November 2024').innerText();
    expect(review).toContain('No invitation of the family to the review meeting is recorded.');
    await expect(page.locator('main').innerText()).resolves.not.toMatch(/decision: amend|parent_carer|views-not-recorded/);
    await checkPage(page, 'views');
  }, JOURNEY_TIMEOUT);

  it('records Parent A’s views, given before the decision to amend the plan, and shows them counted for it', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-a');
    await page.goto(viewsUrl());
    await page.getByRole('button', { name: 'Record your views' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Record your views');
    // Her own views, her name and relationship as the record has them.
    await expect(page.getByLabel("A parent's or carer's views").isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Name of the person who gave them').inputValue()).resolves.toBe('Parent A (pseudonym)');
    await expect(page.getByLabel('Their relationship to Child A (pseudonym)').inputValue()).resolves.toBe('Mother');
    await checkPageWithoutJavaScript(browser, page, 'views-new');

    await page.getByLabel('In writing').check();
    await page.getByLabel('A decision', { exact: true }).check();
    await page.getByLabel('Which request or plan? (optional)').selectOption({ label: 'The EHC plan issued on 6 February 2023' });
    await page.getByLabel('The views, wishes and feelings').fill('Fleet Hill must have a specialist literacy teacher from September.\nShe is anxious about the move and wants to visit first.');
    await page.getByLabel('Day').fill('10');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2025');
    await page.getByRole('button', { name: 'Record the views' }).click();

    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}/views`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("The views are recorded in Child A (pseudonym)'s record.");
    const card = await page.locator('.govuk-summary-card', { hasText: 'Fleet Hill must have a specialist literacy teacher' }).innerText();
    expect(card).toContain("A parent's or carer's views, given 10 February 2025");
    expect(card).toContain('Parent A (pseudonym) (Mother)');
    expect(card).toContain('In writing');
    expect(card).toContain('A decision: the EHC plan issued on 6 February 2023');
    expect(card).toContain('You, on 2 March 2026');
    expect(card).toContain('Recorded later than given');
    await expect(findingFor(page, 'The amendment of the EHC plan', '13 February 2025').locator('.govuk-tag').innerText()).resolves.toBe('Yes');
    const amendment = await findingFor(page, 'The amendment of the EHC plan', '13 February 2025').innerText();
    expect(amendment).toContain('Your views were recorded 3 days before the amendment of the EHC plan.');
    expect(amendment).toContain('These views were given before the decision, but entered in the record only after it, on 2 March 2026.');
    await expect(page.locator('main').innerText()).resolves.toContain('Views were recorded before 1 of the 11 decisions');
    await checkPageWithoutJavaScript(browser, page, 'views-recorded');

    const views = (await childARecord()).record.views;
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ whose: 'parent_carer', how: 'written', givenBy: { name: 'Parent A (pseudonym)', relationship: 'Mother' }, about: { kind: 'decision' }, on: '2025-02-10T00:00:00.000Z' });
  }, JOURNEY_TIMEOUT);

  it('refuses what the record cannot hold, next to each field, and records nothing', async () => {
    const before = await childARecord();
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${viewsUrl()}/new`);

    // A parent records her own views, not her child's; the views may not be left empty; 30 February does not exist.
    await page.getByLabel("Child A (pseudonym)'s own views").check();
    await page.getByLabel('In a conversation').check();
    await page.getByLabel('Day').fill('30');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Record the views' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.innerText()).resolves.toContain('Enter the views');
    await expect(summary.getByRole('link', { name: 'Enter the views' }).getAttribute('href')).resolves.toBe('#summary');
    await expect(page.locator('#summary-error').innerText()).resolves.toContain('Enter the views');
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('30');
    await checkPage(page, 'views-new-empty');

    await page.getByLabel('The views, wishes and feelings').fill('They would like more time with the speech and language therapist.');
    await page.getByRole('button', { name: 'Record the views' }).click();
    await expect(page.locator('#givenOn-error').innerText()).resolves.toContain('The date the views were given must be a real date');
    await expect(summary.getByRole('link', { name: 'The date the views were given must be a real date' }).getAttribute('href')).resolves.toBe('#givenOn-day');
    await checkPage(page, 'views-new-impossible-date');

    await page.getByLabel('Day').fill('27');
    await page.getByRole('button', { name: 'Record the views' }).click();
    await expect(page.locator('#whose-error').innerText()).resolves.toContain("You can record only your own views here. Child A (pseudonym)'s views are recorded by whoever heard them");
    await expect(summary.getByRole('link').first().getAttribute('href')).resolves.toBe('#whose');
    await expect(page.getByLabel('The views, wishes and feelings').inputValue()).resolves.toBe('They would like more time with the speech and language therapist.');
    await checkPage(page, 'views-new-not-own');

    const after = await childARecord();
    expect(after.streamRevision).toBe(before.streamRevision);
    expect(after.record.views).toEqual(before.record.views);
  }, JOURNEY_TIMEOUT);

  it('reads as not found to a parent with no relationship with the child, and logs the attempt as refused', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-b');
    for (const url of [viewsUrl(), `${viewsUrl()}/new`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    }
    await checkPage(page, 'views-not-found');
    const refused = (await server.accessLog.forChild(childAId)).filter((entry) => entry.actor.id === cast.parentB.id);
    expect(refused.map((entry) => [entry.outcome, entry.route]).sort()).toEqual([
      ['denied', '/children/:childId/views'],
      ['denied', '/children/:childId/views/new'],
    ]);
  }, JOURNEY_TIMEOUT);
});
