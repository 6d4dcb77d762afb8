import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AccessLog } from '../access-log/port.js';
import type { Config } from '../config/config.js';
import type { RunningProjection } from '../read-models/projector.js';
import type { EventStore } from '../store/port.js';
import { observeAppendCommits } from './append-commit-metrics.js';
import { observeRequests } from './http-metrics.js';
import { metricsAccess } from './metrics-access.js';
import { observeProjectionLag } from './projection-lag-metrics.js';
import { checkReadiness } from './readiness.js';
import type { ServiceMetrics } from './service-metrics.js';

export interface OperationsOptions {
  metrics: ServiceMetrics;
  store: Pick<EventStore, 'headPosition' | 'readAll'>;
  readModels: readonly RunningProjection[];
  accessLog: AccessLog;
  clock: () => Date;
  /** METRICS_TOKEN: when set, /metrics is served to whoever presents it as a bearer token; otherwise to loopback only. */
  config: Pick<Config, 'METRICS_TOKEN'>;
}

type Endpoint = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/**
 * Liveness (/health), readiness (/health/ready) and Prometheus metrics (/metrics), with the metrics they serve.
 *
 * Register after the security headers and before sign-in and the request slots: these endpoints are answered in
 * an onRequest hook of their own, so a probe or a scrape never waits for a request slot (a load balancer can
 * tell a busy server from a dead one), never counts against the rate limit, and never goes through sign-in (a
 * scraper's bearer token is METRICS_TOKEN, not a person's). The routes are declared too, so their pattern is
 * known to the hook and the metrics, and other methods are refused.
 */
export const operationsRoutes = fp(
  async (app: FastifyInstance, options: OperationsOptions) => {
    const { metrics } = options;
    observeRequests(app, metrics.registry);
    observeProjectionLag(metrics.registry, options.store, options.readModels);
    const stopObservingCommits = observeAppendCommits(metrics.registry);
    app.addHook('onClose', async () => stopObservingCommits());

    const liveness: Endpoint = async (_request, reply) =>
      reply.header('cache-control', 'no-store').send({ status: 'ok', headPosition: await options.store.headPosition() });

    const readiness: Endpoint = async (_request, reply) => {
      const { ready, checks } = await checkReadiness({ store: options.store, readModels: options.readModels, accessLog: options.accessLog, clock: options.clock });
      const failed = checks.filter((c) => !c.ok);
      if (!ready) app.log.warn({ readiness: failed }, 'not ready');
      return reply
        .code(ready ? 200 : 503)
        .header('cache-control', 'no-store')
        .send({ status: ready ? 'ready' : 'not ready', failed: failed.map((c) => c.check), checks });
    };

    const scrape: Endpoint = async (request, reply) => {
      const access = metricsAccess(request, options.config.METRICS_TOKEN);
      reply.header('cache-control', 'no-store');
      if (access.allowed) return reply.type(metrics.contentType).send(await metrics.exposition());
      if (access.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(access.status).type('text/plain; charset=utf-8').send(access.message);
    };

    const endpoints = new Map([
      ['/health', liveness],
      ['/health/ready', readiness],
      ['/metrics', scrape],
    ]);
    app.addHook('onRequest', async (request, reply) => {
      const endpoint = request.method === 'GET' || request.method === 'HEAD' ? endpoints.get(request.routeOptions.url ?? '') : undefined;
      if (endpoint) return endpoint(request, reply);
    });
    for (const [url, endpoint] of endpoints) app.get(url, { config: { rateLimit: false } }, endpoint);
  },
  { name: 'send-ledger-operations', fastify: '5.x' },
);
