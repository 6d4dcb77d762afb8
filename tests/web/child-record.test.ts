import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS, childStreamId } from '../../src/domain/child-record/events.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { cast } from '../../src/demo/cast.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

let server: DemoWebServer;
let browser: Browser;
const childId = childA().childId;
const recordUrl = () => `${server.url}/children/${childId}`;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i;
/** A code word (`communication_and_interaction`) or an entry type (`ProvisionDelivered`) in what the page shows. */
const CODE = new RegExp(`\\b[a-z0-9]+(_[a-z0-9]+)+\\b|\\b(${Object.keys(CHILD_EVENT_SCHEMAS).join('|')})\\b`);

/** What a person sees in the page's main content: a closed details element's content is not rendered, so not in it. */
const visibleText = (page: Page) => page.locator('main').innerText();

async function expectFamilyLanguage(page: Page) {
  const text = await visibleText(page);
  expect(text).not.toMatch(UUID);
  expect(text.match(CODE)).toBeNull();
}


const titles = (page: Page) => page.locator('.moj-timeline__title').allInnerTexts();

async function applyFilters(page: Page, choose: { kinds?: string[]; late?: boolean }) {
  for (const box of await page.locator('input[name="kind"]').all()) await box.setChecked(false);
  for (const kind of choose.kinds ?? []) await page.locator(`input[name="kind"][value="${kind}"]`).check();
  await page.locator('input[name="late"]').setChecked(choose.late ?? false);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.waitForLoadState('load');
}

