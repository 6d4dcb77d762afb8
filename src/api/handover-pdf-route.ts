import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { EventStore } from '../store/port.js';
import { handoverPackFor } from './graphql/handover-resolvers.js';
import { renderHandoverPackPdf } from './pdf/handover-pack-pdf.js';

const Params = z.object({ childId: z.uuid() });
const Query = z.object({ handoverId: z.uuid().optional() });

/** GET /children/:childId/handover-pack.pdf[?handoverId=]: the printable pack, for a signed-in caller. */
export function registerHandoverPdfRoute(app: FastifyInstance, store: EventStore): void {
  app.get('/children/:childId/handover-pack.pdf', async (request, reply) => {
    if (!request.actor) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const params = Params.safeParse(request.params);
    const query = Query.safeParse(request.query);
    const pack = params.success && query.success ? await handoverPackFor(store, params.data.childId, query.data.handoverId) : null;
    if (!pack) return reply.code(404).send({ errors: [{ message: 'handover pack was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="handover-pack-${pack.childId}-r${pack.cutAt.streamRevision}.pdf"`)
      .send(await renderHandoverPackPdf(pack));
  });
}
