import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import type { LedgerEntry } from '../../src/ledger/envelope.js';
import { GENESIS_HASH, chainHash } from '../../src/ledger/event-hash.js';
import { CorruptEntry } from '../../src/store/errors.js';
import { ANY, NO_STREAM } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { SqliteForger } from '../integrity/ledger-forgery.js';
import {
  conflictOf,
  describeEventStoreContract,
  expectValidChain,
  manualClock,
  proposed,
  proposedBatch,
} from './store-contract.js';

const tempDirs: string[] = [];
const openStores: SqliteEventStore[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-test-'));
  tempDirs.push(dir);
  return dir;
}

function open(file: string, clock?: () => Date): SqliteEventStore {
  const store = openSqliteStore(file, clock);
  openStores.push(store);
  return store;
}

afterEach(async () => {
  for (const store of openStores.splice(0)) await store.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describeEventStoreContract('SQLite', async (clock) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-contract-'));
  const store = openSqliteStore(path.join(dir, 'ledger.sqlite'), clock);
  return {
    store,
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

const MARKER = 'Speech and language therapy ZZQX';

interface SeededLedger {
  a: string;
  b: string;
  c: string;
  /** Every entry, in global order (index 0 is global position 1). */
  entries: LedgerEntry[];
  /** The entry whose data holds MARKER: stream b, revision 1, global position 5. */
  marked: LedgerEntry;
}

/**
 * Global order:  1 a#0 | 2 b#0 | 3 a#1 | 4 c#0 | 5 b#1 (MARKER) | 6 a#2 | 7 b#2 | 8 c#1
 */
async function seed(store: SqliteEventStore): Promise<SeededLedger> {
  const a = `child-${randomUUID()}`;
  const b = `child-${randomUUID()}`;
  const c = `child-${randomUUID()}`;
  const entries: LedgerEntry[] = [];
  const add = async (stream: string, data: Record<string, string>, expected: number | typeof NO_STREAM) => {
    const result = await store.append(stream, [proposed({ data })], expected);
    entries.push(...result.entries);
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

const dropTriggers = (store: SqliteEventStore) =>
  store.database.exec('DROP TRIGGER ledger_events_no_update; DROP TRIGGER ledger_events_no_delete;');

describe('SQLite store: durability', () => {
  it('keeps every acknowledged event across close and reopen, and appends continue from the right revision', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const clock = manualClock('2025-05-01T12:00:00.000Z');
    const first = open(file, clock);
    const { a, b, entries } = await seed(first);
    const keyed = await first.append(a, proposedBatch(2, 'command-7'), 2);
    const acknowledged = [...entries, ...keyed.entries];
    await first.close();

    const reopened = open(file, clock);
    const all = await reopened.readAll(1, 100);

    expect(all).toEqual(acknowledged);
    expect(all.map((e) => e.canonical)).toEqual(acknowledged.map((e) => e.canonical));
    expect(all.map((e) => e.hash)).toEqual(acknowledged.map((e) => e.hash));
    expect(await reopened.headPosition()).toBe(10);
    expect(await reopened.streamHead(a)).toEqual({ revision: 4, hash: keyed.entries[1]!.hash });
    expectValidChain(await reopened.readStream(a));

    // The idempotency record survived too.
    const retry = await reopened.append(a, proposedBatch(2, 'command-7'), 2);
    expect(retry.deduplicated).toBe(true);
    expect(retry.entries).toEqual(keyed.entries);

    // Appends continue the revision, the chain and the global positions.
    const stale = await conflictOf(reopened.append(b, [proposed()], 1));
    expect(stale.currentRevision).toBe(2);
    clock.advance(5_000);
    const next = await reopened.append(b, [proposed()], 2);
    expect(next.entries[0]).toMatchObject({
      streamRevision: 3,
      globalPosition: 11,
      previousHash: entries[6]!.hash,
    });
    expect(next.entries[0]!.metadata.recordedAt).toBe('2025-05-01T12:00:05.000Z');
    expectValidChain(await reopened.readStream(b));
    expect(await verifyLedger(reopened)).toMatchObject({ ok: true, checkedEvents: 11, checkedStreams: 3, firstFault: null });
  });

  it('makes an acknowledged append visible to another connection on the same file before close', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const writer = open(file);
    const appended = await writer.append('child-1', proposedBatch(3), NO_STREAM);

    const reader = open(file);

    expect(await reader.readStream('child-1')).toEqual(appended.entries);
    expect(await reader.streamHead('child-1')).toEqual({ revision: 2, hash: appended.entries[2]!.hash });
  });

  it('enforces the expected revision across two connections on one file', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const one = open(file);
    const two = open(file);
    await one.append('child-1', [proposed()], NO_STREAM);

    await two.append('child-1', [proposed()], 0);
    const conflict = await conflictOf(one.append('child-1', [proposed()], 0));

    expect(conflict.currentRevision).toBe(1);
    const entries = await one.readStream('child-1');
    expect(entries).toHaveLength(2);
    expectValidChain(entries);
    expect((await one.append('child-1', [proposed()], ANY)).entries[0]).toMatchObject({ streamRevision: 2, globalPosition: 3 });
  });

  it('delivers to a subscription appends made through another connection', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const subscriber = open(file);
    const writer = open(file);
    const received: LedgerEntry[] = [];
    const subscription = subscriber.subscribe({ fromPosition: 1, onEntries: (entries) => void received.push(...entries) });
    try {
      const appended = await writer.append('child-1', proposedBatch(2), NO_STREAM);
      // No local append wakes it: the poll must find it.
      await expect.poll(() => received.map((e) => e.eventId), { timeout: 3_000 }).toEqual(
        appended.entries.map((e) => e.eventId),
      );
    } finally {
      await subscription.stop();
    }
  });
});

describe('SQLite store: immutability triggers', () => {
  it('refuses UPDATE and DELETE on ledger_events and leaves the rows untouched', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { entries } = await seed(store);
    const db = store.database;

    expect(() => db.prepare("UPDATE ledger_events SET body = '{}' WHERE global_position = 5").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE ledger_events SET type = 'Forged'").run()).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE ledger_events SET stream_id = 'elsewhere' WHERE global_position = 1").run()).toThrow(
      /immutable/,
    );
    expect(() => db.prepare('DELETE FROM ledger_events WHERE global_position = 8').run()).toThrow(/immutable/);
    expect(() => db.prepare('DELETE FROM ledger_events').run()).toThrow(/immutable/);

    expect(db.prepare('SELECT COUNT(*) AS n FROM ledger_events').get()).toEqual({ n: 8 });
    expect(await store.readAll(1, 100)).toEqual(entries);
    expect((await verifyLedger(store)).ok).toBe(true);
  });

  it('keeps the triggers when a file is reopened', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const first = open(file);
    await seed(first);
    await first.close();

    const reopened = open(file);
    expect(() => reopened.database.prepare('DELETE FROM ledger_events WHERE global_position = 1').run()).toThrow(/immutable/);
  });
});

