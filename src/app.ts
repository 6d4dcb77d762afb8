import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import type { DestinationStream } from 'pino';
import { childAccessIndex } from '../projections/child-access-index.js';
import { childDirectory } from '../projections/child-directory.js';
import { localOfferRegister } from '../projections/local-offer-register.js';
import { promiseRegister } from '../projections/promise-register.js';
import { PROJECTIONS } from './read-models/projections.js';
import { KeyedQueue } from './application/keyed-queue.js';
import { AccessCache } from './application/access-cache.js';
import { ChildClockCache } from './application/child-clock-cache.js';
import { ChildSummaries } from './application/child-summaries.js';
import { summariseChildren, type SummarisingChildren } from './application/summarise-children.js';
import { recordChildReads } from './api/access-reads.js';
import { accessLogResolvers } from './api/graphql/access-log-resolvers.js';
import { openAccessLogFile } from './access-log/access-log-file.js';
import type { AccessLog } from './access-log/port.js';
import { authenticate } from './api/auth/authenticate.js';
import { registerHandoverPdfRoute } from './api/handover-pdf-route.js';
import { registerEvidenceRoute } from './api/evidence-route.js';
import { webService } from './web/web-service.js';
import { limitRequestsInProgress } from './api/request-slots.js';
import { integrityMutationResolvers, integrityQueryResolvers } from './api/graphql/integrity-resolvers.js';
import type { SigningKey } from './integrity/signing-key.js';
import type { ChildKeyStore } from './privacy/child-key-store.js';
import { erasureMutationResolvers } from './api/graphql/erasure-resolvers.js';
import type { VerifyToken } from './api/auth/token-verifier.js';
import type { LedgerServices, RequestContext } from './api/graphql/context.js';
import { createErrorFormatter, inRequestTerms } from './api/graphql/errors.js';
import { graphqlLimits } from './api/hardening/graphql-limits.js';
import { checkRequestShape } from './api/hardening/request-shape.js';
import { APPLICATION_JSON, responseMediaOf } from './api/graphql/response-media.js';
import { httpHardening } from './api/hardening/http-hardening.js';
import { registerGraphiql } from './api/graphiql/graphiql-routes.js';
import { mutationResolvers } from './api/graphql/mutations.js';
import { queryResolvers } from './api/graphql/queries.js';
import { participationResolvers } from './api/graphql/participation-resolvers.js';
import { localOfferMutationResolvers, localOfferQueryResolvers } from './api/graphql/local-offer-resolvers.js';
import { provisionPromiseResolvers, provisionQualityResolvers } from './api/graphql/provision-quality-resolvers.js';
import { clockQueryResolvers } from './api/graphql/clock-queries.js';
import { handoverQueryResolvers, issueHandoverResolver } from './api/graphql/handover-resolvers.js';
import { commonTransferFileMutationResolvers } from './api/graphql/common-transfer-file-resolvers.js';
import { localOfferDirectoryMutationResolvers } from './api/graphql/local-offer-directory-resolvers.js';
import { DateScalar, DateTimeScalar, JsonScalar } from './api/graphql/scalars.js';
import type { Config } from './config/config.js';
import { startProjections } from './read-models/projector.js';
import type { ReadModelStore } from './read-models/read-model-store.js';
import type { EventStore } from './store/port.js';
import { cachingChildStreams } from './store/child-stream-cache.js';
import { trackStreamRevisions } from './store/stream-revisions.js';
import { observedAccessLog } from './operations/access-log-metrics.js';
import { observeGraphQLOperations } from './operations/graphql-metrics.js';
import { operationsRoutes } from './operations/operations-routes.js';
import { serviceMetrics } from './operations/service-metrics.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The walk that summarises every child after the start (child-summaries.ts): a benchmark waits for it. */
    summarising: SummarisingChildren;
  }
}

export interface AppOptions {
  config: Config;
  store: EventStore;
  /** Where read models and their checkpoints live: beside the events. */
  readModels: ReadModelStore;
  verifyToken: VerifyToken;
  /** Signs tree heads (Ed25519). */
  signingKey: SigningKey;
  /** The per-child data keys the store encrypts with (erasure destroys one). */
  keys: ChildKeyStore;
  /** Who read which child's record; default: access-log.sqlite in the data directory. */
  accessLog?: AccessLog;
  clock?: () => Date;
  /** Where logs go (tests capture them); default stdout. */
  logStream?: DestinationStream;
}

