import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../src/demo/cast.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 180_000;

let server: DemoWebServer;
let browser: Browser;
const childDId = childD().childId;
const childBId = childB().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const entriesOf = async (childId: string) => server.store.readStream(childStreamId(childId));

/** Fill one action row of the plan form (rows are numbered from 1 on the page). */
async function fillAction(page: Page, n: number, action: { description: string; name: string; role: string; due: [string, string, string] }) {
  const row = page.locator('fieldset', { has: page.getByText(`Action ${n}`, { exact: true }) });
  await row.getByLabel('What is to be done').fill(action.description);
  await row.getByLabel('Who will do it: name').fill(action.name);
  await row.getByLabel('Who will do it: role').fill(action.role);
  await row.getByLabel('Day').fill(action.due[0]);
  await row.getByLabel('Month').fill(action.due[1]);
  await row.getByLabel('Year').fill(action.due[2]);
}

describe('transition plans', () => {
  it('Child D has no transition plan or handover in the demo', async () => {
    const types = (await entriesOf(childDId)).map((e) => e.type);
    expect(types).not.toContain('TransitionPlanMade');
    expect(types).not.toContain('HandoverIssued');
  });

  it('lets the Kentish Vale SENCo make a plan with two actions, refuses one with none, marks an action done and issues the handover as part of the plan', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'kentish-vale-senco');
    await page.goto(`${server.url}/children/${childDId}/transition`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Transition and handover');
    await expect(page.locator('main').innerText()).resolves.toContain('No transition plan has been made for Child D');
    await checkPageWithoutJavaScript(browser, page, 'transition-empty');

    await page.getByRole('button', { name: 'Make a transition plan' }).click();
    await expect(page.locator('h1').innerText()).resolves.toBe('Make a transition plan');
    // Where the child is on roll is filled in already.
    await expect(page.locator('#fromName').inputValue()).resolves.toBe('Kentish Vale Primary School');
    await expect(page.locator('#fromUrn').inputValue()).resolves.toBe('100934');
    await checkPageWithoutJavaScript(browser, page, 'transition-plan-form');

    // No action at all: the domain refuses it, next to the first action; nothing is recorded.
    await page.getByLabel('From primary to secondary school').check();
    await page.getByLabel('School name').nth(1).fill('Fleet Hill School');
    await page.getByLabel('URN (optional)').nth(1).fill('100052');
    const before = (await entriesOf(childDId)).length;
    await page.getByRole('button', { name: 'Make the plan' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('A transition plan names at least one action');
    await expect(page.locator('#action-0-description-error').innerText()).resolves.toContain('A transition plan names at least one action');
    expect((await entriesOf(childDId)).length).toBe(before);
    // What was typed is kept.
    await expect(page.locator('#toName').inputValue()).resolves.toBe('Fleet Hill School');
    await checkPageWithoutJavaScript(browser, page, 'transition-plan-refused');

    // Two actions, in rows 1 and 3: the empty rows are ignored. One is already overdue on 2 March 2026.
    await fillAction(page, 1, { description: 'Send the APDR reviews and the dyslexia screener to Fleet Hill', name: 'Helen Marsh', role: 'SENCo', due: ['13', '2', '2026'] });
    await fillAction(page, 3, { description: 'Two familiarisation visits with a known teaching assistant', name: 'Lena Brooks', role: 'Teaching assistant', due: ['10', '7', '2026'] });
    await page.getByRole('button', { name: 'Make the plan' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The transition plan is recorded, with 2 actions.');
    const plan = (await entriesOf(childDId)).at(-1)!;
    expect(plan.type).toBe('TransitionPlanMade');
    expect((plan.data['actions'] as Array<{ owner: { name: string } }>).map((a) => a.owner.name)).toEqual(['Helen Marsh', 'Lena Brooks']);

    const card = page.locator('.govuk-summary-card', { hasText: 'From primary to secondary school' });
    const rows = card.locator('tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const first = await rows.nth(0).innerText();
    expect(first).toContain('Helen Marsh (SENCo)');
    expect(first).toContain('13 February 2026');
    expect(first).toContain('Overdue');
    const second = await rows.nth(1).innerText();
    expect(second).toContain('Lena Brooks (Teaching assistant)');
    expect(second).toContain('10 July 2026');
    expect(second).toContain('To do');
    await expect(card.innerText()).resolves.toContain('Fleet Hill School (URN 100052)');
    await checkPageWithoutJavaScript(browser, page, 'transition-plan-made');

    await rows.nth(0).getByRole('button', { name: /Mark done/ }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('is recorded as done');
    const done = (await entriesOf(childDId)).at(-1)!;
    expect(done.type).toBe('TransitionActionDone');
    const updated = await page.locator('.govuk-summary-card', { hasText: 'From primary to secondary school' }).locator('tbody tr').nth(0).innerText();
    expect(updated).toContain('Done on 2 March 2026');
    expect(updated).not.toContain('Mark done');
    await checkPageWithoutJavaScript(browser, page, 'transition-action-done');

    // The handover, as part of this plan: its receiving school is filled in from the plan.
    await page.getByRole('button', { name: 'Hand over to the receiving school' }).click();
    await expect(page.locator('#toName').inputValue()).resolves.toBe('Fleet Hill School');
    await expect(page.locator('#toUrn').inputValue()).resolves.toBe('100052');
    await expect(page.getByLabel('From primary to secondary school, to Fleet Hill School').isChecked()).resolves.toBe(true);
    await checkPageWithoutJavaScript(browser, page, 'transition-handover-form');
    await page.getByRole('button', { name: 'Issue the handover' }).click();
    const issued = (await entriesOf(childDId)).at(-1)!;
    expect(issued.type).toBe('HandoverIssued');
    expect(issued.data['transitionId']).toBe(plan.data['transitionId']);
    await page.getByRole('link', { name: 'Transition and handover', exact: true }).first().click();
    const handovers = await page.locator('table', { hasText: 'Receiving school' }).locator('tbody tr').allInnerTexts();
    expect(handovers).toHaveLength(1);
    expect(handovers[0]).toContain('Fleet Hill School (URN 100052)');
    expect(handovers[0]).toContain('2 March 2026 by Helen Marsh');
    expect(handovers[0]).toContain('Waiting for signature');
    await checkPageWithoutJavaScript(browser, page, 'transition-handed-over');
  }, JOURNEY_TIMEOUT);

  it('reads as not found to a SENCo of another school, the same as a child that does not exist, and logs the attempt as denied', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    const other = await page.goto(`${server.url}/children/${childBId}/transition`);
    expect(other?.status()).toBe(404);
    const otherText = await page.locator('main').innerText();
    await checkPage(page, 'transition-other-school');
    const missing = await page.goto(`${server.url}/children/00000000-0000-4000-8000-000000000000/transition`);
    expect(missing?.status()).toBe(404);
    expect(await page.locator('main').innerText()).toBe(otherText);
    expect(otherText).toContain('Page not found');
    const denied = (await server.accessLog.forChild(childBId)).filter((e) => e.actor.id === cast.kentishValeSenco.id && e.outcome === 'denied');
    expect(denied.length).toBeGreaterThan(0);
  }, JOURNEY_TIMEOUT);
});
