import { GraphQLError } from 'graphql';
import mercurius, { type MercuriusContext } from 'mercurius';
import type { ExecutionResult } from 'graphql';
import type { ZodError } from 'zod';
import { NotFound, NotPermitted, RuleViolation } from '../../domain/errors.js';
import { ConcurrencyConflict } from '../../store/errors.js';

export class Unauthenticated extends Error {
  constructor(message = 'sign in: send an Authorization: Bearer <token> header') {
    super(message);
    this.name = 'Unauthenticated';
  }
}

/** Input that failed validation at the boundary, with the path of the first offending field. */
export class BadInput extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly issues: Array<{ field: string; message: string }>,
  ) {
    super(message);
    this.name = 'BadInput';
  }
}

export function badInputFrom(error: ZodError, prefix: string): BadInput {
  const issues = error.issues.map((issue) => ({ field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'), message: issue.message }));
  const first = issues[0] ?? { field: prefix, message: 'is invalid' };
  return new BadInput(`${first.field}: ${first.message}`, first.field, issues);
}

/** The one mapping from a deliberate refusal to what the client sees; anything else is masked. */
export function clientError(error: unknown): { message: string; extensions: Record<string, unknown> } | null {
  if (error instanceof BadInput) return { message: error.message, extensions: { code: 'BAD_INPUT', field: error.field, issues: error.issues } };
  if (error instanceof RuleViolation) {
    return { message: error.message, extensions: { code: 'BAD_INPUT', rule: error.rule, ...(error.field ? { field: requestPath(error.field) } : {}) } };
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

/** The domain names fields of the entry; a client needs the path in its request, as validation errors give it. */
function requestPath(field: string): string {
  if (field === 'occurredAt') return 'options.occurredAt';
  if (/^(input|options|filter|childId)(\.|$)/.test(field)) return field;
  return `input.${field}`;
}

const SUGGESTION = / ?Did you mean .*\?$/;

/** Masks unexpected errors (their message never leaves the server), and in production hides field suggestions. */
export function createErrorFormatter(production: boolean) {
  return (execution: ExecutionResult & { statusCode?: number }, context: MercuriusContext) => {
    const errors = (execution.errors ?? []).map((error) => {
      const original = error.originalError;
      const known = clientError(original);
      if (known) return new GraphQLError(known.message, { nodes: error.nodes, path: error.path, extensions: known.extensions });
      const isInternal = original && !(original instanceof GraphQLError) && !('errors' in original) && !('statusCode' in original);
      if (isInternal) {
        context.reply.log.error({ err: original }, 'unexpected error in a resolver');
        return new GraphQLError(`Internal error (request ${context.reply.request.id})`, {
          nodes: error.nodes,
          path: error.path,
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        });
      }
      if (production && SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '');
      return error;
    });
    return mercurius.defaultErrorFormatter({ ...execution, errors } as never, context);
  };
}
