import { describe, expect, it } from 'vitest';
import { AccessRecorder } from '../../src/access-log/access-recorder.js';
import { AccessCache } from '../../src/application/access-cache.js';
import { BadInput } from '../../src/application/bad-input.js';
import { previewDecision } from '../../src/application/decision-preview.js';
import { recordDecision } from '../../src/application/record-decision.js';
import { cast } from '../../src/demo/cast.js';
import { childStreamId } from '../../src/domain/child-record/events.js';
import { NotFound, RuleViolation } from '../../src/domain/errors.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const NOW = new Date('2026-03-02T10:00:00.000Z');

async function aCase() {
  const clock = () => NOW;
  const store = createMemoryStore(clock);
  const deps = { store, clock, accessCache: new AccessCache() };
  const record = async (name: string, input: Record<string, unknown>, on: string, childId?: string) =>
    recordDecision(deps, cast.caseworker, name, { childId, input, options: { occurredAt: on }, correlationId: 't', causationId: 't' });
  const { childId } = await record('registerChild', { displayName: 'Child P', dateOfBirth: '2017-05-01', laCode: '202', settingUrn: '100934', settingName: 'Kentish Vale Primary School' }, '2025-09-03');
  const { subjectId: requestId } = await record('requestAssessment', { requestedBy: 'parent_carer' }, '2026-01-05', childId);
  return { deps, record, childId, requestId: requestId as string };
}

const readerFor = (actor: Actor) => ({ actor, reads: new AccessRecorder({ actor, requestId: 'r', purpose: 'test', via: 'web' }) });
const asking = (childId: string, input: Record<string, unknown>, occurredAt: string, idempotencyKey?: string) => ({
  childId,
  input,
  options: { occurredAt, ...(idempotencyKey ? { idempotencyKey } : {}) },
  correlationId: 't',
  causationId: 't',
});

describe('a decision previewed before it is recorded', () => {
  it('says which time limit it meets and how late, records nothing, and logs the read', async () => {
    const { deps, childId, requestId } = await aCase();
    const before = (await deps.store.readStream(childStreamId(childId))).length;
    const reader = readerFor(cast.caseworker);
    const preview = await previewDecision(deps, reader, 'decideAssessment', asking(childId, { requestId, decision: 'assess' }, '2026-03-02'), 'decision-check');

    expect(preview.kind).toBe('would_record');
    if (preview.kind !== 'would_record') return;
    expect(preview.on).toBe('2026-03-02');
    expect(preview.entries.map((e) => e.type)).toEqual(['DecisionToAssess']);
    const met = preview.effects.filter((e) => e.how === 'meets');
    expect(met.map((e) => [e.clock.ruleId, e.clock.dueDateWithExceptions, e.clock.state, e.clock.daysLate])).toEqual([['decide-whether-to-assess', '2026-02-16', 'met_late', 14]]);
    expect((await deps.store.readStream(childStreamId(childId))).length).toBe(before);
    expect(reader.reads.drain(NOW).map((e) => [e.childId, e.outcome, e.read])).toEqual([[childId, 'permitted', ['decision-check']]]);
  });

  it('says a decision in time meets its limit on time', async () => {
    const { deps, childId, requestId } = await aCase();
    const preview = await previewDecision(deps, readerFor(cast.caseworker), 'decideAssessment', asking(childId, { requestId, decision: 'not_assess', reasons: 'Needs met at SEN support.' }, '2026-02-10'), 'check');
    if (preview.kind !== 'would_record') throw new Error(preview.kind);
    expect(preview.effects.find((e) => e.clock.ruleId === 'decide-whether-to-assess')).toMatchObject({ how: 'meets', clock: { state: 'met_on_time' } });
    // A refusal to assess ends the duties to decide whether to issue and to issue a plan, and starts the family's right to appeal.
    expect(preview.effects.filter((e) => e.how === 'ends').map((e) => e.clock.ruleId).sort()).toEqual(['decision-whether-to-issue', 'final-plan']);
    expect(preview.effects.filter((e) => e.how === 'starts').map((e) => e.clock.ruleId)).toEqual(['appeal-window']);
  });

  it("refuses, as recording would, a final plan inside the family's 15 days to comment, and records nothing", async () => {
    const { deps, record, childId, requestId } = await aCase();
    await record('decideAssessment', { requestId, decision: 'assess' }, '2026-01-20', childId);
    const { subjectId: planId } = await record('issueDraftPlan', { requestId }, '2026-02-20', childId);
    const before = (await deps.store.readStream(childStreamId(childId))).length;
    const refusal = previewDecision(deps, readerFor(cast.caseworker), 'issueFinalPlan', asking(childId, { planId, namedSetting: { name: 'Kentish Vale Primary School' } }, '2026-03-02'), 'check');
    await expect(refusal).rejects.toBeInstanceOf(RuleViolation);
    await expect(refusal).rejects.toMatchObject({ rule: 'draft-comment-period', field: 'occurredAt' });
    expect((await deps.store.readStream(childStreamId(childId))).length).toBe(before);
  });

  it("refuses input the entry's schema refuses", async () => {
    const { deps, childId, requestId } = await aCase();
    await expect(previewDecision(deps, readerFor(cast.caseworker), 'decideAssessment', asking(childId, { requestId, decision: 'not_assess' }, '2026-03-02'), 'check')).rejects.toBeInstanceOf(BadInput);
  });

  it('finds no child for someone who may not read the record, nor for a child that does not exist', async () => {
    const { deps, childId, requestId } = await aCase();
    const other = readerFor(cast.fleetHillSenco);
    await expect(previewDecision(deps, other, 'decideAssessment', asking(childId, { requestId, decision: 'assess' }, '2026-03-02'), 'check')).rejects.toBeInstanceOf(NotFound);
    expect(other.reads.drain(NOW).map((e) => e.outcome)).toEqual(['denied']);
    await expect(
      previewDecision(deps, readerFor(cast.caseworker), 'decideAssessment', asking('0b6f2a8e-2c1f-4c57-9d43-5b1f1f0e9a11', { requestId, decision: 'assess' }, '2026-03-02'), 'check'),
    ).rejects.toBeInstanceOf(NotFound);
  });

  it('says a decision already recorded with the same key would record nothing new', async () => {
    const { deps, childId, requestId } = await aCase();
    await recordDecision(deps, cast.caseworker, 'decideAssessment', asking(childId, { requestId, decision: 'assess' }, '2026-03-02', 'form-1'));
    await expect(previewDecision(deps, readerFor(cast.caseworker), 'decideAssessment', asking(childId, { requestId, decision: 'assess' }, '2026-03-02', 'form-1'), 'check')).resolves.toEqual({ kind: 'already_recorded' });
  });
});
