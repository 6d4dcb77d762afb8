import { describe, expect, it } from 'vitest';
import { adviceRequested, draftIssued, finalIssued, given, requested } from './clock-builders.js';

/**
 * SI 2020/471 (reg 2A): from 1 May to 25 September 2020 inclusive the assessment limits became "as
 * soon as reasonably practicable" where coronavirus was the reason. The modification is judged on the
 * date a limit falls due: a limit due in the period has no fixed date; one due after 25 September is
 * the usual limit again, even if its clock started inside the period.
 */
const ASSESSMENT_RULES = ['decide-whether-to-assess', 'decision-whether-to-issue', 'final-plan'];

describe('statutory clocks: the 2020 coronavirus modification', () => {
  it('given a request received 20 April 2020, then the 6-, 16- and 20-week limits (due 1 June, 10 August, 7 September) have no fixed date', () => {
    const then = given(requested('2020-04-20')).asOf('2020-12-01');
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
          dueDate: null,
          dueDateWithExceptions: null,
          daysLate: null,
          modification: { version: 'coronavirus-2020', wording: 'as soon as reasonably practicable', unmodifiedDueDate },
        }),
      ),
    );
    expect(then.clock('final-plan').legalSource).toContain('SI 2020/471');
  });

  it('a modified clock still shows what met it, and when', () => {
    const clock = given(requested('2020-04-20'), draftIssued('2020-09-20'), finalIssued('2020-10-01')).asOf('2020-12-01').clock('final-plan');
    expect(clock).toMatchObject({ state: 'modified_2020', stoppedBy: { type: 'FinalPlanIssued', on: '2020-10-01' } });
  });

  it.each([
    ['2019-04-20', '2019-09-07'],
    ['2021-04-20', '2021-09-07'],
  ])('given a request received %s, then the usual 20 weeks apply (due %s)', (received, due) => {
    expect(given(requested(received)).asOf('2022-01-01').clock('final-plan')).toMatchObject({ ruleVersion: '2014', dueDate: due, state: 'missed' });
  });

  it('judged on the due date, not the trigger: a request of 20 March 2020 (6 weeks due 1 May) is modified; one of 1 September 2020 (due 13 October) is not', () => {
    expect(given(requested('2020-03-20')).asOf('2020-06-01').clock('decide-whether-to-assess').state).toBe('modified_2020');
    expect(given(requested('2020-09-01')).asOf('2020-09-15').clock('decide-whether-to-assess')).toMatchObject({
      ruleVersion: '2014',
      dueDate: '2020-10-13',
      state: 'pending',
    });
  });

  it('the last day counts: 20 weeks due 25 September 2020 is modified, due 26 September is not', () => {
    expect(given(requested('2020-05-08')).asOf('2020-10-01').clock('final-plan').modification?.unmodifiedDueDate).toBe('2020-09-25');
    expect(given(requested('2020-05-09')).asOf('2020-10-01').clock('final-plan')).toMatchObject({ ruleVersion: '2014', dueDate: '2020-09-26', state: 'missed', daysLate: 5 });
  });

  it('covers advice too (reg 8(1): 6 weeks), but not the annual review (CFA 2014 s.44 is an Act)', () => {
    expect(given(adviceRequested('2020-06-01')).asOf('2020-08-01').clock('advice').state).toBe('modified_2020');
    expect(given(finalIssued('2019-06-01')).asOf('2020-07-01').clock('annual-review')).toMatchObject({ ruleVersion: '2014', dueDate: '2020-05-31', state: 'missed' });
  });
});
