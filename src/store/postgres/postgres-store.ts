import { EventEmitter } from 'node:events';
import pg from 'pg';
import { position, revision, type LedgerEntry, type ProposedEvent } from '../../ledger/envelope.js';
import { reportAppendCommit } from '../append-commits.js';
import { catchUpSubscription } from '../catch-up-subscription.js';
import { coveredLogPage, coveredStreamRead } from '../covered-reads.js';
import type { IdempotencyRecord, LedgerCensusTaker, StoredRow } from '../ledger-census.js';
import type { AppendResult, EventStore, ExpectedRevision, StreamRange, SubscribeOptions } from '../port.js';
import type { SealedImport } from '../sealed-import.js';
import { appendNotifications } from './append-notifications.js';
import { EVENT_COLUMNS, decodeEventRow, type EventRow } from './event-rows.js';
import { appendGroup, type AppendOutcome, type GroupedAppend } from './grouped-append.js';
import { importSealedEntries } from './import-sealed.js';
import { RememberedHeads } from './remembered-heads.js';
import { ensureLedgerSchema } from './schema.js';
import { appendSingle } from './single-append.js';
import { inTransaction } from './transaction.js';

export interface PostgresEventStore extends EventStore, SealedImport, LedgerCensusTaker {
  /** The connection pool, for read models that commit with their checkpoint in the same database. */
  readonly pool: pg.Pool;
}

export interface PostgresStoreOptions {
  /**
   * Runs inside each append's transaction after its positions are claimed, just before COMMIT.
   * A seam for tests that hold a transaction open to race other writers and readers against it.
   */
  beforeCommit?: (entries: readonly LedgerEntry[]) => Promise<void>;
  /** Told after each durable commit of appends how many it carried (group commit). */
  onCommit?: (appends: number) => void;
}

/** A group's own work failed, so its transaction was rolled back and nothing of it is stored. */
class GroupRolledBack extends Error {
  constructor(readonly reason: unknown) {
    super('a grouped append failed and was rolled back', { cause: reason });
  }
}

// The reads every page, command and replay makes, named so each pooled connection parses and plans them once.
const READ_FROM = {
  name: 'ledger-read-from',
  text: `SELECT ${EVENT_COLUMNS}, (SELECT head FROM ledger_log) AS log_head FROM ledger_events
         WHERE global_position >= $1 ORDER BY global_position LIMIT $2`,
};
const READ_STREAM = {
  name: 'ledger-read-stream',
  text: `SELECT e.*, s.revision AS head_revision, s.hash AS head_hash, (SELECT head FROM ledger_log) AS log_head
         FROM (SELECT 1) AS one
         LEFT JOIN ledger_streams s ON s.stream_id = $1
         LEFT JOIN LATERAL (
           SELECT ${EVENT_COLUMNS} FROM ledger_events
           WHERE stream_id = $1 AND stream_revision BETWEEN COALESCE($2::bigint, s.revision) AND COALESCE($3::bigint, s.revision) ORDER BY stream_revision
         ) AS e ON true
         ORDER BY e.stream_revision`,
};

/** Durable on acknowledgement, whatever the server's or the role's default is. */
const BEGIN_DURABLE = 'BEGIN; SET LOCAL synchronous_commit TO on';

/**
 * The EventStore port on PostgreSQL, with the same stored format and behaviour as the SQLite store.
 * An append is one transaction with synchronous_commit on, so an acknowledged event has been flushed to the
 * write-ahead log. Appends to a stream are serialised by an advisory lock under which its head is checked, so
 * two processes cannot both pass the same expected revision: an append alone is sealed in the service against
 * the head it remembers and sent as one statement that checks it there (single-append.ts); a group reads its
 * heads under the locks (grouped-append.ts). Positions are claimed in commit order (see schema.ts), so
 * catch-up readers never skip an entry committed late by a concurrent writer.
 *
 * Given a connection string the store owns its pool and ends it on close; given a pool, the caller does.
 */
