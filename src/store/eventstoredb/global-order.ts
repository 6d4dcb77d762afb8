import {
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { comparePositions, decodeLink, encodeLink, isLedgerEvent, type OrderLink } from './event-codec.js';
import { drain } from './esdb-reads.js';
import type { StreamNames } from './stream-names.js';

/**
 * The ledger's global positions (1..N, dense, in commit order) on EventStoreDB.
 *
 * ESDB numbers its log by $all positions {commit, prepare}: byte offsets, sparse, shared with system and
 * other streams. The port needs 1, 2, 3 ... in the order entries were committed, the same for every reader,
 * forever (Merkle leaves, proofs and read-model checkpoints are built on it). ESDB 24.10 has no atomic
 * multi-stream append, so the position cannot be written with the event. Instead:
 *
 * - the order IS $all's order, restricted to this namespace's ledger events: ESDB already fixes it at commit;
 * - one stream, `<namespace>send-ledger:global-order`, holds a link (`$>`, data `revision@stream`) to each
 *   ledger event in that order; link revision r is global position r + 1, so positions are dense and
 *   readAll(from) is one read of that stream with links resolved. Each link also records the $all
 *   position of its event, so the last link says how far the order reaches;
 * - links are appended by whoever notices ledger events in $all past the last link (an append, before it
 *   answers; a reader, before it reads past the known head), under an expected-revision CAS on the order
 *   stream. If two processes race, one wins, the other gets WrongExpectedVersion, reads what was linked
 *   and scans on from there. Because each batch is "every ledger event after the last link, in $all
 *   order", no event is linked twice or skipped, and an event whose writer died before linking it is
 *   linked by the next process that looks.
 *
 * This rests on one property of ESDB: a read of $all never shows an event without every event committed
 * before it (one writer appends the transaction log in order), so "everything after the last link" is
 * never missing an earlier commit. Scanning $all needs the right to read it ($admins by default when
 * security is on: give the service's user that right, or an admin account in the connection string).
 *
 * This process keeps revision -> position per stream in memory (8 bytes an entry), read from the order
 * stream at open, so stream reads can carry global positions without a reverse index in ESDB.
 */
export interface GlobalOrder {
  /** How many entries are in the order: the head position (0 when empty). */
  readonly length: number;
  positionOf(esdbStream: string, revision: number): number | undefined;
  /** Every ESDB stream with at least one ordered entry. */
  streams(): string[];
  /** Links every ledger event committed so far that is not yet linked. Concurrent calls share a run. */
  catchUp(): Promise<void>;
}

export interface GlobalOrderOptions {
  /** Look for ledger events from the current end of $all rather than its start (a namespace no one has used). */
  newNamespace?: boolean;
  pageSize?: number;
}

export async function openGlobalOrder(client: EventStoreDBClient, names: StreamNames, options: GlobalOrderOptions = {}): Promise<GlobalOrder> {
  const pageSize = options.pageSize ?? 500;
  const positions = new Map<string, number[]>();
  let length = 0;
  /** $all position of the newest linked event. */
  let lastLinked: Position | null = null;
  /** Every ledger event at or before this $all position is linked (null: nothing scanned yet). */
  let scannedTo: Position | null = null;

  const record = (link: OrderLink, globalPosition: number) => {
    const revisions = positions.get(link.esdbStream) ?? positions.set(link.esdbStream, []).get(link.esdbStream)!;
    revisions[Number(link.revision)] = globalPosition;
    lastLinked = link.source;
  };

  /** Learns the links written since this process last looked (at open, and after losing a race). */
  const readNewLinks = async () => {
    for (;;) {
      const page = await drain(client.readStream(names.globalOrder, { fromRevision: BigInt(length), maxCount: pageSize, resolveLinkTos: false }));
      for (const { event } of page) {
        if (!event) continue;
        const globalPosition = Number(event.revision) + 1;
        length = globalPosition;
        try {
          record(decodeLink(event, globalPosition), globalPosition);
        } catch {
          // Not a link this adapter wrote: the position is taken, and reading it reports a CorruptEntry.
        }
      }
      if (page.length < pageSize) return;
    }
  };

  const linkUnordered = async () => {
    for (;;) {
      const page = await drain(client.readAll({ fromPosition: scannedTo ?? START, maxCount: pageSize, resolveLinkTos: false }));
      const unlinked: OrderLink[] = [];
      let last: Position | null = null;
      for (const { event } of page) {
        if (!event) continue;
        last = event.position;
        const seen = (scannedTo && comparePositions(event.position, scannedTo) <= 0) || (lastLinked && comparePositions(event.position, lastLinked) <= 0);
        if (!seen && isLedgerEvent(event, names)) unlinked.push({ esdbStream: event.streamId, revision: event.revision, source: event.position });
      }
      if (unlinked.length > 0) {
        try {
          await client.appendToStream(names.globalOrder, unlinked.map(encodeLink), {
            expectedRevision: length === 0 ? NO_STREAM : BigInt(length - 1),
          });
        } catch (error) {
          if (!(error instanceof WrongExpectedVersionError)) throw error;
          // Another process linked first: take its links, then scan on from the last event it linked.
          await readNewLinks();
          scannedTo = lastLinked;
          continue;
        }
        for (const link of unlinked) record(link, ++length);
      }
      if (last) scannedTo = last;
      if (page.length < pageSize) return;
    }
  };

  // One run at a time; callers that arrive while one runs share the next run, which starts after it
  // (so it sees everything committed before they called).
  let running: Promise<void> = Promise.resolve();
  let queued: Promise<void> | null = null;
  const catchUp = () => {
    if (queued) return queued;
    const run = running.catch(() => {}).then(() => {
      queued = null;
      return linkUnordered();
    });
    queued = run;
    running = run;
    return run;
  };

  await readNewLinks();
  scannedTo = lastLinked;
  if (length === 0 && options.newNamespace) {
    const [newest] = await drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
    scannedTo = newest?.event?.position ?? null;
  }

  return {
    get length() {
      return length;
    },
    positionOf: (esdbStream, revision) => positions.get(esdbStream)?.[revision],
    streams: () => [...positions.keys()],
    catchUp,
  };
}
