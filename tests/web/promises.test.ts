import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS } from '../../src/domain/child-record/events.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { tokenSettingsFrom } from '../../src/config/token-settings.js';
import { uuidFromName } from '../../src/ledger/deterministic-id.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

let server: DemoWebServer;
let browser: Browser;
const childId = childA().childId;
const line = (name: string) => uuidFromName('send-ledger-demo', 'child-a', name);
const therapy = line('f-speech-and-language-therapy');
const literacy = line('f-specialist-literacy');
const promisesUrl = () => `${server.url}/children/${childId}/promises`;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i;
const CODE = new RegExp(`\\b[a-z0-9]+(_[a-z0-9]+)+\\b|\\b(${Object.keys(CHILD_EVENT_SCHEMAS).join('|')})\\b`);

async function expectFamilyLanguage(page: Page) {
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(UUID);
  expect(text.match(CODE)).toBeNull();
}

/** A summary card's value for a key. */
const valueOf = (card: Locator, key: string) =>
  card.locator('.govuk-summary-list__row').filter({ has: card.page().locator('dt', { hasText: new RegExp(`^\\s*${key}\\s*$`) }) }).locator('dd').innerText();

const cardOf = (page: Page, description: string) => page.locator('.app-promise').filter({ has: page.locator('.govuk-summary-card__title', { hasText: description }) });

/** A line as the GraphQL API answers it for Parent A: the page must say the same. */
async function lineFromApi(provisionId: string): Promise<{ sessionsDelivered: number; sessionsExpectedSoFar: number }> {
  const { parentA } = cast;
  const settings = tokenSettingsFrom(server.config);
  const token = await mintDevToken((settings as { secret: string }).secret, settings.issuer, settings.audience, {
    actorId: parentA.id, displayName: parentA.displayName, role: 'parent_carer', organisation: parentA.organisation,
  });
  const response = await server.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: { query: 'query($c: ID!) { promises(filter: { childId: $c }) { nodes { provisionId delivery { sessionsDelivered sessionsExpectedSoFar } } } }', variables: { c: childId } },
  });
  const lines = response.json().data.promises.nodes as Array<{ provisionId: string; delivery: { sessionsDelivered: number; sessionsExpectedSoFar: number } }>;
  return lines.find((l) => l.provisionId === provisionId)!.delivery;
}


