import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../src/ledger/canonical-json.js';
import type { EventBody, LedgerEntry, ProposedEvent } from '../../src/ledger/envelope.js';
import { GENESIS_HASH, chainHash } from '../../src/ledger/event-hash.js';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { canTakeCensus } from '../../src/store/ledger-census.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type EventStore, type ExpectedRevision } from '../../src/store/port.js';

/** A clock the test moves by hand; pass it to the adapter as its `clock: () => Date`. */
export interface ManualClock {
  (): Date;
  set(date: Date | string): void;
  advance(milliseconds: number): void;
}

export function manualClock(start: Date | string = '2025-03-03T09:00:00.000Z'): ManualClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as ManualClock;
  clock.set = (date) => {
    now = new Date(date).getTime();
  };
  clock.advance = (milliseconds) => {
    now += milliseconds;
  };
  return clock;
}

export interface StoreFixture {
  store: EventStore;
  cleanup: () => Promise<void>;
}

/** Opens a fresh, empty store whose recorded time comes from `clock`. */
export type OpenStore = (clock: () => Date) => Promise<StoreFixture>;

/** A proposed event with sensible defaults; `overrides.metadata` is merged into the default metadata. */
export function proposed(
  overrides: Partial<Omit<ProposedEvent, 'metadata'>> & { metadata?: Partial<ProposedEvent['metadata']> } = {},
): ProposedEvent {
  const { metadata, ...rest } = overrides;
  return {
    eventId: randomUUID(),
    type: 'NeedsIdentified',
    schemaVersion: 1,
    data: { needId: randomUUID(), area: 'communication_and_interaction', description: 'Needs support with speech' },
    ...rest,
    metadata: {
      actor: { id: 'user-1', displayName: 'Sam SENCo', role: 'senco', organisation: 'Oak Primary' },
      occurredAt: '2025-01-15T10:30:00.000Z',
      correlationId: randomUUID(),
      causationId: randomUUID(),
      ...metadata,
    },
  };
}

/** `count` proposed events sharing one idempotency key (when given), as one command would produce. */
export function proposedBatch(count: number, idempotencyKey?: string): ProposedEvent[] {
  return Array.from({ length: count }, (_, i) =>
    proposed({ data: { step: i }, metadata: idempotencyKey === undefined ? {} : { idempotencyKey } }),
  );
}

/** The body the store must hash, built from the caller's input, not read back from the store. */
export function expectedBody(streamId: string, streamRevision: number, event: ProposedEvent, recordedAt: string): EventBody {
  return {
    eventId: event.eventId,
    streamId,
    streamRevision: streamRevision as EventBody['streamRevision'],
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: { ...event.metadata, recordedAt },
  };
}

/** Checks every entry of one stream, oldest first, links to its predecessor and hashes its own bytes. */
export function expectValidChain(entries: LedgerEntry[]): void {
  let previous = GENESIS_HASH;
  entries.forEach((entry, i) => {
    expect(entry.streamRevision, `revision of entry ${i}`).toBe(i);
    expect(entry.previousHash, `previous hash of revision ${i}`).toBe(previous);
    expect(entry.hash, `hash of revision ${i}`).toBe(chainHash(entry.previousHash, entry.canonical));
    previous = entry.hash;
  });
}

export async function conflictOf(promise: Promise<unknown>): Promise<ConcurrencyConflict> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConcurrencyConflict);
    return error as ConcurrencyConflict;
  }
  throw new Error('expected a ConcurrencyConflict, but the append succeeded');
}

const streamName = () => `child-${randomUUID()}`;

