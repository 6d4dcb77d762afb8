import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { openEntry, position, revision, type LedgerEntry, type ProposedEvent } from '../ledger/envelope.js';
import { reportAppendCommit } from './append-commits.js';
import { idempotencyKeyOf, planAppend } from './append-plan.js';
import { catchUpSubscription } from './catch-up-subscription.js';
import { coveredLogPage, coveredRepeat, coveredStreamRead } from './covered-reads.js';
import { CorruptEntry } from './errors.js';
import type { IdempotencyRecord, LedgerCensus, LedgerCensusTaker, StoredRow } from './ledger-census.js';
import type { AppendResult, EventStore, ExpectedRevision, StreamHead, StreamRange, SubscribeOptions } from './port.js';
import { checkSealedEntry, type SealedImport } from './sealed-import.js';

// No AUTOINCREMENT: rows are never deleted (the triggers below), so max + 1 never reuses a position, and
// AUTOINCREMENT would write one more page (sqlite_sequence) in every commit. Files made with it still open.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_events (
  global_position INTEGER PRIMARY KEY,
  event_id        TEXT    NOT NULL UNIQUE,
  stream_id       TEXT    NOT NULL,
  stream_revision INTEGER NOT NULL,
  type            TEXT    NOT NULL,
  previous_hash   TEXT    NOT NULL,
  hash            TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  UNIQUE (stream_id, stream_revision)
);
CREATE TABLE IF NOT EXISTS ledger_streams (
  stream_id TEXT PRIMARY KEY,
  revision  INTEGER NOT NULL,
  hash      TEXT    NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_idempotency (
  stream_id       TEXT    NOT NULL,
  idempotency_key TEXT    NOT NULL,
  first_position  INTEGER NOT NULL,
  last_position   INTEGER NOT NULL,
  PRIMARY KEY (stream_id, idempotency_key)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS ledger_events_no_update BEFORE UPDATE ON ledger_events
  BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable: record a correction instead'); END;
CREATE TRIGGER IF NOT EXISTS ledger_events_no_delete BEFORE DELETE ON ledger_events
  BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable: record a correction instead'); END;
-- INSERT OR REPLACE deletes the old row without firing a DELETE trigger.
CREATE TRIGGER IF NOT EXISTS ledger_events_no_replace BEFORE INSERT ON ledger_events
  WHEN EXISTS (SELECT 1 FROM ledger_events WHERE global_position = NEW.global_position OR event_id = NEW.event_id
               OR (stream_id = NEW.stream_id AND stream_revision = NEW.stream_revision))
  BEGIN SELECT RAISE(ABORT, 'ledger entries are immutable: record a correction instead'); END;
`;

interface EventRow {
  global_position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  previous_hash: string;
  hash: string;
  body: string;
}

export interface SqliteEventStore extends EventStore, SealedImport, LedgerCensusTaker {
  /** The open database, for read models that commit with their checkpoint in the same file. */
  readonly database: Database.Database;
  /**
   * For seeding tools only. While `work` runs, each append is made at once inside one open transaction and
   * acknowledged before it is durable; the transaction is committed every `appendsPerCommit` appends and when
   * `work` settles (whether it resolves or throws: an append refused was already undone alone). Every check of
   * an append is the same; only the commit per append is saved.
   */
  bulkLoad<T>(work: () => Promise<T>, appendsPerCommit?: number): Promise<T>;
}

export interface SqliteStoreOptions {
  /** Told after each durable commit how many appends it carried (group commit). */
  onCommit?: (appends: number) => void;
}

interface QueuedAppend {
  streamId: string;
  events: ProposedEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The embedded default. WAL with synchronous=FULL: a transaction is fsynced before append returns,
 * so an acknowledged event survives a power cut. BEGIN IMMEDIATE takes the write lock before the
 * stream head is read, so two processes on one file cannot both pass the same expected revision.
 *
 * Group commit: appends that arrive in the same turn of the event loop are written in one transaction,
 * each in its own savepoint (a refused append takes nothing else with it), and all are acknowledged
 * after that transaction's one fsync. Many concurrent writers pay for one commit instead of one each;
 * a lone writer waits one event-loop turn.
 */
export function openSqliteStore(file: string, clock: () => Date = () => new Date(), options: SqliteStoreOptions = {}): SqliteEventStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const appended = new EventEmitter();
  const selectHead = db.prepare<[string], { revision: number; hash: string }>(
    'SELECT revision, hash FROM ledger_streams WHERE stream_id = ?',
  );
  const selectKey = db.prepare<[string, string], { first_position: number; last_position: number }>(
    'SELECT first_position, last_position FROM ledger_idempotency WHERE stream_id = ? AND idempotency_key = ?',
  );
  const insertEvent = db.prepare(
    `INSERT INTO ledger_events (event_id, stream_id, stream_revision, type, previous_hash, hash, body)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertHead = db.prepare(
    `INSERT INTO ledger_streams (stream_id, revision, hash) VALUES (?, ?, ?)
     ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
  );
  const insertKey = db.prepare(
    'INSERT INTO ledger_idempotency (stream_id, idempotency_key, first_position, last_position) VALUES (?, ?, ?, ?)',
  );
  const selectRange = db.prepare<[number, number], EventRow>(
    'SELECT global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body FROM ledger_events WHERE global_position BETWEEN ? AND ? ORDER BY global_position',
  );
  const selectStream = db.prepare<[string, number, number], EventRow>(
    `SELECT global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body FROM ledger_events
     WHERE stream_id = ? AND stream_revision BETWEEN ? AND ? ORDER BY stream_revision`,
  );
  const selectFrom = db.prepare<[number, number], EventRow>(
    'SELECT global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body FROM ledger_events WHERE global_position >= ? ORDER BY global_position LIMIT ?',
  );
  const selectLast = db.prepare<[], { p: number | null }>('SELECT MAX(global_position) AS p FROM ledger_events');
  const selectHeads = db.prepare<[], { stream_id: string; revision: number; hash: string }>(
    'SELECT stream_id, revision, hash FROM ledger_streams ORDER BY stream_id',
  );

  const head = (streamId: string): StreamHead | null => {
    const row = selectHead.get(streamId);
    return row ? { revision: revision(row.revision), hash: row.hash } : null;
  };

  // The census: every table counted inside one read transaction, so it adds up while another process writes.
  const countEntries = db.prepare<[], { n: number; highest: number | null }>('SELECT count(*) AS n, max(global_position) AS highest FROM ledger_events');
  const selectStray = db.prepare<[], StoredRow>(
    `SELECT global_position AS globalPosition, event_id AS eventId, stream_id AS streamId, stream_revision AS streamRevision
     FROM ledger_events WHERE global_position < 1 ORDER BY global_position LIMIT 1`,
  );
  const countKeys = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM ledger_idempotency');
  const takeCensus = db.transaction((): LedgerCensus => {
    const { n, highest } = countEntries.get()!;
    return {
      storedEntries: n,
      head: Math.max(0, highest ?? 0),
      strayEntry: selectStray.get() ?? null,
      streamHeads: selectHeads.all().map((row) => ({ streamId: row.stream_id, revision: revision(row.revision), hash: row.hash })),
      idempotencyRecords: countKeys.get()!.n,
    };
  });
  const selectRecord = db.prepare<[string, string], { first_position: number; last_position: number }>(
    'SELECT first_position, last_position FROM ledger_idempotency WHERE stream_id = ? AND idempotency_key = ?',
  );
  const selectRow = db.prepare<[string, number], EventRow>(
    'SELECT global_position, event_id, stream_id, stream_revision, type, previous_hash, hash, body FROM ledger_events WHERE stream_id = ? AND stream_revision = ?',
  );

  const appendInTransaction = db.transaction(
    (streamId: string, events: ProposedEvent[], expected: ExpectedRevision): AppendResult => {
      const key = idempotencyKeyOf(events);
      const seen = key === undefined ? undefined : selectKey.get(streamId, key);
      if (seen) {
        const range = { first: seen.first_position, last: seen.last_position };
        const entries = coveredRepeat(streamId, key!, range, selectRange.all(range.first, range.last).map(decode));
        return { nextExpectedRevision: head(streamId)!.revision, entries, deduplicated: true };
      }
      const sealed = planAppend(streamId, head(streamId), events, expected, clock().toISOString());
      const entries = sealed.map((s) => {
        const { lastInsertRowid } = insertEvent.run(
          s.body.eventId, streamId, s.body.streamRevision, s.body.type, s.previousHash, s.hash, s.canonical,
        );
        const entry = s.body as LedgerEntry; // the body was made for this append alone: completed in place, not copied
        entry.globalPosition = position(Number(lastInsertRowid));
        entry.canonical = s.canonical;
        entry.previousHash = s.previousHash;
        entry.hash = s.hash;
        return entry;
      });
      const last = entries.at(-1)!;
      upsertHead.run(streamId, last.streamRevision, last.hash);
      if (key !== undefined) insertKey.run(streamId, key, entries[0]!.globalPosition, last.globalPosition);
      return { nextExpectedRevision: last.streamRevision, entries, deduplicated: false };
    },
  );

  // Ledger copies only (src/store/sealed-import.ts): entries sealed elsewhere, checked against this chain, stored as given.
  const upsertKey = db.prepare(
    `INSERT INTO ledger_idempotency (stream_id, idempotency_key, first_position, last_position) VALUES (?, ?, ?, ?)
     ON CONFLICT (stream_id, idempotency_key) DO UPDATE SET last_position = excluded.last_position`,
  );
  const importInTransaction = db.transaction((entries: readonly LedgerEntry[]): LedgerEntry[] =>
    entries.map((entry) => {
      const body = checkSealedEntry(entry, head(entry.streamId));
      const { lastInsertRowid } = insertEvent.run(
        entry.eventId, entry.streamId, entry.streamRevision, entry.type, entry.previousHash, entry.hash, entry.canonical,
      );
      const stored = position(Number(lastInsertRowid));
      upsertHead.run(entry.streamId, entry.streamRevision, entry.hash);
      const key = body.metadata?.idempotencyKey;
      if (key !== undefined) upsertKey.run(entry.streamId, key, stored, stored);
      return openEntry(entry.canonical, stored, entry.previousHash, entry.hash);
    }),
  );

  type AppendOutcome = { result: AppendResult } | { error: unknown };
  const appendGroup = db.transaction((batch: readonly QueuedAppend[]): AppendOutcome[] =>
    batch.map((op) => {
      try {
        // A transaction function called inside another runs as a savepoint of it.
        return { result: appendInTransaction(op.streamId, op.events, op.expected) };
      } catch (error) {
        return { error };
      }
    }),
  );

  // The rows and the head in one read transaction: one snapshot, whatever another process appends meanwhile.
  const readStreamCovered = db.transaction((streamId: string, range: StreamRange) => {
    const rows = selectStream.all(streamId, range.fromRevision ?? 0, range.toRevision ?? Number.MAX_SAFE_INTEGER);
    return coveredStreamRead(streamId, range, rows.map(decode), head(streamId));
  });
  const readFrom = async (fromPosition: number, limit: number) => coveredLogPage(fromPosition, selectFrom.all(Math.max(1, fromPosition), limit).map(decode));

  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  let bulk: { appendsPerCommit: number; uncommitted: number } | null = null;
  const commitBulk = () => {
    if (!bulk || !db.inTransaction) return;
    const started = performance.now();
    commit.run();
    options.onCommit?.(bulk.uncommitted);
    reportAppendCommit({ store: 'sqlite', appends: bulk.uncommitted, seconds: (performance.now() - started) / 1000 });
    bulk.uncommitted = 0;
  };
  const appendInBulk = (streamId: string, events: ProposedEvent[], expected: ExpectedRevision): AppendResult => {
    if (!db.inTransaction) begin.run();
    const result = appendInTransaction(streamId, events, expected); // a savepoint: refused, it takes nothing else
    if (++bulk!.uncommitted >= bulk!.appendsPerCommit) commitBulk();
    if (!result.deduplicated) appended.emit('appended');
    return result;
  };

  let queued: QueuedAppend[] = [];
  const commitQueued = () => {
    const batch = queued;
    queued = [];
    if (batch.length === 0) return;
    const started = performance.now();
    if (batch.length === 1) {
      // Alone in its turn (a lone writer): its own transaction, without a savepoint inside it.
      const op = batch[0]!;
      let result: AppendResult;
      try {
        result = appendInTransaction.immediate(op.streamId, op.events, op.expected);
      } catch (error) {
        op.reject(error);
        return;
      }
      options.onCommit?.(1);
      reportAppendCommit({ store: 'sqlite', appends: 1, seconds: (performance.now() - started) / 1000 });
      op.resolve(result);
      if (!result.deduplicated) appended.emit('appended');
      return;
    }
    let outcomes: AppendOutcome[];
    try {
      outcomes = appendGroup.immediate(batch);
    } catch (error) {
      // Nothing of the batch is durable (BEGIN, COMMIT or the disk failed): every writer hears so.
      for (const op of batch) op.reject(error);
      return;
    }
    options.onCommit?.(batch.length);
    reportAppendCommit({ store: 'sqlite', appends: batch.length, seconds: (performance.now() - started) / 1000 });
    batch.forEach((op, i) => {
      const outcome = outcomes[i]!;
      if ('result' in outcome) op.resolve(outcome.result);
      else op.reject(outcome.error);
    });
    if (outcomes.some((o) => 'result' in o && !o.result.deduplicated)) appended.emit('appended');
  };

  return {
    database: db,
    async bulkLoad(work, appendsPerCommit = 4000) {
      if (bulk) throw new Error('a bulk load is already under way on this store');
      commitQueued();
      bulk = { appendsPerCommit, uncommitted: 0 };
      try {
        return await work();
      } finally {
        try {
          commitBulk();
        } finally {
          bulk = null;
        }
      }
    },
    async importSealed(entries) {
      const stored = importInTransaction.immediate(entries);
      if (stored.length > 0) appended.emit('appended');
      return stored;
    },
    append(streamId, events, expected) {
      if (bulk) {
        try {
          return Promise.resolve(appendInBulk(streamId, events, expected));
        } catch (error) {
          return Promise.reject(error);
        }
      }
      return new Promise<AppendResult>((resolve, reject) => {
        // setImmediate, not a microtask: writers woken by the previous commit's acknowledgements get to queue first.
        if (queued.length === 0) setImmediate(commitQueued);
        queued.push({ streamId, events, expected, resolve, reject });
      });
    },
    async readStream(streamId: string, range: StreamRange = {}) {
      return readStreamCovered(streamId, range);
    },
    async readAll(fromPosition: number, limit: number) {
      return readFrom(fromPosition, limit);
    },
    async streamHead(streamId: string) {
      const recorded = head(streamId);
      if (recorded) {
        const row = selectRow.get(streamId, recorded.revision);
        coveredStreamRead(streamId, { fromRevision: recorded.revision }, row ? [decode(row)] : [], recorded);
      }
      return recorded;
    },
    async streamHeads() {
      return selectHeads.all().map((row) => ({ streamId: row.stream_id, revision: revision(row.revision), hash: row.hash }));
    },
    async headPosition() {
      const p = selectLast.get()?.p ?? 0;
      return p === 0 ? 0 : position(p);
    },
    async census() {
      return takeCensus();
    },
    async idempotencyRecordsOf(keys) {
      return keys.flatMap(({ streamId, idempotencyKey }): IdempotencyRecord[] => {
        const row = selectRecord.get(streamId, idempotencyKey);
        return row ? [{ streamId, idempotencyKey, firstPosition: row.first_position, lastPosition: row.last_position }] : [];
      });
    },
    subscribe(options: SubscribeOptions) {
      return catchUpSubscription(
        readFrom,
        (listener) => {
          appended.on('appended', listener);
          return () => appended.off('appended', listener);
        },
        options,
      );
    },
    async close() {
      // Appends already accepted are committed (and answered) before the file closes.
      if (db.open) commitQueued();
      if (db.open) db.close();
    },
  };
}

function decode(row: EventRow): LedgerEntry {
  let entry: LedgerEntry;
  try {
    entry = openEntry(row.body, row.global_position, row.previous_hash, row.hash);
  } catch (error) {
    throw new CorruptEntry(row.global_position, `its stored bytes are not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  // The indexed columns route queries; they must say what the hashed body says.
  if (
    entry.eventId !== row.event_id ||
    entry.streamId !== row.stream_id ||
    entry.streamRevision !== row.stream_revision ||
    entry.type !== row.type
  ) {
    throw new CorruptEntry(row.global_position, 'its indexed columns disagree with its hashed body');
  }
  return entry;
}
