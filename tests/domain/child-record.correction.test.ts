import { describe, expect, it } from 'vitest';
import { applyCorrections } from '../../src/domain/child-record/corrections.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import type { ChildEvent, ChildEventData } from '../../src/domain/child-record/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import {
  adviceReceived, days, decidedToAssess, draftIssued, finalIssued, ids, promisedF, promisedSenSupport, registered, requested,
  sectionFTerms, senSupportTerms, untilAdvice, untilFinal, withSectionF,
} from './child-record.fixtures.js';
import { at, command, educationalPsychologist, emitted, given, laOfficer, parent, recorded, senco } from './decider-specification.js';
import { entryInForce } from '../../src/domain/child-record/state.js';

type Correction = ChildEventData<'EntryCorrected'>;
const correcting = (target: ChildEvent, change: Partial<Correction>): Correction => ({
  supersedesEventId: target.eventId,
  reason: 'Recorded in error',
  retracted: false,
  ...change,
});
const correction = (target: ChildEvent, change: Partial<Correction>, on = '2025-07-01', by = laOfficer) =>
  recorded('EntryCorrected', correcting(target, change), { on, by });

const delivery = (sessions: number, minutes: number, on: string) =>
  recorded('ProvisionDelivered', { provisionId: ids.provision, sessions, minutes, deliveredBy: { name: 'Tess Therapist', role: 'SALT' } }, { on, by: senco });

