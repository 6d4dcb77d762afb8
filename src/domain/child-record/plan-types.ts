import { LOCAL_AUTHORITY_ROLES, type Role } from '../roles.js';
import type { ChildRecord, ProvisionLine } from './state.js';

/**
 * The statutory plan types a record can hold, and what each plan's sections bind whom to. Today the only
 * statutory plan is the EHC plan (CFA 2014 Part 3). The Schools White Paper (23 February 2026) proposes a
 * statutory school-level Individual Support Plan; such a type is added here, with its own entry types,
 * without touching the store, the envelope or the hash chain: a plan in the record names its `planType`
 * and everything that asks "how binding is this line?" asks the registry.
 */

/** How binding a section is. */
export type LegalForce =
  /** An enforceable duty to secure the provision (the LA's for F, the commissioner's for G). */
  | 'must_secure'
  /** Binding as far as the legislation the provision is made under binds (section H2). */
  | 'as_its_own_legislation'
  /** A duty to use best endeavours, not to secure a particular provision (SEN support, CFA 2014 s.66). */
  | 'best_endeavours'
  /** Recorded for the plan's readers; creates no duty (section A). */
  | 'no_duty';

/**
 * What kind of promise it is, in the words parents and advocates use: a statutory duty on the LA
 * (section F), a duty on the health commissioner (G), a social care duty (H1) or provision (H2), a
 * school's commitment under SEN support (no legal force, but evidence of what it undertook), or
 * content that creates no duty (section A).
 */
export type PromiseKind = 'statutory_duty_la' | 'duty_health_commissioner' | 'social_care_duty' | 'social_care_provision' | 'school_commitment' | 'no_duty';

export interface SectionForce {
  kind: PromiseKind;
  force: LegalForce;
  /** Who the duty is on, in words. */
  dutyOn: string;
  /** The statute or regulation, for a reader to check. */
  source: string;
}

/** Who issues (makes, amends, ceases) a plan of a type. */
export type Issuer = 'child_local_authority' | 'child_setting';

export interface PlanTypeDefinition {
  planType: string;
  name: string;
  legalBasis: string;
  issuedBy: { issuer: Issuer; roles: readonly Role[]; source: string };
  /** The plan's sections that carry provision or a duty, by section code. */
  sections: Readonly<Record<string, SectionForce>>;
}

export interface PlanTypeRegistry {
  readonly definitions: readonly PlanTypeDefinition[];
  /** The definition of a plan type; throws for a type nobody registered (a programming error, not a user's). */
  get(planType: string): PlanTypeDefinition;
  /** The force of one section of a plan type, or undefined when that plan type has no such section. */
  legalForceOf(planType: string, section: string): SectionForce | undefined;
  /** A new registry with one more plan type (the original is left as it is). */
  with(definition: PlanTypeDefinition): PlanTypeRegistry;
}

export function createPlanTypeRegistry(definitions: readonly PlanTypeDefinition[]): PlanTypeRegistry {
  const byType = new Map(definitions.map((d) => [d.planType, d] as const));
  if (byType.size !== definitions.length) throw new Error('each plan type is registered once');
  const get = (planType: string) => {
    const definition = byType.get(planType);
    if (!definition) throw new Error(`plan type "${planType}" is not registered`);
    return definition;
  };
  return {
    definitions: [...definitions],
    get,
    legalForceOf: (planType, section) => (Object.hasOwn(get(planType).sections, section) ? get(planType).sections[section] : undefined),
    with: (definition) => createPlanTypeRegistry([...definitions, definition]),
  };
}

export const EHC_PLAN: PlanTypeDefinition = {
  planType: 'ehc_plan',
  name: 'Education, health and care plan',
  legalBasis: 'Children and Families Act 2014 Part 3; SEND Regulations 2014',
  issuedBy: { issuer: 'child_local_authority', roles: LOCAL_AUTHORITY_ROLES, source: 'CFA 2014 s.37' },
  sections: {
    A: { kind: 'no_duty', force: 'no_duty', dutyOn: 'nobody: the child\'s and family\'s views, interests and aspirations', source: 'SEND Regs 2014 reg 12(1)(a)' },
    F: { kind: 'statutory_duty_la', force: 'must_secure', dutyOn: 'the local authority', source: 'CFA 2014 s.42(2)' },
    G: { kind: 'duty_health_commissioner', force: 'must_secure', dutyOn: 'the responsible commissioning body (health)', source: 'CFA 2014 s.42(3)' },
    H1: { kind: 'social_care_duty', force: 'must_secure', dutyOn: 'the local authority (social care)', source: 'Chronically Sick and Disabled Persons Act 1970 s.2; SEND Regs 2014 reg 12(1)(h)' },
    H2: { kind: 'social_care_provision', force: 'as_its_own_legislation', dutyOn: 'the local authority (social care)', source: 'SEND Regs 2014 reg 12(1)(h)' },
    I: { kind: 'statutory_duty_la', force: 'must_secure', dutyOn: 'the school or institution named, which must admit the child', source: 'CFA 2014 s.43(2)' },
  },
};

export const PLAN_TYPE_REGISTRY: PlanTypeRegistry = createPlanTypeRegistry([EHC_PLAN]);

/** Provision outside any plan: the school's SEN support under the graduated approach. */
export const SEN_SUPPORT_FORCE: SectionForce = {
  kind: 'school_commitment',
  force: 'best_endeavours',
  dutyOn: 'the school\'s governing body or proprietor',
  source: 'CFA 2014 s.66',
};

/** How binding a provision line is: by its plan's type and section, or SEN support when it is in no plan. */
export function legalForceOfProvision(record: ChildRecord, line: ProvisionLine, registry: PlanTypeRegistry = PLAN_TYPE_REGISTRY): SectionForce | undefined {
  if (line.planId === undefined) return SEN_SUPPORT_FORCE;
  const plan = record.plans[line.planId];
  return plan ? registry.legalForceOf(plan.planType, line.section) : undefined;
}

