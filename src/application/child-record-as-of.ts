import type { ChildRecord } from '../domain/child-record/state.js';
import type { ReadAccess } from '../domain/access/read-access.js';
import type { ReadKind } from '../domain/access/read-kinds.js';
import type { LedgerEntry } from '../ledger/envelope.js';
import { foldedRecordOf } from './record-views.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';

export interface ChildRecordAsOf {
  childId: string;
  /** The recorded time the record is read as of. */
  asOf: string;
  record: ChildRecord;
  /** The entries it was folded from: what the ledger knew at `asOf`, within what the reader may read. */
  entries: LedgerEntry[];
  streamRevision: number;
  /** True when the reader sees the record only as it stood when their relationship ended. */
  capped: boolean;
  /** What the reader may read of it, and on which relationships. */
  access: ReadAccess;
}

/**
 * A child's record as the ledger knew it at a recorded time (default now), or null when there is none the reader may
 * read. `kind` is what the read is for (the record itself by default; the access log for a privacy officer, who
 * reads whose record it is and who looked at it, and nothing else).
 */
export async function childRecordAsOf(deps: OneChildDependencies, reader: Reader, childId: string, what: string, asOf?: string, kind: ReadKind = 'record'): Promise<ChildRecordAsOf | null> {
  const at = asOf ?? deps.clock().toISOString();
  const read = await readChildRecord(deps, reader, childId, kind, what);
  const all = read?.entries ?? [];
  const before = Date.parse(at);
  // Asked as of now (the usual question), the record read is the whole of it: its fold is the one kept per revision.
  const entries = all.every((entry) => Date.parse(entry.metadata.recordedAt) <= before) ? all : all.filter((entry) => Date.parse(entry.metadata.recordedAt) <= before);
  if (!read || entries.length === 0) return null;
  return { childId, asOf: at, record: foldedRecordOf(entries), entries, streamRevision: entries.at(-1)!.streamRevision, capped: read.capped, access: read.access };
}
