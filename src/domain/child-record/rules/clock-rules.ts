import { NotPermitted, RuleViolation } from '../../errors.js';
import { refuseCoronavirusExceptionEndOutside2020, refuseCoronavirusExceptionOutside2020 } from '../../statutory-clocks/coronavirus-2020.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { requestOf } from './assessment-rules.js';
import { dateOf, planOf, requireLocalAuthority, requireNew } from './guards.js';

/**
 * Regs 10(4) (via 13(3)) and 5(4): the LA relies on an exception to a time limit. It is recorded with
 * who invoked it, why and for which days, so the clock shows it rather than hiding the lateness.
 */
export function exceptionInvoked(command: CommandOf<'ExceptionInvoked'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'invoke an exception to a statutory time limit');
  requireNew(Boolean(record.exceptions[command.data.exceptionId]), 'duplicate-id', 'an exception with this id', 'exceptionId');
  refuseCoronavirusExceptionOutside2020(command.data);
  const request = requestOf(record, command.data.requestId);
  if (command.data.from < dateOf(request.received.on)) {
    throw new RuleViolation('exception-before-request', 'an exception cannot start before the request it applies to was received', 'from');
  }
}

export function exceptionEnded(command: CommandOf<'ExceptionEnded'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'end an exception to a statutory time limit');
  const exception = record.exceptions[command.data.exceptionId];
  if (!exception) throw new RuleViolation('unknown-exception', `this child has no exception with id ${command.data.exceptionId}`, 'exceptionId');
  if (exception.ended) throw new RuleViolation('exception-already-ended', `this exception already ended on ${exception.ended.on}`, 'exceptionId');
  if (command.data.on < exception.from) throw new RuleViolation('end-before-start', `the exception began on ${exception.from}`, 'on');
  refuseCoronavirusExceptionEndOutside2020(exception.ground, command.data.on);
}

const MEDIATION_PARTIES = new Set(['la_officer', 'parent_carer', 'young_person', 'advocate']);

/** CFA 2014 s.55: a certificate from the mediation adviser, which can extend the appeal window. */
export function mediationCertificateIssued(command: CommandOf<'MediationCertificateIssued'>, record: ChildRecord): void {
  if (!MEDIATION_PARTIES.has(command.actor.role)) {
    throw new NotPermitted('a mediation certificate is recorded by the LA, the parent or young person, or their advocate');
  }
  requireNew(record.mediationCertificates.some((c) => c.certificateId === command.data.certificateId), 'duplicate-id', 'a certificate with this id', 'certificateId');
  if (command.data.requestId !== undefined) requestOf(record, command.data.requestId);
  if (command.data.planId !== undefined) planOf(record, command.data.planId);
}

/** Regs 20(10): the LA notifies its decision after a review meeting. */
export function reviewDecisionNotified(command: CommandOf<'ReviewDecisionNotified'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'notify the decision of an annual review');
  const plan = planOf(record, command.data.planId);
  if (plan.reviews.length === 0) throw new RuleViolation('decision-needs-review', 'a review decision follows a review meeting: record the review first', 'planId');
}
