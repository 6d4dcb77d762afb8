import type { EventStore, Subscription } from '../store/port.js';
import type { DocumentProjection, DocumentReader, ReadModelStore } from './read-model-store.js';

export interface RunningProjection {
  readonly name: string;
  readonly reader: DocumentReader;
  /** Global position of the last entry folded in: how far the read model has got (readiness and metrics compare it with the head). */
  readonly position: number;
  /** True once the subscription stopped on an error: the read model then falls further behind with every append. */
  readonly failed: boolean;
  /** Resolves once every entry up to `position` is in the read model (read-your-writes for queries). */
  waitFor(position: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Keep a stored read model up to date from a catch-up subscription, starting after its checkpoint.
 * A read model stored under another version is dropped and rebuilt from the start of the log.
 */
export async function startProjection(
  events: EventStore,
  readModels: ReadModelStore,
  projection: DocumentProjection,
  onError: (error: unknown) => void,
): Promise<RunningProjection> {
  const checkpoint = await readModels.checkpoint(projection.name);
  let handled = checkpoint?.version === projection.version ? checkpoint.position : 0;
  if (checkpoint?.version !== projection.version) await readModels.reset(projection);

  let failure: unknown = null;
  const waiters: Array<{ position: number; resolve: () => void; reject: (e: unknown) => void }> = [];
  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (failure) waiter.reject(failure);
      else if (handled >= waiter.position) waiter.resolve();
      else continue;
      waiters.splice(i, 1);
    }
  };

  /**
   * Another process sharing the read models (a second server on PostgreSQL, a rebuild) may have reset them since
   * this subscription passed those entries: fold again what the reset dropped, so the read model has no hole.
   * The commits skip whatever that process folds meanwhile. Costs one checkpoint read per batch.
   */
  const refoldAfterReset = async (first: number) => {
    const stored = await readModels.checkpoint(projection.name);
    if (stored?.version !== projection.version || stored.position >= handled) return;
    for (let next = stored.position + 1; next < first; ) {
      const missed = (await events.readAll(next, Math.min(500, first - next))).filter((e) => e.globalPosition < first);
      if (missed.length === 0) break;
      await readModels.commit(projection, missed);
      next = missed.at(-1)!.globalPosition + 1;
    }
  };

  const subscription: Subscription = events.subscribe({
    fromPosition: handled + 1,
    onEntries: async (entries) => {
      if (entries.length > 0) await refoldAfterReset(entries[0]!.globalPosition);
      await readModels.commit(projection, entries);
      handled = entries.at(-1)?.globalPosition ?? handled;
      settle();
    },
    onError: (error) => {
      failure = new Error(`projection ${projection.name} stopped`, { cause: error });
      onError(error);
      settle();
    },
  });

  return {
    name: projection.name,
    reader: readModels.reader(projection.name),
    get position() {
      return handled;
    },
    get failed() {
      return failure !== null;
    },
    waitFor(position) {
      if (failure) return Promise.reject(failure);
      if (handled >= position) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ position, resolve, reject }));
    },
    stop: () => subscription.stop(),
  };
}
