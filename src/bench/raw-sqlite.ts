import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { BenchTarget, TargetFactory } from './target.js';
import type { WorkloadEvent } from './workload.js';

/**
 * The physical-limit baseline on SQLite: the same rows in a plain table through better-sqlite3 prepared
 * statements, with the ledger's durability (WAL, synchronous=FULL) and nothing else: no envelope, no
 * canonical encoding, no hashing, no revision check beyond the unique index a stream read needs anyway.
 */
export const RAW_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position        INTEGER PRIMARY KEY,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  event_id        TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision)
);`;

interface Row {
  position: number;
  stream_id: string;
  stream_revision: number;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
}

export interface RawSqlite extends BenchTarget {
  readonly database: Database.Database;
  /** Insert rows without waiting for each commit's fsync: for loading data that is then read, never for timing writes. */
  insertRow(streamId: string, revision: number, eventId: string, type: string, data: unknown, metadata: unknown): void;
}

export function openRawSqlite(file: string): RawSqlite {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(RAW_SQLITE_SCHEMA);
  const insert = db.prepare('INSERT INTO events (stream_id, stream_revision, event_id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)');
  const selectStream = db.prepare<[string], Row>('SELECT * FROM events WHERE stream_id = ? ORDER BY stream_revision');
  const scan = db.prepare<[], Row>('SELECT * FROM events ORDER BY position');
  const insertOne = (e: WorkloadEvent) => insert.run(e.streamId, e.revision, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
  const insertMany = db.transaction((events: readonly WorkloadEvent[]) => {
    for (const e of events) insertOne(e);
  });
  const decode = (row: Row) => ({ ...row, data: JSON.parse(row.data) as unknown, metadata: JSON.parse(row.metadata) as unknown });
  return {
    database: db,
    async append(events) {
      // One event alone is one autocommit transaction; several are one explicit transaction.
      if (events.length === 1) insertOne(events[0]!);
      else insertMany(events);
    },
    async readStream(streamId) {
      return selectStream.all(streamId).map(decode);
    },
    async replay(fold) {
      let count = 0;
      for (const row of scan.iterate()) {
        const event = decode(row);
        fold({ streamId: event.stream_id, type: event.type, event });
        count++;
      }
      return count;
    },
    insertRow(streamId, revision, eventId, type, data, metadata) {
      insert.run(streamId, revision, eventId, type, JSON.stringify(data), JSON.stringify(metadata));
    },
    async close() {
      if (db.open) db.close();
    },
  };
}

export function rawSqliteFactory(dir: string): TargetFactory {
  return {
    variant: 'raw driver',
    store: 'sqlite',
    baseline: true,
    async open(name) {
      return openRawSqlite(join(dir, `${name}-raw.sqlite`));
    },
  };
}
