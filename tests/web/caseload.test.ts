import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, settings } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

/** A journey through several pages in a real browser, on a machine that may be busy. */
const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;
const childAId = childA().childId;
const childDId = childD().childId;

/** A decision recorded through the API, as the LA's or the school's own system would record it; the child's id back. */
const record = async (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>, occurredAt: string, childId?: string): Promise<string> =>
  (await recordThroughTheApi(server, actor, mutation, inputType, input, { occurredAt, childId })).childId;

/**
 * A child on Fleet Hill's roll with SEN support: registered (by the LA, or by the school for a child of another LA),
 * their primary need identified, and an SEN support cycle planned with its review date.
 */
async function childOnSenSupport(by: Actor, child: { name: string; dateOfBirth: string; laCode: string; need: string; reviewDueOn: string }): Promise<string> {
  const { fleetHill } = settings;
  const registration = { displayName: child.name, dateOfBirth: child.dateOfBirth, laCode: child.laCode, settingUrn: fleetHill.urn, settingName: fleetHill.name };
  const childId = await record(by, 'registerChild', 'RegisterChildInput', registration, '2025-09-03');
  await record(cast.fleetHillSenco, 'identifyNeeds', 'NeedsInput', { area: child.need, rank: 'primary', description: 'Identified at the school\'s assessment in September.' }, '2025-09-20', childId);
  await record(
    cast.fleetHillSenco,
    'planSenSupportCycle',
    'SenSupportCycleInput',
    { assessmentSummary: 'Assessed by the SENCo with the class teacher.', outcomes: ['Makes progress towards the agreed targets'], reviewDueOn: child.reviewDueOn, targetsSetWith: ['parent_carer', 'child'] },
    '2025-12-01',
    childId,
  );
  return childId;
}

let childE: string;
let childF: string;
let childG: string;

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  // On 2 March 2026: E's review is 10 days overdue, G's due in 4 days, F's (a child of LA 209) in 18 days.
  childE = await childOnSenSupport(cast.caseworker, { name: 'Child E (pseudonym)', dateOfBirth: '2013-01-15', laCode: '202', need: 'social_emotional_and_mental_health', reviewDueOn: '2026-02-20' });
  childF = await childOnSenSupport(cast.fleetHillSenco, { name: 'Child F (pseudonym)', dateOfBirth: '2011-11-20', laCode: '209', need: 'sensory_and_physical', reviewDueOn: '2026-03-20' });
  childG = await childOnSenSupport(cast.caseworker, { name: 'Child G (pseudonym)', dateOfBirth: '2014-06-01', laCode: '202', need: 'cognition_and_learning', reviewDueOn: '2026-03-06' });
  await record(cast.caseworker, 'assignCaseworker', 'CaseworkerAssignmentInput', { caseworker: { id: cast.caseworker2.id, displayName: cast.caseworker2.displayName } }, '2025-12-02', childE);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The caseload's rows as the table shows them, one string of cells per child, in order. */
async function rows(page: Page): Promise<string[]> {
  const lines = await page.locator('table tbody tr').all();
  return Promise.all(lines.map(async (line) => (await line.locator('th, td').allInnerTexts()).map((cell) => cell.replace(/\s+/g, ' ').trim()).join(' | ')));
}

const names = async (page: Page) => (await rows(page)).map((row) => row.split(' | ')[0]!.replace(/ Year \d+$/, ''));

/** How many times the access log has a child read through the caseload page. */
async function caseloadReads(childId: string): Promise<number> {
  const entries = await server.accessLog.forChild(childId, { limit: 500 });
  return entries.filter((e) => e.route === '/caseload' && e.outcome === 'permitted').length;
}

