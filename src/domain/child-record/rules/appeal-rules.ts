import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import type { CommandOf } from '../commands.js';
import type { Appeal, ChildRecord } from '../state.js';
import type { TribunalOrderKind } from '../vocabulary.js';
import { requestOf } from './assessment-rules.js';
import { dateOf, planOf, requireLocalAuthority, requireNew, requireNotBefore } from './guards.js';

/** The appeal an entry is about, or the refusal naming the field. */
export function appealOf(record: ChildRecord, appealId: string, field = 'appealId'): Appeal {
  const appeal = record.appeals.find((a) => a.appealId === appealId);
  if (!appeal) throw new RuleViolation('unknown-appeal', `this child has no appeal with id ${appealId}`, field);
  return appeal;
}

/**
 * An appeal still before the tribunal: not withdrawn, not decided, and not ended without a hearing (reg 45(2): an
 * appeal the LA does not oppose is treated as decided for the family; a consent order disposes of it).
 */
function requireBeforeTribunal(appeal: Appeal, what: string): void {
  if (appeal.withdrawn) throw new RuleViolation('appeal-withdrawn', `the appeal was withdrawn on ${dateOf(appeal.withdrawn.on)}: ${what}`, 'appealId');
  if (appeal.decision) throw new RuleViolation('appeal-decided', `the tribunal decided the appeal on ${dateOf(appeal.decision.on)}: ${what}`, 'appealId');
  const ended = appeal.outcomes.find((outcome) => outcome.how !== 'ordered');
  if (ended) {
    const how = ended.how === 'not_opposed' ? 'the LA did not oppose it (reg 45)' : 'a consent order disposed of it';
    throw new RuleViolation('appeal-ended', `the appeal ended on ${dateOf(ended.made.on)}: ${how}; ${what}`, 'appealId');
  }
}

/** CFA 2014 s.53: mediation is about a decision the family may appeal. */
export function mediationRequested(command: CommandOf<'MediationRequested'>, record: ChildRecord): void {
  requireNew(record.mediationRequests.some((m) => m.mediationId === command.data.mediationId), 'duplicate-id', 'a mediation request with this id', 'mediationId');
  if (command.data.requestId !== undefined) requestOf(record, command.data.requestId);
  if (command.data.planId !== undefined) planOf(record, command.data.planId);
}

/** CFA 2014 s.51(2): what is appealed, about which request or plan; sections only for an appeal on the plan's contents. */
export function appealRegistered(command: CommandOf<'AppealRegistered'>, record: ChildRecord): void {
  const { data } = command;
  requireNew(record.appeals.some((a) => a.appealId === data.appealId), 'duplicate-id', 'an appeal with this id', 'appealId');
  if (data.planId !== undefined) planOf(record, data.planId);
  if (data.requestId !== undefined) requestOf(record, data.requestId);
  if (data.sections !== undefined && data.against !== 'plan_contents') {
    throw new RuleViolation('sections-need-contents-appeal', 'sections B, F and I are appealed only in an appeal against the plan\'s contents', 'sections');
  }
}

/** Tribunal Rules r.21: the LA responds once, after the appeal was registered and before it ends. */
export function appealResponseSubmitted(command: CommandOf<'AppealResponseSubmitted'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'respond to an appeal');
  const appeal = appealOf(record, command.data.appealId);
  requireBeforeTribunal(appeal, 'there is nothing left to respond to');
  if (appeal.response) throw new RuleViolation('already-responded', `the LA responded on ${dateOf(appeal.response.on)}`, 'appealId');
  requireNotBefore(command.occurredAt, appeal.on, 'response-before-appeal', 'a response cannot come before the appeal was registered');
}

export function tribunalDirectionsGiven(command: CommandOf<'TribunalDirectionsGiven'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  requireBeforeTribunal(appeal, 'no direction can follow');
  requireNotBefore(command.occurredAt, appeal.on, 'directions-before-appeal', 'directions cannot come before the appeal was registered');
  command.data.directions.forEach((direction, index) => {
    if (direction.dueOn < dateOf(command.occurredAt)) {
      throw new RuleViolation('direction-due-before-given', `a direction given on ${dateOf(command.occurredAt)} cannot fall due before it`, `directions.${index}.dueOn`);
    }
  });
}

