import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { chainHash } from '../../src/ledger/event-hash.js';
import { CorruptEntry } from '../../src/store/errors.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { SealedImportRefused } from '../../src/store/sealed-import.js';
import { ANY, NO_STREAM } from '../../src/store/port.js';
import { openPostgresStore, type PostgresEventStore } from '../../src/store/postgres/postgres-store.js';
import { createTestDatabase, createTestSchema, type TestDatabase, type TestSchema } from '../support/postgres.js';
import { conflictOf, describeEventStoreContract, expectValidChain, manualClock, proposed, proposedBatch } from './store-contract.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase('store');
});
afterAll(async () => {
  await database.drop();
});

const schemas: TestSchema[] = [];
const openStores: PostgresEventStore[] = [];

/** A store on a fresh schema (an empty ledger), closed and dropped after the test. */
async function freshLedger(clock?: () => Date): Promise<{ url: string; store: PostgresEventStore }> {
  const schema = await createTestSchema(database.url);
  schemas.push(schema);
  return { url: schema.url, store: await open(schema.url, clock) };
}

async function open(url: string, clock?: () => Date): Promise<PostgresEventStore> {
  const store = await openPostgresStore(url, clock);
  openStores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
  for (const schema of schemas.splice(0)) await schema.drop();
});

describeEventStoreContract('PostgreSQL', async (clock) => {
  const schema = await createTestSchema(database.url, 'contract');
  const store = await openPostgresStore(schema.url, clock);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await schema.drop();
    },
  };
});

const MARKER = 'Speech and language therapy ZZQX';

