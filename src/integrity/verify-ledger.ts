import type { EventBody, LedgerEntry } from '../ledger/envelope.js';
import { CorruptEntry } from '../store/errors.js';
import { canTakeCensus, type LedgerCensus } from '../store/ledger-census.js';
import type { EventStore, StreamHead } from '../store/port.js';
import { checkEntry, type ChainTip } from './entry-checks.js';
import { IdempotencyChecks } from './idempotency-checks.js';
import { MerkleTreeBuilder, leafHash } from './merkle/index.js';
import { TreeHeadChecks } from './tree-head-checks.js';

export interface LedgerFault {
  /** Where the fault is; 0 when it is in a table rather than at a place in the log. */
  globalPosition: number;
  /** When the fault can only be placed within a range (a signed tree head no longer matches): its last position. */
  lastGlobalPosition?: number;
  eventId: string | null;
  streamId: string | null;
  streamRevision: number | null;
  problem: string;
}

export interface LedgerVerification {
  ok: boolean;
  checkedEvents: number;
  checkedStreams: number;
  /** Signed tree heads kept in the ledger that the log was checked against. */
  checkedTreeHeads: number;
  /** Whether their signatures were checked too (a public key was given). */
  treeHeadSignaturesChecked: boolean;
  /** Size and Merkle root (RFC 6962, hex) of the log as verified: up to the first fault when there is one. */
  treeSize: number;
  rootHash: string;
  /** The first entry, in global order, at which the record stops being trustworthy. */
  firstFault: LedgerFault | null;
}

export interface VerifyOptions {
  batchSize?: number;
  /** SPKI PEM of the key that signs tree heads: every kept head's signature is then checked too. */
  treeHeadKey?: string;
  /** A rule every entry's stored body must keep (src/privacy: child payloads are sealed), for a store read raw. */
  storedEntryRule?: (stored: EventBody) => string | null;
}

/**
 * Verify the ledger: account for every stored row and recompute everything that can be recomputed.
 *
 * - Every table is counted at one moment (where the store keeps tables: SQLite, PostgreSQL, memory), and the
 *   walk must find exactly that log: global positions 1..N with no gap, no entry stored outside them.
 * - The log is walked in global order and every stream's hash chain recomputed from the stored bytes:
 *   revisions 0..n, each linked to the one before, each hashing to its hash, canonical, naming itself.
 * - Every stream head recorded must be where its stream's chain ends, and no head without a stream.
 * - Every idempotency record must point at exactly one append's entries, and every keyed entry have one.
 * - The log is checked against every signed tree head the ledger keeps (see TreeHeadChecks), so a reorder
 *   across streams or a stream's tail removed with its head edited is caught by this alone.
 *
 * Reads refuse what this does not cover (src/store/covered-reads.ts), so what readers are shown is what is
 * verified here. Streams the log in batches; memory grows with the number of streams, not of entries.
 */
