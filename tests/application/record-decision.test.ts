import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInput } from '../../src/application/bad-input.js';
import { recordDecision } from '../../src/application/record-decision.js';
import { cast } from '../../src/demo/cast.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2025-06-02T09:00:00Z');
});
afterAll(() => t.close());

const request = (input: Record<string, unknown>, childId?: string) => ({ childId, input, correlationId: 'test', causationId: 'test' });

describe('recordDecision, as the web forms call it', () => {
  it('refuses a decision on an assessment that is neither "assess" nor "not assess", naming the field, and records nothing', async () => {
    const deps = { store: t.store, clock: () => new Date('2025-06-02T09:00:00Z') };
    const { childId } = await recordDecision(deps, cast.caseworker, 'registerChild', request({ displayName: 'Child R', dateOfBirth: '2015-01-01', laCode: '202' }));
    const asked = await recordDecision(deps, cast.caseworker, 'requestAssessment', request({ requestedBy: 'school' }, childId));
    const before = await t.store.headPosition();
    for (const decision of [undefined, '', 'maybe', 'ASSESS']) {
      const refused = recordDecision(deps, cast.caseworker, 'decideAssessment', request({ requestId: asked.subjectId, decision, reasons: 'Needs unclear' }, childId));
      await expect(refused).rejects.toBeInstanceOf(BadInput);
      await expect(refused).rejects.toMatchObject({ field: 'input.decision' });
    }
    expect(await t.store.headPosition()).toBe(before);
    const decided = await recordDecision(deps, cast.caseworker, 'decideAssessment', request({ requestId: asked.subjectId, decision: 'not_assess', reasons: 'Needs met at SEN support' }, childId));
    expect(decided.entries[0]!.type).toBe('DecisionNotToAssess');
  });
});
