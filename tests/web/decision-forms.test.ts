import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, settings } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
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

const entriesOf = async (childId: string) => server.store.readStream(childStreamId(childId));

let late: string;
let drafted: string;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  // Today is 2 March 2026. Asked on 5 January: the decision whether to assess was due on 16 February.
  late = await childWithARequest('Child P (pseudonym)', '2026-01-05');
  await record(cast.caseworker, 'assignCaseworker', 'CaseworkerAssignmentInput', { caseworker: { id: cast.caseworker.id, displayName: cast.caseworker.displayName } }, '2026-01-06', late);
  // A draft issued on 20 February: the family may comment until the final plan can be issued, from 7 March.
  drafted = await childWithARequest('Child R (pseudonym)', '2025-11-03');
  const [request] = (await entriesOf(drafted)).filter((e) => e.type === 'AssessmentRequested');
  const requestId = request!.data['requestId'] as string;
  await record(cast.caseworker, 'decideAssessment', 'AssessmentDecisionInput', { requestId, decision: 'assess' }, '2025-12-01', drafted);
  await record(cast.caseworker, 'issueDraftPlan', 'DraftPlanInput', { requestId, summary: 'Speech and language therapy weekly.' }, '2026-02-20', drafted);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('decisions as forms', () => {
  it('follows the next decision from the case page, shows the deadline missed before recording, then records it (without JavaScript)', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${late}/case`);
    await expect(page.locator('#next-decision').innerText()).resolves.toContain('Decide whether to carry out an EHC needs assessment, by 16 February 2026, overdue by 14 days');
    await page.locator('#next-decision').getByRole('link', { name: 'Decide whether to carry out an EHC needs assessment' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Decide whether to carry out an EHC needs assessment');
    await expect(page.getByText('The request for an EHC needs assessment of 5 January 2026').isVisible()).resolves.toBe(true);
    await expect(page.locator('#due').innerText()).resolves.toBe('Due by 16 February 2026, overdue by 14 days.');
    await checkPageWithoutJavaScript(browser, page, 'decision-form-assess');

    // Continue without choosing: the choice is asked for, nothing recorded.
    const before = (await entriesOf(late)).length;
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Select whether the local authority will carry out an assessment');
    expect((await entriesOf(late)).length).toBe(before);

    await page.getByLabel('Yes, carry out an assessment').check();
    await page.getByLabel('Reasons').fill('Advice from school shows needs beyond SEN support.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Check before you record');
    const check = await page.locator('#deadline-check').innerText();
    expect(check).toContain('This is 14 days late: the duty to decide whether to carry out an EHC needs assessment was due by 16 February 2026 (6 weeks), and this decision is dated 2 March 2026.');
    expect(check).toContain('Special Educational Needs and Disability Regulations 2014, regulation 5(1)');
    await expect(page.locator('.govuk-summary-list').innerText()).resolves.toContain('Yes, carry out an assessment');
    // Checked, not recorded.
    expect((await entriesOf(late)).length).toBe(before);
    await checkPageWithoutJavaScript(browser, page, 'decision-check-late');

    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${late}/case`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Recorded: decide whether to carry out an EHC needs assessment, on 2 March 2026.');
    const after = await entriesOf(late);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.type).toBe('DecisionToAssess');
    expect(after.at(-1)!.metadata.occurredAt.slice(0, 10)).toBe('2026-03-02');
    // The next decision moves on: a draft plan, by the 16 weeks from the request.
    await expect(page.locator('#next-decision').innerText()).resolves.toContain('Issue a draft EHC plan, by 27 April 2026');
    await checkPageWithoutJavaScript(browser, page, 'case-after-decision');

    await page.goto(`${server.url}/children/${late}`);
    await expect(page.locator('.moj-timeline').innerText()).resolves.toContain('Decision: the local authority will assess');

    // The draft meets its limit on time, and starts the family's 15 days to comment.
    await page.goto(`${server.url}/children/${late}/case`);
    await page.locator('#next-decision').getByRole('link', { name: 'Issue a draft EHC plan' }).click();
    await expect(page.locator('.govuk-inset-text').innerText()).resolves.toContain('15 days to comment');
    await page.getByRole('button', { name: 'Continue' }).click();
    const draftCheck = await page.locator('#deadline-check').innerText();
    expect(draftCheck).toContain('This meets the 16 weeks limit to decide after the assessment whether to issue an EHC plan: due by 27 April 2026, decided on 2 March 2026.');
    expect(draftCheck).toContain('The family has 15 days to comment on the draft, from 2 March 2026: the final plan can be issued from 17 March 2026.');
    await checkPageWithoutJavaScript(browser, page, 'decision-check-draft');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    expect((await entriesOf(late)).at(-1)!.type).toBe('DraftPlanIssued');
    await expect(page.locator('#next-decision').innerText()).resolves.toContain('Issue the final EHC plan from 17 March 2026');
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('refuses a final plan inside the 15-day comment period, with the rule next to the date, and records nothing', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${drafted}/decisions/issue-final`);
    await expect(page.getByLabel('School or college named in the plan (section I)').inputValue()).resolves.toBe(settings.kentishVale.name);
    // The deadline, before anything is sent: 20 weeks from the request of 3 November 2025.
    await expect(page.locator('#due').innerText()).resolves.toBe("Due from 7 March 2026 (after the family's 15 days to comment on the draft), by 23 March 2026.");
    await page.getByLabel('Ask the school or college to confirm, within 4 weeks, that the provision in the plan is in place').check();
    const before = (await entriesOf(drafted)).length;
    await page.getByRole('button', { name: 'Continue' }).click();

    const rule = 'The family has at least 15 days to comment on the draft (Regs 13(1)); the final plan can be issued from 7 March 2026';
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(rule);
    await expect(page.locator('#decidedOn-error').innerText()).resolves.toContain(rule);
    await expect(page.locator('.govuk-error-summary a', { hasText: 'at least 15 days' }).getAttribute('href')).resolves.toBe('#decidedOn-day');
    // What was typed stays.
    await expect(page.getByLabel('Ask the school or college to confirm, within 4 weeks, that the provision in the plan is in place').isChecked()).resolves.toBe(true);
    expect((await entriesOf(drafted)).length).toBe(before);
    await checkPage(page, 'decision-final-plan-refused');

    // Sent straight to "record", past the check: refused the same way, nothing recorded.
    await page.evaluate(() => {
      const form = document.querySelector('form[method="post"]:not([action="/sign-out"])') as HTMLFormElement;
      (form.querySelector('input[name="step"]') as HTMLInputElement).value = 'record';
      form.submit();
    });
    await page.waitForLoadState('load');
    await expect(page.locator('#decidedOn-error').innerText()).resolves.toContain(rule);
    expect((await entriesOf(drafted)).length).toBe(before);
  }, JOURNEY_TIMEOUT);

  it('requests advice, naming the field a refusal is about, and says the time limit it starts', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${drafted}/case`);
    await page.getByRole('link', { name: 'Request advice for the assessment' }).click();
    await page.getByLabel('Psychological').check();
    const before = (await entriesOf(drafted)).length;
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#organisation-error').innerText()).resolves.toContain('Enter who you are asking for advice');
    await expect(page.getByLabel('Psychological').isChecked()).resolves.toBe(true);
    expect((await entriesOf(drafted)).length).toBe(before);
    await checkPage(page, 'decision-advice-refused');

    await page.getByLabel('Who are you asking?').fill('Camden Educational Psychology Service');
    await page.getByLabel('Their role').fill('Educational psychologist');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#deadline-check').innerText()).resolves.toContain('This starts the time limit to provide advice for an EHC needs assessment: due by 13 April 2026.');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    const last = (await entriesOf(drafted)).at(-1)!;
    expect(last).toMatchObject({ type: 'AdviceRequested', data: { adviceType: 'psychological', from: { organisation: 'Camden Educational Psychology Service', role: 'Educational psychologist' } } });
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('ceases a plan: the check says which duty it ends unmet, and that the family may appeal', async () => {
    const childAId = childA().childId;
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${childAId}/case`);
    await page.getByRole('link', { name: 'Stop maintaining the EHC plan (cease it)' }).click();
    await page.getByLabel('The plan is no longer needed: the needs can be met without it').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const check = await page.locator('#deadline-check').innerText();
    expect(check).toMatch(/This ends the duty to review the EHC plan without meeting it, \d+ days after it was due \(20 November 2025\): the plan ceased: the local authority no longer maintains it\./);
    expect(check).toContain("This starts the family's right to appeal to the tribunal");
    await checkPage(page, 'decision-check-cease');
    // Changing the answers keeps them.
    await page.getByRole('button', { name: 'Change your answers' }).click();
    await expect(page.getByLabel('The plan is no longer needed: the needs can be met without it').isChecked()).resolves.toBe(true);
    await page.context().close();
  }, JOURNEY_TIMEOUT);
  it('issues the final plan once the 15 days are over, and asks the school to confirm the provision is in place within 4 weeks', async () => {
    // A week on: 9 March 2026.
    server.clock.set('2026-03-09T10:00:00.000Z');
    try {
      const page = await newPage(browser);
      await signInAs(page, server.url, 'la-officer');
      await page.goto(`${server.url}/children/${drafted}/case`);
      await expect(page.locator('#next-decision').innerText()).resolves.toContain('Issue the final EHC plan, by 23 March 2026');
      await page.locator('#next-decision').getByRole('link', { name: 'Issue the final EHC plan' }).click();
      await page.getByLabel('Ask the school or college to confirm, within 4 weeks, that the provision in the plan is in place').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      const check = await page.locator('#deadline-check').innerText();
      expect(check).toContain('This meets the 20 weeks limit to issue the final EHC plan: due by 23 March 2026, decided on 9 March 2026.');
      expect(check).toContain('This starts the time limit to review the EHC plan: due by 8 March 2027.');
      expect(check).toContain("This starts the family's right to appeal to the tribunal");
      expect(check).toContain('Kentish Vale Primary School will be asked to confirm the provision is in place by 6 April 2026.');
      await checkPage(page, 'decision-check-final-plan');

      const before = (await entriesOf(drafted)).length;
      await page.getByRole('button', { name: 'Record the decision' }).click();
      await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('Kentish Vale Primary School was asked to confirm the provision is in place by 6 April 2026.');
      const added = (await entriesOf(drafted)).slice(before);
      expect(added.map((e) => e.type)).toEqual(['FinalPlanIssued', 'ProvisionConfirmationRequested']);
      expect(added[0]!.data).toMatchObject({ namedSetting: { name: settings.kentishVale.name, urn: settings.kentishVale.urn } });
      expect(added[1]!.data).toMatchObject({ planId: added[0]!.data['planId'], setting: { name: settings.kentishVale.name, urn: settings.kentishVale.urn } });
      // The school's confirmation is now a time limit running on the case.
      await expect(page.locator('table', { hasText: 'Time limits running' }).innerText()).resolves.toMatch(/Confirm the plan's provision is in place, as the local authority asked.*\n.*6 April 2026/);
      await checkPage(page, 'case-final-plan-issued');
      await page.context().close();
    } finally {
      server.clock.set('2026-03-02T10:00:00.000Z');
    }
  }, JOURNEY_TIMEOUT);
});
