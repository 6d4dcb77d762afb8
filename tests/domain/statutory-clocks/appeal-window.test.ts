import { describe, expect, it } from 'vitest';
import {
  appealRegistered, certificateIssued, decidedNotToAssess, draftIssued, finalIssued, given, ids, notToIssue, planAmended, requested,
  reviewDecisionNotified,
} from './clock-builders.js';

/**
 * Tribunal Rules r.20(1)(c): 2 months after the decision letter, or 1 month from the mediation
 * certificate if later. r.12(3): an end from 25 December to 1 January moves to the first working day
 * after 1 January; an end in August to the first working day after 31 August. r.12(2): an end on any
 * other non-working day moves to the next working day.
 */
describe('statutory clocks: the appeal window', () => {
  it('given a refusal to assess dated 27 October 2024, then 2 months end on 27 December, which moves to Thursday 2 January 2025', () => {
    const clock = given(requested('2024-09-20'), decidedNotToAssess('2024-10-27')).asOf('2024-11-01').clock('appeal-window');
    expect(clock).toMatchObject({
      appealableDecision: 'refusal_to_assess',
      subject: { kind: 'requestId', id: ids.request },
      triggerDate: '2024-10-27',
      dueDate: '2025-01-02',
      state: 'open',
      daysLate: null,
      dueDateBasis: {
        from: 'decision',
        entry: { type: 'DecisionNotToAssess', on: '2024-10-27' },
        on: '2024-10-27',
        period: '2 months from the decision',
        beforeAdjustment: '2024-12-27',
        adjustment: 'Christmas',
      },
    });
  });

  it('the IPSEA example: decision 1 October, certificate 29 November: the later of 1 December and 29 December, so the first working day after 1 January', () => {
    const clock = given(requested('2024-06-03'), notToIssue('2024-10-01'), certificateIssued('2024-11-29', 'refusal_to_issue', { requestId: ids.request }))
      .asOf('2024-12-01')
      .clock('appeal-window');
    expect(clock).toMatchObject({
      appealableDecision: 'refusal_to_issue',
      dueDate: '2025-01-02',
      dueDateBasis: {
        from: 'certificate',
        entry: { type: 'MediationCertificateIssued', on: '2024-11-29' },
        period: '1 month from the mediation certificate',
        beforeAdjustment: '2024-12-29',
        adjustment: 'Christmas',
      },
    });
  });

  it('a certificate whose month ends before the 2 months leaves the decision’s date in charge', () => {
    // Decision 12 March 2025 -> 12 May (a Monday); certificate 20 March -> 20 April (earlier).
    const clock = given(requested('2025-01-06'), decidedNotToAssess('2025-03-12'), certificateIssued('2025-03-20', 'refusal_to_assess'))
      .asOf('2025-04-01')
      .clock('appeal-window');
    expect(clock).toMatchObject({ dueDate: '2025-05-12', dueDateBasis: { from: 'decision', adjustment: null } });
  });

  it('a certificate about another kind of decision does not extend the window', () => {
    const clock = given(requested('2024-06-03'), notToIssue('2024-10-01'), certificateIssued('2024-11-29', 'plan_contents'))
      .asOf('2024-12-01')
      .clock('appeal-window');
    expect(clock).toMatchObject({
      dueDate: '2024-12-02',
      dueDateBasis: { from: 'decision', entry: { type: 'DecisionNotToIssue' }, beforeAdjustment: '2024-12-01', adjustment: 'non-working day' },
    });
  });

  describe('August', () => {
    it('a final plan issued 10 June 2025: 2 months end 10 August, which moves to Monday 1 September 2025', () => {
      const clock = given(finalIssued('2025-06-10')).asOf('2025-06-11').clock('appeal-window');
      expect(clock).toMatchObject({ appealableDecision: 'plan_contents', subject: { kind: 'planId', id: ids.plan }, dueDate: '2025-09-01' });
      expect(clock.dueDateBasis).toMatchObject({ beforeAdjustment: '2025-08-10', adjustment: 'August' });
    });

    it('a final plan issued 5 June 2024: 5 August moves past Sunday 1 September to Monday 2 September 2024', () => {
      expect(given(finalIssued('2024-06-05')).asOf('2024-06-06').clock('appeal-window').dueDate).toBe('2024-09-02');
    });
  });

  it('an end on a weekend or bank holiday moves to the next working day', () => {
    // 12 February 2025 -> Saturday 12 April -> Monday 14 April; 26 March -> Monday 26 May (spring holiday) -> 27 May.
    expect(given(finalIssued('2025-02-12')).asOf('2025-02-13').clock('appeal-window').dueDate).toBe('2025-04-14');
    expect(given(finalIssued('2025-03-26')).asOf('2025-03-27').clock('appeal-window').dueDate).toBe('2025-05-27');
  });

  describe('a right of the family, not a duty: its own states, no lateness, never a failure', () => {
    const decision = [requested('2024-09-20'), decidedNotToAssess('2024-10-27')];

    it('is the right of the parent or young person', () => {
      expect(given(...decision).asOf('2024-11-01').clock('appeal-window').obligation).toEqual({ kind: 'right', holder: 'parent_or_young_person' });
    });

    it('given an appeal registered in time, then the window was exercised', () => {
      expect(given(...decision, appealRegistered('2024-12-20', 'refusal_to_assess')).asOf('2025-02-01').clock('appeal-window')).toMatchObject({
        state: 'exercised',
        daysLate: null,
        daysLateWithoutExceptions: null,
        stoppedBy: { type: 'AppealRegistered', on: '2024-12-20', reason: 'an appeal against the decision was registered' },
      });
    });

    it('given an appeal registered after the window closed (2 January), then it was registered out of time, with no days late', () => {
      expect(given(...decision, appealRegistered('2025-01-06', 'refusal_to_assess')).asOf('2025-02-01').clock('appeal-window')).toMatchObject({
        state: 'registered_out_of_time',
        daysLate: null,
      });
    });

    it('given no appeal, then the window is open to its last day and closed unused after it: never missed', () => {
      expect(given(...decision).asOf('2025-01-02').clock('appeal-window')).toMatchObject({ state: 'open', daysLate: null });
      expect(given(...decision).asOf('2025-02-01').clock('appeal-window')).toMatchObject({ state: 'closed_unused', daysLate: null, stoppedBy: null, lapsedBy: null });
    });
  });

  it('an appeal against another kind of decision does not meet the window', () => {
    const clock = given(requested('2024-09-20'), decidedNotToAssess('2024-10-27'), appealRegistered('2024-12-20', 'plan_contents'))
      .asOf('2024-12-21')
      .clock('appeal-window');
    expect(clock).toMatchObject({ state: 'open', stoppedBy: null });
  });

  it('a notice keeping the plan as it is after a review opens a window against the refusal to amend', () => {
    const clock = given(finalIssued('2024-05-01'), reviewDecisionNotified('2025-05-20', 'maintain')).asOf('2025-05-21').clocksOf('appeal-window')[1];
    expect(clock).toMatchObject({ appealableDecision: 'refusal_to_amend', dueDate: '2025-07-21' });
  });

  it('an appeal after an amended plan belongs to the amended plan’s window; the final plan’s window closed unmet', () => {
    const [finalWindow, amendedWindow] = given(
      requested('2024-01-08'),
      draftIssued('2024-04-20'),
      finalIssued('2024-05-01'),
      planAmended('2025-03-03'),
      appealRegistered('2025-04-10', 'plan_contents', ids.plan),
    )
      .asOf('2025-05-01')
      .clocksOf('appeal-window');
    expect(finalWindow).toMatchObject({ triggerDate: '2024-05-01', dueDate: '2024-07-01', state: 'closed_unused' });
    expect(amendedWindow).toMatchObject({ triggerDate: '2025-03-03', dueDate: '2025-05-06', state: 'exercised' });
  });
});