/** Global order:  1 a#0 | 2 b#0 | 3 a#1 | 4 c#0 | 5 b#1 (MARKER) | 6 a#2 | 7 b#2 | 8 c#1 */
async function seed(store: PostgresEventStore) {
  const a = `child-${randomUUID()}`;
  const b = `child-${randomUUID()}`;
  const c = `child-${randomUUID()}`;
  const entries: LedgerEntry[] = [];
  const add = async (stream: string, data: Record<string, string>, expected: number | typeof NO_STREAM) => {
    entries.push(...(await store.append(stream, [proposed({ data })], expected)).entries);
  };
  await add(a, { note: 'Registered' }, NO_STREAM);
  await add(b, { note: 'Registered' }, NO_STREAM);
  await add(a, { note: 'Needs identified' }, 0);
  await add(c, { note: 'Registered' }, NO_STREAM);
  await add(b, { provision: MARKER, hours: '2' }, 0);
  await add(a, { note: 'Plan drafted' }, 1);
  await add(b, { note: 'Plan issued' }, 1);
  await add(c, { note: 'Needs identified' }, 0);
  expect(entries.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  return { a, b, c, entries, marked: entries[4]! };
}

/** As an operator with the table owner's rights would, to simulate tampering behind the ledger's back. */
const dropTriggers = (store: PostgresEventStore) => store.pool.query('DROP TRIGGER ledger_events_append_only ON ledger_events');

describe('PostgreSQL store: durability and stored format', () => {
  it('keeps every acknowledged event across close and reopen, and appends continue from the right revision', async () => {
    const clock = manualClock('2025-05-01T12:00:00.000Z');
    const { url, store: first } = await freshLedger(clock);
    const { a, b, entries } = await seed(first);
    const keyed = await first.append(a, proposedBatch(2, 'command-7'), 2);
    await first.close();

    const reopened = await open(url, clock);
    expect(await reopened.readAll(1, 100)).toEqual([...entries, ...keyed.entries]);
    expect(await reopened.headPosition()).toBe(10);
    const retried = await reopened.append(a, proposedBatch(2, 'command-7'), 2);
    expect(retried.deduplicated).toBe(true);
    expect(retried.entries).toEqual(keyed.entries);
    const stale = await conflictOf(reopened.append(b, [proposed()], 1));
    expect(stale.currentRevision).toBe(2);
    clock.advance(5_000);
    const next = await reopened.append(b, [proposed()], 2);
    expect(next.entries[0]).toMatchObject({ streamRevision: 3, globalPosition: 11, previousHash: entries[6]!.hash });
    expect(next.entries[0]!.metadata.recordedAt).toBe('2025-05-01T12:00:05.000Z');
    expect(await verifyLedger(reopened)).toMatchObject({ ok: true, checkedEvents: 11, checkedStreams: 3, firstFault: null });
  });

  it('stores the canonical bytes as bytea, byte for byte what was hashed', async () => {
    const { store } = await freshLedger();
    const { entries } = await store.append('child-1', [proposed({ data: { name: 'Zoë €', nested: { b: 1, a: [true, null] } } })], NO_STREAM);

    const { rows } = await store.pool.query<{ body: Buffer; hash: string; previous_hash: string }>(
      'SELECT body, hash, previous_hash FROM ledger_events WHERE global_position = 1',
    );

    expect(Buffer.isBuffer(rows[0]!.body)).toBe(true);
    expect(rows[0]!.body.equals(Buffer.from(entries[0]!.canonical, 'utf8'))).toBe(true);
    expect(rows[0]!.hash).toBe(chainHash(rows[0]!.previous_hash, rows[0]!.body.toString('utf8')));
  });

  it('enforces the expected revision across two pools on one database, and numbers positions without gaps', async () => {
    const { url, store: one } = await freshLedger();
    const two = await open(url);
    await one.append('child-1', [proposed()], NO_STREAM);

    await two.append('child-1', [proposed()], 0);
    const conflict = await conflictOf(one.append('child-1', [proposed()], 0));

    expect(conflict.currentRevision).toBe(1);
    expectValidChain(await one.readStream('child-1'));
    // The refused append handed its positions back.
    expect((await one.append('child-1', [proposed()], ANY)).entries[0]).toMatchObject({ streamRevision: 2, globalPosition: 3 });
  });

  it('delivers to a subscription appends made through another pool (another process)', async () => {
    const { url, store: subscriber } = await freshLedger();
    const writer = await open(url);
    const received: LedgerEntry[] = [];
    const subscription = subscriber.subscribe({ fromPosition: 1, onEntries: (entries) => void received.push(...entries) });
    try {
      const appended = await writer.append('child-1', proposedBatch(2), NO_STREAM);
      await expect.poll(() => received.map((e) => e.eventId), { timeout: 3_000 }).toEqual(appended.entries.map((e) => e.eventId));
    } finally {
      await subscription.stop();
    }
  });

  it('works on a pool the caller owns, and leaves it open on close', async () => {
    const schema = await createTestSchema(database.url);
    schemas.push(schema);
    const pool = new pg.Pool({ connectionString: schema.url });
    try {
      const store = await openPostgresStore(pool);
      await store.append('child-1', [proposed()], NO_STREAM);
      await store.close();
      expect((await pool.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0]).toEqual({ n: 1 });
    } finally {
      await pool.end();
    }
  });

  it('creates its schema once when many processes open the same database at the same moment', async () => {
    const schema = await createTestSchema(database.url);
    schemas.push(schema);
    const stores = await Promise.all(Array.from({ length: 4 }, () => open(schema.url)));
    await stores[0]!.append('child-1', [proposed()], NO_STREAM);
    expect(await stores[3]!.headPosition()).toBe(1);
  });
});

describe('PostgreSQL store: immutability triggers', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on ledger_events and leaves the rows untouched', async () => {
    const { store } = await freshLedger();
    const { entries } = await seed(store);
    const db = store.pool;

    await expect(db.query("UPDATE ledger_events SET body = '\\x7b7d'::bytea WHERE global_position = 5")).rejects.toThrow(/immutable/);
    await expect(db.query("UPDATE ledger_events SET type = 'Forged'")).rejects.toThrow(/immutable/);
    await expect(db.query("UPDATE ledger_events SET stream_id = 'elsewhere' WHERE global_position = 1")).rejects.toThrow(/immutable/);
    await expect(db.query('DELETE FROM ledger_events WHERE global_position = 8')).rejects.toThrow(/immutable/);
    await expect(db.query('DELETE FROM ledger_events')).rejects.toThrow(/immutable/);
    await expect(db.query('TRUNCATE ledger_events')).rejects.toThrow(/immutable/);
    await expect(
      db.query(
        `INSERT INTO ledger_events SELECT * FROM ledger_events WHERE global_position = 1
         ON CONFLICT (global_position) DO UPDATE SET type = 'Forged'`,
      ),
    ).rejects.toThrow(/immutable/);

    expect((await db.query('SELECT count(*)::int AS n FROM ledger_events')).rows[0]).toEqual({ n: 8 });
    expect(await store.readAll(1, 100)).toEqual(entries);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('refuses to move the log head back, which would hand positions out again', async () => {
    const { store } = await freshLedger();
    await seed(store);

    await expect(store.pool.query('UPDATE ledger_log SET head = 3')).rejects.toThrow(/immutable/);
    await expect(store.pool.query('DELETE FROM ledger_log')).rejects.toThrow(/immutable/);
    expect((await store.append('child-next', [proposed()], NO_STREAM)).entries[0]!.globalPosition).toBe(9);
  });

  it('keeps the triggers when the store is reopened', async () => {
    const { url, store } = await freshLedger();
    await seed(store);
    await store.close();

    const reopened = await open(url);
    await expect(reopened.pool.query('DELETE FROM ledger_events WHERE global_position = 1')).rejects.toThrow(/immutable/);
  });

  it('puts back a dropped or disabled trigger when the store is opened again', async () => {
    const { url, store } = await freshLedger();
    await seed(store);
    await dropTriggers(store);
    expect(await open(url)).toBeDefined();
    await expect(store.pool.query('DELETE FROM ledger_events')).rejects.toThrow(/immutable/);

    await store.pool.query('ALTER TABLE ledger_events DISABLE TRIGGER ledger_events_append_only');
    expect(await open(url)).toBeDefined();
    await expect(store.pool.query('TRUNCATE ledger_events')).rejects.toThrow(/immutable/);
    expect(await store.headPosition()).toBe(8);
  });
});

