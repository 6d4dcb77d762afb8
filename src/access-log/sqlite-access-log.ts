import Database from 'better-sqlite3';
import { ACCESS_LOG_GENESIS, accessHash, type AccessEntry, type LoggedAccess } from './access-entry.js';
import type { AccessLog, AccessLogVerification } from './port.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
  child_id      TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash          TEXT NOT NULL,
  entry         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_by_child ON access_log (child_id, sequence);
CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
  BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
`;

interface Row {
  sequence: number;
  previous_hash: string;
  hash: string;
  entry: string;
}

const logged = (row: Row): LoggedAccess => ({ ...(JSON.parse(row.entry) as AccessEntry), sequence: row.sequence, previousHash: row.previous_hash, hash: row.hash });

/**
 * The access log in its own SQLite file (WAL, synchronous=FULL). Appends arriving while a commit is pending
 * are committed together (group commit): many concurrent reads cost one fsync, and each caller is answered
 * only once its entries are durable.
 */
export function openSqliteAccessLog(file: string): AccessLog {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA);
  const lastHash = db.prepare('SELECT hash FROM access_log ORDER BY sequence DESC LIMIT 1').pluck();
  const insert = db.prepare('INSERT INTO access_log (child_id, previous_hash, hash, entry) VALUES (?, ?, ?, ?)');
  const forChild = db.prepare('SELECT sequence, previous_hash, hash, entry FROM access_log WHERE child_id = ? ORDER BY sequence DESC LIMIT ?');
  const writeBatch = db.transaction((entries: readonly AccessEntry[]) => {
    let previous = (lastHash.get() as string | undefined) ?? ACCESS_LOG_GENESIS;
    for (const entry of entries) {
      const hash = accessHash(previous, entry);
      insert.run(entry.childId, previous, hash, JSON.stringify(entry));
      previous = hash;
    }
  });

  let pending: Array<{ entries: readonly AccessEntry[]; done: (error?: unknown) => void }> = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    try {
      writeBatch.immediate(batch.flatMap((b) => b.entries));
      for (const b of batch) b.done();
    } catch (error) {
      for (const b of batch) b.done(error);
    }
  };

  return {
    append(entries) {
      if (entries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        if (pending.length === 0) setImmediate(flush);
        pending.push({ entries, done: (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()) });
      });
    },
    async forChild(childId, options = {}) {
      return (forChild.all(childId, Math.min(options.limit ?? 500, 5000)) as Row[]).map(logged);
    },
    async verify(): Promise<AccessLogVerification> {
      let previous = ACCESS_LOG_GENESIS;
      let count = 0;
      for (const row of db.prepare('SELECT sequence, previous_hash, hash, entry FROM access_log ORDER BY sequence').iterate() as IterableIterator<Row>) {
        count++;
        const entry = JSON.parse(row.entry) as AccessEntry;
        if (row.previous_hash !== previous || accessHash(previous, entry) !== row.hash) return { intact: false, entries: count, firstBrokenSequence: row.sequence };
        previous = row.hash;
      }
      return { intact: true, entries: count };
    },
    async close() {
      if (pending.length > 0) flush();
      db.close();
    },
  };
}
