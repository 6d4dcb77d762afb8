import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast, settings } from '../../src/demo/cast.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { recordThroughTheApi } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 120_000;

let server: DemoWebServer;
let browser: Browser;

/** A decision recorded through the API, as the LA's or the school's own system would record it. */
const record = (actor: Actor, mutation: string, inputType: string, input: Record<string, unknown>, occurredAt: string, childId?: string) =>
  recordThroughTheApi(server, actor, mutation, inputType, input, { occurredAt, childId });

const group = {
  section: 'SEN_SUPPORT',
  description: 'Lego therapy social skills group',
  deliveredBy: { organisation: settings.fleetHill.name, role: 'Teaching assistant' },
  frequency: { sessions: 1, per: 'week' },
  minutesPerSession: 40,
  groupSize: 3,
  authority: { name: 'Rachel Kim', role: 'SENCo, Fleet Hill School' },
};

/** A child the LA registers on Fleet Hill's roll, whom the Fleet Hill SENCo puts in the Lego therapy group from `startDate`. */
async function childInTheGroup(name: string, startDate: string) {
  const { fleetHill } = settings;
  const { childId } = await record(cast.caseworker, 'registerChild', 'RegisterChildInput', { displayName: name, dateOfBirth: '2014-03-01', laCode: '202', settingUrn: fleetHill.urn, settingName: fleetHill.name }, '2025-09-03');
  const { subjectId: provisionId } = await record(cast.fleetHillSenco, 'promiseProvision', 'ProvisionInput', { ...group, startDate }, '2025-09-10', childId);
  return { childId, provisionId };
}

const entriesOf = async (childId: string) => server.store.readStream(childStreamId(childId));

