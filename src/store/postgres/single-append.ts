import type pg from 'pg';
import { openEntry, revision, type LedgerEntry, type ProposedEvent, type SealedEvent } from '../../ledger/envelope.js';
import { idempotencyKeyOf, planAppend } from '../append-plan.js';
import { coveredRepeat } from '../covered-reads.js';
import { ConcurrencyConflict } from '../errors.js';
import { NO_STREAM, type AppendResult, type ExpectedRevision, type StreamHead } from '../port.js';
import { EVENT_COLUMNS, decodeEventRow, type EventRow } from './event-rows.js';
import type { RememberedHeads } from './remembered-heads.js';
import { inTransaction } from './transaction.js';

type Queryable = Pick<pg.PoolClient, 'query'>;

export interface SingleAppendContext {
  pool: pg.Pool;
  heads: RememberedHeads;
  recordedAt: () => string;
  /** The store's test seam (see PostgresStoreOptions): given, each append runs in a transaction held open for it. */
  beforeCommit?: (entries: readonly LedgerEntry[]) => Promise<void>;
}

/** After this many answers that the head moved under it, an append waits its turn under the stream's lock. */
const MOVED_BEFORE_LOCKING = 4;

// Named: each pooled connection parses and plans these once.
const APPEND_SEALED = {
  name: 'ledger-append-sealed',
  text: 'SELECT outcome, at_revision, at_hash, first_at, last_at FROM ledger_append_sealed($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
};
const HEAD_AND_KEY = {
  name: 'ledger-head-and-key',
  text: `SELECT s.revision, s.hash, k.first_position, k.last_position FROM (SELECT 1) AS one
         LEFT JOIN ledger_streams s ON s.stream_id = $1
         LEFT JOIN ledger_idempotency k ON k.stream_id = $1 AND k.idempotency_key = $2`,
};
const RECORDED_RANGE = {
  name: 'ledger-recorded-range',
  text: `SELECT ${EVENT_COLUMNS} FROM ledger_events WHERE global_position BETWEEN $1 AND $2 ORDER BY global_position`,
};

interface Range {
  first: number;
  last: number;
}

type Answer =
  | { outcome: 'appended'; first: number }
  | { outcome: 'repeat'; head: StreamHead | null; range: Range }
  | { outcome: 'moved'; head: StreamHead | null };

const headOf = (rev: string | null, hash: string | null): StreamHead | null => (rev === null ? null : { revision: revision(Number(rev)), hash: hash! });

/** The stream's committed head and, if the key was recorded, its range: one statement, one snapshot. */
async function headAndKey(db: Queryable, streamId: string, key: string | undefined): Promise<{ head: StreamHead | null; recorded: Range | null }> {
  const { rows } = await db.query<{ revision: string | null; hash: string | null; first_position: string | null; last_position: string | null }>({
    ...HEAD_AND_KEY,
    values: [streamId, key ?? null],
  });
  const row = rows[0]!;
  return {
    head: headOf(row.revision, row.hash),
    recorded: row.first_position === null ? null : { first: Number(row.first_position), last: Number(row.last_position) },
  };
}

async function appendSealed(db: Queryable, streamId: string, sealedOn: StreamHead | null, key: string | undefined, sealed: SealedEvent[]): Promise<Answer> {
  const { rows } = await db.query<{ outcome: Answer['outcome']; at_revision: string | null; at_hash: string | null; first_at: string | null; last_at: string | null }>({
    ...APPEND_SEALED,
    values: [
      streamId,
      sealedOn?.revision ?? null,
      sealedOn?.hash ?? null,
      key ?? null,
      sealed.map((s) => s.body.eventId),
      sealed.map((s) => s.body.streamRevision),
      sealed.map((s) => s.body.type),
      sealed.map((s) => s.previousHash),
      sealed.map((s) => s.hash),
      sealed.map((s) => Buffer.from(s.canonical, 'utf8')),
    ],
  });
  const row = rows[0]!;
  const head = headOf(row.at_revision, row.at_hash);
  if (row.outcome === 'appended') return { outcome: 'appended', first: Number(row.first_at) };
  if (row.outcome === 'repeat') return { outcome: 'repeat', head, range: { first: Number(row.first_at), last: Number(row.last_at) } };
  return { outcome: 'moved', head };
}

