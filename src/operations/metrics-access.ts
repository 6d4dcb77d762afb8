import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** A proxy on the same host forwards other people's requests from loopback, and says so in one of these. */
const FORWARDED = ['forwarded', 'x-forwarded-for', 'x-real-ip'];
const BEARER = /^Bearer (.+)$/;

const digest = (value: string) => createHash('sha256').update(value).digest();

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 403; message: string };

/**
 * Who may scrape /metrics: anyone presenting METRICS_TOKEN as a bearer token when it is set, and otherwise only a
 * client on this host that is not a proxy forwarding someone else. The metrics hold no personal data, but they
 * show how the service is used and how it is built.
 */
export function metricsAccess(request: FastifyRequest, token: string | undefined): MetricsAccess {
  if (token) {
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    // Compared as digests: equal lengths for timingSafeEqual, and no early exit on the first differing character.
    if (presented !== undefined && timingSafeEqual(digest(presented), digest(token))) return { allowed: true };
    return { allowed: false, status: 401, message: 'GET /metrics needs the METRICS_TOKEN as a bearer token' };
  }
  const local = LOOPBACK.has(request.socket.remoteAddress ?? '') && FORWARDED.every((header) => request.headers[header] === undefined);
  if (local) return { allowed: true };
  return { allowed: false, status: 403, message: 'GET /metrics is served on loopback only: set METRICS_TOKEN to scrape it from elsewhere' };
}
