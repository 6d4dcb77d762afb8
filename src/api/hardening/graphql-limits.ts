import { createRequire } from 'node:module';
import type * as CostLimit from '@escape.tech/graphql-armor-cost-limit';
import type * as MaxAliases from '@escape.tech/graphql-armor-max-aliases';
import type * as MaxDepth from '@escape.tech/graphql-armor-max-depth';
import type * as MaxDirectives from '@escape.tech/graphql-armor-max-directives';
import type * as GraphQL from 'graphql';
import type { ValidationRule } from 'graphql';
import type { Config } from '../../config/config.js';

// Mercurius is CommonJS and validates with CommonJS graphql. An ESM `import` would load graphql's
// .mjs build, a second realm whose type checks fail on Mercurius's schema ("Cannot use
// GraphQLNonNull from another module or realm"), so the rules are loaded the way Mercurius loads graphql.
const require = createRequire(import.meta.url);
const { NoSchemaIntrospectionCustomRule } = require('graphql') as typeof GraphQL;
const { costLimitRule } = require('@escape.tech/graphql-armor-cost-limit') as typeof CostLimit;
const { maxAliasesRule } = require('@escape.tech/graphql-armor-max-aliases') as typeof MaxAliases;
const { maxDepthRule } = require('@escape.tech/graphql-armor-max-depth') as typeof MaxDepth;
const { maxDirectivesRule } = require('@escape.tech/graphql-armor-max-directives') as typeof MaxDirectives;

/** What a refused document is told: the same words for every limit, and never the limit itself. */
export const LIMIT_MESSAGE = 'Query validation error.';

export type LimitSettings = Pick<
  Config,
  'NODE_ENV' | 'GRAPHQL_MAX_DEPTH' | 'GRAPHQL_MAX_COST' | 'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_DIRECTIVES' | 'GRAPHQL_MAX_TOKENS'
>;

/**
 * Demand control for every GraphQL document, as Mercurius options: graphql-armor's depth, cost,
 * alias and directive rules run in validation (before any resolver), the parser stops after
 * GRAPHQL_MAX_TOKENS tokens, and in production the schema cannot be introspected. CSRF prevention
 * is in http-hardening.ts. Batching stays
 * off (app.ts), so one request is one operation.
 */
export function graphqlLimits(config: LimitSettings): {
  validationRules: ValidationRule[];
  graphql: { parseOptions: { maxTokens: number } };
} {
  const generic = { exposeLimits: false, errorMessage: LIMIT_MESSAGE };
  const validationRules = [
    maxDepthRule({ ...generic, n: config.GRAPHQL_MAX_DEPTH, flattenFragments: true }),
    costLimitRule({ ...generic, maxCost: config.GRAPHQL_MAX_COST }),
    // armor allows any number of `__typename` aliases by default; every alias counts here.
    maxAliasesRule({ ...generic, n: config.GRAPHQL_MAX_ALIASES, allowList: [] }),
    maxDirectivesRule({ ...generic, n: config.GRAPHQL_MAX_DIRECTIVES }),
  ] as unknown as ValidationRule[];
  // Introspection stays on outside production: GraphiQL and the graphql-http audits (__type) need it.
  if (config.NODE_ENV === 'production') validationRules.push(NoSchemaIntrospectionCustomRule);
  return { validationRules, graphql: { parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS } } };
}
