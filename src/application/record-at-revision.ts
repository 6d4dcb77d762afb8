import { childStreamId } from '../domain/child-record/events.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import type { EventStore } from '../store/port.js';

/**
 * A child's entries up to the revision a list looked up (the record may have grown since): the array the store
 * handed out when it has not, so the views kept for it (record-views.ts) are worked out once.
 */
export async function recordAtRevision(store: EventStore, childId: string, revision: number): Promise<LedgerEntry[]> {
  const read = await store.readStream(childStreamId(childId));
  return read.at(-1)?.streamRevision === revision ? read : read.filter((entry) => entry.streamRevision <= revision);
}
