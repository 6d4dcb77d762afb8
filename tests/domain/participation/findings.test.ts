import { describe, expect, it } from 'vitest';
import { applyCorrections } from '../../../src/domain/child-record/corrections.js';
import type { ChildEvent } from '../../../src/domain/child-record/events.js';
import {
  participationFindings, participationFindingsAsKnownAt, summariseParticipation, type FlagCode, type ParticipationFinding,
} from '../../../src/domain/participation/findings.js';
import { childRegisteredData, days, draftIssued, finalIssued, ids, registered, requested, untilFinal } from '../child-record.fixtures.js';
import { at, laOfficer, parent, recorded, senco } from '../decider-specification.js';
import { capacityData, childViews, healthProfessional, invitationData, noticeData, parentViews, pids } from '../participation.fixtures.js';

const codes = (finding: ParticipationFinding | undefined): FlagCode[] => (finding?.flags ?? []).map((f) => f.code);
const findingFor = (findings: ParticipationFinding[], eventId: string) => findings.find((f) => f.decisionEventId === eventId);

const refusal = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'Needs can be met at SEN support' }, { on: '2025-02-17', by: laOfficer });
const refusalNotice = recorded('DecisionNotified', noticeData(refusal.eventId), { on: '2025-02-19', by: laOfficer });
const NOW = at('2026-12-01');

