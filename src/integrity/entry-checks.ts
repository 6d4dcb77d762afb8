import { canonicalJson } from '../ledger/canonical-json.js';
import { GENESIS_HASH, chainHash } from '../ledger/event-hash.js';
import type { EventBody, LedgerEntry } from '../ledger/envelope.js';

/** Where a stream's chain has reached in the walk. */
export interface ChainTip {
  revision: number;
  hash: string;
  globalPosition: number;
}

export type EntryCheck = { problem: string } | { problem: null; stored: EventBody };

/**
 * One entry against the tip of its stream: the next revision, linked to the tip's hash, its bytes hashing to
 * its hash, canonical, and naming the entry they were read as. Judged on the stored bytes alone, so it holds
 * whether payloads are read as stored or decrypted by a decorator; the parsed stored body is handed back.
 */
export function checkEntry(entry: LedgerEntry, tip: ChainTip | undefined): EntryCheck {
  const expectedRevision = tip ? tip.revision + 1 : 0;
  if (entry.streamRevision !== expectedRevision) {
    return { problem: `revision ${entry.streamRevision} found where revision ${expectedRevision} was expected: an entry is missing, inserted or out of order` };
  }
  const expectedPrevious = tip?.hash ?? GENESIS_HASH;
  if (entry.previousHash !== expectedPrevious) {
    return { problem: `its previous hash does not match the hash of revision ${expectedRevision - 1}: the chain is broken` };
  }
  if (chainHash(entry.previousHash, entry.canonical) !== entry.hash) {
    return { problem: 'its stored bytes do not match its hash: the entry was altered after it was recorded' };
  }
  let stored: EventBody;
  try {
    stored = JSON.parse(entry.canonical) as EventBody;
  } catch {
    return { problem: 'its stored bytes are not JSON' };
  }
  if (stored === null || typeof stored !== 'object' || canonicalJson(stored) !== entry.canonical) return { problem: 'its stored bytes are not in canonical form' };
  if (stored.eventId !== entry.eventId || stored.streamId !== entry.streamId || stored.streamRevision !== entry.streamRevision || stored.type !== entry.type) {
    return { problem: 'its stored bytes name another entry than the one read' };
  }
  return { problem: null, stored };
}
