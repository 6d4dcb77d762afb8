import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChildEvent } from '../../src/domain/child-record/events.js';
import { upnCheckLetter } from '../../src/domain/identifiers/upn.js';
import { annexALists, cellOf, LIST_1_COLUMNS, type AnnexAList } from '../../src/domain/returns/annex-a/index.js';
import { annexACsv } from '../../src/reports/annex-a/annex-a-csv.js';
import { annexAWorkbook } from '../../src/reports/annex-a/annex-a-workbook.js';
import {
  ceased, childRegisteredData, days, decidedToAssess, draftIssued, finalIssued, ids, registered, requested, untilDraft, untilFinal,
} from '../domain/child-record.fixtures.js';
import { laOfficer, recorded, senco } from '../domain/decider-specification.js';

const LA = { laCode: '202', laName: 'London Borough of Camden' };
const listsOf = (events: ChildEvent[], asOf: string, childId: string = ids.child) => annexALists([{ childId, events }], { ...LA, asOf });
const cell = (list: AnnexAList, key: string, row = 0) => cellOf(list.rows[row]!, list.columns.find((c) => c.key === key)!);

const UPN = (() => {
  const body = 'X20212342500' + '7';
  return `${upnCheckLetter(body)}${body.slice(1)}`;
})();

describe('List 1: the EHC plans the LA maintains on the day', () => {
  it('lists a plan from the day its final version is issued, with the 20 weeks judged as SEN2 judges them, and the entries behind the row', () => {
    expect(listsOf(untilDraft, days.final).list1.rows).toEqual([]);
    const { list1, list2, childIds } = listsOf(untilFinal, days.final);
    expect(list1.rows).toHaveLength(1);
    expect(childIds).toEqual([ids.child]);
    expect(list2.rows).toEqual([]);
    expect(cell(list1, 'name')).toEqual({ kind: 'text', text: 'Child A' });
    expect(cell(list1, 'dateOfBirth')).toEqual({ kind: 'date', date: '2016-05-01' });
    expect(cell(list1, 'age')).toEqual({ kind: 'number', value: 9 });
    expect(cell(list1, 'planIssued')).toEqual({ kind: 'date', date: days.final });
    expect(cell(list1, 'setting')).toEqual({ kind: 'text', text: 'Hillside Primary School' });
    expect(cell(list1, 'settingUrn')).toEqual({ kind: 'text', text: '123456' });
    expect(cell(list1, 'within20Weeks')).toEqual({ kind: 'yes_no', yes: true });
    expect(cell(list1, 'weeksLate')).toEqual({ kind: 'number', value: 0 });
    expect(cell(list1, 'la')).toEqual({ kind: 'text', text: 'London Borough of Camden (202)' });
    expect(cell(list1, 'ethnicity')).toEqual({ kind: 'not_held' });
    expect(cell(list1, 'upn')).toEqual({ kind: 'none', text: 'No UPN recorded' });
    // The registration, the request (the 20-week clock's start), the draft and the final plan.
    for (const entry of [registered, requested, draftIssued, finalIssued]) expect(list1.rows[0]!.sources).toContain(entry.eventId);
    expect(list1.rows[0]!.sources).not.toContain(decidedToAssess.eventId);
  });

  it('says how many weeks beyond the 20 a late plan came, and that a review not held within a year is overdue', () => {
    const late = recorded('FinalPlanIssued', { planId: ids.plan, namedSetting: { name: 'Hillside Primary School' } }, { on: '2025-07-01', by: laOfficer });
    // Requested 13 January 2025: 20 weeks is 2 June; 1 July is 29 days on, 4.1 weeks.
    const { list1 } = listsOf([...untilDraft, late], '2026-08-01');
    expect(cell(list1, 'within20Weeks')).toEqual({ kind: 'yes_no', yes: false });
    expect(cell(list1, 'weeksLate')).toEqual({ kind: 'number', value: 4.1 });
    expect(cell(list1, 'settingUrn')).toEqual({ kind: 'none', text: 'No URN recorded' });
    expect(cell(list1, 'lastReview')).toEqual({ kind: 'none', text: 'No annual review held yet' });
    expect(cell(list1, 'nextReviewDue')).toMatchObject({ kind: 'date' });
    expect(cell(list1, 'reviewOverdue')).toEqual({ kind: 'yes_no', yes: true });
    const reviewed = recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'maintain', summary: 'Progress good' }, { on: '2026-06-10', by: laOfficer });
    const after = listsOf([...untilDraft, late, reviewed], '2026-08-01').list1;
    expect(cell(after, 'lastReview')).toEqual({ kind: 'date', date: '2026-06-10' });
    expect(cell(after, 'reviewOverdue')).toEqual({ kind: 'yes_no', yes: false });
    expect(after.rows[0]!.sources).toContain(reviewed.eventId);
  });

  it('leaves out a plan ceased by the day, and a child of another LA', () => {
    const withCeasing = [...untilFinal, ceased];
    expect(listsOf(withCeasing, '2025-08-31').list1.rows).toHaveLength(1);
    expect(listsOf(withCeasing, days.ceased).list1.rows).toEqual([]);
    expect(annexALists([{ childId: ids.child, events: untilFinal }], { laCode: '203', laName: null, asOf: days.final }).list1.rows).toEqual([]);
  });

  it('carries a UPN that may be disclosed, and says "withheld" once a decision not to disclose it is recorded, never the value', async () => {
    const upn = recorded('IdentifierRecorded', { scheme: 'upn', value: UPN }, { on: '2025-05-20', by: laOfficer });
    const shown = listsOf([...untilFinal, upn], '2025-06-01');
    expect(cell(shown.list1, 'upn')).toEqual({ kind: 'text', text: UPN });
    expect(shown.list1.rows[0]!.sources).toContain(upn.eventId);
    const withheld = recorded('IdentifierWithheld', { scheme: 'upn', reason: 'Adopted child: previous UPN' }, { on: '2025-05-21', by: laOfficer });
    const lists = listsOf([...untilFinal, upn, withheld], '2025-06-01');
    expect(cell(lists.list1, 'upn')).toEqual({ kind: 'withheld' });
    expect(lists.list1.rows[0]!.sources).toContain(withheld.eventId);
    const csv = annexACsv(lists.list1);
    expect(csv).not.toContain(UPN);
    expect(csv).toContain('Withheld (a recorded decision not to disclose it)');
    // As of a day before the decision, it could still be disclosed.
    expect(cell(listsOf([...untilFinal, upn, withheld], '2025-05-20').list1, 'upn')).toEqual({ kind: 'text', text: UPN });
  });
});