/** A command sent again with its key: answered with the entries it recorded the first time. */
async function repeated(db: Queryable, streamId: string, key: string, range: Range, head: StreamHead | null): Promise<AppendResult> {
  const { rows } = await db.query<EventRow>({ ...RECORDED_RANGE, values: [range.first, range.last] });
  const entries = coveredRepeat(streamId, key, range, rows.map(decodeEventRow));
  return { nextExpectedRevision: head?.revision ?? entries.at(-1)!.streamRevision, entries, deduplicated: true };
}

/**
 * Seal against the head remembered (or, for a new stream, the absent head the caller expects), send it in one
 * statement, and seal again on the head the database answers with if it had moved. Returns 'contended' when the
 * head kept moving; in a transaction that cannot happen past the first answer, whose lock is then still held.
 */
async function settle(
  context: SingleAppendContext,
  db: Queryable,
  streamId: string,
  events: ProposedEvent[],
  expected: ExpectedRevision,
  beforeCommit?: (entries: readonly LedgerEntry[]) => Promise<void>,
): Promise<AppendResult | 'contended'> {
  const key = idempotencyKeyOf(events);
  let head = context.heads.get(streamId);
  if (head === undefined && expected === NO_STREAM) head = null;
  let fromDatabase = false;
  for (let moved = 0; ; ) {
    if (head === undefined) {
      const seen = await headAndKey(db, streamId, key);
      if (seen.recorded) return repeated(db, streamId, key!, seen.recorded, seen.head);
      head = seen.head;
      fromDatabase = true;
    }
    let sealed: SealedEvent[];
    try {
      sealed = planAppend(streamId, head, events, expected, context.recordedAt());
    } catch (error) {
      // A remembered head may be old, and a command sent again is answered by its key whatever its revision: ask.
      if (error instanceof ConcurrencyConflict && !fromDatabase) {
        head = undefined;
        continue;
      }
      throw error;
    }
    const answer = await appendSealed(db, streamId, head, key, sealed);
    if (answer.outcome === 'appended') {
      const entries = sealed.map((s, i) => openEntry(s.canonical, answer.first + i, s.previousHash, s.hash));
      const last = sealed.at(-1)!;
      context.heads.set(streamId, { revision: last.body.streamRevision, hash: last.hash });
      await beforeCommit?.(entries);
      return { nextExpectedRevision: last.body.streamRevision, entries, deduplicated: false };
    }
    context.heads.set(streamId, answer.head);
    if (answer.outcome === 'repeat') return repeated(db, streamId, key!, answer.range, answer.head);
    head = answer.head;
    fromDatabase = true;
    if (++moved >= MOVED_BEFORE_LOCKING) return 'contended';
  }
}

/**
 * One append (not grouped with others) in as few round trips as the database allows: one, when this process
 * remembers the stream's head or the stream is new; two when it must read the head first. Every check is the
 * database's, under the stream's lock: the expected revision is judged again on the head it answers with.
 */
export async function appendSingle(context: SingleAppendContext, streamId: string, events: ProposedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
  try {
    if (context.beforeCommit === undefined) {
      const settled = await settle(context, context.pool, streamId, events, expected);
      if (settled !== 'contended') return settled;
    }
    const held = await inTransaction(context.pool, (client) => settle(context, client, streamId, events, expected, context.beforeCommit));
    if (held === 'contended') throw new Error(`the head of stream ${streamId} moved while its lock was held`);
    return held;
  } catch (error) {
    context.heads.forget(streamId);
    // Only a writer that bypassed the stream lock (an older deployment, a hand-written INSERT) can get here.
    if ((error as { constraint?: string }).constraint === 'ledger_events_stream_revision_key') {
      throw new ConcurrencyConflict(streamId, expected, (await headAndKey(context.pool, streamId, undefined)).head?.revision ?? null);
    }
    throw error;
  }
}