describe('child record: corrections', () => {
  describe('what may be corrected', () => {
    it('refuses a correction of an unknown entry', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', { supersedesEventId: ids.unknown, reason: 'typo', correctedOccurredAt: at('2025-05-17'), retracted: false }, { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-target-unknown', field: 'supersedesEventId' });
    });

    it('refuses a correction of a correction (the original entry is corrected again instead)', () => {
      const first = correction(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 30 }) });
      given(...withSectionF, first)
        .when(command('EntryCorrected', correcting(first, { correctedOccurredAt: at('2025-07-02') }), { on: '2025-07-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-target-unknown', field: 'supersedesEventId' });
    });

    it('refuses a correction that changes nothing', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, {}), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-nothing', field: 'correctedData' });
    });

    it('corrects only the claimed date', () => {
      const data = correcting(adviceReceived, { correctedOccurredAt: at('2025-03-25') });
      given(...untilAdvice).when(command('EntryCorrected', data, { on: '2025-04-01', by: educationalPsychologist })).then([emitted('EntryCorrected', data)]);
    });
  });

  describe('retractions', () => {
    it('retracts a ProvisionDelivered, and the fold drops its sessions', () => {
      const first = delivery(1, 45, '2025-06-02');
      const mistaken = delivery(2, 90, '2025-06-09');
      const retraction = correcting(mistaken, { reason: 'Sessions were cancelled', retracted: true });
      given(...withSectionF, first, mistaken)
        .when(command('EntryCorrected', retraction, { on: '2025-06-10', by: senco }))
        .then([emitted('EntryCorrected', retraction)]);

      const before = foldChildRecord([...withSectionF, first, mistaken]);
      expect(before.provisions[ids.provision]?.deliveries).toEqual({ sessions: 3, minutes: 135 });
      const after = foldChildRecord([...withSectionF, first, mistaken, recorded('EntryCorrected', retraction, { on: '2025-06-10', by: senco })]);
      expect(after.provisions[ids.provision]?.deliveries).toEqual({ sessions: 1, minutes: 45 });
      expect(entryInForce(after, mistaken.eventId)).toBeUndefined();
      expect(entryInForce(after, first.eventId)).toBeDefined();
    });

    it('a retracted entry can no longer be corrected or retracted', () => {
      const mistaken = delivery(1, 45, '2025-06-02');
      const retracted = correction(mistaken, { retracted: true }, '2025-06-10', senco);
      given(...withSectionF, mistaken, retracted)
        .when(command('EntryCorrected', correcting(mistaken, { retracted: true }), { on: '2025-06-11', by: senco }))
        .thenThrows(RuleViolation, { rule: 'correction-target-unknown' });
    });

    it('refuses to retract a DraftPlanIssued (later entries build on it)', () => {
      given(...untilFinal)
        .when(command('EntryCorrected', correcting(draftIssued, { retracted: true }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'not-retractable', field: 'retracted' });
    });

    it.each([
      ['ChildRegistered', registered],
      ['AssessmentRequested', requested],
      ['DecisionToAssess', decidedToAssess],
      ['FinalPlanIssued', finalIssued],
      ['ProvisionPromised', promisedF],
    ])('refuses to retract a %s', (_type, target) => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(target, { retracted: true }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'not-retractable' });
    });

    it('retracts an AdviceReceived, reopening the advice request', () => {
      const retraction = correcting(adviceReceived, { retracted: true });
      given(...untilAdvice).when(command('EntryCorrected', retraction, { on: '2025-04-01', by: educationalPsychologist })).then([emitted('EntryCorrected', retraction)]);
      const after = foldChildRecord([...untilAdvice, recorded('EntryCorrected', retraction, { on: '2025-04-01', by: educationalPsychologist })]);
      expect(after.adviceRequests[ids.adviceRequest]?.received).toBeUndefined();
    });

    it('refuses a retraction that also carries corrected data or a date', () => {
      const mistaken = delivery(1, 45, '2025-06-02');
      given(...withSectionF, mistaken)
        .when(command('EntryCorrected', correcting(mistaken, { retracted: true, correctedOccurredAt: at('2025-06-03') }), { on: '2025-06-10', by: senco }))
        .thenThrows(RuleViolation, { rule: 'retraction-with-data', field: 'retracted' });
    });
  });

  describe('corrected data', () => {
    it('refuses a change of an identity field (provisionId)', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ provisionId: ids.otherProvision }) }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-identity', field: 'correctedData.provisionId' });
    });

    it('refuses a change of planId', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ planId: ids.secondPlan }) }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-identity', field: 'correctedData.planId' });
    });

    it('refuses invalid corrected data, naming the field under correctedData.', () => {
      const error = given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 0 }) }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'corrected-data-invalid', field: 'correctedData.minutesPerSession' });
      expect(error.field?.startsWith('correctedData.')).toBe(true);
      expect(error.message).toContain('ProvisionPromised');
    });

    it('refuses corrected data missing a required field (deliveredBy), with its nested path', () => {
      const { deliveredBy: _deliveredBy, ...withoutDeliveredBy } = sectionFTerms();
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: withoutDeliveredBy }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'corrected-data-invalid', field: 'correctedData.deliveredBy' });
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ deliveredBy: { organisation: 'X', role: ' ' } }) }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'corrected-data-invalid', field: 'correctedData.deliveredBy.role' });
    });

    it('emits the corrected data exactly as sent (text is not trimmed)', () => {
      const spaced = sectionFTerms({ description: '  Direct SALT, 45 minutes weekly  ' });
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: spaced }), { on: '2025-07-01', by: laOfficer }))
        .then([emitted('EntryCorrected', correcting(promisedF, { correctedData: spaced }))]);
    });

    it('refuses a field the entry does not have, rather than dropping it', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: { ...sectionFTerms(), notAField: true } }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'corrected-data-unknown-field', field: 'correctedData.notAField' });
    });
  });

  describe('who may correct', () => {
    it('a senco may not correct an LA decision', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(decidedToAssess, { correctedData: { requestId: ids.request, reasons: 'Other reasons' } }), { on: '2025-07-01', by: senco }))
        .thenThrows(NotPermitted);
    });

    it('a parent may not correct the draft plan', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(draftIssued, { correctedOccurredAt: at('2025-05-02') }), { on: '2025-07-01', by: parent }))
        .thenThrows(NotPermitted);
    });

    it('a senco may not correct section F provision, but may correct the school\'s SEN support', () => {
      given(...withSectionF)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 30 }) }), { on: '2025-07-01', by: senco }))
        .thenThrows(NotPermitted);
      const data = correcting(promisedSenSupport, { correctedData: senSupportTerms({ minutesPerSession: 30 }) });
      given(...withSectionF, promisedSenSupport).when(command('EntryCorrected', data, { on: '2025-07-01', by: senco })).then([emitted('EntryCorrected', data)]);
    });

    // Every identity field is compared, including ones the original lacked: adding a planId would move SEN support into a plan.
    it('refuses a correction that adds a planId to SEN support provision', () => {
      given(...untilFinal, promisedSenSupport)
        .when(command('EntryCorrected', correcting(promisedSenSupport, { correctedData: senSupportTerms({ section: 'F', planId: ids.plan }) }), { on: '2025-07-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-identity', field: 'correctedData.planId' });
    });

    it('a senco may not correct SEN support provision into section F', () => {
      // Section F provision belongs to a plan, and a correction cannot add the planId, so it is refused.
      given(...untilFinal, promisedSenSupport)
        .when(command('EntryCorrected', correcting(promisedSenSupport, { correctedData: senSupportTerms({ section: 'F' }) }), { on: '2025-07-01', by: senco }))
        .thenThrows(RuleViolation, { rule: 'plan-provision-needs-plan', field: 'correctedData.planId' });
    });

    // Section I placement is the LA's: the corrected entry must pass the LA-only rule again.
    it('a senco may not correct the placement the LA named in a plan', () => {
      const named = recorded(
        'PhaseTransferPlacementNamed',
        { planId: ids.plan, transfer: 'primary_to_secondary', settingName: 'Hillside Secondary', startsOn: '2027-09-01' },
        { on: '2027-02-10', by: laOfficer },
      );
      given(...untilFinal, named)
        .when(command('EntryCorrected', correcting(named, { correctedData: { ...named.data, settingName: 'Another Secondary' } }), { on: '2027-02-11', by: senco }))
        .thenThrows(NotPermitted);
    });
  });

  // The corrected entry is judged by its own type's rules, not just its schema.
  it('refuses corrected provision whose end date is before its start date', () => {
    given(...withSectionF)
      .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ endDate: '2025-06-01' }) }), { on: '2025-07-01', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'end-before-start', field: 'correctedData.endDate' });
  });

  describe('the fold after corrections', () => {
    it('shows the corrected terms of a ProvisionPromised, and the effective event names its correction', () => {
      const fix = correction(promisedF, { reason: 'Therapy is 30 minutes twice a week', correctedData: sectionFTerms({ minutesPerSession: 30, frequency: { sessions: 2, per: 'week' } }) });
      const history = [...withSectionF, fix];

      const line = foldChildRecord(history).provisions[ids.provision];
      expect(line).toMatchObject({ minutesPerSession: 30, frequency: { sessions: 2, per: 'week' }, promised: { eventId: promisedF.eventId } });

      const effective = applyCorrections(history).find((e) => e.eventId === promisedF.eventId);
      expect(effective?.correctedBy).toBe(fix.eventId);
      expect(effective?.data).toMatchObject({ minutesPerSession: 30 });
      expect(promisedF.correctedBy).toBeUndefined();
      expect(promisedF.data).toMatchObject({ minutesPerSession: 45 });
      expect(applyCorrections(history).map((e) => e.eventId)).toEqual(history.map((e) => e.eventId));
    });

    it('a second correction of the same entry wins over the first', () => {
      const first = correction(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 30 }) }, '2025-07-01');
      const second = correction(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 40 }) }, '2025-07-02');
      const history = [...withSectionF, first, second];

      given(...withSectionF, first)
        .when(command('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 40 }) }), { on: '2025-07-02', by: laOfficer }))
        .then([emitted('EntryCorrected', correcting(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 40 }) }))]);
      expect(foldChildRecord(history).provisions[ids.provision]?.minutesPerSession).toBe(40);
      expect(applyCorrections(history).find((e) => e.eventId === promisedF.eventId)?.correctedBy).toBe(second.eventId);
    });

    it('a date-only correction moves the claimed date and keeps the data', () => {
      const fix = correction(promisedF, { correctedOccurredAt: at('2025-05-20') });
      const line = foldChildRecord([...withSectionF, fix]).provisions[ids.provision];
      expect(line?.promised.on).toBe(at('2025-05-20'));
      expect(line?.minutesPerSession).toBe(45);
    });

    it('the rules judge the corrected history: a draft re-dated later pushes back the earliest final plan', () => {
      const redated = correction(draftIssued, { correctedOccurredAt: at('2025-05-05') }, '2025-05-06');
      const final = { planId: ids.plan, namedSetting: { name: 'Hillside Primary School' } };
      given(...untilAdvice, draftIssued)
        .when(command('FinalPlanIssued', final, { on: days.final, by: laOfficer }))
        .then([emitted('FinalPlanIssued', final)]);
      given(...untilAdvice, draftIssued, redated)
        .when(command('FinalPlanIssued', final, { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-comment-period' });
    });
  });
});
