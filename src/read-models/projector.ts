import type { LedgerEntry } from '../ledger/envelope.js';
import type { EventStore, Subscription } from '../store/port.js';

export interface Projection<State> {
  name: string;
  initial: () => State;
  apply: (state: State, entry: LedgerEntry) => State;
}

export interface RunningProjection<State> {
  readonly state: State;
  /** Resolves once every entry up to `position` is in the read model (read-your-writes for queries). */
  waitFor(position: number): Promise<void>;
  stop(): Promise<void>;
}

/** Keep a read model up to date from a catch-up subscription on the global log. */
export function runProjection<State>(store: EventStore, projection: Projection<State>, onError: (error: unknown) => void): RunningProjection<State> {
  let state = projection.initial();
  let failure: unknown = null;
  let handled = 0;
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

  const subscription: Subscription = store.subscribe({
    fromPosition: 1,
    onEntries: (entries) => {
      for (const entry of entries) state = projection.apply(state, entry);
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
    get state() {
      return state;
    },
    waitFor(position) {
      if (failure) return Promise.reject(failure);
      if (handled >= position) return Promise.resolve();
      return new Promise((resolve, reject) => waiters.push({ position, resolve, reject }));
    },
    stop: () => subscription.stop(),
  };
}
