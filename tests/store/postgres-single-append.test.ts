import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ANY, NO_STREAM } from '../../src/store/port.js';
import { openPostgresStore, type PostgresEventStore } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { conflictOf, expectValidChain, proposed, proposedBatch } from './store-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('single_append');
});
afterAll(async () => {
  await database.drop();
});

const schemas: TestSchema[] = [];
const pools: pg.Pool[] = [];
const stores: PostgresEventStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const pool of pools.splice(0)) await pool.end();
  for (const schema of schemas.splice(0)) await schema.drop();
});

async function freshSchema(): Promise<string> {
  const schema = await createTestSchema(database.url, 'single');
  schemas.push(schema);
  return schema.url;
}

/** A store on its own pool (as another process would have), with every statement its connections send counted. */
async function openCounted(url: string): Promise<{ store: PostgresEventStore; statements: () => number }> {
  const pool = new pg.Pool({ connectionString: url });
  pools.push(pool);
  let sent = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      sent++;
      return query(...args);
    };
  });
  const store = await openPostgresStore(pool);
  stores.push(store);
  return { store, statements: () => sent };
}

const open = async (url: string) => (await openCounted(url)).store;
const keyed = (key: string) => proposedBatch(2, key);

describe('PostgreSQL store: an append alone, sent as one statement', () => {
  it('sends one statement per append to a stream it has written, and one for a new stream', async () => {
    const { store, statements } = await openCounted(await freshSchema());
    const before = statements();
    await store.append('child-1', [proposed()], NO_STREAM);
    expect(statements() - before).toBe(1);

    for (let r = 0; r < 5; r++) {
      const sent = statements();
      await store.append('child-1', [proposed()], r);
      expect(statements() - sent).toBe(1);
    }
    expectValidChain(await store.readStream('child-1'));
  });

  it('chains on the head another process moved, and judges a stale expected revision on that head', async () => {
    const url = await freshSchema();
    const one = await open(url);
    const two = await open(url);
    await one.append('child-1', [proposed()], NO_STREAM);

    // Each store remembers the head it last wrote, which the other has since moved.
    for (let i = 0; i < 6; i++) await (i % 2 === 0 ? two : one).append('child-1', [proposed()], ANY);
    const conflict = await conflictOf(two.append('child-1', [proposed()], 5));
    expect(conflict.currentRevision).toBe(6);
    expect((await one.append('child-1', [proposed()], 6)).nextExpectedRevision).toBe(7);

    const entries = await two.readStream('child-1');
    expectValidChain(entries);
    expect(entries.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await two.streamHead('child-1')).toEqual({ revision: 7, hash: entries.at(-1)!.hash });
  });

  it('refuses a new stream another process has created, with its revision, and leaves no gap in positions', async () => {
    const url = await freshSchema();
    const one = await open(url);
    const two = await open(url);
    await one.append('child-1', [proposed()], NO_STREAM);

    const conflict = await conflictOf(two.append('child-1', [proposed()], NO_STREAM));
    expect(conflict.currentRevision).toBe(0);
    const next = await two.append('child-2', [proposed()], NO_STREAM);
    expect(next.entries[0]!.globalPosition).toBe(2);
  });

  it('answers a command sent again through a process whose remembered head is stale with its first entries', async () => {
    const url = await freshSchema();
    const one = await open(url);
    const two = await open(url);
    await one.append('child-1', [proposed()], NO_STREAM);
    const key = randomUUID();
    const first = await two.append('child-1', keyed(key), 0);

    // `one` still remembers revision 0, and the command says 0: the key, not the revision, decides.
    const again = await one.append('child-1', keyed(key), 0);
    expect(again.deduplicated).toBe(true);
    expect(again.entries).toEqual(first.entries);
    expect(again.nextExpectedRevision).toBe(2);

    // Sent again with the revision it was first given, long since passed: still answered, not refused.
    await one.append('child-1', [proposed()], 2);
    const late = await two.append('child-1', keyed(key), 0);
    expect(late.deduplicated).toBe(true);
    expect(late.entries).toEqual(first.entries);
    expect(late.nextExpectedRevision).toBe(3);
    expect((await one.readAll(1, 100)).map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
  });

  it('stores a command sent by several processes at once exactly once, and answers all of them with it', async () => {
    const url = await freshSchema();
    const senders = await Promise.all(Array.from({ length: 5 }, () => open(url)));
    await senders[0]!.append('child-1', [proposed()], NO_STREAM);
    const events = keyed(randomUUID());

    const results = await Promise.all(senders.map((store) => store.append('child-1', events, ANY)));

    expect(results.filter((r) => !r.deduplicated)).toHaveLength(1);
    for (const result of results) expect(result.entries).toEqual(results.find((r) => !r.deduplicated)!.entries);
    expect((await senders[1]!.readStream('child-1')).map((e) => e.streamRevision)).toEqual([0, 1, 2]);
  });

  it('keeps every append of many processes racing on one stream with ANY, chained and numbered without gaps', async () => {
    const url = await freshSchema();
    const writers = await Promise.all(Array.from({ length: 4 }, () => open(url)));
    await writers[0]!.append('child-shared', [proposed()], NO_STREAM);

    await Promise.all(writers.map(async (store) => {
      for (let i = 0; i < 15; i++) await store.append('child-shared', proposedBatch(1 + (i % 2)), ANY);
    }));

    const entries = await writers[0]!.readStream('child-shared');
    expect(entries).toHaveLength(1 + 4 * (8 * 1 + 7 * 2));
    expectValidChain(entries);
    expect((await writers[1]!.readAll(1, 1000)).map((e) => e.globalPosition)).toEqual(entries.map((_, i) => i + 1));
  });

  it('puts the append function back in a ledger made without it, when the store is opened', async () => {
    const url = await freshSchema();
    const before = await open(url);
    await before.append('child-1', [proposed()], NO_STREAM);
    const admin = new pg.Pool({ connectionString: url });
    pools.push(admin);
    await admin.query('DROP FUNCTION ledger_append_sealed');

    const after = await open(url);
    await after.append('child-1', [proposed()], 0);
    expectValidChain(await after.readStream('child-1'));
  });
});

describe('PostgreSQL store: durability of the one-statement append', () => {
  /** WAL flushes made by one backend itself (PostgreSQL 18 counts I/O per backend), asked on that backend's connection. */
  const walFlushesOf = async (pool: pg.Pool) => {
    const client = await pool.connect();
    try {
      // A backend reports its counters when it goes idle: make it report after this statement, then ask.
      await client.query('SELECT pg_stat_force_next_flush()');
      const { rows } = await client.query<{ n: string }>(
        `SELECT coalesce(sum(fsyncs), 0)::bigint AS n FROM pg_stat_get_backend_io(pg_backend_pid()) WHERE object = 'wal'`,
      );
      return Number(rows[0]!.n);
    } finally {
      client.release();
    }
  };

  it('flushes the write-ahead log at each acknowledged append even where the database default is asynchronous', async () => {
    const url = await freshSchema();
    const admin = new pg.Pool({ connectionString: database.url });
    pools.push(admin);
    await admin.query(`ALTER DATABASE ${database.name} SET synchronous_commit TO off`);
    try {
      // One connection, so every statement below runs on the backend whose flushes are counted.
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      pools.push(pool);
      const store = await openPostgresStore(pool);
      stores.push(store);
      await store.append('child-1', [proposed()], NO_STREAM);
      expect((await pool.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]!.synchronous_commit).toBe('off');

      // The measure tells the two apart: a plain autocommit insert on this connection is not flushed by it.
      let before = await walFlushesOf(pool);
      for (let i = 0; i < 5; i++) await pool.query('INSERT INTO ledger_idempotency VALUES ($1, $2, 0, 0)', ['not-a-stream', `key-${i}`]);
      expect((await walFlushesOf(pool)) - before).toBe(0);

      before = await walFlushesOf(pool);
      for (let r = 0; r < 5; r++) await store.append('child-1', [proposed()], r);
      expect((await walFlushesOf(pool)) - before).toBeGreaterThanOrEqual(5);
    } finally {
      await admin.query(`ALTER DATABASE ${database.name} RESET synchronous_commit`);
    }
  });
});
