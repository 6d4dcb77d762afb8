import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AccessRecorder } from '../access-log/access-recorder.js';
import type { AccessEntry } from '../access-log/access-entry.js';
import type { AccessLog } from '../access-log/port.js';

declare module 'fastify' {
  interface FastifyRequest {
    accessReads: AccessRecorder | null;
  }
}

const PURPOSE = /^[\p{L}\p{N} .,;:()/'&-]{3,200}$/u;

/** The purpose a caller states (X-Access-Purpose), or the direct work their role implies. */
function purposeOf(request: FastifyRequest): string {
  const stated = request.headers['x-access-purpose'];
  if (typeof stated === 'string' && PURPOSE.test(stated.trim())) return stated.trim();
  return `direct work with the child as ${request.actor?.role.replace(/_/g, ' ') ?? 'unknown'}`;
}

const isPage = (request: FastifyRequest) => (request.routeOptions.config as { web?: boolean } | undefined)?.web === true;

const viaOf = (request: FastifyRequest): AccessEntry['via'] =>
  isPage(request) ? 'web' : request.url.includes('/evidence-bundle') ? 'evidence-bundle' : request.url.includes('/handover-pack.pdf') ? 'handover-pack-pdf' : 'graphql';

/**
 * Every signed-in request gets a recorder; whatever children it read are written to the access log before
 * the response is sent. If the log cannot be written the response fails: no read goes unrecorded.
 */
export function recordChildReads(app: FastifyInstance, accessLog: AccessLog, clock: () => Date): void {
  app.decorateRequest('accessReads', null);
  app.addHook('preHandler', async (request) => {
    if (!request.actor) return;
    request.accessReads = new AccessRecorder({ actor: request.actor, requestId: request.id, purpose: purposeOf(request), via: viaOf(request), sourceIp: request.ip, ...(isPage(request) ? { route: request.routeOptions.url } : {}) });
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const entries = request.accessReads?.drain(clock()) ?? [];
    if (entries.length > 0) await accessLog.append(entries);
    return payload;
  });
}
