/**
 * The Local Offer directory page, in the browser with JavaScript off: an LA officer downloads the Local
 * Offer as Open Referral UK, sends a directory export in (checked only, then imported) and reads what
 * happened to each service; anyone else finds no such page.
 */
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, localOfferServiceIds, services as demoServiceNames } from '../../src/demo/cast.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { graphqlAs } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 120_000;
const PAGE = '/accountability/local-offer/directory';

let server: DemoWebServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- ORUK JSON, checked field by field below
type OrukService = Record<string, any>;
const directoryThroughTheApi = async () =>
  (await graphqlAs<{ localOfferDirectory: OrukService[] }>(server, cast.caseworker, 'query { localOfferDirectory(laCode: "202") }', {})).localOfferDirectory;

async function send(page: Page, directory: string, mode: 'Check the file only' | 'Import it into the Local Offer') {
  await page.goto(`${server.url}${PAGE}`);
  await page.locator('#directory').setInputFiles({ name: 'camden-directory.json', mimeType: 'application/json', buffer: Buffer.from(directory) });
  await page.getByLabel(mode).check();
  await page.getByRole('button', { name: 'Send the file' }).click();
  await page.waitForLoadState('load');
}

const rowsOf = async (page: Page, id: string) => (await page.locator(`#${id} tbody tr`).allInnerTexts()).map((row) => row.split('\t').map((cell) => cell.trim()));

describe('the Local Offer directory page', () => {
  it(
    'downloads the Local Offer as Open Referral UK, checks a directory export without recording, then imports it, with JavaScript off',
    async () => {
      const page = await newPage(browser, { javaScript: false });
      await signInAs(page, server.url, 'la-officer');
      await page.goto(`${server.url}${PAGE}`);
      await expect(page.locator('h1').innerText()).resolves.toBe('Local Offer directory');
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory');

      // The download is the same export the API gives.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the Local Offer as Open Referral UK (JSON)' }).click()]);
      expect(download.suggestedFilename()).toBe('local-offer-202-open-referral-uk.json');
      const downloaded = JSON.parse(await readFile((await download.path())!, 'utf8')) as OrukService[];
      expect(downloaded).toEqual(await directoryThroughTheApi());
      expect(downloaded.map((s) => s.id).sort()).toEqual(Object.values(localOfferServiceIds).sort());

      // Sent with nothing chosen: the error summary and a message by each field, nothing recorded.
      const head = await server.store.headPosition();
      await page.getByRole('button', { name: 'Send the file' }).click();
      await page.waitForLoadState('load');
      await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Choose the directory export file');
      await expect(page.locator('#directory-error').innerText()).resolves.toContain('Choose the directory export file (a .json file)');
      await expect(page.locator('#mode-error').innerText()).resolves.toContain('Choose whether to check the file only or to import it');
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory-nothing-chosen');

      await send(page, 'this is not JSON', 'Check the file only');
      await expect(page.locator('#directory-error').innerText()).resolves.toContain('The file is not JSON');
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory-not-json');

      // The LA's directory: SALT renamed, a new service, one with its ages inverted, the rest as they were.
      const salt = downloaded.find((s) => s.id === localOfferServiceIds.salt)!;
      const others = downloaded.filter((s) => s.id !== localOfferServiceIds.salt);
      const portageId = 'c0000000-0000-4000-8000-0000000000c1';
      const portage = {
        ...salt, id: portageId, name: 'Camden Portage Home Visiting', description: 'Home visits for pre-school children with SEND and their families',
        minimum_age: 0, maximum_age: 5, attributes: salt['attributes'].map((a: OrukService) => ({ ...a, link_id: portageId })),
      };
      const directory = [
        { ...salt, name: `${demoServiceNames.salt} (Whittington Health)` },
        ...others,
        portage,
        { ...portage, id: 'c0000000-0000-4000-8000-0000000000c2', name: 'Holiday play scheme', minimum_age: 12, maximum_age: 4 },
      ];

      await send(page, JSON.stringify(directory), 'Check the file only');
      await expect(page.locator('h1').innerText()).resolves.toBe('Directory checked: nothing recorded');
      await expect(page.locator('#summary').innerText()).resolves.toBe('The file held 6 services. Would be listed: 1. Would be updated: 1. Unchanged: 3. Refused: 1.');
      await expect(rowsOf(page, 'refused')).resolves.toEqual([['Holiday play scheme', 'Number 6 in the file', 'services[5].maximum_age', 'must not be below the lower age (from)']]);
      await expect(rowsOf(page, 'listed')).resolves.toEqual([['Camden Portage Home Visiting', 'Number 5 in the file']]);
      await expect(rowsOf(page, 'updated')).resolves.toEqual([[`${demoServiceNames.salt} (Whittington Health)`, 'Number 1 in the file', 'name']]);
      await expect(rowsOf(page, 'unchanged')).resolves.toHaveLength(3);
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory-checked');
      expect(await server.store.headPosition()).toBe(head);

      await send(page, JSON.stringify(directory), 'Import it into the Local Offer');
      await expect(page.locator('h1').innerText()).resolves.toBe('Directory imported');
      await expect(page.locator('#summary').innerText()).resolves.toBe('The file held 6 services. Listed: 1. Updated: 1. Unchanged: 3. Refused: 1.');
      await expect(rowsOf(page, 'refused')).resolves.toEqual([['Holiday play scheme', 'Number 6 in the file', 'services[5].maximum_age', 'must not be below the lower age (from)']]);
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory-imported');
      expect(await server.store.headPosition()).toBe(head + 2);
      const after = await directoryThroughTheApi();
      expect(after.find((s) => s.id === portageId)).toMatchObject({ name: 'Camden Portage Home Visiting', maximum_age: 5 });
      expect(after.find((s) => s.id === localOfferServiceIds.salt)!['name']).toBe(`${demoServiceNames.salt} (Whittington Health)`);
      expect(after.map((s) => s.id)).not.toContain('c0000000-0000-4000-8000-0000000000c2');

      // Sent again without the services the LA's directory dropped: they are shown, not withdrawn.
      await send(page, JSON.stringify([after.find((s) => s.id === portageId)]), 'Import it into the Local Offer');
      await expect(rowsOf(page, 'missing')).resolves.toHaveLength(4);
      await checkPageWithoutJavaScript(browser, page, 'local-offer-directory-missing');
      expect((await directoryThroughTheApi()).length).toBe(5);
    },
    JOURNEY_TIMEOUT,
  );

  for (const who of ['fleet-hill-senco', 'parent-a']) {
    it(`is not found for ${who}, the download and the upload included`, async () => {
      const page = await newPage(browser);
      await signInAs(page, server.url, who);
      const head = await server.store.headPosition();
      for (const path of [PAGE, `${PAGE}.json`]) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status()).toBe(404);
        await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      }
      await checkPage(page, `local-offer-directory-not-found-${who}`);
      // A well-formed upload, with the person's own CSRF token (from the sign-out form), is not found either.
      const csrf = await page.locator('form[action="/sign-out"] input[name="_csrf"]').getAttribute('value');
      const upload = await page.request.post(`${server.url}${PAGE}`, {
        multipart: { _csrf: csrf!, mode: 'import', directory: { name: 'd.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(await directoryThroughTheApi())) } },
      });
      expect(upload.status()).toBe(404);
      expect(await server.store.headPosition()).toBe(head);
      await page.context().close();
    });
  }
});
