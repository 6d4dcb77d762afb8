import { describe, expect, it } from 'vitest';
import { endOfDuration, moveTransferDue } from '../../../src/domain/statutory-clocks/limits.js';
import { ruleById } from '../../../src/domain/statutory-clocks/rules.js';
import { entry, finalIssued, given, ids, planCeased, reviewHeld } from './clock-builders.js';

const moveId = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaa01';
const oldLa = { id: 'la-officer-202', displayName: 'Old LA officer', role: 'la_officer', organisation: '202' };
const newLa = { id: 'la-officer-204', displayName: 'New LA officer', role: 'la_officer', organisation: '204' };

const moveNotified = (on: string, move: { moveDate: string; learnedOn: string }, planId: string = ids.plan) =>
  entry('LaMoveNotified', { moveId, planId, toLaCode: '204', ...move }, on, { by: oldLa });
const transferredOut = (on: string, planId: string = ids.plan) => entry('PlanTransferredOut', { moveId, planId, toLaCode: '204' }, on, { by: oldLa });
const transferredIn = (on: string, planId: string = ids.plan) => entry('PlanTransferredIn', { moveId, planId, fromLaCode: '202' }, on, { by: newLa });
const newLaDecision = (on: string, planId: string = ids.plan) =>
  entry('NewLaDecisionNotified', { moveId, planId, decision: 'no_reassessment', reviewBy: '2026-03-31' }, on, { by: newLa });
const reviewByNewLa = (on: string) => entry('AnnualReviewHeld', { planId: ids.plan, decision: 'maintain', summary: 'First review by the new LA' }, on, { by: newLa });

