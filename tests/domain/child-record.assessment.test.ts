import { describe, expect, it } from 'vitest';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import {
  adviceReceived, adviceRequested, days, draftIssued, ids, registered,
  untilAdvice, untilDecision, untilDraft, untilRequest,
} from './child-record.fixtures.js';
import {
  afterCommands, command, educationalPsychologist, emitted, given, headteacher, laOfficer, parent, plusDays, recorded, senco,
} from './decider-specification.js';

const request = { requestId: ids.request, requestedBy: 'parent_carer' } as const;
const secondRequest = { requestId: ids.secondRequest, requestedBy: 'school' } as const;
const advice = {
  adviceRequestId: ids.adviceRequest,
  requestId: ids.request,
  adviceType: 'psychological',
  from: { organisation: 'Camden EP Service', role: 'Educational psychologist' },
} as const;

describe('child record: EHC needs assessment', () => {
  describe('the statutory journey: request -> decision to assess -> advice -> draft -> final plan', () => {
    it('runs end to end through the decider, and the fold shows a final plan for the request', () => {
      const history = afterCommands(
        [registered],
        command('AssessmentRequested', request, { on: days.requested, by: parent }),
        command('DecisionToAssess', { requestId: ids.request }, { on: days.decided, by: laOfficer }),
        command('AdviceRequested', advice, { on: days.adviceRequested, by: laOfficer }),
        command('AdviceReceived', { adviceRequestId: ids.adviceRequest, summary: 'EP advice' }, { on: days.adviceReceived, by: educationalPsychologist }),
        command('DraftPlanIssued', { planId: ids.plan, requestId: ids.request }, { on: days.draft, by: laOfficer }),
        command('FinalPlanIssued', { planId: ids.plan, namedSetting: { name: 'Hillside Primary School' } }, { on: days.final, by: laOfficer }),
      );
      expect(history.map((e) => e.type)).toEqual([
        'ChildRegistered', 'AssessmentRequested', 'DecisionToAssess', 'AdviceRequested', 'AdviceReceived', 'DraftPlanIssued', 'FinalPlanIssued',
      ]);
      const record = foldChildRecord(history);
      expect(record.assessmentRequests[ids.request]).toMatchObject({
        requestedBy: 'parent_carer',
        decision: { outcome: 'assess', actor: laOfficer },
        planId: ids.plan,
      });
      expect(record.adviceRequests[ids.adviceRequest]?.received?.summary).toBe('EP advice');
      expect(record.plans[ids.plan]).toMatchObject({ status: 'final', requestId: ids.request, finalIssued: { namedSetting: { name: 'Hillside Primary School' } } });
    });
  });

  describe('requesting an assessment', () => {
    it('records a request from a parent', () => {
      given(registered)
        .when(command('AssessmentRequested', request, { on: days.requested, by: parent }))
        .then([emitted('AssessmentRequested', request)]);
    });

    it('refuses a second request while the first is undecided', () => {
      given(...untilRequest)
        .when(command('AssessmentRequested', secondRequest, { on: '2025-01-20', by: senco }))
        .thenThrows(RuleViolation, { rule: 'assessment-request-open', field: 'requestId' });
    });

    it('refuses a second request while the assessment is under way (decided to assess, no plan yet)', () => {
      given(...untilAdvice)
        .when(command('AssessmentRequested', secondRequest, { on: '2025-04-01', by: senco }))
        .thenThrows(RuleViolation, { rule: 'assessment-request-open' });
    });

    it('allows a new request once the LA decided not to assess', () => {
      const notToAssess = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'Needs can be met from SEN support' }, { on: days.decided, by: laOfficer });
      given(...untilRequest, notToAssess)
        .when(command('AssessmentRequested', secondRequest, { on: '2025-09-01', by: senco }))
        .then([emitted('AssessmentRequested', secondRequest)]);
    });

    it('allows a new request once the assessment concluded with a draft plan or a decision not to issue', () => {
      given(...untilDraft)
        .when(command('AssessmentRequested', secondRequest, { on: '2026-01-05', by: senco }))
        .then([emitted('AssessmentRequested', secondRequest)]);
      const notToIssue = recorded('DecisionNotToIssue', { requestId: ids.request, reasons: 'Needs met without a plan' }, { on: '2025-05-01', by: laOfficer });
      given(...untilAdvice, notToIssue)
        .when(command('AssessmentRequested', secondRequest, { on: '2026-01-05', by: senco }))
        .then([emitted('AssessmentRequested', secondRequest)]);
    });

    it('refuses a request id that is already recorded', () => {
      const notToAssess = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'No' }, { on: days.decided, by: laOfficer });
      given(...untilRequest, notToAssess)
        .when(command('AssessmentRequested', request, { on: '2025-09-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'requestId' });
    });
  });

  describe('deciding whether to assess (Regs 5, LA only)', () => {
    it('the LA decides to assess', () => {
      given(...untilRequest)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: days.decided, by: laOfficer }))
        .then([emitted('DecisionToAssess', { requestId: ids.request })]);
    });

    it('the LA decides not to assess, with reasons', () => {
      const data = { requestId: ids.request, reasons: 'Needs can be met from SEN support' };
      given(...untilRequest)
        .when(command('DecisionNotToAssess', data, { on: days.decided, by: laOfficer }))
        .then([emitted('DecisionNotToAssess', data)]);
    });

    it.each([
      ['senco', senco],
      ['headteacher', headteacher],
      ['parent', parent],
    ])('a %s may not decide to assess', (_name, by) => {
      given(...untilRequest).when(command('DecisionToAssess', { requestId: ids.request }, { on: days.decided, by })).thenThrows(NotPermitted);
    });

    it('a senco may not decide not to assess either', () => {
      given(...untilRequest)
        .when(command('DecisionNotToAssess', { requestId: ids.request, reasons: 'x' }, { on: days.decided, by: senco }))
        .thenThrows(NotPermitted);
    });

    it('refuses a decision dated before the request', () => {
      given(...untilRequest)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: plusDays(days.requested, -1), by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'decision-before-request', field: 'occurredAt' });
    });

    it('allows a decision on the day the request was received, even earlier that day (dates, not times)', () => {
      given(...untilRequest)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: `${days.requested}T08:00:00.000Z`, by: laOfficer }))
        .then([emitted('DecisionToAssess', { requestId: ids.request })]);
    });

    it('refuses a decision on an unknown request', () => {
      given(...untilRequest)
        .when(command('DecisionToAssess', { requestId: ids.unknown }, { on: days.decided, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-assessment-request', field: 'requestId' });
    });

    it('refuses to decide a request twice', () => {
      given(...untilDecision)
        .when(command('DecisionNotToAssess', { requestId: ids.request, reasons: 'changed mind' }, { on: '2025-02-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'assessment-already-decided', field: 'requestId' });
    });
  });

  describe('advice (Regs 6-8)', () => {
    it('the LA requests advice after deciding to assess', () => {
      given(...untilDecision)
        .when(command('AdviceRequested', advice, { on: days.adviceRequested, by: laOfficer }))
        .then([emitted('AdviceRequested', advice)]);
    });

    it('a senco may not request statutory advice', () => {
      given(...untilDecision).when(command('AdviceRequested', advice, { on: days.adviceRequested, by: senco })).thenThrows(NotPermitted);
    });

    it('refuses advice requests before a decision to assess, or after a decision not to assess', () => {
      given(...untilRequest)
        .when(command('AdviceRequested', advice, { on: days.adviceRequested, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'advice-needs-decision-to-assess', field: 'requestId' });
      const notToAssess = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'No' }, { on: days.decided, by: laOfficer });
      given(...untilRequest, notToAssess)
        .when(command('AdviceRequested', advice, { on: days.adviceRequested, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'advice-needs-decision-to-assess' });
    });

    it('refuses a duplicate advice request id', () => {
      given(...untilDecision, adviceRequested)
        .when(command('AdviceRequested', { ...advice, adviceType: 'medical' }, { on: days.adviceRequested, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'adviceRequestId' });
    });

    it('records advice received from the adviser', () => {
      const data = { adviceRequestId: ids.adviceRequest, summary: 'EP advice' };
      given(...untilDecision, adviceRequested)
        .when(command('AdviceReceived', data, { on: days.adviceReceived, by: educationalPsychologist }))
        .then([emitted('AdviceReceived', data)]);
    });

    it('refuses advice received before it was requested, twice, or for an unknown request', () => {
      const data = { adviceRequestId: ids.adviceRequest, summary: 'EP advice' };
      given(...untilDecision, adviceRequested)
        .when(command('AdviceReceived', data, { on: plusDays(days.adviceRequested, -1), by: educationalPsychologist }))
        .thenThrows(RuleViolation, { rule: 'advice-before-request', field: 'occurredAt' });
      given(...untilDecision, adviceRequested, adviceReceived)
        .when(command('AdviceReceived', data, { on: '2025-03-30', by: educationalPsychologist }))
        .thenThrows(RuleViolation, { rule: 'advice-already-received', field: 'adviceRequestId' });
      given(...untilDecision, adviceRequested)
        .when(command('AdviceReceived', { ...data, adviceRequestId: ids.secondAdviceRequest }, { on: days.adviceReceived, by: educationalPsychologist }))
        .thenThrows(RuleViolation, { rule: 'unknown-advice-request', field: 'adviceRequestId' });
    });
  });

  describe('deciding not to issue a plan (Regs 10, LA only)', () => {
    const notToIssue = { requestId: ids.request, reasons: 'Needs can be met without a plan' };

    it('the LA decides not to issue after assessing', () => {
      given(...untilAdvice)
        .when(command('DecisionNotToIssue', notToIssue, { on: '2025-04-28', by: laOfficer }))
        .then([emitted('DecisionNotToIssue', notToIssue)]);
    });

    it('a senco may not decide not to issue', () => {
      given(...untilAdvice).when(command('DecisionNotToIssue', notToIssue, { on: '2025-04-28', by: senco })).thenThrows(NotPermitted);
    });

    it('refuses a decision not to issue without an assessment', () => {
      given(...untilRequest)
        .when(command('DecisionNotToIssue', notToIssue, { on: '2025-04-28', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'not-to-issue-needs-assessment', field: 'requestId' });
    });

    it('refuses a decision not to issue once a draft plan was issued', () => {
      given(...untilDecision, draftIssued)
        .when(command('DecisionNotToIssue', notToIssue, { on: '2025-05-05', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'assessment-already-concluded', field: 'requestId' });
    });
  });
});
