/**
 * The appeal in the decider: what each party may record, and what cannot be true. The journey of the fixtures
 * (request 13 January 2025, final plan 16 May 2025, a section F line), and a refusal to assess on another record:
 *
 *   refused: request 13 January 2025 · refusal 17 February 2025 · appeal 1 April 2025
 *   contents: appeal against sections F and I of the final plan, 2 June 2025
 */
import { describe, expect, it } from 'vitest';
import type { ChildEvent, ChildEventData } from '../../src/domain/child-record/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import { ids, registered, requested, withSectionF } from './child-record.fixtures.js';
import { afterCommands, command, emitted, given, laOfficer, parent, recorded } from './decider-specification.js';
import { foldChildRecord } from '../../src/domain/child-record/decider.js';

const appealId = ids.appeal;
const orderId = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb01';
const changeId = 'cccccccc-cccc-4ccc-8ccc-cccccccccc01';

const refusal = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'Needs met by SEN support' }, { on: '2025-02-17', by: laOfficer });
const refusedAppeal = recorded('AppealRegistered', { appealId, against: 'refusal_to_assess', requestId: ids.request, tribunalReference: 'EH202/25/00001' }, { on: '2025-04-01', by: parent });
const untilRefusedAppeal: ChildEvent[] = [registered, requested, refusal, refusedAppeal];

const contentsAppeal = recorded('AppealRegistered', { appealId, against: 'plan_contents', planId: ids.plan, sections: ['F', 'I'] }, { on: '2025-06-02', by: parent });
const untilContentsAppeal: ChildEvent[] = [...withSectionF, contentsAppeal];

const notOpposed = (overrides: Partial<ChildEventData<'AppealNotOpposed'>> = {}): ChildEventData<'AppealNotOpposed'> => ({
  appealId, outcomeId: orderId, kind: 'assess', requestId: ids.request, wording: 'The LA will carry out the assessment', ...overrides,
});
const change = (overrides: Partial<ChildEventData<'PlanAmendmentProposed'>> = {}): ChildEventData<'PlanAmendmentProposed'> => ({
  amendmentId: changeId, planId: ids.plan, appealId, section: 'F', proposedBy: 'parent_carer', change: 'add', wording: 'weekly, for 45 minutes', evidence: [],
  about: { kind: 'provision', id: ids.provision }, ...overrides,
});

