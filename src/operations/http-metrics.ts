import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, type Registry } from 'prom-client';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route as declared ("/children/:childId"), never the URL asked for: ids and query strings stay out of labels. */
const routeLabel = (declared: string | undefined): string => declared ?? 'unmatched';

/**
 * Every response's latency by route pattern, method and status class (its count is the request rate), and the
 * rate limit's refusals by route.
 */
export function observeRequests(app: FastifyInstance, registry: Registry): void {
  const duration = new Histogram({
    name: 'send_ledger_http_request_duration_seconds',
    help: 'Time from a request arriving to its response being sent, by route pattern, method and status class',
    labelNames: ['route', 'method', 'status_class'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'send_ledger_rate_limit_refusals_total',
    help: 'Requests refused with 429 because the caller went over RATE_LIMIT_PER_MINUTE, by route pattern',
    labelNames: ['route'] as const,
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = routeLabel(request.routeOptions.url);
    duration.observe(
      { route, method: METHODS.has(request.method) ? request.method : 'OTHER', status_class: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode === 429) refusals.inc({ route });
  });
}
