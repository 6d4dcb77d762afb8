import type { LedgerEntry } from '../ledger/envelope.js';
import { CorruptEntry, type StoredEntryIdentity } from './errors.js';
import type { StreamHead, StreamRange } from './port.js';

/**
 * Reads hand out only what verification accounts for (src/integrity/verify-ledger.ts): entries at global
 * positions 1..head with no gap, and in each stream revisions 0..its head with no gap, ending at the hash the
 * head records. A row anywhere else was put there outside the ledger: it is refused as a CorruptEntry, never
 * returned. Every adapter with tables of its own runs its reads through these checks.
 */

const identity = (entry: LedgerEntry): StoredEntryIdentity => ({ eventId: entry.eventId, streamId: entry.streamId, streamRevision: entry.streamRevision });

/** Positions outside 1..logHead (logHead: where the store keeps the log head apart from the rows, as PostgreSQL does). */
function refuseOutsideLog(entry: LedgerEntry, logHead: number | undefined): void {
  if (entry.globalPosition < 1 || (logHead !== undefined && entry.globalPosition > logHead)) {
    throw new CorruptEntry(
      entry.globalPosition,
      `it lies outside the log (global positions 1..${logHead ?? 'the head'}): it is stored in its stream but not in the global log, so no verification or tree head covers it`,
      identity(entry),
    );
  }
}

/** A page of the global log read from `fromPosition` (below 1 reads from 1): consecutive positions, no gap. */
export function coveredLogPage(fromPosition: number, entries: LedgerEntry[], logHead?: number): LedgerEntry[] {
  let expected = Math.max(1, fromPosition);
  for (const entry of entries) {
    refuseOutsideLog(entry, logHead);
    if (entry.globalPosition !== expected) {
      throw new CorruptEntry(expected, `nothing is stored at this position, yet the log goes on at position ${entry.globalPosition}: an entry was removed or moved`);
    }
    expected++;
  }
  return entries;
}

/** A stream's entries in a revision range, read beside the stream's head: every revision up to the head, none past it. */
export function coveredStreamRead(streamId: string, range: StreamRange, entries: LedgerEntry[], head: StreamHead | null, logHead?: number): LedgerEntry[] {
  const headRevision = head?.revision ?? -1;
  let expected = Math.max(0, range.fromRevision ?? 0);
  for (const entry of entries) {
    refuseOutsideLog(entry, logHead);
    if (entry.streamRevision > headRevision) {
      throw new CorruptEntry(
        entry.globalPosition,
        head ? `it is past its stream's head (revision ${headRevision}): it was added outside the ledger` : 'its stream has no head: it was added outside the ledger',
        identity(entry),
      );
    }
    if (entry.streamRevision !== expected) {
      throw new CorruptEntry(entry.globalPosition, `revision ${expected} of its stream is missing: an entry was removed`, identity(entry));
    }
    if (entry.streamRevision === headRevision && entry.hash !== head!.hash) {
      throw new CorruptEntry(entry.globalPosition, 'its hash is not the one its stream head records: the entry or the head was altered', identity(entry));
    }
    expected++;
  }
  const last = Math.min(range.toRevision ?? Number.MAX_SAFE_INTEGER, headRevision);
  if (expected <= last) {
    const newest = entries.at(-1);
    throw new CorruptEntry(
      newest?.globalPosition ?? 0,
      `stream ${streamId} has no revision ${expected}, but its head records revision ${headRevision}: entries were removed`,
      newest ? identity(newest) : null,
    );
  }
  return entries;
}

/** The entries an idempotency record points at: exactly the entries of its stream that carry its key, consecutive. */
export function coveredRepeat(streamId: string, key: string, range: { first: number; last: number }, entries: LedgerEntry[]): LedgerEntry[] {
  const count = range.last - range.first + 1;
  const matches =
    range.first >= 1 &&
    count >= 1 &&
    entries.length === count &&
    entries.every((e, i) => e.globalPosition === range.first + i && e.streamId === streamId && e.metadata.idempotencyKey === key);
  if (!matches) {
    throw new CorruptEntry(
      range.first,
      `the idempotency record of an append to stream ${streamId} points at positions ${range.first}..${range.last}, which are not that append's entries: the record was altered`,
    );
  }
  return entries;
}
