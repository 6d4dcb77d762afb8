import { describe, expect, it } from 'vitest';
import { caseloadFiltersFrom, caseloadOf, NO_FILTERS, type CaseloadFilters } from '../../src/application/caseload-of.js';
import type { ListedCase } from '../../src/application/cases-in-scope.js';
import type { ChildClockSummary } from '../../src/application/child-summaries.js';
import { pageRequest } from '../../src/application/paging.js';
import type { CaseListing } from '../../src/domain/child-record/case-listing.js';
import { nextDue, thingsDue } from '../../src/domain/child-record/next-due.js';

const TODAY = '2026-03-02';
const LA_DUTY = { kind: 'duty', holder: 'local_authority' } as const;

/** A clock in summary as a list holds it: running unless it says otherwise. */
function clock(ruleId: string, dueDate: string, state: ChildClockSummary['state'], more: Partial<ChildClockSummary> = {}): ChildClockSummary {
  return {
    ruleId,
    obligation: LA_DUTY,
    triggerDate: '2025-01-01',
    dueDate,
    dueDateWithExceptions: dueDate,
    state,
    daysLate: null,
    daysLateWithoutExceptions: null,
    exceptionApplied: false,
    modification: null,
    startedBy: { eventId: 'e' },
    stoppedBy: null,
    lapsedBy: null,
    childId: 'c',
    place: 0,
    ...more,
  } as ChildClockSummary;
}

function listing(more: Partial<CaseListing>): CaseListing {
  return {
    name: 'Child',
    dateOfBirth: '2014-03-12',
    laCode: '202',
    setting: { urn: '100052', name: 'Fleet Hill School' },
    stage: 'sen_support',
    planId: null,
    needs: [],
    caseworker: null,
    senSupportReviewDueOn: null,
    provisionConfirmationsAsked: [],
    handoversWaiting: 0,
    ...more,
  };
}

const listed = (childId: string, l: Partial<CaseListing>, clocks: ChildClockSummary[] = []): ListedCase =>
  ({ childId, revision: 1, access: { reads: new Set(['record']), upToRevision: null, relationships: [] }, listing: listing(l), clocks }) as ListedCase;

describe('what is due next for a child', () => {
  it('is the soonest of the running duties and the SEN support review, overdue by the judge\'s days late', () => {
    const clocks = [
      clock('annual-review', '2025-11-20', 'missed', { daysLate: 102 }),
      clock('phase-transfer', '2026-02-15', 'missed', { daysLate: 15 }),
      clock('final-plan', '2025-06-01', 'met_late', { daysLate: 4, stoppedBy: { on: '2025-06-05', type: 'FinalPlanIssued' } }),
      clock('appeal-window', '2025-10-01', 'open', { obligation: { kind: 'right', holder: 'parent_or_young_person' } }),
      clock('provision-confirmation', '2026-03-10', 'due_soon', { obligation: { kind: 'duty', holder: 'setting', setBy: 'local_authority_request' } } as Partial<ChildClockSummary>),
    ];
    const due = thingsDue({ senSupportReviewDueOn: '2026-03-02' }, clocks, TODAY);
    expect(due.map((d) => [d.what, d.dueOn, d.daysOverdue, d.daysLeft, d.source])).toEqual([
      ['Review the EHC plan', '2025-11-20', 102, 0, 'law'],
      ['Review and amend the plan before a phase transfer', '2026-02-15', 15, 0, 'law'],
      // Due today: not yet overdue.
      ['Review the SEN support plan', '2026-03-02', 0, 0, 'sen_support'],
      ["Confirm the plan's provision is in place, as the LA asked", '2026-03-10', 0, 8, 'la_request'],
    ]);
    expect(nextDue({ senSupportReviewDueOn: null }, clocks, TODAY)?.what).toBe('Review the EHC plan');
  });

  it('counts an SEN support review date past as overdue by the days since, and nothing as nothing due', () => {
    expect(nextDue({ senSupportReviewDueOn: '2026-02-20' }, [], TODAY)).toEqual({
      source: 'sen_support', what: 'Review the SEN support plan', ruleId: null, dueOn: '2026-02-20', daysOverdue: 10, daysLeft: 0,
    });
    expect(nextDue({ senSupportReviewDueOn: null }, [clock('annual-review', '2025-11-20', 'met_on_time', { stoppedBy: { on: '2025-11-01', type: 'AnnualReviewHeld' } })], TODAY)).toBeNull();
    // Under the 2020 coronavirus rules there was no fixed date: nothing to be due by.
    expect(nextDue({ senSupportReviewDueOn: null }, [clock('final-plan', '2020-06-01', 'modified_2020', { modification: { wording: 'as soon as reasonably practicable', unmodifiedDueDate: '2020-06-01' } } as Partial<ChildClockSummary>)], TODAY)).toBeNull();
  });
});