export function hearingListed(command: CommandOf<'HearingListed'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  requireBeforeTribunal(appeal, 'no hearing can be listed');
  requireNotBefore(command.occurredAt, appeal.on, 'hearing-before-appeal', 'a hearing cannot be listed before the appeal was registered');
  if (command.data.hearingOn < dateOf(command.occurredAt)) {
    throw new RuleViolation('hearing-before-listing', `a hearing listed on ${dateOf(command.occurredAt)} cannot be held before it`, 'hearingOn');
  }
}

export function tribunalDecisionIssued(command: CommandOf<'TribunalDecisionIssued'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  requireBeforeTribunal(appeal, 'it cannot be decided again');
  requireNotBefore(command.occurredAt, appeal.on, 'decision-before-appeal', 'the tribunal cannot decide before the appeal was registered');
}

/** Which appeals can end in which order (SEND Regs 2014 reg 43(2)). */
const ORDERS_FOR: Record<TribunalOrderKind, readonly Appeal['against'][]> = {
  assess: ['refusal_to_assess'],
  issue_plan: ['refusal_to_issue'],
  amend_plan: ['plan_contents', 'refusal_to_amend'],
  name_school: ['plan_contents', 'refusal_to_amend'],
  continue_to_maintain: ['cease'],
};

type Outcome = CommandOf<'TribunalOrderMade'> | CommandOf<'AppealNotOpposed'>;

/** An order, or a concession, is of a kind the appeal allows, about the request or plan it must name. */
function requireOutcomeFits(command: Outcome, record: ChildRecord, appeal: Appeal): void {
  const { data } = command;
  const id = command.record === 'TribunalOrderMade' ? command.data.orderId : command.data.outcomeId;
  const field = command.record === 'TribunalOrderMade' ? 'orderId' : 'outcomeId';
  requireNew(record.appeals.some((a) => a.outcomes.some((o) => o.outcomeId === id)), 'duplicate-id', 'an order or concession with this id', field);
  if (!ORDERS_FOR[data.kind].includes(appeal.against)) {
    throw new RuleViolation('order-does-not-fit-appeal', `an appeal against ${appeal.against.replace(/_/g, ' ')} cannot end in "${data.kind.replace(/_/g, ' ')}"`, 'kind');
  }
  requireNotBefore(command.occurredAt, appeal.on, 'outcome-before-appeal', 'an appeal cannot end before it was registered');
  if (data.kind === 'assess' || data.kind === 'issue_plan') {
    if (data.requestId === undefined) throw new RuleViolation('request-needed', 'name the assessment request whose refusal this sets aside', 'requestId');
    const request = requestOf(record, data.requestId);
    if (data.kind === 'assess' && request.decision?.outcome !== 'not_assess') {
      throw new RuleViolation('no-refusal-to-assess', `request ${request.requestId} has no refusal to assess standing`, 'requestId');
    }
    if (data.kind === 'issue_plan' && !request.notToIssue) {
      throw new RuleViolation('no-refusal-to-issue', `request ${request.requestId} has no decision not to issue standing`, 'requestId');
    }
  } else {
    planOf(record, data.planId);
  }
}

/** Reg 43(2): the tribunal's orders, after a decision allowing the appeal, or by consent of the parties at any time. */
export function tribunalOrderMade(command: CommandOf<'TribunalOrderMade'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  if (appeal.withdrawn) throw new RuleViolation('appeal-withdrawn', `the appeal was withdrawn on ${dateOf(appeal.withdrawn.on)}`, 'appealId');
  if (!command.data.consent) {
    if (!appeal.decision) throw new RuleViolation('order-needs-decision', 'an order after a hearing follows the tribunal\'s decision: record the decision first (or mark it a consent order)', 'consent');
    if (appeal.decision.outcome === 'dismissed') throw new RuleViolation('appeal-dismissed', `the tribunal dismissed the appeal on ${dateOf(appeal.decision.on)}: it ordered nothing`, 'appealId');
    requireNotBefore(command.occurredAt, appeal.decision.on, 'order-before-decision', 'an order cannot precede the decision it comes with');
  } else if (appeal.decision) {
    throw new RuleViolation('appeal-decided', `the tribunal decided the appeal on ${dateOf(appeal.decision.on)}: record its orders, not a consent order`, 'consent');
  }
  requireOutcomeFits(command, record, appeal);
}