/** The shared contract every EventStore adapter must satisfy. */
export function describeEventStoreContract(name: string, open: OpenStore): void {
  describe(`EventStore contract: ${name}`, () => {
    let clock: ManualClock;
    let fixture: StoreFixture;
    let store: EventStore;

    beforeEach(async () => {
      clock = manualClock();
      fixture = await open(clock);
      store = fixture.store;
    });

    afterEach(async () => {
      await fixture.cleanup();
    });

    describe('append and expected revision', () => {
      it('appends to a new stream with NO_STREAM at revision 0 and global position 1', async () => {
        const stream = streamName();
        const event = proposed();

        const result = await store.append(stream, [event], NO_STREAM);

        expect(result.deduplicated).toBe(false);
        expect(result.nextExpectedRevision).toBe(0);
        expect(result.entries).toHaveLength(1);
        expect(result.entries[0]).toMatchObject({ eventId: event.eventId, streamId: stream, streamRevision: 0, globalPosition: 1 });
        expect(await store.headPosition()).toBe(1);
      });

      it('appends with the right numeric revision', async () => {
        const stream = streamName();
        const first = await store.append(stream, [proposed()], NO_STREAM);
        const second = await store.append(stream, [proposed()], first.nextExpectedRevision);
        const third = await store.append(stream, [proposed()], second.nextExpectedRevision);

        expect([first, second, third].map((r) => r.nextExpectedRevision)).toEqual([0, 1, 2]);
        expect(third.entries[0]).toMatchObject({ streamRevision: 2, globalPosition: 3 });
        expect((await store.readStream(stream)).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
      });

      it('refuses a stale or future numeric revision with a ConcurrencyConflict carrying the current revision, and appends nothing', async () => {
        const stream = streamName();
        await store.append(stream, proposedBatch(3), NO_STREAM);

        for (const expected of [0, 1, 3, 7]) {
          const conflict = await conflictOf(store.append(stream, [proposed()], expected));
          expect(conflict.streamId).toBe(stream);
          expect(conflict.expected).toBe(expected);
          expect(conflict.currentRevision).toBe(2);
        }
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(await store.headPosition()).toBe(3);
        expect((await store.streamHead(stream))?.revision).toBe(2);
      });

      it('refuses a numeric revision on a missing stream with currentRevision null, and creates nothing', async () => {
        const stream = streamName();

        const conflict = await conflictOf(store.append(stream, [proposed()], 0));

        expect(conflict.currentRevision).toBeNull();
        expect(conflict.streamId).toBe(stream);
        expect(await store.streamHead(stream)).toBeNull();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.headPosition()).toBe(0);
      });

      it('refuses NO_STREAM when the stream exists', async () => {
        const stream = streamName();
        await store.append(stream, [proposed()], NO_STREAM);

        const conflict = await conflictOf(store.append(stream, [proposed()], NO_STREAM));

        expect(conflict.currentRevision).toBe(0);
        expect(conflict.expected).toBe(NO_STREAM);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('refuses STREAM_EXISTS on a missing stream and accepts it on an existing one', async () => {
        const stream = streamName();

        const conflict = await conflictOf(store.append(stream, [proposed()], STREAM_EXISTS));
        expect(conflict.currentRevision).toBeNull();
        expect(conflict.expected).toBe(STREAM_EXISTS);
        expect(await store.headPosition()).toBe(0);

        await store.append(stream, [proposed()], NO_STREAM);
        const result = await store.append(stream, [proposed()], STREAM_EXISTS);
        expect(result.nextExpectedRevision).toBe(1);
      });

      it('always appends with ANY, to a missing stream and to an existing one', async () => {
        const stream = streamName();

        const created = await store.append(stream, [proposed()], ANY);
        const appended = await store.append(stream, proposedBatch(2), ANY);

        expect(created.nextExpectedRevision).toBe(0);
        expect(appended.nextExpectedRevision).toBe(2);
        expect(appended.entries.map((e) => e.streamRevision)).toEqual([1, 2]);
      });

      it('gives a multi-event append consecutive revisions and increasing global positions, in the order proposed', async () => {
        const a = streamName();
        const b = streamName();
        await store.append(a, [proposed()], NO_STREAM);
        await store.append(b, [proposed()], NO_STREAM);
        const events = proposedBatch(4);

        const result = await store.append(a, events, 0);

        expect(result.nextExpectedRevision).toBe(4);
        expect(result.entries.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        expect(result.entries.map((e) => e.streamRevision)).toEqual([1, 2, 3, 4]);
        expect(result.entries.map((e) => e.globalPosition)).toEqual([3, 4, 5, 6]);
        expect(result.entries.map((e) => e.data)).toEqual(events.map((e) => e.data));
      });

      it('refuses an empty append and records nothing', async () => {
        const stream = streamName();

        await expect(store.append(stream, [], NO_STREAM)).rejects.toThrow();
        await expect(store.append(stream, [], ANY)).rejects.toThrow();

        expect(await store.streamHead(stream)).toBeNull();
        expect(await store.headPosition()).toBe(0);
      });
    });

    describe('hashing and the stored envelope', () => {
      it('chains each entry to the previous entry of its own stream, starting from GENESIS_HASH', async () => {
        const a = streamName();
        const b = streamName();
        await store.append(a, proposedBatch(2), NO_STREAM);
        await store.append(b, proposedBatch(1), NO_STREAM);
        await store.append(a, proposedBatch(3), 1);
        await store.append(b, proposedBatch(2), 0);

        const streamA = await store.readStream(a);
        const streamB = await store.readStream(b);

        expect(streamA).toHaveLength(5);
        expect(streamB).toHaveLength(3);
        expectValidChain(streamA);
        expectValidChain(streamB);
        // b started after a had entries, but its chain still starts from genesis.
        expect(streamB[0]!.previousHash).toBe(GENESIS_HASH);
        expect(streamB[0]!.globalPosition).toBe(3);
      });

      it('hashes canonicalJson of exactly the body built from the proposed event and the store clock', async () => {
        const stream = streamName();
        const first = proposed({ data: { zeta: 'Zoë', alpha: [3, 1], nested: { b: true, a: null }, euro: '€' } });
        const second = proposed({ type: 'ProvisionAgreed', schemaVersion: 2, metadata: { idempotencyKey: 'cmd-1' } });
        const second2 = proposed({ metadata: { idempotencyKey: 'cmd-1' } });

        await store.append(stream, [first], NO_STREAM);
        clock.advance(1234);
        await store.append(stream, [second, second2], 0);
        const entries = await store.readStream(stream);

        const bodies = [
          expectedBody(stream, 0, first, '2025-03-03T09:00:00.000Z'),
          expectedBody(stream, 1, second, '2025-03-03T09:00:01.234Z'),
          expectedBody(stream, 2, second2, '2025-03-03T09:00:01.234Z'),
        ];
        entries.forEach((entry, i) => {
          const body = bodies[i]!;
          expect(entry.canonical).toBe(canonicalJson(body));
          expect(entry.hash).toBe(chainHash(entry.previousHash, canonicalJson(body)));
          expect(entry).toMatchObject(body);
          expect(JSON.parse(entry.canonical)).toEqual(body);
        });
        // The global position is assigned by the store and is not part of the hashed bytes.
        expect(JSON.parse(entries[0]!.canonical)).not.toHaveProperty('globalPosition');
        expect(entries[0]!.canonical).toContain('"zeta":"Zoë"');
      });

      it('sets recordedAt from the store clock, once per append, whatever the caller sends', async () => {
        const stream = streamName();
        clock.set('2025-04-01T08:00:00.000Z');
        await store.append(stream, [proposed()], NO_STREAM);
        clock.set('2025-04-02T17:45:30.500Z');
        // ProposedEvent has no recordedAt: a caller that smuggles one in must be ignored.
        const smuggled = proposed({ metadata: { occurredAt: '2025-03-30T12:00:00.000Z' } });
        (smuggled.metadata as Record<string, unknown>).recordedAt = '1999-01-01T00:00:00.000Z';
        await store.append(stream, [smuggled, proposed()], 0);

        const entries = await store.readStream(stream);

        expect(entries.map((e) => e.metadata.recordedAt)).toEqual([
          '2025-04-01T08:00:00.000Z',
          '2025-04-02T17:45:30.500Z',
          '2025-04-02T17:45:30.500Z',
        ]);
        expect(entries[1]!.metadata.occurredAt).toBe('2025-03-30T12:00:00.000Z');
        expect(entries[1]!.canonical).not.toContain('1999-01-01');
        expectValidChain(entries);
      });

      it('returns from append the same entries a later read returns', async () => {
        const a = streamName();
        const appended = [
          ...(await store.append(a, proposedBatch(2), NO_STREAM)).entries,
          ...(await store.append(a, proposedBatch(1), 1)).entries,
        ];

        expect(await store.readStream(a)).toEqual(appended);
        expect(await store.readAll(1, 10)).toEqual(appended);
      });
    });

    describe('reading', () => {
      it('reads a stream oldest first, within an inclusive revision range, and only that stream', async () => {
        const a = streamName();
        const b = streamName();
        await store.append(a, proposedBatch(2), NO_STREAM);
        await store.append(b, proposedBatch(2), NO_STREAM);
        await store.append(a, proposedBatch(3), 1);

        const revisions = async (range?: { fromRevision?: number; toRevision?: number }) =>
          (await store.readStream(a, range)).map((e) => e.streamRevision);

        expect(await revisions()).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({})).toEqual([0, 1, 2, 3, 4]);
        expect(await revisions({ fromRevision: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ toRevision: 1 })).toEqual([0, 1]);
        expect(await revisions({ fromRevision: 1, toRevision: 3 })).toEqual([1, 2, 3]);
        expect(await revisions({ fromRevision: 3, toRevision: 3 })).toEqual([3]);
        expect(await revisions({ fromRevision: 5 })).toEqual([]);
        expect((await store.readStream(a)).every((e) => e.streamId === a)).toBe(true);
      });

      it('returns [] for a stream that does not exist', async () => {
        await store.append(streamName(), [proposed()], NO_STREAM);

        expect(await store.readStream(streamName())).toEqual([]);
        expect(await store.readStream(streamName(), { fromRevision: 0, toRevision: 10 })).toEqual([]);
      });

      it('reads all entries in global order across streams, from an inclusive position, at most limit', async () => {
        const a = streamName();
        const b = streamName();
        const c = streamName();
        const order: string[] = [];
        const record = async (stream: string, events: ProposedEvent[], expected: ExpectedRevision) => {
          const result = await store.append(stream, events, expected);
          order.push(...result.entries.map((e) => e.eventId));
        };
        await record(a, proposedBatch(1), NO_STREAM);
        await record(b, proposedBatch(2), NO_STREAM);
        await record(a, proposedBatch(1), 0);
        await record(c, proposedBatch(1), NO_STREAM);
        await record(b, proposedBatch(2), 1);

        const all = await store.readAll(1, 100);
        expect(all.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        expect(all.map((e) => e.eventId)).toEqual(order);
        expect(all.map((e) => e.streamId)).toEqual([a, b, b, a, c, b, b]);

        expect((await store.readAll(3, 2)).map((e) => e.globalPosition)).toEqual([3, 4]);
        expect((await store.readAll(6, 10)).map((e) => e.globalPosition)).toEqual([6, 7]);
        expect((await store.readAll(7, 1)).map((e) => e.globalPosition)).toEqual([7]);
        expect(await store.readAll(8, 10)).toEqual([]);
        expect(await store.readAll(1, 0)).toEqual([]);
      });

      it('reports the head position, 0 when empty', async () => {
        expect(await store.headPosition()).toBe(0);
        await store.append(streamName(), proposedBatch(3), NO_STREAM);
        expect(await store.headPosition()).toBe(3);
        await store.append(streamName(), proposedBatch(2), NO_STREAM);
        expect(await store.headPosition()).toBe(5);
      });

      it('reports the stream head as the revision and hash of its newest entry, null when missing', async () => {
        const a = streamName();
        expect(await store.streamHead(a)).toBeNull();

        await store.append(a, proposedBatch(2), NO_STREAM);
        await store.append(streamName(), proposedBatch(1), NO_STREAM);
        const last = (await store.append(a, proposedBatch(2), 1)).entries.at(-1)!;

        expect(await store.streamHead(a)).toEqual({ revision: 3, hash: last.hash });
      });
    });

    describe('idempotency', () => {
      it('returns the original entries for a repeated key on the same stream and appends nothing, even with a stale revision', async () => {
        const stream = streamName();
        const original = await store.append(stream, proposedBatch(2, 'command-42'), NO_STREAM);
        clock.advance(60_000);

        // A retry carries new event ids (it was rebuilt) and the revision it expected the first time.
        const retry = await store.append(stream, proposedBatch(2, 'command-42'), NO_STREAM);

        expect(retry.deduplicated).toBe(true);
        expect(retry.entries).toEqual(original.entries);
        expect(retry.nextExpectedRevision).toBe(1);
        expect(await store.headPosition()).toBe(2);
        expect(await store.readStream(stream)).toEqual(original.entries);
      });

      it('still deduplicates after later appends, reporting the current revision', async () => {
        const stream = streamName();
        const original = await store.append(stream, [proposed({ metadata: { idempotencyKey: 'k-1' } })], NO_STREAM);
        await store.append(stream, proposedBatch(2, 'k-2'), 0);
        await store.append(streamName(), proposedBatch(1, 'k-1-other'), NO_STREAM);

        const retry = await store.append(stream, [proposed({ metadata: { idempotencyKey: 'k-1' } })], 0);

        expect(retry.deduplicated).toBe(true);
        expect(retry.entries).toEqual(original.entries);
        expect(retry.nextExpectedRevision).toBe(2);
        expect(await store.headPosition()).toBe(4);
      });

      it('appends when the same key is used on a different stream', async () => {
        const a = streamName();
        const b = streamName();
        await store.append(a, proposedBatch(1, 'shared-key'), NO_STREAM);

        const other = await store.append(b, proposedBatch(1, 'shared-key'), NO_STREAM);

        expect(other.deduplicated).toBe(false);
        expect(other.entries[0]).toMatchObject({ streamId: b, streamRevision: 0, globalPosition: 2 });
        expect(await store.headPosition()).toBe(2);
      });

      it('does not consume a key when the append conflicts', async () => {
        const stream = streamName();
        await store.append(stream, [proposed()], NO_STREAM);

        await conflictOf(store.append(stream, proposedBatch(1, 'retry-me'), NO_STREAM));
        const retried = await store.append(stream, proposedBatch(1, 'retry-me'), 0);

        expect(retried.deduplicated).toBe(false);
        expect(retried.nextExpectedRevision).toBe(1);
        expect(await store.headPosition()).toBe(2);
      });

      it('never deduplicates events without a key, even identical ones', async () => {
        const stream = streamName();
        const event = proposed();
        await store.append(stream, [event], ANY);

        const again = await store.append(stream, [{ ...event, eventId: randomUUID() }], ANY);

        expect(again.deduplicated).toBe(false);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of ten concurrent appends at the same revision win; the others conflict and lose nothing', async () => {
        const stream = streamName();
        await store.append(stream, [proposed()], NO_STREAM);
        const contenders = Array.from({ length: 10 }, () => proposed());

        const outcomes = await Promise.allSettled(contenders.map((event) => store.append(stream, [event], 0)));

        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(winners).toHaveLength(1);
        expect(losers).toHaveLength(9);
        for (const loser of losers) {
          expect(loser).toBeInstanceOf(ConcurrencyConflict);
          expect((loser as ConcurrencyConflict).currentRevision).toBe(1);
        }
        const winnerIndex = outcomes.findIndex((o) => o.status === 'fulfilled');
        const afterRace = await store.readStream(stream);
        expect(afterRace.map((e) => e.eventId)).toEqual([afterRace[0]!.eventId, contenders[winnerIndex]!.eventId]);
        expect(await store.headPosition()).toBe(2);

        // Each loser re-reads and retries: every event ends up recorded exactly once, chain intact.
        for (const [i, event] of contenders.entries()) {
          if (i === winnerIndex) continue;
          const head = await store.streamHead(stream);
          await store.append(stream, [event], head!.revision);
        }
        const final = await store.readStream(stream);
        expect(final).toHaveLength(11);
        expect(new Set(final.slice(1).map((e) => e.eventId))).toEqual(new Set(contenders.map((e) => e.eventId)));
        expectValidChain(final);
      });

      it('lets exactly one of ten concurrent NO_STREAM appends create the stream', async () => {
        const stream = streamName();

        const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(stream, [proposed()], NO_STREAM)));

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const losers = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
        expect(losers.every((l) => l instanceof ConcurrencyConflict && l.currentRevision === 0)).toBe(true);
        expect(await store.readStream(stream)).toHaveLength(1);
        expect(await store.headPosition()).toBe(1);
      });

      it('serialises concurrent ANY appends without losing any or breaking the chain', async () => {
        const stream = streamName();
        const events = Array.from({ length: 10 }, () => proposed());

        await Promise.all(events.map((event) => store.append(stream, [event], ANY)));

        const entries = await store.readStream(stream);
        expect(entries).toHaveLength(10);
        expect(new Set(entries.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.eventId)));
        expectValidChain(entries);
        expect(await store.headPosition()).toBe(10);
      });
    });

    // EventStoreDB keeps no tables beside its streams, so there is nothing of its own to count.
    describe.runIf(!/eventstoredb/i.test(name))('census: every table, for verification to account for every row', () => {
      it('counts the entries, the log head, every stream head and every idempotency record at one moment', async () => {
        const [a, b] = [streamName(), streamName()];
        await store.append(a, proposedBatch(2, 'command-1'), NO_STREAM);
        const other = await store.append(b, [proposed()], NO_STREAM);
        const last = await store.append(a, proposedBatch(1, 'command-2'), 1);
        expect(canTakeCensus(store)).toBe(true);
        if (!canTakeCensus(store)) return;

        const census = await store.census();

        expect(census).toEqual({
          storedEntries: 4,
          head: 4,
          strayEntry: null,
          streamHeads: expect.arrayContaining([
            { streamId: a, revision: 2, hash: last.entries[0]!.hash },
            { streamId: b, revision: 0, hash: other.entries[0]!.hash },
          ]),
          idempotencyRecords: 2,
        });
        expect(census.streamHeads).toHaveLength(2);
        expect(
          await store.idempotencyRecordsOf([
            { streamId: a, idempotencyKey: 'command-1' },
            { streamId: b, idempotencyKey: 'command-1' },
            { streamId: a, idempotencyKey: 'command-2' },
          ]),
        ).toEqual(
          expect.arrayContaining([
            { streamId: a, idempotencyKey: 'command-1', firstPosition: 1, lastPosition: 2 },
            { streamId: a, idempotencyKey: 'command-2', firstPosition: 4, lastPosition: 4 },
          ]),
        );
        expect(await store.idempotencyRecordsOf([{ streamId: b, idempotencyKey: 'command-1' }])).toEqual([]);
      });
    });

    describe('catch-up subscription', () => {
      const positionsOf = (batches: LedgerEntry[][]) => batches.flat().map((e) => e.globalPosition);

      it('delivers existing entries, then new ones, in order, exactly once; stop() stops it', async () => {
        const a = streamName();
        const b = streamName();
        await store.append(a, proposedBatch(2), NO_STREAM);
        await store.append(b, proposedBatch(1), NO_STREAM);
        const batches: LedgerEntry[][] = [];

        const subscription = store.subscribe({ fromPosition: 1, onEntries: (entries) => void batches.push(entries) });

        await vi.waitFor(() => expect(positionsOf(batches)).toEqual([1, 2, 3]));
        await store.append(a, proposedBatch(1), 1);
        await store.append(b, proposedBatch(2), 0);
        await vi.waitFor(() => expect(positionsOf(batches)).toEqual([1, 2, 3, 4, 5, 6]));
        // Wait past the poll interval: nothing is delivered twice.
        await delay(400);
        expect(positionsOf(batches)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(batches.flat()).toEqual(await store.readAll(1, 100));
        expect(subscription.lastHandled).toBe(6);

        await subscription.stop();
        await store.append(a, proposedBatch(1), 2);
        await delay(400);
        expect(positionsOf(batches)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(subscription.lastHandled).toBe(6);
      });

      it('starts from the given position', async () => {
        await store.append(streamName(), proposedBatch(5), NO_STREAM);
        const batches: LedgerEntry[][] = [];

        const subscription = store.subscribe({ fromPosition: 3, onEntries: (entries) => void batches.push(entries) });
        try {
          await vi.waitFor(() => expect(positionsOf(batches)).toEqual([3, 4, 5]));
          expect(subscription.lastHandled).toBe(5);
          await store.append(streamName(), proposedBatch(1), NO_STREAM);
          await vi.waitFor(() => expect(positionsOf(batches)).toEqual([3, 4, 5, 6]));
        } finally {
          await subscription.stop();
        }
      });

      it('reports lastHandled as fromPosition - 1 before anything is handled', async () => {
        const subscription = store.subscribe({ fromPosition: 4, onEntries: () => {} });
        try {
          expect(subscription.lastHandled).toBe(3);
        } finally {
          await subscription.stop();
        }
      });

      it('waits for entries beyond the head and delivers them when appended', async () => {
        const stream = streamName();
        await store.append(stream, proposedBatch(2), NO_STREAM);
        const batches: LedgerEntry[][] = [];

        const subscription = store.subscribe({ fromPosition: 3, onEntries: (entries) => void batches.push(entries) });
        try {
          await delay(100);
          expect(batches).toEqual([]);
          const appended = await store.append(stream, proposedBatch(2), 1);
          await vi.waitFor(() => expect(batches.flat()).toEqual(appended.entries));
        } finally {
          await subscription.stop();
        }
      });

      it('delivers in batches of at most batchSize and awaits the handler before the next batch', async () => {
        await store.append(streamName(), proposedBatch(7), NO_STREAM);
        const batches: LedgerEntry[][] = [];
        let inFlight = 0;
        let maxInFlight = 0;

        const subscription = store.subscribe({
          fromPosition: 1,
          batchSize: 3,
          onEntries: async (entries) => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await delay(20);
            batches.push(entries);
            inFlight--;
          },
        });
        try {
          await vi.waitFor(() => expect(positionsOf(batches)).toEqual([1, 2, 3, 4, 5, 6, 7]));
          expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
          expect(maxInFlight).toBe(1);
        } finally {
          await subscription.stop();
        }
      });

      it('stops and reports to onError when the handler throws, without redelivering', async () => {
        await store.append(streamName(), proposedBatch(2), NO_STREAM);
        const failure = new Error('projection failed');
        const errors: unknown[] = [];
        let calls = 0;

        const subscription = store.subscribe({
          fromPosition: 1,
          onEntries: () => {
            calls++;
            throw failure;
          },
          onError: (error) => errors.push(error),
        });

        await vi.waitFor(() => expect(errors).toEqual([failure]));
        await store.append(streamName(), proposedBatch(1), NO_STREAM);
        await delay(400);
        expect(calls).toBe(1);
        expect(subscription.lastHandled).toBe(0);
        await subscription.stop();
      });
    });
  });
}
