import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cast } from '../../src/demo/cast.js';
import { childA } from '../../src/demo/child-a-full-journey.js';
import { childB } from '../../src/demo/child-b-refused-assessment.js';
import { childC } from '../../src/demo/child-c-plan-ceased.js';
import { childD } from '../../src/demo/child-d-sen-support.js';
import { englandDateOf } from '../../src/domain/calendar/iso-date.js';
import { upnCheckLetter } from '../../src/domain/identifiers/upn.js';
import { TEST_SECRET } from '../support/test-app.js';
import { checkPage, checkPageWithoutJavaScript, launchBrowser, newPage, signInAs } from './support/browser.js';
import { startDemoWebServer, type DemoWebServer } from './support/demo-web-server.js';
import { graphqlAs, recordThroughTheApi } from './support/through-the-api.js';

const JOURNEY_TIMEOUT = 180_000;
const TODAY = '2026-03-02';
const NOT_HELD = 'Not held in SEND Ledger';

let server: DemoWebServer;
let browser: Browser;

const DEMO = { 'Child A': childA().childId, 'Child B': childB().childId, 'Child C': childC().childId, 'Child D': childD().childId };

/** A UPN with its right check letter: LA 202, establishment 1234, year 25, the serial given. */
const upnWith = (serial: string) => {
  const body = `X2021234250${serial}`;
  return `${upnCheckLetter(body)}${body.slice(1)}`;
};
const UPN_A = upnWith('01');
const UPN_B = upnWith('02');

interface PlanSeen {
  status: string;
  finalIssued: { on: string } | null;
  ceased: { on: string } | null;
  namedSetting: { name: string; urn: string | null } | null;
}
interface ChildSeen {
  displayName: string;
  dateOfBirth: string;
  plans: PlanSeen[];
}

/** What the API says of each demo child: the oracle the lists are checked against. */
const seen = new Map<string, ChildSeen>();

/** Whether a plan was in force on a day, from the API's own dates of its final issue and its ceasing. */
const maintainedOn = (plan: PlanSeen, day: string) =>
  plan.finalIssued !== null && englandDateOf(plan.finalIssued.on) <= day && (plan.ceased === null || englandDateOf(plan.ceased.on) > day);

const namesOnList1 = (day: string) =>
  [...seen.values()].filter((child) => child.plans.some((plan) => maintainedOn(plan, day))).map((child) => child.displayName).sort();

beforeAll(async () => {
  server = await startDemoWebServer({ env: { AUTH_JWT_SECRET: TEST_SECRET } });
  browser = await launchBrowser();
  // A UPN for Child A; one for Child B that the LA then decides not to disclose (both through the real write path).
  await recordThroughTheApi(server, cast.caseworker, 'recordIdentifier', 'IdentifierInput', { scheme: 'upn', value: UPN_A }, { childId: DEMO['Child A'] });
  await recordThroughTheApi(server, cast.caseworker, 'recordIdentifier', 'IdentifierInput', { scheme: 'upn', value: UPN_B }, { childId: DEMO['Child B'] });
  await recordThroughTheApi(server, cast.caseworker, 'withholdIdentifier', 'IdentifierWithholdingInput', { scheme: 'upn', reason: 'Adopted: the previous UPN is not to be passed on' }, { childId: DEMO['Child B'] });
  for (const childId of Object.values(DEMO)) {
    const data = await graphqlAs<{ child: ChildSeen }>(
      server,
      cast.caseworker,
      'query($id: ID!) { child(id: $id) { displayName dateOfBirth plans { status finalIssued { on } ceased { on } namedSetting { name urn } } } }',
      { id: childId },
    );
    seen.set(childId, data.child);
  }
}, JOURNEY_TIMEOUT);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const dayOf = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** A worksheet as header and rows of values, by header. */
function rowsOf(sheet: ExcelJS.Worksheet): { header: string[]; rows: Array<Record<string, ExcelJS.CellValue>> } {
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Array<Record<string, ExcelJS.CellValue>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return { header, rows };
}

/** A workbook cell as the CSV writes it: dates as YYYY-MM-DD, numbers as digits. */
const asCsv = (value: ExcelJS.CellValue) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value));