describe('List 2: the children on SEN support on the day', () => {
  const need = recorded('NeedsIdentified', { needId: ids.need, area: 'cognition_and_learning', rank: 'primary', description: 'Reading well below age' }, { on: '2025-01-08', by: senco });
  const cycle = recorded(
    'SenSupportCyclePlanned',
    { cycleId: ids.cycle, assessmentSummary: 'Phonics gaps', outcomes: ['Reads 40 words a minute'], reviewDueOn: '2025-03-28' },
    { on: '2025-01-10', by: senco },
  );

  it('lists the current cycle, its review due and whether it is overdue, until a review ends SEN support', () => {
    const before = listsOf([registered, need, cycle], '2025-03-01');
    expect(before.list1.rows).toEqual([]);
    expect(cell(before.list2, 'primaryNeed')).toEqual({ kind: 'text', text: 'Cognition and learning' });
    expect(cell(before.list2, 'secondaryNeed')).toEqual({ kind: 'none', text: 'No secondary need recorded' });
    expect(cell(before.list2, 'setting')).toEqual({ kind: 'text', text: 'Hillside Primary School' });
    expect(cell(before.list2, 'cycleStarted')).toEqual({ kind: 'date', date: '2025-01-10' });
    expect(cell(before.list2, 'reviewDue')).toEqual({ kind: 'date', date: '2025-03-28' });
    expect(cell(before.list2, 'reviewOverdue')).toEqual({ kind: 'yes_no', yes: false });
    expect(before.list2.rows[0]!.sources).toEqual([registered.eventId, need.eventId, cycle.eventId].sort());
    expect(cell(listsOf([registered, need, cycle], '2025-04-01').list2, 'reviewOverdue')).toEqual({ kind: 'yes_no', yes: true });

    const ended = recorded('SenSupportCycleReviewed', { cycleId: ids.cycle, outcomesMet: 'met', progress: 'Caught up', nextStep: 'end_sen_support' }, { on: '2025-03-27', by: senco });
    expect(listsOf([registered, need, cycle, ended], '2025-04-01').list2.rows).toEqual([]);
    expect(listsOf([registered, need, cycle, ended], '2025-03-26').list2.rows).toHaveLength(1);
  });

  it('moves a child with a final plan from List 2 to List 1', () => {
    const lists = listsOf([registered, need, cycle, ...untilFinal.slice(1)], days.final);
    expect(lists.list2.rows).toEqual([]);
    expect(lists.list1.rows).toHaveLength(1);
  });
});

describe('the CSV and the workbook', () => {
  const named = (displayName: string): ChildEvent[] => [
    recorded('ChildRegistered', { ...childRegisteredData, displayName }, { on: days.registered, by: laOfficer }),
    ...untilFinal.slice(1),
  ];

  it('quotes as RFC 4180 says, and turns a name a spreadsheet would run as a formula into text', async () => {
    const names = ['=HYPERLINK("http://example.com","click")', '+1 hidden', '-2+3', '@SUM(A1)', 'Smith, "Jo"\nsecond line'];
    const lists = annexALists(
      names.map((name, i) => ({ childId: `11111111-1111-4111-8111-00000000000${i}`, events: named(name) })),
      { ...LA, asOf: days.final },
    );
    const records = parse(annexACsv(lists.list1), { bom: true }) as string[][];
    expect(records[0]).toEqual(LIST_1_COLUMNS.map((c) => c.header));
    const csvNames = records.slice(1).map((r) => r[0]);
    expect(csvNames.sort()).toEqual(["'+1 hidden", "'-2+3", '\'=HYPERLINK("http://example.com","click")', "'@SUM(A1)", 'Smith, "Jo"\nsecond line'].sort());
    // Dates as YYYY-MM-DD, the not-held columns in words.
    const first = records[1]!;
    expect(first[LIST_1_COLUMNS.findIndex((c) => c.key === 'planIssued')]).toBe(days.final);
    expect(first[LIST_1_COLUMNS.findIndex((c) => c.key === 'ethnicity')]).toBe('Not held in SEND Ledger');

    // In the workbook the same names are plain text cells, never formulas; dates are date cells.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await annexAWorkbook(lists, { at: new Date('2026-03-02T10:00:00Z'), by: 'Test' })) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('List 1 EHC plans')!;
    const sheetNames: string[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const name = sheet.getRow(r).getCell(1);
      expect(name.type).toBe(ExcelJS.ValueType.String);
      sheetNames.push(String(name.value));
      const issued = sheet.getRow(r).getCell(LIST_1_COLUMNS.findIndex((c) => c.key === 'planIssued') + 1);
      expect(issued.value).toEqual(new Date(`${days.final}T00:00:00.000Z`));
      expect(issued.numFmt).toBe('dd/mm/yyyy');
    }
    expect(sheetNames.sort()).toEqual([...names].sort());
  });
});
