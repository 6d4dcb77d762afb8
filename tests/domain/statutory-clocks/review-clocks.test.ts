import { describe, expect, it } from 'vitest';
import { finalIssued, given, ids, planAmended, planCeased, reviewDecisionNotified, reviewHeld } from './clock-builders.js';

describe('statutory clocks: reviews and amendments', () => {
  describe('annual review: in each period of 12 months starting with the plan or the last review (CFA 2014 s.44(1))', () => {
    it('given a final plan on 16 May 2025, then the first review is due by 15 May 2026 (the period starts with 16 May)', () => {
      const clock = given(finalIssued('2025-05-16')).asOf('2025-06-01').clock('annual-review');
      expect(clock).toMatchObject({
        legalSource: 'CFA 2014 s.44(1)',
        subject: { kind: 'planId', id: ids.plan },
        triggerDate: '2025-05-16',
        dueDate: '2026-05-15',
        state: 'pending',
      });
    });

    it('given a review on 1 May 2026, then it met the first clock and started the next, due by 30 April 2027', () => {
      const [first, second] = given(finalIssued('2025-05-16'), reviewHeld('2026-05-01')).asOf('2026-06-01').clocksOf('annual-review');
      expect(first).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'AnnualReviewHeld', on: '2026-05-01' } });
      expect(second).toMatchObject({ triggerDate: '2026-05-01', dueDate: '2027-04-30', state: 'pending', startedBy: { type: 'AnnualReviewHeld' } });
    });

    it('given a review on 20 May 2026, then the first clock was met late by 5 days', () => {
      expect(given(finalIssued('2025-05-16'), reviewHeld('2026-05-20')).asOf('2026-06-01').clock('annual-review')).toMatchObject({ state: 'met_late', daysLate: 5 });
    });

    it('a plan made on 29 February 2024 is due for review by 28 February 2025', () => {
      expect(given(finalIssued('2024-02-29')).asOf('2024-03-01').clock('annual-review').dueDate).toBe('2025-02-28');
    });

    it('given the plan ceased before the review was due, then the clock lapsed; ceased after, it was missed by the days until then', () => {
      expect(given(finalIssued('2025-05-16'), planCeased('2025-09-01')).asOf('2026-06-01').clock('annual-review')).toMatchObject({ state: 'lapsed' });
      expect(given(finalIssued('2025-05-16'), planCeased('2026-06-01')).asOf('2026-07-01').clock('annual-review')).toMatchObject({ state: 'missed', daysLate: 17 });
    });

    it('a review of another plan does not meet it', () => {
      expect(given(finalIssued('2025-05-16'), reviewHeld('2026-05-01', 'maintain', ids.otherPlan)).asOf('2026-06-01').clock('annual-review').state).toBe('missed');
    });
  });

  describe('review decision: notified within 4 weeks of the review meeting (reg 20(10))', () => {
    it('given a meeting on 10 June 2025 and the decision notified on 1 July, then it was met on time (due 8 July)', () => {
      const clock = given(finalIssued('2024-09-01'), reviewHeld('2025-06-10'), reviewDecisionNotified('2025-07-01', 'maintain')).asOf('2025-08-01').clock('review-decision');
      expect(clock).toMatchObject({ dueDate: '2025-07-08', state: 'met_on_time', stoppedBy: { type: 'ReviewDecisionNotified' } });
    });

    it('until ReviewDecisionNotified is registered, an amended plan stands in (and overstates lateness): 15 July is 7 days late', () => {
      const clock = given(finalIssued('2024-09-01'), reviewHeld('2025-06-10', 'amend'), planAmended('2025-07-15')).asOf('2025-08-01').clock('review-decision');
      expect(clock).toMatchObject({ state: 'met_late', daysLate: 7, stoppedBy: { type: 'PlanAmended' } });
    });

    it('given no decision by 20 July 2025, then it is missed by 12 days so far', () => {
      expect(given(reviewHeld('2025-06-10')).asOf('2025-07-20').clock('review-decision')).toMatchObject({ state: 'missed', daysLate: 12 });
    });
  });

  describe('amended plan after a review decision to amend: rule versions chosen by the meeting date', () => {
    it('a meeting on 10 November 2021 (before Devon): 8 weeks, due 5 January 2022 (reg 22(3))', () => {
      const clock = given(reviewHeld('2021-11-10', 'amend'), planAmended('2021-12-20')).asOf('2022-02-01').clock('amended-plan');
      expect(clock).toMatchObject({ ruleVersion: '2014', legalSource: 'SEND Regs 2014 reg 22(3)', dueDate: '2022-01-05', state: 'met_on_time' });
    });

    it('a meeting on 15 June 2022 (after Devon): 12 weeks from the meeting, due 7 September 2022', () => {
      const then = (amendedOn: string) => given(reviewHeld('2022-06-15', 'amend'), planAmended(amendedOn)).asOf('2022-10-01').clock('amended-plan');
      expect(then('2022-08-10')).toMatchObject({ ruleVersion: 'devon-2022', dueDate: '2022-09-07', state: 'met_on_time' });
      expect(then('2022-09-20')).toMatchObject({ state: 'met_late', daysLate: 13 });
      expect(then('2022-08-10').legalSource).toContain('[2022] EWHC 493 (Admin)');
    });

    it('the judgment day decides: a meeting on 7 March 2022 gets 8 weeks (due 2 May), one on 8 March 2022 gets 12 weeks (due 31 May)', () => {
      expect(given(reviewHeld('2022-03-07', 'amend')).asOf('2022-03-10').clock('amended-plan')).toMatchObject({ ruleVersion: '2014', dueDate: '2022-05-02' });
      expect(given(reviewHeld('2022-03-08', 'amend')).asOf('2022-03-10').clock('amended-plan')).toMatchObject({ ruleVersion: 'devon-2022', dueDate: '2022-05-31' });
    });

    it('a review that decided to keep the plan as it is starts no amendment clock', () => {
      expect(given(reviewHeld('2023-06-15', 'maintain')).asOf('2023-07-01').clocksOf('amended-plan')).toEqual([]);
    });

    it('an amendment after a later review belongs to that review: the earlier clock stays missed', () => {
      const [first, second] = given(reviewHeld('2023-01-10', 'amend'), reviewHeld('2023-06-20', 'amend'), planAmended('2023-07-10'))
        .asOf('2023-08-01')
        .clocksOf('amended-plan');
      expect(first).toMatchObject({ dueDate: '2023-04-04', state: 'missed', stoppedBy: null });
      expect(second).toMatchObject({ dueDate: '2023-09-12', state: 'met_on_time', stoppedBy: { type: 'PlanAmended', on: '2023-07-10' } });
    });
  });
});
