import { describe, expect, it } from 'vitest';
import { adviceReceived, adviceRequested, draftIssued, exceptionInvoked, finalIssued, given, ids, requested } from './clock-builders.js';

/**
 * SI 2020/471 (reg 2A): from 1 May to 25 September 2020 inclusive the assessment limits became "as
 * soon as reasonably practicable" where it was not reasonably practicable to meet them for a reason
 * relating to coronavirus. The LA records that reason as an exception with the coronavirus ground; without
 * one the usual limit stands. The modification is judged on the date a limit falls due: a limit due in the
 * period has no fixed date; one due after 25 September is the usual limit again.
 */
const ASSESSMENT_RULES = ['decide-whether-to-assess', 'decision-whether-to-issue', 'final-plan'];
const coronavirus = (from = '2020-05-01', to = '2020-09-25', requestId: string = ids.request) =>
  exceptionInvoked(from, { from, to, ground: 'coronavirus', requestId, reason: 'Educational psychologists redeployed during lockdown' });

describe('statutory clocks: the 2020 coronavirus modification', () => {
  it('given a request received 20 April 2020 and a coronavirus exception, then the 6-, 16- and 20-week limits are modified, with the unmodified dates beside them', () => {
    const then = given(requested('2020-04-20'), coronavirus()).asOf('2020-12-01');
    expect(ASSESSMENT_RULES.map((ruleId) => then.clock(ruleId))).toEqual(
      [
        ['decide-whether-to-assess', '2020-06-01'],
        ['decision-whether-to-issue', '2020-08-10'],
        ['final-plan', '2020-09-07'],
      ].map(([ruleId, unmodifiedDueDate]) =>
        expect.objectContaining({
          ruleId,
          ruleVersion: 'coronavirus-2020',
          state: 'modified_2020',
          dueDate: unmodifiedDueDate,
          dueDateWithExceptions: unmodifiedDueDate,
          daysLate: null,
          daysLateWithoutExceptions: null,
          exceptionApplied: false,
          modification: {
            version: 'coronavirus-2020',
            wording: 'as soon as reasonably practicable',
            unmodifiedDueDate,
            exception: {
              exceptionId: ids.exception,
              reason: 'Educational psychologists redeployed during lockdown',
              from: '2020-05-01',
              to: '2020-09-25',
              invokedBy: expect.objectContaining({ type: 'ExceptionInvoked', on: '2020-05-01' }),
            },
          },
        }),
      ),
    );
    expect(then.clock('final-plan').legalSource).toContain('SI 2020/471');
  });

  it('given the same request and no coronavirus exception, then the normal dates stand and the clocks are judged as usual', () => {
    const then = given(requested('2020-04-20')).asOf('2020-12-01');
    expect(then.clock('final-plan')).toMatchObject({ ruleVersion: '2014', dueDate: '2020-09-07', state: 'missed', daysLate: 85, modification: null });
    expect(then.clock('decide-whether-to-assess')).toMatchObject({ ruleVersion: '2014', dueDate: '2020-06-01', state: 'missed' });
  });

  it('an exception on a reg 10(4) ground pauses the clock but does not bring the modification', () => {
    const clock = given(requested('2020-04-20'), exceptionInvoked('2020-05-04', { from: '2020-05-04', to: '2020-05-31', ground: 'c' }))
      .asOf('2020-12-01')
      .clock('final-plan');
    expect(clock).toMatchObject({ ruleVersion: '2014', dueDateWithExceptions: '2020-10-05', exceptionDays: 28, state: 'missed', modification: null });
  });

  it('a coronavirus exception recorded for another request does not modify this one', () => {
    expect(given(requested('2020-04-20'), requested('2020-04-20', ids.otherRequest), coronavirus(undefined, undefined, ids.otherRequest)).asOf('2020-12-01').clocksOf('final-plan').map((c) => c.state)).toEqual([
      'missed',
      'modified_2020',
    ]);
  });

  it('a coronavirus exception that began after the duty was met does not modify it: it was met, on time', () => {
    const clock = given(requested('2020-04-20'), draftIssued('2020-05-20'), finalIssued('2020-06-01'), coronavirus('2020-06-15')).asOf('2020-12-01').clock('final-plan');
    expect(clock).toMatchObject({ ruleVersion: '2014', state: 'met_on_time', modification: null });
  });

  it('a modified clock still shows what met it, and when', () => {
    const clock = given(requested('2020-04-20'), coronavirus(), draftIssued('2020-09-20'), finalIssued('2020-10-01')).asOf('2020-12-01').clock('final-plan');
    expect(clock).toMatchObject({ state: 'modified_2020', stoppedBy: { type: 'FinalPlanIssued', on: '2020-10-01' } });
  });

  it.each([
    ['2019-04-20', '2019-09-07'],
    ['2021-04-20', '2021-09-07'],
  ])('given a request received %s, then the usual 20 weeks apply (due %s)', (received, due) => {
    expect(given(requested(received)).asOf('2022-01-01').clock('final-plan')).toMatchObject({ ruleVersion: '2014', dueDate: due, state: 'missed' });
  });

  it('judged on the due date, not the trigger: a request of 20 March 2020 (6 weeks due 1 May) is modified; one of 1 September 2020 (due 13 October) is not', () => {
    expect(given(requested('2020-03-20'), coronavirus()).asOf('2020-06-01').clock('decide-whether-to-assess').state).toBe('modified_2020');
    expect(given(requested('2020-09-01'), coronavirus('2020-09-02')).asOf('2020-09-15').clock('decide-whether-to-assess')).toMatchObject({
      ruleVersion: '2014',
      dueDate: '2020-10-13',
      state: 'pending',
    });
  });

  it('the last day counts: 20 weeks due 25 September 2020 is modified, due 26 September is not', () => {
    expect(given(requested('2020-05-08'), coronavirus()).asOf('2020-10-01').clock('final-plan').modification?.unmodifiedDueDate).toBe('2020-09-25');
    expect(given(requested('2020-05-09'), coronavirus()).asOf('2020-10-01').clock('final-plan')).toMatchObject({
      ruleVersion: '2014',
      dueDate: '2020-09-26',
      state: 'missed',
      daysLate: 5,
    });
  });

  it('covers advice too (reg 8(1): "in a timely manner"), through the request the advice was asked for; not the annual review (CFA 2014 s.44 is an Act)', () => {
    expect(given(requested('2020-05-20'), adviceRequested('2020-06-01'), coronavirus()).asOf('2020-08-01').clock('advice')).toMatchObject({
      state: 'modified_2020',
      modification: { wording: 'in a timely manner', unmodifiedDueDate: '2020-07-13' },
    });
    expect(given(requested('2020-05-20'), adviceRequested('2020-06-01'), adviceReceived('2020-07-20')).asOf('2020-08-01').clock('advice')).toMatchObject({
      state: 'met_late',
      daysLate: 7,
    });
    expect(given(finalIssued('2019-06-01'), coronavirus()).asOf('2020-07-01').clock('annual-review')).toMatchObject({ ruleVersion: '2014', dueDate: '2020-05-31', state: 'missed' });
  });
});
