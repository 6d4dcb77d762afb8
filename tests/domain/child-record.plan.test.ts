import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/domain/child-record/decide.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';
import { englandDateOf } from '../../src/domain/calendar/iso-date.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import {
  adviceReceived, afterCeasing, ceased, days, finalIssued, ids, sectionFTerms, senSupportTerms,
  untilAdvice, untilDecision, untilDraft, untilFinal, untilRequest,
} from './child-record.fixtures.js';
import { at, command, emitted, given, headteacher, laOfficer, parent, plusDays, recorded, senco, tribunal } from './decider-specification.js';

const draft = { planId: ids.plan, requestId: ids.request };
const final = { planId: ids.plan, namedSetting: { name: 'Hillside Primary School', urn: '123456' } };
const amendment = { planId: ids.plan, summary: 'Section F: add occupational therapy', reason: 'Annual review' };
const cease = { planId: ids.plan, reason: 'needs_met' } as const;
const review = { planId: ids.plan, decision: 'maintain', summary: 'Outcomes on track' } as const;

describe('child record: EHC plan', () => {
  describe('draft plan (LA only)', () => {
    it('the LA issues a draft after deciding to assess', () => {
      given(...untilAdvice).when(command('DraftPlanIssued', draft, { on: days.draft, by: laOfficer })).then([emitted('DraftPlanIssued', draft)]);
    });

    it.each([['senco', senco], ['parent', parent], ['tribunal', tribunal]])('a %s may not issue a draft', (_name, by) => {
      given(...untilAdvice).when(command('DraftPlanIssued', draft, { on: days.draft, by })).thenThrows(NotPermitted);
    });

    it('refuses a draft without a decision to assess', () => {
      given(...untilRequest)
        .when(command('DraftPlanIssued', draft, { on: days.draft, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-needs-decision-to-assess', field: 'requestId' });
      const notToAssess = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'No' }, { on: days.decided, by: laOfficer });
      given(...untilRequest, notToAssess)
        .when(command('DraftPlanIssued', draft, { on: days.draft, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-needs-decision-to-assess' });
    });

    it('refuses a second draft for the same request, and a draft after a decision not to issue', () => {
      given(...untilDraft)
        .when(command('DraftPlanIssued', { planId: ids.secondPlan, requestId: ids.request }, { on: '2025-05-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-already-issued', field: 'requestId' });
      const notToIssue = recorded('DecisionNotToIssue', { requestId: ids.request, reasons: 'No' }, { on: '2025-04-28', by: laOfficer });
      given(...untilAdvice, notToIssue)
        .when(command('DraftPlanIssued', draft, { on: days.draft, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'decided-not-to-issue', field: 'requestId' });
    });

    it('refuses a plan id already used', () => {
      given(...untilDraft)
        .when(command('DraftPlanIssued', draft, { on: '2025-05-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'planId' });
    });

    it('refuses a draft dated before the decision to assess', () => {
      given(...untilDecision)
        .when(command('DraftPlanIssued', draft, { on: plusDays(days.decided, -1), by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-before-decision', field: 'occurredAt' });
    });
  });

  describe('final plan (Regs 13)', () => {
    it('refuses a final plan with no draft', () => {
      given(...untilAdvice)
        .when(command('FinalPlanIssued', final, { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'final-plan-requires-draft', field: 'planId' });
    });

    it('refuses a final plan for a different plan id than the draft', () => {
      given(...untilDraft)
        .when(command('FinalPlanIssued', { ...final, planId: ids.secondPlan }, { on: days.final, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'final-plan-requires-draft' });
    });

    it('refuses a final plan 14 days after the draft (Regs 13(1): at least 15 days to comment)', () => {
      const error = given(...untilDraft)
        .when(command('FinalPlanIssued', final, { on: plusDays(days.draft, 14), by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-comment-period', field: 'occurredAt' });
      expect(error.message).toContain(plusDays(days.draft, 15));
    });

    it('refuses a final plan on the same day as the draft', () => {
      given(...untilDraft)
        .when(command('FinalPlanIssued', final, { on: days.draft, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'draft-comment-period' });
    });

    it('allows the final plan on day 15', () => {
      expect(plusDays(days.draft, 15)).toBe(days.final);
      given(...untilDraft).when(command('FinalPlanIssued', final, { on: days.final, by: laOfficer })).then([emitted('FinalPlanIssued', final)]);
    });

    it('counts calendar days, not 24-hour periods: day 15 at 08:00 after a draft at 17:00 is allowed', () => {
      const lateDraft = recorded('DraftPlanIssued', draft, { on: `${days.draft}T17:00:00.000Z`, by: laOfficer });
      given(...untilAdvice, lateDraft)
        .when(command('FinalPlanIssued', final, { on: `${plusDays(days.draft, 15)}T08:00:00.000Z`, by: laOfficer }))
        .then([emitted('FinalPlanIssued', final)]);
    });

    it('property: the final plan is accepted exactly when at least 15 calendar days have passed since the draft, days as England counts them', () => {
      const state = foldChildRecord(untilDraft);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 23 }), (gap, hour) => {
          const occurredAt = `${plusDays(days.draft, gap)}T${String(hour).padStart(2, '0')}:30:00.000Z`;
          const run = () => decide({ record: 'FinalPlanIssued', data: final, actor: laOfficer, occurredAt }, state);
          // 23:30 UTC in summer is already the next day in England, where the law's days are counted.
          const daysInEngland = (Date.parse(englandDateOf(occurredAt)) - Date.parse(days.draft)) / 86_400_000;
          if (daysInEngland >= 15) expect(run()).toEqual([emitted('FinalPlanIssued', final)]);
          else expect(run).toThrow(expect.objectContaining({ rule: 'draft-comment-period' }));
        }),
      );
    });

    it('a senco may not issue the final plan', () => {
      given(...untilDraft).when(command('FinalPlanIssued', final, { on: days.final, by: senco })).thenThrows(NotPermitted);
    });

    it('refuses issuing the same plan as final twice', () => {
      given(...untilFinal)
        .when(command('FinalPlanIssued', final, { on: '2025-06-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-already-final', field: 'planId' });
    });
  });

  describe('amending a plan (LA only)', () => {
    it('the LA amends a final plan', () => {
      given(...untilFinal).when(command('PlanAmended', amendment, { on: '2026-05-20', by: laOfficer })).then([emitted('PlanAmended', amendment)]);
    });

    it.each([['senco', senco], ['headteacher', headteacher], ['parent', parent]])('a %s may not amend a plan', (_name, by) => {
      given(...untilFinal).when(command('PlanAmended', amendment, { on: '2026-05-20', by })).thenThrows(NotPermitted);
    });

    it('refuses to amend a draft or an unknown plan', () => {
      given(...untilDraft)
        .when(command('PlanAmended', amendment, { on: '2025-05-05', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'amend-needs-final-plan', field: 'planId' });
      given(...untilFinal)
        .when(command('PlanAmended', { ...amendment, planId: ids.unknown }, { on: '2026-05-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-plan', field: 'planId' });
    });
  });

  describe('ceasing a plan (CFA s.45, LA only)', () => {
    it('the LA ceases a plan', () => {
      given(...untilFinal).when(command('PlanCeased', cease, { on: days.ceased, by: laOfficer })).then([emitted('PlanCeased', cease)]);
    });

    it.each([['senco', senco], ['parent', parent]])('a %s may not cease a plan', (_name, by) => {
      given(...untilFinal).when(command('PlanCeased', cease, { on: days.ceased, by })).thenThrows(NotPermitted);
    });

    it('refuses to cease an unknown plan', () => {
      given(...untilFinal)
        .when(command('PlanCeased', { ...cease, planId: ids.unknown }, { on: days.ceased, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-plan', field: 'planId' });
    });
  });

  describe('annual review (CFA s.44)', () => {
    it('records the LA\'s review decision on a final plan', () => {
      given(...untilFinal).when(command('AnnualReviewHeld', review, { on: '2026-05-10', by: laOfficer })).then([emitted('AnnualReviewHeld', review)]);
    });

    it('refuses a review decision from the setting: maintaining, amending or ceasing is the LA\'s (Regs 20(10))', () => {
      given(...untilFinal).when(command('AnnualReviewHeld', review, { on: '2026-05-10', by: headteacher })).thenThrows(NotPermitted);
    });

    it('refuses a review of a draft, or dated before the final plan', () => {
      given(...untilDraft)
        .when(command('AnnualReviewHeld', review, { on: '2025-05-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'review-needs-final-plan', field: 'planId' });
      given(...untilFinal)
        .when(command('AnnualReviewHeld', review, { on: plusDays(days.final, -1), by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'review-before-plan', field: 'occurredAt' });
    });
  });

  describe('phase transfer placement (Regs 18)', () => {
    const transfer = { planId: ids.plan, transfer: 'primary_to_secondary', settingName: 'Hillside Secondary', startsOn: '2027-09-01' } as const;

    it('naming the placement in a plan (section I) is for the LA', () => {
      given(...untilFinal).when(command('PhaseTransferPlacementNamed', transfer, { on: '2027-02-10', by: laOfficer })).then([emitted('PhaseTransferPlacementNamed', transfer)]);
      given(...untilFinal).when(command('PhaseTransferPlacementNamed', transfer, { on: '2027-02-10', by: senco })).thenThrows(NotPermitted);
    });

    it('without a plan, a school may record the placement', () => {
      const { planId: _planId, ...noPlan } = transfer;
      given(...untilRequest).when(command('PhaseTransferPlacementNamed', noPlan, { on: '2027-02-10', by: senco })).then([emitted('PhaseTransferPlacementNamed', noPlan)]);
    });
  });

  describe('after PlanCeased', () => {
    it('refuses a section F promise in the ceased plan', () => {
      given(...afterCeasing)
        .when(command('ProvisionPromised', sectionFTerms({ provisionId: ids.otherProvision }), { on: '2025-09-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased', field: 'planId' });
    });

    it('refuses an amendment', () => {
      given(...afterCeasing).when(command('PlanAmended', amendment, { on: '2025-09-02', by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased', field: 'planId' });
    });

    it('refuses an annual review', () => {
      given(...afterCeasing).when(command('AnnualReviewHeld', review, { on: '2025-09-02', by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased' });
    });

    it('refuses a final plan (also for a plan ceased while still a draft)', () => {
      given(...afterCeasing).when(command('FinalPlanIssued', final, { on: '2025-09-02', by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased' });
      const ceasedDraft = recorded('PlanCeased', cease, { on: '2025-05-05', by: laOfficer });
      given(...untilDraft, ceasedDraft).when(command('FinalPlanIssued', final, { on: days.final, by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased' });
    });

    it('refuses a sign-off of the plan or a section of it', () => {
      const signatory = { name: 'Pat Parent', role: 'Parent' };
      given(...afterCeasing)
        .when(command('SignedOff', { subject: 'plan', subjectId: ids.plan, signatory }, { on: '2025-09-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
      given(...afterCeasing)
        .when(command('SignedOff', { subject: 'section', subjectId: ids.plan, section: 'F', signatory }, { on: '2025-09-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
    });

    // The refusal names the field the person sent: a sign-off names its plan in subjectId.
    it('names subjectId as the field to change when signing off a ceased plan', () => {
      given(...afterCeasing)
        .when(command('SignedOff', { subject: 'plan', subjectId: ids.plan, signatory: { name: 'Pat Parent', role: 'Parent' } }, { on: '2025-09-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased', field: 'subjectId' });
    });

    it('refuses ceasing it again, naming the placement in it, and varying, withdrawing or delivering its provision', () => {
      given(...afterCeasing).when(command('PlanCeased', cease, { on: '2025-09-02', by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased' });
      given(...afterCeasing)
        .when(command('PhaseTransferPlacementNamed', { planId: ids.plan, transfer: 'primary_to_secondary', settingName: 'X', startsOn: '2027-09-01' }, { on: '2025-09-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
      given(...afterCeasing)
        .when(command('ProvisionVaried', { provisionId: ids.provision, changes: { minutesPerSession: 30 }, reason: 'r', authority: { name: 'C', role: 'LA' } }, { on: '2025-09-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
      given(...afterCeasing)
        .when(command('ProvisionWithdrawn', { provisionId: ids.provision, reason: 'r', authority: { name: 'C', role: 'LA' } }, { on: '2025-09-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
      given(...afterCeasing)
        .when(command('ProvisionDelivered', { provisionId: ids.provision, sessions: 1, minutes: 45, deliveredBy: { name: 'T', role: 'SALT' } }, { on: '2025-09-02', by: senco }))
        .thenThrows(RuleViolation, { rule: 'plan-ceased' });
    });

    it('still records an appeal against the cessation (support continues until appeal rights are exhausted)', () => {
      const appeal = { appealId: ids.appeal, against: 'cease', planId: ids.plan } as const;
      given(...afterCeasing).when(command('AppealRegistered', appeal, { on: '2025-09-20', by: tribunal })).then([emitted('AppealRegistered', appeal)]);
    });

    it('still accepts corrections, including of the plan entries themselves', () => {
      const correctCease = { supersedesEventId: ceased.eventId, reason: 'Wrong reason recorded', correctedData: { planId: ids.plan, reason: 'left_england' }, retracted: false };
      given(...afterCeasing).when(command('EntryCorrected', correctCease, { on: '2025-09-03', by: laOfficer })).then([emitted('EntryCorrected', correctCease)]);
      const correctFinal = {
        supersedesEventId: finalIssued.eventId,
        reason: 'URN mistyped',
        correctedData: { planId: ids.plan, namedSetting: { name: 'Hillside Primary School', urn: '123457' } },
        retracted: false,
      };
      given(...afterCeasing).when(command('EntryCorrected', correctFinal, { on: '2025-09-03', by: laOfficer })).then([emitted('EntryCorrected', correctFinal)]);
      const correctAdvice = { supersedesEventId: adviceReceived.eventId, reason: 'Summary incomplete', correctedOccurredAt: at('2025-03-25'), retracted: false };
      given(...afterCeasing).when(command('EntryCorrected', correctAdvice, { on: '2025-09-03', by: laOfficer })).then([emitted('EntryCorrected', correctAdvice)]);
    });

    it('does not block SEN support, which is the school\'s own and not part of the plan', () => {
      const terms = senSupportTerms({ startDate: '2025-09-08' });
      given(...afterCeasing).when(command('ProvisionPromised', terms, { on: '2025-09-05', by: senco })).then([emitted('ProvisionPromised', terms)]);
    });

    it('only blocks the ceased plan: a later plan for a new request is unaffected', () => {
      const second = { requestId: ids.secondRequest, requestedBy: 'parent_carer' } as const;
      const history = [
        ...afterCeasing,
        recorded('AssessmentRequested', second, { on: '2026-01-05', by: parent }),
        recorded('DecisionToAssess', { requestId: ids.secondRequest }, { on: '2026-02-10', by: laOfficer }),
        recorded('DraftPlanIssued', { planId: ids.secondPlan, requestId: ids.secondRequest }, { on: '2026-04-01', by: laOfficer }),
      ];
      given(...history)
        .when(command('FinalPlanIssued', { ...final, planId: ids.secondPlan }, { on: '2026-04-16', by: laOfficer }))
        .then([emitted('FinalPlanIssued', { ...final, planId: ids.secondPlan })]);
    });
  });

});
