import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, panelAuthority } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { graphqlAs } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A query through the API as the same person, for the page's figures to be compared with. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a GraphQL answer, checked field by field below
const graphql = (actor: Actor, query: string, variables: Record<string, unknown>) => graphqlAs<Record<string, any>>(server, actor, query, variables);

const childAScript = childA();
const childAId = childAScript.childId;
const LA = cast.caseworker.organisation;

/** A Sen2 proportion as the page writes it. */
const inWords = (p: { count: number; outOf: number; percent: number | null }, none: string) => (p.outOf === 0 ? none : `${p.count} of ${p.outOf} (${p.percent}%)`);

async function figureOf(page: Page, table: string, row: string): Promise<string> {
  return (await page.locator(`${table} tbody tr`, { hasText: row }).locator('td').first().innerText()).trim();
}

/** The numbers drawn on a chart's bars and axes: what the table beside it must agree with. */
async function chartTexts(page: Page, id: string): Promise<string[]> {
  return page.locator(`svg[role="img"][aria-labelledby="${id}-title"] text`).allTextContents();
}

describe("an LA officer's accountability pages", () => {
  it('shows SEN2 timeliness by year and month, the same figures as the API, with a chart and its table, the year chosen with JavaScript off', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Accountability');
    await checkPageWithoutJavaScript(browser, page, 'accountability');
    await page.getByRole('link', { name: 'Timeliness', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/accountability/timeliness');
    // The last whole year by default: "today" is 2 March 2026.
    await expect(page.locator('h1').innerText()).resolves.toBe('Timeliness in 2025');
    await checkPageWithoutJavaScript(browser, page, 'accountability-timeliness-2025');

    for (const year of [2023, 2022]) {
      await page.locator('#year').selectOption(String(year));
      await page.getByRole('button', { name: 'Show the year' }).click();
      expect(new URL(page.url()).search).toBe(`?year=${year}`);
      await expect(page.locator('h1').innerText()).resolves.toBe(`Timeliness in ${year}`);
      const { timeliness: t } = await graphql(
        cast.caseworker,
        `query($la: String!, $year: Int!) { timeliness(laCode: $la, year: $year) {
          requestsReceived decisionsMade plansIssued exceptionCases reviewsDue phaseTransfersDue
          decisionsWithin6Weeks { count outOf percent } plansWithin20WeeksIncludingExceptionCases { count outOf percent }
          plansWithin20WeeksExcludingExceptionCases { count outOf percent } reviewsOnTime { count outOf percent } phaseTransfersAmendedByDeadline { count outOf percent } } }`,
        { la: LA, year },
      );
      expect(t.plansIssued, `the demo issues a plan in ${year}`).toBeGreaterThan(0);
      const figure = (row: string) => figureOf(page, '#year-figures', row);
      await expect(figure('Requests for an EHC needs assessment received')).resolves.toBe(String(t.requestsReceived));
      await expect(figure('Decisions whether to assess made within 6 weeks')).resolves.toBe(inWords(t.decisionsWithin6Weeks, 'No decisions made'));
      await expect(figure('exception cases included')).resolves.toBe(inWords(t.plansWithin20WeeksIncludingExceptionCases, 'No plans issued'));
      await expect(figure('exception cases left out')).resolves.toBe(inWords(t.plansWithin20WeeksExcludingExceptionCases, 'No plans issued without an exception'));
      await expect(figure('Annual reviews held on time')).resolves.toBe(inWords(t.reviewsOnTime, 'No reviews due'));
      await expect(figure('phase transfer deadline')).resolves.toBe(inWords(t.phaseTransfersAmendedByDeadline, 'No phase transfers due'));
      await expect(page.locator('#year-figures tbody tr', { hasText: 'exception cases included' }).innerText()).resolves.toContain(`${t.plansIssued} EHC plan`);

      // The months add up to the year, and the chart draws the table's numbers.
      const issuedByMonth = (await page.locator('#month-figures tbody tr').evaluateAll((rows) => rows.map((row) => Number(row.querySelectorAll('td')[0]!.textContent)))) as number[];
      expect(issuedByMonth).toHaveLength(12);
      expect(issuedByMonth.reduce((a, b) => a + b, 0)).toBe(t.plansIssued);
      const chart = page.locator('svg[role="img"][aria-labelledby="plans-within-20-weeks-chart-title"]');
      await expect(chart.locator('title').textContent()).resolves.toBe(`Bar chart: EHC plans issued in ${year}, and within 20 weeks, by month`);
      await expect(chart.locator('desc').textContent()).resolves.toContain(`${t.plansIssued} EHC plan`);
      const drawn = await chartTexts(page, 'plans-within-20-weeks-chart');
      for (const n of issuedByMonth.filter((n) => n > 0)) expect(drawn).toContain(String(n));
      for (const legend of ['EHC plans issued', 'Within 20 weeks, exception cases included', 'Within 20 weeks, exception cases left out']) expect(drawn).toContain(legend);
      await checkPageWithoutJavaScript(browser, page, `accountability-timeliness-${year}`);
    }
  }, JOURNEY_TIMEOUT);

  it('shows tribunal orders complied with on time beside the SEN2 figures, with its rule and what it is out of, the same figure as the API', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    // The demo's Child B: the LA did not oppose the appeal on 17 May 2024 (reg 45), so its time limits fell due in 2024.
    for (const year of [2024, 2025]) {
      await page.goto(`${server.url}/accountability/timeliness?year=${year}`);
      const { timeliness: t } = await graphql(
        cast.caseworker,
        `query($la: String!, $year: Int!) { timeliness(laCode: $la, year: $year) { tribunalOrdersDue tribunalOrdersCompliedOnTime { count outOf percent } } }`,
        { la: LA, year },
      );
      const row = page.locator('#year-figures tbody tr', { hasText: 'Tribunal orders complied with on time' });
      await expect(figureOf(page, '#year-figures', 'Tribunal orders complied with on time')).resolves.toBe(inWords(t.tribunalOrdersCompliedOnTime, 'No time limits due'));
      const words = await row.innerText();
      expect(words).toContain('SEND Regulations 2014 regulation 44');
      expect(words).toContain('regulation 45');
      expect(words).toContain('Not part of SEN2');
      expect(words).toContain(`${t.tribunalOrdersDue} time ${t.tribunalOrdersDue === 1 ? 'limit' : 'limits'} of tribunal orders and unopposed appeals due in ${year}`);
      if (year === 2024) expect(t.tribunalOrdersDue, 'the concession of 17 May 2024 set limits due in 2024').toBeGreaterThan(0);
      await checkPageWithoutJavaScript(browser, page, `accountability-timeliness-orders-${year}`);
    }
  }, JOURNEY_TIMEOUT);

  it('lists the provision that is not specific by reason, a page at a time, each line linked to the child’s promise, and notes only the children listed', async () => {
    // Provision written the way CoP 9.69 says it must not be, through the same mutation an LA system uses.
    const descriptions = Array.from({ length: 26 }, (_, i) => (i === 0 ? 'Up to 10 hours of support from staff each week' : `Access to small group support as required (block ${i})`));
    for (const description of descriptions) {
      await graphql(
        cast.caseworker,
        `mutation($id: ID!, $input: ProvisionInput!) { promiseProvision(childId: $id, input: $input) { streamRevision } }`,
        {
          id: childAId,
          input: {
            section: 'F',
            planId: childAScript.id('plan'),
            description,
            deliveredBy: { organisation: 'Fleet Hill School', role: 'Staff' },
            frequency: { sessions: 1, per: 'week' },
            minutesPerSession: 30,
            startDate: '2026-03-02',
            authority: panelAuthority('SEN-PANEL-2026-007'),
          },
        },
      );
    }
    const { provisionQuality: q } = await graphql(cast.caseworker, `query($la: String!) { provisionQuality(laCode: $la) { linesChecked linesNotSpecific flagsByCode { code count } } }`, { la: LA });
    expect(q.linesNotSpecific).toBe(26);

    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability/provision-quality`);
    await expect(figureOf(page, '#quality-figures', 'still owed today')).resolves.toBe(String(q.linesChecked));
    await expect(figureOf(page, '#quality-figures', 'not specific and quantified in law')).resolves.toBe(String(q.linesNotSpecific));
    // By reason: the table beside the chart has the API's counts, and the chart draws the same.
    const byReason = await page
      .locator('#reason-figures tbody tr')
      .evaluateAll((rows) => rows.map((row) => [row.querySelector('th')!.textContent!.trim(), Number(row.querySelector('td')!.textContent), new URL(row.querySelector('a')!.href).searchParams.get('reason')] as const));
    expect(Object.fromEntries(byReason.map(([, count, code]) => [code, count]))).toEqual(Object.fromEntries(q.flagsByCode.map((f: { code: string; count: number }) => [f.code, f.count])));
    expect(byReason.map(([reason]) => reason)).toContain('A ceiling, not an amount ("up to")');
    const drawn = await chartTexts(page, 'unspecific-provision-chart');
    for (const [reason, count] of byReason) {
      expect(drawn).toContain(reason);
      expect(drawn).toContain(String(count));
    }
    await expect(page.locator('main').innerText()).resolves.toContain('Showing 1 to 25 of 26 lines');
    await expect(page.locator('#flagged-line-list tbody tr').count()).resolves.toBe(25);
    await checkPageWithoutJavaScript(browser, page, 'accountability-provision-quality');

    // Listing a child's provision is reading their record: Child A is in their access log for this page; a child with no line on it is not.
    const [latest] = await server.accessLog.forChild(childAId, { limit: 1 });
    expect(latest).toMatchObject({ actor: { role: 'la_officer' }, outcome: 'permitted', route: '/accountability/provision-quality', read: ['promises'] });
    expect((await server.accessLog.forChild(childB().childId, { limit: 50 })).filter((e) => e.route === '/accountability/provision-quality')).toEqual([]);

    // The next page, then one reason, chosen with JavaScript off.
    await page.getByRole('link', { name: /Next/ }).click();
    await expect(page.locator('#flagged-line-list tbody tr').count()).resolves.toBe(1);
    await page.locator('#reason').selectOption('upper-bound-only');
    await page.getByRole('button', { name: 'Show the lines' }).click();
    expect(new URL(page.url()).searchParams.get('reason')).toBe('upper-bound-only');
    await expect(page.locator('#flagged-line-list tbody tr').count()).resolves.toBe(1);
    const line = page.locator('#flagged-line-list tbody tr').first();
    await expect(line.innerText()).resolves.toContain('A ceiling, not an amount');
    await checkPageWithoutJavaScript(browser, page, 'accountability-provision-quality-one-reason');

    // Each line opens the line on the child's promises.
    await line.getByRole('link', { name: descriptions[0] }).click();
    expect(new URL(page.url()).pathname).toMatch(new RegExp(`^/children/${childAId}/promises/[0-9a-f-]{36}$`));
    await expect(page.locator('h1').innerText()).resolves.toContain(descriptions[0]);
    await page.goBack();
    await line.getByRole('link', { name: 'Child A (pseudonym)' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}/promises`);
  }, JOURNEY_TIMEOUT);

  it("shows the Local Offer's accountability: services never evidenced or checked, comments unanswered and regulation 56, with a chart and its table", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability/local-offer`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Local Offer accountability');
    // The demo leaves a comment about the website's accessibility unanswered for over a year: regulation 56 is not met.
    await expect(page.locator('#reg56').innerText()).resolves.toContain('Not met');
    await expect(page.locator('#comments tbody tr', { hasText: 'How accessible the Local Offer is' }).innerText()).resolves.toMatch(/Waiting[\s\S]*Waiting \d+ days for a response/);
    await expect(page.locator('#unchecked tbody tr', { hasText: 'Camden Educational Psychology Service' }).innerText()).resolves.toContain('Never checked');
    const years = await page.locator('#reg56-years tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).slice(0, 2).map((td) => td.textContent!.trim())));
    const drawn = await chartTexts(page, 'local-offer-responses-chart');
    for (const [waiting, published] of years) {
      expect(drawn).toContain(waiting);
      expect(drawn).toContain(published);
    }
    await checkPage(page, 'accountability-local-offer');
    await page.locator('#years').selectOption('1');
    await page.getByRole('button', { name: 'Show the period' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('from 3 March 2025 to 2 March 2026');
    await checkPage(page, 'accountability-local-offer-12-months');
  }, JOURNEY_TIMEOUT);

  it('is not found for a SENCo or a parent', async () => {
    for (const person of ['kentish-vale-senco', 'parent-a']) {
      const page = await newPage(browser);
      await signInAs(page, server.url, person);
      for (const path of ['/accountability', '/accountability/timeliness', '/accountability/provision-quality', '/accountability/local-offer']) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response!.status(), `${person} ${path}`).toBe(404);
        await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      }
      await checkPage(page, `accountability-not-found-${person}`);
      await page.context().close();
    }
  }, JOURNEY_TIMEOUT);
});
