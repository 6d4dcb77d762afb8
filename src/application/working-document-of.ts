import { workingDocumentOf, type WorkingDocumentModel } from '../domain/appeal/working-document.js';
import { takesPartInAppeals } from '../domain/roles.js';
import { renderWorkingDocumentPdf } from '../reports/working-document/working-document-pdf.js';
import { childRecordAsOf } from './child-record-as-of.js';
import type { OneChildDependencies, Reader } from './child-records.js';

export interface WorkingDocumentRead {
  document: WorkingDocumentModel;
  /** Pages of the rendered PDF: what the tribunal's 25-page limit is judged on. */
  pdfPages: number;
  /** The PDF itself, for a caller that serves it (it was drawn to count its pages). */
  pdf: Buffer;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The working document of a child's appeal as `reader` may read it (through the access-checked, access-logged read),
 * as of `today` or as it stood when `version` was sent. Null, as for a record that does not exist, when the reader
 * may not read it, the appeal or version is unknown, or an id is malformed. A school is no party to an appeal: its
 * staff's attempt is logged as denied and reads as not found.
 */
export async function workingDocumentModelOfChild(
  deps: OneChildDependencies,
  reader: Reader,
  childId: string,
  appealId: string,
  today: Date,
  version?: number,
): Promise<WorkingDocumentModel | null> {
  const what = 'working-document';
  if (!UUID.test(childId) || !UUID.test(appealId)) return null;
  if (!takesPartInAppeals(reader.actor.role)) {
    reader.reads.denied(childId, what);
    return null;
  }
  const known = await childRecordAsOf(deps, reader, childId, what, today.toISOString());
  return known ? workingDocumentOf(known.record, appealId, version === undefined ? {} : { version }) : null;
}

/** The same, with its PDF drawn and its pages counted: what the appeal page shows against the tribunal's 25 pages. */
export async function workingDocumentOfChild(
  deps: OneChildDependencies,
  reader: Reader,
  childId: string,
  appealId: string,
  today: Date,
  version?: number,
): Promise<WorkingDocumentRead | null> {
  const document = await workingDocumentModelOfChild(deps, reader, childId, appealId, today, version);
  if (!document) return null;
  const { pdf, pages } = await renderWorkingDocumentPdf(document);
  return { document, pdfPages: pages, pdf };
}
