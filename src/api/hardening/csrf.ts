import type { FastifyRequest } from 'fastify';
import mercurius from 'mercurius';

/** Content types a browser cannot send cross-site without a CORS preflight (the ones Mercurius parses). */
const NON_SIMPLE_CONTENT_TYPES = new Set(['application/json', 'application/graphql']);
/** Mercurius's preflight headers: a browser sends a custom header only after a CORS preflight. */
const PREFLIGHT_HEADERS = ['x-mercurius-operation-name', 'mercurius-require-preflight'];

export const CSRF_MESSAGE = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).';

/**
 * CSRF prevention for POST /graphql, with the same rule as Mercurius's `csrfPrevention: true`: the
 * request must carry a non-simple content type or a preflight header, so a cross-site form or
 * `fetch` with text/plain never runs an operation.
 *
 * Mercurius's own option also applies it to GET, where a request has no content type at all: every
 * plain GET query then needs a preflight header, and a GET mutation is answered 400 instead of the
 * 405 GraphQL-over-HTTP requires. GET never runs a mutation (405), and authentication is a bearer
 * header a cross-site page cannot attach, so POST is where the check belongs.
 */
export function isCrossSiteSafe(request: FastifyRequest): boolean {
  if (request.method !== 'POST') return true;
  const contentType = request.headers['content-type'];
  if (typeof contentType === 'string') {
    const type = contentType.split(';')[0]!.trim().toLowerCase();
    if (NON_SIMPLE_CONTENT_TYPES.has(type)) return true;
  }
  return PREFLIGHT_HEADERS.some((header) => Object.hasOwn(request.headers, header));
}

export function csrfRefusal(): Error {
  return new mercurius.ErrorWithProps(CSRF_MESSAGE, { code: 'CSRF_BLOCKED' }, 400);
}
