import type { EventBody, LedgerEntry } from '../ledger/envelope.js';
import type { IdempotencyRecord, LedgerCensusTaker } from '../store/ledger-census.js';

const idOf = (streamId: string, key: string) => `${streamId}\u0000${key}`;

/** A disagreement; at the entry being checked unless it names another position (a record's first). */
export interface IdempotencyProblem {
  globalPosition?: number;
  problem: string;
}

/**
 * The idempotency table accounted for against the log. A record answers a retried command with the entries
 * it points at, so each must point at exactly the entries of one append: consecutive, of its stream, carrying
 * its key. And every entry carrying a key must have its record, or a retry would be recorded twice. Records are
 * looked up by the keys the walk meets, a batch at a time; counting those found against the table's size shows
 * that no record points at nothing.
 */
export class IdempotencyChecks {
  private records = new Map<string, IdempotencyRecord>();
  /** Records whose first entry the walk has passed, with how many of their entries it has seen. */
  private readonly open = new Map<string, { record: IdempotencyRecord; seen: number }>();
  private backed = 0;

  constructor(private readonly store: LedgerCensusTaker) {}

  /** Looks up the records of the keyed entries of a batch, before they are checked one by one. */
  async prepare(batch: readonly LedgerEntry[]): Promise<void> {
    const wanted = new Map<string, { streamId: string; idempotencyKey: string }>();
    for (const entry of batch) {
      const key = entry.metadata?.idempotencyKey;
      if (typeof key === 'string') wanted.set(idOf(entry.streamId, key), { streamId: entry.streamId, idempotencyKey: key });
    }
    const found = await this.store.idempotencyRecordsOf([...wanted.values()]);
    this.records = new Map(found.map((record) => [idOf(record.streamId, record.idempotencyKey), record]));
  }

  /** The entry at its place in the walk; a problem when it and the records disagree. */
  check(entry: LedgerEntry, stored: EventBody): IdempotencyProblem | null {
    const key = stored.metadata?.idempotencyKey;
    const position = entry.globalPosition;
    for (const [id, open] of this.open) {
      // The walk left a record's range without seeing all of it: some of the entries it points at are another append's.
      if (position > open.record.lastPosition) {
        this.open.delete(id);
        return { globalPosition: open.record.firstPosition, problem: this.spanProblem(open.record, open.seen) };
      }
    }
    if (typeof key !== 'string') return null;
    const id = idOf(entry.streamId, key);
    const record = this.records.get(id) ?? this.open.get(id)?.record;
    if (!record) return { problem: 'it carries an idempotency key, but the ledger keeps no record of that key on its stream: a retry of its command would be recorded twice' };
    if (position < record.firstPosition || position > record.lastPosition) {
      return { problem: `its idempotency record points at global positions ${record.firstPosition} to ${record.lastPosition}, not at this entry: the record was altered` };
    }
    let open = this.open.get(id);
    if (position === record.firstPosition) {
      open = { record, seen: 0 };
      this.open.set(id, open);
      this.backed++;
    }
    if (!open) return { problem: `its idempotency record begins at global position ${record.firstPosition}, which is not an entry of its append: the record was altered` };
    open.seen++;
    if (position === record.lastPosition) {
      this.open.delete(id);
      if (open.seen !== record.lastPosition - record.firstPosition + 1) return { globalPosition: record.firstPosition, problem: this.spanProblem(record, open.seen) };
    }
    return null;
  }

  /** After the walk: records left open, or records in the table that no append of the log backs. */
  finish(recordsInTable: number): { globalPosition: number; problem: string } | null {
    const [left] = this.open.values();
    if (left) return { globalPosition: left.record.firstPosition, problem: this.spanProblem(left.record, left.seen) };
    if (recordsInTable !== this.backed) {
      return {
        globalPosition: 0,
        problem: `the idempotency table holds ${recordsInTable} records, but ${this.backed} are backed by an append of the log: ${recordsInTable - this.backed} point at no append of it, and a retried command would be answered with entries it did not record`,
      };
    }
    return null;
  }

  private spanProblem(record: IdempotencyRecord, seen: number): string {
    return (
      `the idempotency record of an append to stream ${record.streamId} spans global positions ${record.firstPosition} to ${record.lastPosition}, ` +
      `but ${seen} of those entries are that append's: the record was altered`
    );
  }
}
