import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionLine, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Three EHC needs assessments in LA 202 during 2024, with dates worked out by hand:
 * 20 weeks = 140 days, 6 weeks = 42 days (Regs 5(1), 13(2)).
 */
describe('statutory clocks and timeliness through the API', () => {
  let t: TestApp;
  let la: string;
  const children: Record<string, string> = {};

  async function on(day: string, token: string, mutation: string, childId: string, input: Record<string, unknown>) {
    t.clock.set(`${day}T16:00:00Z`);
    return record(t, token, mutation, childId, input, { occurredAt: day });
  }

  async function assessment(name: string, dates: { request: string; decision: string; draft?: string; final?: string }, exception?: { from: string; to: string }) {
    t.clock.set(`${dates.request}T09:00:00Z`);
    const childId = (await registerChild(t, la, { displayName: `Child ${name} (pseudonym)` })).childId;
    children[name] = childId;
    const request = await on(dates.request, la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    if (exception) {
      await on(exception.from, la, 'invokeException', childId, { requestId: request.subjectId, ground: 'c', reason: 'Exceptional personal circumstances of the family', from: exception.from, to: exception.to });
    }
    await on(dates.decision, la, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    if (!dates.draft) return;
    const draft = await on(dates.draft, la, 'issueDraftPlan', childId, { requestId: request.subjectId });
    await on(dates.final!, la, 'issueFinalPlan', childId, { planId: draft.subjectId, namedSetting: { name: 'Hillside Primary School' } });
    const vague = name === 'one' ? { description: 'Access to a teaching assistant as required', deliveredBy: { organisation: 'Hillside Primary School', role: 'support staff' } } : {};
    await on(dates.final!, la, 'promiseProvision', childId, provisionLine(draft.subjectId!, { startDate: dates.final, ...vague }));
  }

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
    // On time: decided in 4 weeks, final plan one week inside 20 weeks (due 2024-05-27).
    await assessment('one', { request: '2024-01-08', decision: '2024-02-05', draft: '2024-04-29', final: '2024-05-20' });
    // 7 days past 20 weeks (due 2024-06-03), but a 28-day reg 10(4)(c) exception moves the date to 2024-07-01.
    await assessment('two', { request: '2024-01-15', decision: '2024-02-20', draft: '2024-05-20', final: '2024-06-10' }, { from: '2024-03-01', to: '2024-03-28' });
    // Decided 6 days late (due 2024-03-14); no final plan by 2024-07-01 (due 2024-06-20): missed by 11 days.
    await assessment('three', { request: '2024-02-01', decision: '2024-03-20' });
  });
  afterAll(() => t.close());

  it('shows an exception without hiding the lateness it excused', async () => {
    const response = await t.gql<{ deadlines: { nodes: Array<Record<string, unknown>> } }>(
      `query($id: ID) { deadlines(childId: $id, asOf: "2024-07-01") { nodes { ruleId state dueDate dueDateWithExceptions daysLate daysLateWithoutExceptions
          exceptionApplied exceptionDays exceptions { ground from to days } stoppedBy { type on } } } }`,
      { id: children['two'] },
      la,
    );
    const finalPlan = response.data.deadlines.nodes.find((c) => c['ruleId'] === 'final-plan');
    expect(finalPlan).toEqual({
      ruleId: 'final-plan',
      state: 'met_on_time',
      dueDate: '2024-06-03',
      dueDateWithExceptions: '2024-07-01',
      daysLate: 0,
      daysLateWithoutExceptions: 7,
      exceptionApplied: true,
      exceptionDays: 28,
      exceptions: [{ ground: 'c', from: '2024-03-01', to: '2024-03-28', days: 28 }],
      stoppedBy: { type: 'FinalPlanIssued', on: '2024-06-10' },
    });
  });

  it('lists the LA\'s missed deadlines with how late they are', async () => {
    const response = await t.gql<{ deadlines: { nodes: Array<{ childId: string; ruleId: string; daysLate: number; dueDate: string }> } }>(
      '{ deadlines(laCode: "202", state: missed, asOf: "2024-07-01") { nodes { childId ruleId daysLate dueDate } } }',
      {},
      la,
    );
    expect(response.data.deadlines.nodes).toContainEqual({ childId: children['three'], ruleId: 'final-plan', daysLate: 11, dueDate: '2024-06-20' });
    expect(response.data.deadlines.nodes.every((c) => c.childId === children['three'])).toBe(true);
  });

  it('gives SEN2\'s timeliness for the LA and year, each figure with its denominator', async () => {
    t.clock.set('2025-01-15T09:00:00Z');
    const response = await t.gql<{ timeliness: Record<string, unknown> }>(
      `{ timeliness(laCode: "202", year: 2024) { requestsReceived decisionsMade decisionsWithin6Weeks { count outOf percent } plansIssued exceptionCases
          plansWithin20WeeksIncludingExceptionCases { count outOf percent } plansWithin20WeeksExcludingExceptionCases { count outOf percent } } }`,
      {},
      la,
    );
    // Two's plan came 7 days after 20 weeks: an exception case, not within 20 weeks (the exception does not move SEN2's date).
    expect(response.data.timeliness).toEqual({
      requestsReceived: 3,
      decisionsMade: 3,
      decisionsWithin6Weeks: { count: 2, outOf: 3, percent: 66.7 },
      plansIssued: 2,
      exceptionCases: 1,
      plansWithin20WeeksIncludingExceptionCases: { count: 1, outOf: 2, percent: 50 },
      plansWithin20WeeksExcludingExceptionCases: { count: 1, outOf: 1, percent: 100 },
    });
  });

  it('counts the LA\'s provision that is not specific and quantified', async () => {
    const response = await t.gql<{ provisionQuality: { linesChecked: number; linesNotSpecific: number; flagsByCode: Array<{ code: string; count: number }> } }>(
      '{ provisionQuality(laCode: "202") { linesChecked linesNotSpecific flagsByCode { code count } } }',
      {},
      la,
    );
    expect(response.data.provisionQuality.linesChecked).toBe(2);
    expect(response.data.provisionQuality.linesNotSpecific).toBe(1);
    const codes = response.data.provisionQuality.flagsByCode.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['vague-wording', 'discretionary-wording', 'generic-deliverer']));
  });

  it('asks for exactly one scope', async () => {
    const response = await t.gql('{ deadlines(laCode: "202", settingUrn: "100001") { nodes { ruleId } } }', {}, la);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', field: 'childId' });
  });

  it('the audit trail names the framework in force and the rule versions that judged each entry', async () => {
    const response = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; legalFramework: { framework: string }; judgedBy: Array<{ ruleId: string; ruleVersion: string; as: string }> }> } } }>(
      'query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type legalFramework { framework } judgedBy { ruleId ruleVersion as } } } } }',
      { id: children['two'] },
      la,
    );
    const entries = response.data.auditTrail.entries.nodes;
    expect(new Set(entries.map((e) => e.legalFramework.framework))).toEqual(new Set(['send_code_2015']));
    const request = entries.find((e) => e.type === 'AssessmentRequested')!;
    expect(request.judgedBy.filter((j) => j.as === 'started').map((j) => j.ruleId).sort()).toEqual(['decide-whether-to-assess', 'decision-whether-to-issue', 'final-plan']);
    const final = entries.find((e) => e.type === 'FinalPlanIssued')!;
    expect(final.judgedBy).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: 'final-plan', as: 'stopped' })]));
  });
});
