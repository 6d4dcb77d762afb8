import type { EventStore } from '../store/port.js';
import { readLogLeaves } from './log-leaves.js';
import { consistencyProof, inclusionProof, merkleRoot } from './merkle/index.js';

const hex = (proof: Buffer[]) => proof.map((h) => h.toString('hex'));

export interface InclusionAnswer {
  eventId: string;
  leafIndex: number;
  treeSize: number;
  leafHash: string;
  rootHash: string;
  proof: string[];
}

/** The audit path showing an entry is in the log of `treeSize` entries (default: the whole log). */
export async function inclusionProofFor(store: EventStore, eventId: string, treeSize?: number): Promise<InclusionAnswer | null> {
  const { leaves, indexOf } = await readLogLeaves(store, treeSize);
  const index = indexOf.get(eventId);
  if (index === undefined || (treeSize !== undefined && leaves.length < treeSize)) return null;
  return { eventId, leafIndex: index, treeSize: leaves.length, leafHash: leaves[index]!.toString('hex'), rootHash: merkleRoot(leaves).toString('hex'), proof: hex(inclusionProof(leaves, index)) };
}

export interface ConsistencyAnswer {
  oldSize: number;
  newSize: number;
  oldRootHash: string;
  newRootHash: string;
  proof: string[];
}

/** The proof that the log of `oldSize` entries is a prefix of the log of `newSize`: nothing before was rewritten. */
export async function consistencyProofBetween(store: EventStore, oldSize: number, newSize: number): Promise<ConsistencyAnswer | null> {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 1 || oldSize > newSize) return null;
  const { leaves } = await readLogLeaves(store, newSize);
  if (leaves.length < newSize) return null;
  return {
    oldSize,
    newSize,
    oldRootHash: merkleRoot(leaves.slice(0, oldSize)).toString('hex'),
    newRootHash: merkleRoot(leaves).toString('hex'),
    proof: hex(consistencyProof(leaves, oldSize)),
  };
}
