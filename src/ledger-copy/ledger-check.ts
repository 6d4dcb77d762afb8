import { readLogLeaves } from '../integrity/log-leaves.js';
import { merkleRoot } from '../integrity/merkle/index.js';
import { verifyTreeHead } from '../integrity/tree-head.js';
import { latestTreeHead } from '../integrity/tree-heads.js';
import { verifyLedger, type LedgerFault, type LedgerVerification } from '../integrity/verify-ledger.js';
import type { EventStore } from '../store/port.js';

export interface LedgerCheck {
  verification: LedgerVerification;
  /** The tree head over the whole log as it stands: what a copy or a backup must reproduce. */
  treeSize: number;
  rootHash: string;
  /** The newest signed head kept in the ledger: does the log still produce it (and, given the key, is it signed by it)? */
  signedHead: { treeSize: number; matchesLog: boolean; signatureValid: boolean | null } | null;
}

/** Everything a copy or a restore is judged by: every hash chain, the Merkle root, and the newest signed tree head. */
export async function checkLedger(store: EventStore, publicKeyPem?: string): Promise<LedgerCheck> {
  const verification = await verifyLedger(store);
  const { leaves } = await readLogLeaves(store);
  const head = await latestTreeHead(store);
  return {
    verification,
    treeSize: leaves.length,
    rootHash: merkleRoot(leaves).toString('hex'),
    signedHead: head && {
      treeSize: head.treeSize,
      matchesLog: head.treeSize <= leaves.length && merkleRoot(leaves.slice(0, head.treeSize)).toString('hex') === head.rootHash,
      signatureValid: publicKeyPem === undefined ? null : verifyTreeHead(head, publicKeyPem),
    },
  };
}

/** The first reason a check fails, in words; null when it passes. */
export function checkProblem(check: LedgerCheck): string | null {
  if (!check.verification.ok) return describeFault(check.verification.firstFault!);
  if (check.signedHead && !check.signedHead.matchesLog) {
    return `the newest signed tree head (size ${check.signedHead.treeSize}) does not match the log: entries before it were changed or lost`;
  }
  if (check.signedHead?.signatureValid === false) return 'the newest signed tree head is not signed by the tree head key';
  return null;
}

export function describeFault(fault: LedgerFault): string {
  const where = [
    `global position ${fault.globalPosition}`,
    fault.streamId === null ? null : `stream ${fault.streamId} revision ${fault.streamRevision}`,
    fault.eventId === null ? null : `event ${fault.eventId}`,
  ].filter(Boolean);
  return `entry at ${where.join(', ')}: ${fault.problem}`;
}
