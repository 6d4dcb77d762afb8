import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, settings } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { childC } from '../../src/demo/child-c-plan-ceased.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;

/** A decision recorded through the API, as the LA's or the school's own system would record it. */
const record = (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>, occurredAt: string, childId?: string) =>
  recordThroughTheApi(server, actor, mutation, inputType, input, { occurredAt, childId });

/** A child at Kentish Vale whose family asked for an EHC needs assessment on `requestedOn`. */
async function childWithARequest(name: string, requestedOn: string) {
  const { kentishVale } = settings;
  const { childId } = await record(cast.caseworker, 'registerChild', 'RegisterChildInput', { displayName: name, dateOfBirth: '2017-05-01', laCode: '202', settingUrn: kentishVale.urn, settingName: kentishVale.name }, '2025-09-03');
  await record(cast.caseworker, 'requestAssessment', 'AssessmentRequestInput', { requestedBy: 'parent_carer' }, requestedOn, childId);
  return childId;
}

const groupOf = (page: Page, heading: string) => page.locator('h2', { hasText: heading }).locator('xpath=following-sibling::table[1]');

let late: string;
let soon: string;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  // Today is 2 March 2026: asked on 5 January, the decision whether to assess was due on 16 February (14 days ago);
  // asked on 26 January, it is due on 9 March (in 7 days).
  late = await childWithARequest('Child P (pseudonym)', '2026-01-05');
  soon = await childWithARequest('Child Q (pseudonym)', '2026-01-26');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the caseworker's desk", () => {
  it('lands the LA officer on their desk; the cases they take are theirs, every clock due in 4 weeks or missed grouped by rule', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(server.url);
    expect(new URL(page.url()).pathname).toBe('/desk');
    await expect(page.locator('h1').textContent()).resolves.toBe('My desk');
    // No case is anyone's yet in the demo.
    await expect(page.getByText('No case is assigned to you yet').isVisible()).resolves.toBe(true);
    await checkPage(page, 'desk-no-cases');

    await page.getByRole('link', { name: /My team's cases/ }).click();
    const team = groupOf(page, 'Decide whether to carry out an EHC needs assessment');
    const lateRow = await team.locator('tr', { hasText: 'Child P (pseudonym)' }).innerText();
    expect(lateRow).toContain('16 February 2026');
    expect(lateRow).toContain('Overdue by 14 days');
    expect(lateRow).toContain('Not assigned');
    const review = await groupOf(page, 'Review the EHC plan').locator('tr', { hasText: 'Child A (pseudonym)' }).innerText();
    expect(review).toContain('20 November 2025');
    expect(review).toMatch(/Overdue by \d+ days/);
    await checkPage(page, 'desk-team');

    // Take both cases from their case pages.
    for (const [childId, name] of [[late, 'Child P (pseudonym)'], [soon, 'Child Q (pseudonym)']] as const) {
      await page.goto(`${server.url}/children/${childId}/case`);
      await page.getByRole('button', { name: 'Take this case' }).click();
      await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain(`${name}'s case is now yours.`);
    }
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toMatch(/Sam Okafor \(you\), since 2 March 2026/);
    await checkPage(page, 'case-taken');

    await page.goto(`${server.url}/desk`);
    await expect(page.getByRole('link', { name: 'My cases (2)' }).isVisible()).resolves.toBe(true);
    const heading = await page.locator('h2', { hasText: 'Decide whether to carry out an EHC needs assessment' }).innerText();
    expect(heading).toContain('2 time limits, 1 overdue');
    await expect(page.getByText('Within 6 weeks. Special Educational Needs and Disability Regulations 2014, regulation 5(1)').isVisible()).resolves.toBe(true);
    const mine = groupOf(page, 'Decide whether to carry out an EHC needs assessment');
    const rows = await mine.locator('tbody tr').allInnerTexts();
    // Most overdue first.
    expect(rows[0]).toContain('Child P (pseudonym)');
    expect(rows[0]).toContain('Overdue by 14 days');
    expect(rows[0]).toContain('Sam Okafor');
    expect(rows[1]).toContain('Child Q (pseudonym)');
    expect(rows[1]).toContain('9 March 2026');
    expect(rows[1]).toContain('Due in 7 days');
    // The 20 weeks for the final plans run to May and June: not on the desk yet.
    await expect(page.locator('h2', { hasText: 'Issue the final EHC plan' }).count()).resolves.toBe(0);
    await checkPage(page, 'desk-my-cases');

    // The desk noted the children it showed, and only those, in the access log.
    const readOnDesk = async (childId: string) =>
      (await server.accessLog.forChild(childId)).some((read) => read.actor.id === cast.caseworker.id && read.route === '/desk' && read.outcome === 'permitted');
    await expect(readOnDesk(late)).resolves.toBe(true);
    // Child A's overdue annual review was on the team's desk; Child C's plan ceased, so nothing of theirs was shown or read.
    await expect(readOnDesk(childA().childId)).resolves.toBe(true);
    await expect(readOnDesk(childC().childId)).resolves.toBe(false);
  }, JOURNEY_TIMEOUT);

  it('gives a case to a colleague who has worked on the record, from the case page, without JavaScript', async () => {
    const childBId = childB().childId;
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${childBId}/case`);
    const before = (await server.store.readStream(childStreamId(childBId))).length;
    // Nobody chosen: asked to choose, nothing recorded.
    await page.getByRole('button', { name: 'Assign the case' }).click();
    await expect(page.locator('#caseworkerId-error').innerText()).resolves.toContain('Select the colleague to give the case to');
    expect((await server.store.readStream(childStreamId(childBId))).length).toBe(before);
    await checkPageWithoutJavaScript(browser, page, 'case-assign-refused');

    await page.getByLabel('Give the case to a colleague').selectOption({ label: 'Leila Haddad' });
    await page.getByRole('button', { name: 'Assign the case' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("Child B (pseudonym)'s case is now Leila Haddad's.");
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('Leila Haddad, since 2 March 2026');
    const entries = await server.store.readStream(childStreamId(childBId));
    expect(entries.length).toBe(before + 1);
    expect(entries.at(-1)).toMatchObject({ type: 'CaseworkerAssigned', data: { caseworker: { id: cast.caseworker2.id, displayName: 'Leila Haddad' } } });
    await expect(page.locator('.moj-timeline').innerText()).resolves.toContain('Leila Haddad is the local authority\'s caseworker for this child.');
    await checkPageWithoutJavaScript(browser, page, 'case-assigned-to-colleague');
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('gives a SENCo and a parent "Page not found" for the desk, the case page and the decision forms', async () => {
    const childAId = childA().childId;
    for (const [who, childId] of [['kentish-vale-senco', late], ['parent-a', childAId]] as const) {
      const page = await newPage(browser);
      await signInAs(page, server.url, who);
      for (const path of ['/desk', `/children/${childId}/case`, `/children/${childId}/decisions/decide-assessment`, `/children/${childId}/decisions/amend-plan`]) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status(), `${who} ${path}`).toBe(404);
        await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      }
      await checkPage(page, `desk-not-found-${who}`);
      await page.context().close();
    }
  }, JOURNEY_TIMEOUT);

  it("shows a team's busiest rule 25 lines at a time on the desk, the rest on the rule's own pages, noting only the children shown", async () => {
    // 26 more requests asked on 2 February 2026: each decision is due on 16 March, within the 4 weeks.
    for (let n = 1; n <= 26; n++) await childWithARequest(`Child R${String(n).padStart(2, '0')} (pseudonym)`, '2026-02-02');
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/desk?cases=team`);
    const heading = 'Decide whether to carry out an EHC needs assessment';
    const onDesk = await groupOf(page, heading).locator('tbody th').allInnerTexts();
    expect(onDesk).toHaveLength(25);
    const caption = await page.locator('h2', { hasText: heading }).innerText();
    const total = Number(/(\d+) time limits/.exec(caption)![1]);
    expect(total).toBeGreaterThanOrEqual(28);
    await checkPageWithoutJavaScript(browser, page, 'desk-team-busy');

    await page.getByRole('link', { name: new RegExp(`See all ${total} time limits for “${heading}”`) }).click();
    expect(new URL(page.url()).searchParams.get('rule')).toBe('decide-whether-to-assess');
    const all = await groupOf(page, heading).locator('tbody th').allInnerTexts();
    expect(all).toHaveLength(total);
    expect(all.slice(0, 25)).toEqual(onDesk);
    await checkPageWithoutJavaScript(browser, page, 'desk-one-rule');

    // A child listed only on the rule's page was noted as read by the desk only when that page showed it.
    const notOnDesk = all.find((name) => !onDesk.includes(name))!;
    const href = await page.getByRole('link', { name: notOnDesk }).first().getAttribute('href');
    const childId = href!.split('/')[2]!;
    const deskReads = (await server.accessLog.forChild(childId)).filter((e) => e.route === '/desk' && e.actor.id === cast.caseworker.id);
    expect(deskReads).toHaveLength(1);
    await page.context().close();
  }, JOURNEY_TIMEOUT);
});