describe('what was promised and is it happening', () => {
  it('shows every provision line by legal force, who promised it on whose authority, deliveries against sessions expected, and shortfalls', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(promisesUrl());
    await expect(page.locator('h1').innerText()).resolves.toBe('What was promised');
    const headings = await page.locator('main h2').allInnerTexts();
    expect(headings).toEqual([
      'The local authority must secure this by law',
      'The health service must arrange this by law',
      "No legal force: a school's own plan (the school must use its best endeavours to meet the child's needs)",
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('The law: CFA 2014 s.42(2).');

    // Specialist literacy: disputed at the handover, not delivered at Fleet Hill, shortfalls reported.
    const literacyCard = cardOf(page, 'Specialist literacy teaching');
    await expect(literacyCard.getAttribute('class')).resolves.toContain('app-stands-out');
    await expect(literacyCard.locator('.govuk-warning-text').innerText()).resolves.toContain('No delivery recorded for 32 weeks while it is owed.');
    await expect(valueOf(literacyCard, 'Missed sessions reported')).resolves.toBe('2 reports: 42 sessions missed');
    await expect(valueOf(literacyCard, 'How often and how long')).resolves.toBe('2 sessions a week, 45 minutes each, in a group of 3');
    await expect(valueOf(literacyCard, 'Promised')).resolves.toBe(
      'Promised on 6 February 2023 by Sam Okafor (local authority SEN officer), on the authority of Marcus Bell, Chair, SEN panel, London Borough of Camden (reference SEN-PANEL-2023-014)',
    );
    await expect(valueOf(literacyCard, 'Status')).resolves.toMatch(/^Open\s+owed now, at Fleet Hill School$/);
    const api = await lineFromApi(literacy);
    await expect(valueOf(literacyCard, 'Delivered')).resolves.toBe(`${api.sessionsDelivered} of ${api.sessionsExpectedSoFar} sessions so far; the last recorded on 18 July 2025`);

    // A termly review is not "missing" between terms; an ended line never stands out.
    await expect(cardOf(page, 'Community paediatric review').getAttribute('class')).resolves.not.toContain('app-stands-out');
    const talkBoost = cardOf(page, 'Talk Boost KS2');
    await expect(talkBoost.getAttribute('class')).resolves.not.toContain('app-stands-out');
    await expect(valueOf(talkBoost, 'Status')).resolves.toMatch(/^Ended\s+on 1 April 2022, the end date it was promised until$/);
    await expect(valueOf(talkBoost, 'Delivered')).resolves.toBe('24 of the 29 sessions owed; the last recorded on 25 March 2022');
    await expectFamilyLanguage(page);
    await checkPage(page, 'promises');
  });

  it('puts every version of the therapy line side by side: weekly when promised, fortnightly from the 2024 amendment', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(promisesUrl());
    await cardOf(page, 'Direct speech and language therapy').getByRole('link', { name: /Versions and deliveries/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/children/${childId}/promises/${therapy}`);
    const versions = page.locator('.app-versions .app-version');
    await expect(versions.count()).resolves.toBe(2);
    const [original, changed] = [versions.nth(0), versions.nth(1)];
    await expect(original.locator('h3').innerText()).resolves.toBe('As promised on 6 February 2023');
    await expect(changed.locator('h3').innerText()).resolves.toBe('Change 1, on 14 March 2024');
    await expect(valueOf(original, 'How often')).resolves.toBe('1 session a week');
    await expect(valueOf(changed, 'How often')).resolves.toMatch(/^1 session a fortnight\s+changed$/);
    await expect(valueOf(changed, 'How long')).resolves.toMatch(/^1 hour each\s+changed$/);
    await expect(valueOf(changed, 'Who delivers it')).resolves.not.toContain('changed');
    await expect(valueOf(changed, 'Why')).resolves.toContain('therapy becomes fortnightly with time to train class staff');
    await expect(valueOf(changed, 'On the authority of')).resolves.toContain('reference SEN-PANEL-2024-009');

    // The delivery record: the session whose date was corrected is marked, and links to the correction.
    const rows = page.locator('table.app-deliveries tbody tr');
    await expect(rows.count()).resolves.toBeGreaterThan(20);
    const correctedRow = rows.filter({ hasText: 'Date corrected' });
    await expect(correctedRow.locator('th').innerText()).resolves.toMatch(/^16 March 2023\s+Date corrected on 23 March 2023$/);
    await expectFamilyLanguage(page);
    await checkPage(page, 'promise-therapy');

    await page.goto(`${promisesUrl()}/${literacy}`);
    const shortfalls = page.locator('table').filter({ has: page.locator('caption', { hasText: 'Shortfalls reported' }) }).locator('tbody tr');
    await expect(shortfalls.allInnerTexts()).resolves.toEqual([
      expect.stringMatching(/^17 April 2023 to 26 May 2023\s+12\s+Specialist teacher on sick leave/),
      expect.stringMatching(/^3 September 2025 to 19 December 2025\s+30\s+No SpLD specialist teacher at Fleet Hill/),
    ]);
    await expect(page.locator('main').innerText()).resolves.toContain('Disputed at the handover: still owed, as the plan says');
    await expectFamilyLanguage(page);
    await checkPage(page, 'promise-literacy');
  });

  it('works without JavaScript', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-a');
    await page.goto(promisesUrl());
    await expect(page.locator('main h2').first().innerText()).resolves.toBe('The local authority must secure this by law');
    await checkPageWithoutJavaScript(browser, page, 'promises-no-js');
    await cardOf(page, 'Direct speech and language therapy').getByRole('link', { name: /Versions and deliveries/ }).click();
    await page.waitForLoadState('load');
    await expect(page.locator('.app-versions .app-version').count()).resolves.toBe(2);
    await checkPageWithoutJavaScript(browser, page, 'promise-therapy-no-js');
  });

  it('reads as not found to a person with no relationship to the child, and logs the attempt as denied', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-b');
    for (const url of [promisesUrl(), `${promisesUrl()}/${therapy}`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      await expect(page.locator('main').innerText()).resolves.not.toContain('therapy');
    }
    await checkPage(page, 'promises-not-found');
    const denied = (await server.accessLog.forChild(childId)).filter((entry) => entry.actor.id === cast.parentB.id && entry.outcome === 'denied');
    expect(denied.map((entry) => [entry.via, entry.route]).sort()).toEqual([
      ['web', '/children/:childId/promises'],
      ['web', '/children/:childId/promises/:provisionId'],
    ]);
  });

  it('shows a former school the promises as they stood on the last day of the record it can see', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    await page.goto(promisesUrl());
    await expect(page.locator('main').innerText()).resolves.toContain('the sessions expected up to 21 July 2025, the last day of the record you can see.');
    // Fleet Hill's autumn (after the handover) is not Kentish Vale's to see, nor to be judged by.
    const literacyCard = cardOf(page, 'Specialist literacy teaching');
    await expect(literacyCard.getAttribute('class')).resolves.not.toContain('app-stands-out');
    await expect(valueOf(literacyCard, 'Missed sessions reported')).resolves.toBe('1 report: 12 sessions missed');
    await expect(valueOf(literacyCard, 'Status')).resolves.toMatch(/^Open\s+owed on the last day of the record you can see, at Kentish Vale Primary School$/);
    await expectFamilyLanguage(page);
    await checkPage(page, 'promises-former-school');
  });

  it('reads an unknown promise of a child the person may read as not found', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const response = await page.goto(`${promisesUrl()}/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await checkPage(page, 'promise-not-found');
  });
});
