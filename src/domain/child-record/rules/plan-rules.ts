import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { requestOf } from './assessment-rules.js';
import { addDays, dateOf, planOf, requireLocalAuthority, requireNew, requireNotBefore, requireNotCeased, requirePlanIssuer } from './guards.js';

/** The type of a plan in the record; an unknown plan is judged as an EHC plan (its rule then refuses the unknown id). */
const planTypeOf = (record: ChildRecord, planId: string) => record.plans[planId]?.planType ?? 'ehc_plan';

/** Regs 13(1): the family has at least 15 days to comment on a draft before the plan is finalised. */
export const DRAFT_COMMENT_DAYS = 15;

export function draftPlanIssued(command: CommandOf<'DraftPlanIssued'>, record: ChildRecord): void {
  requirePlanIssuer(command.actor, record, 'ehc_plan', 'issue an EHC plan');
  requireNew(Boolean(record.plans[command.data.planId]), 'duplicate-id', 'an EHC plan with this id', 'planId');
  const request = requestOf(record, command.data.requestId);
  if (request.decision?.outcome !== 'assess') {
    throw new RuleViolation('draft-needs-decision-to-assess', 'a draft EHC plan follows a decision to assess', 'requestId');
  }
  if (request.planId) throw new RuleViolation('draft-already-issued', `a draft plan (${request.planId}) was already issued for this request`, 'requestId');
  if (request.notToIssue) throw new RuleViolation('decided-not-to-issue', 'the LA decided not to issue a plan for this request', 'requestId');
  requireNotBefore(command.occurredAt, request.decision.on, 'draft-before-decision', 'a draft plan cannot precede the decision to assess');
}

export function finalPlanIssued(command: CommandOf<'FinalPlanIssued'>, record: ChildRecord): void {
  requirePlanIssuer(command.actor, record, planTypeOf(record, command.data.planId), 'issue an EHC plan');
  const plan = record.plans[command.data.planId];
  if (!plan) throw new RuleViolation('final-plan-requires-draft', 'a final EHC plan must follow a draft plan (Regs 13): issue the draft first', 'planId');
  requireNotCeased(plan);
  if (plan.status === 'final') {
    const how = plan.origin.kind === 'statement_transfer' ? 'became final on the transfer of a statement' : 'was already issued as final';
    throw new RuleViolation('plan-already-final', `plan ${plan.planId} ${how} on ${dateOf(plan.finalIssued!.on)}`, 'planId');
  }
  const earliest = addDays(dateOf(plan.draftIssued.on), DRAFT_COMMENT_DAYS);
  if (dateOf(command.occurredAt) < earliest) {
    throw new RuleViolation(
      'draft-comment-period',
      `the family has at least ${DRAFT_COMMENT_DAYS} days to comment on the draft (Regs 13(1)); the final plan can be issued from ${earliest}`,
      'occurredAt',
    );
  }
}

export function planAmended(command: CommandOf<'PlanAmended'>, record: ChildRecord): void {
  requirePlanIssuer(command.actor, record, planTypeOf(record, command.data.planId), 'amend an EHC plan');
  const plan = planOf(record, command.data.planId);
  requireNotCeased(plan);
  if (plan.status !== 'final') throw new RuleViolation('amend-needs-final-plan', 'only a final EHC plan can be amended; change the draft instead', 'planId');
}

/** CFA 2014 s.45: the LA ceases to maintain a plan, so only a final plan can be ceased (a draft is withdrawn by deciding not to issue). */
export function planCeased(command: CommandOf<'PlanCeased'>, record: ChildRecord): void {
  requirePlanIssuer(command.actor, record, planTypeOf(record, command.data.planId), 'cease an EHC plan');
  const plan = planOf(record, command.data.planId);
  requireNotCeased(plan);
  if (plan.status !== 'final') throw new RuleViolation('cease-needs-final-plan', 'only a final EHC plan is ceased; for a draft, record a decision not to issue', 'planId');
}

/**
 * CFA 2014 s.44 and Regs 20(10): the review is of a final plan still maintained, and the decision
 * to maintain, amend or cease it is the local authority's (the setting holds the meeting and reports).
 */
export function annualReviewHeld(command: CommandOf<'AnnualReviewHeld'>, record: ChildRecord): void {
  requirePlanIssuer(command.actor, record, planTypeOf(record, command.data.planId), 'record the decision of an annual review');
  const plan = planOf(record, command.data.planId);
  requireNotCeased(plan);
  if (plan.status !== 'final') throw new RuleViolation('review-needs-final-plan', 'only a final EHC plan is reviewed', 'planId');
  requireNotBefore(command.occurredAt, plan.finalIssued!.on, 'review-before-plan', 'a review cannot precede the final plan');
}

export function phaseTransferPlacementNamed(command: CommandOf<'PhaseTransferPlacementNamed'>, record: ChildRecord): void {
  if (command.data.planId === undefined) return;
  requireLocalAuthority(command.actor, record, 'name the placement in an EHC plan (section I)');
  requireNotCeased(planOf(record, command.data.planId));
}
