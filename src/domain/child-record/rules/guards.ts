import type { Actor } from '../../../ledger/envelope.js';
import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import type { ChildRecord, EhcPlan, ProvisionLine } from '../state.js';

export const dateOf = (isoDateTime: string) => isoDateTime.slice(0, 10);

export const addDays = (isoDay: string, days: number) =>
  new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** CFA 2014 ss.36-45: assessment, plan and cessation decisions are the local authority's. */
export function requireLocalAuthority(actor: Actor, what: string): void {
  if (!LOCAL_AUTHORITY_ROLES.includes(actor.role as Role)) {
    throw new NotPermitted(`only a local authority officer may ${what} (your role is ${actor.role})`);
  }
}

export function planOf(record: ChildRecord, planId: string | undefined, field = 'planId'): EhcPlan {
  const plan = planId === undefined ? undefined : record.plans[planId];
  if (!plan) throw new RuleViolation('unknown-plan', `this child has no EHC plan with id ${planId ?? '(none given)'}`, field);
  return plan;
}

/** After a plan is ceased only appeal-related entries (and corrections) may be added about it. */
export function requireNotCeased(plan: EhcPlan, field = 'planId'): void {
  if (plan.status === 'ceased') {
    throw new RuleViolation(
      'plan-ceased',
      `EHC plan ${plan.planId} was ceased on ${dateOf(plan.ceased!.on)}; only appeal-related entries may follow`,
      field,
    );
  }
}

export function provisionOf(record: ChildRecord, provisionId: string): ProvisionLine {
  const line = record.provisions[provisionId];
  if (!line) throw new RuleViolation('unknown-provision', `this child has no provision with id ${provisionId}`, 'provisionId');
  return line;
}

export function requireActive(line: ProvisionLine): void {
  if (line.status === 'withdrawn') {
    throw new RuleViolation('provision-withdrawn', `provision ${line.provisionId} was withdrawn on ${dateOf(line.withdrawn!.on)}`, 'provisionId');
  }
}

export function requireNotBefore(occurredAt: string, earliest: string, rule: string, what: string): void {
  if (dateOf(occurredAt) < dateOf(earliest)) {
    throw new RuleViolation(rule, `${what} (${dateOf(earliest)}); check occurredAt`, 'occurredAt');
  }
}

export function requireNew(exists: boolean, rule: string, what: string, field: string): void {
  if (exists) throw new RuleViolation(rule, `${what} is already recorded`, field);
}
