import { describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS } from '../../src/domain/child-record/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import {
  days, ids, laAuthority, promisedSenSupport, registered, schoolAuthority, sectionFTerms, senSupportTerms,
  untilDraft, untilFinal, withSectionF,
} from './child-record.fixtures.js';
import { command, emitted, given, laOfficer, parent, plusDays, recorded, senco } from './decider-specification.js';

const withdrawal = { provisionId: ids.provision, reason: 'Replaced by a new line after review', authority: laAuthority };
const delivery = { provisionId: ids.provision, sessions: 1, minutes: 45, deliveredBy: { name: 'Tess Therapist', role: 'SALT' } };
const variation = (changes: object, provisionId: string = ids.provision) =>
  ({ provisionId, changes, reason: 'Annual review recommendation', authority: laAuthority }) as const;

describe('child record: provision', () => {
  describe('section F-H2 provision belongs to an EHC plan and is specified by the LA', () => {
    it('the LA promises section F provision in the plan', () => {
      given(...untilFinal).when(command('ProvisionPromised', sectionFTerms(), { on: days.final, by: laOfficer })).then([emitted('ProvisionPromised', sectionFTerms())]);
    });

    it('may be specified in a draft plan too', () => {
      given(...untilDraft).when(command('ProvisionPromised', sectionFTerms(), { on: days.draft, by: laOfficer })).then([emitted('ProvisionPromised', sectionFTerms())]);
    });

    it.each(['F', 'G', 'H1', 'H2'] as const)('section %s provision needs a planId', (section) => {
      const { planId: _planId, ...terms } = sectionFTerms({ section });
      given(...untilFinal)
        .when(command('ProvisionPromised', terms, { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-provision-needs-plan', field: 'planId' });
    });

    it.each([['senco', senco], ['parent', parent]])('a %s may not specify section F provision', (_name, by) => {
      given(...untilFinal).when(command('ProvisionPromised', sectionFTerms(), { on: days.final, by })).thenThrows(NotPermitted);
    });

    it('refuses section F provision in an unknown plan', () => {
      given(...untilFinal)
        .when(command('ProvisionPromised', sectionFTerms({ planId: ids.unknown }), { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-plan', field: 'planId' });
    });

    it('refuses a provision id already used', () => {
      given(...withSectionF)
        .when(command('ProvisionPromised', sectionFTerms({ minutesPerSession: 60 }), { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'provisionId' });
    });
  });

  describe('SEN support provision is the school\'s own', () => {
    it('a senco promises SEN support without a plan', () => {
      given(registered).when(command('ProvisionPromised', senSupportTerms(), { on: '2025-01-15', by: senco })).then([emitted('ProvisionPromised', senSupportTerms())]);
    });

    it('must not carry a planId', () => {
      given(...untilFinal)
        .when(command('ProvisionPromised', senSupportTerms({ planId: ids.plan }), { on: days.final, by: senco }))
        .thenThrows(RuleViolation, { rule: 'sen-support-outside-plan', field: 'planId' });
    });

    it('may name a known Assess-Plan-Do-Review cycle, not an unknown one', () => {
      const cycle = recorded(
        'SenSupportCyclePlanned',
        { cycleId: ids.cycle, assessmentSummary: 'Phonics gap', outcomes: ['Reads CVC words'], reviewDueOn: '2025-04-01' },
        { on: '2025-01-10', by: senco },
      );
      given(registered, cycle)
        .when(command('ProvisionPromised', senSupportTerms({ cycleId: ids.cycle }), { on: '2025-01-15', by: senco }))
        .then([emitted('ProvisionPromised', senSupportTerms({ cycleId: ids.cycle }))]);
      given(registered)
        .when(command('ProvisionPromised', senSupportTerms({ cycleId: ids.cycle }), { on: '2025-01-15', by: senco }))
        .thenThrows(RuleViolation, { rule: 'unknown-sen-support-cycle', field: 'cycleId' });
    });
  });

  describe('the ProvisionPromised schema (CoP 9.69: who delivers it must be specified)', () => {
    const schema = CHILD_EVENT_SCHEMAS.ProvisionPromised;

    it('accepts a fully specified promise', () => {
      expect(schema.safeParse(sectionFTerms()).success).toBe(true);
    });

    it('rejects a promise without deliveredBy, on the deliveredBy path', () => {
      const { deliveredBy: _deliveredBy, ...withoutDeliveredBy } = sectionFTerms();
      const result = schema.safeParse(withoutDeliveredBy);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['deliveredBy']]);
      expect(result.error?.issues[0]?.message).toMatch(/who delivers it/);
    });

    it('rejects deliveredBy without a role, on the deliveredBy.role path', () => {
      const result = schema.safeParse(sectionFTerms({ deliveredBy: { organisation: 'Camden SALT Service' } as never }));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['deliveredBy', 'role']]);
    });
  });

  describe('dates', () => {
    it('refuses an end date before the start date', () => {
      given(...untilFinal)
        .when(command('ProvisionPromised', sectionFTerms({ endDate: plusDays(days.provisionStarts, -1) }), { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'end-before-start', field: 'endDate' });
    });

    it('allows a one-day provision (end date = start date)', () => {
      const terms = sectionFTerms({ endDate: days.provisionStarts });
      given(...untilFinal).when(command('ProvisionPromised', terms, { on: days.final, by: laOfficer })).then([emitted('ProvisionPromised', terms)]);
    });

    it('refuses a variation that puts the end before the start, naming changes.endDate', () => {
      given(...withSectionF)
        .when(command('ProvisionVaried', variation({ endDate: '2025-05-01' }), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'end-before-start', field: 'changes.endDate' });
    });

    it('refuses a variation moving the start after the existing end', () => {
      const ending = recorded('ProvisionPromised', sectionFTerms({ endDate: '2025-07-18' }), { on: days.final, by: laOfficer });
      given(...untilFinal, ending)
        .when(command('ProvisionVaried', variation({ startDate: '2025-09-01' }), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'end-before-start' });
    });
  });

  describe('varying', () => {
    it('the LA varies section F provision', () => {
      const data = variation({ minutesPerSession: 60, frequency: { sessions: 2, per: 'week' } });
      given(...withSectionF).when(command('ProvisionVaried', data, { on: '2025-06-10', by: laOfficer })).then([emitted('ProvisionVaried', data)]);
    });

    it('refuses a variation with no actual change', () => {
      const { deliveredBy, minutesPerSession, frequency } = sectionFTerms();
      given(...withSectionF)
        .when(command('ProvisionVaried', variation({ minutesPerSession }), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'variation-changes-nothing', field: 'changes' });
      given(...withSectionF)
        .when(command('ProvisionVaried', variation({ deliveredBy: { ...deliveredBy }, frequency: { ...frequency } }), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'variation-changes-nothing' });
      given(...withSectionF)
        .when(command('ProvisionVaried', variation({}), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'variation-changes-nothing' });
    });

    it('compares with the terms as already varied, not as first promised', () => {
      const varied = recorded('ProvisionVaried', variation({ minutesPerSession: 60 }), { on: '2025-06-10', by: laOfficer });
      given(...withSectionF, varied)
        .when(command('ProvisionVaried', variation({ minutesPerSession: 60 }), { on: '2025-06-11', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'variation-changes-nothing' });
      given(...withSectionF, varied)
        .when(command('ProvisionVaried', variation({ minutesPerSession: 45 }), { on: '2025-06-11', by: laOfficer }))
        .then([emitted('ProvisionVaried', variation({ minutesPerSession: 45 }))]);
    });

    it('a senco may not vary or withdraw plan provision, but may vary the school\'s SEN support', () => {
      given(...withSectionF).when(command('ProvisionVaried', variation({ minutesPerSession: 30 }), { on: '2025-06-10', by: senco })).thenThrows(NotPermitted);
      given(...withSectionF).when(command('ProvisionWithdrawn', withdrawal, { on: '2025-06-10', by: senco })).thenThrows(NotPermitted);
      const schoolVariation = { ...variation({ minutesPerSession: 30 }, ids.senSupportProvision), authority: schoolAuthority };
      given(registered, promisedSenSupport)
        .when(command('ProvisionVaried', schoolVariation, { on: '2025-02-01', by: senco }))
        .then([emitted('ProvisionVaried', schoolVariation)]);
    });

    it('refuses to vary unknown provision', () => {
      given(...withSectionF)
        .when(command('ProvisionVaried', variation({ minutesPerSession: 30 }, ids.unknown), { on: '2025-06-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-provision', field: 'provisionId' });
    });
  });

  describe('withdrawn provision', () => {
    const withdrawn = recorded('ProvisionWithdrawn', withdrawal, { on: '2025-07-01', by: laOfficer });

    it('the LA withdraws section F provision', () => {
      given(...withSectionF).when(command('ProvisionWithdrawn', withdrawal, { on: '2025-07-01', by: laOfficer })).then([emitted('ProvisionWithdrawn', withdrawal)]);
    });

    it('cannot be delivered', () => {
      given(...withSectionF, withdrawn)
        .when(command('ProvisionDelivered', delivery, { on: '2025-07-02', by: senco }))
        .thenThrows(RuleViolation, { rule: 'provision-withdrawn', field: 'provisionId' });
    });

    it('cannot be varied', () => {
      given(...withSectionF, withdrawn)
        .when(command('ProvisionVaried', variation({ minutesPerSession: 30 }), { on: '2025-07-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'provision-withdrawn', field: 'provisionId' });
    });

    it('cannot be withdrawn again', () => {
      given(...withSectionF, withdrawn)
        .when(command('ProvisionWithdrawn', withdrawal, { on: '2025-07-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'provision-withdrawn' });
    });
  });

  describe('delivery', () => {
    it('records a session delivered on the start date', () => {
      given(...withSectionF).when(command('ProvisionDelivered', delivery, { on: days.provisionStarts, by: senco })).then([emitted('ProvisionDelivered', delivery)]);
    });

    it('refuses a delivery before the provision\'s start', () => {
      given(...withSectionF)
        .when(command('ProvisionDelivered', delivery, { on: plusDays(days.provisionStarts, -1), by: senco }))
        .thenThrows(RuleViolation, { rule: 'delivery-before-start', field: 'occurredAt' });
    });

    it('uses the varied start date', () => {
      const postponed = recorded('ProvisionVaried', variation({ startDate: '2025-06-16' }), { on: '2025-06-01', by: laOfficer });
      given(...withSectionF, postponed)
        .when(command('ProvisionDelivered', delivery, { on: '2025-06-10', by: senco }))
        .thenThrows(RuleViolation, { rule: 'delivery-before-start' });
    });

    it('refuses a delivery after the provision ended, allows one on the end date', () => {
      const ending = recorded('ProvisionPromised', sectionFTerms({ endDate: '2025-07-18' }), { on: days.final, by: laOfficer });
      given(...untilFinal, ending)
        .when(command('ProvisionDelivered', delivery, { on: '2025-07-19', by: senco }))
        .thenThrows(RuleViolation, { rule: 'delivery-after-end', field: 'occurredAt' });
      given(...untilFinal, ending).when(command('ProvisionDelivered', delivery, { on: '2025-07-18', by: senco })).then([emitted('ProvisionDelivered', delivery)]);
    });

    it('refuses a delivery of unknown provision', () => {
      given(...withSectionF)
        .when(command('ProvisionDelivered', { ...delivery, provisionId: ids.unknown }, { on: days.provisionStarts, by: senco }))
        .thenThrows(RuleViolation, { rule: 'unknown-provision', field: 'provisionId' });
    });
  });

  describe('shortfall', () => {
    const shortfall = { provisionId: ids.provision, periodFrom: '2025-06-02', periodTo: '2025-06-30', sessionsMissed: 2, reason: 'Therapist vacancy' };

    it('records a shortfall over a period', () => {
      given(...withSectionF).when(command('ShortfallReported', shortfall, { on: '2025-07-01', by: parent })).then([emitted('ShortfallReported', shortfall)]);
    });

    it('refuses a period that ends before it starts, or unknown provision', () => {
      given(...withSectionF)
        .when(command('ShortfallReported', { ...shortfall, periodTo: '2025-06-01' }, { on: '2025-07-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'end-before-start', field: 'periodTo' });
      given(...withSectionF)
        .when(command('ShortfallReported', { ...shortfall, provisionId: ids.unknown }, { on: '2025-07-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-provision', field: 'provisionId' });
    });
  });
});
