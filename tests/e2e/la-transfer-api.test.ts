import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mutate, record, registerChild } from '../support/ledger-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Regulation 15 through the API: the plan moves from LA 202 to LA 204, and so do the child's deadlines and the right to decide. */
describe('a move to another LA (reg 15)', () => {
  let t: TestApp;
  let camden: string;
  let brent: string;
  let childId: string;
  let planId: string;

  beforeAll(async () => {
    t = await startTestApp();
    camden = await t.token('la_officer', '202');
    brent = await t.token('la_officer', '204');
    t.clock.set('2024-01-08T10:00:00Z');
    childId = (await registerChild(t, camden)).childId;
    const request = await record(t, camden, 'requestAssessment', childId, { requestedBy: 'parent_carer' });
    await record(t, camden, 'decideAssessment', childId, { requestId: request.subjectId, decision: 'assess' });
    planId = (await record(t, camden, 'issueDraftPlan', childId, { requestId: request.subjectId })).subjectId!;
    t.clock.set('2024-03-01T10:00:00Z');
    await record(t, camden, 'issueFinalPlan', childId, { planId, namedSetting: { name: 'Hillside Primary School' } });
  });
  afterAll(() => t.close());

  it('moves the plan, the record and the deadlines to the receiving LA, which alone may then decide', async () => {
    t.clock.set('2025-04-01T10:00:00Z');
    const move = await record(t, camden, 'notifyLaMove', childId, { planId, toLaCode: '204', moveDate: '2025-04-22', learnedOn: '2025-04-01' });
    // Until the plan is transferred out, the receiving LA has no relationship with the child: it is not found.
    const early = await mutate(t, brent, 'transferPlanIn', childId, { moveId: move.subjectId, planId, fromLaCode: '202' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });

    t.clock.set('2025-04-22T10:00:00Z');
    await record(t, camden, 'transferPlanOut', childId, { moveId: move.subjectId, planId, toLaCode: '204' });
    const byOldLa = await mutate(t, camden, 'transferPlanIn', childId, { moveId: move.subjectId, planId, fromLaCode: '202' });
    expect(byOldLa.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    await record(t, brent, 'transferPlanIn', childId, { moveId: move.subjectId, planId, fromLaCode: '202' });

    // The old LA keeps read access to its period only: for writing, the child is no longer there.
    const amendByOldLa = await mutate(t, camden, 'amendPlan', childId, { planId, summary: 'Section F', reason: 'Review' });
    expect(amendByOldLa.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const oldLaTrail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string }> } } | null }>('query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type } } } }', { id: childId }, camden);
    expect(oldLaTrail.data.auditTrail!.entries.nodes.map((e) => e.type).at(-1)).toBe('PlanTransferredOut');
    const newLaTrail = await t.gql<{ auditTrail: { entries: { nodes: Array<{ type: string }> } } | null }>('query($id: ID!) { auditTrail(childId: $id) { entries { nodes { type } } } }', { id: childId }, brent);
    expect(newLaTrail.data.auditTrail!.entries.nodes.map((e) => e.type).at(-1)).toBe('PlanTransferredIn');

    const clocks = await t.gql<{ deadlines: { nodes: Array<{ childId: string; ruleId: string; dueDate: string; state: string }> } }>(
      '{ deadlines(laCode: "204", asOf: "2025-05-01") { nodes { childId ruleId dueDate state } } }',
      {},
      brent,
    );
    const mine = clocks.data.deadlines.nodes.filter((c) => c.childId === childId);
    // Reg 15(4): tell the family within 6 weeks of the transfer; 15(5): review by the later of 12 months from the plan and 3 months from the transfer.
    expect(mine).toContainEqual({ childId, ruleId: 'new-la-notice', dueDate: '2025-06-03', state: 'pending' });
    expect(mine.map((c) => c.ruleId)).toContain('review-after-transfer');
    const atOldLa = await t.gql<{ deadlines: { nodes: Array<{ childId: string }> } }>('{ deadlines(laCode: "202", asOf: "2025-05-01") { nodes { childId } } }', {}, camden);
    expect(atOldLa.data.deadlines.nodes.some((c) => c.childId === childId)).toBe(false);
  });
});
