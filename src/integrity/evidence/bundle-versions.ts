import { ukDate } from '../../domain/calendar/uk-dates.js';
import type { LedgerEntry } from '../../ledger/envelope.js';
import type { EventStore } from '../../store/port.js';
import { EVIDENCE_EXPORT_STREAM, EVIDENCE_EXPORTED, type BundleManifest } from './bundle.js';

interface ExportRecordData {
  exportId: string;
  childId: string;
  purpose: string;
  appealReference?: string | null;
  hearingDate?: string | null;
  version?: number;
  throughRevision?: number;
}

/** Which earlier exports a new bundle re-issues: the same child's, for the same appeal (or, without one, the same purpose). */
const sameBundle = (data: ExportRecordData, request: { childId: string; purpose: string; appeal: { reference: string } | null }) =>
  data.childId === request.childId &&
  (request.appeal ? data.appealReference === request.appeal.reference : !data.appealReference && data.purpose === request.purpose);

const entries = (n: number) => (n === 1 ? '1 entry' : `${n} entries`);

/**
 * A re-issued bundle gets the next version number and says what changed since the one before it: entries added
 * to the record, a hearing date moved. Export records of format 1 (before versions) count as earlier versions too.
 */
export async function bundleVersion(
  store: EventStore,
  request: { childId: string; purpose: string; appeal: { reference: string; hearingDate: string | null } | null },
  included: readonly LedgerEntry[],
  compiledAt: string,
): Promise<Pick<BundleManifest, 'version' | 'previousVersion' | 'changes'>> {
  const exports = (await store.readStream(EVIDENCE_EXPORT_STREAM)).filter(
    (entry) => entry.type === EVIDENCE_EXPORTED && sameBundle(entry.data as unknown as ExportRecordData, request),
  );
  const last = exports.at(-1);
  if (!last) return { version: 1, previousVersion: null, changes: [] };
  const data = last.data as unknown as ExportRecordData;
  const version = exports.length + 1;
  const previousVersion = {
    exportId: data.exportId,
    version: data.version ?? exports.length,
    compiledAt: last.metadata.occurredAt,
    throughRevision: data.throughRevision ?? -1,
  };
  const changes: string[] = [];
  const added = included.filter((entry) => entry.streamRevision > previousVersion.throughRevision);
  if (previousVersion.throughRevision < 0) changes.push(`Version ${previousVersion.version} was made before bundles recorded which entries they held: compare the two bundles entry by entry.`);
  else if (added.length > 0) {
    const recorded = added.map((entry) => entry.metadata.recordedAt).sort();
    changes.push(`${entries(added.length)} added to the record since version ${previousVersion.version} (recorded from ${ukDate(recorded[0]!)} to ${ukDate(recorded.at(-1)!)}).`);
  } else changes.push(`No entries were added to the record since version ${previousVersion.version}.`);
  if (request.appeal && (data.hearingDate ?? null) !== request.appeal.hearingDate) {
    const said = (date: string | null | undefined) => (date ? ukDate(date) : 'not listed');
    changes.push(`The hearing date changed from ${said(data.hearingDate)} to ${said(request.appeal.hearingDate)}.`);
  }
  changes.push(`Re-issued on ${ukDate(compiledAt)}, replacing version ${previousVersion.version} of ${ukDate(previousVersion.compiledAt)}.`);
  return { version, previousVersion, changes };
}
