import { describe, it } from 'vitest';
import type { ChildEventData } from '../../src/domain/child-record/events.js';
import { RuleViolation } from '../../src/domain/errors.js';
import { finalIssued, ids, registered, untilDraft, untilFinal } from './child-record.fixtures.js';
import { command, emitted, given, headteacher, laOfficer, parent, recorded, senco } from './decider-specification.js';

const signatory = { name: 'Pat Parent', role: 'Parent' };
const signOff = (data: Omit<ChildEventData<'SignedOff'>, 'signatory'>): ChildEventData<'SignedOff'> => ({ ...data, signatory });

const review = recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'maintain', summary: 'On track' }, { on: '2026-05-10', by: headteacher });
const handover = recorded(
  'PhaseTransferPlacementNamed',
  { planId: ids.plan, transfer: 'primary_to_secondary', settingName: 'Hillside Secondary', startsOn: '2027-09-01' },
  { on: '2027-02-10', by: laOfficer },
);
const cycle = recorded(
  'SenSupportCyclePlanned',
  { cycleId: ids.cycle, assessmentSummary: 'Phonics gap', outcomes: ['Reads CVC words'], reviewDueOn: '2025-04-01' },
  { on: '2025-01-10', by: senco },
);

describe('child record: sign-off', () => {
  describe('of a plan', () => {
    it('a parent signs off the final plan', () => {
      const data = signOff({ subject: 'plan', subjectId: ids.plan });
      given(...untilFinal).when(command('SignedOff', data, { on: '2025-05-20', by: parent })).then([emitted('SignedOff', data)]);
    });

    it('a draft plan can be signed off too', () => {
      const data = signOff({ subject: 'plan', subjectId: ids.plan, statement: 'Agreed subject to section F comments' });
      given(...untilDraft).when(command('SignedOff', data, { on: '2025-05-05', by: parent })).then([emitted('SignedOff', data)]);
    });

    it('refuses a sign-off of an unknown plan', () => {
      given(...untilFinal)
        .when(command('SignedOff', signOff({ subject: 'plan', subjectId: ids.unknown }), { on: '2025-05-20', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject', field: 'subjectId' });
    });

    it('refuses a sign-off whose subject id is some other entry, not a plan id', () => {
      given(...untilFinal)
        .when(command('SignedOff', signOff({ subject: 'plan', subjectId: finalIssued.eventId }), { on: '2025-05-20', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject' });
    });
  });

  describe('of a section', () => {
    it('needs `section`', () => {
      given(...untilFinal)
        .when(command('SignedOff', signOff({ subject: 'section', subjectId: ids.plan }), { on: '2025-05-20', by: parent }))
        .thenThrows(RuleViolation, { rule: 'section-sign-off-needs-section', field: 'section' });
    });

    it('is accepted with the section named', () => {
      const data = signOff({ subject: 'section', subjectId: ids.plan, section: 'F' });
      given(...untilFinal).when(command('SignedOff', data, { on: '2025-05-20', by: parent })).then([emitted('SignedOff', data)]);
    });

    it('of an unknown plan is refused as an unknown subject first', () => {
      given(...untilFinal)
        .when(command('SignedOff', signOff({ subject: 'section', subjectId: ids.unknown, section: 'F' }), { on: '2025-05-20', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject', field: 'subjectId' });
    });
  });

  describe('of a review, a handover and an SEN support plan', () => {
    it('a review is named by its AnnualReviewHeld entry id', () => {
      const data = signOff({ subject: 'review', subjectId: review.eventId });
      given(...untilFinal, review).when(command('SignedOff', data, { on: '2026-05-11', by: parent })).then([emitted('SignedOff', data)]);
      given(...untilFinal, review)
        .when(command('SignedOff', signOff({ subject: 'review', subjectId: finalIssued.eventId }), { on: '2026-05-11', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject', field: 'subjectId' });
    });

    it('a handover is named by its PhaseTransferPlacementNamed entry id', () => {
      const data = signOff({ subject: 'handover', subjectId: handover.eventId });
      given(...untilFinal, handover).when(command('SignedOff', data, { on: '2027-02-11', by: senco })).then([emitted('SignedOff', data)]);
      given(...untilFinal, handover, review)
        .when(command('SignedOff', signOff({ subject: 'handover', subjectId: review.eventId }), { on: '2027-02-11', by: senco }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject', field: 'subjectId' });
    });

    it('an SEN support plan is named by its cycle id', () => {
      const data = signOff({ subject: 'sen_support_plan', subjectId: ids.cycle });
      given(registered, cycle).when(command('SignedOff', data, { on: '2025-01-11', by: parent })).then([emitted('SignedOff', data)]);
      given(registered)
        .when(command('SignedOff', data, { on: '2025-01-11', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-sign-off-subject', field: 'subjectId' });
    });
  });
});
