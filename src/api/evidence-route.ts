import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { evidenceDependencies } from '../application/evidence-dependencies.js';
import { Appeal, EvidencePurpose, exportEvidenceFor } from '../application/export-evidence.js';
import type { LedgerServices } from './graphql/context.js';

const Body = z.object({ purpose: EvidencePurpose, appeal: Appeal.nullable().default(null) });

/**
 * POST /children/:childId/evidence-bundle { purpose, appeal? }: the child's evidence bundle as one JSON file (the
 * hearing-bundle PDF inside it, base64; `npm run verify-bundle` checks it).
 * A POST because exporting is itself recorded in the ledger (and the read in the access log).
 */
export function registerEvidenceRoute(app: FastifyInstance, services: LedgerServices): void {
  const deps = evidenceDependencies(services);
  app.post('/children/:childId/evidence-bundle', async (request, reply) => {
    if (!request.actor || !request.accessReads) {
      return reply.code(401).send({ errors: [{ message: 'sign in: send an Authorization: Bearer <token> header', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const body = Body.safeParse(request.body ?? {});
    if (!body.success) {
      const issue = body.error.issues[0]!;
      const field = issue.path.join('.') || 'body';
      return reply.code(400).send({ errors: [{ message: `${field}: ${issue.message}`, extensions: { code: 'BAD_INPUT', field } }] });
    }
    const { childId } = request.params as { childId: string };
    const exported = await exportEvidenceFor(deps, { actor: request.actor, reads: request.accessReads }, childId, body.data);
    if (!exported) return reply.code(404).send({ errors: [{ message: 'child was not found', extensions: { code: 'NOT_FOUND' } }] });
    return reply
      .type('application/json')
      .header('content-disposition', `attachment; filename="evidence-${exported.bundle.manifest.childId}-v${exported.bundle.manifest.version}.json"`)
      .send(exported.bundle);
  });
}
