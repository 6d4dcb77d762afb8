import type { LedgerEntry } from '../ledger/envelope.js';
import { CorruptEntry } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import { EMPTY_ROOT_HEX } from './merkle/index.js';
import { keyIdOf } from './signing-key.js';
import { verifyTreeHead, type SignedTreeHead } from './tree-head.js';
import { TREE_HEAD_STREAM } from './tree-heads.js';
import type { LedgerFault } from './verify-ledger.js';

/** A signed head as the ledger keeps it, and the entry that keeps it. */
interface KeptHead {
  head: SignedTreeHead;
  entry: Pick<LedgerEntry, 'globalPosition' | 'eventId' | 'streamId' | 'streamRevision'>;
}

const faultAt = (entry: KeptHead['entry'], problem: string): LedgerFault => ({
  globalPosition: entry.globalPosition,
  eventId: entry.eventId,
  streamId: entry.streamId,
  streamRevision: entry.streamRevision,
  problem,
});

const wellFormed = (data: unknown): data is SignedTreeHead => {
  const head = data as Partial<SignedTreeHead> | null;
  return (
    typeof head === 'object' &&
    head !== null &&
    Number.isSafeInteger(head.treeSize) &&
    head.treeSize! >= 0 &&
    typeof head.rootHash === 'string' &&
    /^[0-9a-f]{64}$/.test(head.rootHash) &&
    typeof head.timestamp === 'string' &&
    typeof head.keyId === 'string' &&
    typeof head.signature === 'string'
  );
};

/**
 * The log checked against every signed tree head the ledger keeps (stream `ledger-tree-heads`). A hash chain
 * only ties a stream's own entries together, and anyone with the file can recompute one; a signed head ties
 * the whole log's order to a key the forger lacks. So each head's signature is checked, and the root of the
 * log's first `treeSize` entries is recomputed as the walk passes that size: a swap of two entries of
 * different streams, or a stream's tail removed with its head edited to match, changes the root of every
 * head at or after the change. Every root comes from the one log being verified, so the older heads being
 * prefixes of the newest (what a consistency proof shows someone without the log) is checked with them.
 *
 * A root cannot say which of its entries changed: a mismatch is placed between the last head that still
 * matches and the first that does not, which is as close as the kept heads allow.
 */
export class TreeHeadChecks {
  /** The heads stream could not be read: reported in log order with the walk's own faults. */
  unreadable: LedgerFault | null = null;
  /** What is wrong with a head entry itself (not a head, a bad signature, a head at or before its own size), by its position. */
  private readonly entryProblems = new Map<number, () => LedgerFault>();
  /** The hash of every head entry read from its stream, by position: the walk must meet exactly these. */
  private readonly keptAt = new Map<number, string>();
  private readonly bySize = new Map<number, KeptHead[]>();
  private lastMatched = 0;
  private checked = 0;

  private constructor(
    kept: KeptHead[],
    readonly signaturesChecked: boolean,
    /** Heads were read up to this position; the walk may go on past it in a store it cannot count (appends since). */
    private readonly readUpTo: number,
  ) {
    for (const one of kept) {
      const list = this.bySize.get(one.head.treeSize);
      if (list) list.push(one);
      else this.bySize.set(one.head.treeSize, [one]);
    }
  }

