import type { Actor } from '../../../ledger/envelope.js';
import { addDays, englandDateOf } from '../../calendar/iso-date.js';
import { NotPermitted, RuleViolation } from '../../errors.js';
import { LOCAL_AUTHORITY_ROLES, type Role } from '../../roles.js';
import { PLAN_TYPE_REGISTRY, type PlanTypeRegistry } from '../plan-types.js';
import type { ChildRecord, EhcPlan, ProvisionLine } from '../state.js';

/** An entry's legal date: its claimed time as a date in England (the law's days are England's, not UTC's). */
export const dateOf = (isoDateTime: string) => englandDateOf(isoDateTime);
export { addDays };

const isLocalAuthorityOfficer = (actor: Actor) => LOCAL_AUTHORITY_ROLES.includes(actor.role as Role);

/**
 * CFA 2014 ss.36-45: assessment, plan and cessation decisions are the local authority's, and only the
 * child's own LA: an officer's token names the LA by its DfE code, which must be the record's laCode
 * (after a move under reg 15, the new LA's). Before the child is registered there is no LA to check.
 */
export function requireLocalAuthority(actor: Actor, record: ChildRecord, what: string): void {
  if (!isLocalAuthorityOfficer(actor)) {
    throw new NotPermitted(`only a local authority officer may ${what} (your role is ${actor.role})`);
  }
  const laCode = record.profile?.laCode;
  if (laCode !== undefined && actor.organisation !== laCode) {
    throw new NotPermitted(`only an officer of the child's local authority (${laCode}) may ${what}; your organisation is ${actor.organisation}`);
  }
}

/**
 * Only the issuer of a plan type makes, amends or ceases plans of that type (plan-types.ts): for an EHC
 * plan the child's LA (CFA 2014 s.37); for a school-level plan type, staff of the child's setting.
 */
export function requirePlanIssuer(actor: Actor, record: ChildRecord, planType: string, what: string, registry: PlanTypeRegistry = PLAN_TYPE_REGISTRY): void {
  const { issuedBy, name } = registry.get(planType);
  if (issuedBy.issuer === 'child_local_authority') return requireLocalAuthority(actor, record, what);
  const urn = record.profile?.settingUrn;
  if (!issuedBy.roles.includes(actor.role as Role) || (urn !== undefined && actor.organisation !== urn)) {
    throw new NotPermitted(`only staff of the child's setting${urn ? ` (URN ${urn})` : ''} may ${what} (${name}, ${issuedBy.source})`);
  }
}

/** An officer of one named LA, e.g. the receiving LA of a move (reg 15), whatever the record's laCode is now. */
export function requireOfficerOf(actor: Actor, laCode: string, whose: string, what: string): void {
  if (!isLocalAuthorityOfficer(actor) || actor.organisation !== laCode) {
    throw new NotPermitted(`only an officer of ${whose} (${laCode}) may ${what}; you are ${actor.role} of ${actor.organisation}`);
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