let h: { childId: string; provisionId: string };
let i: { childId: string; provisionId: string };
let j: { childId: string; provisionId: string };

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  h = await childInTheGroup('Child H (pseudonym)', '2025-09-15');
  i = await childInTheGroup('Child I (pseudonym)', '2025-09-15');
  // J joined the group later, on 23 February 2026.
  j = await childInTheGroup('Child J (pseudonym)', '2026-02-23');
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the session register: one group session, each child its own entry', () => {
  it('refuses the whole register when one child\'s entry is refused, saying which child and why; records nothing (without JavaScript)', async () => {
    const before = await Promise.all([h, i, j].map(async (c) => (await entriesOf(c.childId)).length));
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/sessions`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Session register');
    const row = await page.locator('tr', { hasText: 'Lego therapy social skills group' }).innerText();
    expect(row).toContain('Child H (pseudonym), Child I (pseudonym) and Child J (pseudonym)');
    expect(row).toContain('1 session a week, 40 minutes each');
    await checkPageWithoutJavaScript(browser, page, 'session-register-groups');

    await page.getByRole('link', { name: 'Take the register for Lego therapy social skills group' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Lego therapy social skills group');
    // Every child ticked as present by default; the date is today's, the minutes the group's.
    for (const name of ['Child H (pseudonym)', 'Child I (pseudonym)', 'Child J (pseudonym)']) await expect(page.getByLabel(`${name} came`).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('How long did it last?').inputValue()).resolves.toBe('40');
    await checkPageWithoutJavaScript(browser, page, 'session-register');

    // 16 February: before Child J's line started.
    await page.getByLabel('Day').fill('16');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Role').fill('Teaching assistant');
    await page.getByRole('button', { name: 'Record the session' }).click();
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Child J (pseudonym): Provision starts on 23 February 2026; a delivery cannot be earlier');
    expect(summary).not.toContain('Child H');
    await expect(page.locator(`#attended-${j.provisionId}-error`).innerText()).resolves.toContain('Child J (pseudonym): Provision starts on 23 February 2026');
    await expect(page.locator('.govuk-inset-text').innerText()).resolves.toContain('Nothing from this register was recorded');
    await checkPageWithoutJavaScript(browser, page, 'session-register-refused');
    expect(await Promise.all([h, i, j].map(async (c) => (await entriesOf(c.childId)).length))).toEqual(before);
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('records a delivery in each attending child\'s record and a missed session for the absent child with a reason; nothing else', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/sessions`);
    await page.getByRole('link', { name: 'Take the register for Lego therapy social skills group' }).click();
    await page.getByLabel('Day').fill('27');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Name').fill('Priya Shah');
    await page.getByLabel('Role').fill('Teaching assistant');
    await page.getByLabel('How long did it last?').fill('35');
    await page.getByLabel('Child I (pseudonym) came').uncheck();
    await page.getByLabel('Why Child I (pseudonym) missed it').fill('Absent: ill');
    await page.getByRole('button', { name: 'Record the session' }).click();

    await expect(page.locator('h1').textContent()).resolves.toBe('Session register');
    const notice = await page.locator('.govuk-notification-banner').innerText();
    expect(notice).toContain('The session on 27 February 2026 is recorded for Child H (pseudonym) and Child J (pseudonym).');
    expect(notice).toContain('A missed session is recorded for Child I (pseudonym).');
    await checkPageWithoutJavaScript(browser, page, 'session-register-recorded');

    for (const child of [h, j]) {
      const entries = await entriesOf(child.childId);
      const deliveries = entries.filter((e) => e.type === 'ProvisionDelivered');
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]!.data).toEqual({ provisionId: child.provisionId, sessions: 1, minutes: 35, deliveredBy: { name: 'Priya Shah', role: 'Teaching assistant' } });
      expect(deliveries[0]!.metadata.occurredAt.slice(0, 10)).toBe('2026-02-27');
      expect(deliveries[0]!.metadata.actor.id).toBe(cast.fleetHillSenco.id);
      expect(entries.some((e) => e.type === 'ShortfallReported')).toBe(false);
    }
    const absent = await entriesOf(i.childId);
    expect(absent.some((e) => e.type === 'ProvisionDelivered')).toBe(false);
    const shortfalls = absent.filter((e) => e.type === 'ShortfallReported');
    expect(shortfalls.map((e) => e.data)).toEqual([{ provisionId: i.provisionId, periodFrom: '2026-02-27', periodTo: '2026-02-27', sessionsMissed: 1, reason: 'Absent: ill' }]);

    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('reports a shortfall over a longer period for one child from the register', async () => {
    const page = await newPage(browser);
    await signInAs(page, server.url, 'fleet-hill-senco');
    await page.goto(`${server.url}/sessions`);
    await page.getByRole('link', { name: 'Take the register for Lego therapy social skills group' }).click();
    await page.getByRole('link', { name: 'Report missed sessions over a longer period for Child H (pseudonym)' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Report a shortfall');
    await page.getByRole('group', { name: 'First day of the shortfall' }).getByLabel('Day').fill('2');
    await page.getByRole('group', { name: 'First day of the shortfall' }).getByLabel('Month').fill('2');
    await page.getByRole('group', { name: 'First day of the shortfall' }).getByLabel('Year').fill('2026');
    await page.getByRole('group', { name: 'Last day of the shortfall' }).getByLabel('Day').fill('13');
    await page.getByRole('group', { name: 'Last day of the shortfall' }).getByLabel('Month').fill('1');
    await page.getByRole('group', { name: 'Last day of the shortfall' }).getByLabel('Year').fill('2026');
    await page.getByLabel('How many sessions were missed?').fill('2');
    await page.getByLabel('Why were they missed?').fill('Teaching assistant off sick');
    const before = (await entriesOf(h.childId)).length;
    await page.getByRole('button', { name: 'Report the shortfall' }).click();
    // The last day before the first: refused next to it, nothing recorded.
    await expect(page.locator('#periodTo-error').innerText()).resolves.toContain('The period ends (13 January 2026) before it starts (2 February 2026)');
    expect((await entriesOf(h.childId)).length).toBe(before);
    await checkPage(page, 'session-register-shortfall-refused');
    await page.getByRole('group', { name: 'Last day of the shortfall' }).getByLabel('Month').fill('2');
    await page.getByRole('button', { name: 'Report the shortfall' }).click();
    await expect(page.locator('.govuk-notification-banner').innerText()).resolves.toContain('The shortfall in "Lego therapy social skills group" for Child H (pseudonym) is recorded: 2 missed from 2 February 2026 to 13 February 2026.');
    const last = (await entriesOf(h.childId)).at(-1)!;
    expect(last.type).toBe('ShortfallReported');
    expect(last.data).toMatchObject({ periodFrom: '2026-02-02', periodTo: '2026-02-13', sessionsMissed: 2, reason: 'Teaching assistant off sick' });
    await checkPage(page, 'session-register-shortfall-recorded');
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('is a page for school staff: an LA officer finds no register, and another school sees none of Fleet Hill\'s groups', async () => {
    const la = await newPage(browser);
    await signInAs(la, server.url, 'la-officer');
    expect((await la.goto(`${server.url}/sessions`))?.status()).toBe(404);
    const other = await newPage(browser);
    await signInAs(other, server.url, 'kentish-vale-senco');
    await other.goto(`${server.url}/sessions`);
    await expect(other.locator('main').innerText()).resolves.not.toContain('Lego therapy');
    await checkPage(other, 'session-register-other-school');
    await la.context().close();
    await other.context().close();
  }, JOURNEY_TIMEOUT);
});
