import { z } from 'zod';
import type { EvidenceBundle } from '../integrity/evidence/bundle.js';
import { exportEvidenceBundle, type ExportDependencies } from '../integrity/evidence/export-bundle.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';

/** Why the bundle is made: it goes into the bundle, the ledger's export record and the access log. */
export const EvidencePurpose = z
  .string()
  .max(500, 'must be at most 500 characters')
  .refine((purpose) => purpose.trim().length >= 3, 'say what the bundle is for (e.g. "First-tier Tribunal appeal SE123/24")');

export type EvidenceExportDependencies = OneChildDependencies & ExportDependencies;

const ChildId = z.uuid();

/**
 * A child's evidence bundle for this reader. The API route and the command line both come here, so both judge
 * access through the gateway, record the real exporter and leave the same access-log entry. A child the reader
 * may not export (or none at all) is null, alike; the refused attempt is noted for the access log.
 */
export async function exportEvidenceFor(deps: EvidenceExportDependencies, reader: Reader, childId: string, purpose: string): Promise<EvidenceBundle | null> {
  reader.reads.statePurpose(purpose);
  if (!ChildId.safeParse(childId).success) return null;
  const read = await readChildRecord(deps, reader, childId, 'evidence_export', 'evidence-bundle');
  return read ? exportEvidenceBundle(deps, read.childId, reader.actor, purpose, read.access.upToRevision) : null;
}
