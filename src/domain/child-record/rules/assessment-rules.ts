import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { dateOf, requireLocalAuthority, requireNew, requireNotBefore } from './guards.js';

function requestOf(record: ChildRecord, requestId: string) {
  const request = record.assessmentRequests[requestId];
  if (!request) throw new RuleViolation('unknown-assessment-request', `this child has no EHC needs assessment request with id ${requestId}`, 'requestId');
  return request;
}

export function assessmentRequested(command: CommandOf<'AssessmentRequested'>, record: ChildRecord): void {
  requireNew(Boolean(record.assessmentRequests[command.data.requestId]), 'duplicate-id', 'an assessment request with this id', 'requestId');
  const open = Object.values(record.assessmentRequests).find(
    (r) => !r.decision || (r.decision.outcome === 'assess' && !r.planId && !r.notToIssue),
  );
  if (open) {
    throw new RuleViolation('assessment-request-open', `an EHC needs assessment request (${open.requestId}) is still open for this child`, 'requestId');
  }
}

/** Regs 5: the LA decides whether to assess, after the request was received. */
export function assessmentDecided(command: CommandOf<'DecisionToAssess'> | CommandOf<'DecisionNotToAssess'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'decide whether to carry out an EHC needs assessment');
  const request = requestOf(record, command.data.requestId);
  if (request.decision) {
    throw new RuleViolation('assessment-already-decided', `the request ${request.requestId} was already decided on ${dateOf(request.decision.on)}`, 'requestId');
  }
  requireNotBefore(command.occurredAt, request.received.on, 'decision-before-request', 'a decision cannot precede the request it decides');
}

export function adviceRequested(command: CommandOf<'AdviceRequested'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'request advice for an EHC needs assessment');
  requireNew(Boolean(record.adviceRequests[command.data.adviceRequestId]), 'duplicate-id', 'an advice request with this id', 'adviceRequestId');
  const request = requestOf(record, command.data.requestId);
  if (request.decision?.outcome !== 'assess') {
    throw new RuleViolation('advice-needs-decision-to-assess', 'advice is requested only after a decision to assess (Regs 6)', 'requestId');
  }
}

export function adviceReceived(command: CommandOf<'AdviceReceived'>, record: ChildRecord): void {
  const advice = record.adviceRequests[command.data.adviceRequestId];
  if (!advice) throw new RuleViolation('unknown-advice-request', `no advice was requested with id ${command.data.adviceRequestId}`, 'adviceRequestId');
  if (advice.received) throw new RuleViolation('advice-already-received', 'this advice is already recorded as received', 'adviceRequestId');
  requireNotBefore(command.occurredAt, advice.requested.on, 'advice-before-request', 'advice cannot arrive before it was requested');
}

/** Regs 10: after assessing, the LA may decide not to issue a plan. */
export function decidedNotToIssue(command: CommandOf<'DecisionNotToIssue'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'decide not to issue an EHC plan');
  const request = requestOf(record, command.data.requestId);
  if (request.decision?.outcome !== 'assess') {
    throw new RuleViolation('not-to-issue-needs-assessment', 'a decision not to issue follows an assessment (Regs 10)', 'requestId');
  }
  if (request.planId || request.notToIssue) {
    throw new RuleViolation('assessment-already-concluded', `the assessment for request ${request.requestId} has already concluded`, 'requestId');
  }
}

export { requestOf };
