import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readChildRecord } from '../application/child-records.js';
import { exportEvidenceBundle } from '../integrity/evidence/export-bundle.js';
import type { LedgerServices } from './graphql/context.js';

const Params = z.object({ childId: z.uuid() });
const Body = z.object({ purpose: z.string().trim().min(3, 'say what the bundle is for (e.g. "First-tier Tribunal appeal SE123/24")').max(500) });

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
    request.accessReads.statePurpose(body.data.purpose);
    const params = Params.safeParse(request.params);
    const read = params.success ? await readChildRecord(services, { actor: request.actor, reads: request.accessReads }, params.data.childId, 'evidence_export', 'evidence-bundle') : null;
    const deps = { store: services.store, clock: services.clock, signingKey: services.signingKey, lateThresholdDays: services.config.LATE_ENTRY_THRESHOLD_DAYS };
    const bundle = read ? await exportEvidenceBundle(deps, read.childId, request.actor, body.data.purpose, read.access.upToRevision) : null;
    if (!bundle) return reply.code(404).send({ errors: [{ message: 'child was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="evidence-${bundle.childId}-${bundle.exportId}.json"`)
      .send(bundle);
  });
}
