import { EventEmitter } from 'node:events';
import { openEntry, type LedgerEntry, type ProposedEvent } from '../ledger/envelope.js';
import { idempotencyKeyOf, planAppend } from './append-plan.js';
import { catchUpSubscription } from './catch-up-subscription.js';
import type { LedgerCensusTaker } from './ledger-census.js';
import type { AppendResult, EventStore, ExpectedRevision, StreamHead, StreamRange, SubscribeOptions } from './port.js';
import { checkSealedEntry, type SealedImport } from './sealed-import.js';

/** In-process store for unit tests. Same contract as the durable stores, no durability. */
export function createMemoryStore(clock: () => Date = () => new Date()): EventStore & SealedImport & LedgerCensusTaker {
  const log: LedgerEntry[] = [];
  const streams = new Map<string, LedgerEntry[]>();
  const appendsByKey = new Map<string, LedgerEntry[]>();
  const appended = new EventEmitter();

  const slice = (fromPosition: number, limit: number) => log.slice(Math.max(0, fromPosition - 1), Math.max(0, fromPosition - 1) + limit);
  /** Readers get their own objects, as from a durable store. */
  const copies = (entries: LedgerEntry[]) => entries.map((e) => openEntry(e.canonical, e.globalPosition, e.previousHash, e.hash));

  const head = (streamId: string): StreamHead | null => {
    const last = streams.get(streamId)?.at(-1);
    return last ? { revision: last.streamRevision, hash: last.hash } : null;
  };

  return {
    async importSealed(entries) {
      // Every entry is checked before any is stored, so a refused import leaves the store as it was.
      const heads = new Map<string, StreamHead | null>();
      const keys = entries.map((entry) => {
        const current = heads.has(entry.streamId) ? heads.get(entry.streamId)! : head(entry.streamId);
        heads.set(entry.streamId, { revision: entry.streamRevision, hash: entry.hash });
        return checkSealedEntry(entry, current).metadata?.idempotencyKey;
      });
      const stored = entries.map((e, i) => openEntry(e.canonical, log.length + 1 + i, e.previousHash, e.hash));
      log.push(...stored);
      stored.forEach((entry, i) => {
        streams.set(entry.streamId, [...(streams.get(entry.streamId) ?? []), entry]);
        const key = keys[i];
        if (key !== undefined) {
          const slot = `${entry.streamId}\u0000${key}`;
          appendsByKey.set(slot, [...(appendsByKey.get(slot) ?? []), entry]);
        }
      });
      if (stored.length > 0) appended.emit('appended');
      return copies(stored);
    },
    async append(streamId: string, events: ProposedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
      const key = idempotencyKeyOf(events);
      const seen = key === undefined ? undefined : appendsByKey.get(`${streamId}\u0000${key}`);
      if (seen) return { nextExpectedRevision: head(streamId)!.revision, entries: copies(seen), deduplicated: true };

      const sealed = planAppend(streamId, head(streamId), events, expected, clock().toISOString());
      // Built from the canonical bytes, like a durable store: later changes to the caller's objects cannot reach it.
      const stored = sealed.map((s, i) => openEntry(s.canonical, log.length + 1 + i, s.previousHash, s.hash));
      log.push(...stored);
      streams.set(streamId, [...(streams.get(streamId) ?? []), ...stored]);
      if (key !== undefined) appendsByKey.set(`${streamId}\u0000${key}`, stored);
      appended.emit('appended');
      return { nextExpectedRevision: stored.at(-1)!.streamRevision, entries: copies(stored), deduplicated: false };
    },
    async readStream(streamId: string, range: StreamRange = {}) {
      const from = range.fromRevision ?? 0;
      const to = range.toRevision ?? Number.MAX_SAFE_INTEGER;
      return copies((streams.get(streamId) ?? []).filter((e) => e.streamRevision >= from && e.streamRevision <= to));
    },
    async readAll(fromPosition: number, limit: number) {
      return copies(slice(fromPosition, limit));
    },
    async streamHead(streamId: string) {
      return head(streamId);
    },
    async streamHeads() {
      return [...streams.keys()].sort().map((streamId) => ({ streamId, ...head(streamId)! }));
    },
    async headPosition() {
      return log.length === 0 ? 0 : log.at(-1)!.globalPosition;
    },
    async census() {
      return {
        storedEntries: log.length,
        head: log.length,
        strayEntry: null,
        streamHeads: [...streams.keys()].sort().map((streamId) => ({ streamId, ...head(streamId)! })),
        idempotencyRecords: appendsByKey.size,
      };
    },
    async idempotencyRecordsOf(keys) {
      return keys.flatMap(({ streamId, idempotencyKey }) => {
        const entries = appendsByKey.get(`${streamId}\u0000${idempotencyKey}`);
        return entries ? [{ streamId, idempotencyKey, firstPosition: entries[0]!.globalPosition, lastPosition: entries.at(-1)!.globalPosition }] : [];
      });
    },
    subscribe(options: SubscribeOptions) {
      return catchUpSubscription(
        async (from, limit) => copies(slice(from, limit)),
        (listener) => {
          appended.on('appended', listener);
          return () => appended.off('appended', listener);
        },
        options,
      );
    },
    async close() {},
  };
}
