import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent } from '../../src/domain/child-record/events.js';
import { upnCheckLetter } from '../../src/domain/identifiers/upn.js';
import { buildSen2Return } from '../../src/domain/returns/sen2/build-return.js';
import { censusDateOf } from '../../src/domain/returns/sen2/census-date.js';
import type { Sen2Return } from '../../src/domain/returns/sen2/return-model.js';
import { sen2TotalsOf } from '../../src/domain/returns/sen2/totals.js';
import { SEN2_CHECKED_RULES, checkSen2Rules } from '../../src/domain/returns/sen2/validation-rules.js';
import { computeClocks } from '../../src/domain/statutory-clocks/compute-clocks.js';
import { sen2Xml } from '../../src/returns/sen2/sen2-xml.js';
import { validateSen2 } from '../../src/returns/sen2/validate-sen2.js';
import { laOfficer, parent, recorded } from '../domain/decider-specification.js';

const CHILD_A = 'a0000000-0000-4000-8000-00000000000a';
const CHILD_B = 'b0000000-0000-4000-8000-00000000000b';
const REQUEST_A = 'a0000000-0000-4000-8000-0000000000a1';
const REQUEST_B = 'b0000000-0000-4000-8000-0000000000b1';
const PLAN_A = 'a0000000-0000-4000-8000-0000000000a2';
const upn = (digits: string) => `${upnCheckLetter(`X${digits}`)}${digits}`;
const UPN_A = upn('202123456001');
const UPN_B = upn('202123456002');
const source = { softwareCode: 'SEND Ledger', release: 'test', serialNo: 1, madeAt: '2026-01-20T10:00:00.000Z' };

/**
 * Child A, worked by hand for the return of January 2026 (census Thursday 15 January 2026, covering 2025):
 *   2025-01-13 request received                          → 1 request received in 2025
 *   2025-02-17 decision to assess: 5 weeks, due 02-24     → 1 decision, within 6 weeks
 *   2025-03-03 to 04-13 exception (reg 10(4)(c))          → an exception case
 *   2025-06-16 final plan: 20 weeks were due 2025-06-02   → 1 plan issued, late: Week20 = 1 (late, and an exception applied)
 *   2025-07-01 mediation asked about the plan's contents → OtherMediation = 1
 *   active on the census date, at Hillside (URN 123456) since registration → 1 active plan, 1 placement
 *   first annual review due 2026-06-15, not in 2025     → no review counted
 * Child B, UPN recorded and then withheld:
 *   2025-09-01 request · 2025-10-20 decision not to assess: 7 weeks, due 10-13 → 1 more decision, late
 *   2025-11-03 appeal against the refusal               → RequestTribunal = 1; no assessment
 * So: requests 2, decisions 2 (1 within 6 weeks), plans 1 (0 within 20 weeks; exception cases 1), active plans 1.
 */
function buildChildren(): Array<{ childId: string; events: ChildEvent[] }> {
  const a: ChildEvent[] = [
    recorded('ChildRegistered', { childId: CHILD_A, displayName: 'Child A', dateOfBirth: '2016-05-01', laCode: '202', settingUrn: '123456', settingName: 'Hillside Primary School' }, { on: '2025-01-06', by: laOfficer }),
    recorded('IdentifierRecorded', { scheme: 'upn', value: UPN_A }, { on: '2025-01-06', by: laOfficer }),
    recorded('AssessmentRequested', { requestId: REQUEST_A, requestedBy: 'parent_carer' }, { on: '2025-01-13', by: parent }),
    recorded('DecisionToAssess', { requestId: REQUEST_A }, { on: '2025-02-17', by: laOfficer }),
    recorded('ExceptionInvoked', { exceptionId: 'a0000000-0000-4000-8000-0000000000a3', requestId: REQUEST_A, ground: 'c', reason: 'Exceptional personal circumstances.', from: '2025-03-03', to: '2025-04-13' }, { on: '2025-03-03', by: laOfficer }),
    recorded('DraftPlanIssued', { planId: PLAN_A, requestId: REQUEST_A }, { on: '2025-05-30', by: laOfficer }),
    recorded('FinalPlanIssued', { planId: PLAN_A, namedSetting: { name: 'Hillside Primary School', urn: '123456' } }, { on: '2025-06-16', by: laOfficer }),
    recorded('MediationRequested', { mediationId: 'a0000000-0000-4000-8000-0000000000a4', against: 'plan_contents', planId: PLAN_A }, { on: '2025-07-01', by: parent }),
    // After the census date: not in the return.
    recorded('AnnualReviewHeld', { planId: PLAN_A, decision: 'maintain', summary: 'Reviewed.' }, { on: '2026-02-02', by: laOfficer }),
  ];
  const b: ChildEvent[] = [
    recorded('ChildRegistered', { childId: CHILD_B, displayName: 'Child B', dateOfBirth: '2018-02-11', laCode: '202' }, { on: '2024-11-04', by: laOfficer }),
    recorded('IdentifierRecorded', { scheme: 'upn', value: UPN_B }, { on: '2024-11-04', by: laOfficer }),
    recorded('IdentifierWithheld', { scheme: 'upn', reason: 'Adopted: the previous UPN is not disclosed.' }, { on: '2024-12-02', by: laOfficer }),
    recorded('AssessmentRequested', { requestId: REQUEST_B, requestedBy: 'school' }, { on: '2025-09-01', by: laOfficer }),
    recorded('DecisionNotToAssess', { requestId: REQUEST_B, reasons: 'Needs can be met at SEN support.' }, { on: '2025-10-20', by: laOfficer }),
    recorded('AppealRegistered', { appealId: 'b0000000-0000-4000-8000-0000000000b2', against: 'refusal_to_assess', requestId: REQUEST_B }, { on: '2025-11-03', by: parent }),
  ];
  return [{ childId: CHILD_A, events: a }, { childId: CHILD_B, events: b }];
}

