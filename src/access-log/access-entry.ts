import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';

/**
 * One read of one child's record (IHE BALP "PatientRead"): who, in which role and organisation, read what,
 * for what purpose, on which relationship, and whether it was allowed. Denied attempts are entries too.
 */
export interface AccessEntry {
  accessId: string;
  /** Server time of the read. */
  at: string;
  actor: { id: string; role: string; organisation: string };
  childId: string;
  /** What was read (GraphQL fields or routes), e.g. "auditTrail", "evidence-bundle". */
  read: string[];
  /** What was asked for and refused. */
  denied: string[];
  outcome: 'permitted' | 'denied' | 'partly_denied';
  purpose: string;
  /** The relationships the read was allowed on (empty when denied). */
  basis: string[];
  requestId: string;
  via: 'graphql' | 'evidence-bundle' | 'handover-pack-pdf';
  sourceIp?: string;
}

/** A stored access entry: its place in the log and the hash chaining it to the one before. */
export interface LoggedAccess extends AccessEntry {
  sequence: number;
  previousHash: string;
  hash: string;
}

export const ACCESS_LOG_GENESIS = '0'.repeat(64);

/** SHA-256 over the previous hash and the entry's canonical JSON (RFC 8785), as the ledger chains its entries. */
export const accessHash = (previousHash: string, entry: AccessEntry): string =>
  createHash('sha256').update(Buffer.from(previousHash, 'hex')).update(canonicalJson(entry)).digest('hex');

/** Walk a log in sequence order and find the first entry whose hash does not follow from the one before. */
export function verifyAccessChain(rows: Iterable<{ sequence: number; previousHash: string; hash: string; entry: AccessEntry }>): {
  intact: boolean;
  entries: number;
  firstBrokenSequence?: number;
} {
  let previous = ACCESS_LOG_GENESIS;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.previousHash !== previous || accessHash(previous, row.entry) !== row.hash) return { intact: false, entries: count, firstBrokenSequence: row.sequence };
    previous = row.hash;
  }
  return { intact: true, entries: count };
}
