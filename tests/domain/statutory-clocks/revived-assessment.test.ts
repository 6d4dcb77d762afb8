import { describe, expect, it } from 'vitest';
import { sen2Timeliness } from '../../../src/domain/statutory-clocks/sen2-timeliness.js';
import { decidedNotToAssess, decidedToAssess, draftIssued, entry, finalIssued, given, ids, notToIssue, requested } from './clock-builders.js';

/**
 * A refusal set aside revives the ORIGINAL request's periods. The request: Monday 15 January 2024.
 *   decide whether to assess, 6 weeks (42 days): 15 Jan + 42 = 26 February 2024 (Jan has 16 days left, then 26 of February)
 *   decision whether to issue, 16 weeks (112 days): 15 Jan -> 31 Jan (16) -> 29 Feb (45, a leap year) -> 31 Mar (76)
 *     -> 30 Apr (106) -> 6 May 2024 (112)
 *   final plan, 20 weeks (140 days): ... 30 Apr (106) -> 31 May (137) -> 3 June 2024 (140)
 * The refusal to assess: 22 February 2024 (day 38, on time). The final plan: 20 September 2024, late from 3 June by
 *   27 (to 30 June) + 31 (July) + 31 (August) + 20 = 109 days.
 * The draft plan: 26 July 2024, late from 6 May by 25 (to 31 May) + 30 (June) + 26 = 81 days.
 */
const request = '2024-01-15';
const refused = '2024-02-22';
const reversal = '2024-04-10';
const assessing = '2024-04-15';
const draft = '2024-07-26';
const final = '2024-09-20';

const reversed = (on: string, decision: 'refusal_to_assess' | 'refusal_to_issue', requestId: string = ids.request) =>
  entry('DecisionReversed', { requestId, decision, reasons: 'The evidence shows an assessment is needed' }, on);
const notOpposed = (on: string, kind: string, requestId: string = ids.request) =>
  entry('AppealNotOpposed', { appealId: ids.appeal, outcomeId: 'o-1', kind, requestId, wording: 'The LA will assess' }, on);
const ordered = (on: string, kind: string, requestId: string = ids.request) =>
  entry('TribunalOrderMade', { appealId: ids.appeal, orderId: 'order-1', kind, consent: false, requestId, wording: 'The LA shall assess' }, on);

const revivals = [
  ['the LA reversing its refusal (DecisionReversed)', () => reversed(reversal, 'refusal_to_assess')],
  ['the LA not opposing the appeal (reg 45)', () => notOpposed(reversal, 'assess')],
  ['a tribunal order to assess (reg 43(2)(b))', () => ordered(reversal, 'assess')],
] as const;

describe('statutory clocks: a refusal reversed, conceded or overturned revives the assessment', () => {
  for (const [how, revival] of revivals) {
    describe(`a refusal to assess set aside by ${how}`, () => {
      const then = given(requested(request), decidedNotToAssess(refused), revival(), decidedToAssess(assessing), draftIssued(draft), finalIssued(final)).asOf('2024-10-01');

      it('keeps the 20 weeks running from the original request: the late plan is met late by 109 days', () => {
        expect(then.clocksOf('final-plan')).toHaveLength(1);
        expect(then.clock('final-plan')).toMatchObject({
          triggerDate: request,
          dueDate: '2024-06-03',
          state: 'met_late',
          daysLate: 109,
          stoppedBy: { type: 'FinalPlanIssued', on: final },
          lapsedBy: null,
        });
      });

      it('keeps the 16 weeks for the decision whether to issue running: the draft is met late by 81 days', () => {
        expect(then.clock('decision-whether-to-issue')).toMatchObject({ dueDate: '2024-05-06', state: 'met_late', daysLate: 81, stoppedBy: { type: 'DraftPlanIssued', on: draft } });
      });

      it('leaves the decision whether to assess met on time by the refusal, with no second clock', () => {
        expect(then.clocksOf('decide-whether-to-assess')).toHaveLength(1);
        expect(then.clock('decide-whether-to-assess')).toMatchObject({ dueDate: '2024-02-26', state: 'met_on_time', stoppedBy: { type: 'DecisionNotToAssess', on: refused } });
      });

      it("counts the plan in SEN2's 20-week figure as issued late", () => {
        const figures = sen2Timeliness(then.clocks, 2024);
        expect(figures.plansIssued).toBe(1);
        expect(figures.plansWithin20WeeksIncludingExceptionCases).toEqual({ count: 0, outOf: 1, percent: 0 });
        expect(figures.requestsReceived).toBe(1);
      });
    });
  }

  it('without a revival the final-plan clock still lapses at the refusal, before it was due', () => {
    const then = given(requested(request), decidedNotToAssess(refused)).asOf('2024-10-01');
    expect(then.clock('final-plan')).toMatchObject({ state: 'lapsed', daysLate: 0, lapsedBy: { type: 'DecisionNotToAssess', on: refused }, stoppedBy: null });
    expect(then.clock('decision-whether-to-issue')).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'DecisionNotToAssess', on: refused } });
  });

  it('a reversal of the other refusal, or of another request, or one before the refusal, revives nothing', () => {
    for (const revival of [reversed(reversal, 'refusal_to_issue'), ordered(reversal, 'assess', ids.otherRequest), notOpposed(reversal, 'amend_plan')]) {
      const clock = given(requested(request), decidedNotToAssess(refused), revival).asOf('2024-10-01').clock('final-plan');
      expect(clock).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'DecisionNotToAssess', on: refused } });
    }
    const early = given(requested(request), reversed('2024-02-01', 'refusal_to_assess'), decidedNotToAssess(refused)).asOf('2024-10-01').clock('final-plan');
    expect(early).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'DecisionNotToAssess', on: refused } });
  });

  it('a refusal to issue set aside revives the 20 weeks, and the 16 weeks stay met by the refusal', () => {
    // The refusal to issue on 1 May 2024 (before 6 May: on time); reversed 10 June; draft 1 July; final 20 September.
    const then = given(
      requested(request),
      decidedToAssess('2024-02-20'),
      notToIssue('2024-05-01'),
      reversed('2024-06-10', 'refusal_to_issue'),
      draftIssued('2024-07-01'),
      finalIssued(final),
    ).asOf('2024-10-01');
    expect(then.clock('final-plan')).toMatchObject({ dueDate: '2024-06-03', state: 'met_late', daysLate: 109 });
    expect(then.clock('decision-whether-to-issue')).toMatchObject({ state: 'met_on_time', stoppedBy: { type: 'DecisionNotToIssue', on: '2024-05-01' } });
  });

  it('a revived clock not yet met shows missed, counting from the original due date', () => {
    // As of 1 July 2024: 27 days after 3 June (to 30 June) + 1 = 28 days.
    const clock = given(requested(request), decidedNotToAssess(refused), reversed(reversal, 'refusal_to_assess'), decidedToAssess(assessing)).asOf('2024-07-01').clock('final-plan');
    expect(clock).toMatchObject({ state: 'missed', daysLate: 28, lapsedBy: null, stoppedBy: null });
  });
});
