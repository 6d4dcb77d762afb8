import type { AccessLog } from '../access-log/port.js';
import { summariseEntry } from '../../projections/entry-summary.js';
import { toChildEvent } from '../domain/child-record/decider.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';
import { foldedRecordOf } from './record-views.js';
import { ACCESS_LOG_READ_CAP } from './who-read-the-record.js';

/** What a subject access export leaves out, and why. */
export const NOT_INCLUDED =
  "The internet address each reader used is left out: it is about the reader, not the child. Entries whose content was erased with the record show only that they were erased.";

export interface SubjectAccessExport {
  kind: 'send-ledger-subject-access-export';
  exportedAt: string;
  exportedBy: { name: string; role: string; organisation: string };
  child: { childId: string; name: string | null; dateOfBirth: string | null };
  /** Every entry of the child's record, oldest first: what it says, in a line and in full, when it happened and who recorded it when. */
  record: Array<{
    eventId: string;
    type: string;
    summary: string;
    occurredAt: string;
    recordedAt: string;
    recordedBy: { name: string; role: string; organisation: string };
    data: Record<string, unknown>;
  }>;
  /** Every read of the child's record and every refused attempt, newest first (up to the log's read cap). */
  accessLog: Array<{
    sequence: number;
    at: string;
    reader: { id: string; name: string | null; role: string; organisation: string };
    read: string[];
    refused: string[];
    outcome: string;
    purpose: string;
    basis: string[];
    via: string;
    route: string | null;
    requestId: string;
    hash: string;
  }>;
  /** False when the child's log holds more entries than one read returns (the oldest are then left out). */
  accessLogComplete: boolean;
  notIncluded: string;
}

/**
 * Everything the ledger holds about a child, for a subject access request (UK GDPR article 15): the record, entry by
 * entry, and who read it or tried to. Judged by the gateway as a subject access read (the rights holder; the privacy
 * officer of the child's LA, which answers the request as controller), so anyone else gets null, and the export is
 * itself noted in the child's access log.
 */
export async function subjectAccessExport(deps: OneChildDependencies & { accessLog: AccessLog }, reader: Reader, childId: string): Promise<SubjectAccessExport | null> {
  const read = await readChildRecord(deps, reader, childId, 'subject_access', 'subject-access-export');
  if (!read || read.entries.length === 0) return null;
  const profile = foldedRecordOf(read.entries).profile;
  const log = await deps.accessLog.forChild(read.childId, { limit: ACCESS_LOG_READ_CAP });
  const { actor } = reader;
  return {
    kind: 'send-ledger-subject-access-export',
    exportedAt: deps.clock().toISOString(),
    exportedBy: { name: actor.displayName, role: actor.role, organisation: actor.organisation },
    child: { childId: read.childId, name: profile?.displayName ?? null, dateOfBirth: profile?.dateOfBirth ?? null },
    record: read.entries.map((entry) => ({
      eventId: entry.eventId,
      type: entry.type,
      summary: summariseEntry(toChildEvent(entry)),
      occurredAt: entry.metadata.occurredAt,
      recordedAt: entry.metadata.recordedAt,
      recordedBy: { name: entry.metadata.actor.displayName, role: entry.metadata.actor.role, organisation: entry.metadata.actor.organisation },
      data: entry.data,
    })),
    accessLog: log.map((entry) => ({
      sequence: entry.sequence,
      at: entry.at,
      reader: { id: entry.actor.id, name: entry.actor.displayName ?? null, role: entry.actor.role, organisation: entry.actor.organisation },
      read: entry.read,
      refused: entry.denied,
      outcome: entry.outcome,
      purpose: entry.purpose,
      basis: entry.basis,
      via: entry.via,
      route: entry.route ?? null,
      requestId: entry.requestId,
      hash: entry.hash,
    })),
    accessLogComplete: log.length < ACCESS_LOG_READ_CAP,
    notIncluded: NOT_INCLUDED,
  };
}