describe('child record: the appeal (CFA 2014 s.51; SEND Regs 2014 regs 43-45)', () => {
  it('an appeal on contents names sections only when it is about the plan\'s contents', () => {
    given(...withSectionF)
      .when(command('AppealRegistered', { appealId, against: 'cease', planId: ids.plan, sections: ['F'] }, { on: '2025-06-02', by: parent }))
      .thenThrows(RuleViolation, { rule: 'sections-need-contents-appeal', field: 'sections' });
  });

  describe('reg 45: the LA does not oppose, before its response', () => {
    it('is recorded by the LA, and sets the refusal aside so that the decision to assess is accepted', () => {
      const history = afterCommands(untilRefusedAppeal, command('AppealNotOpposed', notOpposed(), { on: '2025-04-20', by: laOfficer }));
      const request = foldChildRecord(history).assessmentRequests[ids.request]!;
      expect(request.decision).toBeUndefined();
      expect(request.setAside).toEqual([expect.objectContaining({ refusal: 'refusal_to_assess', by: expect.objectContaining({ how: 'not_opposed' }) })]);
      given(...history)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: '2025-04-28', by: laOfficer }))
        .then([emitted('DecisionToAssess', { requestId: ids.request })]);
    });

    it('without it, a second decision on the refused request is refused as already decided', () => {
      given(...untilRefusedAppeal)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: '2025-04-28', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'assessment-already-decided', field: 'requestId' });
    });

    it('is refused once the LA has responded: a concession then ends in a consent order', () => {
      const responded = recorded('AppealResponseSubmitted', { appealId, summary: 'The LA opposes the appeal' }, { on: '2025-04-15', by: laOfficer });
      given(...untilRefusedAppeal, responded)
        .when(command('AppealNotOpposed', notOpposed(), { on: '2025-04-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'already-responded', field: 'appealId' });
    });

    it('ends the appeal: no hearing or decision follows, though the LA may concede more', () => {
      const conceded = recorded('AppealNotOpposed', notOpposed(), { on: '2025-04-20', by: laOfficer });
      given(...untilRefusedAppeal, conceded)
        .when(command('HearingListed', { appealId, hearingOn: '2025-09-09' }, { on: '2025-04-21', by: parent }))
        .thenThrows(RuleViolation, { rule: 'appeal-ended', field: 'appealId' });
      given(...untilRefusedAppeal, conceded)
        .when(command('TribunalDecisionIssued', { appealId, outcome: 'allowed' }, { on: '2025-04-21', by: parent }))
        .thenThrows(RuleViolation, { rule: 'appeal-ended', field: 'appealId' });
      const more = notOpposed({ outcomeId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbb02', wording: 'And again' });
      given(...untilRefusedAppeal, conceded).when(command('AppealNotOpposed', more, { on: '2025-04-22', by: laOfficer })).thenThrows(RuleViolation, { rule: 'no-refusal-to-assess', field: 'requestId' });
    });

    it('is the LA\'s alone', () => {
      given(...untilRefusedAppeal).when(command('AppealNotOpposed', notOpposed(), { on: '2025-04-20', by: parent })).thenThrows(NotPermitted);
    });

    it('must fit the appeal: an appeal against a refusal to assess cannot end in an amended plan', () => {
      given(...untilRefusedAppeal)
        .when(command('AppealNotOpposed', notOpposed({ kind: 'amend_plan', requestId: undefined, planId: ids.plan }), { on: '2025-04-20', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'order-does-not-fit-appeal', field: 'kind' });
    });
  });

  describe('orders (reg 43(2)) and consent orders', () => {
    const order = (overrides: Partial<ChildEventData<'TribunalOrderMade'>> = {}): ChildEventData<'TribunalOrderMade'> => ({
      appealId, orderId, kind: 'amend_plan', consent: false, planId: ids.plan, sections: ['F'], wording: 'Amend section F to specify 45 minutes weekly', ...overrides,
    });

    it('an order after a hearing follows the decision allowing the appeal', () => {
      given(...untilContentsAppeal)
        .when(command('TribunalOrderMade', order(), { on: '2025-10-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'order-needs-decision', field: 'consent' });
      const decided = recorded('TribunalDecisionIssued', { appealId, outcome: 'allowed_in_part' }, { on: '2025-10-01', by: parent });
      given(...untilContentsAppeal, decided).when(command('TribunalOrderMade', order(), { on: '2025-10-01', by: parent })).then([emitted('TribunalOrderMade', order())]);
    });

    it('a dismissed appeal orders nothing', () => {
      const dismissed = recorded('TribunalDecisionIssued', { appealId, outcome: 'dismissed' }, { on: '2025-10-01', by: laOfficer });
      given(...untilContentsAppeal, dismissed)
        .when(command('TribunalOrderMade', order(), { on: '2025-10-01', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'appeal-dismissed', field: 'appealId' });
    });

    it('a consent order needs no hearing, but not after the tribunal decided', () => {
      given(...untilContentsAppeal).when(command('TribunalOrderMade', order({ consent: true }), { on: '2025-08-01', by: laOfficer })).then([emitted('TribunalOrderMade', order({ consent: true }))]);
    });

    it('an order to assess sets the refusal aside, as an order', () => {
      const decided = recorded('TribunalDecisionIssued', { appealId, outcome: 'allowed' }, { on: '2025-07-01', by: parent });
      const history = afterCommands([...untilRefusedAppeal, decided], command('TribunalOrderMade', order({ kind: 'assess', planId: undefined, sections: undefined, requestId: ids.request }), { on: '2025-07-01', by: parent }));
      expect(foldChildRecord(history).assessmentRequests[ids.request]!.setAside[0]!.by.how).toBe('ordered');
    });

    it('an order cannot precede the appeal', () => {
      given(...untilContentsAppeal)
        .when(command('TribunalOrderMade', order({ consent: true }), { on: '2025-05-30', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'outcome-before-appeal', field: 'occurredAt' });
    });
  });

  describe('the LA reverses its refusal', () => {
    it('sets the refusal aside; reversing what was never refused is refused, naming the decision', () => {
      const history = afterCommands(untilRefusedAppeal, command('DecisionReversed', { requestId: ids.request, decision: 'refusal_to_assess', reasons: 'New EP advice' }, { on: '2025-04-10', by: laOfficer }));
      expect(foldChildRecord(history).assessmentRequests[ids.request]!.setAside[0]!.by.how).toBe('reversed');
      given(...history)
        .when(command('DecisionReversed', { requestId: ids.request, decision: 'refusal_to_assess', reasons: 'Again' }, { on: '2025-04-11', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'no-refusal-standing', field: 'decision' });
    });

    it('cannot come before the refusal', () => {
      given(...untilRefusedAppeal)
        .when(command('DecisionReversed', { requestId: ids.request, decision: 'refusal_to_assess', reasons: 'New EP advice' }, { on: '2025-02-10', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'reversal-before-refusal', field: 'occurredAt' });
    });
  });

  describe('directions, hearing, withdrawal', () => {
    it('a direction cannot fall due before it was given; a hearing cannot be held before it was listed', () => {
      given(...untilContentsAppeal)
        .when(command('TribunalDirectionsGiven', { appealId, directions: [{ direction: 'evidence', dueOn: '2025-07-01' }, { direction: 'working_document', dueOn: '2025-06-01' }] }, { on: '2025-06-10', by: parent }))
        .thenThrows(RuleViolation, { rule: 'direction-due-before-given', field: 'directions.1.dueOn' });
      given(...untilContentsAppeal)
        .when(command('HearingListed', { appealId, hearingOn: '2025-06-09' }, { on: '2025-06-10', by: parent }))
        .thenThrows(RuleViolation, { rule: 'hearing-before-listing', field: 'hearingOn' });
    });

    it('a withdrawn appeal takes nothing more', () => {
      const withdrawn = recorded('AppealWithdrawn', { appealId, reason: 'Resolved at mediation' }, { on: '2025-07-01', by: parent });
      given(...untilContentsAppeal, withdrawn)
        .when(command('HearingListed', { appealId, hearingOn: '2025-09-09' }, { on: '2025-07-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'appeal-withdrawn', field: 'appealId' });
    });
  });

  describe('the working document', () => {
    it('each party records only its own part', () => {
      given(...untilContentsAppeal).when(command('PlanAmendmentProposed', change({ proposedBy: 'local_authority' }), { on: '2025-07-01', by: parent })).thenThrows(NotPermitted);
      given(...untilContentsAppeal).when(command('PlanAmendmentProposed', change(), { on: '2025-07-01', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilContentsAppeal).when(command('PlanAmendmentProposed', change(), { on: '2025-07-01', by: parent })).then([emitted('PlanAmendmentProposed', change())]);
    });

    it('a change is about something the plan holds', () => {
      given(...untilContentsAppeal)
        .when(command('PlanAmendmentProposed', change({ about: { kind: 'provision', id: ids.unknown } }), { on: '2025-07-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'unknown-subject', field: 'about.id' });
    });

    it('the other party answers; a party does not answer its own change', () => {
      const proposed = recorded('PlanAmendmentProposed', change(), { on: '2025-07-01', by: parent });
      given(...untilContentsAppeal, proposed)
        .when(command('PlanAmendmentAnswered', { amendmentId: changeId, by: 'parent_carer', answer: 'agreed' }, { on: '2025-07-02', by: parent }))
        .thenThrows(RuleViolation, { rule: 'own-change', field: 'by' });
      const answer: ChildEventData<'PlanAmendmentAnswered'> = { amendmentId: changeId, by: 'local_authority', answer: 'disputed', reason: 'Not in the EP report' };
      given(...untilContentsAppeal, proposed).when(command('PlanAmendmentAnswered', answer, { on: '2025-07-02', by: laOfficer })).then([emitted('PlanAmendmentAnswered', answer)]);
    });

    it('remembers the plan version a change was written against', () => {
      const proposed = recorded('PlanAmendmentProposed', change(), { on: '2025-07-01', by: parent });
      const amended = recorded('PlanAmended', { planId: ids.plan, summary: 'Section F', reason: 'Review' }, { on: '2025-07-10', by: laOfficer });
      const record = foldChildRecord([...untilContentsAppeal, proposed, amended]);
      expect(record.planAmendments[changeId]!.planVersion).toBe(1);
      expect(record.plans[ids.plan]!.amendments).toHaveLength(1);
    });

    it('versions are numbered from 1 in order', () => {
      given(...untilContentsAppeal)
        .when(command('WorkingDocumentIssued', { appealId, version: 2, issuedBy: 'parent_carer' }, { on: '2025-07-01', by: parent }))
        .thenThrows(RuleViolation, { rule: 'version-out-of-order', field: 'version' });
      given(...untilContentsAppeal)
        .when(command('WorkingDocumentIssued', { appealId, version: 1, issuedBy: 'parent_carer' }, { on: '2025-07-01', by: parent }))
        .then([emitted('WorkingDocumentIssued', { appealId, version: 1, issuedBy: 'parent_carer' })]);
    });
  });

  it('a section E outcome serves needs the record holds', () => {
    given(...withSectionF)
      .when(command('OutcomeSet', { outcomeId: orderId, planId: ids.plan, description: 'Reads at age level', needIds: [ids.unknown] }, { on: '2025-06-01', by: laOfficer }))
      .thenThrows(RuleViolation, { rule: 'unknown-need', field: 'needIds.0' });
  });
});
