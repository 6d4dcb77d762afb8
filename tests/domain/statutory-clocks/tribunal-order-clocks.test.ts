import { describe, expect, it } from 'vitest';
import { isSetByLaw } from '../../../src/domain/statutory-clocks/clock-outcomes.js';
import { judgedOn } from '../../../src/domain/statutory-clocks/judged-on.js';
import { familyOfRule, STATUTORY_RULES } from '../../../src/domain/statutory-clocks/rules.js';
import { sen2Timeliness } from '../../../src/domain/statutory-clocks/sen2-timeliness.js';
import { tribunalOrderTimeliness } from '../../../src/domain/statutory-clocks/tribunal-order-timeliness.js';
import { decidedToAssess, draftIssued, entry, finalIssued, given, ids, notToIssue, planAmended } from './clock-builders.js';

const ordered = (on: string, kind: string, subject: { requestId?: string; planId?: string }, consent = false) =>
  entry('TribunalOrderMade', { appealId: ids.appeal, orderId: `order-${kind}`, kind, consent, ...subject, wording: 'The tribunal orders' }, on);
const notOpposed = (on: string, kind: string, subject: { requestId?: string; planId?: string }) =>
  entry('AppealNotOpposed', { appealId: ids.appeal, outcomeId: `conceded-${kind}`, kind, ...subject, wording: 'The LA will not oppose' }, on);
const recommendation = 'r-1';
const recommended = (on: string) =>
  entry('TribunalRecommendationMade', { appealId: ids.appeal, recommendationId: recommendation, section: 'G', madeTo: 'NHS North Central London ICB', wording: 'Speech and language therapy' }, on);
const answered = (on: string) =>
  entry('RecommendationAnswered', { recommendationId: recommendation, follows: true, reasons: 'We will fund it', answeredBy: { name: 'Dr Lee', role: 'DCO' } }, on);

const request = { requestId: ids.request };
const plan = { planId: ids.plan };

/**
 * An order made Monday 4 March 2024 (reg 44(2)):
 *   2 weeks (14 days):  18 March 2024
 *   5 weeks (35 days):  27 days to 31 March, then 8 April 2024
 *   10 weeks (70 days): 27 (March) + 30 (April) = 57, then 13 May 2024
 *   11 weeks (77 days): 57 + 20 = 20 May 2024
 *   14 weeks (98 days): 57 + 31 (May) = 88, then 10 June 2024
 */
const order = '2024-03-04';

describe('statutory clocks: a tribunal order to assess (reg 44(2)(b))', () => {
  it('runs three limits from the order: the notice it will assess, then one of no-plan notice or final plan', () => {
    const then = given(ordered(order, 'assess', request), decidedToAssess('2024-03-15'), draftIssued('2024-05-20'), finalIssued('2024-06-14')).asOf('2024-07-01');
    expect(then.clock('tribunal-order-notify-assessment')).toMatchObject({ triggerDate: order, dueDate: '2024-03-18', state: 'met_on_time', legalSource: 'SEND Regs 2014 reg 44(2)(b)' });
    expect(then.clock('tribunal-order-final-plan-after-assessment')).toMatchObject({ dueDate: '2024-06-10', state: 'met_late', daysLate: 4, stoppedBy: { type: 'FinalPlanIssued' } });
    // The draft (20 May) came after the 10 weeks (13 May): that limit never applied, so it is lapsed, not missed.
    const noPlan = then.clock('tribunal-order-no-plan-notice');
    expect(noPlan).toMatchObject({ dueDate: '2024-05-13', state: 'lapsed', daysLate: 0, lapsedBy: { type: 'DraftPlanIssued', on: '2024-05-20', notApplicable: true } });
    // Judged again on a later day (a list over an LA does this), it stays lapsed.
    expect(judgedOn(noPlan, '2024-12-01')).toMatchObject({ state: 'lapsed', daysLate: 0 });
  });

  it('a decision not to issue meets the 10 weeks (late by 7 days here) and ends the 14 weeks without a failure', () => {
    const then = given(ordered(order, 'assess', request), decidedToAssess('2024-03-15'), notToIssue('2024-05-20')).asOf('2024-07-01');
    expect(then.clock('tribunal-order-no-plan-notice')).toMatchObject({ state: 'met_late', daysLate: 7 });
    expect(then.clock('tribunal-order-final-plan-after-assessment')).toMatchObject({ dueDate: '2024-06-10', state: 'lapsed', daysLate: 0 });
  });

  it('open limits go missed after their date', () => {
    const then = given(ordered(order, 'assess', request)).asOf('2024-03-25');
    expect(then.clock('tribunal-order-notify-assessment')).toMatchObject({ state: 'missed', daysLate: 7 });
    expect(then.clock('tribunal-order-no-plan-notice').state).toBe('pending');
  });
});

