/**
 * One child's statutory journey, as given-events for the specs:
 *
 *   2025-01-06 registered · 01-13 request (parent) · 02-17 decision to assess (Regs 5, within 6 weeks)
 *   02-18 advice requested · 03-24 advice received · 05-01 draft plan · 05-16 final plan (draft + 15 days)
 *   05-16 section F promise starting 06-02
 */
import type { ChildEvent, ChildEventData } from '../../src/domain/child-record/events.js';
import { educationalPsychologist, laOfficer, parent, recorded, senco } from './decider-specification.js';

export const ids = {
  child: '11111111-1111-4111-8111-111111111111',
  parentPerson: '11111111-1111-4111-8111-111111111112',
  need: '11111111-1111-4111-8111-111111111113',
  request: '22222222-2222-4222-8222-222222222201',
  secondRequest: '22222222-2222-4222-8222-222222222202',
  adviceRequest: '33333333-3333-4333-8333-333333333301',
  secondAdviceRequest: '33333333-3333-4333-8333-333333333302',
  plan: '44444444-4444-4444-8444-444444444401',
  secondPlan: '44444444-4444-4444-8444-444444444402',
  provision: '55555555-5555-4555-8555-555555555501',
  senSupportProvision: '55555555-5555-4555-8555-555555555502',
  otherProvision: '55555555-5555-4555-8555-555555555503',
  cycle: '66666666-6666-4666-8666-666666666601',
  appeal: '77777777-7777-4777-8777-777777777701',
  unknown: '99999999-9999-4999-8999-999999999999',
} as const;

export const days = {
  registered: '2025-01-06',
  requested: '2025-01-13',
  decided: '2025-02-17',
  adviceRequested: '2025-02-18',
  adviceReceived: '2025-03-24',
  draft: '2025-05-01',
  /** Draft + 15 calendar days: the first day Regs 13(1) allows the final plan. */
  final: '2025-05-16',
  provisionStarts: '2025-06-02',
  ceased: '2025-09-01',
} as const;

export const childRegisteredData: ChildEventData<'ChildRegistered'> = {
  childId: ids.child,
  displayName: 'Child A',
  dateOfBirth: '2016-05-01',
  laCode: '202',
  settingUrn: '123456',
  settingName: 'Hillside Primary School',
};

export const laAuthority = { name: 'Casey Caseworker', role: 'SEN panel decision-maker', reference: 'PANEL-2025-017' };
export const schoolAuthority = { name: 'Sam Senco', role: 'SENCO' };

/** A quantified section F line: what, who (+qualification), how often, how long, group size (CoP 9.69). */
export const sectionFTerms = (overrides: Partial<ChildEventData<'ProvisionPromised'>> = {}): ChildEventData<'ProvisionPromised'> => ({
  provisionId: ids.provision,
  section: 'F',
  planId: ids.plan,
  description: 'Direct speech and language therapy targeting expressive language',
  deliveredBy: { organisation: 'Camden SALT Service', role: 'Speech and language therapist', qualification: 'HCPC registered' },
  frequency: { sessions: 1, per: 'week' },
  minutesPerSession: 45,
  groupSize: 1,
  startDate: days.provisionStarts,
  authority: laAuthority,
  ...overrides,
});

/** A school's own SEN support line (graduated approach): no planId. */
export const senSupportTerms = (overrides: Partial<ChildEventData<'ProvisionPromised'>> = {}): ChildEventData<'ProvisionPromised'> => ({
  provisionId: ids.senSupportProvision,
  section: 'SEN_SUPPORT',
  description: 'Small-group phonics intervention',
  deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' },
  frequency: { sessions: 3, per: 'week' },
  minutesPerSession: 20,
  groupSize: 4,
  startDate: '2025-01-20',
  authority: schoolAuthority,
  ...overrides,
});

export const registered = recorded('ChildRegistered', childRegisteredData, { on: days.registered, by: laOfficer });
export const requested = recorded('AssessmentRequested', { requestId: ids.request, requestedBy: 'parent_carer' }, { on: days.requested, by: parent });
export const decidedToAssess = recorded('DecisionToAssess', { requestId: ids.request, reasons: 'Evidence of needs not met by SEN support' }, { on: days.decided, by: laOfficer });
export const adviceRequested = recorded(
  'AdviceRequested',
  {
    adviceRequestId: ids.adviceRequest,
    requestId: ids.request,
    adviceType: 'psychological',
    from: { organisation: 'Camden EP Service', role: 'Educational psychologist' },
  },
  { on: days.adviceRequested, by: laOfficer },
);
export const adviceReceived = recorded(
  'AdviceReceived',
  { adviceRequestId: ids.adviceRequest, summary: 'Significant expressive language difficulty' },
  { on: days.adviceReceived, by: educationalPsychologist },
);
export const draftIssued = recorded('DraftPlanIssued', { planId: ids.plan, requestId: ids.request }, { on: days.draft, by: laOfficer });
export const finalIssued = recorded(
  'FinalPlanIssued',
  { planId: ids.plan, namedSetting: { name: 'Hillside Primary School', urn: '123456' } },
  { on: days.final, by: laOfficer },
);
export const promisedF = recorded('ProvisionPromised', sectionFTerms(), { on: days.final, by: laOfficer });
export const promisedSenSupport = recorded('ProvisionPromised', senSupportTerms(), { on: '2025-01-15', by: senco });
export const ceased = recorded('PlanCeased', { planId: ids.plan, reason: 'needs_met' }, { on: days.ceased, by: laOfficer });

export const untilRequest: ChildEvent[] = [registered, requested];
export const untilDecision: ChildEvent[] = [...untilRequest, decidedToAssess];
export const untilAdvice: ChildEvent[] = [...untilDecision, adviceRequested, adviceReceived];
export const untilDraft: ChildEvent[] = [...untilAdvice, draftIssued];
export const untilFinal: ChildEvent[] = [...untilDraft, finalIssued];
export const withSectionF: ChildEvent[] = [...untilFinal, promisedF];
export const afterCeasing: ChildEvent[] = [...withSectionF, ceased];
