import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { NO_STREAM } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { proposed, proposedBatch } from './store-contract.js';

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];

function openCounting(): { store: SqliteEventStore; commits: number[]; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-group-'));
  dirs.push(dir);
  const file = path.join(dir, 'ledger.sqlite');
  const commits: number[] = [];
  const store = openSqliteStore(file, undefined, { onCommit: (appends) => commits.push(appends) });
  stores.push(store);
  return { store, commits, file };
}

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite group commit', () => {
  it('commits 32 concurrent appends in one durable transaction, and each is there after reopening the file', async () => {
    const { store, commits, file } = openCounting();
    const results = await Promise.all(Array.from({ length: 32 }, (_, i) => store.append(`child-${i}`, [proposed()], NO_STREAM)));
    expect(commits).toEqual([32]);
    expect(results.map((r) => r.entries[0]!.globalPosition).sort((a, b) => a - b)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
    await store.close();
    const reopened = openSqliteStore(file);
    stores.push(reopened);
    expect(await reopened.headPosition()).toBe(32);
    for (let i = 0; i < 32; i++) expect(await reopened.readStream(`child-${i}`)).toHaveLength(1);
  });

  it('refuses one append of a group without taking the others with it', async () => {
    const { store, commits } = openCounting();
    await store.append('child-a', [proposed()], NO_STREAM);
    const outcomes = await Promise.allSettled([
      store.append('child-b', [proposed()], NO_STREAM),
      store.append('child-a', proposedBatch(3), 5),
      store.append('child-c', proposedBatch(2), NO_STREAM),
    ]);
    expect(commits).toEqual([1, 3]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyConflict);
    expect(await store.readStream('child-a')).toHaveLength(1);
    expect(await store.readStream('child-c')).toHaveLength(2);
    // The refused append left no gap: positions run on from the last one.
    expect((await store.readAll(1, 100)).map((e) => e.globalPosition)).toEqual([1, 2, 3, 4]);
  });

  it('lets exactly one of two writers at the same expected revision win inside one group', async () => {
    const { store, commits } = openCounting();
    await store.append('child-a', [proposed()], NO_STREAM);
    const outcomes = await Promise.allSettled([store.append('child-a', [proposed()], 0), store.append('child-a', [proposed()], 0)]);
    expect(commits.at(-1)).toBe(2);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected' && o.reason instanceof ConcurrencyConflict)).toHaveLength(1);
    expect(await store.readStream('child-a')).toHaveLength(2);
  });

  it('answers a repeated idempotency key inside one group with the first append', async () => {
    const { store } = openCounting();
    const [first, second] = await Promise.all([
      store.append('child-a', proposedBatch(2, 'key-1'), NO_STREAM),
      store.append('child-a', proposedBatch(2, 'key-1'), NO_STREAM),
    ]);
    expect(first!.deduplicated).toBe(false);
    expect(second!.deduplicated).toBe(true);
    expect(second!.entries.map((e) => e.eventId)).toEqual(first!.entries.map((e) => e.eventId));
    expect(await store.readStream('child-a')).toHaveLength(2);
  });

  it('tells subscribers only once the group is committed', async () => {
    const { store } = openCounting();
    const seen: number[] = [];
    const subscription = store.subscribe({ fromPosition: 1, onEntries: async (entries) => void seen.push(...entries.map((e) => e.globalPosition)) });
    await Promise.all(Array.from({ length: 5 }, (_, i) => store.append(`child-${i}`, [proposed()], NO_STREAM)));
    await expect.poll(() => seen.length).toBe(5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    await subscription.stop();
  });

  it('commits appends still queued when the store is closed', async () => {
    const { store, file } = openCounting();
    const pending = store.append('child-a', [proposed()], NO_STREAM);
    await store.close();
    await expect(pending).resolves.toMatchObject({ nextExpectedRevision: 0 });
    const reopened = openSqliteStore(file);
    stores.push(reopened);
    expect(await reopened.readStream('child-a')).toHaveLength(1);
  });

  it('rejects every append of a group whose transaction cannot commit, and keeps none of them', async () => {
    const { store, file } = openCounting();
    // Another connection holds the write lock past the busy timeout: BEGIN IMMEDIATE fails for the whole group.
    const other = openSqliteStore(file);
    stores.push(other);
    other.database.pragma('busy_timeout = 0');
    store.database.pragma('busy_timeout = 0');
    other.database.prepare('BEGIN IMMEDIATE').run();
    const outcomes = await Promise.allSettled([store.append('child-a', [proposed()], NO_STREAM), store.append('child-b', [proposed()], NO_STREAM)]);
    other.database.prepare('ROLLBACK').run();
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await store.headPosition()).toBe(0);
  });
});
