import { join } from 'node:path';
import { NO_STREAM } from '../store/port.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import { ledgerTarget } from './ledger-target.js';
import { openRawSqlite } from './raw-sqlite.js';
import type { BenchTarget, TargetFactory } from './target.js';
import { toProposedEvent, type WorkloadEvent } from './workload.js';

/**
 * A probe, not the product: what group commit would give the SQLite store. Appends that arrive in the
 * same turn of the event loop are run in one transaction (each as a savepoint, so one refused append
 * does not take the others with it) and acknowledged together after that transaction's single fsync:
 * every acknowledged event is still durable, and W writers pay for one commit instead of W.
 */
function grouped(run: (batch: Array<() => Promise<void>>) => Array<Promise<void>>): (task: () => Promise<void>) => Promise<void> {
  let pending: Array<{ task: () => Promise<void>; resolve: () => void; reject: (error: unknown) => void }> = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    let outcomes: Array<Promise<void>>;
    try {
      outcomes = run(batch.map((op) => op.task));
    } catch (error) {
      for (const op of batch) op.reject(error);
      return;
    }
    batch.forEach((op, i) => outcomes[i]!.then(op.resolve, op.reject));
  };
  return (task) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ task, resolve, reject });
    });
}

/** The ledger's own append path (openSqliteStore), grouped: each append runs synchronously inside the outer transaction. */
export function groupCommitLedgerFactory(dir: string): TargetFactory {
  return {
    variant: 'ledger, group commit (probe)',
    store: 'sqlite',
    baseline: false,
    async open(name) {
      const store = openSqliteStore(join(dir, `${name}-ledger-grouped.sqlite`));
      const inner = ledgerTarget(store);
      // SqliteEventStore.append does all its work synchronously before its first await, so inside
      // db.transaction each call is a savepoint of the one outer transaction.
      const enqueue = grouped((tasks) => {
        let outcomes: Array<Promise<void>> = [];
        store.database.transaction(() => {
          outcomes = tasks.map((task) => task());
        })();
        return outcomes;
      });
      const target: BenchTarget = {
        ...inner,
        append: (events: readonly WorkloadEvent[], expected: number | null) =>
          enqueue(async () => {
            await store.append(events[0]!.streamId, events.map(toProposedEvent), expected ?? NO_STREAM);
          }),
      };
      return target;
    },
  };
}

/** The raw-driver baseline, grouped the same way: the physical limit for many durable writers. */
export function groupCommitRawFactory(dir: string): TargetFactory {
  return {
    variant: 'raw driver, group commit',
    store: 'sqlite',
    baseline: true,
    async open(name) {
      const raw = openRawSqlite(join(dir, `${name}-raw-grouped.sqlite`));
      const enqueue = grouped((tasks) => {
        let outcomes: Array<Promise<void>> = [];
        raw.database.transaction(() => {
          outcomes = tasks.map((task) => task());
        })();
        return outcomes;
      });
      return { ...raw, append: (events, expected) => enqueue(() => raw.append(events, expected)) };
    },
  };
}
