import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { childRecordAsOf } from '../../src/application/child-record-as-of.js';
import { cast, LA_CODE } from '../../src/demo/cast.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
/** A child of the demo's LA whose assessment was refused, built through the API for these journeys. */
let childId: string;
let requestId: string;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  ({ childId } = await recordThroughTheApi(server, cast.caseworker, 'registerChild', 'RegisterChildInput', {
    displayName: 'Child R (pseudonym)',
    dateOfBirth: '2017-04-02',
    laCode: LA_CODE,
  }, { occurredAt: '2025-10-01' }));
  ({ subjectId: requestId } = await recordThroughTheApi(server, cast.caseworker, 'requestAssessment', 'AssessmentRequestInput', {
    requestedBy: 'parent_carer',
    requesterDescription: 'The mother',
  }, { childId, occurredAt: '2025-11-03' }));
  await recordThroughTheApi(server, cast.caseworker, 'decideAssessment', 'AssessmentDecisionInput', {
    requestId,
    decision: 'not_assess',
    reasons: 'The school has not yet run a cycle of SEN support with educational psychology advice.',
  }, { childId, occurredAt: '2025-12-08' });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The child's record as the LA reads it: what got recorded, whatever the page said. */
async function recordOfChild() {
  const reader = { actor: cast.caseworker, reads: new AccessRecorder({ actor: cast.caseworker, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  const known = await childRecordAsOf({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childId, 'test');
  if (!known) throw new Error('the child was not found');
  return known.record;
}

async function recordOfChildB() {
  const reader = { actor: cast.caseworker, reads: new AccessRecorder({ actor: cast.caseworker, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  const known = await childRecordAsOf({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childB().childId, 'test');
  if (!known) throw new Error('Child B was not found');
  return known.record;
}

async function happenedOn(page: Page, [day, month, year]: [string, string, string]) {
  await page.locator('#happenedOn-day').fill(day);
  await page.locator('#happenedOn-month').fill(month);
  await page.locator('#happenedOn-year').fill(year);
}

async function openAction(page: Page, text: string) {
  await page.goto(`${server.url}/children/${childId}/appeal`);
  await page.getByRole('link', { name: text }).first().click();
}

describe('recording an appeal on the web, without JavaScript', () => {
  it('registers an appeal, records the response, refuses a late concession next to its field, then records a decision and an order', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');

    await page.goto(`${server.url}/children/${childId}/appeal`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Appeal to the tribunal');
    await expect(page.locator('main').innerText()).resolves.toContain('No appeal to the First-tier Tribunal (SEND) has been recorded');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-none');

    // Register the appeal: what is appealed, the tribunal's reference, the request refused.
    await page.getByRole('button', { name: 'Record an appeal' }).click();
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-register');
    await page.getByLabel('The decision not to carry out an EHC needs assessment').check();
    await page.getByLabel("The tribunal's reference (optional)").fill('EH202/26/00031');
    await page.getByLabel('The request for an EHC needs assessment of 3 November 2025').check();
    await happenedOn(page, ['20', '1', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The appeal was recorded.');
    const registered = await page.locator('main').innerText();
    expect(registered).toContain('The decision not to carry out an EHC needs assessment');
    expect(registered).toContain('EH202/26/00031');
    expect(registered).toContain('20 January 2026, recorded by Sam Okafor');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-registered');

    // The local authority's response.
    await openAction(page, "Record the local authority's response");
    await page.getByLabel('What the response says').fill('The local authority opposes the appeal: the school has not yet sought educational psychology advice.');
    await happenedOn(page, ['10', '2', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("The local authority's response was recorded.");

    // Not opposing it now is refused (reg 45 is for before the response): the message next to the field, nothing recorded.
    await page.goto(`${server.url}/children/${childId}/appeal/${(await recordOfChild()).appeals[0]!.appealId}/record/not-opposed`);
    await page.getByLabel('Arrange an EHC needs assessment').check();
    await page.getByLabel('The request for an EHC needs assessment of 3 November 2025').check();
    await page.getByLabel('What it says').fill('The local authority will assess on the request of 3 November 2025.');
    await page.getByRole('button', { name: 'Record it' }).click();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('There is a problem');
    expect(summary).toMatch(/responded to the appeal on 10 February 2026: a concession now ends in a consent order/);
    await expect(page.locator('#kind-error').innerText()).resolves.toMatch(/responded to the appeal on 10 February 2026/);
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await expect(page.getByLabel('What it says').inputValue()).resolves.toBe('The local authority will assess on the request of 3 November 2025.');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-not-opposed-refused');
    expect((await recordOfChild()).appeals[0]!.outcomes).toEqual([]);

    // The tribunal allows the appeal and orders the assessment.
    await openAction(page, "Record the tribunal's decision");
    await page.getByLabel('It allowed the appeal', { exact: true }).check();
    await happenedOn(page, ['20', '2', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("The tribunal's decision was recorded.");

    await openAction(page, "Record the tribunal's order");
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-order');
    await page.getByLabel('After the hearing, with the decision').check();
    await page.getByLabel('Arrange an EHC needs assessment').check();
    await page.getByLabel('The request for an EHC needs assessment of 3 November 2025').check();
    await page.getByLabel('What it says').fill('The local authority shall make an EHC needs assessment of the child.');
    await happenedOn(page, ['20', '2', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("The tribunal's order was recorded.");

    // The order on the page: what, how, when, each time limit with its law, and how long is left (today is 2 March 2026).
    const order = await page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Arrange an EHC needs assessment' }) }).innerText();
    expect(order).toContain('Ordered by the tribunal after the hearing');
    expect(order).toContain('20 February 2026');
    expect(order).toContain('due by 6 March 2026. Due in 4 days');
    expect(order).toContain('Special Educational Needs and Disability Regulations 2014, regulation 44');
    expect(order).toContain('Open');
    // The refusal set aside by the order: the assessment revived, its time limits from the original request.
    const revived = await page.locator('#revived').innerText();
    expect(revived).toContain("The decision of 8 December 2025 not to carry out an EHC needs assessment was overturned by the tribunal's order on 20 February 2026");
    expect(revived).toContain('its time limits still run from the original request of 3 November 2025');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-ordered');

    const record = await recordOfChild();
    expect(record.appeals[0]!.outcomes.map((o) => [o.how, o.kind, o.requestId])).toEqual([['ordered', 'assess', requestId]]);
    expect(record.assessmentRequests[requestId]!.decision).toBeUndefined();

    // The open order on the caseworker's desk and on the child's case.
    await page.goto(`${server.url}/desk?cases=team`);
    const desk = page.locator('table', { has: page.locator('caption', { hasText: 'Tribunal orders' }) });
    const row = await desk.locator('tbody tr', { hasText: 'Child R (pseudonym)' }).innerText();
    expect(row).toContain('Tell the family, after a tribunal order, that the local authority will assess');
    expect(row).toContain('6 March 2026');
    expect(row).toContain('Due in 4 days');
    await expect(desk.getByRole('link', { name: 'Child R (pseudonym)' }).getAttribute('href')).resolves.toBe(`/children/${childId}/appeal`);
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-desk');
    await page.goto(`${server.url}/children/${childId}/case`);
    const onCase = await page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Arrange an EHC needs assessment' }) }).innerText();
    expect(onCase).toContain('Ordered by the tribunal after the hearing, 20 February 2026');
    expect(onCase).toContain('Due in 4 days');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-case');
  }, JOURNEY_TIMEOUT);

  it("records the working document's moves: the advocate proposes a change for the family, the local authority disputes it and sends a new version", async () => {
    const childBId = childB().childId;
    const contentsAppeal = (record: Awaited<ReturnType<typeof recordOfChildB>>) => record.appeals.find((a) => a.against === 'plan_contents')!;
    const before = contentsAppeal(await recordOfChildB());

    const advocate = await newPage(browser, { javaScript: false });
    await signInAs(advocate, server.url, 'advocate');
    await advocate.goto(`${server.url}/children/${childBId}/appeal`);
    await advocate.getByRole('link', { name: 'Propose a change in the working document' }).click();
    await checkPageWithoutJavaScript(browser, advocate, 'appeal-forms-propose-change');
    await advocate.getByLabel('The parent or carer').check();
    await advocate.getByLabel('Section F (special educational provision)').check();
    await advocate.getByLabel('Add wording').check();
    await advocate.getByLabel('The wording').fill('A daily check-in with the key adult at the gate, 10 minutes.');
    await advocate.getByLabel('Evidence: who wrote the report (optional)').fill('Dr Ruth Calloway');
    await advocate.getByLabel('Their role (optional)').fill('Educational psychologist');
    await advocate.locator('#evidenceWrittenOn-day').fill('27');
    await advocate.locator('#evidenceWrittenOn-month').fill('10');
    await advocate.locator('#evidenceWrittenOn-year').fill('2025');
    await advocate.getByLabel('Page (optional)').fill('15');
    await advocate.getByRole('button', { name: 'Record it' }).click();
    await expect(advocate.locator('.govuk-notification-banner').innerText()).resolves.toContain('The change was added to the working document.');
    const proposed = await advocate.locator('tbody tr', { hasText: 'A daily check-in with the key adult' }).innerText();
    expect(proposed).toContain('Awaiting an answer');
    expect(proposed).toContain('The parent or carer, 2 March 2026, by Jordan Achebe');
    expect(proposed).toContain('Evidence: Dr Ruth Calloway (Educational psychologist), 27 October 2025, page 15');

    // The local authority disputes it: without a reason it is refused next to the field, and nothing is recorded.
    const la = await newPage(browser, { javaScript: false });
    await signInAs(la, server.url, 'la-officer');
    await la.goto(`${server.url}/children/${childBId}/appeal`);
    await la.locator('tbody tr', { hasText: 'A daily check-in with the key adult' }).getByRole('link', { name: /Agree or dispute/ }).click();
    await la.getByLabel('Dispute it', { exact: true }).check();
    await la.getByRole('button', { name: 'Record it' }).click();
    await expect(la.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why you dispute this change');
    await expect(la.locator('#reason-error').innerText()).resolves.toContain('Enter why you dispute this change');
    await checkPageWithoutJavaScript(browser, la, 'appeal-forms-dispute-refused');
    const amendment = Object.values((await recordOfChildB()).planAmendments).find((a) => a.wording.startsWith('A daily check-in'))!;
    expect(amendment.answers).toEqual([]);
    await la.getByLabel('Why (needed if you dispute the change)').fill('The key adult already meets Child B at the gate on the days the log shows distress.');
    await la.getByRole('button', { name: 'Record it' }).click();
    await expect(la.locator('.govuk-notification-banner').innerText()).resolves.toContain('Your answer to the change was recorded.');
    const disputed = await la.locator('tbody tr', { hasText: 'A daily check-in with the key adult' }).innerText();
    expect(disputed).toContain('In dispute');
    expect(disputed).toContain('Disputed by the local authority, Sam Okafor, on 2 March 2026: “The key adult already meets Child B');

    // A new version, numbered after the last.
    await la.getByRole('link', { name: 'Send a new version of the working document' }).click();
    await la.getByRole('button', { name: 'Record it' }).click();
    await expect(la.locator('.govuk-notification-banner').innerText()).resolves.toContain(`Version ${before.workingDocuments.length + 1} of the working document was recorded as sent.`);
    const summary = await la.locator(`#working-document-${before.appealId}`).innerText();
    expect(summary).toContain(`Version ${before.workingDocuments.length + 1}, sent on 2 March 2026 by Sam Okafor (local authority SEN officer) for the local authority`);
    await checkPageWithoutJavaScript(browser, la, 'appeal-forms-version-sent');
    expect(contentsAppeal(await recordOfChildB()).workingDocuments.map((v) => v.issuedBy).at(-1)).toBe('local_authority');
  }, JOURNEY_TIMEOUT);

  it("reverses a refusal from the appeal page, and records a recommendation and the local authority's answer within 5 weeks", async () => {
    const { childId: otherChild } = await recordThroughTheApi(server, cast.caseworker, 'registerChild', 'RegisterChildInput', {
      displayName: 'Child S (pseudonym)',
      dateOfBirth: '2015-06-12',
      laCode: LA_CODE,
    }, { occurredAt: '2025-09-01' });
    const { subjectId: refused } = await recordThroughTheApi(server, cast.caseworker, 'requestAssessment', 'AssessmentRequestInput', { requestedBy: 'school' }, { childId: otherChild, occurredAt: '2025-10-06' });
    await recordThroughTheApi(server, cast.caseworker, 'decideAssessment', 'AssessmentDecisionInput', { requestId: refused, decision: 'not_assess', reasons: 'Not enough evidence yet.' }, { childId: otherChild, occurredAt: '2025-11-10' });
    await recordThroughTheApi(server, cast.caseworker, 'registerAppeal', 'AppealInput', { against: 'refusal_to_assess', requestId: refused }, { childId: otherChild, occurredAt: '2026-01-05' });

    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${otherChild}/appeal`);
    await page.getByRole('link', { name: 'Reverse a refusal' }).click();
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-reverse');
    await page.getByLabel(/The decision of 10 November 2025 not to carry out an EHC needs assessment/).check();
    await page.getByLabel('Reasons').fill('The educational psychologist’s consultation shows the child may need provision through an EHC plan.');
    await happenedOn(page, ['2', '2', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The refusal was reversed');
    const revived = await page.locator('#revived').innerText();
    expect(revived).toContain('The decision of 10 November 2025 not to carry out an EHC needs assessment was reversed by the local authority on 2 February 2026');
    expect(revived).toContain('its time limits still run from the original request of 6 October 2025');
    await expect(page.locator('.moj-timeline').innerText()).resolves.toMatch(/Refusal reversed[\s\S]*2 February 2026/);
    await expect(page.locator('main').innerText()).resolves.toContain('The local authority reversed its refusal on 2 February 2026: there is no order to comply with');

    await page.getByRole('link', { name: "Record the tribunal's recommendation" }).click();
    await page.getByLabel('Section D (social care needs)').check();
    await page.getByLabel('Who is it made to?').fill("Camden children's social care");
    await page.getByLabel('What it recommends').fill('A short-breaks assessment.');
    await happenedOn(page, ['9', '2', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await page.getByRole('link', { name: /Answer the recommendation/ }).click();
    await page.getByLabel('Yes').check();
    await page.getByLabel('Why').fill('A short-breaks assessment is booked for April.');
    await page.getByLabel('Who answers: their name').fill('Maya Lewis');
    await page.getByLabel('Their role').fill('Head of children’s social care');
    await happenedOn(page, ['2', '3', '2026']);
    await page.getByRole('button', { name: 'Record it' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The answer to the recommendation was recorded.');
    const recommendation = await page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: 'Section D (social care needs)' }) }).innerText();
    expect(recommendation).toContain("Camden children's social care, on 9 February 2026");
    expect(recommendation).toContain('It will be followed: “A short-breaks assessment is booked for April.” (Maya Lewis, Head of children’s social care, on 2 March 2026)');
    expect(recommendation).toContain('Answered within 5 weeks');
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-recommendation');
  }, JOURNEY_TIMEOUT);

  it('does not offer the local authority\'s forms to the family, and refuses them as not found', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-b');
    // Parent B is no parent of this child: the appeal page and its forms read as not there.
    const response = await page.goto(`${server.url}/children/${childId}/appeal`);
    expect(response?.status()).toBe(404);
    const form = await page.goto(`${server.url}/children/${childId}/appeal/register`);
    expect(form?.status()).toBe(404);
    await checkPageWithoutJavaScript(browser, page, 'appeal-forms-not-found');
  }, JOURNEY_TIMEOUT);
});
