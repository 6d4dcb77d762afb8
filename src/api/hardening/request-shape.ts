import type { FastifyRequest } from 'fastify';
import { GraphQLError, Lexer, Source, TokenKind, parse } from 'graphql';
import mercurius from 'mercurius';
import { LIMIT_MESSAGE } from './graphql-limits.js';

/**
 * How deep brackets may nest in a document, or objects and lists in variables. graphql-js parses and
 * validates by recursion, so a document nested thousands of levels deep would exhaust the stack
 * ("Maximum call stack size exceeded") before any depth rule could run; this is judged first, by
 * counting, without recursion. A real operation of this API nests about 20 levels (selections to
 * GRAPHQL_MAX_DEPTH, arguments, input objects and lists).
 */
export const MAX_NESTING = 64;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/** A malformed GraphQL-over-HTTP request (not a GraphQL error inside a well-formed one): always 400. */
const malformed = (message: string, field: string) => new mercurius.ErrorWithProps(message, { code: 'BAD_INPUT', field }, 400);

/** A document or variables beyond what any operation needs: refused like the other limits, before parsing. */
const tooDeep = (field: string) => new GraphQLError(LIMIT_MESSAGE, { extensions: { code: 'BAD_INPUT', field } });

/**
 * The deepest bracket nesting of a document, read with graphql-js's own lexer (which knows strings,
 * block strings and comments), stopping at `maxTokens` as the parser would. A document the lexer
 * cannot read is refused here as the syntax error it is.
 */
export function documentNesting(body: string, maxTokens: number): number {
  const lexer = new Lexer(new Source(body));
  let depth = 0;
  let deepest = 0;
  for (let tokens = 0; tokens <= maxTokens; tokens++) {
    const token = lexer.advance();
    if (token.kind === TokenKind.EOF) break;
    if (OPENING.has(token.kind)) deepest = Math.max(deepest, ++depth);
    else if (CLOSING.has(token.kind)) depth--;
  }
  return deepest;
}

/** The deepest nesting of a JSON value, walked without recursion. */
export function valueNesting(value: unknown): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = pending.pop()!;
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_NESTING) return deepest;
    for (const child of Object.values(item)) pending.push([child, depth + 1]);
  }
  return deepest;
}

const isMap = (value: unknown) => value === null || value === undefined || (typeof value === 'object' && !Array.isArray(value));

/**
 * The GraphQL-over-HTTP parameters in the shapes the spec gives them (query a string; operationName a
 * string; variables and extensions maps; null meaning absent), then the nesting limits. Runs before
 * Mercurius reads the request.
 */
export function checkRequestShape(request: FastifyRequest, maxTokens: number): void {
  const params = (request.method === 'GET' ? request.query : request.body) as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object') return;
  if (params['extensions'] === null) delete params['extensions'];
  if (params['operationName'] === null) delete params['operationName'];
  if (params['variables'] === null) delete params['variables'];
  const { query, operationName, extensions } = params;
  let variables = params['variables'];
  if (query !== undefined && typeof query !== 'string') throw malformed('query must be a string holding a GraphQL document', 'query');
  if (operationName !== undefined && typeof operationName !== 'string') throw malformed('operationName must be a string naming an operation of the document', 'operationName');
  if (request.method === 'GET' && typeof variables === 'string') {
    try {
      variables = JSON.parse(variables);
    } catch {
      throw malformed('variables must be a JSON object', 'variables');
    }
  }
  if (!isMap(variables)) throw malformed('variables must be a JSON object', 'variables');
  if (!isMap(extensions) && !(request.method === 'GET' && typeof extensions === 'string')) throw malformed('extensions must be a JSON object', 'extensions');

  if (typeof query === 'string') {
    // A document the lexer cannot read throws its syntax error from here, as the parser would.
    if (documentNesting(query, maxTokens) > MAX_NESTING) throw tooDeep('query');
    // Parsed here so that a document that is not GraphQL is refused as such: Mercurius would otherwise
    // try to read it as a JSON syntax tree (its undocumented fallback), which `false` or `[]` is not.
    parse(query, { maxTokens, noLocation: true });
  }
  if (valueNesting(variables) > MAX_NESTING) throw tooDeep('variables');
}
