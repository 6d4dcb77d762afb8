import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord, PlanAmendment } from '../state.js';
import { appealOf, requireOwnParty } from './appeal-rules.js';
import { dateOf, planOf, requireLocalAuthority, requireNew, requireNotBefore, requireNotCeased } from './guards.js';

/** Section E: an outcome of a plan the LA maintains, serving needs the record holds. */
export function outcomeSet(command: CommandOf<'OutcomeSet'>, record: ChildRecord): void {
  requireLocalAuthority(command.actor, record, 'set the outcomes of an EHC plan');
  requireNew(Boolean(record.outcomes[command.data.outcomeId]), 'duplicate-id', 'an outcome with this id', 'outcomeId');
  requireNotCeased(planOf(record, command.data.planId));
  command.data.needIds.forEach((needId, index) => {
    if (!record.needs.some((need) => need.needId === needId)) throw new RuleViolation('unknown-need', `this child has no need with id ${needId}`, `needIds.${index}`);
  });
}

function amendmentOf(record: ChildRecord, amendmentId: string): PlanAmendment {
  const amendment = record.planAmendments[amendmentId];
  if (!amendment) throw new RuleViolation('unknown-amendment', `no change with id ${amendmentId} was proposed to this child's plan`, 'amendmentId');
  if (amendment.withdrawn) throw new RuleViolation('amendment-withdrawn', `this change was withdrawn on ${dateOf(amendment.withdrawn.on)}`, 'amendmentId');
  return amendment;
}

/** The working document: a party's change to a plan's section, about something the plan holds, while its appeal is open. */
export function planAmendmentProposed(command: CommandOf<'PlanAmendmentProposed'>, record: ChildRecord): void {
  const { data } = command;
  requireOwnParty(command.actor, data.proposedBy, 'proposedBy');
  requireNew(Boolean(record.planAmendments[data.amendmentId]), 'duplicate-id', 'a proposed change with this id', 'amendmentId');
  const plan = planOf(record, data.planId);
  requireNotCeased(plan);
  if (data.appealId !== undefined) {
    const appeal = appealOf(record, data.appealId);
    if (appeal.withdrawn || appeal.decision) {
      throw new RuleViolation('appeal-ended', `the appeal ended on ${dateOf((appeal.withdrawn ?? appeal.decision)!.on)}: its working document is closed`, 'appealId');
    }
  }
  const about = data.about;
  if (about?.id !== undefined) {
    const known =
      about.kind === 'need' ? record.needs.some((need) => need.needId === about.id)
      : about.kind === 'outcome' ? record.outcomes[about.id]?.planId === data.planId
      : about.kind === 'provision' ? record.provisions[about.id]?.planId === data.planId
      : false;
    if (!known) throw new RuleViolation('unknown-subject', `the plan holds no ${about.kind.replace(/_/g, ' ')} with id ${about.id}`, 'about.id');
  }
}

/** The other party answers a change: the family answers the LA's, the LA the family's. */
export function planAmendmentAnswered(command: CommandOf<'PlanAmendmentAnswered'>, record: ChildRecord): void {
  const amendment = amendmentOf(record, command.data.amendmentId);
  requireOwnParty(command.actor, command.data.by, 'by');
  const sameSide = (command.data.by === 'local_authority') === (amendment.proposedBy === 'local_authority');
  if (sameSide) throw new RuleViolation('own-change', 'a party does not answer its own change: the other party agrees or disputes it', 'by');
  requireNotBefore(command.occurredAt, amendment.proposed.on, 'answer-before-proposal', 'a change cannot be answered before it was proposed');
}

export function planAmendmentWithdrawn(command: CommandOf<'PlanAmendmentWithdrawn'>, record: ChildRecord): void {
  const amendment = amendmentOf(record, command.data.amendmentId);
  requireOwnParty(command.actor, amendment.proposedBy, 'amendmentId');
  requireNotBefore(command.occurredAt, amendment.proposed.on, 'withdrawal-before-proposal', 'a change cannot be withdrawn before it was proposed');
}

/** Versions are numbered from 1 in the order they were sent. */
export function workingDocumentIssued(command: CommandOf<'WorkingDocumentIssued'>, record: ChildRecord): void {
  requireOwnParty(command.actor, command.data.issuedBy, 'issuedBy');
  const appeal = appealOf(record, command.data.appealId);
  if (appeal.withdrawn) throw new RuleViolation('appeal-withdrawn', `the appeal was withdrawn on ${dateOf(appeal.withdrawn.on)}`, 'appealId');
  const next = appeal.workingDocuments.length + 1;
  if (command.data.version !== next) throw new RuleViolation('version-out-of-order', `the next version of this working document is ${next}`, 'version');
  const last = appeal.workingDocuments.at(-1);
  requireNotBefore(command.occurredAt, last?.on ?? appeal.on, 'version-out-of-order', 'a version cannot be dated before the one it follows');
}
