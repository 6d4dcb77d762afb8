import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, SCREENSHOTS, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
const childDId = childD().childId;
const childAId = childA().childId;

beforeAll(async () => {
  server = await startDemoWebServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const entriesOfChildD = async () => (await server.store.readStream(childStreamId(childDId))).length;

describe('SEN support: the graduated approach, cycle by cycle', () => {
  it('the Kentish Vale SENCo plans a cycle for Child D, records its review, and the history and its PDF show it', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    await page.goto(`${server.url}/children/${childDId}/sen-support`);
    await expect(page.locator('h1').textContent()).resolves.toBe('SEN support');
    // The demo's two cycles: the first reviewed, the second's review (28 March 2025) long overdue on 2 March 2026.
    await expect(page.locator('#cycles-summary').innerText()).resolves.toBe('2 cycles of SEN support were planned; 1 was reviewed.');
    const second = await page.locator('#cycle-2').innerText();
    expect(second).toContain('Review was due by 28 March 2025: overdue by 339 days');
    expect(second).toContain('Overdue');
    expect(second).toContain('Precision teaching for spelling, one to one');
    expect(second).toMatch(/9 of the \d+ sessions due recorded as delivered \(1 hour 30 minutes\)/);
    const first = await page.locator('#cycle-1').innerText();
    expect(first).toContain('Outcomes partly met. Reviewed on 12 December 2024 by Helen Marsh (SENCo)');
    expect(first).toContain('Next step: Plan a new cycle of support');
    await checkPage(page, 'sen-support');

    await page.getByRole('button', { name: 'Plan a new cycle' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Plan a new cycle of SEN support');
    await page.getByLabel('Assess: what did the assessment find?').fill('Spelling re-assessed with Parent D: 11 of 15 common exception words.');
    await page.getByLabel('Plan: what outcomes are you aiming for?').fill('Spells all 15 Year 2 common exception words\n\nUses a word bank in independent writing');
    await page.getByLabel('The child').check();
    await page.getByLabel('The parent or carer').check();
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('7');
    await page.getByLabel('Year').fill('2026');
    await checkPage(page, 'sen-support-plan');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();

    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('A new cycle of SEN support is planned for Child D (pseudonym), to be reviewed by 3 July 2026.');
    await expect(page.locator('#cycles-summary').innerText()).resolves.toBe('3 cycles of SEN support were planned; 1 was reviewed.');
    const third = await page.locator('#cycle-3').innerText();
    expect(third).toMatch(/Planned\s+2 March 2026 by Helen Marsh \(SENCo\)/);
    expect(third).toContain('Spells all 15 Year 2 common exception words');
    expect(third).toContain('Uses a word bank in independent writing');
    expect(third).toContain('Targets set with the child and the parent or carer');
    expect(third).toContain('Review due by 3 July 2026 (in 123 days)');

    // The support for the cycle: refused with its end before its start (next to the end date, nothing recorded), then added.
    await page.getByRole('link', { name: 'Add support to cycle 3' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Add support to this cycle');
    await page.getByLabel('What is the support?').fill('Word bank coaching, one to one');
    await page.getByLabel('Role').fill('Teaching assistant');
    await page.getByLabel('Number of sessions').fill('2');
    await page.getByLabel('Minutes each session').fill('15');
    await page.getByLabel('Children in the group (optional)').fill('1');
    const start = page.getByRole('group', { name: 'When does it start?' });
    await start.getByLabel('Day').fill('2');
    await start.getByLabel('Month').fill('3');
    await start.getByLabel('Year').fill('2026');
    const end = page.getByRole('group', { name: 'When does it end? (optional)' });
    await expect(end.getByLabel('Day').inputValue()).resolves.toBe('3');
    await end.getByLabel('Month').fill('2');
    const before = await entriesOfChildD();
    await page.getByRole('button', { name: 'Add the support' }).click();
    await expect(page.locator('#endDate-error').innerText()).resolves.toContain('The end date 3 February 2026 is before the start date 2 March 2026');
    expect(await entriesOfChildD()).toBe(before);
    await checkPage(page, 'sen-support-provision-refused');
    await page.getByRole('group', { name: 'When does it end? (optional)' }).getByLabel('Month').fill('7');
    await page.getByRole('button', { name: 'Add the support' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('"Word bank coaching, one to one" is added to cycle 3.');
    const withSupport = await page.locator('#cycle-3').innerText();
    expect(withSupport).toContain('Word bank coaching, one to one');
    expect(withSupport).toContain('Teaching assistant, Kentish Vale Primary School. 2 sessions a week, 15 minutes each, one to one. From 2 March 2026 until 3 July 2026.');

    await page.getByRole('link', { name: 'Record the review of cycle 3' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Record the review of cycle 3');
    await page.getByLabel('Met', { exact: true }).check();
    await page.getByLabel('What progress did Child D (pseudonym) make?').fill('Spells 15 of 15 in dictation and 13 in independent writing.');
    await page.getByLabel('End SEN support').check();
    await checkPage(page, 'sen-support-review');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The review of cycle 3 is recorded.');
    await expect(page.locator('#cycles-summary').innerText()).resolves.toBe('3 cycles of SEN support were planned; 2 were reviewed.');
    const reviewed = await page.locator('#cycle-3').innerText();
    expect(reviewed).toContain('Outcomes met. Reviewed on 2 March 2026 by Helen Marsh (SENCo)');
    expect(reviewed).toContain('Next step: End SEN support');
    await expect(page.getByRole('link', { name: 'Record the review of cycle 3' }).count()).resolves.toBe(0);
    await checkPage(page, 'sen-support-after-review');

    // The PDF, through the page's link and the same sign-in: every cycle in order.
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download every cycle as one document (PDF)' }).click();
    const pdfPath = join(mkdtempSync(join(tmpdir(), 'sen-support-pdf-')), 'history.pdf');
    await (await download).saveAs(pdfPath);
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString();
    expect(text).toContain('SEN support: the graduated approach');
    expect(text).toContain('3 cycles of SEN support were planned; 2 were reviewed.');
    const order = ['Cycle 1: planned on 23 September 2024', 'Cycle 2: planned on 6 January 2025', 'Cycle 3: planned on 2 March 2026'].map((heading) => text.indexOf(heading));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toContain('Structured synthetic phonics catch-up in a small group');
    expect(text).toContain('Uses a word bank in independent writing');
    expect(text).toContain('Word bank coaching, one to one');
    expect(text).toContain('Next step: End SEN support.');
    mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', pdfPath, join(SCREENSHOTS, 'sen-support-pdf')]);
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('a cycle with no outcomes is refused next to the field, and nothing is recorded (without JavaScript)', async () => {
    const before = await entriesOfChildD();
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'kentish-vale-senco');
    await page.goto(`${server.url}/children/${childDId}/sen-support/plan`);
    await page.getByLabel('Assess: what did the assessment find?').fill('Teacher assessment only.');
    await page.getByLabel('Day').fill('3');
    await page.getByLabel('Month').fill('7');
    await page.getByLabel('Year').fill('2026');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();

    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain('Enter at least one outcome, one a line');
    await expect(page.locator('#outcomes-error').innerText()).resolves.toContain('Enter at least one outcome, one a line');
    // What was typed stays.
    await expect(page.getByLabel('Assess: what did the assessment find?').inputValue()).resolves.toBe('Teacher assessment only.');
    await checkPageWithoutJavaScript(browser, page, 'sen-support-plan-refused');
    expect(await entriesOfChildD()).toBe(before);

    // Not a real date: refused next to the date, nothing recorded.
    await page.getByLabel('Plan: what outcomes are you aiming for?').fill('Reads 20 common exception words');
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('6');
    await page.getByRole('button', { name: 'Plan the cycle' }).click();
    await expect(page.locator('#reviewDueOn-error').innerText()).resolves.toContain('The review date must be a real date');
    expect(await entriesOfChildD()).toBe(before);
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('only staff of the child\'s setting plan cycles: a parent reads the history, and a SENCo of another school finds no child', async () => {
    const parent = await newPage(browser);
    await signInAs(parent, server.url, 'parent-a');
    await parent.goto(`${server.url}/children/${childAId}/sen-support`);
    await expect(parent.locator('h1').textContent()).resolves.toBe('SEN support');
    await expect(parent.getByRole('button', { name: 'Plan a new cycle' }).count()).resolves.toBe(0);
    await checkPage(parent, 'sen-support-parent');
    const planForm = await parent.goto(`${server.url}/children/${childAId}/sen-support/plan`);
    expect(planForm?.status()).toBe(404);

    const other = await newPage(browser);
    await signInAs(other, server.url, 'fleet-hill-senco');
    const response = await other.goto(`${server.url}/children/${childDId}/sen-support`);
    expect(response?.status()).toBe(404);
    const pdf = await other.request.get(`${server.url}/children/${childDId}/sen-support.pdf`);
    expect(pdf.status()).toBe(404);
    await parent.context().close();
    await other.context().close();
  }, JOURNEY_TIMEOUT);
});
