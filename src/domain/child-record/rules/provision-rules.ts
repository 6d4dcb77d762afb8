import { RuleViolation } from '../../errors.js';
import type { CommandOf } from '../commands.js';
import type { ChildRecord, ProvisionLine } from '../state.js';
import { PLAN_SECTIONS } from '../vocabulary.js';
import { dateOf, planOf, provisionOf, requireActive, requireLocalAuthority, requireNew, requireNotCeased } from './guards.js';

const inPlan = (section: string) => PLAN_SECTIONS.includes(section as never);

function requireDatesInOrder(startDate: string, endDate: string | undefined, field: string): void {
  if (endDate !== undefined && endDate < startDate) {
    throw new RuleViolation('end-before-start', `the end date ${endDate} is before the start date ${startDate}`, field);
  }
}

/** A plan's provision (sections F-H2) is specified by the LA in the plan; SEN support is the school's. */
function requireMayChange(command: CommandOf<'ProvisionVaried' | 'ProvisionWithdrawn'>, record: ChildRecord, line: ProvisionLine): void {
  requireActive(line);
  if (line.planId !== undefined) {
    requireLocalAuthority(command.actor, record, `change provision in section ${line.section} of an EHC plan`);
    requireNotCeased(planOf(record, line.planId), 'provisionId');
  }
}

export function provisionPromised(command: CommandOf<'ProvisionPromised'>, record: ChildRecord): void {
  const { data } = command;
  requireNew(Boolean(record.provisions[data.provisionId]), 'duplicate-id', 'a provision with this id', 'provisionId');
  requireDatesInOrder(data.startDate, data.endDate, 'endDate');
  if (inPlan(data.section)) {
    if (data.planId === undefined) {
      throw new RuleViolation('plan-provision-needs-plan', `provision in section ${data.section} belongs to an EHC plan: give its planId`, 'planId');
    }
    requireLocalAuthority(command.actor, record, `specify provision in section ${data.section} of an EHC plan`);
    requireNotCeased(planOf(record, data.planId));
  } else {
    if (data.planId !== undefined) {
      throw new RuleViolation('sen-support-outside-plan', 'SEN support provision is the school\'s own and is not part of an EHC plan: leave planId out', 'planId');
    }
    if (data.cycleId !== undefined && !record.senSupportCycles[data.cycleId]) {
      throw new RuleViolation('unknown-sen-support-cycle', `this child has no SEN support cycle with id ${data.cycleId}`, 'cycleId');
    }
  }
}

export function provisionVaried(command: CommandOf<'ProvisionVaried'>, record: ChildRecord): void {
  const line = provisionOf(record, command.data.provisionId);
  requireMayChange(command, record, line);
  const changes = Object.entries(command.data.changes).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(line[key as keyof ProvisionLine]));
  if (changes.length === 0) throw new RuleViolation('variation-changes-nothing', 'the variation changes none of the provision\'s terms', 'changes');
  const varied = { ...line, ...command.data.changes };
  requireDatesInOrder(varied.startDate, varied.endDate, 'changes.endDate');
}

export function provisionWithdrawn(command: CommandOf<'ProvisionWithdrawn'>, record: ChildRecord): void {
  requireMayChange(command, record, provisionOf(record, command.data.provisionId));
}

export function provisionDelivered(command: CommandOf<'ProvisionDelivered'>, record: ChildRecord): void {
  const line = provisionOf(record, command.data.provisionId);
  requireActive(line);
  if (line.planId !== undefined) requireNotCeased(planOf(record, line.planId), 'provisionId');
  const day = dateOf(command.occurredAt);
  if (day < line.startDate) {
    throw new RuleViolation('delivery-before-start', `provision ${line.provisionId} starts on ${line.startDate}; a delivery cannot be earlier`, 'occurredAt');
  }
  if (line.endDate !== undefined && day > line.endDate) {
    throw new RuleViolation('delivery-after-end', `provision ${line.provisionId} ended on ${line.endDate}`, 'occurredAt');
  }
}

export function shortfallReported(command: CommandOf<'ShortfallReported'>, record: ChildRecord): void {
  provisionOf(record, command.data.provisionId);
  if (command.data.periodTo < command.data.periodFrom) {
    throw new RuleViolation('end-before-start', `the period ends (${command.data.periodTo}) before it starts (${command.data.periodFrom})`, 'periodTo');
  }
}
