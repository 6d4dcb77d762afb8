import { englandDateOf } from '../../calendar/iso-date.js';
import { RuleViolation } from '../../errors.js';
import { reviewAfterTransferDue } from '../../statutory-clocks/limits.js';
import { REG_15_5_REVIEW } from '../../statutory-clocks/rules.js';
import type { CommandOf } from '../commands.js';
import type { ChildEvent } from '../events.js';
import type { ChildRecord, EhcPlan, LaMove } from '../state.js';
import { dateOf, planOf, requireLocalAuthority, requireNew, requireNotBefore, requireNotCeased, requireOfficerOf } from './guards.js';

/**
 * Moving a child with an EHC plan to another LA's area (SEND Regs 2014 reg 15). The old LA notes the
 * move and transfers the plan (reg 15(2)); the new LA takes it in, from when the plan is treated as its
 * own (reg 15(3)) and the child's record is its record; it then tells the family within 6 weeks whether
 * it will reassess and when it will review (reg 15(4)-(5)). The time limits are statutory clocks
 * (statutory-clocks/rules.ts); these rules keep the order of the steps and who may record each.
 */

/** A plan that can move: a final plan still maintained. */
function movablePlan(record: ChildRecord, planId: string): EhcPlan {
  const plan = planOf(record, planId);
  requireNotCeased(plan);
  if (plan.status !== 'final') {
    throw new RuleViolation('transfer-needs-final-plan', 'only a final EHC plan is transferred to another local authority (reg 15)', 'planId');
  }
  return plan;
}

function moveOf(record: ChildRecord, moveId: string): LaMove {
  const move = record.laMoves[moveId];
  if (!move) throw new RuleViolation('unknown-move', `this child has no move to another local authority with id ${moveId}`, 'moveId');
  return move;
}

/** Each later entry names the move's plan (and LA) again: they must agree with the move. */
function requireSameAsMove(move: LaMove, field: 'planId' | 'toLaCode' | 'fromLaCode', given: string): void {
  const expected = field === 'planId' ? move.planId : field === 'toLaCode' ? move.toLaCode : move.fromLaCode;
  if (given !== expected) {
    throw new RuleViolation('move-mismatch', `move ${move.moveId} has ${field} ${expected}, not ${given}`, field);
  }
}

/** Reg 15(1): the LA maintaining the plan records that the child is moving into another LA's area. */
export function laMoveNotified(command: CommandOf<'LaMoveNotified'>, record: ChildRecord): void {
  const { data } = command;
  requireLocalAuthority(command.actor, record, 'record a move to another local authority');
  requireNew(Boolean(record.laMoves[data.moveId]), 'duplicate-id', 'a move with this id', 'moveId');
  movablePlan(record, data.planId);
  const laCode = record.profile?.laCode;
  if (data.toLaCode === laCode) {
    throw new RuleViolation('move-within-la', `the child's local authority is already ${laCode}: a move under reg 15 is to another local authority`, 'toLaCode');
  }
  const open = Object.values(record.laMoves).find((move) => move.planId === data.planId && !move.transferredIn);
  if (open) {
    throw new RuleViolation('move-already-open', `move ${open.moveId} of this plan to local authority ${open.toLaCode} is not complete yet`, 'planId');
  }
  if (data.learnedOn > dateOf(command.occurredAt)) {
    throw new RuleViolation('learned-after-recorded', `the LA cannot record a move before it learned of it (learnedOn ${data.learnedOn})`, 'learnedOn');
  }
}

/** Reg 15(2): the old LA transfers the plan, once, after noting the move; the clock judges whether on time. */
export function planTransferredOut(command: CommandOf<'PlanTransferredOut'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'transfer an EHC plan to another local authority');
  const move = moveOf(record, command.data.moveId);
  requireSameAsMove(move, 'planId', command.data.planId);
  requireSameAsMove(move, 'toLaCode', command.data.toLaCode);
  if (move.transferredOut) {
    throw new RuleViolation('plan-already-transferred-out', `the plan was already transferred for this move on ${dateOf(move.transferredOut.on)}`, 'moveId');
  }
  movablePlan(record, move.planId);
  requireNotBefore(command.occurredAt, move.notified.on, 'transfer-before-move-notified', 'the plan cannot be transferred before the move was recorded');
}

