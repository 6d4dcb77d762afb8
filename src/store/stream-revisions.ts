import type { EventStore, Subscription } from './port.js';

/**
 * The revision of every stream of one kind (children's records), kept in memory from the store's heads and its
 * catch-up subscription, so a list over thousands of children asks the store once for its head position rather
 * than once per child. Read-your-writes: `caughtUp` resolves once every entry up to the head as it is now is
 * counted, so an answer never misses an append made before the question.
 */
export interface StreamRevisions {
  caughtUp(): Promise<void>;
  /** The stream's revision as counted so far (after `caughtUp`, at least as recent as the question); undefined for none. */
  revisionOf(streamId: string): number | undefined;
  /** Every stream counted so far and its revision. */
  streams(): IterableIterator<[streamId: string, revision: number]>;
  /** Grows whenever a counted stream grows: an answer built from the revisions at one count holds until it changes. */
  readonly count: number;
  stop(): Promise<void>;
}

export async function trackStreamRevisions(store: EventStore, prefix: string): Promise<StreamRevisions> {
  const revisions = new Map<string, number>();
  let changes = 0;
  const count = (streamId: string, revision: number) => {
    if (!streamId.startsWith(prefix) || (revisions.get(streamId) ?? -1) >= revision) return;
    revisions.set(streamId, revision);
    changes++;
  };
  // Heads read after the position: whatever lands in between is counted twice, which the maximum makes harmless.
  let handled: number = await store.headPosition();
  for (const head of await store.streamHeads()) count(head.streamId, head.revision);

  let failure: unknown = null;
  const waiters: Array<{ position: number; resolve: () => void; reject: (error: unknown) => void }> = [];
  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const waiter = waiters[i]!;
      if (failure) waiter.reject(failure);
      else if (handled >= waiter.position) waiter.resolve();
      else continue;
      waiters.splice(i, 1);
    }
  };
  const subscription: Subscription = store.subscribe({
    fromPosition: handled + 1,
    onEntries: (entries) => {
      for (const entry of entries) count(entry.streamId, entry.streamRevision);
      handled = entries.at(-1)?.globalPosition ?? handled;
      settle();
    },
    onError: (error) => {
      failure = new Error('the count of stream revisions stopped', { cause: error });
      settle();
    },
  });

  return {
    async caughtUp() {
      const head = await store.headPosition();
      if (failure) throw failure;
      if (handled >= head) return;
      await new Promise<void>((resolve, reject) => waiters.push({ position: head, resolve, reject }));
    },
    revisionOf: (streamId) => revisions.get(streamId),
    streams: () => revisions.entries(),
    get count() {
      return changes;
    },
    stop: () => subscription.stop(),
  };
}
