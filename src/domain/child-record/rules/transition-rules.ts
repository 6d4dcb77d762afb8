import { NotPermitted, RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord } from '../state.js';
import { dateOf, requireNew } from './guards.js';
import { englandDateOf } from '../../calendar/iso-date.js';
import { openProvisionIdsOn } from '../provision-standing.js';

/** Provision lines still owed on the day of the handover (provision-standing.ts): what it must pass on. */
export const openProvisionIds = (record: ChildRecord, on: string): string[] => openProvisionIdsOn(record, on);

export function transitionPlanMade(command: CommandOf<'TransitionPlanMade'>, record: ChildRecord): void {
  requireNew(Boolean(record.transitions[command.data.transitionId]), 'duplicate-id', 'a transition plan with this id', 'transitionId');
  const ids = command.data.actions.map((a) => a.actionId);
  if (new Set(ids).size !== ids.length) throw new RuleViolation('duplicate-id', 'each action of a transition plan needs its own id', 'actions');
}

export function transitionActionDone(command: CommandOf<'TransitionActionDone'>, record: ChildRecord): void {
  const transition = record.transitions[command.data.transitionId];
  if (!transition) throw new RuleViolation('unknown-transition', `this child has no transition plan with id ${command.data.transitionId}`, 'transitionId');
  if (!transition.actions.some((a) => a.actionId === command.data.actionId)) {
    throw new RuleViolation('unknown-transition-action', `the transition plan has no action with id ${command.data.actionId}`, 'actionId');
  }
  if (transition.done[command.data.actionId]) throw new RuleViolation('action-already-done', 'this action is already recorded as done', 'actionId');
}

/** The pack must hand over exactly the promises open at the position it was cut at: none dropped on the way. */
export function handoverIssued(command: CommandOf<'HandoverIssued'>, record: ChildRecord): void {
  requireNew(Boolean(record.handovers[command.data.handoverId]), 'duplicate-id', 'a handover with this id', 'handoverId');
  if (command.data.transitionId !== undefined && !record.transitions[command.data.transitionId]) {
    throw new RuleViolation('unknown-transition', `this child has no transition plan with id ${command.data.transitionId}`, 'transitionId');
  }
  const open = openProvisionIds(record, englandDateOf(command.occurredAt));
  const listed = [...command.data.openProvisionIds].sort();
  if (open.join() !== listed.join()) {
    throw new RuleViolation('handover-incomplete', `a handover must list every open promise: ${open.length} open, ${listed.length} listed`, 'openProvisionIds');
  }
}

/**
 * The receiving setting signs for the handover. Every open promise handed over is either accepted
 * or disputed with a reason, so nothing is silently dropped at the change of setting.
 */
export function handoverAccepted(command: CommandOf<'HandoverAccepted'>, record: ChildRecord): void {
  const handover = record.handovers[command.data.handoverId];
  if (!handover) throw new RuleViolation('unknown-handover', `this child has no handover with id ${command.data.handoverId}`, 'handoverId');
  if (handover.accepted) throw new RuleViolation('handover-already-accepted', `this handover was signed for on ${dateOf(handover.accepted.on)}`, 'handoverId');
  const urn = handover.toSetting.urn;
  if (urn !== undefined && command.actor.organisation !== urn) {
    throw new NotPermitted(`only the receiving setting (URN ${urn}) may sign for this handover`);
  }
  const accepted = command.data.acceptedProvisionIds;
  const disputed = command.data.disputedProvisions.map((d) => d.provisionId);
  const answered = [...accepted, ...disputed].sort();
  if (new Set(answered).size !== answered.length) {
    throw new RuleViolation('handover-promise-twice', 'a promise is either accepted or disputed, not both or twice', 'disputedProvisions');
  }
  const handed = [...handover.openProvisionIds].sort();
  if (answered.join() !== handed.join()) {
    const missing = handed.filter((id) => !answered.includes(id));
    const extra = answered.filter((id) => !handed.includes(id));
    throw new RuleViolation(
      'handover-answer-every-promise',
      `accept or dispute every promise handed over${missing.length ? `; not answered: ${missing.join(', ')}` : ''}${extra.length ? `; not in this handover: ${extra.join(', ')}` : ''}`,
      'acceptedProvisionIds',
    );
  }
}
