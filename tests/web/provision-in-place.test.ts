import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, settings } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
const script = childA();
const childAId = script.childId;
const planId = script.id('plan');

/** The caseworker asks Fleet Hill, through the API as the LA's own system would, to confirm Child A's provision is in place. */
const caseworkerAsks = async (occurredAt: string): Promise<string> =>
  (await recordThroughTheApi(server, cast.caseworker, 'requestProvisionConfirmation', 'ProvisionConfirmationRequestInput', { planId, setting: settings.fleetHill }, { childId: childAId, occurredAt })).subjectId;

const entriesOfChildA = async () => server.store.readStream(childStreamId(childAId));

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('provision confirmed in place: the LA asks, the setting answers, the clock says whether in the 4 weeks asked', () => {
  it('the Fleet Hill SENCo answers a request of 16 February with one line not in place: refused without its reason, then met on time', async () => {
    const confirmationId = await caseworkerAsks('2026-02-16');
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/children/${childAId}/sen-support`);
    await page.getByRole('link', { name: 'Answer the request' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe("Is the plan's provision in place?");
    const waiting = await page.locator('#request-1').innerText();
    expect(waiting).toContain('Sam Okafor (local authority SEN officer) on 16 February 2026');
    expect(waiting).toMatch(/Answer due by\s+16 March 2026/);
    expect(waiting).toContain('Due soon');
    expect(waiting).toContain('Due by 16 March 2026 (14 days left).');
    await checkPageWithoutJavaScript(browser, page, 'provision-in-place');

    // One line not in place, with no reason: refused next to its reason, nothing recorded.
    const before = (await entriesOfChildA()).length;
    await page.getByLabel('No, some is not yet in place').check();
    const firstLine = page.locator('input[name="notInPlace"]').first();
    const lineId = await firstLine.getAttribute('value');
    const lineName = (await page.locator(`label[for="${await firstLine.getAttribute('id')}"]`).innerText()).trim();
    await firstLine.check();
    await page.getByLabel('Your role').fill('SENCo');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(`Enter why "${lineName}" is not yet in place`);
    await expect(page.locator(`#reason-${lineId}-error`).innerText()).resolves.toContain(`Enter why "${lineName}" is not yet in place`);
    await checkPageWithoutJavaScript(browser, page, 'provision-in-place-refused');
    expect((await entriesOfChildA()).length).toBe(before);

    await page.locator(`#reason-${lineId}`).fill('The therapist starts at Fleet Hill after the Easter holidays.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("You confirmed the provision in Child A (pseudonym)'s plan, with 1 line not yet in place.");
    const answered = await page.locator('#request-1').innerText();
    expect(answered).toContain('Done on time');
    expect(answered).toContain('Done on 2 March 2026, 14 days before the deadline');
    expect(answered).toContain('Rachel Kim (SENCo) on 2 March 2026');
    expect(answered).toContain(`${lineName}: The therapist starts at Fleet Hill after the Easter holidays.`);
    await checkPageWithoutJavaScript(browser, page, 'provision-in-place-answered');

    const last = (await entriesOfChildA()).at(-1)!;
    expect(last.type).toBe('ProvisionConfirmedInPlace');
    expect(last.data).toEqual({
      confirmationId,
      confirmedBy: { name: 'Rachel Kim', role: 'SENCo' },
      notInPlace: [{ provisionId: lineId, reason: 'The therapist starts at Fleet Hill after the Easter holidays.' }],
    });
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('a request of 5 January answered on 2 March, all in place, is 28 days late; the caseworker sees the same', async () => {
    await caseworkerAsks('2026-01-05');
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/children/${childAId}/provision-in-place`);
    // Newest first: the answered request of 16 February, then this one, overdue.
    const waiting = await page.locator('#request-2').innerText();
    expect(waiting).toContain('Request waiting for an answer');
    expect(waiting).toMatch(/Answer due by\s+2 February 2026/);
    expect(waiting).toContain('Overdue');
    expect(waiting).toContain('Not done yet. It was due by 2 February 2026: 28 days late so far.');
    await page.getByLabel('Yes, all of it is in place').check();
    await page.getByLabel('Your role').fill('SENCo');
    await checkPage(page, 'provision-in-place-late');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("You confirmed that all the provision in Child A (pseudonym)'s plan is in place.");
    const answered = await page.locator('#request-2').innerText();
    expect(answered).toContain('Done late');
    expect(answered).toContain('Done on 2 March 2026, 28 days late');
    expect(answered).toContain('All the provision in the plan is in place.');
    await expect(page.getByRole('button', { name: 'Send the answer' }).count()).resolves.toBe(0);
    await checkPage(page, 'provision-in-place-late-answered');

    // The LA reads the answers and the clock, and has no form to answer with.
    const la = await newPage(browser);
    await signInAs(la, server.url, 'la-officer');
    await la.goto(`${server.url}/children/${childAId}/provision-in-place`);
    await expect(la.locator('#request-2').innerText()).resolves.toContain('Done on 2 March 2026, 28 days late');
    await expect(la.getByRole('button', { name: 'Send the answer' }).count()).resolves.toBe(0);
    await checkPage(la, 'provision-in-place-la');
    await page.context().close();
    await la.context().close();
  }, JOURNEY_TIMEOUT);

  it('Kentish Vale, Child A\'s school until the handover, reads the record as it stood then: no request, nothing to answer', async () => {
    const former = await newPage(browser);
    await signInAs(former, server.url, 'kentish-vale-senco');
    await former.goto(`${server.url}/children/${childAId}/provision-in-place`);
    await expect(former.locator('main').innerText()).resolves.toContain("The local authority has not asked for Child A (pseudonym)'s provision to be confirmed in place.");
    await expect(former.getByRole('button', { name: 'Send the answer' }).count()).resolves.toBe(0);
    await checkPage(former, 'provision-in-place-former-school');
    await former.context().close();
  }, JOURNEY_TIMEOUT);
});
