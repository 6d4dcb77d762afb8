import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { planOf, requireLocalAuthority, requireNew, requireNotBefore, requireNotCeased } from './guards.js';

/** The LA asks the setting named in an issued plan to confirm its provision is in place: a request, not a duty in law. */
export function provisionConfirmationRequested(command: CommandOf<'ProvisionConfirmationRequested'>, record: ChildRecord): void {
  const { data } = command;
  requireLocalAuthority(command.actor, record, 'ask for a plan\'s provision to be confirmed in place');
  requireNew(Boolean(record.provisionConfirmations[data.confirmationId]), 'duplicate-id', 'a confirmation request with this id', 'confirmationId');
  const plan = planOf(record, data.planId);
  requireNotCeased(plan);
  if (!plan.finalIssued) {
    throw new RuleViolation('plan-not-final', `EHC plan ${plan.planId} has no final version yet: there is no provision to put in place`, 'planId');
  }
  requireNotBefore(command.occurredAt, plan.finalIssued.on, 'request-before-final-plan', 'provision cannot be asked to be in place before the final plan was issued');
}

/** The setting answers once, naming only lines of that plan that are still owed as not yet in place. */
export function provisionConfirmedInPlace(command: CommandOf<'ProvisionConfirmedInPlace'>, record: ChildRecord): void {
  const { data } = command;
  const asked = record.provisionConfirmations[data.confirmationId];
  if (!asked) throw new RuleViolation('unknown-confirmation-request', `no one asked for confirmation ${data.confirmationId} on this child's record`, 'confirmationId');
  if (asked.confirmed) {
    throw new RuleViolation('already-confirmed', `this request was answered on ${asked.confirmed.on.slice(0, 10)}; correct that entry instead`, 'confirmationId');
  }
  requireNotBefore(command.occurredAt, asked.requested.on, 'confirmation-before-request', 'a confirmation cannot come before it was asked for');
  data.notInPlace.forEach(({ provisionId }, index) => {
    const line = record.provisions[provisionId];
    if (!line || line.planId !== asked.planId || line.status === 'withdrawn') {
      throw new RuleViolation('not-a-line-of-the-plan', `provision ${provisionId} is not owed under this plan`, `notInPlace.${index}.provisionId`);
    }
  });
}

/** Only the child's own LA names who has the case. */
export function caseworkerAssigned(command: CommandOf<'CaseworkerAssigned'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'name the caseworker for a child');
  if (record.caseworker?.id === command.data.caseworker.id) {
    throw new RuleViolation('already-assigned', `${command.data.caseworker.displayName} already has this case`, 'caseworker.id');
  }
}
