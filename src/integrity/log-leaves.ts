import { leafHash } from './merkle/index.js';
import { CorruptEntry } from '../store/errors.js';
import type { EventStore } from '../store/port.js';

export interface LogLeaves {
  /** Leaf hashes in log order: leaf i is the (i+1)-th entry of the global log. */
  leaves: Buffer[];
  /** Leaf index of each event id. */
  indexOf: Map<string, number>;
}

/**
 * The Merkle leaves of the first `size` entries of the log (all when omitted): SHA-256(0x00 || canonical bytes).
 * Leaf i is the entry at global position i + 1: a log with a gap is refused (CorruptEntry), never proved.
 */
export async function readLogLeaves(store: EventStore, size = Number.MAX_SAFE_INTEGER, batchSize = 5000): Promise<LogLeaves> {
  const leaves: Buffer[] = [];
  const indexOf = new Map<string, number>();
  let next = 1;
  while (leaves.length < size) {
    const batch = await store.readAll(next, Math.min(batchSize, size - leaves.length));
    if (batch.length === 0) break;
    for (const entry of batch) {
      if (entry.globalPosition !== leaves.length + 1) {
        throw new CorruptEntry(leaves.length + 1, `nothing is stored at this position, yet the log goes on at position ${entry.globalPosition}: an entry was removed or moved`);
      }
      indexOf.set(entry.eventId, leaves.length);
      leaves.push(leafHash(entry.canonical));
    }
    next = batch.at(-1)!.globalPosition + 1;
  }
  return { leaves, indexOf };
}