/** Reg 15(3): only the receiving LA takes the plan in, after the old LA transferred it. */
export function planTransferredIn(command: CommandOf<'PlanTransferredIn'>, record: ChildRecord): void {
  const move = moveOf(record, command.data.moveId);
  requireOfficerOf(command.actor, move.toLaCode, 'the receiving local authority', 'take in an EHC plan transferred to it');
  requireSameAsMove(move, 'planId', command.data.planId);
  requireSameAsMove(move, 'fromLaCode', command.data.fromLaCode);
  if (!move.transferredOut) {
    throw new RuleViolation('transfer-in-needs-transfer-out', `local authority ${move.fromLaCode} has not transferred the plan yet (reg 15(2))`, 'moveId');
  }
  if (move.transferredIn) {
    throw new RuleViolation('plan-already-transferred-in', `the plan was already taken in for this move on ${dateOf(move.transferredIn.on)}`, 'moveId');
  }
  movablePlan(record, move.planId);
  requireNotBefore(command.occurredAt, move.transferredOut.on, 'transfer-in-before-transfer-out', 'the plan cannot be taken in before it was transferred out');
}

/**
 * Reg 15(4): the new LA tells the family, once per move, that the plan was transferred, whether it will
 * reassess, and when it will review; reg 15(5) bounds that review date.
 */
export function newLaDecisionNotified(command: CommandOf<'NewLaDecisionNotified'>, record: ChildRecord): void {
  const move = moveOf(record, command.data.moveId);
  requireOfficerOf(command.actor, move.toLaCode, 'the new local authority', 'notify its decision after a transfer');
  requireSameAsMove(move, 'planId', command.data.planId);
  if (!move.transferredIn) {
    throw new RuleViolation('decision-needs-transfer-in', 'the new local authority decides after it has taken the plan in: record the transfer in first', 'moveId');
  }
  if (move.newLaDecision) {
    throw new RuleViolation('new-la-decision-already-notified', `the family was told on ${dateOf(move.newLaDecision.on)}`, 'moveId');
  }
  const plan = movablePlan(record, move.planId);
  requireNotBefore(command.occurredAt, move.transferredIn.on, 'decision-before-transfer-in', 'the decision cannot precede the transfer in');
  const { reviewBy } = command.data;
  if (reviewBy < dateOf(command.occurredAt)) {
    throw new RuleViolation('review-date-in-past', `the review date ${reviewBy} is before this notice`, 'reviewBy');
  }
  const latest = latestReviewAfterTransfer(plan, move.transferredIn.on);
  if (reviewBy > latest) {
    throw new RuleViolation(
      'review-date-too-late',
      `reg 15(5): the review must be held by ${latest} (the later of 12 months from the plan or its last review, and 3 months from the transfer)`,
      'reviewBy',
    );
  }
}

/** The last day reg 15(5) allows for the first review after the transfer, from the plan as the record holds it. */
export function latestReviewAfterTransfer(plan: EhcPlan, transferredInAt: string): string {
  const transferredOn = englandDateOf(transferredInAt);
  const madeOrReviewed = [plan.finalIssued, ...plan.reviews]
    .filter((entry) => entry !== undefined)
    .map((entry) => englandDateOf(entry.on))
    .filter((on) => on <= transferredOn)
    .sort()
    .at(-1);
  return reviewAfterTransferDue(madeOrReviewed, transferredOn, REG_15_5_REVIEW);
}

/**
 * The transfer entries repeat the move's LA. Once the plan has been transferred out, a correction of the
 * move cannot send it to another LA: the transfer already happened (record a further move instead).
 */
export function requireMoveStillCorrectable(target: ChildEvent, corrected: Record<string, unknown>, record: ChildRecord): void {
  if (target.type !== 'LaMoveNotified') return;
  const move = record.laMoves[target.data.moveId];
  if (move?.transferredOut && corrected.toLaCode !== move.toLaCode) {
    throw new RuleViolation(
      'move-already-transferred',
      `the plan was transferred to local authority ${move.toLaCode} on ${dateOf(move.transferredOut.on)}; a correction cannot change where it went`,
      'correctedData.toLaCode',
    );
  }
}
