import { CLEARTEXT_CHILD_EVENT_TYPES, ERASED_DATA } from '../domain/child-record/events.js';
import type { JsonObject, LedgerEntry, ProposedEvent } from '../ledger/envelope.js';
import { CorruptEntry } from '../store/errors.js';
import { canTakeCensus, type LedgerCensusTaker } from '../store/ledger-census.js';
import type { EventStore } from '../store/port.js';
import type { ChildKeyStore } from './child-key-store.js';
import { childOfStream, unsealedChildPayload } from './sealed-child-payloads.js';
import { isSealedData, openData, sealData } from './sealed-data.js';

/**
 * Crypto-shredding as an EventStore decorator. On append to a `child-<uuid>` stream each entry's data is
 * replaced by an AES-256-GCM envelope under the child's key *before* the inner store canonicalises and
 * hashes it, so the stored bytes, the hash chain and the Merkle leaves commit to ciphertext. Destroying the
 * key then erases the data without touching a stored byte: every hash and proof stays valid.
 *
 * Readers get the plain data back (`canonical`, `hash` and `previousHash` stay as stored). Once the child's key
 * is destroyed an entry reads with `data: { $erased: true }` and its type kept. Refused as a CorruptEntry, as
 * undecodable stored bytes are: a ciphertext that fails authentication, a child payload stored unencrypted,
 * and one sealed under a key this ledger never destroyed and does not hold (it would otherwise read as erased).
 *
 * Entry types in CLEARTEXT_CHILD_EVENT_TYPES (the erasure and legal holds) and other streams pass through.
 * Verification reads through this decorator, so every refusal here is a fault there too.
 */
export function encryptingStore(inner: EventStore, keys: ChildKeyStore): EventStore & Partial<LedgerCensusTaker> {
  const seal = async (streamId: string, events: ProposedEvent[]): Promise<ProposedEvent[]> => {
    const childId = childOfStream(streamId);
    if (childId === null || events.every((event) => CLEARTEXT_CHILD_EVENT_TYPES.has(event.type))) return events;
    const { keyId, key } = await keys.keyFor(childId);
    return events.map((event) =>
      CLEARTEXT_CHILD_EVENT_TYPES.has(event.type) ? event : { ...event, data: sealData(event.data, key, keyId, event.eventId, streamId) as unknown as JsonObject },
    );
  };

  /**
   * Opens a batch, looking each key up once (and whether a child was erased only where its key is gone), then
   * each entry in log order without waiting on anything more; refuses the batch at its first entry that cannot
   * be opened.
   */
  const open = async (entries: LedgerEntry[]): Promise<LedgerEntry[]> => {
    const keyIds = new Set<string>();
    for (const entry of entries) if (isSealedData(entry.data) && childOfStream(entry.streamId) !== null) keyIds.add(entry.data.keyId);
    const found = new Map<string, Buffer | null>();
    await Promise.all([...keyIds].map(async (keyId) => found.set(keyId, await keys.find(keyId))));
    const erased = new Map<string, boolean>();
    for (const entry of entries) {
      const childId = childOfStream(entry.streamId);
      if (childId !== null && isSealedData(entry.data) && found.get(entry.data.keyId) === null && !erased.has(childId)) {
        erased.set(childId, await keys.isDestroyed(childId));
      }
    }
    const refuse = (entry: LedgerEntry, reason: string) =>
      new CorruptEntry(entry.globalPosition, reason, { eventId: entry.eventId, streamId: entry.streamId, streamRevision: entry.streamRevision });
    return entries.map((entry) => {
      const childId = childOfStream(entry.streamId);
      if (childId === null) return entry;
      const unsealed = unsealedChildPayload(entry);
      if (unsealed) throw refuse(entry, unsealed);
      if (!isSealedData(entry.data)) return entry;
      const key = found.get(entry.data.keyId);
      if (!key) {
        if (erased.get(childId)) return { ...entry, data: { ...ERASED_DATA } };
        throw refuse(entry, "its data is sealed under a key this ledger does not hold, though the child's record was never erased: the key id was altered or the key file is not this ledger's");
      }
      try {
        return { ...entry, data: openData(entry.data, key, entry.eventId, entry.streamId) };
      } catch {
        throw refuse(entry, 'its encrypted data fails authentication: the stored ciphertext was altered or moved');
      }
    });
  };

  const census: Partial<LedgerCensusTaker> = canTakeCensus(inner)
    ? { census: () => inner.census(), idempotencyRecordsOf: (wanted) => inner.idempotencyRecordsOf(wanted) }
    : {};

  return {
    async append(streamId, events, expected) {
      const result = await inner.append(streamId, await seal(streamId, events), expected);
      if (result.deduplicated) return { ...result, entries: await open(result.entries) };
      // Just sealed from these very events: answer with their data rather than decrypting it again.
      return { ...result, entries: result.entries.map((entry, i) => (entry.data === events[i]!.data ? entry : { ...entry, data: events[i]!.data })) };
    },
    async readStream(streamId, range) {
      return open(await inner.readStream(streamId, range));
    },
    async readAll(fromPosition, limit) {
      return open(await inner.readAll(fromPosition, limit));
    },
    streamHead: (streamId) => inner.streamHead(streamId),
    streamHeads: () => inner.streamHeads(),
    headPosition: () => inner.headPosition(),
    ...census,
    subscribe(options) {
      return inner.subscribe({ ...options, onEntries: async (entries) => options.onEntries(await open(entries)) });
    },
    close: () => inner.close(),
  };
}
