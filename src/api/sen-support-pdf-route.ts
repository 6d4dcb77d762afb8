import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readChildRecord } from '../application/child-records.js';
import type { LedgerServices } from '../application/ledger-services.js';
import { foldedRecordOf } from '../application/record-views.js';
import { senSupportHistory } from '../web/presenters/sen-support-history.js';
import { englandDateOf } from '../domain/calendar/iso-date.js';
import { renderSenSupportHistoryPdf } from './pdf/sen-support-history-pdf.js';

const Params = z.object({ childId: z.uuid() });

/**
 * GET /children/:childId/sen-support.pdf: every SEN support cycle of the child, in order, as one printable document
 * (the graduated approach's evidence for an LA or a tribunal), for whoever may read the record. The read is logged as
 * any read of the record is. `notFound` answers a child that is not there for the reader, as the caller's pages do.
 */
export function registerSenSupportPdfRoute(
  app: FastifyInstance,
  services: LedgerServices,
  notFound: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply> = async (_request, reply) =>
    reply.code(404).send({ errors: [{ message: 'SEN support history was not found', extensions: { code: 'NOT_FOUND' } }] }),
): void {
  app.get('/children/:childId/sen-support.pdf', async (request, reply) => {
    if (!request.actor || !request.accessReads) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const params = Params.safeParse(request.params);
    const read = params.success ? await readChildRecord(services, { actor: request.actor, reads: request.accessReads }, params.data.childId, 'record', 'sen-support-pdf') : null;
    if (!read || read.entries.length === 0) return notFound(request, reply);
    const record = foldedRecordOf(read.entries);
    const today = englandDateOf(services.clock().toISOString());
    const pdf = await renderSenSupportHistoryPdf({
      childName: record.profile?.displayName ?? 'Child',
      dateOfBirth: record.profile?.dateOfBirth ?? null,
      setting: record.onRoll?.name ?? null,
      today,
      history: senSupportHistory(record, today),
    });
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="sen-support-history-r${read.entries.at(-1)!.streamRevision}.pdf"`)
      .send(pdf);
  });
}
