import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/api/auth/mint-token.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 90_000;

let server: DemoWebServer;
let browser: Browser;
const script = childA();
const childAId = script.childId;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A decision recorded through the API, as the LA's own system would record it. */
async function recordThroughTheApi(actor: Actor, mutation: string, input: Record<string, unknown>, occurredAt: string): Promise<void> {
  const token = await mintDevToken(TEST_SECRET, server.config.AUTH_ISSUER, server.config.AUTH_AUDIENCE, {
    actorId: actor.id,
    displayName: actor.displayName,
    role: actor.role as never,
    organisation: actor.organisation,
  });
  const response = await server.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { query: `mutation($id: ID!, $input: ${mutation === 'recordAnnualReview' ? 'AnnualReviewInput' : 'ReviewDecisionInput'}!, $options: EntryOptions) { ${mutation}(childId: $id, input: $input, options: $options) { streamRevision } }`, variables: { id: childAId, input, options: { occurredAt } } },
  });
  expect(response.json().errors, `${mutation}: ${response.body}`).toBeUndefined();
}

describe('deadlines: what is due, what was late and by how much, the law, and the family’s right to appeal', () => {
  it('shows Parent A every time limit with the law in words, what was late by how many days, and the appeal windows as her right', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${server.url}/children/${childAId}/deadlines`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Deadlines');

    // Still to be done: the annual review due by 20 November 2025, overdue on 2 March 2026.
    const overdue = page.locator('.govuk-summary-card', { hasText: 'Review the EHC plan' }).first();
    await expect(overdue.textContent()).resolves.toMatch(/Overdue[\s\S]*102 days late so far/);
    await expect(overdue.textContent()).resolves.toContain('The local authority must review the EHC plan at least once every 12 months');
    await expect(overdue.textContent()).resolves.toContain('Children and Families Act 2014, section 44(1)');

    // Done late: the decision after the review of 21 November 2024 came with the amendment, 56 days late.
    const late = page.locator('.govuk-summary-card', { hasText: 'Notify the decision after a review meeting' }).first();
    await expect(late.textContent()).resolves.toMatch(/Done late[\s\S]*Done on 13 February 2025, 56 days late/);
    await expect(late.textContent()).resolves.toContain('Special Educational Needs and Disability Regulations 2014, regulation 20(10)');
    const issue = page.locator('.govuk-summary-card', { hasText: 'Decide after the assessment whether to issue an EHC plan' });
    await expect(issue.textContent()).resolves.toContain('10 days late');

    // The appeal windows are the family's right, apart from the duties, and never counted as a failure.
    await expect(page.getByRole('heading', { name: 'Your right to appeal' }).count()).resolves.toBe(1);
    const rights = page.locator('table', { hasText: 'Every decision that could be appealed' });
    await expect(rights.locator('tbody tr').count()).resolves.toBe(3);
    await expect(rights.textContent()).resolves.toContain('Closed, not used');
    await expect(rights.textContent()).resolves.toContain('The window closed on 14 April 2025. No appeal was registered.');
    await expect(page.locator('.govuk-inset-text').textContent()).resolves.toContain("Whether you appeal is your choice: a window that closed without an appeal is nobody's failure");
    const failures = await page.locator('.app-stands-out').allTextContents();
    expect(failures.join(' ')).not.toContain('Appeal');

    // Rule ids and state codes are one click away, never on the page itself.
    const visible = await page.locator('main').innerText();
    expect(visible).not.toMatch(/annual-review|met_late|met_on_time|closed_unused|local_authority|SEND Regs/);
    await checkPage(page, 'deadlines');
  }, JOURNEY_TIMEOUT);

  it('shows an open appeal window as how long the family has left, with the LA’s later decisions judged in turn', async () => {
    const planId = script.id('plan');
    await recordThroughTheApi(cast.caseworker, 'recordAnnualReview', { planId, decision: 'maintain', summary: 'Review meeting: the plan is kept as it is.' }, '2026-02-16T10:00:00Z');
    await recordThroughTheApi(cast.caseworker, 'notifyReviewDecision', { planId, decision: 'maintain' }, '2026-02-17T10:00:00Z');

    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${server.url}/children/${childAId}/deadlines`);
    const open = page.locator('.govuk-summary-card', { hasText: 'Appeal against the decision not to amend the EHC plan' });
    await expect(open.textContent()).resolves.toContain('You have until 17 April 2026 to register an appeal (46 days left).');
    // The review held 88 days after it was due is now done late.
    await expect(page.locator('.app-stands-out', { hasText: 'Review the EHC plan' }).first().textContent()).resolves.toContain('Done on 16 February 2026, 88 days late');
    await checkPage(page, 'deadlines-appeal-open');

    // The advocate reads the same window as the family's, not their own.
    const advocate = await newPage(browser);
    await signInAs(advocate, server.url, 'advocate');
    await advocate.goto(`${server.url}/children/${childAId}/deadlines`);
    await expect(advocate.getByRole('heading', { name: "The family's right to appeal" }).count()).resolves.toBe(1);
    await expect(advocate.locator('main').innerText()).resolves.toContain('The family has until 17 April 2026 to register an appeal (46 days left).');
    await checkPage(advocate, 'deadlines-advocate');
  }, JOURNEY_TIMEOUT);

  it('reads as not found to a parent with no relationship with the child, and logs the attempt as refused', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-b');
    const response = await page.goto(`${server.url}/children/${childAId}/deadlines`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await expect(page.locator('main').innerText()).resolves.not.toContain('Child A');
    await checkPage(page, 'deadlines-not-found');

    const refused = (await server.accessLog.forChild(childAId)).filter((entry) => entry.actor.id === cast.parentB.id);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'denied', read: [], denied: ['deadlines'], via: 'web', route: '/children/:childId/deadlines' });
  }, JOURNEY_TIMEOUT);
});
