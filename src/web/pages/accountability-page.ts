import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LedgerServices } from '../../application/ledger-services.js';
import type { CursorQuery } from '../presenters/pagination.js';
import { localOfferPage } from './accountability-local-offer-page.js';
import { provisionQualityPageOf } from './accountability-provision-page.js';
import { timelinessPage } from './accountability-timeliness-page.js';
import { pageNotFound, renderPage } from './page.js';

/** Only an LA officer answers for the LA's duties: anyone else reads these pages as not found. */
const isLaOfficer = (request: FastifyRequest) => request.actor?.role === 'la_officer';

/**
 * Accountability, for an LA officer and their own LA (their organisation is its code): timeliness (SEN2), the
 * quality of the provision written into plans, and the Local Offer; figures in tables, with a chart beside
 * where a picture says it faster.
 */
export function registerAccountabilityPages(app: FastifyInstance, services: LedgerServices): void {
  const laOnly =
    <R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<FastifyReply>) =>
    (request: R, reply: FastifyReply) =>
      isLaOfficer(request) ? handler(request, reply) : pageNotFound(request, reply);

  app.get(
    '/accountability',
    laOnly(async (request, reply) => renderPage(request, reply, 'accountability.njk', { pageTitle: 'Accountability', section: 'accountability', tab: null })),
  );
  app.get<{ Querystring: { year?: string } }>('/accountability/timeliness', laOnly((request, reply) => timelinessPage(services, request, reply)));
  app.get<{ Querystring: CursorQuery & { reason?: string } }>('/accountability/provision-quality', laOnly((request, reply) => provisionQualityPageOf(services, request, reply)));
  app.get<{ Querystring: { years?: string } }>('/accountability/local-offer', laOnly((request, reply) => localOfferPage(services, request, reply)));
}
