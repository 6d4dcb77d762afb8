import { canonicalJson } from '../ledger/canonical-json.js';
import { GENESIS_HASH, chainHash } from '../ledger/event-hash.js';
import type { EventBody, LedgerEntry } from '../ledger/envelope.js';
import type { EventStore, StreamHead } from './port.js';

/**
 * An optional capability for copying a ledger between stores (src/ledger-copy), never for the write path.
 *
 * `append` seals: it stamps recordedAt from the store's clock and hashes, so a copy made through it would
 * change every recorded time and every hash. `importSealed` instead stores entries another store already
 * sealed, byte for byte: the canonical bytes, previous hash and hash as given. It is safe only because each
 * entry is checked against the chain this store already holds (checkSealedEntry): it must be the next
 * revision of its stream, link to that stream's head hash, hash its own bytes, and its bytes must name the
 * stream, revision, event and type it is filed under. So an import can extend a chain, never rewrite one.
 *
 * What an adapter must do:
 * - take the entries in the order given (the source's global order) and give them the next global
 *   positions of this log, in that order, so the Merkle tree over the copy is the source's tree;
 * - check every entry with checkSealedEntry against the stream's current head (including entries earlier
 *   in the same call) and throw its SealedImportRefused without storing anything of the call;
 * - store `canonical`, `previousHash` and `hash` exactly; update the stream head;
 * - record the idempotency key found in the canonical metadata (consecutive entries of one stream with the
 *   same key are one append), so a retried command is still deduplicated on the copy;
 * - be atomic per call where the store allows it (SQLite, PostgreSQL and memory are; EventStoreDB is
 *   atomic per run of consecutive entries of one stream, and says so), and wake its subscriptions.
 */
export interface SealedImport {
  /** Stores already-sealed entries as the next entries of this log; returns them with this store's positions. */
  importSealed(entries: readonly LedgerEntry[]): Promise<LedgerEntry[]>;
}

export type SealedImportingStore = EventStore & SealedImport;

export function canImportSealed(store: EventStore): store is SealedImportingStore {
  return typeof (store as Partial<SealedImport>).importSealed === 'function';
}

/** An entry that would not continue this store's chain, or does not say what it claims to be. */
export class SealedImportRefused extends Error {
  constructor(
    readonly entry: Pick<LedgerEntry, 'globalPosition' | 'eventId' | 'streamId' | 'streamRevision'>,
    readonly problem: string,
  ) {
    super(
      `refused the entry at source position ${entry.globalPosition} (stream ${entry.streamId}, revision ${entry.streamRevision}, ` +
        `event ${entry.eventId}): ${problem}`,
    );
    this.name = 'SealedImportRefused';
  }
}

/**
 * Checks one sealed entry against the head of its stream in the importing store and returns the body its
 * canonical bytes hold (adapters take the idempotency key from there, not from the entry object).
 */
export function checkSealedEntry(entry: LedgerEntry, head: StreamHead | null): EventBody {
  const refuse = (problem: string): never => {
    throw new SealedImportRefused(entry, problem);
  };
  const expectedRevision = head === null ? 0 : head.revision + 1;
  if (entry.streamRevision !== expectedRevision) {
    refuse(`it is revision ${entry.streamRevision}, but the next revision of its stream here is ${expectedRevision}`);
  }
  if (entry.previousHash !== (head?.hash ?? GENESIS_HASH)) {
    refuse('its previous hash is not the hash of the head of its stream here: the chain would break');
  }
  let hash: string;
  try {
    hash = chainHash(entry.previousHash, entry.canonical);
  } catch (error) {
    return refuse(error instanceof Error ? error.message : String(error));
  }
  if (hash !== entry.hash) refuse('its bytes do not match its hash: it was altered after it was recorded');
  let body: EventBody;
  try {
    body = JSON.parse(entry.canonical) as EventBody;
  } catch {
    return refuse('its bytes are not JSON');
  }
  if (body === null || typeof body !== 'object' || canonicalJson(body) !== entry.canonical) refuse('its bytes are not in canonical form');
  if (body.eventId !== entry.eventId || body.streamId !== entry.streamId || body.streamRevision !== entry.streamRevision || body.type !== entry.type) {
    refuse('its bytes name another entry than the one given');
  }
  return body;
}
