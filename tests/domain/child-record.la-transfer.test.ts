/**
 * Moving a child with an EHC plan to another LA (SEND Regs 2014 reg 15). The journey of the fixtures
 * (LA 202, final plan 2025-05-16, section F line), then:
 *
 *   2025-09-01 LA 202 records the move to LA 204 (learned of 29 August, move on 26 September)
 *   2025-09-26 LA 202 transfers the plan out · 2025-09-29 LA 204 takes it in · 2025-10-20 LA 204 tells the family
 */
import { describe, expect, it } from 'vitest';
import { CHILD_EVENT_SCHEMAS, type ChildEvent, type ChildEventData } from '../../src/domain/child-record/events.js';
import { NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { summariseEntry } from '../../projections/entry-summary.js';
import { ceased, days, ids as journeyIds, promisedF, sectionFTerms, untilDraft, withSectionF } from './child-record.fixtures.js';
import { at, command, emitted, given, laOfficer, parent, recorded, senco } from './decider-specification.js';

const ids = {
  ...journeyIds,
  move: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa01',
  secondMove: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa02',
  newProvision: '55555555-5555-4555-8555-555555555599',
} as const;

/** The receiving LA's caseworker: tokens name an LA by its DfE code. */
const newLaOfficer: Actor = { id: 'la-officer-204', displayName: 'Nia Newla', role: 'la_officer', organisation: '204' };
const thirdLaOfficer: Actor = { id: 'la-officer-205', displayName: 'Tam Third', role: 'la_officer', organisation: '205' };

const on = { notified: '2025-09-01', learned: '2025-08-29', move: '2025-09-26', out: '2025-09-26', in: '2025-09-29', decision: '2025-10-20' } as const;

const moveData = (overrides: Partial<ChildEventData<'LaMoveNotified'>> = {}): ChildEventData<'LaMoveNotified'> => ({
  moveId: ids.move,
  planId: ids.plan,
  toLaCode: '204',
  moveDate: on.move,
  learnedOn: on.learned,
  ...overrides,
});
const outData: ChildEventData<'PlanTransferredOut'> = { moveId: ids.move, planId: ids.plan, toLaCode: '204' };
const inData: ChildEventData<'PlanTransferredIn'> = { moveId: ids.move, planId: ids.plan, fromLaCode: '202' };
const decisionData = (overrides: Partial<ChildEventData<'NewLaDecisionNotified'>> = {}): ChildEventData<'NewLaDecisionNotified'> => ({
  moveId: ids.move,
  planId: ids.plan,
  decision: 'maintain_as_transferred',
  reviewBy: '2026-03-31',
  ...overrides,
});

const notified = recorded('LaMoveNotified', moveData(), { on: on.notified, by: laOfficer });
const transferredOut = recorded('PlanTransferredOut', outData, { on: on.out, by: laOfficer });
const transferredIn = recorded('PlanTransferredIn', inData, { on: on.in, by: newLaOfficer });
const decisionNotified = recorded('NewLaDecisionNotified', decisionData(), { on: on.decision, by: newLaOfficer });

const untilNotified: ChildEvent[] = [...withSectionF, notified];
const untilOut: ChildEvent[] = [...untilNotified, transferredOut];
const untilIn: ChildEvent[] = [...untilOut, transferredIn];

describe('child record: moving to another local authority (SEND Regs 2014 reg 15)', () => {
  describe('LaMoveNotified: the LA maintaining the plan records the move', () => {
    it('records a move of a final plan to another LA, by an officer of the child\'s LA', () => {
      given(...withSectionF).when(command('LaMoveNotified', moveData(), { on: on.notified, by: laOfficer })).then([emitted('LaMoveNotified', moveData())]);
    });

    it('refuses an officer of another LA, a school or a parent (NotPermitted)', () => {
      const error = given(...withSectionF).when(command('LaMoveNotified', moveData(), { on: on.notified, by: newLaOfficer })).thenThrows(NotPermitted);
      expect(error.message).toContain("child's local authority (202)");
      expect(error.message).toContain('your organisation is 204');
      given(...withSectionF).when(command('LaMoveNotified', moveData(), { on: on.notified, by: senco })).thenThrows(NotPermitted);
      given(...withSectionF).when(command('LaMoveNotified', moveData(), { on: on.notified, by: parent })).thenThrows(NotPermitted);
    });

    it('refuses a "move" to the LA the child already belongs to', () => {
      given(...withSectionF)
        .when(command('LaMoveNotified', moveData({ toLaCode: '202' }), { on: on.notified, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'move-within-la', field: 'toLaCode' });
    });

    it('needs a final plan that is still maintained', () => {
      given(...untilDraft).when(command('LaMoveNotified', moveData(), { on: on.notified, by: laOfficer })).thenThrows(RuleViolation, { rule: 'transfer-needs-final-plan', field: 'planId' });
      given(...withSectionF, ceased).when(command('LaMoveNotified', moveData(), { on: on.notified, by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased', field: 'planId' });
      given(...withSectionF)
        .when(command('LaMoveNotified', moveData({ planId: ids.unknown }), { on: on.notified, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'unknown-plan', field: 'planId' });
    });

    it('refuses a second move with the same id, and a second move of the plan while one is under way', () => {
      given(...untilNotified).when(command('LaMoveNotified', moveData(), { on: on.notified, by: laOfficer })).thenThrows(RuleViolation, { rule: 'duplicate-id', field: 'moveId' });
      given(...untilOut)
        .when(command('LaMoveNotified', moveData({ moveId: ids.secondMove, toLaCode: '205' }), { on: on.out, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'move-already-open', field: 'planId' });
    });

    it('refuses a learnedOn date later than the entry itself', () => {
      given(...withSectionF)
        .when(command('LaMoveNotified', moveData({ learnedOn: '2025-09-02' }), { on: on.notified, by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'learned-after-recorded', field: 'learnedOn' });
    });

    it('schema: LA codes are three digits, dates are YYYY-MM-DD', () => {
      const schema = CHILD_EVENT_SCHEMAS.LaMoveNotified;
      expect(schema.safeParse(moveData()).success).toBe(true);
      expect(schema.safeParse({ ...moveData(), toLaCode: 'Camden' }).error?.issues[0]?.path).toEqual(['toLaCode']);
      expect(schema.safeParse({ ...moveData(), moveDate: '26/09/2025' }).error?.issues[0]?.path).toEqual(['moveDate']);
      expect(CHILD_EVENT_SCHEMAS.NewLaDecisionNotified.safeParse({ ...decisionData(), decision: 'cease' }).success).toBe(false);
    });
  });

  describe('PlanTransferredOut: the old LA transfers the plan (reg 15(2))', () => {
    it('transfers the plan after the move was recorded', () => {
      given(...untilNotified).when(command('PlanTransferredOut', outData, { on: on.out, by: laOfficer })).then([emitted('PlanTransferredOut', outData)]);
    });

    it('needs the move recorded first, and transfers once', () => {
      given(...withSectionF).when(command('PlanTransferredOut', outData, { on: on.out, by: laOfficer })).thenThrows(RuleViolation, { rule: 'unknown-move', field: 'moveId' });
      given(...untilOut).when(command('PlanTransferredOut', outData, { on: '2025-09-30', by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-already-transferred-out', field: 'moveId' });
    });

    it('cannot be dated before the move was recorded', () => {
      given(...untilNotified)
        .when(command('PlanTransferredOut', outData, { on: '2025-08-31', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'transfer-before-move-notified', field: 'occurredAt' });
    });

    it('must name the move\'s plan and receiving LA', () => {
      given(...untilNotified).when(command('PlanTransferredOut', { ...outData, toLaCode: '205' }, { on: on.out, by: laOfficer })).thenThrows(RuleViolation, { rule: 'move-mismatch', field: 'toLaCode' });
      given(...untilNotified).when(command('PlanTransferredOut', { ...outData, planId: ids.secondPlan }, { on: on.out, by: laOfficer })).thenThrows(RuleViolation, { rule: 'move-mismatch', field: 'planId' });
    });

    it('is the old LA\'s act: the receiving LA cannot record it (NotPermitted)', () => {
      const error = given(...untilNotified).when(command('PlanTransferredOut', outData, { on: on.out, by: newLaOfficer })).thenThrows(NotPermitted);
      expect(error.message).toContain('(202)');
    });

    it('a plan ceased after the move was recorded is no longer transferred', () => {
      const ceasedAfter = recorded('PlanCeased', { planId: ids.plan, reason: 'left_england' }, { on: '2025-09-10', by: laOfficer });
      given(...untilNotified, ceasedAfter).when(command('PlanTransferredOut', outData, { on: on.out, by: laOfficer })).thenThrows(RuleViolation, { rule: 'plan-ceased' });
    });
  });

  describe('PlanTransferredIn: the receiving LA takes the plan in (reg 15(3))', () => {
    it('is recorded by an officer of the receiving LA after the transfer out', () => {
      given(...untilOut).when(command('PlanTransferredIn', inData, { on: on.in, by: newLaOfficer })).then([emitted('PlanTransferredIn', inData)]);
    });

    it('refuses the old LA, a third LA and a school, naming the receiving LA (NotPermitted)', () => {
      const error = given(...untilOut).when(command('PlanTransferredIn', inData, { on: on.in, by: laOfficer })).thenThrows(NotPermitted);
      expect(error.message).toBe('only an officer of the receiving local authority (204) may take in an EHC plan transferred to it; you are la_officer of 202');
      given(...untilOut).when(command('PlanTransferredIn', inData, { on: on.in, by: thirdLaOfficer })).thenThrows(NotPermitted);
      given(...untilOut).when(command('PlanTransferredIn', inData, { on: on.in, by: { ...senco, organisation: '204' } })).thenThrows(NotPermitted);
    });

    it('only after the old LA transferred the plan out, and only once', () => {
      given(...untilNotified).when(command('PlanTransferredIn', inData, { on: on.in, by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'transfer-in-needs-transfer-out', field: 'moveId' });
      given(...untilIn).when(command('PlanTransferredIn', inData, { on: '2025-09-30', by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'plan-already-transferred-in', field: 'moveId' });
      given(...untilOut).when(command('PlanTransferredIn', inData, { on: '2025-09-25', by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'transfer-in-before-transfer-out', field: 'occurredAt' });
    });

    it('must name the LA the plan came from', () => {
      given(...untilOut).when(command('PlanTransferredIn', { ...inData, fromLaCode: '205' }, { on: on.in, by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'move-mismatch', field: 'fromLaCode' });
      given(...untilOut).when(command('PlanTransferredIn', { ...inData, moveId: ids.secondMove }, { on: on.in, by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'unknown-move', field: 'moveId' });
    });

    it('makes the new LA the child\'s LA in the record, and keeps the plan\'s date and promises (reg 15(3))', () => {
      const before = given(...untilOut).state;
      const after = given(...untilIn).state;
      expect(before.profile?.laCode).toBe('202');
      expect(after.profile?.laCode).toBe('204');
      expect(after.plans[ids.plan]).toMatchObject({ status: 'final', finalIssued: { on: at(days.final) } });
      expect(after.provisions[ids.provision]?.status).toBe('active');
      expect(after.laMoves[ids.move]).toMatchObject({
        fromLaCode: '202',
        toLaCode: '204',
        moveDate: on.move,
        learnedOn: on.learned,
        notified: { on: at(on.notified), actor: { organisation: '202' } },
        transferredOut: { on: at(on.out), actor: { organisation: '202' } },
        transferredIn: { on: at(on.in), actor: { organisation: '204' } },
      });
    });
  });

  describe('NewLaDecisionNotified: the new LA tells the family (reg 15(4))', () => {
    it('is recorded by the new LA after the transfer in', () => {
      given(...untilIn).when(command('NewLaDecisionNotified', decisionData(), { on: on.decision, by: newLaOfficer })).then([emitted('NewLaDecisionNotified', decisionData())]);
      const reassess = decisionData({ decision: 'reassess', reviewBy: '2026-01-15' });
      given(...untilIn).when(command('NewLaDecisionNotified', reassess, { on: on.decision, by: newLaOfficer })).then([emitted('NewLaDecisionNotified', reassess)]);
    });

    it('refuses the old LA (NotPermitted), before and after the transfer in', () => {
      given(...untilIn).when(command('NewLaDecisionNotified', decisionData(), { on: on.decision, by: laOfficer })).thenThrows(NotPermitted);
      given(...untilOut).when(command('NewLaDecisionNotified', decisionData(), { on: on.decision, by: laOfficer })).thenThrows(NotPermitted);
    });

    it('only after the transfer in, and once per move', () => {
      given(...untilOut).when(command('NewLaDecisionNotified', decisionData(), { on: on.decision, by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'decision-needs-transfer-in', field: 'moveId' });
      given(...untilIn, decisionNotified)
        .when(command('NewLaDecisionNotified', decisionData(), { on: '2025-10-21', by: newLaOfficer }))
        .thenThrows(RuleViolation, { rule: 'new-la-decision-already-notified', field: 'moveId' });
      given(...untilIn).when(command('NewLaDecisionNotified', decisionData(), { on: '2025-09-28', by: newLaOfficer })).thenThrows(RuleViolation, { rule: 'decision-before-transfer-in', field: 'occurredAt' });
    });

    it('the review date it gives is within reg 15(5): by 15 May 2026 here (12 months beginning with the plan of 16 May 2025, later than 3 months from the transfer)', () => {
      const lastDay = decisionData({ reviewBy: '2026-05-15' });
      given(...untilIn).when(command('NewLaDecisionNotified', lastDay, { on: on.decision, by: newLaOfficer })).then([emitted('NewLaDecisionNotified', lastDay)]);
      const error = given(...untilIn)
        .when(command('NewLaDecisionNotified', decisionData({ reviewBy: '2026-05-16' }), { on: on.decision, by: newLaOfficer }))
        .thenThrows(RuleViolation, { rule: 'review-date-too-late', field: 'reviewBy' });
      expect(error.message).toContain('2026-05-15');
      given(...untilIn)
        .when(command('NewLaDecisionNotified', decisionData({ reviewBy: '2025-10-01' }), { on: on.decision, by: newLaOfficer }))
        .thenThrows(RuleViolation, { rule: 'review-date-in-past', field: 'reviewBy' });
    });

    it('when the last review was nearly a year before the transfer, 3 months from the transfer is the later limit', () => {
      // Reviewed 1 May 2026 (12 months end 30 April 2027); taken in 1 March 2027 (3 months end 31 May 2027).
      const reviewed = recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'maintain', summary: 'Review' }, { on: '2026-05-01', by: laOfficer });
      const later = {
        notified: recorded('LaMoveNotified', moveData({ moveDate: '2027-02-26', learnedOn: '2027-01-29' }), { on: '2027-02-01', by: laOfficer }),
        out: recorded('PlanTransferredOut', outData, { on: '2027-02-26', by: laOfficer }),
        in: recorded('PlanTransferredIn', inData, { on: '2027-03-01', by: newLaOfficer }),
      };
      const history = [...withSectionF, reviewed, later.notified, later.out, later.in];
      const lastDay = decisionData({ reviewBy: '2027-05-31' });
      given(...history).when(command('NewLaDecisionNotified', lastDay, { on: '2027-03-15', by: newLaOfficer })).then([emitted('NewLaDecisionNotified', lastDay)]);
      given(...history)
        .when(command('NewLaDecisionNotified', decisionData({ reviewBy: '2027-06-01' }), { on: '2027-03-15', by: newLaOfficer }))
        .thenThrows(RuleViolation, { rule: 'review-date-too-late', field: 'reviewBy' });
    });
  });

  describe('after the transfer in, the plan\'s decisions are the new LA\'s', () => {
    const amend = { planId: ids.plan, summary: 'Section F updated for the new school', reason: 'Move to LA 204' };

    it('amend, cease and review: refused to the old LA (NotPermitted), recorded for the new LA', () => {
      given(...untilIn).when(command('PlanAmended', amend, { on: '2025-10-10', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('PlanAmended', amend, { on: '2025-10-10', by: newLaOfficer })).then([emitted('PlanAmended', amend)]);
      const cease = { planId: ids.plan, reason: 'needs_met' } as const;
      given(...untilIn).when(command('PlanCeased', cease, { on: '2025-10-10', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('PlanCeased', cease, { on: '2025-10-10', by: newLaOfficer })).then([emitted('PlanCeased', cease)]);
      const review = { planId: ids.plan, decision: 'maintain', summary: 'First review by the new LA' } as const;
      given(...untilIn).when(command('AnnualReviewHeld', review, { on: '2025-12-01', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('AnnualReviewHeld', review, { on: '2025-12-01', by: newLaOfficer })).then([emitted('AnnualReviewHeld', review)]);
    });

    it('the review decision notice is the new LA\'s', () => {
      const reviewed = recorded('AnnualReviewHeld', { planId: ids.plan, decision: 'maintain', summary: 'Review' }, { on: '2025-12-01', by: newLaOfficer });
      const notice = { planId: ids.plan, decision: 'maintain' } as const;
      given(...untilIn, reviewed).when(command('ReviewDecisionNotified', notice, { on: '2025-12-10', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn, reviewed).when(command('ReviewDecisionNotified', notice, { on: '2025-12-10', by: newLaOfficer })).then([emitted('ReviewDecisionNotified', notice)]);
    });

    it('provision in sections F-H2: promised, varied and withdrawn only by the new LA', () => {
      const line = sectionFTerms({ provisionId: ids.newProvision, startDate: '2025-10-06' });
      given(...untilIn).when(command('ProvisionPromised', line, { on: '2025-10-01', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('ProvisionPromised', line, { on: '2025-10-01', by: newLaOfficer })).then([emitted('ProvisionPromised', line)]);
      const variation = { provisionId: ids.provision, changes: { minutesPerSession: 60 }, reason: 'New LA service', authority: { name: 'Nia Newla', role: 'Caseworker' } };
      given(...untilIn).when(command('ProvisionVaried', variation, { on: '2025-10-01', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('ProvisionVaried', variation, { on: '2025-10-01', by: newLaOfficer })).then([emitted('ProvisionVaried', variation)]);
      const withdrawal = { provisionId: ids.provision, reason: 'Replaced', authority: { name: 'Nia Newla', role: 'Caseworker' } };
      given(...untilIn).when(command('ProvisionWithdrawn', withdrawal, { on: '2025-10-01', by: laOfficer })).thenThrows(NotPermitted);
    });

    it('a further move is the new LA\'s to record', () => {
      const onward = moveData({ moveId: ids.secondMove, toLaCode: '205', moveDate: '2026-02-02', learnedOn: '2026-01-05' });
      given(...untilIn).when(command('LaMoveNotified', onward, { on: '2026-01-05', by: laOfficer })).thenThrows(NotPermitted);
      given(...untilIn).when(command('LaMoveNotified', onward, { on: '2026-01-05', by: newLaOfficer })).then([emitted('LaMoveNotified', onward)]);
      given(...untilIn)
        .when(command('LaMoveNotified', moveData({ moveId: ids.secondMove, toLaCode: '204' }), { on: '2026-01-05', by: newLaOfficer }))
        .thenThrows(RuleViolation, { rule: 'move-within-la', field: 'toLaCode' });
    });
  });

  describe('the access rule: an officer of one LA cannot decide for another LA\'s child', () => {
    it('an officer of LA 204 cannot issue, amend or cease plans, or promise section F, for a child of LA 202', () => {
      const draft = { planId: ids.secondPlan, requestId: ids.request };
      given(...untilDraft.slice(0, -1)).when(command('DraftPlanIssued', draft, { on: days.draft, by: newLaOfficer })).thenThrows(NotPermitted);
      given(...withSectionF).when(command('PlanAmended', { planId: ids.plan, summary: 'x', reason: 'y' }, { on: '2025-07-01', by: newLaOfficer })).thenThrows(NotPermitted);
      given(...withSectionF).when(command('PlanCeased', { planId: ids.plan, reason: 'needs_met' }, { on: '2025-07-01', by: newLaOfficer })).thenThrows(NotPermitted);
      given(...withSectionF)
        .when(command('ProvisionPromised', sectionFTerms({ provisionId: ids.newProvision }), { on: '2025-07-01', by: newLaOfficer }))
        .thenThrows(NotPermitted);
      given(...withSectionF)
        .when(command('DecisionToAssess', { requestId: ids.request }, { on: '2025-07-01', by: newLaOfficer }))
        .thenThrows(NotPermitted);
    });
  });

  describe('corrections around a transfer', () => {
    const fix = (target: ChildEvent, change: Partial<ChildEventData<'EntryCorrected'>>): ChildEventData<'EntryCorrected'> => ({
      supersedesEventId: target.eventId,
      reason: 'Recorded in error',
      retracted: false,
      ...change,
    });
    const amendedByOld = recorded('PlanAmended', { planId: ids.plan, summary: 'Amended', reason: 'Review' }, { on: '2025-07-01', by: laOfficer });

    it('after the transfer in, the old LA can no longer correct even its own entries; the new LA can, standing in its shoes', () => {
      const history = [...withSectionF, amendedByOld, notified, transferredOut, transferredIn];
      const correction = fix(amendedByOld, { correctedData: { planId: ids.plan, summary: 'Amended: section F', reason: 'Review' } });
      const error = given(...history).when(command('EntryCorrected', correction, { on: '2025-10-01', by: laOfficer })).thenThrows(NotPermitted);
      expect(error.message).toContain("child's local authority (204)");
      given(...history).when(command('EntryCorrected', correction, { on: '2025-10-01', by: newLaOfficer })).then([emitted('EntryCorrected', correction)]);
      const dated = fix(promisedF, { correctedData: sectionFTerms({ minutesPerSession: 40 }) });
      given(...history).when(command('EntryCorrected', dated, { on: '2025-10-01', by: newLaOfficer })).then([emitted('EntryCorrected', dated)]);
    });

    it('before the transfer in, the old LA corrects the move it recorded (a wrong move date)', () => {
      const correction = fix(notified, { correctedData: moveData({ moveDate: '2025-09-29' }) });
      given(...untilNotified).when(command('EntryCorrected', correction, { on: '2025-09-02', by: laOfficer })).then([emitted('EntryCorrected', correction)]);
    });

    it('the new LA can correct its own transfer in and the old LA\'s transfer out', () => {
      const inFix = fix(transferredIn, { correctedOccurredAt: at('2025-09-30') });
      given(...untilIn).when(command('EntryCorrected', inFix, { on: '2025-10-01', by: newLaOfficer })).then([emitted('EntryCorrected', inFix)]);
      const outFix = fix(transferredOut, { correctedOccurredAt: at('2025-09-25') });
      given(...untilIn).when(command('EntryCorrected', outFix, { on: '2025-10-01', by: newLaOfficer })).then([emitted('EntryCorrected', outFix)]);
    });

    it('a correction cannot change the move id, nor, once the plan went, where it went', () => {
      given(...untilNotified)
        .when(command('EntryCorrected', fix(notified, { correctedData: moveData({ moveId: ids.secondMove }) }), { on: '2025-09-02', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'correction-changes-identity', field: 'correctedData.moveId' });
      given(...untilOut)
        .when(command('EntryCorrected', fix(notified, { correctedData: moveData({ toLaCode: '205' }) }), { on: '2025-09-27', by: laOfficer }))
        .thenThrows(RuleViolation, { rule: 'move-already-transferred', field: 'correctedData.toLaCode' });
      const beforeOut = fix(notified, { correctedData: moveData({ toLaCode: '205' }) });
      given(...untilNotified).when(command('EntryCorrected', beforeOut, { on: '2025-09-02', by: laOfficer })).then([emitted('EntryCorrected', beforeOut)]);
    });

    it('a corrected move is what the transfer must match', () => {
      const to205 = recorded('EntryCorrected', fix(notified, { correctedData: moveData({ toLaCode: '205' }) }), { on: '2025-09-02', by: laOfficer });
      given(...untilNotified, to205).when(command('PlanTransferredOut', outData, { on: on.out, by: laOfficer })).thenThrows(RuleViolation, { rule: 'move-mismatch', field: 'toLaCode' });
    });

    it('the family still corrects what the family recorded', () => {
      const parentNote = recorded('ParentCarerRecorded', { personId: ids.parentPerson, displayName: 'Pat', relationship: 'Mother', parentalResponsibility: true }, { on: '2025-06-01', by: parent });
      const correction = fix(parentNote, { correctedData: { personId: ids.parentPerson, displayName: 'Pat', relationship: 'Mother', parentalResponsibility: false } });
      given(...withSectionF, parentNote, notified, transferredOut, transferredIn)
        .when(command('EntryCorrected', correction, { on: '2025-10-01', by: parent }))
        .then([emitted('EntryCorrected', correction)]);
    });
  });

  describe('the audit trail line of each entry', () => {
    it('summarises the four entries', () => {
      expect([notified, transferredOut, transferredIn, decisionNotified].map(summariseEntry)).toEqual([
        'Move to local authority 204 on 2025-09-26 recorded (learned of on 2025-08-29)',
        'EHC plan transferred out to local authority 204',
        'EHC plan transferred in from local authority 202; now maintained by 204',
        "New local authority's decision notified: maintain as transferred, review by 2026-03-31",
      ]);
    });
  });
});
