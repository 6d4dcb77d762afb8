import diagnostics_channel from 'node:diagnostics_channel';
import { Histogram, type Registry } from 'prom-client';
import { APPEND_COMMITS, type AppendCommit } from '../store/append-commits.js';

/** Group sizes up to the most appends a turn of the event loop has been seen to gather under load. */
const GROUP_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
const COMMIT_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The durable commits of the SQLite and PostgreSQL stores (group commit): how long each took, fsync included,
 * and how many appends it carried. EventStoreDB commits inside its own server and reports none.
 * Returns the unsubscribe function.
 */
export function observeAppendCommits(registry: Registry): () => void {
  const duration = new Histogram({
    name: 'send_ledger_append_commit_duration_seconds',
    help: 'Time to durably commit one group of appends (one transaction and its flush), by store',
    labelNames: ['store'] as const,
    buckets: COMMIT_SECONDS,
    registers: [registry],
  });
  const groupSize = new Histogram({
    name: 'send_ledger_append_commit_group_size',
    help: 'Appends committed together in one transaction (group commit), by store',
    labelNames: ['store'] as const,
    buckets: GROUP_SIZES,
    registers: [registry],
  });
  const onCommit = (message: unknown) => {
    const commit = message as AppendCommit;
    duration.observe({ store: commit.store }, commit.seconds);
    groupSize.observe({ store: commit.store }, commit.appends);
  };
  diagnostics_channel.subscribe(APPEND_COMMITS, onCommit);
  return () => diagnostics_channel.unsubscribe(APPEND_COMMITS, onCommit);
}
