import { EventEmitter } from 'node:events';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  NO_STREAM,
  WrongExpectedVersionError,
  excludeSystemEvents,
  type RecordedEvent,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { position, type LedgerEntry, type ProposedEvent } from '../../ledger/envelope.js';
import { idempotencyKeyOf, planAppend } from '../append-plan.js';
import { catchUpSubscription } from '../catch-up-subscription.js';
import { ConcurrencyConflict, CorruptEntry } from '../errors.js';
import type { AppendResult, EventStore, ExpectedRevision, StreamHead, StreamRange, SubscribeOptions } from '../port.js';
import { SealedImportRefused, checkSealedEntry, type SealedImport } from '../sealed-import.js';
import { drain, mapLimited } from './esdb-reads.js';
import { decodeEntry, encodeSealed, headOf } from './event-codec.js';
import { openGlobalOrder } from './global-order.js';
import { streamNames } from './stream-names.js';

export interface EventStoreDbOptions {
  /**
   * Prefix of every ESDB stream this store uses. Empty in a deployment. The contract tests give each store a
   * fresh one, so every run sees an empty ledger on a shared server without deleting anything.
   */
  namespace?: string;
  /** The namespace has never been written to: look for its events from the current end of $all (tests). */
  newNamespace?: boolean;
}

export type EventStoreDbStore = EventStore & SealedImport;

/** Losing the expected-revision race this many times in a row on one append gives up with a ConcurrencyConflict. */
const MAX_ATTEMPTS = 50;

/**
 * The EventStore port on EventStoreDB / KurrentDB (gRPC client 6.x, server 24.10).
 *
 * - Each ledger stream is one ESDB stream; ESDB revisions start at 0 like ours. The stored event is the
 *   canonical bytes as hashed (event-codec.ts), so reading back yields byte-identical entries and hashes.
 * - Expected revision: the caller's expectation (NO_STREAM / STREAM_EXISTS / ANY / n) is judged by
 *   planAppend against the head just read, and the write itself always goes to ESDB with the exact
 *   revision of that head (or NO_STREAM). Passing ANY or STREAM_EXISTS through would let two writers chain
 *   onto the same previous hash; the exact revision makes ESDB refuse the second. WrongExpectedVersion
 *   therefore means "the head moved": the append re-reads it and judges the caller's expectation again,
 *   which yields our ConcurrencyConflict carrying the current revision, a dedup, or (ANY) a retry.
 * - Idempotency keys travel inside the hashed metadata; a keyed append reads its (per-child, short) stream
 *   and returns the original entries when the key is already there. The exact-revision write closes the
 *   race between two retries of one command. ESDB's event-id dedup also applies (event id = our event id).
 * - Global positions: see global-order.ts.
 * - subscribe: our catch-up loop over the global order, woken by a live ESDB subscription (see doorbell).
 */
