import type { AccessEntry } from './access-entry.js';

/**
 * Appends that arrive while a commit is pending are committed together: many concurrent reads cost one
 * durable write, and each caller is answered only once its own entries are durable.
 */
export function groupCommit(commit: (entries: AccessEntry[]) => Promise<void> | void): {
  append(entries: readonly AccessEntry[]): Promise<void>;
  drain(): Promise<void>;
} {
  let pending: Array<{ entries: readonly AccessEntry[]; resolve: () => void; reject: (error: Error) => void }> = [];
  let running: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    try {
      await commit(batch.flatMap((b) => b.entries));
      for (const b of batch) b.resolve();
    } catch (error) {
      for (const b of batch) b.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return {
    append(entries) {
      if (entries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        // The first waiter schedules the commit; later ones in the same turn ride along with it.
        if (pending.length === 0) running = running.then(() => new Promise<void>((done) => setImmediate(() => void flush().then(done))));
        pending.push({ entries, resolve, reject });
      });
    },
    drain: () => running.then(flush),
  };
}