describe('the Annex A lists for an area SEND inspection', () => {
  it('lists each demo child with a plan on List 1 and Child D on List 2, in a workbook a spreadsheet reader opens and CSVs that agree with it', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    const response = await page.goto(`${server.url}/accountability/annex-a`);
    expect(response!.status()).toBe(200);
    await expect(page.locator('h1').innerText()).resolves.toBe('Annex A lists for an area SEND inspection');
    const expected1 = namesOnList1(TODAY);
    expect(expected1.length).toBeGreaterThan(0);
    const counts = await page.locator('#counts').innerText();
    expect(counts).toContain(`${expected1.length} children and young people`);
    expect(counts).toContain('1 child or young person');
    await expect(page.locator('main').innerText()).resolves.toContain('As of 2 March 2026');
    const notHeldTable = await page.locator('#not-held').innerText();
    for (const column of ['Ethnicity', 'Looked after', 'Eligible for free school meals']) expect(notHeldTable).toContain(column);
    await checkPageWithoutJavaScript(browser, page, 'annex-a');

    // The workbook, downloaded as a person downloads it, opened with exceljs's reader.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Both lists as a spreadsheet (Excel, with notes)' }).click()]);
    expect(download.suggestedFilename()).toBe(`annex-a-la-202-${TODAY}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['List 1 EHC plans', 'List 2 SEN support', 'About']);

    const list1Sheet = workbook.getWorksheet('List 1 EHC plans')!;
    expect(list1Sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(list1Sheet.getRow(1).font?.bold).toBe(true);
    expect(list1Sheet.getColumn(1).width).toBeGreaterThanOrEqual(20);
    expect(list1Sheet.autoFilter).toBeTruthy();
    const list1 = rowsOf(list1Sheet);
    expect(list1.header.slice(0, 4)).toEqual(['Name (as recorded: a display name or pseudonym)', 'Unique pupil number (UPN)', 'Date of birth', 'Age on the day (years)']);
    expect(list1.rows.map((row) => row['Name (as recorded: a display name or pseudonym)']).sort()).toEqual(expected1);
    for (const row of list1.rows) {
      const child = [...seen.values()].find((c) => c.displayName === row['Name (as recorded: a display name or pseudonym)'])!;
      const plan = child.plans.find((p) => maintainedOn(p, TODAY))!;
      // Real date cells, with the days the API gives, shown as dd/mm/yyyy.
      expect(row['Date of birth']).toEqual(dayOf(child.dateOfBirth));
      expect(row['Date the EHC plan was issued']).toEqual(dayOf(englandDateOf(plan.finalIssued!.on)));
      expect(row['Setting named in the EHC plan (section I)']).toBe(plan.namedSetting!.name);
      expect(typeof row['Age on the day (years)']).toBe('number');
      expect(String(row['Sources (ledger entry ids)'])).toMatch(/^[0-9a-f-]{36}( [0-9a-f-]{36})*$/);
      for (const column of ['Ethnicity', 'Looked after', 'Sex', 'Personal budget', 'Attendance (%)']) expect(row[column], column).toBe(NOT_HELD);
    }
    const dobColumn = list1.header.indexOf('Date of birth') + 1;
    expect(list1Sheet.getRow(2).getCell(dobColumn).numFmt).toBe('dd/mm/yyyy');
    const rowOf = (name: string) => list1.rows.find((row) => row['Name (as recorded: a display name or pseudonym)'] === name)!;
    // Child A's UPN is listed; Child B's is withheld by a recorded decision, and its value is nowhere in the export.
    expect(rowOf('Child A (pseudonym)')['Unique pupil number (UPN)']).toBe(UPN_A);
    expect(rowOf('Child B (pseudonym)')['Unique pupil number (UPN)']).toBe('Withheld (a recorded decision not to disclose it)');
    expect(JSON.stringify(list1.rows)).not.toContain(UPN_B);

    const list2 = rowsOf(workbook.getWorksheet('List 2 SEN support')!);
    expect(list2.rows.map((row) => row['Name (as recorded: a display name or pseudonym)'])).toEqual(['Child D (pseudonym)']);
    const childD = seen.get(DEMO['Child D'])!;
    expect(list2.rows[0]!['Date of birth']).toEqual(dayOf(childD.dateOfBirth));
    expect(list2.rows[0]!['Current assess-plan-do-review cycle started']).toBeInstanceOf(Date);
    expect(list2.rows[0]!['Ethnicity']).toBe(NOT_HELD);

    const about = workbook.getWorksheet('About')!;
    const aboutText = about.getSheetValues().flat().map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))).join('\n');
    expect(aboutText).toContain(dayOf(TODAY).toISOString());
    expect(aboutText).toContain('London Borough of Camden (202)');
    expect(aboutText).toContain("not the inspectorates' own Annex A template");
    for (const column of ['Ethnicity', 'Looked after', 'Personal budget']) expect(aboutText).toContain(column);

    // The CSVs, read with csv-parse, say what the workbook says, cell for cell.
    for (const [csvPath, sheet] of [['annex-a-list-1.csv', list1], ['annex-a-list-2.csv', list2]] as const) {
      const answer = await page.request.get(`${server.url}/accountability/${csvPath}?asOf=${TODAY}`);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-disposition']).toBe(`attachment; filename="${csvPath.replace('.csv', `-la-202-${TODAY}.csv`)}"`);
      const text = await answer.text();
      expect(text).not.toContain(UPN_B);
      const records = parse(text, { bom: true }) as string[][];
      expect(records[0]).toEqual(sheet.header);
      expect(records.slice(1)).toEqual(sheet.rows.map((row) => sheet.header.map((h) => asCsv(row[h]!))));
    }
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('notes each child it lists in the access log, as read by the officer, and no child it leaves out', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    const answer = await page.request.get(`${server.url}/accountability/annex-a.xlsx?asOf=${TODAY}`);
    expect(answer.status()).toBe(200);
    const listed = new Set([...namesOnList1(TODAY), 'Child D (pseudonym)']);
    for (const [childId, child] of [...seen.entries()]) {
      const entries = await server.accessLog.forChild(childId);
      const annexA = entries.filter((entry) => entry.read.includes('annexA') && entry.actor.id === cast.caseworker.id && entry.via === 'web');
      if (listed.has(child.displayName)) expect(annexA.length, child.displayName).toBeGreaterThan(0);
      else expect(annexA, child.displayName).toEqual([]);
    }
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('lists the children as of an earlier day chosen with JavaScript off, and refuses a day that is not a date or is still to come', async () => {
    const page = await newPage(browser, { javaScript: false });
    await signInAs(page, server.url, 'la-officer');
    await page.goto(`${server.url}/accountability/annex-a`);
    const day = '2024-01-01';
    await page.locator('#asOf-day').fill('1');
    await page.locator('#asOf-month').fill('1');
    await page.locator('#asOf-year').fill('2024');
    await page.getByRole('button', { name: 'Show the lists' }).click();
    await expect(page.locator('main').innerText()).resolves.toContain('As of 1 January 2024');
    const shown = (await page.locator('#list-1 tbody th').allInnerTexts()).sort();
    expect(shown).toEqual(namesOnList1(day));
    // The demo's ceased plan was still in force then, and a plan issued later was not yet.
    expect(namesOnList1(day)).not.toEqual(namesOnList1(TODAY));
    await expect(page.getByRole('link', { name: 'List 1 as CSV' }).getAttribute('href')).resolves.toBe(`/accountability/annex-a-list-1.csv?asOf=${day}`);
    await checkPageWithoutJavaScript(browser, page, 'annex-a-2024-01-01');

    for (const [typed, message] of [
      [['31', '2', '2026'], 'The date must be a real date'],
      [['3', '3', '2026'], 'The date must be today or earlier'],
      [['', '3', '2026'], 'The date must include a day'],
    ] as const) {
      await page.locator('#asOf-day').fill(typed[0]);
      await page.locator('#asOf-month').fill(typed[1]);
      await page.locator('#asOf-year').fill(typed[2]);
      const [answer] = await Promise.all([page.waitForResponse((r) => r.url().includes('/accountability/annex-a?')), page.getByRole('button', { name: 'Show the lists' }).click()]);
      expect(answer.status()).toBe(400);
      await expect(page.locator('.govuk-error-summary').innerText()).resolves.toContain(message);
      await expect(page.locator('#asOf-error').innerText()).resolves.toContain(message);
      await expect(page.locator('#counts').count()).resolves.toBe(0);
      await expect(page.title()).resolves.toMatch(/^Error: /);
      // The page answered 400 on purpose; the browser reports that status as a console error.
      expect(page.consoleErrors.splice(0).every((m) => /status of 400/.test(m))).toBe(true);
    }
    await checkPageWithoutJavaScript(browser, page, 'annex-a-refused');
    await page.context().close();
  }, JOURNEY_TIMEOUT);

  it('is not found for a SENCo or a parent, page and downloads alike', async () => {
    for (const person of ['kentish-vale-senco', 'parent-a']) {
      const page = await newPage(browser);
      await signInAs(page, server.url, person);
      for (const path of ['/accountability/annex-a.xlsx', '/accountability/annex-a-list-1.csv', '/accountability/annex-a-list-2.csv']) {
        const answer = await page.request.get(`${server.url}${path}?asOf=${TODAY}`);
        expect(answer.status(), `${person} ${path}`).toBe(404);
        expect(await answer.text()).toContain('Page not found');
      }
      const response = await page.goto(`${server.url}/accountability/annex-a`);
      expect(response!.status()).toBe(404);
      await expect(page.locator('h1').innerText()).resolves.toBe('Page not found');
      await checkPage(page, `annex-a-not-found-${person}`);
      await page.context().close();
    }
  }, JOURNEY_TIMEOUT);
});
