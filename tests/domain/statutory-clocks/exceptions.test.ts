import { describe, expect, it } from 'vitest';
import {
  adviceRequested, decidedToAssess, draftIssued, exceptionEnded, exceptionInvoked, finalIssued, given, ids, laOfficer, requested,
} from './clock-builders.js';

/**
 * Request received Monday 6 January 2025: the 20-week limit ends Monday 26 May 2025. The family is away
 * from the area for 4 weeks, 3 February to 2 March 2025 inclusive (28 days): reg 10(4)(d), applied to
 * the 20 weeks by reg 13(3). The final plan comes on day 150, Thursday 5 June 2025.
 */
const received = '2025-01-06';
const dayOneHundredFifty = '2025-06-05';
const familyAway = { from: '2025-02-03', to: '2025-03-02', ground: 'd' };

const assessment = [requested(received), decidedToAssess('2025-02-10'), draftIssued('2025-04-25'), finalIssued(dayOneHundredFifty)];

describe('statutory clocks: exceptions (reg 10(4)(a)–(d)) pause a clock without hiding lateness', () => {
  it('given a 4-week exception, then the 20-week due date moves 4 weeks and day 150 is on time, with the unextended lateness shown', () => {
    const clock = given(...assessment, exceptionInvoked('2025-02-03', familyAway)).asOf('2025-07-01').clock('final-plan');
    expect(clock).toMatchObject({
      dueDate: '2025-05-26',
      dueDateWithExceptions: '2025-06-23',
      exceptionDays: 28,
      exceptionApplied: true,
      state: 'met_on_time',
      daysLate: 0,
      daysLateWithoutExceptions: 10,
    });
    expect(clock.exceptions).toEqual([
      {
        exceptionId: ids.exception,
        ground: 'd',
        reason: 'Family away from the area',
        from: '2025-02-03',
        to: '2025-03-02',
        days: 28,
        invokedBy: expect.objectContaining({ type: 'ExceptionInvoked', on: '2025-02-03', actor: laOfficer }),
        endedBy: null,
      },
    ]);
  });

  it('given the same plan and no exception, then day 150 is met late by 10 days', () => {
    expect(given(...assessment).asOf('2025-07-01').clock('final-plan')).toMatchObject({
      dueDateWithExceptions: '2025-05-26',
      state: 'met_late',
      daysLate: 10,
      exceptionApplied: false,
      exceptions: [],
    });
  });

  it('the exception moves the 16-week limit too (reg 10(4)), but exception days after a clock stopped do not count', () => {
    const then = given(...assessment, exceptionInvoked('2025-02-03', familyAway)).asOf('2025-07-01');
    expect(then.clock('decision-whether-to-issue')).toMatchObject({ dueDate: '2025-04-28', dueDateWithExceptions: '2025-05-26', exceptionDays: 28 });
    // The decision to assess came on 10 February: only 3-10 February (8 days) fell before it.
    expect(then.clock('decide-whether-to-assess')).toMatchObject({ dueDate: '2025-02-17', dueDateWithExceptions: '2025-02-25', exceptionDays: 8, state: 'met_on_time' });
  });

  it('does not touch the advice clock: reg 10(4) does not govern bodies asked for advice (reg 8(2) has its own grounds)', () => {
    const clock = given(requested(received), adviceRequested('2025-01-27'), exceptionInvoked('2025-02-03', familyAway)).asOf('2025-04-01').clock('advice');
    expect(clock).toMatchObject({ exceptionApplied: false, dueDateWithExceptions: clock.dueDate });
  });

  it('ignores an exception invoked for another request', () => {
    const clock = given(...assessment, exceptionInvoked('2025-02-03', { ...familyAway, requestId: ids.otherRequest })).asOf('2025-07-01').clock('final-plan');
    expect(clock).toMatchObject({ exceptionApplied: false, state: 'met_late' });
  });

  it('given an open exception from 1 April 2025, then as of 10 June the clock is paused: 71 days so far, due 5 August', () => {
    const clock = given(requested(received), exceptionInvoked('2025-04-01', { from: '2025-04-01' })).asOf('2025-06-10').clock('final-plan');
    expect(clock).toMatchObject({ state: 'pending', exceptionDays: 71, dueDateWithExceptions: '2025-08-05', daysLateWithoutExceptions: 15 });
    expect(clock.exceptions[0]).toMatchObject({ to: null, endedBy: null, days: 71 });
  });

  it('given the open exception ended on 28 April, then it counts 28 days and the clock is due soon as of 10 June (due 23 June)', () => {
    const clock = given(requested(received), exceptionInvoked('2025-04-01', { from: '2025-04-01' }), exceptionEnded('2025-04-29', '2025-04-28'))
      .asOf('2025-06-10')
      .clock('final-plan');
    expect(clock).toMatchObject({ state: 'due_soon', exceptionDays: 28, dueDateWithExceptions: '2025-06-23' });
    expect(clock.exceptions[0]).toMatchObject({ to: '2025-04-28', endedBy: { type: 'ExceptionEnded', on: '2025-04-29' } });
  });

  it('overlapping exceptions count each day once: 3 February to 16 March is 42 days', () => {
    const clock = given(
      ...assessment,
      exceptionInvoked('2025-02-03', familyAway),
      exceptionInvoked('2025-02-17', { from: '2025-02-17', to: '2025-03-16', ground: 'c', exceptionId: ids.otherException }),
    )
      .asOf('2025-07-01')
      .clock('final-plan');
    expect(clock).toMatchObject({ exceptionDays: 42, dueDateWithExceptions: '2025-07-07' });
    expect(clock.exceptions.map((exception) => [exception.ground, exception.days])).toEqual([
      ['d', 28],
      ['c', 28],
    ]);
  });

  it('an exception that begins after the due date cannot excuse a limit already missed', () => {
    // 20-week date 26 May; the family is away 27 May to 9 June, but nothing made 26 May impractical.
    const clock = given(requested(received), exceptionInvoked('2025-05-27', { from: '2025-05-27', to: '2025-06-09' })).asOf('2025-06-05').clock('final-plan');
    expect(clock).toMatchObject({ exceptionDays: 0, dueDateWithExceptions: '2025-05-26', state: 'missed', daysLate: 10 });
  });

  it('an exception with a far-off end (a typing slip) still computes, and shows how far it pushed the date', () => {
    const clock = given(requested(received), exceptionInvoked('2025-02-03', { from: '2025-02-03', to: '2099-12-31' })).asOf('2025-07-01').clock('final-plan');
    // 27 unpaused days (7 January to 2 February 2025), then the remaining 113 from 1 January 2100.
    expect(clock).toMatchObject({ state: 'pending', dueDateWithExceptions: '2100-04-23', daysLateWithoutExceptions: 36 });
  });
});
