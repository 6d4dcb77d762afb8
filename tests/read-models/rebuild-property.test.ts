import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { promiseRegister, type ProvisionHistory } from '../../projections/promise-register.js';
import { recordChildEntry } from '../../src/application/record-child-entry.js';
import type { ChildEventType } from '../../src/domain/child-record/events.js';
import { NotFound, NotPermitted, RuleViolation } from '../../src/domain/errors.js';
import type { Actor } from '../../src/ledger/envelope.js';
import { memoryReadModels } from '../../src/read-models/memory-read-models.js';
import type { ReadModelStore } from '../../src/read-models/read-model-store.js';
import { rebuildProjection } from '../../src/read-models/rebuild.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { EventStore } from '../../src/store/port.js';
import { TestClock } from '../support/test-app.js';
import { provisionLine } from '../support/ledger-client.js';

const la: Actor = { id: 'la-1', displayName: 'LA Officer', role: 'la_officer', organisation: '202' };
const senco: Actor = { id: 'senco-1', displayName: 'SENCo', role: 'senco', organisation: '100001' };

const KINDS = ['register', 'request', 'assess', 'draft', 'final', 'promiseF', 'promiseSenSupport', 'vary', 'withdraw', 'deliver', 'shortfall', 'cease', 'correctDelivery', 'retractDelivery'] as const;
/** Weighted so that histories reach plans, promises and deliveries rather than stopping at refusals. */
const WEIGHTED_KINDS = [...KINDS, 'request', 'assess', 'assess', 'draft', 'draft', 'final', 'final', 'promiseF', 'promiseF', 'promiseSenSupport', 'deliver', 'deliver', 'deliver'] as const;
const step = fc.record({
  kind: fc.constantFrom(...WEIGHTED_KINDS),
  child: fc.nat(2),
  pick: fc.nat(20),
  days: fc.integer({ min: 0, max: 20 }),
  /** Fold what is new into the read model after this step, as the live subscription does. */
  project: fc.boolean(),
  /** Hand the projection an already-folded batch again, as a restarted runner might. */
  replay: fc.boolean(),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

interface ChildIds { childId: string; requests: string[]; plans: string[]; provisions: string[]; senSupport: string[]; deliveries: string[] }

/** Turn a random step into a command on one of three children, with ids taken from what exists. */
function commandFor(s: Step, child: ChildIds, today: string): { actor: Actor; record: ChildEventType; data: Record<string, unknown> } | null {
  const pick = <T>(items: T[]) => (items.length === 0 ? undefined : items[s.pick % items.length]);
  const anyProvision = pick([...child.provisions, ...child.senSupport]);
  switch (s.kind) {
    case 'register': return { actor: la, record: 'ChildRegistered', data: { childId: child.childId, displayName: 'Child (pseudonym)', dateOfBirth: '2015-01-01', laCode: '202', settingUrn: '100001' } };
    case 'request': return { actor: la, record: 'AssessmentRequested', data: { requestId: randomUUID(), requestedBy: 'parent_carer' } };
    case 'assess': return pick(child.requests) ? { actor: la, record: s.pick % 3 === 0 ? 'DecisionNotToAssess' : 'DecisionToAssess', data: { requestId: pick(child.requests), reasons: 'Evidence' } } : null;
    case 'draft': return pick(child.requests) ? { actor: la, record: 'DraftPlanIssued', data: { planId: randomUUID(), requestId: pick(child.requests) } } : null;
    case 'final': return pick(child.plans) ? { actor: la, record: 'FinalPlanIssued', data: { planId: pick(child.plans), namedSetting: { name: 'Hillside Primary School' } } } : null;
    case 'promiseF': return pick(child.plans) ? { actor: la, record: 'ProvisionPromised', data: { ...provisionLine(pick(child.plans)!, { startDate: today }), provisionId: randomUUID() } } : null;
    case 'promiseSenSupport': {
      const { planId: _planId, ...line } = provisionLine('unused', { section: 'SEN_SUPPORT', startDate: today, deliveredBy: { organisation: 'Hillside Primary School', role: 'Teaching assistant' } });
      return { actor: senco, record: 'ProvisionPromised', data: { ...line, provisionId: randomUUID() } };
    }
    case 'vary': return anyProvision ? { actor: child.senSupport.includes(anyProvision) ? senco : la, record: 'ProvisionVaried', data: { provisionId: anyProvision, changes: { frequency: { sessions: 1 + (s.pick % 4), per: 'week' } }, reason: 'Review', authority: { name: 'Chair', role: 'Panel chair' } } } : null;
    case 'withdraw': return anyProvision ? { actor: child.senSupport.includes(anyProvision) ? senco : la, record: 'ProvisionWithdrawn', data: { provisionId: anyProvision, reason: 'No longer needed', authority: { name: 'Chair', role: 'Panel chair' } } } : null;
    case 'deliver': return anyProvision ? { actor: senco, record: 'ProvisionDelivered', data: { provisionId: anyProvision, sessions: 1 + (s.pick % 3), minutes: 30, deliveredBy: { name: 'TA', role: 'Teaching assistant' } } } : null;
    case 'shortfall': return anyProvision ? { actor: senco, record: 'ShortfallReported', data: { provisionId: anyProvision, periodFrom: '2024-01-01', periodTo: today, sessionsMissed: 1 + s.pick, reason: 'Staff absence' } } : null;
    case 'cease': return pick(child.plans) ? { actor: la, record: 'PlanCeased', data: { planId: pick(child.plans), reason: 'needs_met' } } : null;
    case 'correctDelivery': return pick(child.deliveries) ? { actor: senco, record: 'EntryCorrected', data: { supersedesEventId: pick(child.deliveries), reason: 'Wrong date', correctedOccurredAt: `${today}T08:00:00.000Z`, retracted: false } } : null;
    case 'retractDelivery': return pick(child.deliveries) ? { actor: senco, record: 'EntryCorrected', data: { supersedesEventId: pick(child.deliveries), reason: 'Recorded in error', retracted: true } } : null;
  }
}

let promisesInAll = 0;

async function play(steps: Step[], store: EventStore, clock: TestClock, incremental: ReadModelStore): Promise<number> {
  const children: ChildIds[] = [0, 1, 2].map(() => ({ childId: randomUUID(), requests: [], plans: [], provisions: [], senSupport: [], deliveries: [] }));
  let projected = 0;
  let recorded = 0;
  for (const s of steps) {
    clock.advanceDays(s.days);
    const child = children[s.child]!;
    const command = commandFor(s, child, clock.now().toISOString().slice(0, 10));
    if (command) {
      try {
        const result = await recordChildEntry({ store, clock: clock.now }, child.childId, command.actor, command.record, command.data as never, { correlationId: 'c', causationId: 'c' });
        const data = result.entries[0]!.data as Record<string, string>;
        recorded++;
        if (command.record === 'ProvisionPromised') promisesInAll++;
        if (command.record === 'AssessmentRequested') child.requests.push(data['requestId']!);
        if (command.record === 'DraftPlanIssued') child.plans.push(data['planId']!);
        if (command.record === 'ProvisionPromised') (data['section'] === 'SEN_SUPPORT' ? child.senSupport : child.provisions).push(data['provisionId']!);
        if (command.record === 'ProvisionDelivered') child.deliveries.push(result.entries[0]!.eventId);
      } catch (error) {
        if (!(error instanceof RuleViolation || error instanceof NotPermitted || error instanceof NotFound)) throw error;
      }
    }
    if (s.project) {
      const batch = await store.readAll(projected + 1, 1000);
      if (batch.length > 0) await incremental.commit(promiseRegister, batch);
      if (s.replay && batch.length > 0) await incremental.commit(promiseRegister, await store.readAll(1, batch.at(-1)!.globalPosition));
      projected = batch.at(-1)?.globalPosition ?? projected;
    }
  }
  const rest = await store.readAll(projected + 1, 100_000);
  if (rest.length > 0) await incremental.commit(promiseRegister, rest);
  return recorded;
}

async function snapshot(readModels: ReadModelStore) {
  const reader = readModels.reader(promiseRegister.name);
  return {
    provisions: await reader.list('provision'),
    cessations: await reader.list('plan-cessation'),
    checkpoint: await readModels.checkpoint(promiseRegister.name),
  };
}

/** Each correction of an entry about a line is in that line's history, and in no other. */
async function expectCorrectionsFiledWithTheirLines(store: EventStore, readModels: ReadModelStore) {
  const log = await store.readAll(1, 100_000);
  const lineOf = new Map(log.filter((e) => 'provisionId' in e.data && e.type !== 'EntryCorrected').map((e) => [e.eventId, e.data['provisionId'] as string]));
  const lines = await readModels.reader(promiseRegister.name).list<ProvisionHistory>('provision');
  for (const correction of log.filter((e) => e.type === 'EntryCorrected')) {
    const target = lineOf.get(correction.data['supersedesEventId'] as string);
    const filedIn = lines.filter((line) => line.events.some((e) => e.eventId === correction.eventId)).map((line) => line.provisionId);
    expect(filedIn).toEqual(target === undefined ? [] : [target]);
    if (target !== undefined) correctionsFiled++;
  }
}
let correctionsFiled = 0;

describe('the promise register: maintained incrementally equals rebuilt from scratch', () => {
  it('holds for random valid histories, batch boundaries and replayed batches', async () => {
    let recordedInAll = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }), async (steps) => {
        const clock = new TestClock(new Date('2024-01-08T09:00:00Z'));
        const store = createMemoryStore(clock.now);
        const incremental = memoryReadModels();
        const registrations = [0, 1, 2].map((child) => ({ kind: 'register' as const, child, pick: 0, days: 0, project: false, replay: false }));
        const recorded = await play([...registrations, ...steps], store, clock, incremental);
        recordedInAll += recorded;
        const rebuilt = memoryReadModels();
        await rebuildProjection(store, rebuilt, promiseRegister, () => {}, 7);
        expect(await snapshot(incremental)).toEqual(await snapshot(rebuilt));
        await expectCorrectionsFiledWithTheirLines(store, rebuilt);
      }),
      { numRuns: 60 },
    );
    // The generator must produce real histories, not a stream of refusals.
    expect(recordedInAll).toBeGreaterThan(60 * 10);
    expect(promisesInAll).toBeGreaterThan(60);
    expect(correctionsFiled).toBeGreaterThan(10);
  });
});
