import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import {
  EHC_PLAN, PLAN_TYPE_REGISTRY, SEN_SUPPORT_FORCE, createPlanTypeRegistry, legalForceOfProvision, type PlanTypeDefinition,
} from '../../src/domain/child-record/plan-types.js';
import { requirePlanIssuer } from '../../src/domain/child-record/rules/guards.js';
import { NotPermitted } from '../../src/domain/errors.js';
import { SETTING_ROLES } from '../../src/domain/roles.js';
import { ids, promisedSenSupport, withSectionF } from './child-record.fixtures.js';
import { laOfficer, senco } from './decider-specification.js';

/**
 * A hypothetical school-level statutory plan, as the Schools White Paper (23 February 2026) proposes:
 * registered in a test-local copy of the registry only. Its sections and sources are placeholders.
 */
const INDIVIDUAL_SUPPORT_PLAN: PlanTypeDefinition = {
  planType: 'individual_support_plan',
  name: 'Individual Support Plan (hypothetical)',
  legalBasis: 'proposed in the Schools White Paper, 23 February 2026 (not law)',
  issuedBy: { issuer: 'child_setting', roles: SETTING_ROLES, source: 'hypothetical' },
  sections: { SUPPORT: { kind: 'school_commitment', force: 'best_endeavours', dutyOn: 'the school', source: 'hypothetical' } },
};

describe('plan types: legal force per section, open to a new statutory plan', () => {
  it('an EHC plan binds the LA to F, the health commissioner to G, and creates no duty in A', () => {
    expect(PLAN_TYPE_REGISTRY.legalForceOf('ehc_plan', 'F')).toEqual({ kind: 'statutory_duty_la', force: 'must_secure', dutyOn: 'the local authority', source: 'CFA 2014 s.42(2)' });
    expect(PLAN_TYPE_REGISTRY.legalForceOf('ehc_plan', 'G')).toMatchObject({ force: 'must_secure', source: 'CFA 2014 s.42(3)' });
    expect(PLAN_TYPE_REGISTRY.legalForceOf('ehc_plan', 'A')?.force).toBe('no_duty');
    expect(PLAN_TYPE_REGISTRY.legalForceOf('ehc_plan', 'SUPPORT')).toBeUndefined();
    expect(PLAN_TYPE_REGISTRY.get('ehc_plan').issuedBy.issuer).toBe('child_local_authority');
  });

  it('a provision line\'s force comes from its plan\'s type and section; SEN support is best endeavours', () => {
    const record = foldChildRecord([...withSectionF, promisedSenSupport]);
    expect(record.plans[ids.plan]?.planType).toBe('ehc_plan');
    expect(legalForceOfProvision(record, record.provisions[ids.provision]!)).toEqual(EHC_PLAN.sections['F']);
    expect(legalForceOfProvision(record, record.provisions[ids.senSupportProvision]!)).toEqual(SEN_SUPPORT_FORCE);
  });

  it('a new plan type is one registry entry: the lookup and the issuer rule use it, and the shared registry is untouched', () => {
    const registry = PLAN_TYPE_REGISTRY.with(INDIVIDUAL_SUPPORT_PLAN);
    expect(registry.legalForceOf('individual_support_plan', 'SUPPORT')).toEqual({ kind: 'school_commitment', force: 'best_endeavours', dutyOn: 'the school', source: 'hypothetical' });
    expect(registry.legalForceOf('ehc_plan', 'F')?.force).toBe('must_secure');
    expect(() => PLAN_TYPE_REGISTRY.get('individual_support_plan')).toThrow(/not registered/);

    // A plan in a record names its type; the force of its lines is looked up in the registry given.
    const record = foldChildRecord(withSectionF);
    const asIsp = { ...record, plans: { [ids.plan]: { ...record.plans[ids.plan]!, planType: 'individual_support_plan' as never } } };
    const line = { ...record.provisions[ids.provision]!, section: 'SUPPORT' as never };
    expect(legalForceOfProvision(asIsp, line, registry)?.force).toBe('best_endeavours');

    // Issued by the child's setting, not the LA.
    const schoolSenco = { ...senco, organisation: '123456' };
    expect(() => requirePlanIssuer(schoolSenco, record, 'individual_support_plan', 'issue an ISP', registry)).not.toThrow();
    expect(() => requirePlanIssuer(senco, record, 'individual_support_plan', 'issue an ISP', registry)).toThrow(NotPermitted);
    expect(() => requirePlanIssuer(laOfficer, record, 'individual_support_plan', 'issue an ISP', registry)).toThrow(NotPermitted);
    expect(() => requirePlanIssuer(laOfficer, record, 'ehc_plan', 'issue an EHC plan', registry)).not.toThrow();
  });

  it('refuses registering a plan type twice', () => {
    expect(() => createPlanTypeRegistry([EHC_PLAN, EHC_PLAN])).toThrow(/once/);
  });
});
