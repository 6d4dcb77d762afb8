import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { ANY, NO_STREAM, type AppendResult, type Subscription } from '../../src/store/port.js';
import { openPostgresStore, type PostgresEventStore, type PostgresStoreOptions } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { expectValidChain, proposed, proposedBatch } from './store-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('concurrency');
});
afterAll(async () => {
  await database.drop();
});

let schema: TestSchema;
const stores: PostgresEventStore[] = [];
const subscriptions: Subscription[] = [];

/** Each store has its own pool: as many connections as separate processes would have. */
async function connect(options?: PostgresStoreOptions): Promise<PostgresEventStore> {
  const store = await openPostgresStore(schema.url, undefined, options);
  stores.push(store);
  return store;
}

afterEach(async () => {
  for (const subscription of subscriptions.splice(0)) await subscription.stop();
  for (const store of stores.splice(0)) await store.close();
  await schema.drop();
});

/** A catch-up reader that records everything it is handed, with the batches it came in. */
function catchUpReader(store: PostgresEventStore, batchSize: number) {
  const received: LedgerEntry[] = [];
  const errors: unknown[] = [];
  subscriptions.push(
    store.subscribe({ fromPosition: 1, batchSize, onEntries: (entries) => void received.push(...entries), onError: (e) => errors.push(e) }),
  );
  return { received, errors };
}

/** A second kind of reader: polls readAll from the position after the last one it saw, as verification tools do. */
function pollingReader(store: PostgresEventStore, limit: number) {
  const received: LedgerEntry[] = [];
  let stopped = false;
  const done = (async () => {
    let next = 1;
    while (!stopped) {
      const batch = await store.readAll(next, limit);
      received.push(...batch);
      if (batch.length > 0) next = batch.at(-1)!.globalPosition + 1;
      else await delay(2);
    }
  })();
  return {
    received,
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

const positions = (entries: readonly LedgerEntry[]) => entries.map((e) => e.globalPosition);
const oneToN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('PostgreSQL store under concurrent writers (separate connections)', () => {
  it('a transaction held open after claiming its positions makes later writers wait; no reader passes it', async () => {
    schema = await createTestSchema(database.url, 'held');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding = false;
    const holder = await connect({
      beforeCommit: async () => {
        holding = true;
        await gate;
      },
    });
    const writers = await Promise.all([connect(), connect(), connect()]);
    const reader = await connect();
    const inspector = await connect();
    await writers[0]!.append('child-seed', proposedBatch(3), NO_STREAM);
    const subscribed = catchUpReader(reader, 2);
    await expect.poll(() => positions(subscribed.received)).toEqual([1, 2, 3]);

    const held = holder.append('child-held', proposedBatch(2), NO_STREAM);
    await expect.poll(() => holding).toBe(true);
    const settled: AppendResult[] = [];
    const later = writers.map((writer, i) => writer.append(`child-later-${i}`, [proposed()], NO_STREAM).then((r) => void settled.push(r)));
    await delay(300);

    // Nothing numbered after the held append could commit ahead of it, and nothing past it is readable.
    expect(settled).toEqual([]);
    expect(positions(await inspector.readAll(1, 100))).toEqual([1, 2, 3]);
    expect(await inspector.headPosition()).toBe(3);
    expect(positions(subscribed.received)).toEqual([1, 2, 3]);

    release();
    const heldResult = await held;
    await Promise.all(later);

    expect(positions(heldResult.entries)).toEqual([4, 5]);
    expect(settled.flatMap((r) => positions(r.entries)).sort((a, b) => a - b)).toEqual([6, 7, 8]);
    await expect.poll(() => positions(subscribed.received)).toEqual(oneToN(8));
    await delay(300);
    expect(subscribed.received).toEqual(await inspector.readAll(1, 100));
    expect(subscribed.errors).toEqual([]);
  });

  it('many writers with transactions held open for random times: every reader sees each event exactly once, in position order, with no gaps', async () => {
    schema = await createTestSchema(database.url, 'many');
    const WRITERS = 4;
    const APPENDS_EACH = 30;
    const hold = async () => {
      if (Math.random() < 0.3) await delay(Math.floor(Math.random() * 8));
    };
    const writers = await Promise.all(Array.from({ length: WRITERS }, () => connect({ beforeCommit: hold })));
    const subscribed = catchUpReader(await connect(), 7);
    const polled = pollingReader(await connect(), 5);
    const inspector = await connect();

    const results: AppendResult[] = [];
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < APPENDS_EACH; i++) {
          const shared = `child-shared-${i % 3}`;
          const own = `child-writer-${w}`;
          // Half to streams every writer appends to (ANY), half to the writer's own stream at its exact revision.
          const result =
            i % 2 === 0
              ? await writer.append(shared, proposedBatch(1 + (i % 3)), ANY)
              : await writer.append(own, [proposed()], i === 1 ? NO_STREAM : (await writer.streamHead(own))!.revision);
          results.push(result);
        }
      }),
    );

    const appended = results.flatMap((r) => r.entries);
    const total = appended.length;
    await expect.poll(() => subscribed.received.length, { timeout: 10_000 }).toBe(total);
    await expect.poll(() => polled.received.length, { timeout: 10_000 }).toBe(total);
    await polled.stop();
    await delay(300);

    const log = await inspector.readAll(1, total + 10);
    expect(positions(log)).toEqual(oneToN(total));
    expect(subscribed.received).toEqual(log);
    expect(polled.received).toEqual(log);
    expect(subscribed.errors).toEqual([]);
    // What each writer was told is what the log holds at those positions.
    for (const entry of appended) expect(log[entry.globalPosition - 1]).toEqual(entry);
    for (const streamId of new Set(log.map((e) => e.streamId))) expectValidChain(await inspector.readStream(streamId));
  });

  it('concurrent appends to one stream at the same expected revision: exactly one wins each round, nothing lost or duplicated', async () => {
    schema = await createTestSchema(database.url, 'race');
    const contenders = await Promise.all(Array.from({ length: 6 }, () => connect()));
    const inspector = await connect();
    const stream = 'child-contended';
    await inspector.append(stream, [proposed()], NO_STREAM);
    const winners: string[] = [];

    for (let round = 0; round < 8; round++) {
      const expected = round;
      const events = contenders.map(() => proposed());
      const outcomes = await Promise.allSettled(contenders.map((store, i) => store.append(stream, [events[i]!], expected)));

      const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [events[i]!.eventId] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(contenders.length - 1);
      for (const error of lost) {
        expect(error).toBeInstanceOf(ConcurrencyConflict);
        expect((error as ConcurrencyConflict).currentRevision).toBe(expected + 1);
      }
      winners.push(won[0]!);
    }

    const entries = await inspector.readStream(stream);
    expect(entries.map((e) => e.eventId).slice(1)).toEqual(winners);
    expectValidChain(entries);
    expect(positions(await inspector.readAll(1, 100))).toEqual(oneToN(9));
  });
});
