import { StreamNotFoundError, type StreamingRead } from '@eventstore/db-client';

/** Drains one ESDB read. A stream that does not exist reads as empty, as the port's streams do. */
export async function drain<E>(read: StreamingRead<E>): Promise<E[]> {
  const events: E[] = [];
  try {
    for await (const event of read) events.push(event);
  } catch (error) {
    if (error instanceof StreamNotFoundError) return [];
    throw error;
  }
  return events;
}

/** Runs `task` over `items` with at most `limit` in flight, keeping the order of the results. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