describe('statutory clocks: moving to another LA (SEND Regs 2014 reg 15)', () => {
  it('each rule cites reg 15', () => {
    for (const id of ['transfer-out', 'new-la-notice', 'review-after-transfer']) {
      expect(ruleById(id)?.versions.map((v) => v.legalSource)).toEqual([expect.stringContaining('reg 15(')]);
    }
  });

  describe('transfer-out: on the day of the move, or within 15 working days of learning of it on short notice (reg 15(2))', () => {
    it('given ample notice (learned 3 March 2025, move on 30 April), then the plan is due on the move day', () => {
      const clock = given(finalIssued('2024-06-03'), moveNotified('2025-03-04', { learnedOn: '2025-03-03', moveDate: '2025-04-30' })).asOf('2025-03-10').clock('transfer-out');
      expect(clock).toMatchObject({
        legalSource: 'SEND Regs 2014 reg 15(2)',
        subject: { kind: 'planId', id: ids.plan },
        triggerDate: '2025-03-03',
        dueDate: '2025-04-30',
        state: 'pending',
        startedBy: { type: 'LaMoveNotified', on: '2025-03-04' },
      });
    });

    it('transferred on the move day it is met on time; two days after, met late by 2', () => {
      const move = moveNotified('2025-03-04', { learnedOn: '2025-03-03', moveDate: '2025-04-30' });
      expect(given(finalIssued('2024-06-03'), move, transferredOut('2025-04-30')).asOf('2025-05-10').clock('transfer-out')).toMatchObject({
        state: 'met_on_time',
        stoppedBy: { type: 'PlanTransferredOut', on: '2025-04-30' },
      });
      expect(given(finalIssued('2024-06-03'), move, transferredOut('2025-05-02')).asOf('2025-05-10').clock('transfer-out')).toMatchObject({ state: 'met_late', daysLate: 2 });
    });

    it('short notice across Easter and the early May bank holiday: learned Monday 14 April 2025 of a move on 16 April, due Wednesday 7 May', () => {
      // Working days beginning with 14 April: 14-17 April (4), Good Friday 18 and Easter Monday 21 April skipped, 22-25 (8),
      // 28 April-2 May (13), Monday 5 May (bank holiday) skipped, 6 May (14), 7 May (15).
      const move = moveNotified('2025-04-14', { learnedOn: '2025-04-14', moveDate: '2025-04-16' });
      const then = (...later: ReturnType<typeof entry>[]) => given(finalIssued('2024-06-03'), move, ...later).asOf('2025-05-20').clock('transfer-out');
      expect(then()).toMatchObject({ triggerDate: '2025-04-14', dueDate: '2025-05-07', state: 'missed', daysLate: 13 });
      expect(then(transferredOut('2025-05-07'))).toMatchObject({ state: 'met_on_time' });
      expect(then(transferredOut('2025-05-08'))).toMatchObject({ state: 'met_late', daysLate: 1 });
      expect(given(finalIssued('2024-06-03'), move).asOf('2025-04-28').clock('transfer-out').state).toBe('due_soon');
    });

    it('short notice means learning of the move later than 15 working days before it', () => {
      const limit = { amount: 15, unit: 'working_days', startingWithTriggerDay: true } as const;
      // Monday 2 June 2025 is exactly 15 working days before Monday 23 June: enough notice, due on the move day.
      expect(moveTransferDue('2025-06-23', '2025-06-02', limit)).toEqual({ dueDate: '2025-06-23', shortNotice: false });
      // A day later is short notice, though its 15 working days end on the move day itself.
      expect(moveTransferDue('2025-06-23', '2025-06-03', limit)).toEqual({ dueDate: '2025-06-23', shortNotice: true });
      // Two days later: the 15 working days beginning with Wednesday 4 June end on Tuesday 24 June, after the move.
      expect(moveTransferDue('2025-06-23', '2025-06-04', limit)).toEqual({ dueDate: '2025-06-24', shortNotice: true });
    });

    it('learning of the move only after it: 15 working days beginning with that day (learned Tuesday 10 June 2025 -> Monday 30 June)', () => {
      const clock = given(finalIssued('2024-06-03'), moveNotified('2025-06-10', { learnedOn: '2025-06-10', moveDate: '2025-06-02' })).asOf('2025-06-11').clock('transfer-out');
      expect(clock).toMatchObject({ triggerDate: '2025-06-10', dueDate: '2025-06-30', state: 'pending' });
    });

    it('lapses if the plan is ceased first; a transfer of another plan does not meet it', () => {
      const move = moveNotified('2025-03-04', { learnedOn: '2025-03-03', moveDate: '2025-04-30' });
      expect(given(finalIssued('2024-06-03'), move, planCeased('2025-04-01')).asOf('2025-06-01').clock('transfer-out').state).toBe('lapsed');
      expect(given(finalIssued('2024-06-03'), move, transferredOut('2025-04-30', ids.otherPlan)).asOf('2025-06-01').clock('transfer-out').state).toBe('missed');
    });
  });

  describe('new-la-notice: the new LA tells the family within 6 weeks of the transfer (reg 15(4))', () => {
    const history = [finalIssued('2025-05-16'), moveNotified('2025-09-01', { learnedOn: '2025-08-29', moveDate: '2025-09-26' }), transferredOut('2025-09-26'), transferredIn('2025-09-29')];

    it('given the plan taken in on 29 September 2025, then the notice is due by 10 November', () => {
      expect(given(...history).asOf('2025-10-01').clock('new-la-notice')).toMatchObject({
        legalSource: 'SEND Regs 2014 reg 15(4)',
        triggerDate: '2025-09-29',
        dueDate: '2025-11-10',
        state: 'pending',
        startedBy: { type: 'PlanTransferredIn' },
      });
    });

    it('met on 10 November, late on 11 November, missed by 10 days on 20 November with no notice', () => {
      expect(given(...history, newLaDecision('2025-11-10')).asOf('2025-12-01').clock('new-la-notice')).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'NewLaDecisionNotified' } });
      expect(given(...history, newLaDecision('2025-11-11')).asOf('2025-12-01').clock('new-la-notice')).toMatchObject({ state: 'met_late', daysLate: 1 });
      expect(given(...history).asOf('2025-11-20').clock('new-la-notice')).toMatchObject({ state: 'missed', daysLate: 10 });
    });

    it('starts only at the transfer in', () => {
      expect(given(...history.slice(0, 3)).asOf('2025-10-01').clocksOf('new-la-notice')).toEqual([]);
    });
  });

  describe('review-after-transfer: by the later of 12 months from the plan or last review and 3 months from the transfer (reg 15(5))', () => {
    it('12 months is later: a plan made 16 May 2025, never reviewed, taken in 29 September 2025 -> due 15 May 2026 (not 28 December 2025)', () => {
      const clock = given(finalIssued('2025-05-16'), transferredIn('2025-09-29')).asOf('2025-10-01').clock('review-after-transfer');
      expect(clock).toMatchObject({ legalSource: 'SEND Regs 2014 reg 15(5), with CFA 2014 s.44', triggerDate: '2025-09-29', dueDate: '2026-05-15', state: 'pending' });
    });

    it('3 months is later: reviewed 1 May 2026 (12 months end 30 April 2027), taken in 1 March 2027 -> due 31 May 2027', () => {
      const clock = given(finalIssued('2025-05-16'), reviewHeld('2026-05-01'), transferredIn('2027-03-01')).asOf('2027-03-02').clock('review-after-transfer');
      expect(clock).toMatchObject({ triggerDate: '2027-03-01', dueDate: '2027-05-31' });
    });

    it('counts from the last review before the transfer, not the plan', () => {
      const clock = given(finalIssued('2023-06-01'), reviewHeld('2024-05-20'), reviewHeld('2025-05-12'), transferredIn('2025-09-29')).asOf('2025-10-01').clock('review-after-transfer');
      expect(clock.dueDate).toBe('2026-05-11');
    });

    it('met by the first review after the transfer in; a review before it does not count', () => {
      const history = [finalIssued('2025-05-16'), transferredIn('2025-09-29')];
      expect(given(...history, reviewByNewLa('2026-05-15')).asOf('2026-06-01').clock('review-after-transfer')).toMatchObject({
        state: 'met_on_time',
        stoppedBy: { type: 'AnnualReviewHeld', on: '2026-05-15' },
      });
      expect(given(...history, reviewByNewLa('2026-05-20')).asOf('2026-06-01').clock('review-after-transfer')).toMatchObject({ state: 'met_late', daysLate: 5 });
      expect(given(finalIssued('2025-05-16'), reviewHeld('2025-09-01'), transferredIn('2025-09-29')).asOf('2026-09-30').clock('review-after-transfer')).toMatchObject({
        dueDate: '2026-08-31',
        state: 'missed',
      });
    });

    it('lapses when the new LA ceases the plan', () => {
      expect(given(finalIssued('2025-05-16'), transferredIn('2025-09-29'), planCeased('2026-01-10')).asOf('2026-06-01').clock('review-after-transfer').state).toBe('lapsed');
    });
  });

  describe('one review clock at a time: the annual review lapses at the transfer in', () => {
    it('the plan\'s annual-review clock lapses at the transfer in, and the review after it starts the usual cycle again', () => {
      const then = given(finalIssued('2025-05-16'), transferredIn('2025-09-29'), reviewByNewLa('2026-05-01')).asOf('2026-06-01');
      const [beforeMove, afterReview] = then.clocksOf('annual-review');
      expect(beforeMove).toMatchObject({ triggerDate: '2025-05-16', state: 'lapsed', lapsedBy: { type: 'PlanTransferredIn', on: '2025-09-29' } });
      expect(afterReview).toMatchObject({ triggerDate: '2026-05-01', dueDate: '2027-04-30', state: 'pending' });
      expect(then.clock('review-after-transfer')).toMatchObject({ state: 'met_on_time' });
    });

    it('between the transfer in and the next review, only the reg 15(5) clock is open', () => {
      const open = given(finalIssued('2025-05-16'), transferredIn('2025-09-29'))
        .asOf('2025-10-01')
        .clocks.filter((c) => ['annual-review', 'review-after-transfer'].includes(c.ruleId) && ['pending', 'due_soon', 'missed'].includes(c.state));
      expect(open.map((c) => c.ruleId)).toEqual(['review-after-transfer']);
    });

    it('a review already overdue when the plan is taken in stays missed by the old LA', () => {
      const clock = given(finalIssued('2024-05-16'), transferredIn('2025-06-01')).asOf('2025-07-01').clock('annual-review');
      expect(clock).toMatchObject({ dueDate: '2025-05-15', state: 'missed', daysLate: 17, lapsedBy: { type: 'PlanTransferredIn' } });
    });
  });

  describe('periods "beginning with" a day, in months', () => {
    it('end the day before the corresponding date, or on the last day of a month that has none', () => {
      const months = (amount: number) => ({ amount, unit: 'months', startingWithTriggerDay: true }) as const;
      expect(endOfDuration('2027-03-01', months(3))).toBe('2027-05-31');
      expect(endOfDuration('2025-05-16', months(12))).toBe('2026-05-15');
      expect(endOfDuration('2024-02-29', months(12))).toBe('2025-02-28');
      expect(endOfDuration('2023-03-01', months(12))).toBe('2024-02-29');
      expect(endOfDuration('2025-11-30', months(3))).toBe('2026-02-28');
    });
  });
});
