import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import { workingDocumentModelOfChild, workingDocumentOfChild } from '../../application/working-document-of.js';
import { fileNameOf } from '../../reports/working-document/layout-words.js';
import { renderWorkingDocumentDocx } from '../../reports/working-document/working-document-docx.js';
import { pageNotFound, readerOf } from './page.js';

type Params = { Params: { childId: string; appealId: string }; Querystring: { version?: string } };

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The appeal's working document (SEND23) to download, for the signed-in parties: as .docx to edit in Word, as PDF for
 * the bundle, now or as a version sent (`?version=2`). The appeal page shows its summary and links here.
 */
export function registerWorkingDocumentRoutes(app: FastifyInstance, services: LedgerServices): void {
  /** The version asked for (none: the document as it stands now), or null for a malformed one: "not found", as an unknown one. */
  const asked = (request: FastifyRequest<Params>) => {
    const version = request.query.version;
    if (version === undefined) return { version: undefined };
    return /^[1-9][0-9]{0,2}$/.test(version) ? { version: Number(version) } : null;
  };
  const documentOf = async (request: FastifyRequest<Params>) => {
    const version = asked(request);
    const { childId, appealId } = request.params;
    return version ? workingDocumentModelOfChild(services, readerOf(request), childId, appealId, services.clock(), version.version) : null;
  };
  const documentWithPdfOf = async (request: FastifyRequest<Params>) => {
    const version = asked(request);
    const { childId, appealId } = request.params;
    return version ? workingDocumentOfChild(services, readerOf(request), childId, appealId, services.clock(), version.version) : null;
  };

  app.get<Params>('/children/:childId/appeal/:appealId/working-document.docx', async (request, reply) => {
    const document = await documentOf(request);
    if (!document) return pageNotFound(request, reply);
    return reply
      .type(DOCX)
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileNameOf(document, 'docx')}"`)
      .send(await renderWorkingDocumentDocx(document));
  });

  app.get<Params>('/children/:childId/appeal/:appealId/working-document.pdf', async (request, reply) => {
    const read = await documentWithPdfOf(request);
    if (!read) return pageNotFound(request, reply);
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileNameOf(read.document, 'pdf')}"`)
      .send(read.pdf);
  });
}
