import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_STREAM } from '../../src/store/port.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import {
  DESCRIPTION_LENGTH, WORKLOAD_EVENT_TYPES, WORKLOAD_V1, generateWorkload, streamEvents, toProposedEvent, type WorkloadEvent,
} from '../../src/bench/workload.js';

const fingerprint = (events: Iterable<WorkloadEvent>) => {
  const hash = createHash('sha256');
  for (const event of events) hash.update(JSON.stringify(event));
  return hash.digest('hex');
};

describe('the standard workload (WORKLOAD.md v1)', () => {
  const workload = generateWorkload(WORKLOAD_V1);
  const all = workload.streams.flat();

  it('has the standard shape: 2,000 streams child-<i> of 25 events, 50,000 in all', () => {
    expect(WORKLOAD_V1).toEqual({ streams: 2000, eventsPerStream: 25, seed: 42 });
    expect(workload.streams).toHaveLength(2000);
    expect(workload.totalEvents).toBe(50_000);
    expect(all).toHaveLength(50_000);
    workload.streams.forEach((stream, i) => {
      expect(stream).toHaveLength(25);
      expect(stream.every((event, j) => event.streamId === `child-${i}` && event.revision === j && event.streamIndex === i)).toBe(true);
    });
    expect(new Set(all.map((e) => e.eventId)).size).toBe(50_000);
  });

  it('cycles the five event types in order', () => {
    expect(WORKLOAD_EVENT_TYPES).toEqual(['AssessmentRequested', 'ProvisionPromised', 'ReviewHeld', 'PlanAmended', 'SignOffRecorded']);
    for (const event of all) expect(event.type).toBe(WORKLOAD_EVENT_TYPES[event.revision % 5]);
  });

  it('carries about 600 bytes of JSON data in the described fields, and the metadata', () => {
    const sizes = all.map((e) => Buffer.byteLength(JSON.stringify(e.data)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(550);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(700);
    for (const event of workload.streams[7]!) {
      const data = event.data as Record<string, unknown> & { provision: Record<string, unknown>; actor: Record<string, unknown> };
      expect(Object.keys(data).sort()).toEqual(['actor', 'childId', 'occurredAt', 'planId', 'provision', 'seq']);
      expect(data['seq']).toBe(event.revision);
      expect(data['childId']).toBe(workload.streams[7]![0]!.data['childId']);
      expect(String(data.provision['description'])).toHaveLength(DESCRIPTION_LENGTH);
      expect(data.provision).toMatchObject({ frequency: 'weekly', minutesPerSession: 30, deliveredBy: 'Speech and language therapy service' });
      expect(data.actor).toMatchObject({ role: 'SENCo', organisation: 'URN 100000' });
      expect(Number.isNaN(Date.parse(String(data['occurredAt'])))).toBe(false);
      expect(Object.keys(event.metadata).sort()).toEqual(['actorId', 'causationId', 'correlationId']);
      expect(event.metadata.actorId).toBe(data.actor['id']);
    }
    // Each event is caused by the one before it in its stream.
    const stream = workload.streams[3]!;
    stream.slice(1).forEach((event, j) => expect(event.metadata.causationId).toBe(stream[j]!.eventId));
  });

  it('is the same from seed 42 on every run and machine, and different from another seed', () => {
    expect(fingerprint(all)).toBe('cbe2f6d045e198bed9e2e3a42811d9ed4a44aa2fa51a92740e91c17e29c62106');
    expect(fingerprint(generateWorkload(WORKLOAD_V1).streams.flat())).toBe(fingerprint(all));
    expect(workload.readOrder(5)).toEqual([486, 1915, 201, 235, 452]);
    expect(fingerprint(generateWorkload({ ...WORKLOAD_V1, seed: 43 }).streams[0]!)).not.toBe(fingerprint(workload.streams[0]!));
    // A stream depends on the seed and its index only, not on how many streams are generated.
    expect(fingerprint(streamEvents({ ...WORKLOAD_V1, streams: 10 }, 5))).toBe(fingerprint(workload.streams[5]!));
  });

  it('orders interactive appends event by event across streams, and reads random whole streams', () => {
    const order = workload.interactiveOrder();
    expect(order).toHaveLength(50_000);
    expect(new Set(order.map((e) => e.eventId)).size).toBe(50_000);
    expect(order.slice(0, 3).map((e) => [e.streamId, e.revision])).toEqual([['child-0', 0], ['child-1', 0], ['child-2', 0]]);
    const reads = workload.readOrder();
    expect(reads).toHaveLength(2000);
    expect(reads.every((i) => Number.isInteger(i) && i >= 0 && i < 2000)).toBe(true);
    expect(workload.readOrder()).toEqual(reads);
  });

  it('goes through the ledger port with expected revisions as the benchmark appends it', async () => {
    const small = generateWorkload({ streams: 20, eventsPerStream: 25, seed: 42 });
    const store = createMemoryStore();
    for (const event of small.interactiveOrder()) {
      await store.append(event.streamId, [toProposedEvent(event)], event.revision === 0 ? NO_STREAM : event.revision - 1);
    }
    const read = await store.readStream('child-4');
    expect(read.map((e) => e.streamRevision)).toEqual(small.streams[4]!.map((e) => e.revision));
    // Event ids are minted at append, as the server mints them: UUIDv7, so they sort in append order.
    const ids = read.map((e) => e.eventId);
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(read[2]!.data).toEqual(small.streams[4]![2]!.data);
    expect(read[2]!.metadata).toMatchObject({ correlationId: small.streams[4]![2]!.metadata.correlationId, actor: { id: small.streams[4]![2]!.metadata.actorId } });
    await expect(store.append('child-4', [toProposedEvent(small.streams[4]![0]!)], 3)).rejects.toThrow(/revision/);
  });
});