describe("a school's caseload", () => {
  // Year groups on 2 March 2026: born 2014-03-12 is Year 7, 2013-01-15 Year 8, 2020-10-01 Reception.
  const cases = [
    listed('a', { name: 'Child A', stage: 'ehc_plan', needs: ['communication_and_interaction', 'cognition_and_learning'] }, [clock('annual-review', '2025-11-20', 'missed', { daysLate: 102 })]),
    listed('e', { name: 'Child E', dateOfBirth: '2013-01-15', needs: ['social_emotional_and_mental_health'], senSupportReviewDueOn: '2026-02-20' }),
    listed('g', { name: 'Child G', needs: ['cognition_and_learning'], senSupportReviewDueOn: '2026-03-06' }),
    listed('f', { name: 'child f', dateOfBirth: '2020-10-01', laCode: '209', needs: ['sensory_and_physical'], senSupportReviewDueOn: '2026-03-20' }),
    listed('n', { name: 'Child N', stage: 'none' }),
  ];
  const first = pageRequest('case', { first: 50 });
  const view = (filters: Partial<CaseloadFilters>, request = first) => caseloadOf(cases, { ...NO_FILTERS, ...filters }, request, TODAY);
  const ids = (filters: Partial<CaseloadFilters>) => view(filters).page.nodes.map((line) => line.case.childId);

  it('lists the most overdue first, then the soonest due, then those with nothing due; or by name', () => {
    expect(ids({})).toEqual(['a', 'e', 'g', 'f', 'n']);
    expect(ids({ sort: 'name' })).toEqual(['a', 'e', 'f', 'g', 'n']);
    const a = view({}).page.nodes[0]!;
    expect([a.yearGroup, a.next?.what, a.next?.daysOverdue]).toEqual([7, 'Review the EHC plan', 102]);
    expect(view({}).page.nodes.map((line) => line.yearGroup)).toEqual([7, 8, 7, 0, 7]);
  });

  it('filters by year group, area of need, LA, stage, overdue and name, each "any of" within and "all of" across', () => {
    expect(ids({ needs: ['cognition_and_learning'] })).toEqual(['a', 'g']);
    expect(ids({ needs: ['cognition_and_learning', 'sensory_and_physical'] })).toEqual(['a', 'g', 'f']);
    expect(ids({ overdueOnly: true })).toEqual(['a', 'e']);
    expect(ids({ yearGroups: [7] })).toEqual(['a', 'g', 'n']);
    expect(ids({ yearGroups: [7], overdueOnly: true })).toEqual(['a']);
    expect(ids({ yearGroups: [0] })).toEqual(['f']);
    expect(ids({ laCodes: ['209'] })).toEqual(['f']);
    expect(ids({ stages: ['ehc_plan', 'none'] })).toEqual(['a', 'n']);
    expect(ids({ name: '  CHILD F ' })).toEqual(['f']);
    expect(ids({ name: 'nobody' })).toEqual([]);
  });

  it('totals and counts each option over the whole caseload, whatever the filters', () => {
    const { totals, options, matching } = view({ laCodes: ['209'] });
    expect(matching).toBe(1);
    expect(totals).toEqual({ children: 5, ehcPlans: 1, senSupport: 3, beingAssessed: 0, overdue: 2 });
    expect(options).toEqual({
      yearGroups: [{ value: 0, count: 1 }, { value: 7, count: 3 }, { value: 8, count: 1 }],
      needs: [
        { value: 'communication_and_interaction', count: 1 },
        { value: 'cognition_and_learning', count: 2 },
        { value: 'social_emotional_and_mental_health', count: 1 },
        { value: 'sensory_and_physical', count: 1 },
      ],
      laCodes: [{ value: '202', count: 4 }, { value: '209', count: 1 }],
      stages: [{ value: 'ehc_plan', count: 1 }, { value: 'sen_support', count: 3 }, { value: 'none', count: 1 }],
      overdue: 2,
    });
  });

  it('pages the filtered list, each page after the last one seen, with nothing repeated or missed', () => {
    const two = pageRequest('case', { first: 2 });
    const page1 = view({}, two).page;
    expect(page1.nodes.map((l) => l.case.childId)).toEqual(['a', 'e']);
    const page2 = view({}, pageRequest('case', { first: 2, after: page1.pageInfo.endCursor })).page;
    expect(page2.nodes.map((l) => l.case.childId)).toEqual(['g', 'f']);
    expect([page2.offset, page2.pageInfo.hasPreviousPage, page2.pageInfo.hasNextPage]).toEqual([2, true, true]);
    const page3 = view({}, pageRequest('case', { first: 2, after: page2.pageInfo.endCursor })).page;
    expect(page3.nodes.map((l) => l.case.childId)).toEqual(['n']);
    expect(page3.pageInfo.hasNextPage).toBe(false);
  });

  it('reads the filters from a GET form, dropping values no filter knows', () => {
    expect(
      caseloadFiltersFrom({ year: ['7', '0', 'x', '7'], need: 'cognition_and_learning', la: ['209', 'Camden'], stage: ['sen_support', 'made_up'], overdue: 'yes', name: 'Child', sort: 'name' }),
    ).toEqual({ yearGroups: [0, 7], needs: ['cognition_and_learning'], laCodes: ['209'], stages: ['sen_support'], overdueOnly: true, name: 'Child', sort: 'name' });
    expect(caseloadFiltersFrom({ sort: 'sideways', overdue: 'no' })).toEqual(NO_FILTERS);
  });
});