const schema = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Personal data and credentials never reach the logs: Fastify logs no bodies or headers by default,
 * and these paths are censored wherever a serializer or an error might carry them.
 */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  'authorization',
  'body',
  'req.body',
  'variables',
  '*.variables',
  'err.variables',
];

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const store = config.CHILD_RECORD_CACHE_MB > 0 ? cachingChildStreams(options.store, { maxBytes: config.CHILD_RECORD_CACHE_MB * 1_000_000 }) : options.store;
  const clock = options.clock ?? (() => new Date());
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      // A GET query string can carry a whole GraphQL document with a child's details: log the path only.
      serializers: {
        req: (request: { method: string; url: string; host?: string; ip?: string }) => ({
          method: request.method,
          url: request.url.split('?')[0],
          host: request.host,
          remoteAddress: request.ip,
        }),
      },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
  });
  const metrics = serviceMetrics();

  const running = await startProjections(store, options.readModels, PROJECTIONS, (error, projection) => app.log.error({ err: error, projection }, 'projection stopped'));
  app.addHook('onClose', async () => {
    await Promise.all(running.map((projection) => projection.stop()));
  });
  const readModel = (name: string) => running.find((projection) => projection.name === name)!;
  const streamRevisions = await trackStreamRevisions(store, 'child-');
  app.addHook('onClose', () => streamRevisions.stop());
  const accessLog = observedAccessLog(options.accessLog ?? openAccessLogFile(config), metrics.registry);
  app.addHook('onClose', async () => {
    if (!options.accessLog) await accessLog.close();
  });
  const services: LedgerServices = {
    config,
    store,
    clock,
    promises: readModel(promiseRegister.name),
    directory: readModel(childDirectory.name),
    accessIndex: readModel(childAccessIndex.name),
    localOffer: readModel(localOfferRegister.name),
    accessLog,
    accessCache: new AccessCache(),
    clockCache: new ChildClockCache(),
    summaries: new ChildSummaries(),
    streamRevisions,
    writeQueue: new KeyedQueue(),
    signingKey: options.signingKey,
    keys: options.keys,
  };

  const summarising = summariseChildren(options.store, streamRevisions, services.summaries, clock, (error) => app.log.warn({ err: error }, 'summarising children stopped'));
  app.addHook('onClose', () => summarising.stop());
  app.decorate('summarising', summarising);

  // Helmet, CORS and the per-actor rate limit: before the routes, so the limiter attaches to each.
  await app.register(httpHardening, { config });
  // Health, readiness and metrics: answered before sign-in and the request slots (operations-routes.ts says why).
  await app.register(operationsRoutes, { metrics, store, readModels: running, accessLog, clock, config });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onRequest', authenticate(options.verifyToken));
  limitRequestsInProgress(app, config.MAX_REQUESTS_IN_PROGRESS);
  recordChildReads(app, accessLog, clock);
  registerHandoverPdfRoute(app, services);
  registerEvidenceRoute(app, services);
  await app.register(webService, { services });

  await app.register(mercurius, {
    schema,
    resolvers: {
      DateTime: DateTimeScalar,
      Date: DateScalar,
      JSON: JsonScalar,
      Query: { ...queryResolvers, ...clockQueryResolvers, ...handoverQueryResolvers, ...provisionQualityResolvers, ...localOfferQueryResolvers, ...participationResolvers, ...integrityQueryResolvers, ...accessLogResolvers },
      ProvisionPromise: provisionPromiseResolvers,
      Mutation: Object.fromEntries(
        Object.entries({ ...mutationResolvers, ...localOfferMutationResolvers, ...localOfferDirectoryMutationResolvers, ...integrityMutationResolvers, ...erasureMutationResolvers, ...commonTransferFileMutationResolvers, issueHandover: issueHandoverResolver }).map(
          ([name, resolve]) => [name, inRequestTerms(resolve as (...args: unknown[]) => Promise<unknown>)],
        ),
      ),
    } as never,
    context: (request): RequestContext => {
      const header = request.headers['x-correlation-id'];
      const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : request.id;
      return { actor: request.actor, requestId: request.id, correlationId, services, reads: request.accessReads };
    },
    errorFormatter: createErrorFormatter(config.NODE_ENV === 'production') as never,
    // Mercurius's GraphiQL loads React and GraphiQL from a CDN: ours is served from the installed packages.
    graphiql: false,
    allowBatchedQueries: false,
    // Depth, cost, alias, directive and token limits; introspection off in production.
    ...graphqlLimits(config),
    additionalRouteOptions: {
      preValidation: async (request) => checkRequestShape(request, config.GRAPHQL_MAX_TOKENS),
      // The spec's media type when the client asks for it (response-media.ts); Fastify would send plain JSON.
      onSend: async (request, reply, payload) => {
        if (String(reply.getHeader('content-type') ?? '').startsWith(APPLICATION_JSON)) {
          reply.header('content-type', `${responseMediaOf(request.headers.accept)}; charset=utf-8`);
        }
        return payload;
      },
    },
  });
  observeGraphQLOperations(app, metrics.registry);
  if (config.NODE_ENV === 'development') await registerGraphiql(app);
  return app;
}