describe('PostgreSQL store: tamper detection with verifyLedger', () => {
  it('verifies a clean ledger with the right counts, in any batch size', async () => {
    const { store } = await freshLedger();
    await seed(store);

    for (const batchSize of [1, 3, 8, 1000]) {
      expect(await verifyLedger(store, { batchSize: batchSize })).toMatchObject({ ok: true, checkedEvents: 8, checkedStreams: 3, firstFault: null });
    }
  });

  it('detects one changed byte of the stored body and names exactly that event', async () => {
    const { store } = await freshLedger();
    const { marked } = await seed(store);
    await dropTriggers(store);
    // Flip the last letter of the marker inside the bytea, as a disk or hand edit would.
    await store.pool.query(
      `UPDATE ledger_events SET body = convert_to(replace(convert_from(body, 'UTF8'), 'ZZQX', 'ZZQY'), 'UTF8') WHERE global_position = 5`,
    );
    const [, read] = await store.readStream(marked.streamId);
    expect(read!.data['provision']).toBe('Speech and language therapy ZZQY');

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      eventId: marked.eventId,
      streamId: marked.streamId,
      streamRevision: 1,
      globalPosition: 5,
      problem: expect.stringMatching(/do not match its hash/),
    });
    expect(verification.checkedEvents).toBe(4);
  });

  it('detects a deleted last event of a stream at the position it leaves empty, and its stream reads refuse it', async () => {
    const { store } = await freshLedger();
    const { a } = await seed(store);
    await dropTriggers(store);
    await store.pool.query('DELETE FROM ledger_events WHERE global_position = 6'); // a#2

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      eventId: null,
      streamId: null,
      streamRevision: null,
      globalPosition: 6,
      problem: expect.stringMatching(/nothing is stored at this position, yet the log goes on at position 7/),
    });
    await expect(store.readStream(a)).rejects.toThrow(/has no revision 2, but its head records revision 2/);
  });

  it('detects a deleted middle event at the position it leaves empty', async () => {
    const { store } = await freshLedger();
    await seed(store);
    await dropTriggers(store);
    await store.pool.query('DELETE FROM ledger_events WHERE global_position = 3'); // a#1

    const verification = await verifyLedger(store);

    expect(verification.firstFault).toMatchObject({ globalPosition: 3, eventId: null, problem: expect.stringMatching(/nothing is stored at this position/) });
    expect(verification.checkedEvents).toBe(2);
  });

  it('detects the deleted last event of the log against the log head, which counts the positions handed out', async () => {
    const { store } = await freshLedger();
    const { c } = await seed(store);
    await dropTriggers(store);
    await store.pool.query('DELETE FROM ledger_events WHERE global_position = 8'); // c#1

    const verification = await verifyLedger(store);

    expect(verification.firstFault).toMatchObject({ globalPosition: 8, problem: expect.stringMatching(/the log ends at position 7, but 8 positions were handed out/) });
    await expect(store.streamHead(c)).rejects.toThrow(/has no revision 1, but its head records revision 1/);
  });

  it('detects the deletion of the only event of a stream (its head row remains)', async () => {
    const { store } = await freshLedger();
    await store.append('child-busy', proposedBatch(2), NO_STREAM);
    const lone = `child-${randomUUID()}`;
    const { entries } = await store.append(lone, [proposed()], NO_STREAM);
    await dropTriggers(store);
    await store.pool.query('DELETE FROM ledger_events WHERE global_position = $1', [entries[0]!.globalPosition]);

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toMatchObject({ globalPosition: entries[0]!.globalPosition, problem: expect.stringMatching(/removed/) });
    expect(await store.readStream(lone).catch((error: Error) => error.message)).toMatch(/has no revision 0, but its head records revision 0/);
  });

  it('detects a changed stream_id column as CorruptEntry', async () => {
    const { store } = await freshLedger();
    await seed(store);
    await dropTriggers(store);
    await store.pool.query("UPDATE ledger_events SET stream_id = 'child-elsewhere' WHERE global_position = 5");

    await expect(store.readAll(1, 100)).rejects.toBeInstanceOf(CorruptEntry);
    const verification = await verifyLedger(store, { batchSize: 3 });

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toMatchObject({ globalPosition: 5, problem: expect.stringMatching(/indexed columns disagree/) });
    expect(verification.checkedEvents).toBe(4);
  });

  it('detects stored bytes that are no longer JSON, or no longer UTF-8', async () => {
    const { store } = await freshLedger();
    await seed(store);
    await dropTriggers(store);
    await store.pool.query('UPDATE ledger_events SET body = substring(body from 2) WHERE global_position = 7');
    await store.pool.query("UPDATE ledger_events SET body = overlay(body placing '\\xff'::bytea from 3 for 1) WHERE global_position = 8");

    const verification = await verifyLedger(store);
    expect(verification.firstFault).toMatchObject({ globalPosition: 7, eventId: null, problem: expect.stringMatching(/not JSON/) });
    expect(verification.checkedEvents).toBe(6);
    await expect(store.readAll(8, 1)).rejects.toThrow(/not UTF-8/);
  });

  it('detects an entry re-hashed after editing by the broken link at the next event of its stream', async () => {
    const { store } = await freshLedger();
    const { b, entries, marked } = await seed(store);
    await dropTriggers(store);
    const forged = marked.canonical.replace('ZZQX', 'ZZQY');
    await store.pool.query('UPDATE ledger_events SET body = $1, hash = $2 WHERE global_position = 5', [
      Buffer.from(forged, 'utf8'),
      chainHash(marked.previousHash, forged),
    ]);

    const verification = await verifyLedger(store);

    expect(verification.firstFault).toEqual({
      eventId: entries[6]!.eventId,
      streamId: b,
      streamRevision: 2,
      globalPosition: 7,
      problem: expect.stringMatching(/previous hash does not match/),
    });
  });
});

