import { Registry, collectDefaultMetrics } from 'prom-client';

export interface ServiceMetrics {
  /** This server's own metric families (requests, GraphQL, appends, projections, access log). */
  readonly registry: Registry;
  /** The Prometheus text exposition of the process's metrics and this server's. */
  exposition(): Promise<string>;
  readonly contentType: string;
}

let processMetrics: Registry | undefined;

/**
 * prom-client's process and Node.js metrics (CPU, memory, event-loop delay, GC, handles), collected once per
 * process: each collection watches GC and the event loop for as long as the process lives, and every server
 * built in one process (the tests build hundreds) is the same process.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/** A registry of this server's own, so two servers in one process never share or clash over a metric. */
export function serviceMetrics(): ServiceMetrics {
  const registry = new Registry();
  const processWide = processRegistry();
  return {
    registry,
    contentType: registry.contentType,
    exposition: async () => `${await processWide.metrics()}\n${await registry.metrics()}`,
  };
}
