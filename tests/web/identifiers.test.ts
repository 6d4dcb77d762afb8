import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { childRecordAsOf } from '../../src/application/child-record-as-of.js';
import { recordDecision } from '../../src/application/record-decision.js';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

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

/** Child A's record as the LA reads it: what got recorded, whatever the page said. */
async function childARecord() {
  const reader = { actor: cast.caseworker, reads: new AccessRecorder({ actor: cast.caseworker, requestId: 'test', purpose: 'test', via: 'command-line' }) };
  const known = await childRecordAsOf({ store: server.store, clock: server.clock.now, accessCache: new AccessCache() }, reader, childAId, 'test');
  if (!known) throw new Error('Child A not found');
  return known.record;
}

describe("a child's identifiers, recorded and withheld without JavaScript", () => {
  it('records a UPN, refuses a wrong check letter next to the field, and withholds it with a reason', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/children/${childAId}`);
    await page.getByRole('link', { name: 'Identifiers' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Identifiers' }).isVisible()).resolves.toBe(true);
    await checkPageWithoutJavaScript(browser, page, 'identifiers-empty');

    const before = await server.store.headPosition();
    await page.getByLabel('UPN').check();
    await page.getByLabel('The identifier', { exact: true }).fill('D202123425001');
    await page.getByRole('button', { name: 'Record identifier' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toMatch(/begins with C/);
    await expect(page.locator('#value-error').textContent()).resolves.toMatch(/check letter/);
    await checkPageWithoutJavaScript(browser, page, 'identifiers-refused');
    expect(await server.store.headPosition()).toBe(before);

    await page.getByLabel('The identifier', { exact: true }).fill('c202 1234 25001');
    await page.getByRole('button', { name: 'Record identifier' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toMatch(/UPN was recorded/);
    const upnCard = page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: /^\s*UPN\s*$/ }) });
    await expect(upnCard.textContent()).resolves.toMatch(/C202123425001[\s\S]*Recorded by Rachel Kim/);

    await upnCard.getByRole('link', { name: 'Withhold the UPN' }).click();
    await page.getByRole('button', { name: 'Withhold it' }).click();
    await expect(page.locator('#reason-error').textContent()).resolves.toMatch(/Enter the reason/);
    await checkPageWithoutJavaScript(browser, page, 'identifier-withhold-refused');
    await page.getByLabel('Why?').fill('Adopted: the previous UPN is not to be passed on');
    await page.getByRole('button', { name: 'Withhold it' }).click();
    await expect(upnCard.textContent()).resolves.toMatch(/C202123425001\s*Withheld[\s\S]*Not disclosed: Adopted: the previous UPN/);
    await checkPageWithoutJavaScript(browser, page, 'identifiers-withheld');

    const record = await childARecord();
    expect(record.identifiers.upn?.value).toBe('C202123425001');
    expect(record.withheldIdentifiers.upn?.reason).toBe('Adopted: the previous UPN is not to be passed on');
    await page.close();
  }, 90_000);

  it('is not found for the family and their advocate, who read the identifiers in the record itself', async () => {
    for (const who of ['parent-a', 'advocate'] as const) {
      const page = await newPage(browser, { javaScript: false });
      await signInAs(page, server.url, who);
      const response = await page.goto(`${server.url}/children/${childAId}/identifiers`);
      expect(response?.status(), who).toBe(404);
      await page.close();
    }
  }, 60_000);
});

describe('an entry the caseload import brought in', () => {
  it('reads as imported, from which file and row, rather than as recorded late', async () => {
    // The import's own path: the application layer with the source row (an API client cannot set it).
    const services = { store: server.store, clock: server.clock.now };
    await recordDecision(services, cast.caseworker, 'recordIdentifier', {
      childId: childAId,
      input: { scheme: 'nhs_number', value: '9434765919' },
      options: { occurredAt: '2019-04-01' },
      correlationId: 'import-test',
      causationId: 'import-test',
      importedFrom: { source: 'caseload-2026.csv', sha256: 'c'.repeat(64), row: 42 },
    });
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/children/${childAId}?kind=other`);
    const entry = page.locator('li, .moj-timeline__item', { hasText: 'NHS number recorded' }).last();
    await expect(entry.textContent()).resolves.toMatch(/Imported\s*from caseload-2026\.csv, row 42, on 2 March 2026/);
    await expect(entry.textContent()).resolves.not.toMatch(/Recorded late/);
    await checkPageWithoutJavaScript(browser, page, 'record-imported-entry');
    await page.close();
  }, 60_000);
});