/** Built once, so their event ids are the same wherever they are read. */
const CHILDREN = buildChildren();
const children = () => CHILDREN;

function returnFor(returnYear: number): Sen2Return {
  const census = censusDateOf(returnYear);
  return buildSen2Return('202', returnYear, children().map(({ childId, events }) => ({
    childId,
    record: foldChildRecord(events.filter((e) => e.occurredAt.slice(0, 10) <= census)),
    clocks: computeClocks(events, census),
  })));
}

describe('the SEN2 return built from two children worked by hand', () => {
  const sen2 = returnFor(2026);
  const totals = sen2TotalsOf(sen2);

  it('has the census date of January 2026 and covers 2025', () => {
    expect(sen2.period).toEqual({ returnYear: 2026, year: 2025, from: '2025-01-01', to: '2025-12-31', referenceDate: '2026-01-15' });
    expect(censusDateOf(2025)).toBe('2025-01-16');
    expect(censusDateOf(2024)).toBe('2024-01-18');
  });

  it('counts what the comment works out, each figure with its entries', () => {
    const counts = Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, 'eventIds' in v ? v.count : [v.count.count, v.outOf.count]]));
    expect(counts).toEqual({
      requestsReceived: 2, decisionsMade: 2, decisionsWithin6Weeks: [1, 2], assessmentsCompleted: 1, plansIssued: 1, exceptionCases: 1, week20Flags: 1,
      plansWithin20WeeksIncludingExceptionCases: [0, 1], plansWithin20WeeksExcludingExceptionCases: [0, 0], activePlans: 1, plansCeased: 0,
      reviewsDue: 0, reviewsOnTime: [0, 0], phaseTransfersDue: 0, phaseTransfersAmendedByDeadline: [0, 0],
    });
    const events = new Map(children().flatMap((c) => c.events.map((e) => [e.eventId, e.type] as const)));
    expect(totals.requestsReceived.eventIds.map((id) => events.get(id))).toEqual(['AssessmentRequested', 'AssessmentRequested']);
    expect(totals.exceptionCases.eventIds.map((id) => events.get(id)).sort()).toEqual(['AssessmentRequested', 'ExceptionInvoked', 'FinalPlanIssued']);
    expect(totals.activePlans.childIds).toEqual([CHILD_A]);
  });

  it('writes the XML items of the specification, and passes the schema and the rules', async () => {
    const xml = sen2Xml(sen2, source);
    const validation = await validateSen2(sen2, xml);
    expect(validation).toEqual({ valid: true, schemaErrors: [], ruleFailures: [] });
    const parsed = new XMLParser({ parseTagValue: false, isArray: (name) => ['Person', 'Requests', 'PlacementDetail'].includes(name) }).parse(xml);
    const [a, b] = parsed.Message.Persons.Person;
    expect(a).toMatchObject({
      PersonBirthDate: '2016-05-01', UPN: UPN_A,
      Requests: [{
        ReceivedDate: '2025-01-13', RequestOutcomeDate: '2025-02-17', RequestOutcome: 'assess', RequestMediation: '0', RequestTribunal: '0',
        Assessment: {
          AssessmentOutcome: 'issue', AssessmentOutcomeDate: '2025-06-16', OtherMediation: '1', OtherTribunal: '0', Week20: '1',
          NamedPlan: { StartDate: '2025-06-16', PlanDetail: { URN: '123456', PlacementRank: '1' } },
        },
        ActivePlans: { PlacementDetail: [{ URN: '123456', PlacementRank: '1', EntryDate: '2025-01-06' }] },
      }],
    });
    // The review held after the census date is not in it.
    expect(a.Requests[0].ActivePlans.ReviewMeeting).toBeUndefined();
    expect(b).toMatchObject({ UPNunknown: 'withheld', Requests: [{ RequestOutcome: 'not_assess', RequestTribunal: '1' }] });
    expect(b.Requests[0].Assessment).toBeUndefined();
  });

  it('never exports a withheld UPN: the reason stands in its place', () => {
    const xml = sen2Xml(sen2, source);
    expect(xml).not.toContain(UPN_B);
    expect(sen2.persons.find((p) => p.childId === CHILD_B)).toMatchObject({ upnUnknown: 'withheld' });
    expect(sen2.persons.find((p) => p.childId === CHILD_B)?.upn).toBeUndefined();
    // Nor the display name: SEN2 asks for the legal name, which the ledger does not hold.
    expect(xml).not.toContain('Child A');
  });

  it('reports a year with nothing in it as a return with no persons, still valid', async () => {
    const empty = returnFor(2024);
    expect(empty.persons).toEqual([]);
    expect((await validateSen2(empty, sen2Xml(empty, source))).valid).toBe(true);
  });
});

