/**
 * Runs tasks for the same key one after another, tasks for different keys concurrently.
 * Writers to one child in this process then queue instead of racing; optimistic concurrency
 * still guards against other processes and against callers who decided on an old revision.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
