import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import { CHILD_EVENT_SCHEMAS } from '../../src/domain/child-record/events.js';
import { NotFound, NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { summariseEntry } from '../../projections/entry-summary.js';
import {
  adviceReceived, afterCeasing, childRegisteredData, days, decidedToAssess, ids, untilDecision, untilFinal, untilRequest,
} from './child-record.fixtures.js';
import { at, command, emitted, given, laOfficer, parent, recorded, senco } from './decider-specification.js';
import {
  advocate, capacityData, childViews, healthProfessional, inspector, invitationData, noticeData, otherLaOfficer, parentViews, pids, youngPerson,
} from './participation.fixtures.js';

const registered = untilRequest[0]!;
const notToAssess = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'Needs can be met at SEN support' }, { on: days.decided, by: laOfficer });
const cycle = {
  cycleId: ids.cycle,
  assessmentSummary: 'Phonics gap of two years',
  outcomes: ['Read 50 high-frequency words by Easter'],
  reviewDueOn: '2025-04-01',
};
const cyclePlanned = recorded('SenSupportCyclePlanned', cycle, { on: '2025-01-15', by: senco });

/** A child born 10 March 2008: 16 on 10 March 2024; compulsory school age ends on Friday 28 June 2024. */
const olderChild = recorded('ChildRegistered', { ...childRegisteredData, dateOfBirth: '2008-03-10' }, { on: '2023-09-04', by: laOfficer });

