import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { uuidFromName } from '../../src/ledger/deterministic-id.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

/**
 * The golden thread on the promise page: Child B's plan (final 20 September 2024) ties its section F lines to the
 * needs in B, the outcomes in E and the reports they rest on; "today" is 2 March 2026.
 */
let server: DemoWebServer;
let browser: Browser;
const childBId = childB().childId;
const lineB = (name: string) => uuidFromName('send-ledger-demo', 'child-b', name);
const promiseUrl = (childId: string, provisionId: string) => `${server.url}/children/${childId}/promises/${provisionId}`;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The golden thread's summary list value for a key. */
const threadValue = (page: Page, key: string) =>
  page.locator('#golden-thread ~ .govuk-summary-list .govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: key }) }).locator('dd').innerText();
const warnings = (page: Page) => page.locator('#golden-thread ~ .govuk-warning-text').allInnerTexts();

describe('the golden thread on a promise', () => {
  it('shows Parent B a line resting on a report more than 3 years old, with the needs and outcomes it serves and its evidence, without JavaScript', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'parent-b');
    await page.goto(`${server.url}/children/${childBId}/promises`);
    await checkPageWithoutJavaScript(browser, page, 'golden-thread-promises-child-b');
    // On the list: the need in B that no line meets, and the lines with something to check.
    const listFlags = await page.locator('#golden-thread ~ .govuk-warning-text').allInnerTexts();
    expect(listFlags).toEqual([expect.stringContaining('A need with no provision')]);
    expect(listFlags[0]).toMatch(/“Working memory in the low range: .*…” \(identified on 15 July 2024\)\. The SEND Code of Practice \(9\.69\)/);
    expect((await page.locator('#golden-thread ~ ul li').allInnerTexts()).sort()).toEqual([
      'A key adult meets Child B at the gate each morning and settles them with a planned greeting and a calm task (1 check)',
      'A place in the lunchtime nurture club (1 check)',
      expect.stringMatching(/^Emotional literacy support sessions .* \(1 check\)$/),
      expect.stringMatching(/^Sensory circuit .* \(1 check\)$/),
    ]);
    await page.getByRole('link', { name: /Sensory circuit/ }).first().click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childBId}/promises/${lineB('f-sensory-circuit')}`);
    await checkPageWithoutJavaScript(browser, page, 'golden-thread-sensory-circuit');

    const flags = await warnings(page);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('Evidence more than 3 years old');
    expect(flags[0]).toContain('Priya Natarajan, occupational therapist (HCPC registered), written on 10 January 2023, more than 3 years ago');
    expect(flags[0]).toContain('Practice Direction');
    expect(await threadValue(page, 'Needs it meets')).toMatch(/^Sensory and\/or physical needs \(secondary need\): Sensory processing differences: overwhelmed by noise/);
    expect(await threadValue(page, 'Outcomes it serves')).toMatch(/uses a break card to ask for a sensory break/);
    expect(await threadValue(page, 'Evidence it rests on')).toBe('Priya Natarajan, Occupational therapist (HCPC registered), written on 10 January 2023: page 4, paragraph 3.1');
    await page.context().close();
  });

  it('flags a line tied to no need, and a line whose report a later one supersedes, to the LA officer', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'la-officer');
    await page.goto(promiseUrl(childBId, lineB('f-lunch-club')));
    await checkPage(page, 'golden-thread-lunch-club');
    const lunch = await warnings(page);
    expect(lunch).toEqual([expect.stringContaining('Serves no need in section B')]);
    expect(lunch[0]).toContain('does not say which need in section B it meets');
    expect(await threadValue(page, 'Needs it meets')).toBe('None named');
    expect(await threadValue(page, 'Evidence it rests on')).toBe('No report cited');

    await page.goto(promiseUrl(childBId, lineB('f-elsa')));
    await checkPage(page, 'golden-thread-elsa');
    const elsa = await warnings(page);
    expect(elsa).toHaveLength(1);
    expect(elsa[0]).toContain('Evidence superseded by a later report');
    expect(elsa[0]).toMatch(/Dr Nadia Farouk, educational psychologist \(HCPC registered\), written on 8 July 2024; a later report of the same kind, by Dr Ruth Calloway, .*written on 27 October 2025, is cited in the parent's proposed change to section F/);
    expect(await threadValue(page, 'Evidence it rests on')).toBe('Dr Nadia Farouk, Educational psychologist (HCPC registered), written on 8 July 2024: page 9, paragraph 4.2');
    expect(await threadValue(page, 'Outcomes it serves')).toMatch(/comes into school calmly[\s\S]*uses a break card/);
    // Nothing in the way: no ids, no codes.
    expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|need_without_provision|evidence_superseded/);
    await page.context().close();
  });

  it('gives a plan written before the golden thread one note, and no flag, on each of its lines', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'parent-a');
    const childAId = childA().childId;
    await page.goto(promiseUrl(childAId, uuidFromName('send-ledger-demo', 'child-a', 'f-speech-and-language-therapy')));
    await checkPage(page, 'golden-thread-child-a-therapy');
    expect(await warnings(page)).toEqual([]);
    expect(await threadValue(page, 'Needs it meets')).toBe('None named');
    await expect(page.locator('#golden-thread ~ .govuk-inset-text').innerText()).resolves.toMatch(/written before the ledger recorded it/);
    await page.context().close();
  });

  it('reads as not found to a school that has no part in Child B\'s record', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    const response = await page.goto(promiseUrl(childBId, lineB('f-sensory-circuit')));
    expect(response?.status()).toBe(404);
    await checkPage(page, 'golden-thread-not-found');
    await page.context().close();
  });
});