describe('the rules the ledger checks, on a return with bad data', () => {
  const bad = (change: (sen2: Sen2Return) => void) => {
    const sen2 = structuredClone(returnFor(2026));
    change(sen2);
    return sen2;
  };
  const a = (sen2: Sen2Return) => sen2.persons.find((p) => p.childId === CHILD_A)!;
  const b = (sen2: Sen2Return) => sen2.persons.find((p) => p.childId === CHILD_B)!;
  const cases: Array<[string, (sen2: Sen2Return) => void]> = [
    ['SEN2-P1', (s) => { a(s).upn = `${UPN_A[0] === 'A' ? 'B' : 'A'}${UPN_A.slice(1)}`; }],
    ['SEN2-P2', (s) => { a(s).uln = '1234567890'; }],
    ['SEN2-P3', (s) => { delete b(s).upnUnknown; }],
    ['SEN2-P4', (s) => { a(s).birthDate = '2025-02-01'; }],
    ['SEN2-R1', (s) => { a(s).requests[0]!.outcome!.date = '2025-01-10'; }],
    ['SEN2-A1', (s) => { a(s).requests[0]!.assessment!.outcome!.date = '2025-02-01'; }],
    ['SEN2-A2', (s) => { a(s).requests[0]!.assessment!.twentyWeeks!.within = true; }],
    ['SEN2-A3', (s) => { a(s).requests[0]!.assessment!.outcome!.decision = 'not_issue'; }],
    ['SEN2-N1', (s) => { a(s).requests[0]!.assessment!.namedPlan!.startDate = '2024-12-20'; }],
    ['SEN2-N2', (s) => { a(s).requests[0]!.assessment!.namedPlan!.startDate = '2025-01-02'; }],
    ['SEN2-N3', (s) => { a(s).requests[0]!.assessment!.namedPlan!.ceased = { date: '2025-05-01', reason: 'needs_met', sources: ['x'] }; }],
    ['SEN2-AP1', (s) => { a(s).requests[0]!.activePlan!.startDate = '2026-01-20'; }],
    ['SEN2-AP2', (s) => { a(s).requests[0]!.activePlan!.placements[0]!.leavingDate = '2024-12-31'; }],
    ['SEN2-AP3', (s) => { delete a(s).requests[0]!.activePlan!.placements[0]!.urn; }],
    ['SEN2-AP4', (s) => { a(s).requests[0]!.activePlan!.lastReview = { meetingDate: '2025-03-01', decision: 'maintain', sources: ['y'] }; }],
    ['SEN2-D1', (s) => { a(s).requests[0]!.activePlan!.placements[0]!.entryDate = '2026-01-16'; }],
  ];

  it('has a case below for every rule it checks', () => {
    expect(cases.map(([id]) => id).sort()).toEqual(SEN2_CHECKED_RULES.map((r) => r.id).sort());
  });

  it.each(cases)('%s fails on bad data, naming the child and the entries behind the item', (ruleId, change) => {
    const failures = checkSen2Rules(bad(change)).filter((f) => f.ruleId === ruleId);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures[0]!.childId).not.toBeNull();
    expect(failures[0]!.eventIds.length).toBeGreaterThan(0);
    expect(failures[0]!.message).toMatch(/\w/);
  });

  it('a return that fails is reported with its failures, never as valid: rules and schema both', async () => {
    const sen2 = bad((s) => { a(s).upn = 'not a upn'; a(s).requests[0]!.outcome!.date = '2025-01-10'; });
    const validation = await validateSen2(sen2, sen2Xml(sen2, source));
    expect(validation.valid).toBe(false);
    expect(validation.schemaErrors.some((e) => /UPN/.test(e.message))).toBe(true);
    expect(validation.ruleFailures.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['SEN2-P1', 'SEN2-R1']));
  });
});