describe("a SENCo's caseload", () => {
  it('lands the Fleet Hill SENCo on their caseload: every child with their year group, stage, need, LA and the next thing due, most overdue first', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    await expect(page.locator('h1').textContent()).resolves.toBe('Caseload');
    await checkPage(page, 'caseload');

    const summary = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(summary).toContain('4 children on the caseload');
    expect(summary).toContain('1 with an EHC plan');
    expect(summary).toContain('3 on SEN support');
    expect(summary).toContain('2 with something overdue');

    expect(await rows(page)).toEqual([
      'Child A (pseudonym) Year 7 | EHC plan Communication and interaction Cognition and learning | London Borough of Camden | Review the EHC plan 20 November 2025 Overdue by 102 days',
      'Child E (pseudonym) Year 8 | SEN support Social, emotional and mental health | London Borough of Camden Caseworker: Leila Haddad | Review the SEN support plan 20 February 2026 Overdue by 10 days',
      'Child G (pseudonym) Year 7 | SEN support Cognition and learning | London Borough of Camden | Review the SEN support plan 6 March 2026 Due in 4 days',
      'Child F (pseudonym) Year 9 | SEN support Sensory and/or physical needs | LA 209 | Review the SEN support plan 20 March 2026 Due in 18 days',
    ]);
    await expect(page.locator('.govuk-tag--red').allInnerTexts()).resolves.toEqual(['Overdue by 102 days', 'Overdue by 10 days']);

    await page.getByRole('link', { name: 'Child A (pseudonym)' }).click();
    expect(new URL(page.url()).pathname).toBe(`/children/${childAId}`);
    await checkPage(page, 'caseload-child-a-record');

    await page.goto(`${server.url}/caseload?sort=name`);
    await expect(names(page)).resolves.toEqual(['Child A (pseudonym)', 'Child E (pseudonym)', 'Child F (pseudonym)', 'Child G (pseudonym)']);
    await checkPage(page, 'caseload-by-name');
  }, JOURNEY_TIMEOUT);

  it('narrows the list by need, overdue, year group and LA with JavaScript off, each filter shown with a link to remove it', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');

    await page.getByLabel('Social, emotional and mental health (1)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    expect(new URL(page.url()).searchParams.getAll('need')).toEqual(['social_emotional_and_mental_health']);
    await expect(names(page)).resolves.toEqual(['Child E (pseudonym)']);
    await expect(page.locator('h2', { hasText: 'the filters' }).textContent()).resolves.toBe('1 child matches the filters');
    await checkPageWithoutJavaScript(browser, page, 'caseload-filtered-by-need');
    await page.getByRole('link', { name: 'Remove this filter Social, emotional and mental health' }).click();
    await expect(names(page)).resolves.toHaveLength(4);

    await page.getByLabel('Overdue only (2)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(names(page)).resolves.toEqual(['Child A (pseudonym)', 'Child E (pseudonym)']);
    await checkPageWithoutJavaScript(browser, page, 'caseload-overdue');

    // Overdue and in Year 7: both filters at once.
    await page.getByLabel('Year 7 (2)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(names(page)).resolves.toEqual(['Child A (pseudonym)']);
    await page.getByRole('link', { name: 'Remove this filter Overdue only' }).click();
    await expect(names(page)).resolves.toEqual(['Child A (pseudonym)', 'Child G (pseudonym)']);
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await expect(names(page)).resolves.toHaveLength(4);

    await page.getByLabel('LA 209 (1)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(names(page)).resolves.toEqual(['Child F (pseudonym)']);
    await checkPageWithoutJavaScript(browser, page, 'caseload-filtered-by-la');

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.getByLabel("Child's name").fill('child g');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(names(page)).resolves.toEqual(['Child G (pseudonym)']);
    await page.getByLabel("Child's name").fill('nobody of that name');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page.locator('table').count()).resolves.toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain('No child matches these filters.');
    await checkPageWithoutJavaScript(browser, page, 'caseload-no-match');
  }, JOURNEY_TIMEOUT);

  it('notes in the access log only the children the page shows', async () => {
    const before = { a: await caseloadReads(childAId), e: await caseloadReads(childE), f: await caseloadReads(childF), g: await caseloadReads(childG) };
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/caseload?la=209`);
    await expect(names(page)).resolves.toEqual(['Child F (pseudonym)']);
    await checkPage(page, 'caseload-one-la');
    // Signing in landed on the whole caseload (all four read once), then the filtered page read only Child F.
    expect(await caseloadReads(childF)).toBe(before.f + 2);
    for (const [childId, was] of [[childAId, before.a], [childE, before.e], [childG, before.g]] as const) expect(await caseloadReads(childId)).toBe(was + 1);
    const [latest] = await server.accessLog.forChild(childF, { limit: 1 });
    expect(latest).toMatchObject({ actor: { role: 'senco', organisation: settings.fleetHill.urn }, outcome: 'permitted', via: 'web', route: '/caseload', read: ['caseload'] });
  }, JOURNEY_TIMEOUT);

  it('does not show a SENCo a child of another school: not on the caseload, and the record reads as a child that does not exist', async () => {
    // Child A left Kentish Vale for Fleet Hill in September 2025: no longer on Kentish Vale's caseload.
    const page = await newPage(browser);
    await signInAs(page, server.url, 'kentish-vale-senco');
    expect(new URL(page.url()).pathname).toBe('/caseload');
    await checkPage(page, 'caseload-kentish-vale');
    const listed = await names(page);
    expect(listed).toContain('Child D (pseudonym)');
    for (const elsewhere of ['Child A (pseudonym)', 'Child E (pseudonym)', 'Child F (pseudonym)', 'Child G (pseudonym)']) expect(listed).not.toContain(elsewhere);
    expect(await page.locator('main').textContent()).not.toContain('Child A');

    // A child who was never at Kentish Vale reads exactly as one that does not exist, and the attempt is logged.
    const nowhere = await page.goto(`${server.url}/children/${randomUUID()}`);
    expect(nowhere!.status()).toBe(404);
    const notFound = await page.locator('main').innerText();
    const response = await page.goto(`${server.url}/children/${childE}`);
    expect(response!.status()).toBe(404);
    await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
    expect(await page.locator('main').innerText()).toBe(notFound);
    await checkPage(page, 'caseload-other-school-child');
    const [latest] = await server.accessLog.forChild(childE, { limit: 1 });
    expect(latest).toMatchObject({ actor: { role: 'senco', organisation: settings.kentishVale.urn }, outcome: 'denied', via: 'web', route: '/children/:childId' });

    // And the other way: Child D, at Kentish Vale, is not Fleet Hill's to read.
    const fleetHill = await newPage(browser);
    await signInAs(fleetHill, server.url, 'fleet-hill-senco');
    await expect(names(fleetHill)).resolves.not.toContain('Child D (pseudonym)');
    const childD = await fleetHill.goto(`${server.url}/children/${childDId}`);
    expect(childD!.status()).toBe(404);
    expect(await fleetHill.locator('main').innerText()).toBe(notFound);
    const [attempt] = await server.accessLog.forChild(childDId, { limit: 1 });
    expect(attempt).toMatchObject({ actor: { role: 'senco', organisation: settings.fleetHill.urn }, outcome: 'denied', via: 'web', route: '/children/:childId' });
  }, JOURNEY_TIMEOUT);

  it('is a page for school staff only: the LA officer and a parent get "Page not found"', async () => {
    for (const person of ['la-officer', 'parent-a']) {
      const page = await newPage(browser);
      await signInAs(page, server.url, person);
      const response = await page.goto(`${server.url}/caseload`);
      expect(response!.status(), person).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Page not found');
      await checkPage(page, `caseload-not-for-${person}`);
      await page.context().close();
    }
  }, JOURNEY_TIMEOUT);

  // Last: it fills Fleet Hill's roll past one page.
  it('pages a caseload of more than 50 children, keeping the order asked for, and notes only the page shown', async () => {
    const more: string[] = [];
    for (let i = 1; i <= 47; i++) {
      const registration = { displayName: `Pupil ${String(i).padStart(2, '0')} (pseudonym)`, dateOfBirth: '2012-05-01', laCode: '202', settingUrn: settings.fleetHill.urn, settingName: settings.fleetHill.name };
      more.push(await record(cast.fleetHillSenco, 'registerChild', 'RegisterChildInput', registration, '2026-01-05'));
    }
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/caseload?sort=name`);
    await expect(page.locator('caption').textContent()).resolves.toBe('Children 1 to 50 of 51');
    const firstPage = await names(page);
    expect(firstPage.slice(0, 5)).toEqual(['Child A (pseudonym)', 'Child E (pseudonym)', 'Child F (pseudonym)', 'Child G (pseudonym)', 'Pupil 01 (pseudonym)']);
    expect(firstPage.at(-1)).toBe('Pupil 46 (pseudonym)');
    await checkPageWithoutJavaScript(browser, page, 'caseload-page-1');
    // The 47th pupil is on the next page, in either order: neither the landing page nor this one read them.
    expect(await caseloadReads(more[46]!)).toBe(0);
    expect(await caseloadReads(more[45]!)).toBe(2);

    await page.getByRole('link', { name: 'Next' }).click();
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');
    await expect(page.locator('caption').textContent()).resolves.toBe('Children 51 to 51 of 51');
    await expect(names(page)).resolves.toEqual(['Pupil 47 (pseudonym)']);
    await expect(page.locator('table tbody tr').first().innerText()).resolves.toContain('No SEN support recorded');
    await checkPageWithoutJavaScript(browser, page, 'caseload-page-2');
    expect(await caseloadReads(more[46]!)).toBe(1);

    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(names(page)).resolves.toEqual(firstPage);
  }, JOURNEY_TIMEOUT);
});
