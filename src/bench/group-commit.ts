import { join } from 'node:path';
import { openRawSqlite } from './raw-sqlite.js';
import type { TargetFactory } from './target.js';

/**
 * Group commit for the raw driver, the same way the SQLite store groups its appends (src/store/sqlite-store.ts):
 * inserts that arrive in the same turn of the event loop run in one transaction and are acknowledged together
 * after its single fsync. Every acknowledged row is durable, and W writers pay for one commit instead of W.
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

/** The raw-driver baseline, grouped: the physical limit for many durable writers, beside the store's own group commit. */
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
