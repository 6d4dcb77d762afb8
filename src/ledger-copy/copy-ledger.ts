import { readLogLeaves } from '../integrity/log-leaves.js';
import { leafHash, merkleRoot } from '../integrity/merkle/index.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import type { EventStore } from '../store/port.js';
import { SealedImportRefused, canImportSealed } from '../store/sealed-import.js';
import { checkLedger, checkProblem, describeFault } from './ledger-check.js';
import { verifyLedger } from '../integrity/verify-ledger.js';

export interface CopyProgress {
  /** Entries in the target so far (including any found there on resume). */
  copied: number;
  /** Entries the source held when the copy started. */
  total: number;
}

export interface CopyOptions {
  batchSize?: number;
  /** Continue an interrupted copy: the target must hold exactly the first entries of this source. */
  resume?: boolean;
  onProgress?: (progress: CopyProgress) => void;
}

export interface CopyReport {
  /** Entries written by this run. */
  copiedEntries: number;
  /** Entries already in the target when a resumed copy started. */
  resumedAfter: number;
  treeSize: number;
  rootHash: string;
  streams: number;
  /** Every entry kept its global position (false only when the source's positions have gaps). */
  positionsKept: boolean;
}

/** Nothing was written: the source, the target or their pairing is not fit for a copy. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

/** The copy was written but does not prove to be the source's ledger. */
export class CopyDoesNotVerify extends Error {
  override name = 'CopyDoesNotVerify';
}

/**
 * Copies the whole ledger, byte for byte and in global order, into a store that can take sealed entries
 * (src/store/sealed-import.ts), so every event id, revision, recorded time, hash, Merkle leaf and proof is
 * the source's. Copies what the source holds when it starts. Refuses a source that does not verify (naming
 * the entry), and a non-empty target unless resuming a copy of this same source. Then proves the copy:
 * every chain verifies, and its tree head (size and root) is the source's.
 *
 * Stores are used raw: encrypted payloads are copied as ciphertext (the key file travels separately).
 */
export async function copyLedger(source: EventStore, target: EventStore, options: CopyOptions = {}): Promise<CopyReport> {
  const batchSize = options.batchSize ?? 1000;
  if (!canImportSealed(target)) {
    throw new CopyRefused('the target store cannot take sealed entries (no importSealed), so it could not keep recorded times and hashes');
  }
  const snapshot = await source.headPosition();
  const sourceVerification = await verifyLedger(source);
  if (!sourceVerification.ok) {
    throw new CopyRefused(`the source ledger does not verify, so it is not copied. First broken ${describeFault(sourceVerification.firstFault!)}`);
  }

  const targetLeaves = (await readLogLeaves(target)).leaves;
  const already = targetLeaves.length;
  if (already > 0 && !options.resume) {
    throw new CopyRefused(
      `the target already holds ${already} entries: copy into an empty store, or pass --resume to finish an interrupted copy of this same source`,
    );
  }

  // The source's leaves, kept to compare tree heads at the end; on resume, the target must be their prefix.
  const sourceLeaves: Buffer[] = [];
  let next = 1;
  while (sourceLeaves.length < already) {
    const batch = await source.readAll(next, Math.min(batchSize, already - sourceLeaves.length));
    if (batch.length === 0) break;
    sourceLeaves.push(...batch.map((entry) => leafHash(entry.canonical)));
    next = batch.at(-1)!.globalPosition + 1;
  }
  if (already > 0 && (sourceLeaves.length < already || !merkleRoot(sourceLeaves).equals(merkleRoot(targetLeaves)))) {
    throw new CopyRefused(`the target's ${already} entries are not the first ${already} entries of this source: it holds another ledger`);
  }

  let copied = 0;
  let positionsKept = true;
  options.onProgress?.({ copied: already, total: snapshot });
  for (;;) {
    const batch = (await source.readAll(next, batchSize)).filter((entry) => entry.globalPosition <= snapshot);
    if (batch.length === 0) break;
    let stored: LedgerEntry[];
    try {
      stored = await target.importSealed(batch);
    } catch (error) {
      if (error instanceof SealedImportRefused) throw new CopyRefused(`the target ${error.message}`);
      throw error;
    }
    positionsKept &&= stored.every((entry, i) => entry.globalPosition === batch[i]!.globalPosition);
    sourceLeaves.push(...batch.map((entry) => leafHash(entry.canonical)));
    copied += batch.length;
    next = batch.at(-1)!.globalPosition + 1;
    options.onProgress?.({ copied: already + copied, total: snapshot });
    if (next > snapshot) break;
  }

  const copy = await checkLedger(target);
  const problem = checkProblem(copy);
  if (problem) throw new CopyDoesNotVerify(`the copy does not verify: ${problem}`);
  const sourceRoot = merkleRoot(sourceLeaves).toString('hex');
  if (copy.treeSize !== sourceLeaves.length || copy.rootHash !== sourceRoot) {
    throw new CopyDoesNotVerify(
      `the copy's tree head (size ${copy.treeSize}, root ${copy.rootHash}) is not the source's (size ${sourceLeaves.length}, root ${sourceRoot})`,
    );
  }
  return {
    copiedEntries: copied,
    resumedAfter: already,
    treeSize: copy.treeSize,
    rootHash: copy.rootHash,
    streams: copy.verification.checkedStreams,
    positionsKept,
  };
}
