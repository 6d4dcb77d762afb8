import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readChildRecord } from '../application/child-records.js';
import type { LedgerServices } from './graphql/context.js';
import { handoverPackFrom } from './graphql/handover-resolvers.js';
import { renderHandoverPackPdf } from './pdf/handover-pack-pdf.js';

const Params = z.object({ childId: z.uuid() });
const Query = z.object({ handoverId: z.uuid().optional() });

/** GET /children/:childId/handover-pack.pdf[?handoverId=]: the printable pack, for a signed-in caller who may read it. */
export function registerHandoverPdfRoute(app: FastifyInstance, services: LedgerServices): void {
  app.get('/children/:childId/handover-pack.pdf', async (request, reply) => {
    if (!request.actor || !request.accessReads) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const params = Params.safeParse(request.params);
    const query = Query.safeParse(request.query);
    const read =
      params.success && query.success
        ? await readChildRecord(services, { actor: request.actor, reads: request.accessReads }, params.data.childId, 'handover_pack', 'handover-pack-pdf')
        : null;
    const pack = read ? handoverPackFrom(read.entries, services.clock(), query.data?.handoverId) : null;
    if (!pack) return reply.code(404).send({ errors: [{ message: 'handover pack was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="handover-pack-${pack.childId}-r${pack.cutAt.streamRevision}.pdf"`)
      .send(await renderHandoverPackPdf(pack));
  });
}
