import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;
const childBId = childB().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the privacy officer's reads and refusals across the LA", () => {
  it('sees a refused attempt and a read made moments before, filters them with JavaScript off, and exports a subject access file that is itself logged', async () => {
    // A SENCo tries to open a record of a child at another school: refused, and logged as refused.
    const senco = await newPage(browser);
    await signInAs(senco, server.url, 'kentish-vale-senco');
    expect((await senco.goto(`${server.url}/children/${childBId}`))!.status()).toBe(404);
    // The caseworker reads Child A's record.
    const officer = await newPage(browser);
    await signInAs(officer, server.url, 'la-officer');
    expect((await officer.goto(`${server.url}/children/${childAId}`))!.status()).toBe(200);

    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'privacy-officer');
    await page.goto(`${server.url}/privacy`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Reads and refusals');
    const refused = page.locator('#reads tbody tr', { hasText: 'Helen Marsh (SENCo)' }).first();
    await expect(refused.innerText()).resolves.toMatch(/Child B \(pseudonym\)[\s\S]*Kentish Vale Primary[\s\S]*Refused: the record[\s\S]*Refused/);
    await expect(refused.innerText()).resolves.toContain('2 March 2026 at 10:00am');
    const read = page.locator('#reads tbody tr', { hasText: 'Sam Okafor (local authority SEN officer)' }).first();
    await expect(read.innerText()).resolves.toMatch(/Child A \(pseudonym\)[\s\S]*The record[\s\S]*Allowed/);
    await checkPageWithoutJavaScript(browser, page, 'privacy-reads');

    // Refused attempts only.
    await page.locator('#outcome-3').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('refused');
    const outcomes = await page.locator('#reads tbody tr td:last-child').allInnerTexts();
    expect(outcomes.length).toBeGreaterThan(0);
    for (const outcome of outcomes) expect(outcome).toMatch(/Refused/);
    await expect(page.locator('#reads').innerText()).resolves.toContain('Helen Marsh (SENCo)');
    await checkPageWithoutJavaScript(browser, page, 'privacy-reads-refused');

    // Reads only, by one person.
    await page.locator('#outcome-2').check();
    await page.locator('#person').selectOption({ label: 'Sam Okafor (local authority SEN officer)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const readOutcomes = await page.locator('#reads tbody tr td:last-child').allInnerTexts();
    expect(readOutcomes.length).toBeGreaterThan(0);
    for (const outcome of readOutcomes) expect(outcome.trim()).toBe('Allowed');
    for (const who of await page.locator('#reads tbody tr td:nth-child(3)').allInnerTexts()) expect(who).toContain('Sam Okafor');

    // One child, and the subject access export for them.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.locator('#child').selectOption({ label: 'Child B (pseudonym)' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    for (const child of await page.locator('#reads tbody tr td:nth-child(2)').allInnerTexts()) expect(child).toBe('Child B (pseudonym)');
    await checkPageWithoutJavaScript(browser, page, 'privacy-reads-one-child');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /download everything you may export about Child B/ }).click()]);
    expect(download.suggestedFilename()).toBe('subject-access-export-2026-03-02.json');
    const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(exported).toMatchObject({ kind: 'send-ledger-subject-access-export', child: { childId: childBId, name: 'Child B (pseudonym)' }, exportedBy: { name: 'Ruth Adeyemi', role: 'privacy_officer' } });
    expect(exported.accessLog.find((e: { reader: { name: string }; outcome: string }) => e.reader.name === 'Helen Marsh')).toMatchObject({ outcome: 'denied', route: '/children/:childId', refused: ['record'] });
    // The record itself, entry by entry, as the LA must give it in answer to a subject access request.
    const childBEntries = await server.store.readStream(`child-${childBId}`);
    expect(exported.record).toHaveLength(childBEntries.length);
    expect(exported.record[0]).toMatchObject({ type: 'ChildRegistered', data: { displayName: 'Child B (pseudonym)' }, summary: expect.stringContaining('Child registered') });
    expect(exported.record.map((e: { type: string }) => e.type)).toContain('DecisionNotToAssess');
    expect(exported.notIncluded).toContain('internet address');
    expect(JSON.stringify(exported)).not.toContain('sourceIp');

    // The export is itself in the child's access log, and answers as JSON to be saved.
    const [logged] = await server.accessLog.forChild(childBId, { limit: 1 });
    expect(logged).toMatchObject({ actor: { role: 'privacy_officer' }, outcome: 'permitted', read: ['subject-access-export'], route: '/privacy/children/:childId/subject-access.json' });
    const response = await page.request.get(`${server.url}/privacy/children/${childBId}/subject-access.json`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers()['content-disposition']).toBe('attachment; filename="subject-access-export-2026-03-02.json"');
  }, JOURNEY_TIMEOUT);

  it('is not found for anyone but the privacy officer', async () => {
    for (const person of ['kentish-vale-senco', 'parent-b', 'la-officer']) {
      const page = await newPage(browser);
      await signInAs(page, server.url, person);
      expect((await page.goto(`${server.url}/privacy`))!.status(), person).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      await checkPage(page, `privacy-not-found-${person}`);
      expect((await page.request.get(`${server.url}/privacy/children/${childBId}/subject-access.json`)).status(), person).toBe(404);
      await page.context().close();
    }
  }, JOURNEY_TIMEOUT);
});
