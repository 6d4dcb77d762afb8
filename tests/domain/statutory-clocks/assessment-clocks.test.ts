import { describe, expect, it } from 'vitest';
import {
  adviceReceived, adviceRequested, decidedNotToAssess, decidedToAssess, draftIssued, finalIssued, given, ids, notToIssue,
  requested,
} from './clock-builders.js';

/**
 * One request, received Monday 6 January 2025. Its limits (SEND Regs 2014):
 *   decide whether to assess: 6 weeks  -> Monday 17 February 2025 (reg 5(1))
 *   decision whether to issue: 16 weeks -> Monday 28 April 2025   (reg 10(1))
 *   final plan: 20 weeks               -> Monday 26 May 2025      (reg 13(2))
 */
const received = '2025-01-06';

describe('statutory clocks: the EHC needs assessment', () => {
  describe('decide whether to assess: 6 weeks from the request (reg 5(1))', () => {
    it('given a decision on day 35, then it was met on time', () => {
      const clock = given(requested(received), decidedToAssess('2025-02-10')).asOf('2025-03-01').clock('decide-whether-to-assess');
      expect(clock).toMatchObject({
        ruleVersion: '2014',
        legalSource: 'SEND Regs 2014 reg 5(1)',
        subject: { kind: 'requestId', id: ids.request },
        triggerDate: received,
        dueDate: '2025-02-17',
        dueDateWithExceptions: '2025-02-17',
        state: 'met_on_time',
        daysLate: 0,
        stoppedBy: { type: 'DecisionToAssess', on: '2025-02-10' },
        exceptionApplied: false,
      });
    });

    it('given a decision on the due date itself, then it was met on time', () => {
      expect(given(requested(received), decidedToAssess('2025-02-17')).asOf('2025-03-01').clock('decide-whether-to-assess').state).toBe('met_on_time');
    });

    it('given a decision 3 days after the due date, then it was met late by 3 days', () => {
      const clock = given(requested(received), decidedToAssess('2025-02-20')).asOf('2025-03-01').clock('decide-whether-to-assess');
      expect(clock).toMatchObject({ state: 'met_late', daysLate: 3, daysLateWithoutExceptions: 3 });
    });

    it('given no decision by 3 March 2025, then it is missed by 14 days so far', () => {
      const clock = given(requested(received)).asOf('2025-03-03').clock('decide-whether-to-assess');
      expect(clock).toMatchObject({ state: 'missed', daysLate: 14, stoppedBy: null });
    });

    it('is due soon within 14 days of the due date (on the due date too), pending before, missed the day after', () => {
      const at = (asOf: string, dueSoonDays?: number) =>
        given(requested(received)).asOf(asOf, dueSoonDays === undefined ? undefined : { dueSoonDays }).clock('decide-whether-to-assess');
      expect(at('2025-01-20')).toMatchObject({ state: 'pending', daysLate: 0 });
      expect(at('2025-02-03').state).toBe('due_soon');
      expect(at('2025-02-17').state).toBe('due_soon');
      expect(at('2025-02-18')).toMatchObject({ state: 'missed', daysLate: 1 });
      expect(at('2025-01-20', 30).state).toBe('due_soon');
    });

    it('given a refusal to assess, then the decision clock is met and the 16- and 20-week clocks lapse', () => {
      const then = given(requested(received), decidedNotToAssess('2025-02-14')).asOf('2025-07-01');
      expect(then.clock('decide-whether-to-assess')).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'DecisionNotToAssess' } });
      expect(then.clock('decision-whether-to-issue')).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'DecisionNotToAssess', on: '2025-02-14' }, stoppedBy: null });
      expect(then.clock('final-plan')).toMatchObject({ state: 'lapsed', daysLate: 0 });
    });
  });

  describe('advice: 6 weeks from the request for advice (reg 8(1))', () => {
    it('given advice asked on 18 February 2025 and received on 24 March, then it was met on time (due 1 April)', () => {
      const clock = given(requested(received), adviceRequested('2025-02-18'), adviceReceived('2025-03-24')).asOf('2025-04-30').clock('advice');
      expect(clock).toMatchObject({
        legalSource: 'SEND Regs 2014 reg 8(1)',
        subject: { kind: 'adviceRequestId', id: ids.advice },
        dueDate: '2025-04-01',
        state: 'met_on_time',
        stoppedBy: { type: 'AdviceReceived' },
      });
    });

    it('given advice received on 8 April, then it was met late by 7 days', () => {
      const clock = given(adviceRequested('2025-02-18'), adviceReceived('2025-04-08')).asOf('2025-04-30').clock('advice');
      expect(clock).toMatchObject({ state: 'met_late', daysLate: 7 });
    });

    it('advice received for another request for advice does not meet it', () => {
      const other = '33333333-3333-4333-8333-333333333302';
      const then = given(adviceRequested('2025-02-18'), adviceRequested('2025-02-18', other), adviceReceived('2025-03-01', other)).asOf('2025-04-10');
      expect(then.clocksOf('advice').map((clock) => [clock.subject.id, clock.state, clock.daysLate])).toEqual([
        [ids.advice, 'missed', 9],
        [other, 'met_on_time', 0],
      ]);
    });
  });

  describe('decision whether to issue a plan: 16 weeks from the request (reg 10(1))', () => {
    it('given a decision not to issue on 2 May 2025, then it was met late by 4 days (due 28 April)', () => {
      const clock = given(requested(received), decidedToAssess('2025-02-10'), notToIssue('2025-05-02')).asOf('2025-06-01').clock('decision-whether-to-issue');
      expect(clock).toMatchObject({ legalSource: 'SEND Regs 2014 reg 10(1)', dueDate: '2025-04-28', state: 'met_late', daysLate: 4 });
    });

    it('given a draft plan on 25 April 2025, then the decision to issue met it on time', () => {
      const clock = given(requested(received), decidedToAssess('2025-02-10'), draftIssued('2025-04-25')).asOf('2025-06-01').clock('decision-whether-to-issue');
      expect(clock).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'DraftPlanIssued', on: '2025-04-25' } });
    });
  });

  describe('final plan: 20 weeks from the request (reg 13(2))', () => {
    it('given the final plan on day 150 (5 June 2025), then it was met late by 10 days', () => {
      const clock = given(requested(received), decidedToAssess('2025-02-10'), draftIssued('2025-04-25'), finalIssued('2025-06-05'))
        .asOf('2025-07-01')
        .clock('final-plan');
      expect(clock).toMatchObject({
        legalSource: 'SEND Regs 2014 reg 13(2)',
        dueDate: '2025-05-26',
        state: 'met_late',
        daysLate: 10,
        stoppedBy: { type: 'FinalPlanIssued', on: '2025-06-05' },
      });
    });

    it('a final plan is matched to its request through the draft; another request’s plan does not meet it', () => {
      const then = given(
        requested(received),
        requested('2025-01-10', ids.otherRequest),
        draftIssued('2025-04-25', ids.otherPlan, ids.otherRequest),
        finalIssued('2025-05-20', ids.otherPlan),
      ).asOf('2025-06-30');
      expect(then.clocksOf('final-plan').map((clock) => [clock.subject.id, clock.state, clock.daysLate])).toEqual([
        [ids.request, 'missed', 35],
        [ids.otherRequest, 'met_on_time', 0],
      ]);
    });

    it('given a decision not to issue before week 20, then the final plan clock lapses; after week 20, it was missed by the days until then', () => {
      expect(given(requested(received), notToIssue('2025-04-20')).asOf('2025-07-01').clock('final-plan')).toMatchObject({ state: 'lapsed', daysLate: 0 });
      expect(given(requested(received), notToIssue('2025-06-02')).asOf('2025-07-01').clock('final-plan')).toMatchObject({
        state: 'missed',
        daysLate: 7,
        lapsedBy: { type: 'DecisionNotToIssue', on: '2025-06-02' },
      });
    });
  });

  it('a request received before the SEND Regulations 2014 came into force (1 September 2014) starts no clock', () => {
    expect(given(requested('2014-08-15')).asOf('2015-01-01').clocks).toEqual([]);
  });
});
