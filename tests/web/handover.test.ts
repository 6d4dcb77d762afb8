import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../src/demo/cast.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { graphqlAs, recordThroughTheApi } from './support/through-the-api.js';
import { pdfText } from '../support/pdf-text.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 240_000;

let server: DemoWebServer;
let browser: Browser;
const childDId = childD().childId;
const childBId = childB().childId;
const PHONICS = 'Daily phonics catch-up in a group of three';
let signedHandover: { handoverId: string; reason: string } | undefined;
const SPELLING = 'Precision teaching for spelling, one to one, four times a week';

/** A decision recorded through the API for Child D, as the school's own system would record it; its subject's id back. */
const recordForChildD = async (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>): Promise<string> =>
  (await recordThroughTheApi(server, actor, mutation, inputType, input, { childId: childDId })).subjectId;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  // Child D's demo promises have all ended by 2 March 2026: a third APDR cycle with two lines still owed.
  const senco = cast.kentishValeSenco;
  const cycleId = await recordForChildD(senco, 'planSenSupportCycle', 'SenSupportCycleInput', {
    assessmentSummary: 'Review of cycle 2 with Parent D; phonics and spelling re-assessed in January 2026.',
    outcomes: ['Reads CCVC words with 80% accuracy'],
    reviewDueOn: '2026-07-17',
  });
  const line = (description: string, sessions: number, groupSize: number) => ({
    section: 'SEN_SUPPORT',
    cycleId,
    description,
    deliveredBy: { organisation: 'Kentish Vale Primary School', role: 'Teaching assistant' },
    frequency: { sessions, per: 'week' },
    minutesPerSession: 15,
    groupSize,
    startDate: '2026-01-12',
    authority: { name: senco.displayName, role: 'SENCo, Kentish Vale Primary School' },
  });
  await recordForChildD(senco, 'promiseProvision', 'ProvisionInput', line(PHONICS, 5, 3));
  await recordForChildD(senco, 'promiseProvision', 'ProvisionInput', line(SPELLING, 4, 1));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const entriesOf = async () => server.store.readStream(childStreamId(childDId));