export async function verifyLedger(store: EventStore, options: VerifyOptions = {}): Promise<LedgerVerification> {
  const batchSize = options.batchSize ?? 1000;
  // The tables as counted before the walk. A store that keeps none (EventStoreDB) is walked to its end instead,
  // which may move on meanwhile: its heads are those kept when the walk began.
  const census: LedgerCensus | null = canTakeCensus(store) ? await store.census() : null;
  const logHead = census ? census.head : Number.MAX_SAFE_INTEGER;
  const treeHeads = await TreeHeadChecks.read(store, census ? census.head : await store.headPosition(), options.treeHeadKey);
  const idempotency = canTakeCensus(store) ? new IdempotencyChecks(store) : null;
  const tips = new Map<string, ChainTip>();
  const tree = new MerkleTreeBuilder();

  // Faults known before the walk, each reported when the walk reaches its position (or at the end).
  const pending: LedgerFault[] = treeHeads.unreadable ? [treeHeads.unreadable] : [];
  const stray = census?.strayEntry ?? null;
  if (stray) {
    pending.push({
      ...stray,
      problem: `an entry is stored at global position ${stray.globalPosition}, outside the log (positions 1 to ${logHead}): it is in its stream but not in the global log, so no hash chain walk or tree head covers it; it was put there outside the ledger`,
    });
  }
  pending.sort((a, b) => a.globalPosition - b.globalPosition);
  const pendingUpTo = (position: number) => (pending[0] !== undefined && pending[0].globalPosition <= position ? pending[0] : null);

  const result = (firstFault: LedgerFault | null): LedgerVerification => ({
    ok: firstFault === null,
    checkedEvents: tree.size,
    checkedStreams: tips.size,
    checkedTreeHeads: treeHeads.count,
    treeHeadSignaturesChecked: treeHeads.signaturesChecked,
    treeSize: tree.size,
    rootHash: tree.root().toString('hex'),
    firstFault,
  });

  const empty = treeHeads.compareEmpty() ?? pendingUpTo(0);
  if (empty) return result(empty);

  let next = 1;
  while (next <= logHead) {
    const limit = Math.min(batchSize, logHead - next + 1);
    const { entries, corrupt } = await readBatch(store, next, limit);
    await idempotency?.prepare(entries);
    for (const entry of entries) {
      if (entry.globalPosition !== tree.size + 1) {
        return result({ ...noEntry(tree.size + 1), problem: `nothing is stored at this position, yet the log goes on at position ${entry.globalPosition}: an entry was removed or moved` });
      }
      const check = checkEntry(entry, tips.get(entry.streamId));
      if (check.problem !== null) return result(faultAt(entry, check.problem));
      const broken = options.storedEntryRule?.(check.stored);
      if (broken) return result(faultAt(entry, broken));
      const keyed = idempotency?.check(entry, check.stored);
      if (keyed) return result(keyed.globalPosition === undefined ? faultAt(entry, keyed.problem) : { ...noEntry(keyed.globalPosition), problem: keyed.problem });
      const kept = treeHeads.faultAtEntry(entry) ?? pendingUpTo(entry.globalPosition);
      if (kept) return result(kept);

      tips.set(entry.streamId, { revision: entry.streamRevision, hash: entry.hash, globalPosition: entry.globalPosition });
      tree.append(leafHash(entry.canonical));
      if (treeHeads.wants(tree.size)) {
        const mismatch = treeHeads.compare(tree.size, tree.root().toString('hex'));
        if (mismatch) return result(mismatch);
      }
    }
    if (corrupt) {
      return result({
        globalPosition: corrupt.globalPosition,
        eventId: corrupt.entry?.eventId ?? null,
        streamId: corrupt.entry?.streamId ?? null,
        streamRevision: corrupt.entry?.streamRevision ?? null,
        problem: corrupt.reason,
      });
    }
    if (entries.length < limit) {
      if (!census) break;
      return result({ ...noEntry(tree.size + 1), problem: `the log ends at position ${tree.size}, but ${logHead} positions were handed out: entries at the end were removed` });
    }
    next = tree.size + 1;
  }

  const left = pending[0] ?? null;
  if (left) return result(left);
  if (census && census.storedEntries !== tree.size) {
    return result({
      ...noEntry(0),
      problem: `the entries table holds ${census.storedEntries} rows, but the log has ${tree.size}: ${census.storedEntries - tree.size} are outside it`,
    });
  }
  const heads = census ? census.streamHeads : await store.streamHeads();
  const headFault = checkStreamHeads(heads, tips);
  if (headFault) return result(headFault);
  if (idempotency && census) {
    const records = idempotency.finish(census.idempotencyRecords);
    if (records) return result({ ...noEntry(records.globalPosition), problem: records.problem });
  }
  return result(null);
}

/** Every stream head recorded must be where its stream's chain ends in the log; no head without a stream, no stream without a head. */
function checkStreamHeads(heads: ReadonlyArray<StreamHead & { streamId: string }>, tips: Map<string, ChainTip>): LedgerFault | null {
  const recorded = new Map(heads.map((head) => [head.streamId, head]));
  for (const head of heads) {
    if (!tips.has(head.streamId)) {
      return {
        globalPosition: 0,
        eventId: null,
        streamId: head.streamId,
        streamRevision: head.revision,
        problem: `the stream head records revision ${head.revision}, but the log holds no entry of this stream: its entries were removed`,
      };
    }
  }
  for (const [streamId, tip] of tips) {
    const head = recorded.get(streamId);
    if (!head || head.revision !== tip.revision || head.hash !== tip.hash) {
      return {
        globalPosition: tip.globalPosition,
        eventId: null,
        streamId,
        streamRevision: tip.revision,
        problem: `the stream head records ${head ? `revision ${head.revision} with hash ${head.hash}` : 'no stream'}, but the log ends at revision ${tip.revision}: entries after it were removed or the head was altered`,
      };
    }
  }
  return null;
}

/**
 * A batch of the log from `from`. A store refuses a whole read at a row it will not hand out (CorruptEntry);
 * the entries before that row still come first in global order, so they are read one by one and checked
 * before it is blamed (or an earlier refused row found).
 */
async function readBatch(store: EventStore, from: number, limit: number): Promise<{ entries: LedgerEntry[]; corrupt: CorruptEntry | null }> {
  try {
    return { entries: await store.readAll(from, limit), corrupt: null };
  } catch (error) {
    if (!(error instanceof CorruptEntry)) throw error;
    const entries: LedgerEntry[] = [];
    for (let cursor = from; cursor < error.globalPosition; ) {
      let entry: LedgerEntry | undefined;
      try {
        [entry] = await store.readAll(cursor, 1);
      } catch (earlier) {
        if (!(earlier instanceof CorruptEntry)) throw earlier;
        return { entries, corrupt: earlier.globalPosition < error.globalPosition ? earlier : error };
      }
      if (!entry || entry.globalPosition >= error.globalPosition) break;
      entries.push(entry);
      cursor = entry.globalPosition + 1;
    }
    return { entries, corrupt: error };
  }
}

const noEntry = (globalPosition: number) => ({ globalPosition, eventId: null, streamId: null, streamRevision: null });

const faultAt = (entry: LedgerEntry, problem: string): LedgerFault => ({
  globalPosition: entry.globalPosition,
  eventId: entry.eventId,
  streamId: entry.streamId,
  streamRevision: entry.streamRevision,
  problem,
});
