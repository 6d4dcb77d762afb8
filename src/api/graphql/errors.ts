import { GraphQLError } from 'graphql';
import type { MercuriusContext } from 'mercurius';
import type { ExecutionResult } from 'graphql';
import { NotFound, NotPermitted, RuleViolation } from '../../domain/errors.js';
import { ConcurrencyConflict, CorruptEntry } from '../../store/errors.js';
import { requestFieldOf, variableErrorMessage } from './error-fields.js';
import { statusBeforeExecution } from './response-media.js';
import { BadInput } from '../../application/bad-input.js';

export { BadInput, badInputFrom } from '../../application/bad-input.js';

export class Unauthenticated extends Error {
  constructor(message = 'sign in: send an Authorization: Bearer <token> header') {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** The one mapping from a deliberate refusal to what the client sees; anything else is masked. */
export function clientError(error: unknown): { message: string; extensions: Record<string, unknown> } | null {
  if (error instanceof BadInput) return { message: error.message, extensions: { code: 'BAD_INPUT', field: error.field, issues: error.issues } };
  if (error instanceof RuleViolation) {
    return { message: error.message, extensions: { code: 'BAD_INPUT', rule: error.rule, ...(error.field ? { field: error.field } : {}) } };
  }
  if (error instanceof NotFound) return { message: error.message, extensions: { code: 'NOT_FOUND' } };
  if (error instanceof NotPermitted) return { message: error.message, extensions: { code: 'FORBIDDEN' } };
  if (error instanceof Unauthenticated) return { message: error.message, extensions: { code: 'UNAUTHENTICATED' } };
  if (error instanceof ConcurrencyConflict) {
    return {
      message: error.message,
      extensions: { code: 'CONFLICT', currentRevision: error.currentRevision, expectedRevision: error.expected },
    };
  }
  return null;
}

/**
 * A mutation's resolver, refusing in the request's terms: the domain names fields of the entry
 * (`startDate`), a client needs their path in its request (`input.startDate`), as validation errors give
 * it. A query's refusals already name its arguments.
 */
export function inRequestTerms<A extends unknown[], R>(resolve: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await resolve(...args);
    } catch (error) {
      if (error instanceof RuleViolation && error.field) throw new RuleViolation(error.rule, error.message, requestPath(error.field));
      throw error;
    }
  };
}

function requestPath(field: string): string {
  if (field === 'occurredAt') return 'options.occurredAt';
  // The mutations' own arguments, as they are named in the request.
  if (/^(input|options|childId|laCode)(\.|$)/.test(field)) return field;
  return `input.${field}`;
}

const SUGGESTION = / ?Did you mean .*\?$/;

/** Mercurius loads graphql as CommonJS, tests may load its ES module build: a second realm, so no `instanceof`. */
const isGraphQLError = (error: unknown): error is GraphQLError => error instanceof Error && error.name === 'GraphQLError';

interface Refusal {
  error: GraphQLError;
  /** An HTTP status the refusal itself carries (405 for a mutation by GET, 429, a CSRF refusal...). */
  status?: number;
  internal: boolean;
}

/**
 * One refusal per error the client should see. A pre-execution refusal Mercurius wraps carries the real
 * errors inside it: GraphQL's own (MER_ERR_GQL_VALIDATION, whose status the spec decides: see
 * response-media.ts), or plain errors under the wrapper's status. Errors inside a wrapper are never internal.
 */
function refusalsOf(error: GraphQLError): Refusal[] {
  const original = error.originalError as (Error & { errors?: unknown; code?: unknown; statusCode?: unknown }) | undefined;
  if (Array.isArray(original?.errors)) {
    const status = original.code !== 'MER_ERR_GQL_VALIDATION' && typeof original.statusCode === 'number' ? original.statusCode : undefined;
    return original.errors.map((inner: unknown) => ({
      error: isGraphQLError(inner) ? inner : new GraphQLError(inner instanceof Error ? inner.message : String(inner)),
      ...(status === undefined ? {} : { status }),
      internal: false,
    }));
  }
  const status = typeof original?.statusCode === 'number' ? original.statusCode : undefined;
  const internal = original !== undefined && !isGraphQLError(original) && status === undefined && clientError(original) === null;
  return [{ error, ...(status === undefined ? {} : { status }), internal }];
}

/**
 * Every GraphQL error leaves in one shape: a stable `extensions.code`, the request `field` where one is
 * named, no internal message (those stay in the server log with the request id) and, in production, no
 * suggestions. A request refused before execution has no `data` entry and is HTTP 400 (see
 * response-media.ts for the one exception the GraphQL-over-HTTP spec asks for); a request that needed a
 * signed-in person and had no token is HTTP 401. The client's values are never logged.
 */
export function createErrorFormatter(production: boolean) {
  return (execution: ExecutionResult & { statusCode?: number }, context: MercuriusContext) => {
    const request = context.reply.request;
    const beforeExecution = execution.data === undefined;
    const refusals = (execution.errors ?? []).flatMap(refusalsOf);
    const errors = refusals.map(({ error, internal }) => {
      const known = clientError(error.originalError);
      if (known) return new GraphQLError(known.message, { nodes: error.nodes, path: error.path, extensions: known.extensions });
      if (internal && error.originalError instanceof CorruptEntry) {
        // The server's fault, not the client's, and said as such: which entry stays in the log (it names a child's stream).
        context.reply.log.error({ err: error.originalError }, 'a stored entry failed its integrity check');
        const message = `The ledger failed an integrity check while answering: what it stores was changed outside the ledger, so nothing of it is shown. The operator's npm run verify names the entry (request ${request.id}).`;
        return new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions: { code: 'LEDGER_CORRUPT' } });
      }
      if (internal) {
        context.reply.log.error({ err: error.originalError }, 'unexpected error');
        return new GraphQLError(`Internal error (request ${request.id})`, { nodes: error.nodes, path: error.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      }
      const field = requestFieldOf(error);
      const stated = (field && variableErrorMessage(error, field)) ?? error.message;
      const message = production && SUGGESTION.test(stated) ? stated.replace(SUGGESTION, '') : stated;
      const extensions: Record<string, unknown> = { code: 'BAD_INPUT', ...error.extensions };
      // A refusal of the request's own making names what it refused: a field, else the document.
      if (extensions['code'] === 'BAD_INPUT' && extensions['field'] === undefined && (field || beforeExecution)) extensions['field'] = field ?? 'query';
      return new GraphQLError(message, { nodes: error.nodes, path: error.path, extensions });
    });
    context.reply.log.info({ errors: errors.map((e) => ({ code: e.extensions['code'], field: e.extensions['field'] })) }, 'request answered with errors');
    const statusCode =
      refusals.find((r) => r.status !== undefined)?.status ??
      (errors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED')
        ? 401
        : beforeExecution
          ? refusals.some((r) => r.internal)
            ? 500
            : statusBeforeExecution(request.headers.accept)
          : 200);
    const body = errors.map((e) => e.toJSON());
    return { statusCode, response: beforeExecution ? { errors: body } : { data: execution.data ?? null, errors: body } };
  };
}
