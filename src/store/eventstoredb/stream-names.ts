/**
 * How ledger streams are named in EventStoreDB. Each ledger stream is its own ESDB stream (so ESDB's own
 * optimistic concurrency guards its chain), named `<namespace><streamId>`; the global order lives in one
 * more stream, `<namespace>send-ledger:global-order`. The namespace is empty in a deployment; tests give
 * each store a fresh one so that runs against one server never see each other's entries.
 */
export interface StreamNames {
  readonly namespace: string;
  /** The stream of links that fixes the global order (see global-order.ts). */
  readonly globalOrder: string;
  /** The ESDB stream that holds a ledger stream. Throws for names ESDB or this adapter reserve. */
  esdbStreamOf(streamId: string): string;
  /** The ledger stream held by an ESDB stream, or null when the ESDB stream is not a ledger stream of this namespace. */
  ledgerStreamOf(esdbStream: string): string | null;
}

const GLOBAL_ORDER = 'send-ledger:global-order';

export function streamNames(namespace = ''): StreamNames {
  if (namespace.startsWith('$')) throw new Error('an EventStoreDB namespace must not start with $ (system streams)');
  const globalOrder = `${namespace}${GLOBAL_ORDER}`;
  return {
    namespace,
    globalOrder,
    esdbStreamOf(streamId) {
      const name = `${namespace}${streamId}`;
      if (streamId.length === 0 || name.startsWith('$') || name === globalOrder) {
        throw new Error(`"${streamId}" cannot be a ledger stream in EventStoreDB: the name is reserved`);
      }
      return name;
    },
    ledgerStreamOf(esdbStream) {
      if (!esdbStream.startsWith(namespace) || esdbStream === globalOrder || esdbStream.startsWith('$')) return null;
      const streamId = esdbStream.slice(namespace.length);
      return streamId.length === 0 ? null : streamId;
    },
  };
}