describe("my child's record", () => {
  it('shows a parent every entry as a timeline, newest first, with who recorded it, when it happened and when it was recorded', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(recordUrl());
    await expect(page.locator('h1').innerText()).resolves.toBe('The record');
    const stored = await server.store.readStream(childStreamId(childId));
    await expect(page.locator('#entries-count').innerText()).resolves.toContain(`Showing ${stored.length} of ${stored.length} entries`);
    const first = page.locator('.moj-timeline__item').first();
    // The newest entry: Fleet Hill's shortfall report of 19 December 2025, in words, by name and role.
    await expect(first.locator('.moj-timeline__title').innerText()).resolves.toBe('Missed sessions reported');
    await expect(first.locator('.moj-timeline__byline').innerText()).resolves.toBe('recorded by Rachel Kim (SENCo)');
    await expect(first.locator('.moj-timeline__date').innerText()).resolves.toMatch(/^Happened 19 December 2025 · recorded \d{1,2} \w+ 2025 at \d{1,2}:\d{2}(am|pm)$/);
    await expect(first.innerText()).resolves.toContain('30 sessions of “Specialist literacy teaching (structured, cumulative, multisensory phonics) in a small group” were missed between 3 September 2025 and 19 December 2025.');
    await expectFamilyLanguage(page);
    await checkPage(page, 'record-timeline');

    // The areas of need read as words, never as codes.
    await page.goto(`${recordUrl()}?kind=other`);
    await expect(visibleText(page)).resolves.toContain('The main area of need was identified: communication and interaction.');
    await expectFamilyLanguage(page);
    await checkPage(page, 'record-timeline-other');
  });

  it('marks a correction and the entry it corrects, marks late entries, and filters to deliveries only', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(recordUrl());

    await applyFilters(page, { kinds: ['corrections'] });
    expect(new URL(page.url()).searchParams.getAll('kind')).toEqual(['corrections']);
    await expect(titles(page)).resolves.toEqual(['Correction', 'Sessions delivered']);
    const correction = page.locator('.moj-timeline__item').nth(0);
    await expect(correction.locator('.govuk-tag').innerText()).resolves.toBe('Correction');
    await expect(correction.innerText()).resolves.toContain('Helen Marsh (SENCo) corrected the entry “Sessions delivered” of 17 March 2023: it happened on 16 March 2023.');
    const corrected = page.locator('.moj-timeline__item').nth(1);
    await expect(corrected.locator('.govuk-tag').innerText()).resolves.toBe('Corrected');
    await expect(corrected.innerText()).resolves.toContain(
      "Corrected on 23 March 2023 by Helen Marsh (SENCo): Logged with the date it was entered (Friday 17 March); the therapist's notes show the session took place on Thursday 16 March.",
    );
    await expectFamilyLanguage(page);
    await checkPage(page, 'record-corrections');

    // The correction links to what it corrects.
    await correction.getByRole('link', { name: 'See the entry it corrects' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Sessions delivered');
    await expect(page.locator('main').innerText()).resolves.toContain('Corrected on 23 March 2023 by Helen Marsh (SENCo)');
    await checkPage(page, 'record-entry-corrected');

    await page.goto(recordUrl());
    await applyFilters(page, { late: true });
    const late = page.locator('.moj-timeline__item');
    await expect(late.count()).resolves.toBe(4);
    for (const item of await late.all()) await expect(item.locator('.govuk-tag').first().innerText()).resolves.toBe('Recorded late');
    // The paediatrician's advice of 9 December 2022 was uploaded after the Christmas break.
    await expect(late.filter({ hasText: 'Medical advice received' }).innerText()).resolves.toContain('28 days after it happened');
    // The third week's log of the 2022 language group was typed up after half term.
    const typedUp = late.filter({ hasText: 'Happened 11 February 2022' });
    await expect(typedUp.locator('.moj-timeline__date').innerText()).resolves.toBe('Happened 11 February 2022 · recorded 7 March 2022 at 1:22pm');
    await expect(typedUp.innerText()).resolves.toMatch(/Recorded late\s+23 days after it happened/);
    await checkPage(page, 'record-late');

    await applyFilters(page, { kinds: ['deliveries'] });
    const stored = await server.store.readStream(childStreamId(childId));
    const deliveries = stored.filter((e) => e.type === 'ProvisionDelivered' || e.type === 'ShortfallReported').length;
    await expect(page.locator('#entries-count').innerText()).resolves.toContain(`Showing ${deliveries} of ${stored.length} entries: deliveries`);
    const shown = [];
    const seen: string[] = [];
    const entryLinks = () => page.locator('.moj-timeline__title a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
    for (let p = 1; ; p++) {
      shown.push(...(await titles(page)));
      seen.push(...(await entryLinks()));
      const next = page.locator('.govuk-pagination__next a');
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForLoadState('load');
      // The filter stays in the Next link beside the cursor.
      expect(new URL(page.url()).searchParams.getAll('kind')).toEqual(['deliveries']);
      expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
      if (p === 1) await checkPage(page, 'record-deliveries-page-2');
    }
    expect(shown).toHaveLength(deliveries);
    // Every entry once: Next moves on to the following entries, never repeating one.
    expect(new Set(seen).size).toBe(deliveries);
    expect(new Set(shown)).toEqual(new Set(['Sessions delivered', 'Missed sessions reported']));
    // And Previous goes back to the page before.
    await page.locator('.govuk-pagination__prev a').click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.getAll('kind')).toEqual(['deliveries']);
    const back = await entryLinks();
    expect(back).toEqual(seen.slice(seen.length - (seen.length % 25 || 25) - back.length, seen.length - (seen.length % 25 || 25)));
  });

  it('opens an entry in full, its ledger details one click away', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${recordUrl()}?kind=decisions`);
    await page.locator('.moj-timeline__title a', { hasText: 'Final EHC plan issued' }).click();
    await page.waitForLoadState('load');
    const stored = (await server.store.readStream(childStreamId(childId))).find((e) => e.type === 'FinalPlanIssued')!;
    expect(new URL(page.url()).pathname).toBe(`/children/${childId}/entries/${stored.eventId}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Final EHC plan issued');
    const main = page.locator('main');
    await expect(main.innerText()).resolves.toContain('The local authority issued the final EHC plan, naming Kentish Vale Primary School');
    await expect(main.innerText()).resolves.toContain('Sam Okafor (local authority SEN officer)');
    await expect(main.innerText()).resolves.toContain('Met the duty to issue the final EHC plan: the final EHC plan was issued.');
    // Closed, the ledger details show nothing of the hash; one click opens them.
    await expectFamilyLanguage(page);
    await expect(main.innerText()).resolves.not.toContain(stored.hash);
    await checkPage(page, 'record-entry');
    await page.locator('summary', { hasText: 'Ledger details' }).click();
    for (const value of [stored.eventId, stored.hash, stored.previousHash, stored.metadata.correlationId, String(stored.globalPosition)]) {
      await expect(page.locator('.app-ledger-details').innerText()).resolves.toContain(value);
    }
    await checkPage(page, 'record-entry-ledger-details');

    // An event id the record does not hold: not found.
    const missing = await page.goto(`${recordUrl()}/entries/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    await checkPage(page, 'record-entry-not-found');
  });

  it('works without JavaScript: the filters are a form, the ledger details a native details element', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-a');
    await page.goto(recordUrl());
    await applyFilters(page, { kinds: ['provision'] });
    expect(new Set(await titles(page))).toEqual(new Set(['Support promised', 'Support changed', 'SEN support planned', 'Record handed over', 'Handover signed for']));
    await checkPageWithoutJavaScript(browser, page, 'record-provision-no-js');
    await page.locator('.moj-timeline__title a', { hasText: 'Support changed' }).first().click();
    await page.waitForLoadState('load');
    await expect(page.locator('h1').innerText()).resolves.toBe('Support changed');
    await page.locator('summary', { hasText: 'Ledger details' }).click();
    await expect(page.locator('.app-ledger-details').innerText()).resolves.toContain('Previous hash');
    await checkPageWithoutJavaScript(browser, page, 'record-entry-no-js');
  });

  it('reads as not found to a person with no relationship to the child, and logs the attempt as denied', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-b');
    const eventId = (await server.store.readStream(childStreamId(childId)))[0]!.eventId;
    for (const url of [recordUrl(), `${recordUrl()}/entries/${eventId}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      await expect(page.locator('main').innerText()).resolves.not.toContain('Child A');
    }
    await checkPage(page, 'record-not-found');
    const log = await server.accessLog.forChild(childId);
    const denied = log.filter((entry) => entry.actor.id === cast.parentB.id && entry.outcome === 'denied' && entry.via === 'web');
    expect(denied.map((entry) => entry.route).sort()).toEqual(['/children/:childId', '/children/:childId/entries/:eventId']);
  });
});
