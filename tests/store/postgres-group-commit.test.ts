import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { NO_STREAM } from '../../src/store/port.js';
import { openPostgresStore, type PostgresEventStore } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { proposed, proposedBatch } from './store-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('group_commit');
});
afterAll(async () => {
  await database.drop();
});

const schemas: TestSchema[] = [];
const stores: PostgresEventStore[] = [];

async function openCounting(): Promise<{ store: PostgresEventStore; commits: number[]; url: string }> {
  const schema = await createTestSchema(database.url);
  schemas.push(schema);
  const commits: number[] = [];
  const store = await openPostgresStore(schema.url, undefined, { onCommit: (appends) => commits.push(appends) });
  stores.push(store);
  return { store, commits, url: schema.url };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await schema.drop();
});

describe('PostgreSQL group commit', () => {
  it('commits concurrent appends in fewer transactions than appends, every one durable, positions 1..N with no gap', async () => {
    const { store, commits, url } = await openCounting();
    await Promise.all(Array.from({ length: 64 }, (_, i) => store.append(`child-${i % 16}`, [proposed()], 'any')));
    expect(commits.reduce((a, b) => a + b, 0)).toBe(64);
    expect(commits.length).toBeLessThan(64);
    expect(Math.max(...commits)).toBeGreaterThan(1);
    await store.close();
    const reopened = await openPostgresStore(url);
    stores.push(reopened);
    expect((await reopened.readAll(1, 100)).map((e) => e.globalPosition)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    for (let i = 0; i < 16; i++) expect((await reopened.readStream(`child-${i}`)).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3]);
    expect((await verifyLedger(reopened)).ok).toBe(true);
  });

  it('refuses one append of a group for its expected revision and stores the others', async () => {
    const { store, commits } = await openCounting();
    await store.append('child-a', [proposed()], NO_STREAM);
    commits.length = 0;
    const outcomes = await Promise.allSettled([
      store.append('child-b', [proposed()], NO_STREAM),
      store.append('child-a', proposedBatch(3), 5),
      store.append('child-c', proposedBatch(2), NO_STREAM),
    ]);
    expect(commits).toEqual([2]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect((await store.readAll(1, 100)).map((e) => [e.streamId, e.globalPosition])).toEqual([
      ['child-a', 1],
      ['child-b', 2],
      ['child-c', 3],
      ['child-c', 4],
    ]);
  });

  it('lets exactly one of two writers at the same expected revision win inside one group', async () => {
    const { store } = await openCounting();
    await store.append('child-a', [proposed()], NO_STREAM);
    const outcomes = await Promise.allSettled([store.append('child-a', [proposed()], 0), store.append('child-a', [proposed()], 0)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConcurrencyConflict)).toHaveLength(1);
    expect(await store.readStream('child-a')).toHaveLength(2);
  });

  it('answers a repeated idempotency key with the first entries, within one group and from an earlier one', async () => {
    const { store } = await openCounting();
    const [first, second] = await Promise.all([
      store.append('child-a', proposedBatch(2, 'key-1'), NO_STREAM),
      store.append('child-a', proposedBatch(2, 'key-1'), NO_STREAM),
    ]);
    expect([first!.deduplicated, second!.deduplicated]).toEqual([false, true]);
    expect(second!.entries.map((e) => e.eventId)).toEqual(first!.entries.map((e) => e.eventId));
    const [later, other] = await Promise.all([store.append('child-a', proposedBatch(2, 'key-1'), 1), store.append('child-b', [proposed()], NO_STREAM)]);
    expect(later!.deduplicated).toBe(true);
    expect(later!.entries.map((e) => e.globalPosition)).toEqual(first!.entries.map((e) => e.globalPosition));
    expect(other!.deduplicated).toBe(false);
    expect(await store.readStream('child-a')).toHaveLength(2);
  });

  it('commits appends still queued when the store is closed', async () => {
    const { store, url } = await openCounting();
    const pending = Promise.all(Array.from({ length: 8 }, (_, i) => store.append(`child-${i}`, [proposed()], NO_STREAM)));
    await store.close();
    await expect(pending).resolves.toHaveLength(8);
    const reopened = await openPostgresStore(url);
    stores.push(reopened);
    expect(await reopened.headPosition()).toBe(8);
  });
});
