import type { AccessLog } from '../access-log/port.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';
import { foldedRecordOf } from './record-views.js';
import { ACCESS_LOG_READ_CAP } from './who-read-the-record.js';

/**
 * What a subject access export leaves out, and why: the privacy officer's relationship with a child reads the
 * access log only (relationships.ts), not the record, and this export gives no more than its reader may read.
 */
export const NOT_INCLUDED =
  "The child's record itself (decisions, the plan, provision promised and delivered, deadlines, views, and who recorded each entry and when) is not in this export: " +
  "the privacy officer may read who looked at the record, not the record. A full subject access response needs the record from someone who may read it " +
  '(the family, through the service, or the local authority under a rule that lets its privacy officer export the record for a subject access request). ' +
  "The internet address each reader used is left out: it is about the reader, not the child.";

export interface SubjectAccessExport {
  kind: 'send-ledger-subject-access-export';
  exportedAt: string;
  exportedBy: { name: string; role: string; organisation: string };
  child: { childId: string; name: string | null; dateOfBirth: string | null };
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
 * Everything the reader may export about a child for a subject access request (UK GDPR article 15): whose record
 * it is and who read it or tried to. Judged by the gateway as a read of the access log, so anyone who may not read
 * it gets null, and the export is itself noted in the child's access log.
 */
export async function subjectAccessExport(deps: OneChildDependencies & { accessLog: AccessLog }, reader: Reader, childId: string): Promise<SubjectAccessExport | null> {
  const read = await readChildRecord(deps, reader, childId, 'access_log', 'subject-access-export');
  if (!read || read.entries.length === 0) return null;
  const profile = foldedRecordOf(read.entries).profile;
  const log = await deps.accessLog.forChild(read.childId, { limit: ACCESS_LOG_READ_CAP });
  const { actor } = reader;
  return {
    kind: 'send-ledger-subject-access-export',
    exportedAt: deps.clock().toISOString(),
    exportedBy: { name: actor.displayName, role: actor.role, organisation: actor.organisation },
    child: { childId: read.childId, name: profile?.displayName ?? null, dateOfBirth: profile?.dateOfBirth ?? null },
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
