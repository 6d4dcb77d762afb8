import { createHash } from 'node:crypto';
import { canonicalJson } from '../ledger/canonical-json.js';
import type { AccessLogVerification } from './port.js';

/**
 * One read of one child's record (IHE BALP "PatientRead"): who, in which role and organisation, read what,
 * for what purpose, on which relationship, and whether it was allowed. Denied attempts are entries too.
 */
export interface AccessEntry {
  accessId: string;
  /** Server time of the read. */
  at: string;
  /** The name is kept so a family reads who looked by name and role (entries before it was kept have none). */
  actor: { id: string; role: string; organisation: string; displayName?: string };
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
  via: 'graphql' | 'evidence-bundle' | 'handover-pack-pdf' | 'command-line' | 'web';
  /** The web page's route (e.g. "/children/:childId/promises"), for a read through a page. */
  route?: string;
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

/** An access log row as stored: its place, its hashes, the child it is filed under, and the entry's JSON. */
export interface StoredAccessRow {
  sequence: number;
  previousHash: string;
  hash: string;
  /** The indexed column `accessLog(childId)` reads by: it must name the child the hashed entry names. */
  childId: string;
  entry: string;
}

/**
 * Walks a log in sequence order, a row at a time, to the first row that does not follow from the one before:
 * sequences 1..N with no gap, each hash chained to the previous one over the entry's canonical JSON, and each
 * row filed under the child its entry names (a row filed under another child would vanish from that child's log).
 */
export class AccessChainWalk {
  private previous = ACCESS_LOG_GENESIS;
  private count = 0;
  private broken: AccessLogVerification | null = null;

  /** Takes the next row; false once the chain is broken (there is no need to read further). */
  add(row: StoredAccessRow): boolean {
    if (this.broken) return false;
    this.count++;
    const problem = this.problemOf(row);
    if (problem) {
      this.broken = { intact: false, entries: this.count, firstBrokenSequence: row.sequence, problem };
      return false;
    }
    this.previous = row.hash;
    return true;
  }

  result(): AccessLogVerification {
    return this.broken ?? { intact: true, entries: this.count };
  }

  private problemOf(row: StoredAccessRow): string | null {
    if (row.sequence !== this.count) {
      return row.sequence < this.count ? `sequence ${row.sequence} lies outside the log (it starts at 1)` : `sequence ${this.count} is missing: an entry was removed`;
    }
    if (row.previousHash !== this.previous) return 'its previous hash is not the hash of the entry before it: the chain is broken';
    let entry: AccessEntry;
    try {
      entry = JSON.parse(row.entry) as AccessEntry;
    } catch {
      return 'its stored entry is not JSON';
    }
    if (accessHash(this.previous, entry) !== row.hash) return 'its stored entry does not match its hash: it was altered after it was recorded';
    if (entry.childId !== row.childId) return "it is filed under another child than its entry names: it would be missing from that child's access log";
    return null;
  }
}

/** Verifies a whole log given its rows in sequence order. */
export function verifyAccessChain(rows: Iterable<StoredAccessRow>): AccessLogVerification {
  const walk = new AccessChainWalk();
  for (const row of rows) if (!walk.add(row)) break;
  return walk.result();
}
