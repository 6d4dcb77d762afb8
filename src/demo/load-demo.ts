import { recordChildEntry, type LedgerDependencies } from '../application/record-child-entry.js';
import { CHILD_EVENT_SCHEMAS, type ChildEventData } from '../domain/child-record/events.js';
import type { EventStore } from '../store/port.js';
import type { DemoStep } from './child-script.js';
import { LA_CODE } from './cast.js';
import { issueHandover, type HandoverRequest } from '../application/issue-handover.js';
import { recordLocalOfferEntry } from '../application/record-local-offer-entry.js';
import { childStreamId } from '../domain/child-record/events.js';
import { demoChildren } from './demo-children.js';
import { localOffer202 } from './local-offer-202.js';
import type { SimulatedClock } from './simulated-clock.js';

export interface DemoLoad {
  children: Array<{ childId: string; description: string }>;
  /** Entries appended by this load (0 when every step had already been recorded). */
  entries: number;
}

/**
 * Record the demo children's journeys into `store`, which must have been opened with `clock.now`.
 *
 * Recorded time is simulated: before each entry the clock is set to the moment the script says it
 * was recorded (a few hours after it happened, or weeks later for the deliberately late ones), so
 * the sample reads like years of real use. Entries from all children are written in order of that
 * recorded time, so the log's recorded times only move forward, as they would in real use.
 *
 * Everything else is the ordinary write path: each entry is parsed by its schema, judged by the
 * decider and appended with an idempotency key `demo-<child>-<step>`, so loading twice appends nothing.
 */
export async function loadDemo(store: EventStore, clock: SimulatedClock): Promise<DemoLoad> {
  const children = demoChildren();
  const steps = [...children, localOffer202()].flatMap((script) => script.steps).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
  const deps: LedgerDependencies = { store, clock: clock.now };
  const eventIds = new Map<string, string>();
  let appended = 0;

  for (const step of steps) {
    const ref = (target: string) => {
      const eventId = eventIds.get(`${step.childKey}/${target}`);
      if (eventId === undefined) throw new Error(`demo script ${step.childKey}/${step.step}: refers to step "${target}", which is not recorded before it`);
      return eventId;
    };
    clock.set(step.recordedAt);
    const result = await record(deps, step, ref);
    eventIds.set(`${step.childKey}/${step.step}`, result.entries[0]!.eventId);
    if (!result.deduplicated) appended += result.entries.length;
  }
  return { children: children.map(({ childId, description }) => ({ childId, description })), entries: appended };
}

async function record(deps: LedgerDependencies, step: DemoStep, ref: (step: string) => string) {
  const idempotencyKey = `demo-${step.childKey}-${step.step}`;
  const options = { occurredAt: step.occurredAt, idempotencyKey, correlationId: `demo-${step.childKey}`, causationId: idempotencyKey };
  try {
    const input = (typeof step.data === 'function' ? step.data(ref) : step.data) as Record<string, unknown>;
    if (step.stream === 'local-offer') {
      return await recordLocalOfferEntry(deps, LA_CODE, step.actor, step.record as never, input as never, options);
    }
    // A handover is cut through the real path, so the recorded pack hash is the pack's.
    if (step.record === 'HandoverIssued') return await issueHandover(deps, step.childId, step.actor, input as unknown as HandoverRequest, options);
    if (step.record === 'HandoverAccepted' && input['acceptedProvisionIds'] === undefined) {
      input['acceptedProvisionIds'] = await handedOverExcept(deps, step.childId, input);
    }
    const data = CHILD_EVENT_SCHEMAS[step.record].parse(input) as ChildEventData<typeof step.record>;
    return await recordChildEntry(deps, step.childId, step.actor, step.record, data, options);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`demo step ${idempotencyKey} (${step.record}, ${step.occurredAt.slice(0, 10)}) was refused: ${reason}`, { cause: error });
  }
}

/** The promises a handover passed on, less the ones the receiving setting disputes. */
async function handedOverExcept(deps: LedgerDependencies, childId: string, input: Record<string, unknown>): Promise<string[]> {
  const issued = (await deps.store.readStream(childStreamId(childId))).find((e) => e.type === 'HandoverIssued' && e.data['handoverId'] === input['handoverId']);
  const disputed = new Set(((input['disputedProvisions'] as Array<{ provisionId: string }> | undefined) ?? []).map((d) => d.provisionId));
  return ((issued?.data['openProvisionIds'] as string[] | undefined) ?? []).filter((id) => !disputed.has(id));
}
