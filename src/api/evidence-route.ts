import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EvidencePurpose, exportEvidenceFor } from '../application/export-evidence.js';
import type { LedgerServices } from './graphql/context.js';

const Body = z.object({ purpose: EvidencePurpose });

/**
 * POST /children/:childId/evidence-bundle { purpose }: the child's evidence bundle as one JSON file.
 * A POST because exporting is itself recorded in the ledger (and the read in the access log).
 */
export function registerEvidenceRoute(app: FastifyInstance, services: LedgerServices): void {
  app.post('/children/:childId/evidence-bundle', async (request, reply) => {
    if (!request.actor || !request.accessReads) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const body = Body.safeParse(request.body ?? {});
    if (!body.success) {
      return reply.code(400).send({ errors: [{ message: `purpose: ${body.error.issues[0]!.message}`, extensions: { code: 'BAD_INPUT', field: 'purpose' } }] });
    }
    const { childId } = request.params as { childId: string };
    const deps = { ...services, lateThresholdDays: services.config.LATE_ENTRY_THRESHOLD_DAYS };
    const bundle = await exportEvidenceFor(deps, { actor: request.actor, reads: request.accessReads }, childId, body.data.purpose);
    if (!bundle) return reply.code(404).send({ errors: [{ message: 'child was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="evidence-${bundle.childId}-${bundle.exportId}.json"`)
      .send(bundle);
  });
}
