import { createHash } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import mercurius from 'mercurius';
import type { Config } from '../../config/config.js';
import { csrfRefusal, isCrossSiteSafe } from './csrf.js';
import { sanitiseGraphQLErrors } from './error-sanitiser.js';
import { isPublicAsset } from '../../web/assets.js';

export type HardeningSettings = Pick<Config, 'NODE_ENV' | 'RATE_LIMIT_PER_MINUTE' | 'CORS_ORIGINS'>;

const GRAPHQL_PATH = '/graphql';

/** The headers a browser may send cross-origin: the ones the API reads, plus Mercurius's CSRF preflight headers. */
const CORS_ALLOWED_HEADERS = ['content-type', 'authorization', 'x-correlation-id', 'x-mercurius-operation-name', 'mercurius-require-preflight'];

/**
 * Which bucket a request counts against. The authenticate hook runs at application level on
 * onRequest, before the limiter's route-level onRequest hook, so a verified actor is known here.
 * A request whose token does not verify never gets this far (401), and an anonymous one counts
 * against its address.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const actor = request.actor;
  if (actor) return `actor:${createHash('sha256').update(actor.id).digest('base64url')}`;
  return `ip:${request.ip}`;
}

/**
 * Helmet headers, CORS for the configured origins only, CSRF prevention on POST /graphql, generic
 * limit messages and (in production) no suggestions in GraphQL errors, and a per-caller rate limit whose refusal is a GraphQL-shaped 429 with code RATE_LIMITED. Register before the routes: the limiter attaches
 * itself to each route as it is added.
 */
export const httpHardening = fp(
  async (app: FastifyInstance, options: { config: HardeningSettings }) => {
    const { config } = options;
    await app.register(helmet, {
      // On in development too: GraphiQL is served from the installed packages, with no inline script or style.
      contentSecurityPolicy: {
        // Upgrading to https is for a deployment behind TLS; a server on plain http (tests, a laptop) would lose its own stylesheets.
        directives: { scriptSrc: ["'self'"], styleSrc: ["'self'"], upgradeInsecureRequests: config.NODE_ENV === 'production' ? [] : null },
      },
      // The GOV.UK page template's one inline script (it marks the page as having JavaScript) runs with a per-response nonce.
      enableCSPNonces: true,
    });

    const origins = [...new Set(config.CORS_ORIGINS.map((origin) => new URL(origin).origin))];
    if (origins.length > 0) {
      await app.register(cors, {
        origin: origins,
        methods: ['GET', 'POST'],
        allowedHeaders: CORS_ALLOWED_HEADERS,
        exposedHeaders: ['x-request-id', 'retry-after'],
        credentials: false,
        maxAge: 600,
      });
    }

    app.addHook('onRequest', async (request) => {
      if (request.routeOptions.url === GRAPHQL_PATH && !isCrossSiteSafe(request)) throw csrfRefusal();
    });

    const production = config.NODE_ENV === 'production';
    app.addHook('preSerialization', async (request, _reply, payload) =>
      request.routeOptions.url === GRAPHQL_PATH ? sanitiseGraphQLErrors(payload, production) : payload,
    );

    await app.register(rateLimit, {
      global: true,
      max: config.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: rateLimitKey,
      // The design systems' stylesheets, fonts and images are the same public files for everyone.
      allowList: (request) => isPublicAsset(request.url),
      errorResponseBuilder: (_request, context) =>
        // An error with a status code: the GraphQL error handler shapes it as { data: null, errors }.
        new mercurius.ErrorWithProps(
          'Too many requests: slow down and try again shortly',
          { code: 'RATE_LIMITED', retryAfterSeconds: Math.ceil(context.ttl / 1000) },
          429,
        ),
    });
  },
  { name: 'send-ledger-http-hardening', fastify: '5.x' },
);
