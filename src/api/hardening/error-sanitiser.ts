import { LIMIT_MESSAGE } from './graphql-limits.js';

const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;
const SUGGESTION = / ?Did you mean .*\?$/;

interface GraphQLResponseBody {
  errors?: Array<{ message?: unknown }>;
}

const isGraphQLResponse = (payload: unknown): payload is GraphQLResponseBody =>
  typeof payload === 'object' && payload !== null && Array.isArray((payload as GraphQLResponseBody).errors);

/**
 * The last word on what a GraphQL error says, applied to every response body before it is
 * serialised: the parser's token limit becomes the same generic message as the other limits (it
 * would otherwise state the limit), and in production field, argument and enum suggestions
 * ("Did you mean …?") are cut, including from validation errors, which Mercurius wraps so that the
 * error formatter sees only the wrapper.
 */
export function sanitiseGraphQLErrors<T>(payload: T, production: boolean): T {
  if (!isGraphQLResponse(payload)) return payload;
  for (const error of payload.errors!) {
    if (typeof error?.message !== 'string') continue;
    if (TOKEN_LIMIT.test(error.message)) error.message = `Syntax Error: ${LIMIT_MESSAGE}`;
    else if (production && SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '');
  }
  return payload;
}
