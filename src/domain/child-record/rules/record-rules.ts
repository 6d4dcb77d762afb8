import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import { AREA_OF_SEN_TYPE } from '../vocabulary.js';
import { entryInForce, type ChildRecord } from '../state.js';
import { planOf, requireNew, requireNotCeased } from './guards.js';

export function childRegistered(_command: CommandOf<'ChildRegistered'>, record: ChildRecord): void {
  if (record.registered) throw new RuleViolation('child-already-registered', 'this child is already registered', 'childId');
}

export function parentCarerRecorded(command: CommandOf<'ParentCarerRecorded'>, record: ChildRecord): void {
  requireNew(record.parentCarers.some((p) => p.personId === command.data.personId), 'duplicate-id', 'this parent or carer', 'personId');
}

export function needsIdentified(command: CommandOf<'NeedsIdentified'>, record: ChildRecord): void {
  requireNew(record.needs.some((n) => n.needId === command.data.needId), 'duplicate-id', 'a need with this id', 'needId');
  const { senType, area } = command.data;
  const areaOfType = senType ? AREA_OF_SEN_TYPE[senType] : null;
  if (areaOfType && areaOfType !== area) {
    throw new RuleViolation('sen-type-outside-area', `senType ${senType} is a type of ${areaOfType.replace(/_/g, ' ')}, not of ${area.replace(/_/g, ' ')}`, 'senType');
  }
}

export function senSupportCyclePlanned(command: CommandOf<'SenSupportCyclePlanned'>, record: ChildRecord): void {
  requireNew(Boolean(record.senSupportCycles[command.data.cycleId]), 'duplicate-id', 'an SEN support cycle with this id', 'cycleId');
}

export function senSupportCycleReviewed(command: CommandOf<'SenSupportCycleReviewed'>, record: ChildRecord): void {
  const cycle = record.senSupportCycles[command.data.cycleId];
  if (!cycle) throw new RuleViolation('unknown-sen-support-cycle', `this child has no SEN support cycle with id ${command.data.cycleId}`, 'cycleId');
  if (cycle.review) throw new RuleViolation('cycle-already-reviewed', 'this Assess-Plan-Do-Review cycle has already been reviewed', 'cycleId');
}

/** A sign-off must name what is signed: an existing plan (and section), review, handover or SEN support plan. */
export function signedOff(command: CommandOf<'SignedOff'>, record: ChildRecord): void {
  const { subject, subjectId, section } = command.data;
  const unknown = (what: string) => new RuleViolation('unknown-sign-off-subject', `this child has no ${what} with id ${subjectId}`, 'subjectId');
  switch (subject) {
    case 'plan':
    case 'section':
      if (!record.plans[subjectId]) throw unknown('EHC plan');
      requireNotCeased(planOf(record, subjectId, 'subjectId'), 'subjectId');
      if (subject === 'section' && section === undefined) {
        throw new RuleViolation('section-sign-off-needs-section', 'say which section of the plan is signed off', 'section');
      }
      return;
    case 'review':
      if (entryInForce(record, subjectId)?.type !== 'AnnualReviewHeld') throw unknown('annual review entry');
      return;
    case 'handover':
      if (entryInForce(record, subjectId)?.type !== 'PhaseTransferPlacementNamed') throw unknown('phase transfer entry');
      return;
    case 'sen_support_plan':
      if (!record.senSupportCycles[subjectId]) throw unknown('SEN support cycle');
      return;
  }
}