describe('SQLite store: tamper detection with verifyLedger', () => {
  it('verifies a clean ledger with the right counts, in any batch size', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    await seed(store);

    for (const batchSize of [1, 3, 8, 1000]) {
      expect(await verifyLedger(store, { batchSize: batchSize })).toMatchObject({ ok: true, checkedEvents: 8, checkedStreams: 3, firstFault: null });
    }
  });

  it('detects one changed byte in the database file and names exactly that event', async () => {
    const file = path.join(tempDir(), 'ledger.sqlite');
    const writer = open(file);
    const { marked } = await seed(writer);
    await writer.close();
    // The close checkpointed the write-ahead log: the main file alone holds the data.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    // A b-tree page split can leave stale copies of a row in free space, so the marker may occur more than once.
    // Change one byte of each occurrence in turn (restoring the others) until SQLite reads the changed text back.
    const original = fs.readFileSync(file);
    const occurrences: number[] = [];
    for (let at = original.indexOf(MARKER); at !== -1; at = original.indexOf(MARKER, at + 1)) occurrences.push(at);
    expect(occurrences.length).toBeGreaterThan(0);
    let reopened: SqliteEventStore | undefined;
    for (const at of occurrences) {
      const bytes = Buffer.from(original);
      const last = at + MARKER.length - 1;
      expect(String.fromCharCode(bytes[last]!)).toBe('X');
      bytes[last] = 'Y'.charCodeAt(0);
      fs.writeFileSync(file, bytes);
      const candidate = open(file);
      const [, read] = await candidate.readStream(marked.streamId);
      if (read!.data.provision === 'Speech and language therapy ZZQY') {
        reopened = candidate;
        break;
      }
      await candidate.close();
    }
    // The edit went through: SQLite itself does not notice, only the hash can.
    expect(reopened, 'no occurrence of the marker is the live row').toBeDefined();
    expect(Buffer.compare(fs.readFileSync(file), original)).not.toBe(0);

    const verification = await verifyLedger(reopened!);

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

  it('detects the deleted last event of the log as a truncated stream', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { c, entries } = await seed(store);
    dropTriggers(store);
    store.database.prepare('DELETE FROM ledger_events WHERE global_position = 8').run(); // c#1

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      eventId: null,
      streamId: c,
      streamRevision: 0,
      globalPosition: entries[3]!.globalPosition,
      problem: expect.stringMatching(/removed/),
    });
    expect(verification.checkedEvents).toBe(7);
  });

  it('detects a deleted event inside the log at the position it leaves empty, and reads refuse to step over it', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { a } = await seed(store);
    dropTriggers(store);
    store.database.prepare('DELETE FROM ledger_events WHERE global_position = 3').run(); // a#1

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toEqual({
      eventId: null,
      streamId: null,
      streamRevision: null,
      globalPosition: 3,
      problem: expect.stringMatching(/nothing is stored at this position, yet the log goes on at position 4/),
    });
    expect(verification.checkedEvents).toBe(2);
    await expect(store.readAll(1, 100)).rejects.toThrow(/global position 3 cannot be read: nothing is stored/);
    await expect(store.readStream(a)).rejects.toThrow(/revision 1 of its stream is missing/);
  });

  it('detects a changed stream_id column', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    await seed(store);
    dropTriggers(store);
    store.database.prepare("UPDATE ledger_events SET stream_id = 'child-elsewhere' WHERE global_position = 5").run();

    await expect(store.readAll(1, 100)).rejects.toBeInstanceOf(CorruptEntry);
    const verification = await verifyLedger(store, { batchSize: 3 });

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toMatchObject({ globalPosition: 5, problem: expect.stringMatching(/indexed columns disagree/) });
    expect(verification.checkedEvents).toBe(4);
  });

  it('detects stored bytes that are no longer JSON', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    await seed(store);
    dropTriggers(store);
    store.database.prepare("UPDATE ledger_events SET body = substr(body, 2) WHERE global_position = 7").run();

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault).toMatchObject({ globalPosition: 7, eventId: null, problem: expect.stringMatching(/not JSON/) });
    expect(verification.checkedEvents).toBe(6);
  });

  it('detects an entry re-hashed after editing by the broken link at the next event of its stream', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { b, entries, marked } = await seed(store);
    dropTriggers(store);
    const forged = marked.canonical.replace('ZZQX', 'ZZQY');
    store.database
      .prepare('UPDATE ledger_events SET body = ?, hash = ? WHERE global_position = 5')
      .run(forged, chainHash(marked.previousHash, forged));

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

describe('SQLite store: known defects (src bugs, reported to the lead)', () => {
  // A stream emptied of every entry still has a head row: verification must notice.
  it('detects the deletion of the only event of a stream', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const lone = `child-${randomUUID()}`;
    await store.append('child-busy', proposedBatch(2), NO_STREAM);
    const { entries } = await store.append(lone, [proposed()], NO_STREAM);
    dropTriggers(store);
    store.database.prepare('DELETE FROM ledger_events WHERE global_position = ?').run(entries[0]!.globalPosition);
    // The head the table records is refused: no stored entry backs it.
    await expect(store.streamHead(lone)).rejects.toThrow(/has no revision 0, but its head records revision 0/);

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
    expect(verification.firstFault?.streamId).toBe(lone);
  });

  // Positions have gaps after a deletion: verification must still report the fault, not throw.
  it('reports, rather than throws, an undecodable entry that follows a deleted one', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    await store.append('child-a', proposedBatch(2), NO_STREAM); // positions 1, 2
    await store.append('child-b', proposedBatch(2), NO_STREAM); // positions 3, 4
    dropTriggers(store);
    store.database.prepare('DELETE FROM ledger_events WHERE global_position = 2').run();
    store.database.prepare("UPDATE ledger_events SET stream_id = 'child-a' WHERE global_position = 4").run();

    const verification = await verifyLedger(store);

    expect(verification.ok).toBe(false);
  });

  // INSERT OR REPLACE deletes the old row without firing the DELETE trigger.
  it('refuses INSERT OR REPLACE over an existing entry', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { entries } = await store.append('child-a', proposedBatch(1), NO_STREAM);
    const entry = entries[0]!;

    expect(() =>
      store.database
        .prepare(
          `INSERT OR REPLACE INTO ledger_events (global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(entry.globalPosition, entry.eventId, entry.streamId, 0, 'Forged', GENESIS_HASH, entry.hash, entry.canonical),
    ).toThrow(/immutable/);
  });
});

describe('SQLite store: every stored row accounted for, and reads hand out only what verification covers', () => {
  const forge = (store: SqliteEventStore, streamId: string, globalPosition: number, moveHead = false) => {
    const forger = new SqliteForger(store.database.name);
    try {
      return forger.forgeNext(streamId, { type: 'NoteRecorded', data: { note: 'forged' }, globalPosition, moveHead });
    } finally {
      forger.close();
    }
  };

  it('an entry at global position 0, chained to its stream: verification names it, reads of its stream refuse it', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { a } = await seed(store);
    const forged = forge(store, a, 0);

    expect((await store.census()).strayEntry).toEqual({ globalPosition: 0, eventId: forged.eventId, streamId: a, streamRevision: 3 });
    const verification = await verifyLedger(store);
    expect(verification.firstFault).toEqual({ globalPosition: 0, eventId: forged.eventId, streamId: a, streamRevision: 3, problem: expect.stringMatching(/outside the log/) });
    expect(verification.checkedEvents).toBe(0);
    await expect(store.readStream(a)).rejects.toThrow(/global position 0 .* cannot be read: it lies outside the log/);
    expect(await store.readAll(1, 100)).toHaveLength(8);
  });

  it("an entry past its stream's head: reads of the stream refuse it, verification finds the head behind the log", async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { a } = await seed(store);
    const forged = forge(store, a, 9);

    await expect(store.readStream(a)).rejects.toThrow(/past its stream's head \(revision 2\)/);
    await expect(store.readStream(a, { toRevision: 2 })).resolves.toHaveLength(3);
    const verification = await verifyLedger(store);
    expect(verification.firstFault).toMatchObject({ streamId: a, streamRevision: forged.streamRevision, problem: expect.stringMatching(/stream head records revision 2/) });
  });

  it('an idempotency record pointed at another stream: a retry is refused, not answered with those entries, and verification names it', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { b } = await seed(store);
    const keyed = await store.append(b, proposedBatch(2, 'command-9'), 2); // positions 9, 10
    store.database.prepare("UPDATE ledger_idempotency SET first_position = 1, last_position = 2 WHERE idempotency_key = 'command-9'").run();

    await expect(store.append(b, proposedBatch(2, 'command-9'), 2)).rejects.toThrow(/points at positions 1\.\.2, which are not that append's entries/);
    const verification = await verifyLedger(store);
    expect(verification.firstFault).toMatchObject({
      globalPosition: 9,
      eventId: keyed.entries[0]!.eventId,
      problem: expect.stringMatching(/its idempotency record points at global positions 1 to 2, not at this entry/),
    });
  });

  it('an idempotency record removed, or one added that no append backs, is named by verification', async () => {
    const store = open(path.join(tempDir(), 'ledger.sqlite'));
    const { b } = await seed(store);
    const keyed = await store.append(b, proposedBatch(1, 'command-9'), 2);

    store.database.prepare("DELETE FROM ledger_idempotency WHERE idempotency_key = 'command-9'").run();
    expect((await verifyLedger(store)).firstFault).toMatchObject({ globalPosition: keyed.entries[0]!.globalPosition, problem: expect.stringMatching(/keeps no record of that key/) });

    store.database.prepare("INSERT INTO ledger_idempotency VALUES (?, 'command-9', 9, 9), (?, 'made-up', 4, 4)").run(b, b);
    expect((await verifyLedger(store)).firstFault).toMatchObject({
      globalPosition: 0,
      problem: expect.stringMatching(/the idempotency table holds 2 records, but 1 are backed by an append of the log/),
    });
  });
});
