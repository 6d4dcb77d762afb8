import type { LedgerEntry } from '../ledger/envelope.js';
import type { SubscribeOptions, Subscription } from './port.js';

export type ReadFrom = (fromPosition: number, limit: number) => Promise<LedgerEntry[]>;
/** Registers a callback run after each local append; returns the unregister function. */
export type OnAppended = (listener: () => void) => () => void;

/**
 * Catch-up subscription shared by the adapters: read batches from a position until nothing is left,
 * then sleep until a local append wakes it or the poll interval passes (another process may write).
 * The handler sees each entry exactly once, in global order; a failing handler stops the subscription.
 */
export function catchUpSubscription(
  readFrom: ReadFrom,
  onAppended: OnAppended,
  options: SubscribeOptions & { pollIntervalMs?: number },
): Subscription {
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  let next = options.fromPosition;
  let lastHandled = Math.max(0, options.fromPosition - 1);
  let stopped = false;
  let wake: (() => void) | null = null;
  const unregister = onAppended(() => wake?.());

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const loop = (async () => {
    while (!stopped) {
      const entries = await readFrom(next, batchSize);
      if (stopped) break;
      if (entries.length > 0) {
        await options.onEntries(entries);
        const last = entries[entries.length - 1]!.globalPosition;
        lastHandled = last;
        next = last + 1;
        if (entries.length === batchSize) continue;
      }
      await sleep();
    }
  })().catch((error: unknown) => {
    stopped = true;
    options.onError?.(error);
  });

  return {
    get lastHandled() {
      return lastHandled;
    },
    async stop() {
      stopped = true;
      wake?.();
      unregister();
      await loop;
    },
  };
}
