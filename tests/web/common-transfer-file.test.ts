import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

const JOURNEY_TIMEOUT = 240_000;

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;
const ctfPath = `/children/${childAId}/common-transfer-file`;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const headOf = async () => (await server.store.streamHead(childStreamId(childAId)))?.revision;
const upload = async (page: Page, name: string, xml: string) => {
  await page.goto(`${server.url}/common-transfer-file/import`);
  await page.locator('#ctf').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml, 'utf8') });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.waitForLoadState('load');
};

describe('the Common Transfer File pages, with JavaScript off', () => {
  it("a school records the pupil leaving, sees the 15-school-day limit, downloads the file and records it sent with its SHA-256", async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}${ctfPath}`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Common Transfer File');
    await expect(page.locator('body').innerText()).resolves.toContain('No school has recorded');
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file');

    // Refused: no date, so nothing recorded.
    const before = await headOf();
    await page.getByRole('button', { name: 'Record the pupil leaving' }).click();
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('There is a problem');
    expect(await headOf()).toBe(before);
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-leaving-refused');

    // Left Friday 27 February 2026. School days after it: 2-6 March (1-5), 9-13 March (6-10), 16-20 March (11-15).
    await page.locator('#leftOn-day').fill('27');
    await page.locator('#leftOn-month').fill('2');
    await page.locator('#leftOn-year').fill('2026');
    await page.locator('#destinationName').fill('Heathside School');
    await page.locator('#destinationUrn').fill('100060');
    await page.getByRole('button', { name: 'Record the pupil leaving' }).click();
    await page.waitForLoadState('load');
    const row = page.locator('table tbody tr', { hasText: 'Heathside School' });
    await expect(row.innerText()).resolves.toContain('Send by 20 March 2026');
    await expect(row.innerText()).resolves.toContain('Not yet due');
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-left');

    // The limit is a statutory clock like any other: the child's deadlines show it.
    await page.goto(`${server.url}/children/${childAId}/deadlines`);
    await expect(page.locator('main').innerText()).resolves.toContain('Send the Common Transfer File to the next school');
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-deadlines');
    await page.goto(`${server.url}${ctfPath}`);

    const download = await page.request.get(`${server.url}${ctfPath}.xml`);
    expect(download.headers()['content-disposition']).toContain('attachment');
    const bytes = await download.body();
    const xml = bytes.toString('utf8');
    expect(xml).toContain('<URN>100060</URN>');
    await page.getByRole('button', { name: 'Record the Common Transfer File as sent' }).click();
    await page.waitForLoadState('load');
    await expect(row.innerText()).resolves.toContain('Sent in time, on 2 March 2026');
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-sent');
    const entries = await server.store.readStream(childStreamId(childAId));
    const sent = entries.findLast((e) => e.type === 'CommonTransferFileSent');
    expect(sent?.data['sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
  }, JOURNEY_TIMEOUT);

  it('a school brings in a received CTF: no difference, a changed need type in a table, an invalid file refused', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    const xml = (await (await page.request.get(`${server.url}${ctfPath}.xml`)).body()).toString('utf8');
    await page.goto(`${server.url}/common-transfer-file/import`);
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-import');

    const before = await headOf();
    await upload(page, 'child-a.xml', xml);
    const agreed = await page.locator('main').innerText();
    expect(agreed).toContain('matched by date of birth and name');
    expect(agreed).toContain('The file agrees with the ledger: no differences');
    expect(await headOf()).toBe(before! + 1);
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-import-agrees');

    await upload(page, 'child-a-changed.xml', xml.replace('<SENtype>SLCN</SENtype>', '<SENtype>ASD</SENtype>'));
    await expect(page.locator('h2').first().innerText()).resolves.toBe('1 difference from the ledger');
    const cells = await page.locator('table tbody tr').first().locator('td').allInnerTexts();
    expect(cells).toEqual(['Type of need ranked 1', 'ASD', 'SLCN', 'Need identified, 12 January 2022']);
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-import-differences');

    const head = await headOf();
    await upload(page, 'not-a-ctf.xml', xml.replace('<SENprovision>E</SENprovision>', '<SENprovision>S</SENprovision>'));
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('not a Common Transfer File this ledger can read');
    await expect(page.locator('#ctf-error').innerText()).resolves.toContain('SENprovision');
    expect(await headOf()).toBe(head);
    await checkPageWithoutJavaScript(browser, page, 'common-transfer-file-import-refused');
  }, JOURNEY_TIMEOUT);

  it('a school that cannot read the child gets no match; the LA reads the page without the forms', async () => {
    const fleet = await newPage(browser, { javaScript: false });
    await signInAs(fleet, server.url, 'fleet-hill-senco');
    const xml = (await (await fleet.request.get(`${server.url}${ctfPath}.xml`)).body()).toString('utf8');

    const kentish = await newPage(browser, { javaScript: false });
    await signInAs(kentish, server.url, 'kentish-vale-senco');
    await upload(kentish, 'child-a.xml', xml);
    const notMatched = await kentish.locator('main').innerText();
    await upload(kentish, 'unknown.xml', xml.replace(/<DOB>[^<]*<\/DOB>/, '<DOB>2014-05-05</DOB>'));
    expect(await kentish.locator('main').innerText()).toBe(notMatched);
    expect(notMatched).toContain('No pupil you can see matches this file. Nothing was recorded.');
    await checkPageWithoutJavaScript(browser, kentish, 'common-transfer-file-import-no-match');

    const la = await newPage(browser, { javaScript: false });
    await signInAs(la, server.url, 'la-officer');
    await la.goto(`${server.url}${ctfPath}`);
    await expect(la.locator('body').innerText()).resolves.toContain('Send by 20 March 2026');
    expect(await la.getByRole('button', { name: 'Record the pupil leaving' }).count()).toBe(0);
    await checkPageWithoutJavaScript(browser, la, 'common-transfer-file-la');
    // Parents do not use this page: it reads as not found.
    const parent = await newPage(browser, { javaScript: false });
    await signInAs(parent, server.url, 'parent-a');
    const response = await parent.goto(`${server.url}${ctfPath}`);
    expect(response?.status()).toBe(404);
  }, JOURNEY_TIMEOUT);
});