describe('child record: participation (CFA 2014 s.19)', () => {
  describe('ViewsRecorded: anyone with a role records views; a parent or young person records their own', () => {
    it('a parent records their own views', () => {
      given(registered).when(command('ViewsRecorded', parentViews(), { on: '2025-01-10', by: parent })).then([emitted('ViewsRecorded', parentViews())]);
    });

    it.each([['the LA', laOfficer], ['the SENCO', senco], ['an advocate', advocate]])('%s records what the child said', (_who, by) => {
      const data = childViews({ how: 'through_advocate', about: { kind: 'decision', subjectId: ids.request } });
      given(registered).when(command('ViewsRecorded', data, { on: '2025-01-10', by })).then([emitted('ViewsRecorded', data)]);
    });

    it('a young person records their own views', () => {
      const data = parentViews({ whose: 'young_person', givenBy: { name: 'Young Person A', relationship: 'Self' } });
      given(olderChild).when(command('ViewsRecorded', data, { on: '2024-09-10', by: youngPerson })).then([emitted('ViewsRecorded', data)]);
    });

    it('refuses a parent recording the child\'s views as the child\'s, and a young person recording the parent\'s', () => {
      given(registered).when(command('ViewsRecorded', childViews(), { on: '2025-01-10', by: parent })).thenThrows(RuleViolation, { rule: 'views-not-own', field: 'whose' });
      given(olderChild).when(command('ViewsRecorded', parentViews(), { on: '2024-09-10', by: youngPerson })).thenThrows(RuleViolation, { rule: 'views-not-own', field: 'whose' });
    });

    it('an inspector only reads', () => {
      given(registered).when(command('ViewsRecorded', childViews(), { on: '2025-01-10', by: inspector })).thenThrows(NotPermitted);
    });

    it('refuses views before the child is registered', () => {
      given().when(command('ViewsRecorded', parentViews(), { on: '2025-01-10', by: parent })).thenThrows(NotFound);
    });

    it('refuses a views id already used', () => {
      const first = recorded('ViewsRecorded', parentViews(), { on: '2025-01-10', by: parent });
      given(registered, first).when(command('ViewsRecorded', parentViews(), { on: '2025-01-11', by: parent })).thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'viewsId' });
    });

    it('refuses general views that name a subject', () => {
      given(registered)
        .when(command('ViewsRecorded', parentViews({ about: { kind: 'general', subjectId: ids.request } }), { on: '2025-01-10', by: parent }))
        .thenThrows(RuleViolation, { rule: 'general-views-with-subject', field: 'about.subjectId' });
    });

    it.each([
      ['an email address', 'summary', parentViews({ summary: 'Please write to pat.parent@example.org about this' })],
      ['a mobile number', 'summary', parentViews({ summary: 'Call me on 07700 900123 after 5pm' })],
      ['a +44 number', 'givenBy.relationship', parentViews({ givenBy: { name: 'Pat Parent', relationship: 'Mother, +44 20 7946 0000' } })],
    ])('refuses contact data (%s) in views', (_what, field, data) => {
      given(registered).when(command('ViewsRecorded', data, { on: '2025-01-10', by: parent })).thenThrows(RuleViolation, { rule: 'contact-data-in-views', field });
    });

    it('the schema keeps no contact fields and knows only its own vocabulary', () => {
      const parsed = CHILD_EVENT_SCHEMAS.ViewsRecorded.parse({ ...parentViews(), email: 'pat@example.org', phone: '07700900123' });
      expect(Object.keys(parsed)).not.toContain('email');
      expect(Object.keys(parsed)).not.toContain('phone');
      expect(CHILD_EVENT_SCHEMAS.ViewsRecorded.safeParse(parentViews({ whose: 'teacher' as never })).success).toBe(false);
      expect(CHILD_EVENT_SCHEMAS.ViewsRecorded.safeParse(parentViews({ how: 'telepathy' as never })).success).toBe(false);
    });

    it('the fold keeps views with when they were given and when they were recorded', () => {
      const late = recorded('ViewsRecorded', parentViews(), { on: '2025-01-10', by: parent, recordedAt: at('2025-03-01') });
      const record = foldChildRecord([registered, late]);
      expect(record.views).toEqual([expect.objectContaining({ viewsId: pids.views, on: at('2025-01-10'), recordedAt: at('2025-03-01'), eventId: late.eventId })]);
    });
  });

  describe('MeetingInvitationSent (Regs 20(3); CoP 6.65)', () => {
    it('the LA invites the family to an annual review of the plan', () => {
      const data = invitationData({ subjectId: ids.plan });
      given(...untilFinal).when(command('MeetingInvitationSent', data, { on: '2026-04-20', by: laOfficer })).then([emitted('MeetingInvitationSent', data)]);
    });

    it('the SENCO invites the parents to an SEN support review', () => {
      const data = invitationData({ meeting: 'sen_support_review', subjectId: ids.cycle, meetingDate: '2025-04-01', invitees: ['parent_carer', 'child', 'school'] });
      given(registered, cyclePlanned).when(command('MeetingInvitationSent', data, { on: '2025-03-18', by: senco })).then([emitted('MeetingInvitationSent', data)]);
    });

    it('refuses invitations from a parent or from another LA', () => {
      given(...untilFinal).when(command('MeetingInvitationSent', invitationData(), { on: '2026-04-20', by: parent })).thenThrows(NotPermitted);
      given(...untilFinal).when(command('MeetingInvitationSent', invitationData(), { on: '2026-04-20', by: otherLaOfficer })).thenThrows(NotPermitted);
    });

    it('refuses an invitation sent after the meeting', () => {
      given(...untilFinal)
        .when(command('MeetingInvitationSent', invitationData({ meetingDate: '2026-04-19' }), { on: '2026-04-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'invitation-after-meeting', field: 'meetingDate' });
    });

    it('refuses an invitation about an unknown plan or cycle, or a review of a ceased plan', () => {
      given(...untilFinal)
        .when(command('MeetingInvitationSent', invitationData({ subjectId: ids.unknown }), { on: '2026-04-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-plan', field: 'subjectId' });
      given(registered)
        .when(command('MeetingInvitationSent', invitationData({ meeting: 'sen_support_review', subjectId: ids.unknown }), { on: '2025-03-18', by: senco }))
        .thenThrows(RuleViolation, { rule: 'unknown-sen-support-cycle', field: 'subjectId' });
      given(...afterCeasing)
        .when(command('MeetingInvitationSent', invitationData({ subjectId: ids.plan }), { on: '2026-04-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased', field: 'subjectId' });
    });

    it('the schema refuses no invitees and the same invitee twice', () => {
      expect(CHILD_EVENT_SCHEMAS.MeetingInvitationSent.safeParse(invitationData({ invitees: [] })).success).toBe(false);
      expect(CHILD_EVENT_SCHEMAS.MeetingInvitationSent.safeParse(invitationData({ invitees: ['parent_carer', 'parent_carer'] })).success).toBe(false);
    });
  });

  describe('DecisionNotified: the decision must be in the record', () => {
    it('the LA records that the parent was told of a refusal to assess, with mediation and appeal rights', () => {
      const data = noticeData(notToAssess.eventId);
      given(...untilRequest, notToAssess).when(command('DecisionNotified', data, { on: '2025-02-19', by: laOfficer })).then([emitted('DecisionNotified', data)]);
    });

    it('refuses a notice of an entry that is not in the record', () => {
      given(...untilRequest, notToAssess)
        .when(command('DecisionNotified', noticeData(ids.unknown), { on: '2025-02-19', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-decision', field: 'decisionEventId' });
    });

    it('refuses a notice of an entry that is not a decision', () => {
      given(...untilDecision, recorded('AdviceRequested', { adviceRequestId: ids.adviceRequest, requestId: ids.request, adviceType: 'psychological', from: { organisation: 'EP', role: 'EP' } }, { on: days.adviceRequested, by: laOfficer }), adviceReceived)
        .when(command('DecisionNotified', noticeData(adviceReceived.eventId), { on: '2025-03-25', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'not-a-notifiable-decision', field: 'decisionEventId' });
    });

    it('refuses a notice dated before the decision', () => {
      given(...untilDecision)
        .when(command('DecisionNotified', noticeData(decidedToAssess.eventId), { on: '2025-02-16', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'notified-before-decision', field: 'occurredAt' });
    });

    it('the LA records notices of its decisions; the setting those of its SEN support plans', () => {
      given(...untilRequest, notToAssess).when(command('DecisionNotified', noticeData(notToAssess.eventId), { on: '2025-02-19', by: senco })).thenThrows(NotPermitted);
      given(...untilRequest, notToAssess).when(command('DecisionNotified', noticeData(notToAssess.eventId), { on: '2025-02-19', by: otherLaOfficer })).thenThrows(NotPermitted);
      const data = noticeData(cyclePlanned.eventId, { rightsExplained: { mediation: false, appeal: false } });
      given(registered, cyclePlanned).when(command('DecisionNotified', data, { on: '2025-01-16', by: senco })).then([emitted('DecisionNotified', data)]);
    });
  });

  describe('CapacityAssessed (MCA 2005)', () => {
    it('a health professional records an assessment of a young person of 16 or over', () => {
      given(olderChild).when(command('CapacityAssessed', capacityData(), { on: '2024-03-10', by: healthProfessional })).then([emitted('CapacityAssessed', capacityData())]);
    });

    it('refuses an assessment before the 16th birthday (MCA 2005 s.2(5))', () => {
      given(olderChild)
        .when(command('CapacityAssessed', capacityData(), { on: '2024-03-09', by: healthProfessional }))
        .thenThrows(RuleViolation, { rule: 'capacity-under-16', field: 'occurredAt' });
    });

    it('the family, an inspector or another LA do not record capacity assessments', () => {
      for (const by of [parent, youngPerson, inspector, otherLaOfficer]) {
        given(olderChild).when(command('CapacityAssessed', capacityData(), { on: '2024-09-10', by })).thenThrows(NotPermitted);
      }
    });

    it('refuses an assessment id already used', () => {
      const first = recorded('CapacityAssessed', capacityData(), { on: '2024-09-10', by: healthProfessional });
      given(olderChild, first)
        .when(command('CapacityAssessed', capacityData({ hasCapacity: true }), { on: '2024-10-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'assessmentId' });
    });
  });

  describe('SenSupportCyclePlanned: who set the targets', () => {
    it('records who set the targets, and stays valid without them (existing entries)', () => {
      const data = { ...cycle, targetsSetWith: ['child', 'parent_carer', 'school'] as const };
      given(registered).when(command('SenSupportCyclePlanned', { ...data, targetsSetWith: [...data.targetsSetWith] }, { on: '2025-01-15', by: senco }))
        .then([emitted('SenSupportCyclePlanned', { ...data, targetsSetWith: [...data.targetsSetWith] })]);
      expect(CHILD_EVENT_SCHEMAS.SenSupportCyclePlanned.safeParse(cycle).success).toBe(true);
    });

    it('the schema refuses an empty or repeated list and unknown setters', () => {
      const schema = CHILD_EVENT_SCHEMAS.SenSupportCyclePlanned;
      expect(schema.safeParse({ ...cycle, targetsSetWith: [] }).success).toBe(false);
      expect(schema.safeParse({ ...cycle, targetsSetWith: ['school', 'school'] }).success).toBe(false);
      expect(schema.safeParse({ ...cycle, targetsSetWith: ['governor'] }).success).toBe(false);
    });
  });

  describe('corrections of participation entries', () => {
    const views = recorded('ViewsRecorded', parentViews(), { on: '2025-01-10', by: parent });

    it('the parent corrects the date their views were given, or retracts them', () => {
      const redated = { supersedesEventId: views.eventId, reason: 'Given at the January meeting', correctedOccurredAt: at('2025-01-08'), retracted: false };
      given(registered, views).when(command('EntryCorrected', redated, { on: '2025-02-01', by: parent })).then([emitted('EntryCorrected', redated)]);
      const retraction = { supersedesEventId: views.eventId, reason: 'Entered on the wrong child', retracted: true };
      given(registered, views).when(command('EntryCorrected', retraction, { on: '2025-02-01', by: parent })).then([emitted('EntryCorrected', retraction)]);
    });

    it('a correction cannot change the views id', () => {
      const data = { supersedesEventId: views.eventId, reason: 'typo', correctedData: parentViews({ viewsId: pids.thirdViews }), retracted: false };
      given(registered, views)
        .when(command('EntryCorrected', data, { on: '2025-02-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-identity', field: 'correctedData.viewsId' });
    });

    it('a corrected notice must still point at a decision in the record', () => {
      const notice = recorded('DecisionNotified', noticeData(notToAssess.eventId), { on: '2025-02-19', by: laOfficer });
      const data = { supersedesEventId: notice.eventId, reason: 'wrong entry', correctedData: noticeData(ids.unknown), retracted: false };
      given(...untilRequest, notToAssess, notice)
        .when(command('EntryCorrected', data, { on: '2025-02-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-decision', field: 'correctedData.decisionEventId' });
    });
  });

  describe('entry summaries', () => {
    it('summarise each participation entry without names or the words of the views', () => {
      const lines = [
        recorded('ViewsRecorded', parentViews({ about: { kind: 'review' } }), { on: '2025-01-10', by: parent }),
        recorded('MeetingInvitationSent', invitationData(), { on: '2026-04-20', by: laOfficer }),
        recorded('DecisionNotified', noticeData(notToAssess.eventId, { rightsExplained: { mediation: true, appeal: false } }), { on: '2025-02-19', by: laOfficer }),
        recorded('CapacityAssessed', capacityData(), { on: '2024-09-10', by: healthProfessional }),
        recorded('SenSupportCyclePlanned', { ...cycle, targetsSetWith: ['parent_carer', 'school'] }, { on: '2025-01-15', by: senco }),
      ].map(summariseEntry);
      expect(lines).toEqual([
        'Views of the parent carer recorded (written, about review), given by Mother',
        'Invitations sent to the annual review meeting on 2026-05-10: parent carer, child, school, health, la',
        `Parent carer told of decision ${notToAssess.eventId}, with mediation rights explained`,
        'Mental capacity assessed by Consultant psychiatrist for Decisions about the EHC plan and placement: lacks capacity',
        'SEN support cycle planned with 1 outcome(s), review due 2025-04-01; targets set with parent carer, school',
      ]);
      expect(lines.join(' ')).not.toContain('Pat Parent');
      expect(lines.join(' ')).not.toContain('playtime');
    });
  });
});
