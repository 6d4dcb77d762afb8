import { leafHash } from './merkle/index.js';
import type { EventStore } from '../store/port.js';

export interface LogLeaves {
  /** Leaf hashes in log order: leaf i is the (i+1)-th entry of the global log. */
  leaves: Buffer[];
  /** Leaf index of each event id. */
  indexOf: Map<string, number>;
}

/**
 * The Merkle leaves of the first `size` entries of the log (all when omitted): SHA-256(0x00 || canonical bytes).
 * Leaves are numbered by order in the log, not by global position, which a store may leave gaps in.
 */
export async function readLogLeaves(store: EventStore, size = Number.MAX_SAFE_INTEGER, batchSize = 5000): Promise<LogLeaves> {
  const leaves: Buffer[] = [];
  const indexOf = new Map<string, number>();
  let next = 1;
  while (leaves.length < size) {
    const batch = await store.readAll(next, Math.min(batchSize, size - leaves.length));
    if (batch.length === 0) break;
    for (const entry of batch) {
      indexOf.set(entry.eventId, leaves.length);
      leaves.push(leafHash(entry.canonical));
    }
    next = batch.at(-1)!.globalPosition + 1;
  }
  return { leaves, indexOf };
}
