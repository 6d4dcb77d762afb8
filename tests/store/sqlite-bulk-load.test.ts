import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/integrity/verify-ledger.js';
import { ConcurrencyConflict } from '../../src/store/errors.js';
import { NO_STREAM } from '../../src/store/port.js';
import { openSqliteStore, type SqliteEventStore } from '../../src/store/sqlite-store.js';
import { proposed } from './store-contract.js';

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function openLedger(): { file: string; store: SqliteEventStore } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'send-ledger-bulk-'));
  dirs.push(dir);
  const file = path.join(dir, 'ledger.sqlite');
  const store = openSqliteStore(file);
  stores.push(store);
  return { file, store };
}

/** Entries another connection to the file can see: what has been committed. */
const committedIn = (file: string): number => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ledger_events').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('SQLite store: bulk load (seeding tools)', () => {
  it('checks every append as usual, reads what it appended, commits every appendsPerCommit appends and at the end', async () => {
    const { file, store } = openLedger();
    const seen: number[] = [];
    await store.bulkLoad(async () => {
      for (let i = 0; i < 7; i++) {
        await store.append('child-a', [proposed()], i === 0 ? NO_STREAM : i - 1);
        seen.push(committedIn(file));
      }
      await expect(store.append('child-a', [proposed()], 2)).rejects.toBeInstanceOf(ConcurrencyConflict);
      expect((await store.readStream('child-a')).map((e) => e.streamRevision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    }, 3);
    expect(seen).toEqual([0, 0, 3, 3, 3, 6, 6]);
    expect(committedIn(file)).toBe(7);
    const report = await verifyLedger(store);
    expect(report.ok).toBe(true);
    expect(report.checkedEvents).toBe(7);
  });

  it('commits what it acknowledged when the work fails, and appends are durable one by one again after it', async () => {
    const { file, store } = openLedger();
    await expect(
      store.bulkLoad(async () => {
        await store.append('child-a', [proposed()], NO_STREAM);
        await store.append('child-a', [proposed()], 0);
        throw new Error('the generator stopped');
      }),
    ).rejects.toThrow('the generator stopped');
    expect(committedIn(file)).toBe(2);
    await store.append('child-a', [proposed()], 1);
    expect(committedIn(file)).toBe(3);
    expect(store.database.inTransaction).toBe(false);
  });

  it('refuses a second bulk load at once', async () => {
    const { store } = openLedger();
    await store.bulkLoad(async () => {
      await expect(store.bulkLoad(async () => undefined)).rejects.toThrow(/already/);
    });
  });
});