describe('statutory clocks: other orders (reg 44(2))', () => {
  it('an order to issue a plan: the draft within 5 weeks, the final plan (through its draft) within 11', () => {
    const then = given(ordered(order, 'issue_plan', request), draftIssued('2024-04-05'), finalIssued('2024-05-24')).asOf('2024-07-01');
    expect(then.clock('tribunal-order-draft-plan')).toMatchObject({ dueDate: '2024-04-08', state: 'met_on_time' });
    expect(then.clock('tribunal-order-final-plan')).toMatchObject({ dueDate: '2024-05-20', state: 'met_late', daysLate: 4 });
  });

  it('an order to amend: 5 weeks; to name a school only: 2 weeks; to continue to maintain: no clock', () => {
    const amend = given(ordered(order, 'amend_plan', plan, true), planAmended('2024-04-08')).asOf('2024-07-01');
    expect(amend.clock('tribunal-order-amended-plan')).toMatchObject({ subject: { kind: 'planId', id: ids.plan }, dueDate: '2024-04-08', state: 'met_on_time' });
    const school = given(ordered(order, 'name_school', plan), planAmended('2024-03-20')).asOf('2024-07-01');
    expect(school.clock('tribunal-order-name-school')).toMatchObject({ dueDate: '2024-03-18', state: 'met_late', daysLate: 2 });
    const maintain = given(ordered(order, 'continue_to_maintain', plan)).asOf('2024-07-01');
    expect(maintain.clocks.filter((clock) => familyOfRule(clock.ruleId) !== null)).toEqual([]);
  });
});

describe('statutory clocks: unopposed appeals (reg 45)', () => {
  it('as amended by SI 2015/359 from 23 March 2015: 2, 10 and 14 weeks after conceding an appeal against a refusal to assess', () => {
    // Monday 23 March 2015: + 14 days = 6 April; + 70 days = 1 June (8 days of March, 30 of April, 31 of May = 69, +1); + 98 days = 29 June.
    const then = given(notOpposed('2015-03-23', 'assess', request)).asOf('2015-03-24');
    expect(then.clock('unopposed-appeal-notify-assessment')).toMatchObject({ ruleVersion: '2015', dueDate: '2015-04-06' });
    expect(then.clock('unopposed-appeal-no-plan-notice')).toMatchObject({ ruleVersion: '2015', dueDate: '2015-06-01' });
    expect(then.clock('unopposed-appeal-final-plan-after-assessment')).toMatchObject({ ruleVersion: '2015', dueDate: '2015-06-29' });
  });

  it('under the original reg 45 (to 22 March 2015): 4 weeks for the assessment and for an amended plan, nothing invented for the rest', () => {
    // Friday 20 March 2015 + 28 days = 17 April 2015.
    const assess = given(notOpposed('2015-03-20', 'assess', request)).asOf('2015-03-24');
    expect(assess.clock('unopposed-appeal-notify-assessment')).toMatchObject({ ruleVersion: '2014', dueDate: '2015-04-17' });
    expect(assess.clocksOf('unopposed-appeal-no-plan-notice')).toEqual([]);
    expect(assess.clocksOf('unopposed-appeal-final-plan-after-assessment')).toEqual([]);
    const amend = given(notOpposed('2015-03-20', 'amend_plan', plan)).asOf('2015-03-24');
    expect(amend.clock('unopposed-appeal-amended-plan')).toMatchObject({ ruleVersion: '2014', dueDate: '2015-04-17' });
    expect(given(notOpposed('2015-03-20', 'issue_plan', request)).asOf('2015-03-24').clocksOf('unopposed-appeal-draft-plan')).toEqual([]);
  });
});

describe('statutory clocks: a recommendation on health or social care', () => {
  it('is answered within 5 weeks by the body it is made to (a duty in law, not the LA\'s)', () => {
    const clock = given(recommended(order), answered('2024-04-10')).asOf('2024-07-01').clock('tribunal-recommendation-answer');
    expect(clock).toMatchObject({ subject: { kind: 'recommendationId', id: recommendation }, dueDate: '2024-04-08', state: 'met_late', daysLate: 2 });
    expect(clock.obligation).toEqual({ kind: 'duty', holder: 'health_or_social_care_body' });
    expect(isSetByLaw(clock)).toBe(true);
  });

  it('starts no clock before the power began (3 April 2018)', () => {
    expect(given(recommended('2018-03-01')).asOf('2018-06-01').clocksOf('tribunal-recommendation-answer')).toEqual([]);
  });
});

describe('statutory clocks: appeal rules as a family', () => {
  const appealRules = STATUTORY_RULES.filter((rule) => rule.family !== undefined);

  it('names each rule as the pages link to it, each with a family, a legal source and a note', () => {
    const prefixes = ['tribunal-order-', 'unopposed-appeal-'];
    const kinds = ['notify-assessment', 'no-plan-notice', 'final-plan-after-assessment', 'draft-plan', 'final-plan', 'amended-plan', 'name-school'];
    const expected = [...prefixes.flatMap((prefix) => kinds.map((kind) => prefix + kind)), 'tribunal-recommendation-answer'];
    expect(appealRules.map((rule) => rule.id).sort()).toEqual(expected.sort());
    for (const rule of appealRules) {
      expect(rule.family).toBe(rule.id.startsWith('unopposed') ? 'unopposed_appeal' : rule.id.startsWith('tribunal-order') ? 'tribunal_order' : 'tribunal_recommendation');
      for (const version of rule.versions) expect(version.legalSource.length > 0 && (version.note ?? '').length > 0).toBe(true);
    }
  });

  it("never counts in SEN2's figures; orders complied with on time count apart", () => {
    const then = given(ordered(order, 'issue_plan', request), draftIssued('2024-04-05'), finalIssued('2024-05-24')).asOf('2024-07-01');
    const figures = sen2Timeliness(then.clocks, 2024);
    expect([figures.plansIssued, figures.decisionsMade, figures.requestsReceived]).toEqual([0, 0, 0]);
    expect(tribunalOrderTimeliness(then.clocks, 2024)).toEqual({ tribunalOrdersDue: 2, tribunalOrdersCompliedOnTime: { count: 1, outOf: 2, percent: 50 } });
    expect(tribunalOrderTimeliness(then.clocks, 2025).tribunalOrdersDue).toBe(0);
  });
});
