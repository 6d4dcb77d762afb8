import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The statutory clocks say what the law says, through the API: the appeal window is the family's right; a
 * duty's lateness stops when the duty ends, saying why; every child with a plan in a year of phase transfer
 * has the reg 18 clock; the 2020 coronavirus modification needs a recorded coronavirus exception; every clock
 * shows the basis of its due date; timeliness gives SEN2's figures with their denominators.
 */
const CLOCK = `ruleId state triggerDate dueDate dueDateWithExceptions daysLate daysLateWithoutExceptions appealableDecision ruleVersion
  obligation { kind holder }
  dueDateBasis { from entry { type on } on period beforeAdjustment adjustment transfer { kind startsOn intoYearGroup } }
  modification { version wording unmodifiedDueDate exception { reason from to invokedBy { type on } } }
  startedBy { type on } stoppedBy { type on reason } lapsedBy { type on reason }`;

type Clock = Record<string, unknown> & { ruleId: string; state: string };

describe('deadlines say what the law says', () => {
  let t: TestApp;
  let la: string;

  async function on(day: string, token: string, mutation: string, childId: string, input: Record<string, unknown>) {
    t.clock.set(`${day}T16:00:00Z`);
    return record(t, token, mutation, childId, input, { occurredAt: day });
  }

  async function child(registeredOn: string, input: Record<string, unknown> = {}, token = la) {
    t.clock.set(`${registeredOn}T09:00:00Z`);
    return (await registerChild(t, token, { displayName: 'Child (pseudonym)', ...input })).childId;
  }

  /** A request, a decision to assess, a draft and a final plan; returns the request and plan ids. */
  async function planFor(childId: string, dates: { request: string; decision: string; draft: string; final: string }, token = la, exception?: { from: string; to: string }) {
    const requestId = (await on(dates.request, token, 'requestAssessment', childId, { requestedBy: 'parent_carer' })).subjectId!;
    if (exception) await on(exception.from, token, 'invokeException', childId, { requestId, ground: 'c', reason: 'Exceptional personal circumstances of the family', ...exception });
    await on(dates.decision, token, 'decideAssessment', childId, { requestId, decision: 'assess' });
    const planId = (await on(dates.draft, token, 'issueDraftPlan', childId, { requestId })).subjectId!;
    await on(dates.final, token, 'issueFinalPlan', childId, { planId, namedSetting: { name: 'Hillside Primary School' } });
    return { requestId, planId };
  }

  async function clocks(childId: string, asOf: string, token = la): Promise<Clock[]> {
    const response = await t.gql<{ deadlines: { nodes: Clock[] } }>(`query($id: ID, $asOf: Date) { deadlines(childId: $id, asOf: $asOf) { nodes { ${CLOCK} } } }`, { id: childId, asOf }, token);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data.deadlines.nodes;
  }

  beforeAll(async () => {
    t = await startTestApp();
    la = await t.token('la_officer', '202');
  });
  afterAll(() => t.close());

  describe('the appeal window is the family\'s right', () => {
    let refused: string;

    beforeAll(async () => {
      refused = await child('2024-03-01');
      const requestId = (await on('2024-03-04', la, 'requestAssessment', refused, { requestedBy: 'parent_carer' })).subjectId!;
      // A week after the 6 weeks (due 15 April): the LA's duty met late.
      await on('2024-04-22', la, 'decideAssessment', refused, { requestId, decision: 'not_assess', reasons: 'Needs can be met by SEN support' });
      // A later entry, so the record (and the handover pack cut from it) stands after the window closed.
      await on('2024-07-01', la, 'recordParentCarer', refused, { displayName: 'Parent (pseudonym)', relationship: 'Mother', parentalResponsibility: true });
    });

    it('closes unused, with its own state, no days late, and the basis of its date', async () => {
      const window = (await clocks(refused, '2024-07-01')).find((c) => c.ruleId === 'appeal-window');
      expect(window).toMatchObject({
        obligation: { kind: 'right', holder: 'parent_or_young_person' },
        appealableDecision: 'refusal_to_assess',
        state: 'closed_unused',
        dueDate: '2024-06-24',
        daysLate: null,
        daysLateWithoutExceptions: null,
        // 22 June 2024 is a Saturday: the window runs to the next working day (r.12(2)).
        dueDateBasis: { from: 'decision', entry: { type: 'DecisionNotToAssess', on: '2024-04-22' }, period: '2 months from the decision', beforeAdjustment: '2024-06-22', adjustment: 'non-working day' },
        stoppedBy: null,
        lapsedBy: null,
      });
    });

    it('is never in the LA\'s missed deadlines', async () => {
      const missed = await t.gql<{ deadlines: { nodes: Clock[] } }>('{ deadlines(laCode: "202", state: missed, asOf: "2024-07-01") { nodes { ruleId state } } }', {}, la);
      expect(missed.data.deadlines.nodes.map((c) => c.ruleId)).not.toContain('appeal-window');
    });

    it('is never among the failures of a duty (failuresOnly), which are the duties missed or met late', async () => {
      const failures = await t.gql<{ deadlines: { nodes: Clock[] } }>(
        '{ deadlines(laCode: "202", failuresOnly: true, asOf: "2024-07-01") { nodes { ruleId state obligation { kind } } } }',
        {},
        la,
      );
      expect(failures.errors).toBeUndefined();
      expect(failures.data.deadlines.nodes.length).toBeGreaterThan(0);
      for (const clock of failures.data.deadlines.nodes) {
        expect(clock).toMatchObject({ obligation: { kind: 'duty' }, state: expect.stringMatching(/^(missed|met_late)$/) });
      }
      const ofRefused = await t.gql<{ deadlines: { nodes: Clock[] } }>('query($id: ID) { deadlines(childId: $id, failuresOnly: true, asOf: "2024-07-01") { nodes { ruleId } } }', { id: refused }, la);
      expect(ofRefused.data.deadlines.nodes).toEqual([{ ruleId: 'decide-whether-to-assess' }]);
    });

    it('is not among the handover pack\'s deadlines not yet met', async () => {
      const pack = await t.gql<{ handoverPack: { upcomingDeadlines: Clock[] } }>('query($id: ID!) { handoverPack(childId: $id) { upcomingDeadlines { ruleId state } } }', { id: refused }, la);
      expect(pack.errors).toBeUndefined();
      expect(pack.data.handoverPack.upcomingDeadlines.map((c) => c.ruleId)).not.toContain('appeal-window');
    });

    it('an appeal registered in time exercised it: so the window and the audit trail say', async () => {
      const appellant = await child('2024-01-02');
      const { planId } = await planFor(appellant, { request: '2024-01-08', decision: '2024-02-05', draft: '2024-04-29', final: '2024-05-20' });
      await on('2024-06-14', la, 'registerAppeal', appellant, { against: 'plan_contents', planId });
      const window = (await clocks(appellant, '2024-09-01')).find((c) => c.ruleId === 'appeal-window');
      expect(window).toMatchObject({ state: 'exercised', daysLate: null, stoppedBy: { type: 'AppealRegistered', on: '2024-06-14', reason: 'an appeal against the decision was registered' } });
      const trail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string; judgedBy: Array<{ ruleId: string; as: string; reason: string | null }> }> } } }>(
        'query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type judgedBy { ruleId as reason } } } } }',
        { id: appellant },
        la,
      );
      const appeal = trail.data.auditTrail.entries.nodes.find((e) => e.type === 'AppealRegistered')!;
      expect(appeal.judgedBy).toEqual([{ ruleId: 'appeal-window', as: 'exercised', reason: 'an appeal against the decision was registered' }]);
    });
  });

  describe('lateness stops growing when the duty ends, and the clock says when and why', () => {
    it('an amendment proposed at review, then a notice keeping the plan as it is: 28 days late at the notice, and no more', async () => {
      const childId = await child('2022-09-01');
      const { planId } = await planFor(childId, { request: '2022-09-05', decision: '2022-10-10', draft: '2022-12-19', final: '2023-01-16' });
      // Review meeting 10 January 2024 decides to amend: 12 weeks (Devon), due 3 April 2024.
      await on('2024-01-10', la, 'recordAnnualReview', childId, { planId, decision: 'amend', summary: 'Review meeting: amend sections B and F' });
      await on('2024-05-01', la, 'notifyReviewDecision', childId, { planId, decision: 'maintain' });
      const amended = (await clocks(childId, '2024-12-01')).find((c) => c.ruleId === 'amended-plan');
      expect(amended).toMatchObject({
        dueDate: '2024-04-03',
        state: 'missed',
        daysLate: 28,
        lapsedBy: { type: 'ReviewDecisionNotified', on: '2024-05-01', reason: expect.stringContaining('keep the plan as it is') },
      });
    });

    it('a review overdue when the plan is transferred out stays late by the days up to the transfer', async () => {
      const brent = await t.token('la_officer', '204');
      const childId = await child('2022-09-01');
      const { planId } = await planFor(childId, { request: '2022-09-05', decision: '2022-10-10', draft: '2022-12-19', final: '2023-01-16' });
      // Review due by 15 January 2024; the plan goes to LA 204 on 1 February, which takes it in on 1 March.
      const moveId = (await on('2024-01-10', la, 'notifyLaMove', childId, { planId, toLaCode: '204', moveDate: '2024-02-01', learnedOn: '2024-01-10' })).subjectId;
      await on('2024-02-01', la, 'transferPlanOut', childId, { moveId, planId, toLaCode: '204' });
      await on('2024-03-01', brent, 'transferPlanIn', childId, { moveId, planId, fromLaCode: '202' });
      const review = (await clocks(childId, '2024-02-20', brent)).find((c) => c.ruleId === 'annual-review');
      expect(review).toMatchObject({
        dueDate: '2024-01-15',
        state: 'missed',
        daysLate: 17,
        lapsedBy: { type: 'PlanTransferredOut', on: '2024-02-01', reason: expect.stringContaining('transferred to another LA') },
      });
    });
  });

  describe('phase transfer: every child with a plan in a transfer year has the clock', () => {
    it('a child in Year 6 with a plan and no school named: missed on 15 February, from the date of birth', async () => {
      const childId = await child('2022-09-01', { dateOfBirth: '2014-03-12' });
      await planFor(childId, { request: '2022-09-05', decision: '2022-10-10', draft: '2022-12-19', final: '2023-01-16' });
      const transfer = (await clocks(childId, '2025-03-01')).find((c) => c.ruleId === 'phase-transfer');
      expect(transfer).toMatchObject({
        obligation: { kind: 'duty', holder: 'local_authority' },
        triggerDate: '2025-09-01',
        dueDate: '2025-02-15',
        state: 'missed',
        daysLate: 14,
        startedBy: { type: 'FinalPlanIssued', on: '2023-01-16' },
        dueDateBasis: {
          from: 'date_of_birth',
          entry: { type: 'ChildRegistered' },
          on: '2025-09-01',
          period: '15 February in the calendar year of the transfer',
          transfer: { kind: 'primary_to_secondary', startsOn: '2025-09-01', intoYearGroup: 7 },
        },
      });
    });
  });

  describe('the 2020 coronavirus modification applies only with a recorded coronavirus exception', () => {
    it('without one, the normal 20 weeks stand and the clock is judged as usual', async () => {
      const childId = await child('2020-04-20');
      await on('2020-04-20', la, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
      const finalPlan = (await clocks(childId, '2020-12-01')).find((c) => c.ruleId === 'final-plan');
      expect(finalPlan).toMatchObject({ ruleVersion: '2014', state: 'missed', dueDate: '2020-09-07', daysLate: 85, modification: null });
    });

    it('with one, the limit is "as soon as reasonably practicable", and the unmodified date shows beside the modified state', async () => {
      const childId = await child('2020-04-20');
      const requestId = (await on('2020-04-20', la, 'requestAssessment', childId, { requestedBy: 'parent_carer' })).subjectId;
      await on('2020-05-04', la, 'invokeException', childId, { requestId, ground: 'coronavirus', reason: 'Assessments paused while EPs were redeployed', from: '2020-05-04', to: '2020-07-31' });
      const finalPlan = (await clocks(childId, '2020-12-01')).find((c) => c.ruleId === 'final-plan');
      expect(finalPlan).toMatchObject({
        ruleVersion: 'coronavirus-2020',
        state: 'modified_2020',
        dueDate: '2020-09-07',
        daysLate: null,
        modification: {
          version: 'coronavirus-2020',
          wording: 'as soon as reasonably practicable',
          unmodifiedDueDate: '2020-09-07',
          exception: { reason: 'Assessments paused while EPs were redeployed', from: '2020-05-04', to: '2020-07-31', invokedBy: { type: 'ExceptionInvoked', on: '2020-05-04' } },
        },
      });
    });

    it('a coronavirus exception outside 1 May to 25 September 2020 is refused, naming the rule and the field', async () => {
      const childId = await child('2024-03-01');
      const requestId = (await on('2024-03-04', la, 'requestAssessment', childId, { requestedBy: 'parent_carer' })).subjectId;
      const refused = await t.gql(
        'mutation($childId: ID!, $input: ExceptionInput!) { invokeException(childId: $childId, input: $input) { streamRevision } }',
        { childId, input: { requestId, ground: 'coronavirus', reason: 'Staff illness', from: '2024-03-11' } },
        la,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_INPUT', rule: 'coronavirus-exception-outside-2020', field: 'input.from' });
      const inPeriod = await mutate(t, la, 'invokeException', childId, { requestId, ground: 'c', reason: 'Staff illness in the family', from: '2024-03-11' });
      expect(inPeriod.errors).toBeUndefined();
    });
  });

  describe('timeliness: SEN2\'s figures with their denominators', () => {
    let lambeth: string;

    beforeAll(async () => {
      lambeth = await t.token('la_officer', '208');
      const plan = async (dates: { request: string; decision: string; draft: string; final: string }, exception?: { from: string; to: string }) =>
        planFor(await child(dates.request, { laCode: '208' }, lambeth), dates, lambeth, exception);
      // Within 20 weeks (due 27 May), no exception.
      await plan({ request: '2024-01-08', decision: '2024-02-05', draft: '2024-04-29', final: '2024-05-20' });
      // An exception case issued after 20 weeks (due 3 June), on time with the 28 days of the exception.
      await plan({ request: '2024-01-15', decision: '2024-02-20', draft: '2024-05-20', final: '2024-06-10' }, { from: '2024-03-01', to: '2024-03-28' });
      // An exception case issued within 20 weeks all the same (due 10 June).
      await plan({ request: '2024-01-22', decision: '2024-02-26', draft: '2024-05-13', final: '2024-06-03' }, { from: '2024-02-01', to: '2024-02-14' });
      // Late by a week (due 24 June), no exception; the decision too (due 18 March).
      await plan({ request: '2024-02-05', decision: '2024-03-25', draft: '2024-06-10', final: '2024-07-01' });
      // Within 20 weeks (due 1 July), no exception.
      await plan({ request: '2024-02-12', decision: '2024-03-18', draft: '2024-06-03', final: '2024-06-24' });
      // A child in Year 6 whose plan was never amended for the move to secondary school (due 15 February 2025).
      await planFor(await child('2023-01-02', { laCode: '208', dateOfBirth: '2014-03-12' }, lambeth), { request: '2023-01-09', decision: '2023-02-06', draft: '2023-04-24', final: '2023-05-22' }, lambeth);
      t.clock.set('2025-03-03T09:00:00Z');
    });

    it('plans issued, exception cases, within 20 weeks including and excluding exception cases, each with its denominator and percentage', async () => {
      const response = await t.gql<{ timeliness: Record<string, unknown> }>(
        `{ timeliness(laCode: "208", year: 2024) { requestsReceived decisionsMade decisionsWithin6Weeks { count outOf percent } plansIssued exceptionCases
            plansWithin20WeeksIncludingExceptionCases { count outOf percent } plansWithin20WeeksExcludingExceptionCases { count outOf percent } } }`,
        {},
        lambeth,
      );
      expect(response.data.timeliness).toEqual({
        requestsReceived: 5,
        decisionsMade: 5,
        decisionsWithin6Weeks: { count: 4, outOf: 5, percent: 80 },
        plansIssued: 5,
        exceptionCases: 2,
        plansWithin20WeeksIncludingExceptionCases: { count: 3, outOf: 5, percent: 60 },
        plansWithin20WeeksExcludingExceptionCases: { count: 2, outOf: 3, percent: 66.7 },
      });
    });

    it('counts the phase transfer of a child with a plan and no school named, missed', async () => {
      const response = await t.gql<{ timeliness: Record<string, unknown> }>(
        '{ timeliness(laCode: "208", year: 2025) { phaseTransfersDue phaseTransfersAmendedByDeadline { count outOf percent } } }',
        {},
        lambeth,
      );
      expect(response.data.timeliness).toEqual({ phaseTransfersDue: 1, phaseTransfersAmendedByDeadline: { count: 0, outOf: 1, percent: 0 } });
    });
  });
});