  /** The heads kept in entries at positions up to `upTo` (later ones came after this verification began). */
  static async read(store: EventStore, upTo: number, publicKeyPem?: string): Promise<TreeHeadChecks> {
    let entries: LedgerEntry[] = [];
    let unreadable: CorruptEntry | null = null;
    try {
      entries = (await store.readStream(TREE_HEAD_STREAM)).filter((entry) => entry.globalPosition <= upTo);
    } catch (error) {
      if (!(error instanceof CorruptEntry)) throw error;
      // The walk meets the same row, or an earlier fault: it is reported in log order with the rest.
      unreadable = error;
    }
    const keyId = publicKeyPem === undefined ? undefined : keyIdOf(publicKeyPem);
    const usable: KeptHead[] = [];
    const problems = new Map<number, (checks: TreeHeadChecks) => LedgerFault>();
    for (const entry of entries) {
      const kept = { head: entry.data as unknown as SignedTreeHead, entry };
      if (!wellFormed(entry.data)) {
        problems.set(entry.globalPosition, () => faultAt(entry, 'it is kept as a signed tree head but is not one (size, root, time, key id and signature)'));
      } else if (publicKeyPem !== undefined && !verifyTreeHead(kept.head, publicKeyPem)) {
        const problem =
          kept.head.keyId === keyId
            ? "its signature does not verify under this ledger's tree head key: the head was altered or forged"
            : `it names signing key ${kept.head.keyId}, not this ledger's tree head key ${keyId}: it was not signed by this ledger`;
        problems.set(entry.globalPosition, () => faultAt(entry, problem));
      } else if (kept.head.treeSize >= entry.globalPosition) {
        // Signed, so it stood after the entries it signs: it is now at or before them because entries before it went.
        problems.set(entry.globalPosition, (checks) => checks.movedHead(kept));
      } else usable.push(kept);
    }
    const checks = new TreeHeadChecks(usable, publicKeyPem !== undefined, upTo);
    for (const entry of entries) checks.keptAt.set(entry.globalPosition, entry.hash);
    for (const [position, problem] of problems) checks.entryProblems.set(position, () => problem(checks));
    if (unreadable) {
      checks.unreadable = {
        globalPosition: unreadable.globalPosition,
        eventId: unreadable.entry?.eventId ?? null,
        streamId: unreadable.entry?.streamId ?? TREE_HEAD_STREAM,
        streamRevision: unreadable.entry?.streamRevision ?? null,
        problem: unreadable.reason,
      };
    }
    return checks;
  }

  /** A fault in the head kept at this place of the log, when the walk reaches it (the entry has passed its chain checks). */
  faultAtEntry(entry: LedgerEntry): LedgerFault | null {
    if (entry.globalPosition > this.readUpTo) return null;
    const kept = this.keptAt.get(entry.globalPosition);
    if ((entry.streamId === TREE_HEAD_STREAM) !== (kept === entry.hash)) {
      // The heads were read from their stream before the walk: a head the walk meets must be one of them.
      return faultAt(entry, 'the log and the tree heads stream disagree about the signed tree head kept here: the rows were changed while they were read, or behind the ledger');
    }
    return this.entryProblems.get(entry.globalPosition)?.() ?? null;
  }

  private movedHead({ head, entry }: KeptHead): LedgerFault {
    return {
      globalPosition: this.lastMatched + 1,
      lastGlobalPosition: entry.globalPosition,
      eventId: null,
      streamId: null,
      streamRevision: null,
      problem:
        `the tree head signed at ${head.timestamp} for a log of ${head.treeSize} entries is now entry ${entry.globalPosition} of the log, so it stood at position ` +
        `${head.treeSize + 1} or later: at least ${head.treeSize + 1 - entry.globalPosition} entries before it were removed` +
        (this.lastMatched > 0 ? `, after the first ${this.lastMatched}, which still hash to the root of the head of that size` : ''),
    };
  }

  /** How many heads the log was checked against, so far. */
  get count(): number {
    return this.checked;
  }

  /** Whether some head signs a log of exactly `size` entries (the walk then computes that root). */
  wants(size: number): boolean {
    return this.bySize.has(size);
  }

  /** Compares the root of the log's first `size` entries with every usable head of that size. */
  compare(size: number, rootHex: string): LedgerFault | null {
    for (const { head, entry } of this.bySize.get(size) ?? []) {
      this.checked++;
      if (head.rootHash === rootHex) continue;
      return {
        globalPosition: this.lastMatched + 1,
        lastGlobalPosition: size,
        eventId: null,
        streamId: null,
        streamRevision: null,
        problem:
          `the first ${size} entries of the log do not hash to the root the tree head signed at ${head.timestamp} (entry ${entry.globalPosition}) for them` +
          (this.lastMatched > 0 ? `, while the first ${this.lastMatched} still hash to the root of the head of that size` : '') +
          `: an entry at global positions ${this.lastMatched + 1} to ${size} was altered, removed, inserted or moved since`,
      };
    }
    this.lastMatched = size;
    return null;
  }

  /** The empty log's root, for a head of size 0, before the walk. */
  compareEmpty(): LedgerFault | null {
    return this.wants(0) ? this.compare(0, EMPTY_ROOT_HEX) : null;
  }
}
