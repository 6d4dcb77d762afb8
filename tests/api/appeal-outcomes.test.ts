import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The appeal's outcomes walked through GraphQL on the real app and store, each clock's due date, state and lateness
 * checked through `deadlines` and `tribunalOrders`. Every date below is worked out by hand (days to the end of each month):
 *   2 weeks = 14 days, 5 weeks = 35, 10 weeks = 70, 14 weeks = 98, 20 weeks = 140, 16 weeks = 112.
 */
interface Clock {
  ruleId: string;
  ruleVersion: string;
  dueDate: string;
  state: string;
  daysLate: number | null;
  stoppedBy: { type: string; on: string } | null;
  lapsedBy: { type: string; on: string; notApplicable: boolean | null } | null;
}
interface Order {
  how: string;
  kind: string;
  madeOn: string;
  standing: string;
  daysLate: number | null;
  tribunalReference: string | null;
  clocks: Array<{ ruleId: string; dueDate: string; state: string; daysLate: number | null }>;
}

const CLOCK_FIELDS = 'ruleId ruleVersion dueDate state daysLate stoppedBy { type on } lapsedBy { type on notApplicable }';
const ORDER_FIELDS = 'how kind madeOn standing daysLate tribunalReference clocks { ruleId dueDate state daysLate }';

