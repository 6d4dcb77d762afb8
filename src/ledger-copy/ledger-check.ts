import type { EventBody } from '../ledger/envelope.js';
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

export interface CheckOptions {
  /** The tree head key's public half: every kept head's signature is checked with it. */
  publicKeyPem?: string;
  /** A rule each stored entry must keep (a service's ledger read raw: child payloads sealed). */
  storedEntryRule?: (stored: EventBody) => string | null;
}

/**
 * Everything a copy, a backup or a restore is judged by: verifyLedger (every stored row, every hash chain, every
 * signed tree head kept in the ledger), the Merkle root, and the newest signed head.
 */
export async function checkLedger(store: EventStore, options: CheckOptions = {}): Promise<LedgerCheck> {
  const verification = await verifyLedger(store, { treeHeadKey: options.publicKeyPem, storedEntryRule: options.storedEntryRule });
  if (verification.ok) {
    // Verified: the log is the one just walked, and every head it keeps matched it (signatures too, given the key).
    const head = await latestTreeHead(store);
    return {
      verification,
      treeSize: verification.treeSize,
      rootHash: verification.rootHash,
      signedHead: head && { treeSize: head.treeSize, matchesLog: true, signatureValid: options.publicKeyPem === undefined ? null : true },
    };
  }
  return { verification, treeSize: verification.treeSize, rootHash: verification.rootHash, signedHead: await newestHeadAgainstLog(store, options.publicKeyPem) };
}

/** The newest head judged on its own, for the report of a ledger that does not verify (which reads may refuse). */
async function newestHeadAgainstLog(store: EventStore, publicKeyPem: string | undefined): Promise<LedgerCheck['signedHead']> {
  try {
    const head = await latestTreeHead(store);
    if (!head) return null;
    const { leaves } = await readLogLeaves(store, head.treeSize);
    return {
      treeSize: head.treeSize,
      matchesLog: leaves.length === head.treeSize && merkleRoot(leaves).toString('hex') === head.rootHash,
      signatureValid: publicKeyPem === undefined ? null : verifyTreeHead(head, publicKeyPem),
    };
  } catch {
    return null;
  }
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
  if (fault.lastGlobalPosition !== undefined) return `entries between global positions ${fault.globalPosition} and ${fault.lastGlobalPosition}: ${fault.problem}`;
  const where = [
    `global position ${fault.globalPosition}`,
    fault.streamId === null ? null : `stream ${fault.streamId} revision ${fault.streamRevision}`,
    fault.eventId === null ? null : `event ${fault.eventId}`,
  ].filter(Boolean);
  return `entry at ${where.join(', ')}: ${fault.problem}`;
}