export async function openPostgresStore(
  connection: string | pg.Pool,
  clock: () => Date = () => new Date(),
  options: PostgresStoreOptions = {},
): Promise<PostgresEventStore> {
  const ownsPool = typeof connection === 'string';
  const pool = typeof connection === 'string' ? new pg.Pool({ connectionString: connection }) : connection;
  // An idle connection the server dropped: the pool replaces it, and a query in flight gets the error itself.
  if (ownsPool) pool.on('error', () => {});
  try {
    await ensureLedgerSchema(pool);
  } catch (error) {
    if (ownsPool) await pool.end();
    throw error;
  }

  const appended = new EventEmitter();
  const notifications = appendNotifications(pool.options);
  let closed = false;

  // With the log head in the same statement (one snapshot): a row past it was put there outside the ledger.
  const readFrom = async (fromPosition: number, limit: number) => {
    const { rows } = await pool.query<EventRow & { log_head: string }>({ ...READ_FROM, values: [Math.max(1, fromPosition), limit] });
    return coveredLogPage(fromPosition, rows.map(decodeEventRow), rows.length === 0 ? undefined : Number(rows[0]!.log_head));
  };

  /**
   * A stream's rows in a revision range with its head and the log head, in one statement (one snapshot).
   * `'head'` reads the head's own revision: the newest entry, which must back the head.
   */
  const readCovered = async (streamId: string, range: StreamRange | 'head') => {
    const { rows } = await pool.query<Partial<EventRow> & { head_revision: string | null; head_hash: string | null; log_head: string }>({
      ...READ_STREAM,
      values: range === 'head' ? [streamId, null, null] : [streamId, range.fromRevision ?? 0, range.toRevision ?? Number.MAX_SAFE_INTEGER],
    });
    const first = rows[0]!;
    const head = first.head_revision === null ? null : { revision: revision(Number(first.head_revision)), hash: first.head_hash! };
    const entries = rows.filter((row) => row.global_position !== null).map((row) => decodeEventRow(row as EventRow));
    const checkedRange = range === 'head' ? { fromRevision: head?.revision ?? 0, toRevision: head?.revision ?? 0 } : range;
    return { head, entries: coveredStreamRead(streamId, checkedRange, entries, head, Number(first.log_head)) };
  };

  const heads = new RememberedHeads();
  const appendAlone = (streamId: string, events: ProposedEvent[], expected: ExpectedRevision) =>
    appendSingle({ pool, heads, recordedAt: () => clock().toISOString(), beforeCommit: options.beforeCommit }, streamId, events, expected);

  /**
   * Group commit: while one group's transaction is in flight, appends queue; the queue then goes as the next group,
   * one transaction and one WAL flush for all of it. If a group fails as a whole (a constraint only a writer that
   * bypassed the locks could break, a lost connection), each of its appends is tried alone, so one cannot sink the rest.
   */
  let queued: Array<GroupedAppend & { resolve: (result: AppendResult) => void; reject: (error: unknown) => void }> = [];
  let committing = false;
  const commitQueued = async () => {
    if (committing || queued.length === 0) return;
    committing = true;
    const group = queued;
    queued = [];
    const started = performance.now();
    try {
      const alone = (op: GroupedAppend) => appendAlone(op.streamId, op.events, op.expected).then((result): AppendOutcome => ({ result }), (error: unknown): AppendOutcome => ({ error }));
      let outcomes: AppendOutcome[];
      try {
        outcomes =
          group.length === 1
            ? [await alone(group[0]!)]
            : await inTransaction(
                pool,
                (client) => appendGroup(client, group, clock().toISOString(), options.beforeCommit).catch((error: unknown) => Promise.reject(new GroupRolledBack(error))),
                BEGIN_DURABLE,
              );
      } catch (error) {
        // Retried alone only when the group surely rolled back; a failed COMMIT leaves the outcome unknown, as for one append.
        if (!(error instanceof GroupRolledBack)) throw error;
        outcomes = [];
        for (const op of group) outcomes.push(await alone(op));
      }
      const committed = outcomes.filter((o) => 'result' in o).length;
      options.onCommit?.(committed);
      reportAppendCommit({ store: 'postgres', appends: committed, seconds: (performance.now() - started) / 1000 });
      group.forEach((op, i) => {
        const outcome = outcomes[i]!;
        // An append alone has remembered its head already; after a group, a refused or repeated one is asked for next time.
        if (group.length > 1) {
          const written = 'result' in outcome && !outcome.result.deduplicated ? outcome.result.entries.at(-1) : undefined;
          if (written) heads.set(op.streamId, { revision: written.streamRevision, hash: written.hash });
          else heads.forget(op.streamId);
        }
        if ('result' in outcome) op.resolve(outcome.result);
        else op.reject(outcome.error);
      });
      if (outcomes.some((o) => 'result' in o && !o.result.deduplicated)) appended.emit('appended');
    } catch (error) {
      for (const op of group) op.reject(error);
    } finally {
      committing = false;
      if (queued.length > 0) void commitQueued();
    }
  };

  return {
    pool,
    async importSealed(entries) {
      for (const streamId of new Set(entries.map((e) => e.streamId))) heads.forget(streamId);
      const stored = await inTransaction(pool, (client) => importSealedEntries(client, entries), BEGIN_DURABLE);
      if (stored.length > 0) appended.emit('appended');
      return stored;
    },
    append(streamId, events, expected) {
      return new Promise<AppendResult>((resolve, reject) => {
        queued.push({ streamId, events, expected, resolve, reject });
        if (!committing) setImmediate(commitQueued);
      });
    },
    async readStream(streamId: string, range: StreamRange = {}) {
      return (await readCovered(streamId, range)).entries;
    },
    readAll: readFrom,
    async streamHead(streamId: string) {
      // Read with its newest entry: a head no stored entry backs is refused like the entry it names.
      return (await readCovered(streamId, 'head')).head;
    },
    async streamHeads() {
      // Byte order, as SQLite sorts, whatever the database's collation.
      const { rows } = await pool.query<{ stream_id: string; revision: string; hash: string }>(
        'SELECT stream_id, revision, hash FROM ledger_streams ORDER BY stream_id COLLATE "C"',
      );
      return rows.map((row) => ({ streamId: row.stream_id, revision: revision(Number(row.revision)), hash: row.hash }));
    },
    async headPosition() {
      // The log head, not the highest row: a row stored past it is not in the log.
      const { rows } = await pool.query<{ head: string }>('SELECT head FROM ledger_log');
      const p = Number(rows[0]?.head ?? 0);
      return p === 0 ? 0 : position(p);
    },
    async census() {
      return inTransaction(
        pool,
        async (client) => {
          const counted = await client.query<{ stored: string; idempotency: string; head: string | null }>(
            `SELECT (SELECT count(*) FROM ledger_events) AS stored, (SELECT count(*) FROM ledger_idempotency) AS idempotency,
                    (SELECT head FROM ledger_log) AS head`,
          );
          const head = Number(counted.rows[0]!.head ?? 0);
          const stray = await client.query<{ global_position: string; event_id: string; stream_id: string; stream_revision: string }>(
            `SELECT global_position, event_id, stream_id, stream_revision FROM ledger_events
             WHERE global_position < 1 OR global_position > $1 ORDER BY global_position LIMIT 1`,
            [head],
          );
          const heads = await client.query<{ stream_id: string; revision: string; hash: string }>(
            'SELECT stream_id, revision, hash FROM ledger_streams ORDER BY stream_id COLLATE "C"',
          );
          const strayRow = stray.rows[0];
          const strayEntry: StoredRow | null = strayRow
            ? { globalPosition: Number(strayRow.global_position), eventId: strayRow.event_id, streamId: strayRow.stream_id, streamRevision: Number(strayRow.stream_revision) }
            : null;
          return {
            storedEntries: Number(counted.rows[0]!.stored),
            head,
            strayEntry,
            streamHeads: heads.rows.map((row) => ({ streamId: row.stream_id, revision: revision(Number(row.revision)), hash: row.hash })),
            idempotencyRecords: Number(counted.rows[0]!.idempotency),
          };
        },
        // One snapshot for every count, however the service writes meanwhile.
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
      );
    },
    async idempotencyRecordsOf(keys) {
      if (keys.length === 0) return [];
      const { rows } = await pool.query<{ stream_id: string; idempotency_key: string; first_position: string; last_position: string }>(
        `SELECT k.stream_id, k.idempotency_key, k.first_position, k.last_position
           FROM ledger_idempotency k JOIN unnest($1::text[], $2::text[]) AS wanted (stream_id, idempotency_key)
             ON k.stream_id = wanted.stream_id AND k.idempotency_key = wanted.idempotency_key`,
        [keys.map((k) => k.streamId), keys.map((k) => k.idempotencyKey)],
      );
      return rows.map((row): IdempotencyRecord => ({
        streamId: row.stream_id,
        idempotencyKey: row.idempotency_key,
        firstPosition: Number(row.first_position),
        lastPosition: Number(row.last_position),
      }));
    },
    subscribe(options: SubscribeOptions) {
      return catchUpSubscription(
        readFrom,
        (listener) => {
          appended.on('appended', listener);
          const unlisten = notifications.on(listener);
          return () => {
            appended.off('appended', listener);
            unlisten();
          };
        },
        options,
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      // Appends already accepted are committed (and answered) before the pool ends.
      while (committing || queued.length > 0) {
        if (!committing) void commitQueued();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await notifications.close();
      if (ownsPool) await pool.end();
    },
  };
}