export async function openEventStoreDbStore(
  connection: string | EventStoreDBClient,
  clock: () => Date = () => new Date(),
  options: EventStoreDbOptions = {},
): Promise<EventStoreDbStore> {
  // Given a connection string the store owns its client and disposes of it on close; given a client, the caller does.
  const ownsClient = typeof connection === 'string';
  const client = typeof connection === 'string' ? EventStoreDBClient.connectionString(connection) : connection;
  const names = streamNames(options.namespace);
  const order = await openGlobalOrder(client, names, { newNamespace: options.newNamespace ?? false }).catch(async (error: unknown) => {
    if (ownsClient) await client.dispose();
    throw error;
  });
  const appended = new EventEmitter();

  const readEvents = async (esdbStream: string, fromRevision: number, maxCount: number): Promise<RecordedEvent[]> =>
    maxCount <= 0 ? [] : recordedOf(await drain(client.readStream(esdbStream, { fromRevision: BigInt(fromRevision), maxCount })));

  const readNewest = async (esdbStream: string): Promise<RecordedEvent | undefined> =>
    recordedOf(await drain(client.readStream(esdbStream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })))[0];

  /** Entries of one stream with their global positions, ordering any not yet in the global order first. */
  const entriesOf = async (esdbStream: string, events: RecordedEvent[]): Promise<LedgerEntry[]> => {
    if (events.some((event) => order.positionOf(esdbStream, Number(event.revision)) === undefined)) await order.catchUp();
    return events.map((event) => {
      const globalPosition = order.positionOf(esdbStream, Number(event.revision));
      if (globalPosition === undefined) {
        throw new CorruptEntry(0, `revision ${event.revision} of stream ${esdbStream} is stored but is not in the global order`);
      }
      return decodeEntry(event, globalPosition, names);
    });
  };

  const streamHead = async (streamId: string): Promise<StreamHead | null> => {
    const newest = await readNewest(names.esdbStreamOf(streamId));
    return newest ? headOf(newest, names) : null;
  };

  const append = async (streamId: string, events: ProposedEvent[], expected: ExpectedRevision): Promise<AppendResult> => {
    if (events.length === 0) throw new Error('an append needs at least one event');
    const esdbStream = names.esdbStreamOf(streamId);
    const key = idempotencyKeyOf(events);
    for (let attempt = 1; ; attempt++) {
      const recorded = key === undefined ? [await readNewest(esdbStream)].filter((e) => e !== undefined) : await readEvents(esdbStream, 0, Number.MAX_SAFE_INTEGER);
      const newest = recorded.at(-1);
      const head = newest ? headOf(newest, names) : null;
      if (key !== undefined) {
        const original = recorded.filter((event) => decodeEntry(event, 0, names).metadata.idempotencyKey === key);
        if (original.length > 0) return { nextExpectedRevision: head!.revision, entries: await entriesOf(esdbStream, original), deduplicated: true };
      }
      const sealed = planAppend(streamId, head, events, expected, clock().toISOString());
      try {
        await client.appendToStream(
          esdbStream,
          sealed.map((s) => encodeSealed({ ...s, eventId: s.body.eventId, type: s.body.type }, names.namespace)),
          { expectedRevision: head === null ? NO_STREAM : BigInt(head.revision) },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt < MAX_ATTEMPTS) continue;
        throw new ConcurrencyConflict(streamId, expected, error.actualVersion === NO_STREAM ? null : Number(error.actualVersion));
      }
      const first = sealed[0]!.body.streamRevision;
      const entries = await entriesOf(esdbStream, await readEvents(esdbStream, first, sealed.length));
      // ESDB treats a write whose event ids are already at those revisions as a retry and stores nothing.
      if (entries.length !== sealed.length || entries.some((entry, i) => entry.hash !== sealed[i]!.hash)) {
        throw new Error(`the events of this append are already recorded in stream ${streamId} with other content (a reused event id)`);
      }
      appended.emit('appended');
      return { nextExpectedRevision: entries.at(-1)!.streamRevision, entries, deduplicated: false };
    }
  };

  const readAll = async (fromPosition: number, limit: number): Promise<LedgerEntry[]> => {
    if (limit <= 0) return [];
    const first = Math.max(1, fromPosition);
    // Reading past what this process knows: another process may have appended (or died before ordering).
    if (first + limit - 1 > order.length) await order.catchUp();
    if (first > order.length) return [];
    const links = await drain(client.readStream(names.globalOrder, { fromRevision: BigInt(first - 1), maxCount: limit, resolveLinkTos: true }));
    return links.map((resolved) => orderedEntry(resolved));
  };

  const orderedEntry = (resolved: ResolvedEvent): LedgerEntry => {
    // A link that resolves comes back as {event: target, link}; one whose target is gone comes back bare.
    const link = resolved.link ?? resolved.event;
    const globalPosition = link ? Number(link.revision) + 1 : 0;
    if (!resolved.link || !resolved.event) {
      throw new CorruptEntry(globalPosition, 'its link in the global order points to no stored event: the event was deleted or the link forged');
    }
    return decodeEntry(resolved.event, globalPosition, names);
  };

  /**
   * Wakes the catch-up loop when anything is written, here or by another process. It is only a bell:
   * positions come from the global order, never from this subscription, so it starts at the end of $all
   * and nothing is lost when it drops (the loop still polls). In particular no position is ever taken from
   * `checkpointReached`, which can report a commit position beyond the last event delivered (KurrentDB
   * #4970): a subscriber that resumed from it could skip an event. Our resume point is the global position
   * of the last entry the handler finished with (Subscription.lastHandled), mapped through the order stream.
   */
  const doorbell = (ring: () => void) => {
    appended.on('appended', ring);
    const live = client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
    live.on('data', () => ring());
    live.on('error', () => {});
    return () => {
      appended.off('appended', ring);
      live.unsubscribe().catch(() => {});
    };
  };

  return {
    append,
    async readStream(streamId: string, range: StreamRange = {}) {
      const from = Math.max(0, range.fromRevision ?? 0);
      const to = Math.min(range.toRevision ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1);
      const esdbStream = names.esdbStreamOf(streamId);
      return entriesOf(esdbStream, await readEvents(esdbStream, from, to - from + 1));
    },
    readAll,
    streamHead,
    async streamHeads() {
      await order.catchUp();
      const streamIds = order
        .streams()
        .map((esdbStream) => names.ledgerStreamOf(esdbStream))
        .filter((streamId): streamId is string => streamId !== null)
        .sort();
      const heads = await mapLimited(streamIds, 16, async (streamId) => ({ streamId, head: await streamHead(streamId) }));
      return heads.flatMap(({ streamId, head }) => (head ? [{ streamId, ...head }] : []));
    },
    async headPosition() {
      await order.catchUp();
      return order.length === 0 ? 0 : position(order.length);
    },
    subscribe(options: SubscribeOptions) {
      return catchUpSubscription(readAll, doorbell, options);
    },
    async importSealed(entries) {
      // One ESDB append per run of consecutive entries of a stream, in the order given: $all, and so the
      // global order, is then the source's order. Atomic per run, not per call (ESDB 24.10 has no
      // multi-stream transaction); a copy that stops half-way is resumed from the target's tree size.
      const stored: LedgerEntry[] = [];
      for (let start = 0; start < entries.length; ) {
        const streamId = entries[start]!.streamId;
        let end = start;
        while (end < entries.length && entries[end]!.streamId === streamId) end++;
        const run = entries.slice(start, end);
        let head = await streamHead(streamId);
        for (const entry of run) {
          checkSealedEntry(entry, head);
          head = { revision: entry.streamRevision, hash: entry.hash };
        }
        const esdbStream = names.esdbStreamOf(streamId);
        const firstRevision = run[0]!.streamRevision;
        await client.appendToStream(
          esdbStream,
          run.map((entry) => encodeSealed(entry, names.namespace)),
          { expectedRevision: firstRevision === 0 ? NO_STREAM : BigInt(firstRevision - 1) },
        );
        const written = await entriesOf(esdbStream, await readEvents(esdbStream, firstRevision, run.length));
        const differs = run.findIndex((entry, i) => written[i]?.hash !== entry.hash);
        if (differs !== -1) throw new SealedImportRefused(run[differs]!, 'ESDB already held these event ids with other content and stored nothing');
        stored.push(...written);
        start = end;
      }
      if (stored.length > 0) appended.emit('appended');
      return stored;
    },
    async close() {
      if (ownsClient) await client.dispose();
    },
  };
}

const recordedOf = (events: ResolvedEvent[]): RecordedEvent[] => events.flatMap((resolved) => (resolved.event ? [resolved.event] : []));