describe('participation findings', () => {
  describe('acceptance: views before a decision, by claimed date, with the late recording visible', () => {
    it('a decision recorded with no prior views is flagged', () => {
      const findings = participationFindings([registered, requested, refusal, refusalNotice], NOW);
      expect(findings).toHaveLength(1);
      const finding = findings[0]!;
      expect(finding).toMatchObject({ decisionType: 'DecisionNotToAssess', subjectId: ids.request, decidedOn: '2025-02-17', views: { recordedBefore: false, evidence: [] } });
      expect(codes(finding)).toEqual(['views-not-recorded-before']);
      expect(finding.flags[0]!.message).toBe(
        'No views of the child or the parent are recorded before the local authority\'s decision not to carry out an EHC needs assessment on 17 February 2025; the local authority must have regard to their views, wishes and feelings (Children and Families Act 2014 s.19).',
      );
    });

    it('the flag clears once views given before the decision are recorded, and their late recording stays visible', () => {
      // Given at the meeting on 10 February, entered in the ledger on 3 March, after the decision (17 February).
      const lateViews = recorded('ViewsRecorded', parentViews(), { on: '2025-02-10', by: parent, recordedAt: at('2025-03-03') });
      const lateChildViews = recorded('ViewsRecorded', childViews(), { on: '2025-02-10', by: senco, recordedAt: at('2025-03-03') });
      const history = [registered, requested, refusal, refusalNotice, lateViews, lateChildViews];

      const before = findingFor(participationFindings(history, at('2025-03-01')), refusal.eventId);
      expect(codes(before)).toEqual(['views-not-recorded-before']);

      const after = findingFor(participationFindings(history, NOW), refusal.eventId)!;
      expect(codes(after)).not.toContain('views-not-recorded-before');
      expect(after.views.recordedBefore).toBe(true);
      expect(after.views.evidence).toEqual([
        { eventId: lateViews.eventId, whose: 'parent_carer', on: '2025-02-10', recordedAt: at('2025-03-03'), recordedAfterDecision: true },
        { eventId: lateChildViews.eventId, whose: 'child', on: '2025-02-10', recordedAt: at('2025-03-03'), recordedAfterDecision: true },
      ]);
      expect(after.flags).toEqual([
        {
          code: 'views-recorded-after-decision',
          severity: 'note',
          message: 'The views counted for the local authority\'s decision not to carry out an EHC needs assessment on 17 February 2025 were given before it but only entered in the record on 3 March 2025, after the decision was recorded.',
        },
      ]);
    });

    it('views given after the decision do not count, whenever recorded', () => {
      const afterwards = recorded('ViewsRecorded', parentViews(), { on: '2025-02-18', by: parent });
      expect(codes(participationFindings([registered, requested, refusal, refusalNotice, afterwards], NOW)[0])).toEqual(['views-not-recorded-before']);
    });

    it('a correction that moves the date views were given to before the decision clears the flag (from the raw stream)', () => {
      const views = recorded('ViewsRecorded', parentViews(), { on: '2025-02-20', by: parent });
      const redated = recorded(
        'EntryCorrected',
        { supersedesEventId: views.eventId, reason: 'Given at the meeting on 10 February', correctedOccurredAt: at('2025-02-10'), retracted: false },
        { on: '2025-03-01', by: parent },
      );
      const raw = [registered, requested, refusal, refusalNotice, views, redated];
      expect(codes(participationFindingsAsKnownAt(raw, at('2025-02-25'))[0])).toContain('views-not-recorded-before');
      const corrected = participationFindingsAsKnownAt(raw, NOW)[0]!;
      expect(corrected.views.evidence.map((e) => [e.eventId, e.on])).toEqual([[views.eventId, '2025-02-10']]);
      expect(participationFindings(applyCorrections(raw), NOW)).toEqual(participationFindingsAsKnownAt(raw, NOW));
    });
  });

  describe('whose views count, and about what', () => {
    it('the parent\'s views alone count, with a note that the child\'s own are missing', () => {
      const views = recorded('ViewsRecorded', parentViews(), { on: '2025-02-10', by: parent });
      expect(codes(participationFindings([registered, requested, views, refusal, refusalNotice], NOW)[0])).toEqual(['child-views-not-recorded-before']);
    });

    it('views about another subject, or about SEN support, do not count for an assessment decision; general views do', () => {
      const elsewhere = recorded('ViewsRecorded', parentViews({ about: { kind: 'decision', subjectId: ids.secondRequest } }), { on: '2025-02-10', by: parent });
      const senSupport = recorded('ViewsRecorded', childViews({ about: { kind: 'sen_support_cycle' } }), { on: '2025-02-10', by: senco });
      expect(codes(participationFindings([registered, requested, elsewhere, senSupport, refusal, refusalNotice], NOW)[0])).toEqual(['views-not-recorded-before']);
      const general = recorded('ViewsRecorded', parentViews({ viewsId: pids.thirdViews, about: { kind: 'general' } }), { on: '2025-02-10', by: parent });
      const aboutRequest = recorded('ViewsRecorded', childViews({ about: { kind: 'decision', subjectId: ids.request } }), { on: '2025-02-10', by: senco });
      const finding = participationFindings([registered, requested, general, aboutRequest, refusal, refusalNotice], NOW)[0]!;
      expect(finding.views.evidence.map((e) => e.eventId)).toEqual([general.eventId, aboutRequest.eventId]);
      expect(codes(finding)).toEqual([]);
    });

    it('views given in the assessment (about the request) count for the final plan', () => {
      const views = recorded('ViewsRecorded', childViews({ about: { kind: 'plan_section_a', subjectId: ids.request } }), { on: '2025-03-01', by: laOfficer });
      const findings = participationFindings([...untilFinal, views], NOW);
      expect(findingFor(findings, finalIssued.eventId)!.views.evidence.map((e) => e.eventId)).toEqual([views.eventId]);
      expect(findingFor(findings, draftIssued.eventId)!.views.recordedBefore).toBe(true);
    });

    it('notes views more than a year old at the decision', () => {
      const old = recorded('ViewsRecorded', childViews(), { on: '2023-11-01', by: senco });
      const parentOld = recorded('ViewsRecorded', parentViews(), { on: '2023-11-01', by: parent });
      expect(codes(participationFindings([registered, old, parentOld, requested, refusal, refusalNotice], NOW)[0])).toEqual(['views-out-of-date']);
    });
  });

  describe('after compulsory school age: the young person, unless they lack capacity', () => {
    // Born 10 March 2008: compulsory school age ends on 28 June 2024.
    const olderChild = recorded('ChildRegistered', { ...childRegisteredData, dateOfBirth: '2008-03-10' }, { on: '2023-09-04', by: laOfficer });
    const request = recorded('AssessmentRequested', { requestId: ids.request, requestedBy: 'young_person' }, { on: '2024-07-01', by: laOfficer });
    const decision = recorded('DecisionNotToAssess', { requestId: ids.request, reasons: 'No' }, { on: '2024-08-12', by: laOfficer });
    const parentsViews = recorded('ViewsRecorded', parentViews(), { on: '2024-07-20', by: parent });

    it('the parent\'s views no longer stand for a young person', () => {
      const finding = participationFindings([olderChild, request, parentsViews, decision], NOW)[0]!;
      expect(finding.rightsHolder).toEqual({ holder: 'young_person', endOfCompulsorySchoolAge: '2024-06-28' });
      expect(finding.views.counted).toEqual(['young_person', 'child']);
      expect(finding.flags[0]).toMatchObject({ code: 'views-not-recorded-before' });
      expect(finding.flags[0]!.message).toContain('No views of the young person');
    });

    it('a recorded lack of capacity keeps the parent, whose views then count', () => {
      const assessed = recorded('CapacityAssessed', capacityData(), { on: '2024-07-10', by: healthProfessional });
      const finding = participationFindings([olderChild, request, assessed, parentsViews, decision], NOW)[0]!;
      expect(finding.rightsHolder).toEqual({ holder: 'parent_carer', endOfCompulsorySchoolAge: '2024-06-28', capacityAssessmentId: assessed.eventId });
      expect(finding.views.recordedBefore).toBe(true);
      expect(codes(finding)).toEqual(['not-notified']);
    });

    it('notes a notice sent to the parent when the rights were the young person\'s', () => {
      const notice = recorded('DecisionNotified', noticeData(decision.eventId), { on: '2024-08-13', by: laOfficer });
      const ypViews = recorded('ViewsRecorded', parentViews({ whose: 'young_person' }), { on: '2024-07-20', by: laOfficer });
      expect(codes(participationFindings([olderChild, request, ypViews, decision, notice], NOW)[0])).toEqual(['notified-not-rights-holder']);
    });
  });

  describe('telling the family, and of mediation and appeal rights', () => {
    const views = recorded('ViewsRecorded', parentViews(), { on: '2025-02-10', by: parent });
    const child = recorded('ViewsRecorded', childViews(), { on: '2025-02-10', by: senco });

    it('reports when the family was told and how many days after the decision', () => {
      const finding = participationFindings([registered, requested, views, child, refusal, refusalNotice], NOW)[0]!;
      expect(finding.notification).toEqual({
        notified: true,
        firstOn: '2025-02-19',
        daysAfterDecision: 2,
        appealable: 'refusal_to_assess',
        rightsExplained: { mediation: true, appeal: true },
        noticeIds: [refusalNotice.eventId],
      });
      expect(codes(finding)).toEqual([]);
    });

    it('flags a decision the family was never told of', () => {
      const finding = participationFindings([registered, requested, views, child, refusal], NOW)[0]!;
      expect(codes(finding)).toEqual(['not-notified']);
      expect(finding.flags[0]!.message).toBe(
        'No record shows that the parent or carer was told of the local authority\'s decision not to carry out an EHC needs assessment of 17 February 2025 (652 day(s) ago as of 1 December 2026).',
      );
    });

    it('flags an appealable decision notified without mediation or appeal rights, but not a decision that cannot be appealed', () => {
      const bare = recorded('DecisionNotified', noticeData(refusal.eventId, { rightsExplained: { mediation: false, appeal: true } }), { on: '2025-02-19', by: laOfficer });
      const finding = participationFindings([registered, requested, views, child, refusal, bare], NOW)[0]!;
      expect(codes(finding)).toEqual(['rights-not-explained']);
      expect(finding.flags[0]!.message).toContain('no notice recorded explained the right to mediation');

      const toAssess = recorded('DecisionToAssess', { requestId: ids.request }, { on: '2025-02-17', by: laOfficer });
      const told = recorded('DecisionNotified', noticeData(toAssess.eventId, { rightsExplained: { mediation: false, appeal: false } }), { on: '2025-02-18', by: laOfficer });
      const assessed = participationFindings([registered, requested, views, child, toAssess, told], NOW)[0]!;
      expect(assessed.notification?.appealable).toBeNull();
      expect(codes(assessed)).toEqual([]);
    });
  });

  describe('meetings: annual reviews (Regs 20(3)) and SEN support reviews', () => {
    const review = (on: string, decision: 'maintain' | 'amend' = 'amend') =>
      recorded('AnnualReviewHeld', { planId: ids.plan, decision, summary: 'Outcomes reviewed' }, { on, by: laOfficer });
    const views = recorded('ViewsRecorded', childViews({ about: { kind: 'review', subjectId: ids.plan } }), { on: '2026-04-30', by: senco });
    const reviewed = review('2026-05-10');
    const invited = recorded('MeetingInvitationSent', invitationData({ subjectId: ids.plan }), { on: '2026-04-20', by: laOfficer });
    const reviewNotice = recorded('DecisionNotified', noticeData(reviewed.eventId), { on: '2026-05-20', by: laOfficer });

    it('the family was invited ahead of the meeting', () => {
      const finding = findingFor(participationFindings([...untilFinal, views, invited, reviewed, reviewNotice], NOW), reviewed.eventId)!;
      expect(finding.meeting).toEqual({ meeting: 'annual_review', familyInvited: true, invitationIds: [invited.eventId], noticeDays: 20 });
      expect(codes(finding)).toEqual([]);
    });

    it('flags a review with no invitation, or one where the invitations left the family out', () => {
      expect(codes(findingFor(participationFindings([...untilFinal, views, reviewed, reviewNotice], NOW), reviewed.eventId))).toEqual(['not-invited']);
      const schoolOnly = recorded('MeetingInvitationSent', invitationData({ subjectId: ids.plan, invitees: ['school', 'la'] }), { on: '2026-04-20', by: laOfficer });
      const finding = findingFor(participationFindings([...untilFinal, views, schoolOnly, reviewed, reviewNotice], NOW), reviewed.eventId)!;
      expect(codes(finding)).toEqual(['not-invited']);
      expect(finding.flags[0]!.message).toBe(
        'Invitations to the meeting for the annual review of the EHC plan (decision: amend) on 10 May 2026 went to school, la, but not to the parent or young person (SEND Regulations 2014 reg 20(3)).',
      );
    });

    it('flags less than two weeks\' notice', () => {
      const late = recorded('MeetingInvitationSent', invitationData({ subjectId: ids.plan }), { on: '2026-05-03', by: laOfficer });
      expect(codes(findingFor(participationFindings([...untilFinal, views, late, reviewed, reviewNotice], NOW), reviewed.eventId))).toEqual(['short-notice']);
    });

    it('an invitation belongs to one review: the next year\'s review needs its own', () => {
      const nextViews = recorded('ViewsRecorded', childViews({ viewsId: pids.thirdViews }), { on: '2027-04-30', by: senco });
      const nextReview = review('2027-05-08');
      const findings = participationFindings([...untilFinal, views, invited, reviewed, reviewNotice, nextViews, nextReview], at('2027-06-01'));
      expect(findingFor(findings, reviewed.eventId)!.meeting?.familyInvited).toBe(true);
      expect(codes(findingFor(findings, nextReview.eventId))).toEqual(['not-invited', 'not-notified']);
    });

    it('a review decision to keep the plan as it is can be appealed; a ReviewDecisionNotified tells the family but not of their rights', () => {
      const kept = review('2026-05-10', 'maintain');
      const notified = recorded('ReviewDecisionNotified', { planId: ids.plan, decision: 'maintain' }, { on: '2026-05-25', by: laOfficer });
      const finding = findingFor(participationFindings([...untilFinal, views, invited, kept, notified], NOW), kept.eventId)!;
      expect(finding.notification).toMatchObject({ notified: true, firstOn: '2026-05-25', daysAfterDecision: 15, appealable: 'refusal_to_amend', noticeIds: [notified.eventId] });
      expect(codes(finding)).toEqual(['rights-not-explained']);
      const withRights = recorded('DecisionNotified', noticeData(notified.eventId), { on: '2026-05-25', by: laOfficer });
      expect(codes(findingFor(participationFindings([...untilFinal, views, invited, kept, notified, withRights], NOW), kept.eventId))).toEqual([]);
    });

    it('SEN support: flags targets set without the family, and a review without an invitation', () => {
      const cycle = { cycleId: ids.cycle, assessmentSummary: 'Phonics gap', outcomes: ['Read 50 words'], reviewDueOn: '2025-04-01' };
      const childSaid = recorded('ViewsRecorded', childViews({ about: { kind: 'sen_support_cycle', subjectId: ids.cycle } }), { on: '2025-01-10', by: senco });
      const planned = recorded('SenSupportCyclePlanned', cycle, { on: '2025-01-15', by: senco });
      const told = recorded('DecisionNotified', noticeData(planned.eventId, { rightsExplained: { mediation: false, appeal: false } }), { on: '2025-01-16', by: senco });
      const reviewedCycle = recorded('SenSupportCycleReviewed', { cycleId: ids.cycle, outcomesMet: 'partly_met', progress: 'Some progress', nextStep: 'new_cycle' }, { on: '2025-04-01', by: senco });
      const findings = participationFindings([registered, childSaid, planned, told, reviewedCycle], NOW);
      const plannedFinding = findingFor(findings, planned.eventId)!;
      expect(plannedFinding.targets).toEqual({ setWith: null, familyInvolved: false });
      expect(codes(plannedFinding)).toEqual(['targets-set-without-family']);
      expect(plannedFinding.flags.at(-1)!.message).toBe(
        'The record does not say who set the targets of the SEN support plan (its outcomes and targets) on 15 January 2025; they should be agreed with the parent or carer (SEND Code of Practice 6.48).',
      );
      expect(codes(findingFor(findings, reviewedCycle.eventId))).toEqual(['not-invited']);

      const withFamily = recorded('SenSupportCyclePlanned', { ...cycle, targetsSetWith: ['child', 'parent_carer', 'school'] }, { on: '2025-01-15', by: senco });
      const invitedToReview = recorded(
        'MeetingInvitationSent',
        invitationData({ meeting: 'sen_support_review', subjectId: ids.cycle, meetingDate: '2025-04-01', invitees: ['parent_carer', 'child', 'school'] }),
        { on: '2025-03-18', by: senco },
      );
      const better = participationFindings([registered, childSaid, withFamily, invitedToReview, reviewedCycle], NOW);
      expect(findingFor(better, withFamily.eventId)!.targets).toEqual({ setWith: ['child', 'parent_carer', 'school'], familyInvolved: true });
      expect(codes(findingFor(better, withFamily.eventId))).toEqual(['not-notified']);
      expect(findingFor(better, reviewedCycle.eventId)!.meeting?.familyInvited).toBe(true);
    });
  });

  describe('which decisions are read, and the summary', () => {
    const journey: ChildEvent[] = [
      ...untilFinal,
      recorded('PlanAmended', { planId: ids.plan, summary: 'Add OT', reason: 'Review' }, { on: '2026-06-01', by: laOfficer }),
      recorded('PlanCeased', { planId: ids.plan, reason: 'needs_met' }, { on: '2026-09-01', by: laOfficer }),
    ];

    it('lists every decision in order, and no other entry', () => {
      expect(participationFindings(journey, NOW).map((f) => f.decisionType)).toEqual(['DecisionToAssess', 'DraftPlanIssued', 'FinalPlanIssued', 'PlanAmended', 'PlanCeased']);
    });

    it('only what the ledger held at asOf', () => {
      expect(participationFindings(journey, at(days.draft)).map((f) => f.decisionType)).toEqual(['DecisionToAssess', 'DraftPlanIssued']);
    });

    it('counts decisions, concerns and each flag', () => {
      const views = recorded('ViewsRecorded', parentViews({ about: { kind: 'general' } }), { on: '2025-02-10', by: parent });
      const [assessDecision] = journey.filter((e) => e.type === 'DecisionToAssess');
      const told = recorded('DecisionNotified', noticeData(assessDecision!.eventId, { rightsExplained: { mediation: false, appeal: false } }), { on: '2025-02-18', by: laOfficer });
      const summary = summariseParticipation(participationFindings([...journey, views, told], NOW));
      expect(summary).toEqual({
        decisions: 5,
        withConcerns: 3,
        viewsRecordedBefore: 5,
        meetings: { total: 0, familyInvited: 0 },
        notices: { required: 4, notified: 1 },
        appealable: { total: 3, rightsExplained: 0 },
        byFlag: { 'child-views-not-recorded-before': 5, 'not-notified': 3, 'views-out-of-date': 2 },
      });
    });
  });
});
