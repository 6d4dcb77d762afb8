import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exportEvidenceBundle, type ExportDependencies } from '../integrity/evidence/export-bundle.js';

const Params = z.object({ childId: z.uuid() });
const Body = z.object({ purpose: z.string().trim().min(3, 'say what the bundle is for (e.g. "First-tier Tribunal appeal SE123/24")').max(500) });

/**
 * POST /children/:childId/evidence-bundle { purpose }: the child's evidence bundle as one JSON file.
 * A POST because exporting is itself recorded in the ledger.
 */
export function registerEvidenceRoute(app: FastifyInstance, deps: ExportDependencies): void {
  app.post('/children/:childId/evidence-bundle', async (request, reply) => {
    if (!request.actor) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const body = Body.safeParse(request.body ?? {});
    if (!body.success) {
      return reply.code(400).send({ errors: [{ message: `purpose: ${body.error.issues[0]!.message}`, extensions: { code: 'BAD_INPUT', field: 'purpose' } }] });
    }
    const params = Params.safeParse(request.params);
    const bundle = params.success ? await exportEvidenceBundle(deps, params.data.childId, request.actor, body.data.purpose) : null;
    if (!bundle) return reply.code(404).send({ errors: [{ message: 'child was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="evidence-${bundle.childId}-${bundle.exportId}.json"`)
      .send(bundle);
  });
}
