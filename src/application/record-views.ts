import { childRecordDecider, foldChildRecord, toChildEvent } from '../domain/child-record/decider.js';
import { isErasedData, type ChildEvent } from '../domain/child-record/events.js';
import type { ChildRecord } from '../domain/child-record/state.js';
import type { LedgerEntry } from '../ledger/envelope.js';

/**
 * What the application derives from a child's entries (the decoded events, the folded record, the audit trail, the
 * clocks as of a day), worked out once per array of entries. The store's child-record cache hands out the same frozen
 * array until the record grows, so a view is computed once per stream revision; arrays nobody holds any more (a record
 * evicted, grown, or read through a reader's window) take their views with them.
 */
const views = new WeakMap<readonly LedgerEntry[], Map<string, unknown>>();
/** Views with a parameter (a day, a threshold): a few per array, the oldest dropped first. */
const VIEWS_PER_ARRAY = 16;

export function viewOf<T>(entries: readonly LedgerEntry[], name: string, compute: () => T): T {
  if (!Object.isFrozen(entries)) return compute();
  let known = views.get(entries);
  if (!known) views.set(entries, (known = new Map()));
  if (known.has(name)) return known.get(name) as T;
  const value = compute();
  if (known.size >= VIEWS_PER_ARRAY) known.delete(known.keys().next().value!);
  known.set(name, value);
  return value;
}

export const childEventsOf = (entries: readonly LedgerEntry[]): ChildEvent[] => viewOf(entries, 'events', () => entries.map(toChildEvent));

/**
 * The last record folded per stream, so a record that grew by a few entries is folded from where it stood rather than
 * from its first entry: recording a delivery costs the same on the 10th entry and the 1,000th. The earlier fold is
 * used only when the new array starts with the very entry objects it was folded from (so nothing was read again, as
 * after an erasure) and the added entries neither correct an earlier one nor read as erased: both change the past.
 */
const lastFolds = new Map<string, { length: number; lastEntry: LedgerEntry; record: ChildRecord }>();
/** Holding the last entry, not the array, so an evicted record's stored bytes can go. */
const LAST_FOLDS = 2_000;

const changesThePast = (entry: LedgerEntry) => entry.type === 'EntryCorrected' || isErasedData(entry.data);

export function foldedRecordOf(entries: readonly LedgerEntry[]): ChildRecord {
  return viewOf(entries, 'record', () => {
    const streamId = entries[0]?.streamId;
    const last = streamId === undefined ? undefined : lastFolds.get(streamId);
    let record: ChildRecord;
    const grownFrom = last !== undefined && last.length <= entries.length && entries[last.length - 1] === last.lastEntry;
    if (grownFrom && !entries.slice(last.length).some(changesThePast)) {
      record = entries.slice(last.length).map(toChildEvent).reduce(childRecordDecider.evolve, last.record);
    } else {
      record = foldChildRecord(childEventsOf(entries));
    }
    if (streamId !== undefined && Object.isFrozen(entries)) {
      lastFolds.delete(streamId);
      if (lastFolds.size >= LAST_FOLDS) lastFolds.delete(lastFolds.keys().next().value!);
      if (!entries.some((entry) => isErasedData(entry.data))) lastFolds.set(streamId, { length: entries.length, lastEntry: entries.at(-1)!, record });
    }
    return record;
  });
}
