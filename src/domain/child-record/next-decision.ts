import { addDays, englandDateOf, type IsoDate } from '../calendar/iso-date.js';
import type { StatutoryClock } from '../statutory-clocks/clock.js';
import { DRAFT_COMMENT_DAYS } from './rules/plan-rules.js';
import type { ChildRecord } from './state.js';

/**
 * What the local authority has to decide next on a child's case, read from the record and its clocks: the law's
 * order of an EHC needs assessment and plan (request, decision to assess, advice, draft, final plan, reviews).
 */

/** The decisions a caseworker records with a form, by the name of the form. */
export const DECISION_FORMS = [
  'decide-assessment',
  'request-advice',
  'decide-not-to-issue',
  'issue-draft',
  'issue-final',
  'amend-plan',
  'cease-plan',
  'notify-review-decision',
] as const;
export type DecisionForm = (typeof DECISION_FORMS)[number];

/** A step of the case: a decision recorded with a form, or one recorded elsewhere (the annual review meeting). */
export type CaseStep = DecisionForm | 'hold-review';

export interface NextDecision {
  step: CaseStep;
  /** The request or plan the decision is about. */
  subjectId: string;
  /** The statutory clock the decision meets, if any, and the day it is due (exception days added). */
  ruleId: string | null;
  dueBy: IsoDate | null;
  /** The first day it may lawfully be made (the final plan, after the family's 15 days to comment on the draft). */
  from: IsoDate | null;
  overdue: boolean;
}

type CaseClock = Pick<StatutoryClock, 'ruleId' | 'subject' | 'dueDateWithExceptions' | 'stoppedBy' | 'lapsedBy' | 'state'>;

/** The next decision first (the soonest due), then the others open now; none when nothing is open on the case. */
export function nextDecisions(record: ChildRecord, clocks: readonly CaseClock[]): NextDecision[] {
  const running = (ruleId: string, subjectId: string) =>
    clocks.find((c) => c.ruleId === ruleId && c.subject.id === subjectId && c.stoppedBy === null && c.lapsedBy === null);
  /** `counted` is what the clock is about, when not the decision's own subject (the final plan's 20 weeks run from the request). */
  const step = (step: CaseStep, subjectId: string, ruleId: string | null, from: IsoDate | null = null, counted = subjectId): NextDecision => {
    const clock = ruleId === null ? undefined : running(ruleId, counted);
    return { step, subjectId, ruleId: clock ? ruleId : null, dueBy: clock?.dueDateWithExceptions ?? null, from, overdue: clock?.state === 'missed' };
  };
  const due: NextDecision[] = [];
  const open: NextDecision[] = [];

  for (const request of Object.values(record.assessmentRequests)) {
    if (!request.decision) {
      due.push(step('decide-assessment', request.requestId, 'decide-whether-to-assess'));
      continue;
    }
    if (request.decision.outcome !== 'assess' || request.notToIssue) continue;
    const plan = request.planId ? record.plans[request.planId] : undefined;
    if (!plan) {
      due.push(step('issue-draft', request.requestId, 'decision-whether-to-issue'));
      open.push(step('decide-not-to-issue', request.requestId, 'decision-whether-to-issue'), step('request-advice', request.requestId, null));
    } else if (plan.status === 'draft') {
      const from = addDays(englandDateOf(plan.draftIssued.on), DRAFT_COMMENT_DAYS);
      due.push(step('issue-final', plan.planId, 'final-plan', from, request.requestId));
      open.push(step('request-advice', request.requestId, null));
    }
  }

  for (const plan of Object.values(record.plans)) {
    if (plan.status !== 'final') continue;
    const notice = running('review-decision', plan.planId);
    const amendment = running('amended-plan', plan.planId);
    if (notice) due.push(step('notify-review-decision', plan.planId, 'review-decision'));
    if (amendment) due.push(step('amend-plan', plan.planId, 'amended-plan'));
    for (const ruleId of ['annual-review', 'review-after-transfer', 'phase-transfer']) {
      if (running(ruleId, plan.planId)) due.push(step('hold-review', plan.planId, ruleId));
    }
    if (!amendment) open.push(step('amend-plan', plan.planId, null));
    open.push(step('cease-plan', plan.planId, null));
  }

  // Soonest due first; a decision with no date of its own after those that have one.
  const ordered = due.sort((a, b) => (a.dueBy ?? '9999-12-31').localeCompare(b.dueBy ?? '9999-12-31'));
  return [...ordered, ...open];
}