describe('PostgreSQL store: importSealed (copying a ledger in, byte for byte)', () => {
  it('stores entries sealed by another store as they are, with the next positions, and keeps their idempotency keys', async () => {
    const source = createMemoryStore(manualClock('2024-06-01T08:00:00.000Z'));
    await source.append('child-a', proposedBatch(2, 'cmd-1'), NO_STREAM);
    await source.append('child-b', proposedBatch(1), NO_STREAM);
    await source.append('child-a', proposedBatch(1, 'cmd-2'), 1);
    const all = await source.readAll(1, 100);
    const { store } = await freshLedger();
    await store.append('child-local', [proposed()], NO_STREAM);

    const stored = await store.importSealed(all);

    expect(stored.map((e) => e.globalPosition)).toEqual([2, 3, 4, 5]);
    expect(stored.map(({ canonical, hash, previousHash }) => ({ canonical, hash, previousHash }))).toEqual(
      all.map(({ canonical, hash, previousHash }) => ({ canonical, hash, previousHash })),
    );
    expect(await store.readAll(2, 10)).toEqual(stored);
    expect(await store.streamHead('child-a')).toEqual({ revision: 2, hash: all[3]!.hash });
    const retried = await store.append('child-a', proposedBatch(2, 'cmd-1'), NO_STREAM);
    expect(retried.deduplicated).toBe(true);
    expect(retried.entries).toEqual(stored.slice(0, 2));
    expect((await store.append('child-b', [proposed()], 0)).entries[0]).toMatchObject({ streamRevision: 1, globalPosition: 6, previousHash: all[2]!.hash });
    expect(await verifyLedger(store)).toMatchObject({ ok: true, checkedEvents: 6 });
  });

  it('refuses an entry that does not continue its chain, or whose bytes changed, and stores nothing of the batch', async () => {
    const source = createMemoryStore();
    await source.append('child-a', proposedBatch(3), NO_STREAM);
    const all = await source.readAll(1, 100);
    const { store } = await freshLedger();

    await expect(store.importSealed([all[0]!, all[2]!])).rejects.toBeInstanceOf(SealedImportRefused);
    await expect(store.importSealed([all[0]!, { ...all[1]!, canonical: all[1]!.canonical.replace('Oak Primary', 'Elm Primary') }])).rejects.toThrow(
      /do not match its hash/,
    );
    expect(await store.headPosition()).toBe(0);
    expect(await store.streamHead('child-a')).toBeNull();
    expect((await store.importSealed(all)).map((e) => e.globalPosition)).toEqual([1, 2, 3]);
  });
});
