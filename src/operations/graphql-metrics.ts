import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getOperationAST } from 'graphql';
import { Histogram, type Registry } from 'prom-client';

/** Names a client may give its operations and have counted under their own label. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const MAX_OPERATION_NAMES = 100;

/**
 * Operation names are chosen by clients: a label per name would let any caller grow the metrics without bound.
 * The first names seen (that look like names) keep their own label; any other is counted as "other".
 */
export class OperationNames {
  private readonly seen = new Set<string>();

  constructor(private readonly limit = MAX_OPERATION_NAMES) {}

  labelOf(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.seen.has(name)) return name;
    if (this.seen.size >= this.limit) return 'other';
    this.seen.add(name);
    return name;
  }
}

interface Operation {
  type: string;
  name: string;
  failed: boolean;
}

const operationNameOf = (request: FastifyRequest): string | undefined => {
  const carrier = (request.method === 'GET' ? request.query : request.body) as { operationName?: unknown } | null | undefined;
  return typeof carrier?.operationName === 'string' ? carrier.operationName : undefined;
};

/**
 * Each executed GraphQL operation's latency (the whole request, parse to last byte) by operation type, bounded
 * name and outcome. Register after Mercurius; requests refused before execution (malformed, over a limit) are
 * counted only by route.
 */
export function observeGraphQLOperations(app: FastifyInstance, registry: Registry, names = new OperationNames()): void {
  const duration = new Histogram({
    name: 'send_ledger_graphql_operation_duration_seconds',
    help: 'Time to answer an executed GraphQL operation, by operation type, name (bounded: others are "other") and outcome',
    labelNames: ['operation_type', 'operation_name', 'outcome'] as const,
    registers: [registry],
  });
  const operations = new WeakMap<FastifyRequest, Operation>();
  app.graphql.addHook('preExecution', (_schema, document, context) => {
    const request = context.reply.request;
    const requested = operationNameOf(request);
    const operation = getOperationAST(document, requested);
    if (operation) operations.set(request, { type: operation.operation, name: names.labelOf(operation.name?.value ?? requested), failed: false });
  });
  app.graphql.addHook('onResolution', (execution, context) => {
    const operation = operations.get(context.reply.request);
    if (operation && execution.errors && execution.errors.length > 0) operation.failed = true;
  });
  app.addHook('onResponse', async (request, reply) => {
    const operation = operations.get(request);
    if (!operation) return;
    duration.observe({ operation_type: operation.type, operation_name: operation.name, outcome: operation.failed ? 'error' : 'ok' }, reply.elapsedTime / 1000);
  });
}
