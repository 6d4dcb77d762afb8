import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { ACCESS_LOG_GENESIS, accessHash, verifyAccessChain, type AccessEntry, type LoggedAccess, type StoredAccessRow } from './access-entry.js';
import { groupCommit } from './group-commit.js';
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

/** The access log in its own SQLite file (WAL, synchronous=FULL), group-committed. */
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

  const commits = groupCommit((entries) => writeBatch.immediate(entries));

  return {
    append: commits.append,
    async forChild(childId, options = {}) {
      return (forChild.all(childId, Math.min(options.limit ?? 500, 5000)) as Row[]).map(logged);
    },
    async verify(): Promise<AccessLogVerification> {
      return verifySqliteAccessLog(db);
    },
    async writable() {
      if (!db.open || db.readonly) return false;
      if (db.memory) return true;
      // A file made read-only (or a volume remounted so) since it was opened fails only at the next commit.
      return access(file, constants.W_OK).then(
        () => true,
        () => false,
      );
    },
    async close() {
      await commits.drain();
      db.close();
    },
  };
}

/** Verifies the access log in an open database, streaming its rows in one read (a snapshot in WAL mode). */
export function verifySqliteAccessLog(db: Database.Database): AccessLogVerification {
  const rows = db
    .prepare<[], StoredAccessRow>('SELECT sequence, previous_hash AS previousHash, hash, child_id AS childId, entry FROM access_log ORDER BY sequence')
    .iterate();
  return verifyAccessChain(rows);
}

/** Verifies an access log file without writing to it (a backup's copy, before or after a restore). */
export function verifyAccessLogFile(file: string): AccessLogVerification {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return verifySqliteAccessLog(db);
  } finally {
    db.close();
  }
}

/** The hash of entry `sequence` of an access log file (null when it has none), read without writing to it. */
export function accessLogHashAt(file: string, sequence: number): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare<[number], string>('SELECT hash FROM access_log WHERE sequence = ?').pluck().get(sequence) as string | undefined) ?? null;
  } finally {
    db.close();
  }
}
