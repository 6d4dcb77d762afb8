import type { AccessEntry, LoggedAccess } from './access-entry.js';

export interface AccessLogVerification {
  intact: boolean;
  entries: number;
  /** The first entry whose hash does not follow from the one before, when not intact. */
  firstBrokenSequence?: number;
  /** What is wrong with it, in words. */
  problem?: string;
}

/**
 * Who read which child's record: a log of its own, apart from the ledger of decisions, append-only and
 * hash-chained. An append is durable before it resolves, and the response that carried the read is not
 * sent until then: no read goes unrecorded.
 */
export interface AccessLog {
  append(entries: readonly AccessEntry[]): Promise<void>;
  /** A child's access entries, newest first. */
  forChild(childId: string, options?: { limit?: number }): Promise<LoggedAccess[]>;
  verify(): Promise<AccessLogVerification>;
  /** Whether an append could be written now, checked cheaply without writing (readiness asks). */
  writable?(): Promise<boolean>;
  close(): Promise<void>;
}
