import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { childRecordAsOf } from '../../src/application/child-record-as-of.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 90_000;

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Child A's record as the application layer reads it for Parent A: what got recorded, whatever the page said. */
async function childARecord() {
  const reader = { actor: cast.parentA, reads: new AccessRecorder({ actor: cast.parentA, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  const known = await childRecordAsOf({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childAId, 'test');
  if (!known) throw new Error('Child A not found');
  return known;
}


const grantCard = (page: Page, organisation: string) => page.locator('.govuk-summary-card', { has: page.getByRole('heading', { name: organisation }) });

/** Fill in the grant form as a parent would, from what is typed. */
async function fillGrant(page: Page, form: { organisation: string; expires: [string, string, string]; purpose: string }) {
  await page.getByLabel('An advocate').check();
  await page.getByLabel('Name of their organisation').fill(form.organisation);
  await page.getByLabel('The record: decisions').check();
  await page.getByLabel('Evidence bundles for a tribunal').check();
  await page.getByLabel('Day').fill(form.expires[0]);
  await page.getByLabel('Month').fill(form.expires[1]);
  await page.getByLabel('Year').fill(form.expires[2]);
  await page.getByLabel('Why do they need access?').fill(form.purpose);
}

describe('who has looked at the record, and who may', () => {
  it('shows Parent A the advocate who looked at the record, by name, with what, why and how', async () => {
    const advocate = await newPage(browser);
    await signInAs(advocate, server.url, 'advocate');
    await advocate.goto(`${server.url}/children/${childAId}/deadlines`);
    await expect(advocate.locator('h1').textContent()).resolves.toBe('Deadlines');

    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${server.url}/children/${childAId}/access`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Who has looked at this record, and who may');
    const rows = page.locator('table', { hasText: 'What they looked at' }).locator('tbody tr');
    const row = await rows.filter({ hasText: 'Jordan Achebe' }).filter({ hasText: 'The deadlines' }).innerText();
    expect(row).toContain('Jordan Achebe (advocate)');
    expect(row).toContain('Camden SENDIASS');
    expect(row).toContain('The deadlines');
    expect(row).toContain('Direct work with the child as advocate');
    expect(row).toContain('A web page of this service');
    expect(row).toContain('Allowed');
    expect(row).toMatch(/2 March 2026 at 10:00am/);

    // The consent the demo recorded: to whom, what, until when, by whom.
    const demoGrant = await grantCard(page, 'Camden SENDIASS (advocate)').innerText();
    expect(demoGrant).toContain('Active');
    expect(demoGrant).toContain('Only Jordan Achebe');
    expect(demoGrant).toContain('Until the end of 31 December 2027');
    expect(demoGrant).toContain('Advice and support with the EHC plan and any appeal');
    expect(demoGrant).toContain('You, on 6 October 2025');
    await checkPage(page, 'access');

    // Only other people: Parent A's own visits left out, the advocate's still there.
    await page.getByRole('link', { name: 'Show only other people, not your own visits' }).click();
    const others = await page.locator('table', { hasText: 'What they looked at' }).locator('tbody tr').allInnerTexts();
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((text) => text.includes('Jordan Achebe (advocate)'))).toBe(true);
    await checkPage(page, 'access-others-only');
  }, JOURNEY_TIMEOUT);

  it('reads as not found to the advocate, who may read the record but not who looked at it, and logs the refusal', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'advocate');
    const response = await page.goto(`${server.url}/children/${childAId}/access`);
    expect(response?.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    await checkPage(page, 'access-not-found-advocate');
    const grantResponse = await page.goto(`${server.url}/children/${childAId}/access/grant`);
    expect(grantResponse?.status()).toBe(404);

    const log = await server.accessLog.forChild(childAId);
    const refused = (route: string) => log.find((entry) => entry.actor.id === cast.advocate.id && entry.route === route);
    expect(refused('/children/:childId/access')).toMatchObject({ outcome: 'denied', read: [], denied: ['accessLog'] });
    expect(refused('/children/:childId/access/grant')).toMatchObject({ outcome: 'denied', read: [], denied: ['access-grant'] });
  }, JOURNEY_TIMEOUT);

  it('lets Parent A give a new advocate organisation access and take it back, without JavaScript', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${server.url}/children/${childAId}/access`);
    await page.getByRole('button', { name: 'Give someone access' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe("Give someone access to Child A (pseudonym)'s record");
    await checkPageWithoutJavaScript(browser, page, 'access-grant');

    await fillGrant(page, { organisation: 'IPSEA', expires: ['31', '12', '2026'], purpose: 'Advice on the annual review' });
    await page.getByRole('button', { name: 'Give access' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}/access`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("IPSEA can now read Child A (pseudonym)'s record, until the end of 31 December 2026.");
    const card = grantCard(page, 'IPSEA (advocate)');
    await expect(card.innerText()).resolves.toMatch(/Active[\s\S]*Anyone working as an advocate at IPSEA[\s\S]*Until the end of 31 December 2026[\s\S]*Advice on the annual review/);
    await checkPageWithoutJavaScript(browser, page, 'access-granted');

    const granted = Object.values((await childARecord()).record.consentGrants).find((grant) => grant.to.organisation === 'IPSEA');
    expect(granted).toMatchObject({ to: { organisation: 'IPSEA', role: 'advocate' }, scope: ['record', 'evidence_export'], expiresOn: '2026-12-31', purpose: 'Advice on the annual review' });
    expect(granted?.to.personId).toBeUndefined();

    await card.getByRole('link', { name: /Take back access/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe("Are you sure you want to take back IPSEA's access?");
    await checkPageWithoutJavaScript(browser, page, 'access-revoke');
    await page.getByLabel('Why are you taking it back? (optional)').fill('The review is over');
    await page.getByRole('button', { name: 'Yes, take back access' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}/access`);
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain("IPSEA can no longer read Child A (pseudonym)'s record.");
    const revoked = await grantCard(page, 'IPSEA (advocate)').innerText();
    expect(revoked).toContain('Revoked');
    expect(revoked).toMatch(/Taken back by\s+You, on 2 March 2026\. Reason given: The review is over/);
    await expect(grantCard(page, 'IPSEA (advocate)').getByRole('link', { name: /Take back access/ }).count()).resolves.toBe(0);
    await checkPageWithoutJavaScript(browser, page, 'access-revoked');

    const after = (await childARecord()).record.consentGrants[granted!.grantId];
    expect(after?.revoked).toMatchObject({ reason: 'The review is over', actor: { id: cast.parentA.id } });
  }, JOURNEY_TIMEOUT);

  it('refuses an impossible expiry date and a blank purpose next to their fields, and records nothing', async () => {
    const before = await childARecord();
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-a');
    await page.goto(`${server.url}/children/${childAId}/access/grant`);

    await fillGrant(page, { organisation: 'Contact', expires: ['31', '6', '2026'], purpose: 'Help with an appeal' });
    await page.getByRole('button', { name: 'Give access' }).click();
    await expect(page.title()).resolves.toMatch(/^Error: /);
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.innerText()).resolves.toContain('The date access ends must be a real date');
    await expect(summary.getByRole('link', { name: 'The date access ends must be a real date' }).getAttribute('href')).resolves.toBe('#expiresOn-day');
    await expect(summary.getByRole('link').count()).resolves.toBe(1);
    await expect(page.locator('#expiresOn-error').innerText()).resolves.toContain('The date access ends must be a real date');
    // What was typed is kept, the impossible date included.
    await expect(page.getByLabel('Name of their organisation').inputValue()).resolves.toBe('Contact');
    await expect(page.getByLabel('Day').inputValue()).resolves.toBe('31');
    await expect(page.getByLabel('Month').inputValue()).resolves.toBe('6');
    await expect(page.getByLabel('Evidence bundles for a tribunal').isChecked()).resolves.toBe(true);
    await checkPageWithoutJavaScript(browser, page, 'access-grant-impossible-date');

    await page.getByLabel('Day').fill('30');
    await page.getByLabel('Why do they need access?').fill('');
    await page.getByRole('button', { name: 'Give access' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter why they need access');
    await expect(page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter why they need access' }).getAttribute('href')).resolves.toBe('#purpose');
    await expect(page.locator('#purpose-error').innerText()).resolves.toContain('Enter why they need access');
    await expect(page.locator('#expiresOn-error').count()).resolves.toBe(0);
    await checkPageWithoutJavaScript(browser, page, 'access-grant-blank-purpose');

    const after = await childARecord();
    expect(after.streamRevision).toBe(before.streamRevision);
    expect(Object.keys(after.record.consentGrants)).toEqual(Object.keys(before.record.consentGrants));
  }, JOURNEY_TIMEOUT);

  it('pages through who has looked with Older and Newer: each page goes on from the last, however many reads come in meanwhile', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    // Enough reads of the record for more than one page of the log (20 a page).
    for (let i = 0; i < 25; i++) expect((await page.request.get(`${server.url}/children/${childAId}`)).status()).toBe(200);
    const caption = async () => {
      const [, from, to, total] = /Showing (\d+) to (\d+) of (\d+) reads/.exec(await page.locator('#who-has-looked ~ table caption, table caption').first().innerText())!;
      return { from: Number(from), to: Number(to), total: Number(total) };
    };
    await page.goto(`${server.url}/children/${childAId}/access`);
    const first = await caption();
    expect(first).toMatchObject({ from: 1, to: 20 });
    await page.locator('.govuk-pagination__next a', { hasText: 'Older' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('after')).toBeTruthy();
    const second = await caption();
    // This visit was itself logged, ahead of the cursor: the page goes on from the 20 already seen, none repeated.
    expect(second.from).toBe(first.to + 1 + (second.total - first.total));
    expect(second.total).toBeGreaterThan(first.total);
    await page.locator('.govuk-pagination__prev a', { hasText: 'Newer' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).searchParams.get('before')).toBeTruthy();
    const back = await caption();
    // A full page just before the one seen (reads logged since, this visit's own among them, come before it).
    expect(back.to - back.from + 1).toBe(20);
    expect(back.to).toBeGreaterThanOrEqual(second.from - 1);
    expect(back.to).toBeLessThanOrEqual(second.from - 1 + (back.total - second.total) + 1);
  }, JOURNEY_TIMEOUT);
});
