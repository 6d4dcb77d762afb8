import { CLEARTEXT_CHILD_EVENT_TYPES, isErasedData } from '../domain/child-record/events.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { canTakeCensus, type LedgerCensusTaker } from './ledger-census.js';
import type { EventStore, StreamRange } from './port.js';

export interface ChildStreamCacheOptions {
  /** Roughly how much memory the cached entries may take (their stored bytes, counted three times over for the decoded copy). */
  maxBytes: number;
}

export interface ChildStreamCacheFigures {
  streams: number;
  entries: number;
  bytes: number;
  hits: number;
  extensions: number;
  misses: number;
}

export type CachingStore = EventStore & Partial<LedgerCensusTaker> & { readonly figures: ChildStreamCacheFigures };

interface CachedStream {
  revision: number;
  entries: readonly LedgerEntry[];
  bytes: number;
}

const CHILD_STREAM = /^child-/;
/** An erasure (or a legal hold, or an entry whose key is gone) changes how every earlier entry must read: such a stream is never kept. */
const changesWhatEarlierEntriesSay = (entry: LedgerEntry) => CLEARTEXT_CHILD_EVENT_TYPES.has(entry.type) || isErasedData(entry.data);
const sizeOf = (entry: LedgerEntry) => 3 * (entry.canonical?.length ?? 1024);

function frozen(entry: LedgerEntry): LedgerEntry {
  const freeze = (value: unknown): void => {
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
    Object.freeze(value);
    for (const inner of Object.values(value)) freeze(inner);
  };
  freeze(entry);
  return entry;
}

const within = (entries: readonly LedgerEntry[], range: StreamRange | undefined): LedgerEntry[] => {
  if (!range || (range.fromRevision === undefined && range.toRevision === undefined)) return entries as LedgerEntry[];
  const from = range.fromRevision ?? 0;
  const to = range.toRevision ?? Number.POSITIVE_INFINITY;
  return entries.filter((entry) => entry.streamRevision >= from && entry.streamRevision <= to);
};

/**
 * A child's record read as the same array of opened (decrypted) entries until the stream grows, so the server does not
 * decrypt, parse and refold a long record on every request; a grown stream reads only its new entries. Keyed by stream
 * revision, which the store gives in one cheap look-up, so an append by another process is seen on the next read.
 *
 * It sits below the access rules (every read is still judged by child-records.ts), holds whole streams only, and is
 * bounded by an estimate of their size, least recently read first out. Erasure: a stream holding an erasure or a legal
 * hold is never kept (the erasure is recorded before the child's key is destroyed, so a cached copy is always dropped
 * before its plain text stops being readable), nor one with an entry that already reads as erased.
 *
 * Entries come back frozen and shared between requests: a caller that wants to change one makes a copy.
 */
export function cachingChildStreams(inner: EventStore, options: ChildStreamCacheOptions): CachingStore {
  const streams = new Map<string, CachedStream>();
  const figures: ChildStreamCacheFigures = { streams: 0, entries: 0, bytes: 0, hits: 0, extensions: 0, misses: 0 };

  const forget = (streamId: string) => {
    const cached = streams.get(streamId);
    if (!cached) return;
    streams.delete(streamId);
    figures.entries -= cached.entries.length;
    figures.bytes -= cached.bytes;
    figures.streams = streams.size;
  };

  const keep = (streamId: string, entries: readonly LedgerEntry[], bytesBefore: number, added: readonly LedgerEntry[]): readonly LedgerEntry[] => {
    forget(streamId);
    if (entries.length === 0 || added.some(changesWhatEarlierEntriesSay)) return entries;
    const bytes = bytesBefore + added.reduce((sum, entry) => sum + sizeOf(entry), 0);
    if (bytes > options.maxBytes / 4) return entries;
    for (const entry of added) frozen(entry);
    Object.freeze(entries);
    streams.set(streamId, { revision: entries.at(-1)!.streamRevision, entries, bytes });
    figures.entries += entries.length;
    figures.bytes += bytes;
    for (const [oldest] of streams) {
      if (figures.bytes <= options.maxBytes) break;
      forget(oldest);
    }
    figures.streams = streams.size;
    return entries;
  };

  const readWhole = async (streamId: string): Promise<readonly LedgerEntry[]> => {
    const head = await inner.streamHead(streamId);
    const cached = streams.get(streamId);
    if (!head) {
      forget(streamId);
      return [];
    }
    if (cached && cached.revision === head.revision) {
      // Most recently read goes to the back of the queue.
      streams.delete(streamId);
      streams.set(streamId, cached);
      figures.hits++;
      return cached.entries;
    }
    if (cached && cached.revision < head.revision) {
      const added = await inner.readStream(streamId, { fromRevision: cached.revision + 1 });
      if (added[0]?.streamRevision === cached.revision + 1 && !added.some(changesWhatEarlierEntriesSay)) {
        figures.extensions++;
        return keep(streamId, [...cached.entries, ...added], cached.bytes, added);
      }
    }
    figures.misses++;
    const entries = await inner.readStream(streamId);
    return keep(streamId, entries, 0, entries);
  };

  const census: Partial<LedgerCensusTaker> = canTakeCensus(inner)
    ? { census: () => inner.census(), idempotencyRecordsOf: (wanted) => inner.idempotencyRecordsOf(wanted) }
    : {};

  return {
    readAll: (fromPosition, limit) => inner.readAll(fromPosition, limit),
    streamHead: (streamId) => inner.streamHead(streamId),
    streamHeads: () => inner.streamHeads(),
    headPosition: () => inner.headPosition(),
    subscribe: (subscribeOptions) => inner.subscribe(subscribeOptions),
    close: () => inner.close(),
    ...census,
    get figures() {
      return figures;
    },
    async readStream(streamId, range) {
      if (!CHILD_STREAM.test(streamId)) return inner.readStream(streamId, range);
      return within(await readWhole(streamId), range);
    },
    async append(streamId, events, expected) {
      const result = await inner.append(streamId, events, expected);
      if (!CHILD_STREAM.test(streamId) || result.deduplicated) return result;
      const cached = streams.get(streamId);
      const added = result.entries;
      // Just written: the cached record grows by the entries as the store answered them, without reading them back.
      if (cached && added[0]?.streamRevision === cached.revision + 1) keep(streamId, [...cached.entries, ...added], cached.bytes, added);
      else if (added[0]?.streamRevision === 0) keep(streamId, [...added], 0, added);
      else forget(streamId);
      return result;
    },
  };
}
