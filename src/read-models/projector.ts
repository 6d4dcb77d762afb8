import type { LedgerEntry } from '../ledger/envelope.js';
import type { EventStore, Subscription } from '../store/port.js';
import type { DocumentProjection, DocumentReader, ReadModelStore } from './read-model-store.js';

export interface RunningProjection {
  readonly name: string;
  readonly reader: DocumentReader;
  /** Global position of the last entry folded in: how far the read model has got (readiness and metrics compare it with the head). */
  readonly position: number;
  /** True once the read model stopped on an error: it then falls further behind with every append. */
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
  const [running] = await startProjections(events, readModels, [projection], onError);
  return running!;
}

/** One read model as the shared subscription keeps it: how far it has got, and whether it has stopped. */
class Follower {
  handled: number;
  failure: Error | null = null;
  private readonly waiters: Array<{ position: number; resolve: () => void; reject: (e: unknown) => void }> = [];

  constructor(
    readonly projection: DocumentProjection,
    from: number,
    private readonly onError: (error: unknown, projection: string) => void,
  ) {
    this.handled = from;
  }

  fail(error: unknown): void {
    if (this.failure) return;
    this.failure = new Error(`projection ${this.projection.name} stopped`, { cause: error });
    this.onError(error, this.projection.name);
    this.settle();
  }

  settle(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (this.failure) waiter.reject(this.failure);
      else if (this.handled >= waiter.position) waiter.resolve();
      else continue;
      this.waiters.splice(i, 1);
    }
  }

  waitFor(position: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.handled >= position) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }
}

/**
 * Keep several stored read models up to date from one catch-up subscription, so each appended entry is read
 * (and decrypted) once for all of them and each batch is folded into all of them in one transaction. Each keeps
 * its own checkpoint and version: one stored under another version is dropped and rebuilt from the start of
 * the log, and the subscription starts after the checkpoint furthest behind (the commits skip, per read
 * model, what its checkpoint already has). A read model whose fold fails stops alone; the others go on.
 */
export async function startProjections(
  events: EventStore,
  readModels: ReadModelStore,
  projections: readonly DocumentProjection[],
  onError: (error: unknown, projection: string) => void,
): Promise<RunningProjection[]> {
  const followers: Follower[] = [];
  for (const projection of projections) {
    const checkpoint = await readModels.checkpoint(projection.name);
    const current = checkpoint?.version === projection.version;
    if (!current) await readModels.reset(projection);
    followers.push(new Follower(projection, current ? checkpoint.position : 0, onError));
  }

  /**
   * Another process sharing the read models (a second server on PostgreSQL, a rebuild) may have reset one since
   * this subscription passed those entries: fold again what the reset dropped, so the read model has no hole.
   * The commits skip whatever that process folds meanwhile. Costs one checkpoint read per read model per batch.
   */
  const refoldAfterReset = async (follower: Follower, first: number) => {
    const { projection } = follower;
    const stored = await readModels.checkpoint(projection.name);
    if (stored?.version !== projection.version || stored.position >= follower.handled) return;
    for (let next = stored.position + 1; next < first; ) {
      const missed = (await events.readAll(next, Math.min(500, first - next))).filter((e) => e.globalPosition < first);
      if (missed.length === 0) break;
      await readModels.commit(projection, missed);
      next = missed.at(-1)!.globalPosition + 1;
    }
  };

  const fold = async (entries: LedgerEntry[]) => {
    const last = entries.at(-1)?.globalPosition;
    if (last === undefined) return;
    const behind = followers.filter((f) => !f.failure && f.handled < last);
    for (const follower of behind) await refoldAfterReset(follower, entries[0]!.globalPosition).catch((error: unknown) => follower.fail(error));
    const live = behind.filter((f) => !f.failure);
    try {
      if (live.length === 1) await readModels.commit(live[0]!.projection, entries);
      else if (live.length > 1) await readModels.commitAll(live.map((f) => f.projection), entries);
    } catch {
      // The batch rolled back for all of them: commit each alone, so only a read model that cannot fold it stops.
      for (const follower of live) await readModels.commit(follower.projection, entries).catch((error: unknown) => follower.fail(error));
    }
    for (const follower of live) {
      if (follower.failure) continue;
      follower.handled = Math.max(follower.handled, last);
      follower.settle();
    }
  };

  const subscription: Subscription | null =
    followers.length === 0
      ? null
      : events.subscribe({
          fromPosition: Math.min(...followers.map((f) => f.handled)) + 1,
          onEntries: fold,
          onError: (error) => {
            for (const follower of followers) follower.fail(error);
          },
        });
  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= subscription?.stop() ?? Promise.resolve());

  return followers.map((follower) => ({
    name: follower.projection.name,
    reader: readModels.reader(follower.projection.name),
    get position() {
      return follower.handled;
    },
    get failed() {
      return follower.failure !== null;
    },
    waitFor: (position: number) => follower.waitFor(position),
    stop,
  }));
}
