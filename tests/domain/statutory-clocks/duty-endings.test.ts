import { describe, expect, it } from 'vitest';
import {
  adviceRequested, draftIssued, finalIssued, given, ids, notToIssue, planAmended, planCeased, planTransferredIn, planTransferredOut, requested,
  reviewDecisionNotified, reviewHeld,
} from './clock-builders.js';

/**
 * Lateness stops growing when the duty ends: the plan ceased, it moved to another LA, or a later decision or
 * review made the duty fall away. The clock says on which entry, on which date, and why.
 */
describe('statutory clocks: when a duty ends unmet, lateness stops there and the clock says why', () => {
  it('annual review: a plan transferred out to another LA ends the old LA\'s duty; 17 days late at the transfer stays 17', () => {
    // Plan made 16 May 2024: review due by 15 May 2025; transferred out on 1 June 2025.
    const clock = given(finalIssued('2024-05-16'), planTransferredOut('2025-06-01')).asOf('2025-12-01').clock('annual-review');
    expect(clock).toMatchObject({
      dueDate: '2025-05-15',
      state: 'missed',
      daysLate: 17,
      lapsedBy: { type: 'PlanTransferredOut', on: '2025-06-01', reason: expect.stringContaining('transferred to another LA') },
    });
  });

  it('annual review: a plan ceased after the review was due stops lateness at the cessation', () => {
    expect(given(finalIssued('2025-05-16'), planCeased('2026-06-01')).asOf('2027-01-01').clock('annual-review')).toMatchObject({
      state: 'missed',
      daysLate: 17,
      lapsedBy: { type: 'PlanCeased', reason: 'the plan ceased: the LA no longer maintains it' },
    });
  });

  it('amended plan: the LA\'s notice keeping the plan as it is, after a meeting that proposed amending, ends the duty to amend', () => {
    // Meeting 15 June 2022 (Devon: 12 weeks, due 7 September).
    const before = given(reviewHeld('2022-06-15', 'amend'), reviewDecisionNotified('2022-07-01', 'maintain')).asOf('2023-01-01').clock('amended-plan');
    expect(before).toMatchObject({ state: 'lapsed', daysLate: 0, lapsedBy: { type: 'ReviewDecisionNotified', on: '2022-07-01', reason: expect.stringContaining('keep the plan as it is') } });
    const after = given(reviewHeld('2022-06-15', 'amend'), reviewDecisionNotified('2022-09-17', 'cease')).asOf('2023-01-01').clock('amended-plan');
    expect(after).toMatchObject({ state: 'missed', daysLate: 10, lapsedBy: { type: 'ReviewDecisionNotified', reason: expect.stringContaining('cease') } });
  });

  it('amended plan: a move to another LA ends the old LA\'s duty to amend', () => {
    const clock = given(reviewHeld('2022-06-15', 'amend'), planTransferredIn('2022-09-27')).asOf('2023-01-01').clock('amended-plan');
    expect(clock).toMatchObject({ state: 'missed', daysLate: 20, lapsedBy: { type: 'PlanTransferredIn', on: '2022-09-27' } });
  });

  it('amended plan: a later review that decides to amend again supersedes the unmet one; its lateness stops at that meeting', () => {
    const [first, second] = given(reviewHeld('2023-01-10', 'amend'), reviewHeld('2023-06-20', 'amend'), planAmended('2023-07-10')).asOf('2023-12-01').clocksOf('amended-plan');
    expect(first).toMatchObject({
      dueDate: '2023-04-04',
      state: 'missed',
      daysLate: 77,
      stoppedBy: null,
      lapsedBy: { type: 'AnnualReviewHeld', on: '2023-06-20', reason: expect.stringContaining('a later review meeting decided to amend') },
    });
    expect(second).toMatchObject({ state: 'met_on_time' });
  });

  it('review decision: a later review meeting supersedes an unnotified decision', () => {
    const [first] = given(reviewHeld('2024-01-10'), reviewHeld('2024-06-12')).asOf('2024-12-01').clocksOf('review-decision');
    expect(first).toMatchObject({ dueDate: '2024-02-07', state: 'missed', daysLate: 126, lapsedBy: { type: 'AnnualReviewHeld', on: '2024-06-12' } });
  });

  it('review decision: a transfer out ends the old LA\'s duty to notify it', () => {
    expect(given(reviewHeld('2024-01-10'), planTransferredOut('2024-01-20')).asOf('2024-12-01').clock('review-decision')).toMatchObject({
      state: 'lapsed',
      lapsedBy: { type: 'PlanTransferredOut', on: '2024-01-20' },
    });
  });

  it('final plan: a decision not to issue after week 20 stops the lateness at the decision, and says so', () => {
    expect(given(requested('2025-01-06'), notToIssue('2025-06-02')).asOf('2026-01-01').clock('final-plan')).toMatchObject({
      state: 'missed',
      daysLate: 7,
      lapsedBy: { type: 'DecisionNotToIssue', on: '2025-06-02', reason: 'the LA decided not to issue a plan: no plan was due' },
    });
  });

  it('advice: still owed when the final plan is issued, it is late by the days up to the plan, and no more', () => {
    // Advice asked 18 February 2025, due 1 April; the final plan comes on 5 June (through its draft).
    const then = given(requested('2025-01-06'), adviceRequested('2025-02-18'), draftIssued('2025-04-25'), finalIssued('2025-06-05')).asOf('2026-01-01');
    expect(then.clock('advice')).toMatchObject({ state: 'missed', daysLate: 65, lapsedBy: { type: 'FinalPlanIssued', on: '2025-06-05', reason: expect.stringContaining('assessment') } });
    // Another request's plan does not end it.
    const other = given(requested('2025-01-06'), adviceRequested('2025-02-18'), draftIssued('2025-04-25', ids.otherPlan, ids.otherRequest), finalIssued('2025-06-05', ids.otherPlan))
      .asOf('2025-07-01')
      .clock('advice');
    expect(other).toMatchObject({ lapsedBy: null, daysLate: 91 });
  });

  it('a duty met says what met it', () => {
    expect(given(finalIssued('2025-05-16'), reviewHeld('2026-05-01')).asOf('2026-06-01').clock('annual-review').stoppedBy).toMatchObject({
      type: 'AnnualReviewHeld',
      reason: 'the review meeting was held',
    });
  });
});