const answerFor = (page: Page, description: string) => page.getByRole('group', { name: new RegExp(`accept this promise: ${description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });

describe('handing a child over to the receiving school', () => {
  it('Child D has no handover in the demo, and Fleet Hill cannot read Child D before one is issued', async () => {
    const types = (await entriesOf()).map((e) => e.type);
    expect(types).not.toContain('HandoverIssued');
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    const response = await page.goto(`${server.url}/children/${childDId}/transition`);
    expect(response?.status()).toBe(404);
    await checkPage(page, 'transition-not-yet-handed-over');
  }, JOURNEY_TIMEOUT);

  it('Kentish Vale hands Child D over; Fleet Hill reads the pack and its PDF, disputes one promise with a reason, accepts the other and signs, and sees the signed outcome', async () => {
    // The sending school issues the handover.
    const sender = await newPage(browser);
    await signInAs(sender, server.url, 'kentish-vale-senco');
    await sender.goto(`${server.url}/children/${childDId}/transition`);
    await sender.getByRole('button', { name: 'Hand over to the receiving school' }).click();
    await expect(sender.locator('h1').innerText()).resolves.toBe('Hand over to the receiving school');
    await checkPage(sender, 'handover-issue-form');
    await sender.getByLabel('School name').fill('Fleet Hill School');
    // A URN mistyped: refused next to the field by the entry's own rules, nothing recorded.
    const beforeIssue = (await entriesOf()).length;
    await sender.getByLabel('URN').fill('10052');
    await sender.getByRole('button', { name: 'Issue the handover' }).click();
    await expect(sender.locator('#toUrn-error').innerText()).resolves.toContain('The URN must be 6 or 7 digits');
    await expect(sender.locator('.govuk-error-summary').innerText()).resolves.toContain('The URN must be 6 or 7 digits');
    expect((await entriesOf()).length).toBe(beforeIssue);
    await checkPage(sender, 'handover-issue-refused');
    await sender.getByLabel('URN').fill('100052');
    await sender.getByRole('button', { name: 'Issue the handover' }).click();
    await expect(sender.locator('.govuk-notification-banner').innerText()).resolves.toContain("Child D (pseudonym)'s handover to Fleet Hill School is issued.");
    const issued = (await entriesOf()).at(-1)!;
    expect(issued.type).toBe('HandoverIssued');
    expect(issued.data['toSetting']).toEqual({ name: 'Fleet Hill School', urn: '100052' });
    expect((issued.data['openProvisionIds'] as string[]).length).toBe(2);
    const handoverId = String(issued.data['handoverId']);
    await expect(sender.locator('main').innerText()).resolves.toContain('Waiting for signature');
    await expect(sender.locator('main').innerText()).resolves.toContain('The receiving school has not signed for it yet');
    await expect(sender.getByRole('button', { name: 'Sign for the handover' }).count()).resolves.toBe(0);
    await checkPage(sender, 'handover-issued-sender');

    // The receiving SENCo finds it under incoming, waiting to be signed, with JavaScript off.
    const receiver = await newPage(browser, { javaScript: false });
    await signInAs(receiver, server.url, 'fleet-hill-senco');
    await receiver.goto(`${server.url}/handovers`);
    await expect(receiver.locator('h1').innerText()).resolves.toBe('Handovers');
    const waiting = await receiver.locator('#to-sign tbody tr').allInnerTexts();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toContain('Child D (pseudonym)');
    expect(waiting[0]).toContain('Kentish Vale Primary School (URN 100934)');
    expect(waiting[0]).toContain('2 March 2026 by Helen Marsh');
    // Child A, handed over in 2025 and signed for by Fleet Hill, is under signed.
    await expect(receiver.locator('#signed').innerText()).resolves.toContain('Child A (pseudonym)');
    await checkPageWithoutJavaScript(browser, receiver, 'handovers-incoming');

    await receiver.locator('#to-sign').getByRole('link', { name: /Child D/ }).click();
    await expect(receiver.locator('h1').innerText()).resolves.toBe('Handover pack');
    const pack = await receiver.locator('main').innerText();
    expect(pack).toContain('Promises handed over (2)');
    expect(pack).toContain(PHONICS);
    expect(pack).toContain(SPELLING);
    expect(pack).toContain("No legal force: a school's own plan (the school must use its best endeavours to meet the child's needs).");
    expect(pack).toContain('5 sessions a week, 15 minutes each, in a group of 3');
    expect(pack).toContain('Persistent difficulty with phonics and spelling');
    // The fingerprint is one click away, and matches the one recorded with the handover.
    await receiver.getByText('Check this is the pack that was handed over').click();
    await expect(receiver.locator('.govuk-details').innerText()).resolves.toContain(String(issued.data['packHash']));
    await expect(receiver.locator('.govuk-details').innerText()).resolves.toContain('It matches the fingerprint recorded');
    await checkPageWithoutJavaScript(browser, receiver, 'handover-pack-to-sign');

    // The PDF downloads from the page, and the download is in the access log.
    const pdfHref = await receiver.getByRole('link', { name: 'Download the handover pack (PDF)' }).getAttribute('href');
    expect(pdfHref).toBe(`/children/${childDId}/handovers/${handoverId}/pack.pdf`);
    const pdf = await receiver.request.get(`${server.url}${pdfHref}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const pdfRead = (await server.accessLog.forChild(childDId)).find((e) => e.actor.id === cast.fleetHillSenco.id && e.read.includes('handover-pack-pdf'));
    expect(pdfRead?.outcome).toBe('permitted');

    // Signed with no promise answered: the domain refuses it, shown at the first promise; nothing recorded.
    const before = (await entriesOf()).length;
    await receiver.getByRole('button', { name: 'Sign for the handover' }).click();
    await expect(receiver.locator('.govuk-error-summary').innerText()).resolves.toContain('Select accept or dispute for every promise handed over');
    await expect(receiver.locator('.govuk-radios').first().locator('xpath=..').locator('.govuk-error-message').innerText()).resolves.toContain('Select accept or dispute');
    expect((await entriesOf()).length).toBe(before);
    await checkPageWithoutJavaScript(browser, receiver, 'handover-not-answered');

    // A dispute with no reason: refused next to the field, nothing recorded, the answers kept.
    await answerFor(receiver, PHONICS).getByLabel('Accept').check();
    await answerFor(receiver, SPELLING).getByLabel('Dispute').check();
    await receiver.getByRole('button', { name: 'Sign for the handover' }).click();
    await expect(receiver.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why your school disputes this promise');
    const spellingId = (await answerFor(receiver, SPELLING).getByLabel('Dispute').getAttribute('name'))!.replace('answer-', '');
    await expect(receiver.locator(`#reason-${spellingId}-error`).innerText()).resolves.toContain('Enter why your school disputes this promise');
    expect((await entriesOf()).length).toBe(before);
    await expect(answerFor(receiver, PHONICS).getByLabel('Accept').isChecked()).resolves.toBe(true);
    await checkPageWithoutJavaScript(browser, receiver, 'handover-dispute-without-reason');

    // With the reason: recorded, signed by name and role.
    const reason = 'Fleet Hill has no one-to-one precision teaching slot until September; daily spelling in a group of four is offered meanwhile';
    await receiver.locator(`#reason-${spellingId}`).fill(reason);
    await receiver.getByRole('button', { name: 'Sign for the handover' }).click();
    await expect(receiver.locator('.govuk-notification-banner').innerText()).resolves.toContain('disputing 1 promise');
    const accepted = (await entriesOf()).at(-1)!;
    expect(accepted.type).toBe('HandoverAccepted');
    expect(accepted.data['signatory']).toEqual({ name: 'Rachel Kim', role: 'SENCo, Fleet Hill School' });
    expect(accepted.data['disputedProvisions']).toEqual([{ provisionId: spellingId, reason }]);
    expect((accepted.data['acceptedProvisionIds'] as string[]).length).toBe(1);
    const outcome = await receiver.locator('#signed-outcome').innerText();
    expect(outcome).toContain('Rachel Kim (SENCo, Fleet Hill School)');
    expect(outcome).toContain('2 March 2026');
    expect(outcome).toContain(`Reason: ${reason}`);
    await expect(receiver.getByRole('button', { name: 'Sign for the handover' }).count()).resolves.toBe(0);
    await checkPageWithoutJavaScript(browser, receiver, 'handover-signed-receiving');

    await receiver.goto(`${server.url}/handovers`);
    const signedRow = await receiver.locator('#signed tbody tr', { hasText: 'Child D' }).innerText();
    expect(signedRow).toContain('Kentish Vale Primary School (URN 100934)');
    expect(signedRow).toContain('Accepted on 2 March 2026 by Rachel Kim (SENCo, Fleet Hill School), with 1 promise disputed');
    await expect(receiver.locator('#to-sign tbody tr').count()).resolves.toBe(0);
    await checkPageWithoutJavaScript(browser, receiver, 'handovers-after-signing');

    signedHandover = { handoverId, reason };
  }, JOURNEY_TIMEOUT);

  it('does not tell the sending school a signed handover is still waiting for a signature', async () => {
    const { handoverId } = signedHandover!;
    const sender = await newPage(browser);
    await signInAs(sender, server.url, 'kentish-vale-senco');
    await sender.goto(`${server.url}/children/${childDId}/handovers/${handoverId}`);
    await expect(sender.locator('h1').innerText()).resolves.toBe('Handover pack');
    const text = await sender.locator('main').innerText();
    expect(text).not.toContain('Waiting for signature');
    expect(text).not.toContain('has not signed for it yet');
    await expect(sender.getByRole('button', { name: 'Sign for the handover' }).count()).resolves.toBe(0);
    await checkPage(sender, 'handover-signed-sender');
    await sender.goto(`${server.url}/children/${childDId}/transition`);
    await expect(sender.locator('main').innerText()).resolves.not.toContain('Waiting for signature');
    await checkPage(sender, 'transition-after-handover-sender');
  }, JOURNEY_TIMEOUT);

  it('shows the sending school who signed, and each disputed promise with its reason', async () => {
    const { handoverId, reason } = signedHandover!;
    const sender = await newPage(browser);
    await signInAs(sender, server.url, 'kentish-vale-senco');
    await sender.goto(`${server.url}/children/${childDId}/handovers/${handoverId}`);
    const sent = await sender.locator('#signed-outcome').innerText({ timeout: 5_000 });
    expect(sent).toContain('Rachel Kim (SENCo, Fleet Hill School)');
    expect(sent).toContain(`Reason: ${reason}`);
    await checkPage(sender, 'handover-signed-sender-outcome');
    // The sending school reads the record up to the signature only: nothing Fleet Hill records afterwards.
    const [latest] = await server.accessLog.forChild(childDId, { limit: 1 });
    expect(latest).toMatchObject({ actor: { id: cast.kentishValeSenco.id }, outcome: 'permitted' });
  }, JOURNEY_TIMEOUT);

  it("reads a child of another school's handover as not found, the same as a child that does not exist, and logs the attempt as denied", async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    const someHandover = '11111111-1111-4111-8111-111111111111';
    const other = await page.goto(`${server.url}/children/${childBId}/handovers/${someHandover}`);
    expect(other?.status()).toBe(404);
    const otherText = await page.locator('main').innerText();
    expect(otherText).toContain('Page not found');
    await checkPage(page, 'handover-other-school');
    const missing = await page.goto(`${server.url}/children/00000000-0000-4000-8000-000000000000/handovers/${someHandover}`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toBe(otherText);
    const denied = (await server.accessLog.forChild(childBId)).filter((e) => e.actor.id === cast.kentishValeSenco.id && e.outcome === 'denied');
    expect(denied.length).toBeGreaterThan(0);
  }, JOURNEY_TIMEOUT);
  it('hands over a child with a plan under appeal: the receiving school reads the open tribunal order and the golden-thread flags, on the page and in the PDF', async () => {
    // Child B's plan is under appeal (sections F and I); a consent order to amend section F is made today, 2 March 2026.
    const entries = await server.store.readStream(childStreamId(childBId));
    const appealId = String(entries.find((e) => e.type === 'AppealRegistered' && e.data['tribunalReference'] === 'EH202/25/00417')!.data['appealId']);
    const planId = String(entries.find((e) => e.type === 'FinalPlanIssued')!.data['planId']);
    await recordThroughTheApi(server, cast.caseworker2, 'recordTribunalOrder', 'TribunalOrderInput', {
      appealId, kind: 'amend_plan', consent: true, planId, sections: ['F'],
      wording: 'By consent: section F is amended so that ELSA sessions take place twice a week.',
    }, { childId: childBId });
    // Primrose Row hands Child B over to Fleet Hill.
    await recordThroughTheApi(server, cast.primroseRowSenco, 'issueHandover', 'HandoverInput', { toSetting: { name: 'Fleet Hill School', urn: '100052' } }, { childId: childBId });
    const issued = (await server.store.readStream(childStreamId(childBId))).at(-1)!;
    expect(issued.type).toBe('HandoverIssued');

    const receiver = await newPage(browser, { javaScript: false });
    await signInAs(receiver, server.url, 'fleet-hill-senco');
    await receiver.goto(`${server.url}/children/${childBId}/handovers/${String(issued.data['handoverId'])}`);
    await expect(receiver.locator('h1').innerText()).resolves.toBe('Handover pack');
    const pack = await receiver.locator('main').innerText();
    // Reg 44: the amended plan within 5 weeks of 2 March 2026 = 6 April 2026.
    expect(pack).toContain('Tribunal orders still to be complied with (1)');
    expect(pack).toContain('Amend the EHC plan (section F)');
    expect(pack).toContain('A consent order (the parties agreed it and the tribunal made it), on 2 March 2026 (appeal EH202/25/00417)');
    expect(pack).toMatch(/by 6 April 2026: not yet due/);
    expect(pack).toContain('Still to be complied with, on 2 March 2026');
    // The golden thread: the lunch club line serves no need; the learning need has no provision.
    const lunchClub = receiver.locator('.govuk-summary-card', { hasText: 'A place in the lunchtime nurture club' });
    await expect(lunchClub.innerText()).resolves.toMatch(/Golden thread flags?\s+This line does not say which need in section B it meets/);
    expect(pack).toContain('on the golden thread of the plan');
    expect(pack).toContain('Section B names a need that no provision in section F meets');
    // It is the pack that was handed over, in the current format.
    await receiver.getByText('Check this is the pack that was handed over').click();
    await expect(receiver.locator('.govuk-details').innerText()).resolves.toContain('It matches the fingerprint recorded');
    await checkPageWithoutJavaScript(browser, receiver, 'handover-pack-tribunal-order');

    const pdf = await receiver.request.get(`${server.url}/children/${childBId}/handovers/${String(issued.data['handoverId'])}/pack.pdf`);
    expect(pdf.status()).toBe(200);
    const text = pdfText(Buffer.from(await pdf.body())).join(' ');
    expect(text).toContain('Tribunal orders still to be complied with (1)');
    expect(text).toContain('Amend the EHC plan (section F)');
    expect(text).toContain('by 6 April 2026: not yet due');
    expect(text).toContain('Golden thread: This line does not say which need in section B it meets');
    expect(text).toContain('This pack matches the hash recorded when the handover was issued.');

    // The API gives the same pack: the order with its limit, and the flags.
    const api = await graphqlAs<{ handoverPack: { format: number; tribunalOrders: Array<{ kind: string; how: string; standing: string; limits: Array<{ ruleId: string; dueOn: string; state: string }> }>; goldenThreadFlags: Array<{ kind: string }> } }>(
      server, cast.fleetHillSenco,
      'query($id: ID!, $h: ID) { handoverPack(childId: $id, handoverId: $h) { format tribunalOrders { kind how standing limits { ruleId dueOn state } } goldenThreadFlags { kind } } }',
      { id: childBId, h: String(issued.data['handoverId']) },
    );
    expect(api.handoverPack.format).toBe(3);
    expect(api.handoverPack.tribunalOrders).toEqual([
      { kind: 'amend_plan', how: 'consent_order', standing: 'open', limits: [{ ruleId: 'tribunal-order-amended-plan', dueOn: '2026-04-06', state: 'pending' }] },
    ]);
    expect(api.handoverPack.goldenThreadFlags.map((flag) => flag.kind)).toEqual(expect.arrayContaining(['need_without_provision', 'provision_without_need']));
  }, JOURNEY_TIMEOUT);
});
