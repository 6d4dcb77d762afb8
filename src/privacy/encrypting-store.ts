import { CLEARTEXT_CHILD_EVENT_TYPES, ERASED_DATA } from '../domain/child-record/events.js';
import type { LedgerEntry, ProposedEvent } from '../ledger/envelope.js';
import { CorruptEntry } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import type { ChildKeyStore } from './child-key-store.js';
import { isSealedData, openData, sealData } from './sealed-data.js';

const CHILD_STREAM = /^child-(.+)$/;
const childOf = (streamId: string) => CHILD_STREAM.exec(streamId)?.[1] ?? null;

/**
 * Crypto-shredding as an EventStore decorator. On append to a `child-<uuid>` stream each entry's data is
 * replaced by an AES-256-GCM envelope under the child's key *before* the inner store canonicalises and
 * hashes it, so the stored bytes, the hash chain and the Merkle leaves commit to ciphertext. Destroying the
 * key then erases the data without touching a stored byte: every hash and proof stays valid.
 *
 * Readers get the plain data back (`canonical`, `hash` and `previousHash` stay as stored). Once the key is
 * destroyed an entry reads with `data: { $erased: true }` and its type kept. A ciphertext that fails
 * authentication throws CorruptEntry, as undecodable stored bytes do.
 *
 * Entry types in CLEARTEXT_CHILD_EVENT_TYPES (the erasure and legal holds) and other streams pass through.
 * Verification (verifyLedger) re-canonicalises `data`, so it must be given the inner store, not this one.
 */
export function encryptingStore(inner: EventStore, keys: ChildKeyStore): EventStore {
  const seal = async (streamId: string, events: ProposedEvent[]): Promise<ProposedEvent[]> => {
    const childId = childOf(streamId);
    if (childId === null || events.every((event) => CLEARTEXT_CHILD_EVENT_TYPES.has(event.type))) return events;
    const { keyId, key } = await keys.keyFor(childId);
    return events.map((event) =>
      CLEARTEXT_CHILD_EVENT_TYPES.has(event.type) ? event : { ...event, data: sealData(event.data, key, keyId, event.eventId, streamId) },
    );
  };

  /** Opens a batch, looking each key up once. */
  const open = async (entries: LedgerEntry[]): Promise<LedgerEntry[]> => {
    const found = new Map<string, Promise<Buffer | null>>();
    const keyOf = (keyId: string) => found.get(keyId) ?? found.set(keyId, keys.find(keyId)).get(keyId)!;
    return Promise.all(
      entries.map(async (entry) => {
        if (childOf(entry.streamId) === null || !isSealedData(entry.data)) return entry;
        const key = await keyOf(entry.data.keyId);
        if (key === null) return { ...entry, data: { ...ERASED_DATA } };
        try {
          return { ...entry, data: openData(entry.data, key, entry.eventId, entry.streamId) };
        } catch {
          throw new CorruptEntry(entry.globalPosition, 'its encrypted data fails authentication: the stored ciphertext was altered or moved');
        }
      }),
    );
  };

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
    subscribe(options) {
      return inner.subscribe({ ...options, onEntries: async (entries) => options.onEntries(await open(entries)) });
    },
    close: () => inner.close(),
  };
}
