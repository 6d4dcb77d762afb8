import type { IsoDate } from '../calendar/iso-date.js';
import { schoolYearOf } from '../calendar/school-year.js';
import { englandDateOf } from '../calendar/iso-date.js';
import type { ChildEventData } from './events.js';
import type { ChildRecord } from './state.js';

/** Where a child stands in the law's stages of support, as a caseload sorts and filters them. */
export type SupportStage = 'ehc_plan' | 'ehc_assessment' | 'sen_support' | 'none';

/**
 * What a caseload or a caseworker's desk shows of a child in a list, copied out of the fold so that it can be kept
 * per revision for thousands of children (as the access facts are) and the rest of the record can go: who, where on
 * roll, which LA, what stage of support, the areas of need, who has the case, and what the school has due outside the
 * statutory clocks (the next SEN support review and any request to confirm provision in place).
 */
export interface CaseListing {
  name: string;
  dateOfBirth: IsoDate | null;
  /** The LA the record is with (after a move under reg 15, the new LA): the one that maintains any plan. */
  laCode: string | null;
  setting: { urn: string | null; name: string | null } | null;
  stage: SupportStage;
  /** The plan the LA maintains now, if any. */
  planId: string | null;
  /** Areas of need, the primary first, each once. */
  needs: ReadonlyArray<ChildEventData<'NeedsIdentified'>['area']>;
  caseworker: { id: string; displayName: string } | null;
  /** The earliest review date among SEN support cycles not yet reviewed. */
  senSupportReviewDueOn: IsoDate | null;
  /** Requests to confirm a plan's provision in place not yet answered, by the day each was asked. */
  provisionConfirmationsAsked: readonly IsoDate[];
  /** Handovers issued and not yet signed for by the receiving setting. */
  handoversWaiting: number;
}

const NO_NEEDS: readonly never[] = Object.freeze([]);

/** The stage of support a record shows: a plan maintained, an assessment under way, a school's own support, or none. */
function stageOf(record: ChildRecord): { stage: SupportStage; planId: string | null } {
  const maintained = Object.values(record.plans).find((plan) => plan.status !== 'ceased');
  if (maintained) return { stage: maintained.status === 'final' ? 'ehc_plan' : 'ehc_assessment', planId: maintained.status === 'final' ? maintained.planId : null };
  const underWay = Object.values(record.assessmentRequests).some(
    (request) => request.decision?.outcome !== 'not_assess' && request.notToIssue === undefined && !Object.values(record.plans).some((plan) => plan.requestId === request.requestId),
  );
  if (underWay) return { stage: 'ehc_assessment', planId: null };
  const cycles = Object.values(record.senSupportCycles);
  const latest = cycles.at(-1);
  if (latest && latest.review?.nextStep !== 'end_sen_support') return { stage: 'sen_support', planId: null };
  return { stage: 'none', planId: null };
}

export function caseListingOf(record: ChildRecord): CaseListing {
  const needs = [...record.needs].sort((a, b) => (a.rank === b.rank ? 0 : a.rank === 'primary' ? -1 : 1)).map((need) => need.area);
  const open = Object.values(record.senSupportCycles).filter((cycle) => cycle.review === undefined).map((cycle) => cycle.reviewDueOn).sort();
  return {
    name: record.profile?.displayName ?? 'Child',
    dateOfBirth: record.profile?.dateOfBirth ?? null,
    laCode: record.profile?.laCode ?? null,
    setting: record.onRoll && { urn: record.onRoll.urn, name: record.onRoll.name },
    ...stageOf(record),
    needs: needs.length === 0 ? NO_NEEDS : [...new Set(needs)],
    caseworker: record.caseworker && { id: record.caseworker.id, displayName: record.caseworker.displayName },
    senSupportReviewDueOn: open[0] ?? null,
    provisionConfirmationsAsked: Object.values(record.provisionConfirmations)
      .filter((asked) => asked.confirmed === undefined)
      .map((asked) => englandDateOf(asked.requested.on))
      .sort(),
    handoversWaiting: Object.values(record.handovers).filter((handover) => handover.accepted === undefined).length,
  };
}

/**
 * The National Curriculum year group of a child of this age on a day, in the usual year group for their age:
 * 0 is reception, negative is before school (nursery), 12 and 13 are sixth form. Null without a date of birth.
 */
export function yearGroupOn(dateOfBirth: IsoDate | null, day: IsoDate): number | null {
  if (dateOfBirth === null) return null;
  return schoolYearOf(day) - schoolYearOf(dateOfBirth) - 5;
}