/** Reg 45(1): only before its response does the LA end an appeal by not opposing it; after, the parties agree a consent order. */
export function appealNotOpposed(command: CommandOf<'AppealNotOpposed'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'tell the tribunal it will not oppose an appeal');
  const appeal = appealOf(record, command.data.appealId);
  // The LA may concede more than one thing (e.g. to assess, and later to name a school): only its other endings count.
  requireBeforeTribunal({ ...appeal, outcomes: appeal.outcomes.filter((outcome) => outcome.how !== 'not_opposed') }, 'there is nothing left to concede');
  if (appeal.response) {
    throw new RuleViolation(
      'already-responded',
      `the LA responded to the appeal on ${dateOf(appeal.response.on)}: a concession now ends in a consent order (reg 44), not an unopposed appeal (reg 45)`,
      'appealId',
    );
  }
  requireOutcomeFits(command, record, appeal);
}

/** The LA sets aside its own refusal: the request stands again, and its time limits run on from the request. */
export function decisionReversed(command: CommandOf<'DecisionReversed'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'reverse its decision');
  const { data } = command;
  const request = requestOf(record, data.requestId);
  const refusal = data.decision === 'refusal_to_assess' ? (request.decision?.outcome === 'not_assess' ? request.decision : undefined) : request.notToIssue;
  if (!refusal) {
    throw new RuleViolation('no-refusal-standing', `request ${request.requestId} has no ${data.decision.replace(/_/g, ' ')} standing to reverse`, 'decision');
  }
  requireNotBefore(command.occurredAt, refusal.on, 'reversal-before-refusal', 'a refusal cannot be reversed before it was made');
  if (data.appealId !== undefined) appealOf(record, data.appealId);
}

export function appealWithdrawn(command: CommandOf<'AppealWithdrawn'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  requireBeforeTribunal(appeal, 'it can no longer be withdrawn');
  requireNotBefore(command.occurredAt, appeal.on, 'withdrawal-before-appeal', 'an appeal cannot be withdrawn before it was registered');
}

export function tribunalRecommendationMade(command: CommandOf<'TribunalRecommendationMade'>, record: ChildRecord): void {
  const appeal = appealOf(record, command.data.appealId);
  requireNew(Boolean(record.recommendations[command.data.recommendationId]), 'duplicate-id', 'a recommendation with this id', 'recommendationId');
  if (appeal.withdrawn) throw new RuleViolation('appeal-withdrawn', `the appeal was withdrawn on ${dateOf(appeal.withdrawn.on)}`, 'appealId');
  requireNotBefore(command.occurredAt, appeal.on, 'recommendation-before-appeal', 'a recommendation cannot precede the appeal');
}

/** The body a recommendation was made to answers it once, saying whether it follows it and why. */
export function recommendationAnswered(command: CommandOf<'RecommendationAnswered'>, record: ChildRecord): void {
  const recommendation = record.recommendations[command.data.recommendationId];
  if (!recommendation) throw new RuleViolation('unknown-recommendation', `this child has no recommendation with id ${command.data.recommendationId}`, 'recommendationId');
  if (recommendation.answered) throw new RuleViolation('already-answered', `the recommendation was answered on ${dateOf(recommendation.answered.on)}`, 'recommendationId');
  requireNotBefore(command.occurredAt, recommendation.made.on, 'answer-before-recommendation', 'an answer cannot precede the recommendation');
}

/** An LA officer speaks for the LA, anyone else for the family: the working document's key must tell them apart truly. */
export function requireOwnParty(actor: CommandOf<'PlanAmendmentProposed'>['actor'], party: string, field: string): void {
  const forLa = LOCAL_AUTHORITY_ROLES.includes(actor.role as Role);
  if (forLa !== (party === 'local_authority')) {
    throw new NotPermitted(`as ${actor.role} you record the ${forLa ? 'local authority\'s' : 'family\'s'} part, not the ${party.replace(/_/g, ' ')}'s (${field})`);
  }
}
