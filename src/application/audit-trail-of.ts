import { buildAuditTrail, filterAuditTrail, type AuditEntry, type AuditTrailFilter } from '../../projections/audit-trail.js';
import { viewOf } from './record-views.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';

export interface AuditTrail {
  childId: string;
  lateThresholdDays: number;
  headHash: string;
  streamRevision: number;
  entries: Array<AuditEntry & { late: boolean }>;
}

/** Every entry of the child's record the reader may read, oldest first, with who recorded it, when it happened and when it was recorded. */
export async function auditTrailOf(
  deps: OneChildDependencies & { lateThresholdDays: number },
  reader: Reader,
  childId: string,
  filter: AuditTrailFilter = {},
): Promise<AuditTrail | null> {
  const read = await readChildRecord(deps, reader, childId, 'audit_trail', 'auditTrail');
  if (!read) return null;
  const built = viewOf(read.entries, `audit-trail:${deps.lateThresholdDays}`, () => buildAuditTrail(read.entries, deps.lateThresholdDays));
  const trail = filterAuditTrail(built, filter);
  return {
    childId,
    lateThresholdDays: deps.lateThresholdDays,
    headHash: read.entries.at(-1)!.hash,
    streamRevision: read.entries.at(-1)!.streamRevision,
    entries: trail.map((entry) => ({ ...entry, late: entry.recordedLateByDays !== null })),
  };
}
