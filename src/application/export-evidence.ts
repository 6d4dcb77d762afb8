import { z } from 'zod';
import { isCalendarDate } from '../domain/calendar/claimed-dates.js';
import { APPEAL_TYPES, type AppealDetails } from '../integrity/evidence/bundle.js';
import { draftEvidenceBundle, exportEvidenceBundle, type DraftBundle, type ExportDependencies, type ExportedBundle, type ExportRequest } from '../integrity/evidence/export-bundle.js';
import { readChildRecord, type OneChildDependencies, type Reader } from './child-records.js';

/** Why the bundle is made: it goes into the bundle, the ledger's export record and the access log. */
export const EvidencePurpose = z
  .string()
  .max(500, 'must be at most 500 characters')
  .refine((purpose) => purpose.trim().length >= 3, 'say what the bundle is for (e.g. "First-tier Tribunal appeal SE123/24")');

/** The appeal a hearing bundle is for: the tribunal's reference, the hearing date if listed, and what is appealed. */
export const Appeal = z.object({
  reference: z
    .string()
    .trim()
    .min(3, "give the tribunal's appeal reference, for example EH202/25/00123")
    .max(40, 'must be at most 40 characters')
    .regex(/^[A-Za-z0-9/ .-]+$/, 'use the reference as the tribunal writes it: letters, digits, / . and -'),
  hearingDate: z.string().refine(isCalendarDate, 'must be a real date, as YYYY-MM-DD').nullable(),
  appealType: z.enum(APPEAL_TYPES, { error: 'must be one of the appeal types the tribunal lists' }),
});

export type EvidenceExportDependencies = OneChildDependencies & ExportDependencies;

const ChildId = z.uuid();

/** What an export asks for, beyond the child: why, and for which appeal (none, for evidence outside an appeal). */
export interface EvidenceRequest {
  purpose: string;
  appeal: AppealDetails | null;
}

/**
 * A child's evidence bundle for this reader. The API route, the web page and the command line all come here, so
 * all judge access through the gateway, record the real exporter and leave the same access-log entry. A child the
 * reader may not export (or none at all) is null, alike; the refused attempt is noted for the access log.
 */
export async function exportEvidenceFor(deps: EvidenceExportDependencies, reader: Reader, childId: string, request: EvidenceRequest): Promise<ExportedBundle | null> {
  const wanted = await permittedExport(deps, reader, childId, request, 'evidence-bundle');
  return wanted ? exportEvidenceBundle(deps, wanted) : null;
}

/** The bundle this reader would export now, unsigned and unrecorded: its version, page count and what is over the limits. */
export async function draftEvidenceFor(deps: EvidenceExportDependencies, reader: Reader, childId: string, request: EvidenceRequest): Promise<DraftBundle | null> {
  const wanted = await permittedExport(deps, reader, childId, request, 'evidence-bundle-check');
  return wanted ? draftEvidenceBundle(deps, wanted) : null;
}

/** The export this reader may make of this child's record (up to where their access ends), or null, judged by the gateway. */
async function permittedExport(deps: EvidenceExportDependencies, reader: Reader, childId: string, request: EvidenceRequest, what: 'evidence-bundle' | 'evidence-bundle-check'): Promise<ExportRequest | null> {
  reader.reads.statePurpose(request.purpose);
  if (!ChildId.safeParse(childId).success) return null;
  const read = await readChildRecord(deps, reader, childId, 'evidence_export', what);
  return read ? { childId: read.childId, actor: reader.actor, purpose: request.purpose, appeal: request.appeal, upToRevision: read.access.upToRevision } : null;
}
