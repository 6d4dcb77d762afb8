import { canonicalJson } from '../ledger/canonical-json.js';
import { GENESIS_HASH, chainHash } from '../ledger/event-hash.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { CorruptEntry } from '../store/errors.js';
import type { EventStore } from '../store/port.js';

export interface LedgerFault {
  globalPosition: number;
  eventId: string | null;
  streamId: string | null;
  streamRevision: number | null;
  problem: string;
}

export interface LedgerVerification {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** The first entry, in global order, at which the record stops being trustworthy. */
  firstFault: LedgerFault | null;
}

interface ChainTip {
  revision: number;
  hash: string;
  globalPosition: number;
}

/**
 * Walk the whole log in global order and recompute every hash chain from the stored bytes.
 * Detects an edited byte, a deleted, inserted or reordered entry, and a truncated stream.
 */
export async function verifyLedger(store: EventStore, batchSize = 1000): Promise<LedgerVerification> {
  const tips = new Map<string, ChainTip>();
  let checked = 0;
  let next = 1;
  const fail = (firstFault: LedgerFault): LedgerVerification => ({
    ok: false,
    checkedEvents: checked,
    checkedStreams: tips.size,
    firstFault,
  });

  for (;;) {
    let batch: LedgerEntry[];
    let corrupt: CorruptEntry | null = null;
    try {
      batch = await store.readAll(next, batchSize);
    } catch (error) {
      if (!(error instanceof CorruptEntry)) throw error;
      // Entries before the undecodable one still come first in global order: check them before blaming it.
      corrupt = error;
      batch = await readBefore(store, next, error.globalPosition);
    }
    for (const entry of batch) {
      const problem = checkEntry(entry, tips.get(entry.streamId));
      if (problem) return fail(faultAt(entry, problem));
      tips.set(entry.streamId, { revision: entry.streamRevision, hash: entry.hash, globalPosition: entry.globalPosition });
      checked++;
    }
    if (corrupt) {
      return fail({ globalPosition: corrupt.globalPosition, eventId: null, streamId: null, streamRevision: null, problem: corrupt.message });
    }
    if (batch.length < batchSize) break;
    next = batch.at(-1)!.globalPosition + 1;
  }

  for (const head of await store.streamHeads()) {
    if (!tips.has(head.streamId)) {
      return fail({
        globalPosition: 0,
        eventId: null,
        streamId: head.streamId,
        streamRevision: head.revision,
        problem: `the stream head records revision ${head.revision}, but the log holds no entry of this stream: its entries were removed`,
      });
    }
  }
  for (const [streamId, tip] of tips) {
    const head = await store.streamHead(streamId);
    if (!head || head.revision !== tip.revision || head.hash !== tip.hash) {
      return fail({
        globalPosition: tip.globalPosition,
        eventId: null,
        streamId,
        streamRevision: tip.revision,
        problem: `the stream head records ${head ? `revision ${head.revision} with hash ${head.hash}` : 'no stream'}, but the log ends at revision ${tip.revision}: entries after it were removed or the head was altered`,
      });
    }
  }
  return { ok: true, checkedEvents: checked, checkedStreams: tips.size, firstFault: null };
}

/** Entries from `from` up to (not including) an undecodable one, read one at a time: positions may have gaps. */
async function readBefore(store: EventStore, from: number, corruptAt: number): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  for (let cursor = from; cursor < corruptAt; ) {
    let next: LedgerEntry | undefined;
    try {
      [next] = await store.readAll(cursor, 1);
    } catch (error) {
      if (error instanceof CorruptEntry && error.globalPosition >= corruptAt) break;
      throw error;
    }
    if (!next || next.globalPosition >= corruptAt) break;
    entries.push(next);
    cursor = next.globalPosition + 1;
  }
  return entries;
}

function checkEntry(entry: LedgerEntry, tip: ChainTip | undefined): string | null {
  const expectedRevision = tip ? tip.revision + 1 : 0;
  if (entry.streamRevision !== expectedRevision) {
    return `revision ${entry.streamRevision} found where revision ${expectedRevision} was expected: an entry is missing, inserted or out of order`;
  }
  const expectedPrevious = tip?.hash ?? GENESIS_HASH;
  if (entry.previousHash !== expectedPrevious) {
    return `its previous hash does not match the hash of revision ${expectedRevision - 1}: the chain is broken`;
  }
  if (chainHash(entry.previousHash, entry.canonical) !== entry.hash) {
    return 'its stored bytes do not match its hash: the entry was altered after it was recorded';
  }
  // Judged on the stored bytes alone, so it holds whether payloads are read in clear or decrypted by a decorator.
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(entry.canonical) as Record<string, unknown>;
  } catch {
    return 'its stored bytes are not JSON';
  }
  if (canonicalJson(body) !== entry.canonical) return 'its stored bytes are not in canonical form';
  if (body['eventId'] !== entry.eventId || body['streamId'] !== entry.streamId || body['streamRevision'] !== entry.streamRevision || body['type'] !== entry.type) {
    return 'its stored bytes name another entry than the one read';
  }
  return null;
}

const faultAt = (entry: LedgerEntry, problem: string): LedgerFault => ({
  globalPosition: entry.globalPosition,
  eventId: entry.eventId,
  streamId: entry.streamId,
  streamRevision: entry.streamRevision,
  problem,
});