describe('the appeal in the ledger, through the API: tribunal outcomes and their clocks', () => {
  let t: TestApp;
  let la: string;
  const child: Record<string, string> = {};
  const requestOf: Record<string, string> = {};

  async function on(day: string, mutation: string, childId: string, input: Record<string, unknown>) {
    t.clock.set(`${day}T16:00:00Z`);
    return record(t, la, mutation, childId, input, { occurredAt: day });
  }

  /** A child with a final plan: requested 8 January 2024, assessed, draft 1 April, final 13 May 2024. */
  async function withPlan(name: string): Promise<{ childId: string; planId: string }> {
    t.clock.set('2024-01-08T09:00:00Z');
    const childId = (await registerChild(t, la, { displayName: `Child ${name} (pseudonym)` })).childId;
    child[name] = childId;
    const request = await on('2024-01-08', 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await on('2024-01-29', 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    const planId = (await on('2024-04-01', 'issueDraftPlan', childId, { requestId: request.subjectId })).subjectId!;
    await on('2024-05-13', 'issueFinalPlan', childId, { planId, namedSetting: { name: 'Hillside Primary School' } });
    return { childId, planId };
  }

  /** A child refused an assessment: requested Monday 15 January 2024, refused 22 February 2024. */
  async function refused(name: string): Promise<{ childId: string; requestId: string }> {
    t.clock.set('2024-01-15T09:00:00Z');
    const childId = (await registerChild(t, la, { displayName: `Child ${name} (pseudonym)` })).childId;
    child[name] = childId;
    const requestId = (await on('2024-01-15', 'requestAssessment', childId, { requestedBy: 'parent_carer' })).subjectId!;
    await on('2024-02-22', 'decideAssessment', childId, { requestId, decision: 'not_assess', reasons: 'Needs can be met by SEN support' });
    requestOf[name] = requestId;
    return { childId, requestId };
  }

  async function deadlines(name: string): Promise<Clock[]> {
    const response = await t.gql<{ deadlines: { nodes: Clock[] } }>(`query($id: ID) { deadlines(childId: $id) { nodes { ${CLOCK_FIELDS} } } }`, { id: child[name] }, la);
    expect(response.errors).toBeUndefined();
    return response.data.deadlines.nodes;
  }
  const clockOf = async (name: string, ruleId: string) => {
    const found = (await deadlines(name)).filter((clock) => clock.ruleId === ruleId);
    expect(found, ruleId).toHaveLength(1);
    return found[0]!;
  };
  async function orders(name: string): Promise<Order[] | null> {
    const response = await t.gql<{ tribunalOrders: Order[] | null }>(`query($id: ID!) { tribunalOrders(childId: $id) { ${ORDER_FIELDS} } }`, { id: child[name] }, la);
    expect(response.errors).toBeUndefined();
    return response.data.tribunalOrders;
  }

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');

    // (a) On time: an appeal about section F; the tribunal allows it on Monday 7 October 2024 and orders the plan amended.
    //     5 weeks: 24 days to 31 October, then 11 November 2024. Amended Friday 8 November: on time.
    const a = await withPlan('a');
    const appealA = (await on('2024-06-03', 'registerAppeal', a.childId, { against: 'plan_contents', planId: a.planId, sections: ['F'], tribunalReference: 'EH202/24/00101' })).subjectId!;
    await on('2024-10-07', 'recordTribunalDecision', a.childId, { appealId: appealA, outcome: 'allowed' });
    await on('2024-10-07', 'recordTribunalOrder', a.childId, { appealId: appealA, kind: 'amend_plan', planId: a.planId, sections: ['F'], wording: 'Section F to specify 1 hour of SALT a week' });
    await on('2024-11-08', 'amendPlan', a.childId, { planId: a.planId, summary: 'Section F amended as ordered', reason: 'Tribunal order' });
    // (f) The same appeal: a recommendation on section G made on 7 October 2024, due 11 November (5 weeks), answered
    //     Friday 15 November: 4 days late.
    const recommendationId = (await on('2024-10-07', 'recordTribunalRecommendation', a.childId, {
      appealId: appealA, section: 'G', madeTo: 'NHS North Central London ICB', wording: 'Fund occupational therapy for a term',
    })).subjectId!;
    await on('2024-11-15', 'answerRecommendation', a.childId, { recommendationId, follows: true, reasons: 'The ICB will fund it', answeredBy: { name: 'Dr Lee', role: 'Designated clinical officer' } });

    // (b) Late: the same order (7 October, due 11 November), the amended plan Monday 25 November: 14 days late.
    const b = await withPlan('b');
    const appealB = (await on('2024-06-03', 'registerAppeal', b.childId, { against: 'plan_contents', planId: b.planId, sections: ['F'] })).subjectId!;
    await on('2024-10-07', 'recordTribunalDecision', b.childId, { appealId: appealB, outcome: 'allowed_in_part' });
    await on('2024-10-07', 'recordTribunalOrder', b.childId, { appealId: appealB, kind: 'amend_plan', planId: b.planId, sections: ['F'], wording: 'Section F to quantify the TA support' });
    await on('2024-11-25', 'amendPlan', b.childId, { planId: b.planId, summary: 'Section F amended as ordered', reason: 'Tribunal order' });

    // (c) A consent order about section I only, Monday 1 July 2024: 2 weeks, due 15 July. Amended Friday 12 July: on time.
    const c = await withPlan('c');
    const appealC = (await on('2024-06-03', 'registerAppeal', c.childId, { against: 'plan_contents', planId: c.planId, sections: ['I'] })).subjectId!;
    await on('2024-07-01', 'recordTribunalOrder', c.childId, { appealId: appealC, kind: 'name_school', consent: true, planId: c.planId, sections: ['I'], wording: 'Section I to name Fleet Hill School' });
    await on('2024-07-12', 'amendPlan', c.childId, { planId: c.planId, summary: 'Section I names Fleet Hill School', reason: 'Consent order', namedSetting: { name: 'Fleet Hill School' } });

    // (d) A refusal to assess conceded before the LA's response (reg 45) on Wednesday 10 April 2024, then the assessment,
    //     the draft 26 July and the final plan Friday 20 September 2024.
    const d = await refused('d');
    const appealD = (await on('2024-03-11', 'registerAppeal', d.childId, { against: 'refusal_to_assess', requestId: d.requestId })).subjectId!;
    await on('2024-04-10', 'recordAppealNotOpposed', d.childId, { appealId: appealD, kind: 'assess', requestId: d.requestId, wording: 'The LA will carry out the assessment' });
    await on('2024-04-15', 'decideAssessment', d.childId, { requestId: d.requestId, decision: 'assess' });
    const planD = (await on('2024-07-26', 'issueDraftPlan', d.childId, { requestId: d.requestId })).subjectId!;
    await on('2024-09-20', 'issueFinalPlan', d.childId, { planId: planD, namedSetting: { name: 'Hillside Primary School' } });

    // (d) The same dates, the LA reversing its own refusal (no appeal) on 10 April 2024.
    const reversed = await refused('reversed');
    await on('2024-04-10', 'reverseDecision', reversed.childId, { requestId: reversed.requestId, decision: 'refusal_to_assess', reasons: 'New evidence from the school' });
    await on('2024-04-15', 'decideAssessment', reversed.childId, { requestId: reversed.requestId, decision: 'assess' });
    const planR = (await on('2024-07-26', 'issueDraftPlan', reversed.childId, { requestId: reversed.requestId })).subjectId!;
    await on('2024-09-20', 'issueFinalPlan', reversed.childId, { planId: planR, namedSetting: { name: 'Hillside Primary School' } });

    // (e) A refusal appealed on 11 March 2024 and the appeal withdrawn on 1 April 2024.
    const e = await refused('e');
    const appealE = (await on('2024-03-11', 'registerAppeal', e.childId, { against: 'refusal_to_assess', requestId: e.requestId })).subjectId!;
    await on('2024-04-01', 'withdrawAppeal', e.childId, { appealId: appealE, reason: 'The family chose SEN support' });

    await refused('still-refused');
    t.clock.set('2025-01-15T09:00:00Z');
  });
  afterAll(() => t.close());

  it('(a) an order complied with on time: the amended plan inside 5 weeks of the order', async () => {
    expect(await clockOf('a', 'tribunal-order-amended-plan')).toMatchObject({ dueDate: '2024-11-11', state: 'met_on_time', daysLate: 0, stoppedBy: { type: 'PlanAmended', on: '2024-11-08' } });
    expect(await orders('a')).toEqual([
      {
        how: 'ordered', kind: 'amend_plan', madeOn: '2024-10-07', standing: 'complied_on_time', daysLate: null, tribunalReference: 'EH202/24/00101',
        clocks: [{ ruleId: 'tribunal-order-amended-plan', dueDate: '2024-11-11', state: 'met_on_time', daysLate: 0 }],
      },
    ]);
  });

  it('(b) an order complied with late, by the exact days', async () => {
    expect(await clockOf('b', 'tribunal-order-amended-plan')).toMatchObject({ dueDate: '2024-11-11', state: 'met_late', daysLate: 14 });
    expect(await orders('b')).toMatchObject([{ how: 'ordered', standing: 'complied_late', daysLate: 14 }]);
  });

  it('(c) a consent order to name a school: 2 weeks from the order', async () => {
    expect(await clockOf('c', 'tribunal-order-name-school')).toMatchObject({ dueDate: '2024-07-15', state: 'met_on_time', daysLate: 0 });
    expect(await orders('c')).toMatchObject([{ how: 'consent_order', kind: 'name_school', madeOn: '2024-07-01', standing: 'complied_on_time', daysLate: null }]);
  });

  it('(d) a refusal conceded (reg 45): the 20 weeks run from the ORIGINAL request, and reg 45 runs from the concession', async () => {
    // 20 weeks from 15 January 2024: 16 (to 31 Jan) + 29 (Feb, leap year) + 31 + 30 + 31 = 137, then 3 June 2024.
    // Final plan 20 September: 27 (to 30 June) + 31 + 31 + 20 = 109 days late.
    expect(await clockOf('d', 'final-plan')).toMatchObject({ dueDate: '2024-06-03', state: 'met_late', daysLate: 109, lapsedBy: null });
    // 16 weeks: 137 - 31 (May) = 106 on 30 April, + 6 = 6 May 2024; draft 26 July: 25 + 30 + 26 = 81 days late.
    expect(await clockOf('d', 'decision-whether-to-issue')).toMatchObject({ dueDate: '2024-05-06', state: 'met_late', daysLate: 81 });
    // The refusal itself was on time: 6 weeks from 15 January is 26 February.
    expect(await clockOf('d', 'decide-whether-to-assess')).toMatchObject({ dueDate: '2024-02-26', state: 'met_on_time', stoppedBy: { type: 'DecisionNotToAssess', on: '2024-02-22' } });
    // Reg 45 (as amended 2015) from Wednesday 10 April 2024: 2 weeks -> 24 April; 10 weeks: 20 (to 30 Apr) + 31 + 19 -> 19 June;
    // 14 weeks: 20 + 31 + 30 + 17 -> 17 July. Decided to assess 15 April: on time. Final plan 20 September: 14 + 31 + 20 = 65 days late.
    // The draft plan means the notice not to issue never applied: lapsed, not missed, though it came after 19 June.
    expect(await clockOf('d', 'unopposed-appeal-notify-assessment')).toMatchObject({ ruleVersion: '2015', dueDate: '2024-04-24', state: 'met_on_time' });
    expect(await clockOf('d', 'unopposed-appeal-no-plan-notice')).toMatchObject({
      dueDate: '2024-06-19', state: 'lapsed', daysLate: 0, lapsedBy: { type: 'DraftPlanIssued', on: '2024-07-26', notApplicable: true },
    });
    expect(await clockOf('d', 'unopposed-appeal-final-plan-after-assessment')).toMatchObject({ dueDate: '2024-07-17', state: 'met_late', daysLate: 65 });
    expect(await orders('d')).toEqual([
      {
        how: 'not_opposed', kind: 'assess', madeOn: '2024-04-10', standing: 'complied_late', daysLate: 65, tribunalReference: null,
        clocks: [
          { ruleId: 'unopposed-appeal-notify-assessment', dueDate: '2024-04-24', state: 'met_on_time', daysLate: 0 },
          { ruleId: 'unopposed-appeal-no-plan-notice', dueDate: '2024-06-19', state: 'lapsed', daysLate: 0 },
          { ruleId: 'unopposed-appeal-final-plan-after-assessment', dueDate: '2024-07-17', state: 'met_late', daysLate: 65 },
        ],
      },
    ]);
  });

  it('(d) a refusal the LA reversed itself: the same 109 days late from the original request, and no order', async () => {
    expect(await clockOf('reversed', 'final-plan')).toMatchObject({ dueDate: '2024-06-03', state: 'met_late', daysLate: 109 });
    expect((await deadlines('reversed')).filter((clock) => /^(tribunal|unopposed)-/.test(clock.ruleId))).toEqual([]);
    expect(await orders('reversed')).toEqual([]);
  });

  it('a refusal to assess set aside by nothing stays refused: a decision to assess is refused as already decided', async () => {
    const requestId = requestOf['still-refused'];
    const outcome = await mutate(t, la, 'decideAssessment', child['still-refused']!, { requestId, decision: 'assess' }, { occurredAt: '2024-04-15' });
    expect(outcome.result).toBeNull();
    expect(outcome.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'assessment-already-decided' });
    expect(await clockOf('still-refused', 'final-plan')).toMatchObject({ state: 'lapsed', lapsedBy: { type: 'DecisionNotToAssess', on: '2024-02-22' } });
  });

  it('(e) a withdrawn appeal: no order clocks; the appeal window was exercised in time', async () => {
    const clocks = await deadlines('e');
    expect(clocks.filter((clock) => /^(tribunal|unopposed)-/.test(clock.ruleId))).toEqual([]);
    // 2 months from the refusal of 22 February 2024: 22 April 2024 (a Monday). Appealed 11 March: in time.
    expect(clocks.find((clock) => clock.ruleId === 'appeal-window')).toMatchObject({ dueDate: '2024-04-22', state: 'exercised', daysLate: null, stoppedBy: { type: 'AppealRegistered', on: '2024-03-11' } });
    expect(clocks.find((clock) => clock.ruleId === 'final-plan')).toMatchObject({ state: 'lapsed' });
    expect(await orders('e')).toEqual([]);
  });

  it("(f) a recommendation answered late: the health body's duty, 4 days late", async () => {
    const response = await t.gql<{ deadlines: { nodes: Array<Clock & { obligation: { kind: string; holder: string }; subject: { kind: string } }> } }>(
      `query($id: ID) { deadlines(childId: $id) { nodes { ${CLOCK_FIELDS} obligation { kind holder } subject { kind } } } }`,
      { id: child['a'] },
      la,
    );
    expect(response.data.deadlines.nodes.find((clock) => clock.ruleId === 'tribunal-recommendation-answer')).toMatchObject({
      dueDate: '2024-11-11', state: 'met_late', daysLate: 4, obligation: { kind: 'duty', holder: 'health_or_social_care_body' }, subject: { kind: 'recommendationId' },
    });
  });

  it('lists the orders across the LA, and notes each child listed in the access log', async () => {
    const response = await t.gql<{ tribunalOrdersAcrossLa: Array<{ childId: string; family: string; standing: string; daysLate: number | null; clocks: Array<{ ruleId: string; state: string }> }> }>(
      '{ tribunalOrdersAcrossLa(laCode: "202") { childId family standing daysLate clocks { ruleId state } } }',
      {},
      la,
    );
    expect(response.errors).toBeUndefined();
    const rows = response.data.tribunalOrdersAcrossLa;
    expect(rows.map((row) => [row.childId, row.family, row.standing, row.daysLate])).toEqual([
      [child['d'], 'unopposed_appeal', 'complied_late', 65],
      [child['b'], 'tribunal_order', 'complied_late', 14],
      [child['c'], 'tribunal_order', 'complied_on_time', null],
      [child['a'], 'tribunal_order', 'complied_on_time', null],
    ]);
    const listed = await t.accessLog.forChild(child['b']!);
    expect(listed.some((entry) => entry.read.includes('tribunalOrdersAcrossLa'))).toBe(true);
    const notListed = await t.accessLog.forChild(child['e']!);
    expect(notListed.some((entry) => entry.read.includes('tribunalOrdersAcrossLa'))).toBe(false);
  });

  it('counts the orders complied with on time in the timeliness figures', async () => {
    // Due in 2024 with a known outcome: a (on time), b (late), c (on time), d's notice (on time) and final plan (late);
    // d's notice not to issue never applied and is not counted. 3 of 5 = 60%.
    const response = await t.gql<{ timeliness: { tribunalOrdersDue: number; tribunalOrdersCompliedOnTime: { count: number; outOf: number; percent: number | null }; plansIssued: number } }>(
      '{ timeliness(laCode: "202", year: 2024) { tribunalOrdersDue tribunalOrdersCompliedOnTime { count outOf percent } plansIssued } }',
      {},
      la,
    );
    expect(response.data.timeliness).toEqual({ tribunalOrdersDue: 5, tribunalOrdersCompliedOnTime: { count: 3, outOf: 5, percent: 60 }, plansIssued: 5 });
  });

  it('reads a child no one let the reader see exactly as one that does not exist', async () => {
    const other = await t.token('la_officer', '204');
    const unknown = await t.gql<{ tribunalOrders: unknown }>('query($id: ID!) { tribunalOrders(childId: $id) { outcomeId } }', { id: '00000000-0000-4000-8000-000000000000' }, other);
    const hidden = await t.gql<{ tribunalOrders: unknown }>('query($id: ID!) { tribunalOrders(childId: $id) { outcomeId } }', { id: child['a'] }, other);
    expect(hidden.data.tribunalOrders).toBeNull();
    expect(hidden).toEqual(unknown);
  });
});
