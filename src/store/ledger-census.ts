import type { EventStore, StreamHead } from './port.js';

/** Where a stored row sits and what it says it is (from its indexed columns). */
export interface StoredRow {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamRevision: number;
}

/** One row of the idempotency table: the positions of the append that recorded a key on a stream. */
export interface IdempotencyRecord {
  streamId: string;
  idempotencyKey: string;
  firstPosition: number;
  lastPosition: number;
}

/** Every table a store keeps for the log, counted at one moment. */
export interface LedgerCensus {
  /** Rows in the entries table. */
  storedEntries: number;
  /** The last position of the global log: the log head where the store keeps one apart (PostgreSQL), else the highest stored. */
  head: number;
  /** The lowest-placed stored entry outside global positions 1..head, if any: in a stream, but not in the log. */
  strayEntry: StoredRow | null;
  /** Every row of the stream heads table. */
  streamHeads: Array<StreamHead & { streamId: string }>;
  /** Rows in the idempotency table. */
  idempotencyRecords: number;
}

/**
 * An optional capability of the stores that keep tables of their own (SQLite, PostgreSQL, memory), so that
 * verification can account for every stored row, not only those a walk of the log reaches: a row at position
 * 0, a stream head or an idempotency record no entry backs. EventStoreDB keeps no such tables.
 */
export interface LedgerCensusTaker {
  /** Taken in one snapshot, so a census taken while the service writes still adds up. */
  census(): Promise<LedgerCensus>;
  /** The idempotency records of these (stream, key) pairs; a pair with none is left out. */
  idempotencyRecordsOf(keys: ReadonlyArray<{ streamId: string; idempotencyKey: string }>): Promise<IdempotencyRecord[]>;
}

export function canTakeCensus(store: EventStore): store is EventStore & LedgerCensusTaker {
  const candidate = store as Partial<LedgerCensusTaker>;
  return typeof candidate.census === 'function' && typeof candidate.idempotencyRecordsOf === 'function';
}
